// The pages (web_app.h): the login page here; each page is built with Html, so every value is escaped.
#include "pages.h"

#include "assets.h"
#include "web_app.h"

namespace swelltrack::web {

std::string document(std::string_view title, const Html& body) {
    Html h;
    h.leaf("meta", {{"charset", "utf-8"}})
        .leaf("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}})
        .leaf("meta", {{"name", "referrer"}, {"content", "no-referrer"}})
        .el("title", std::string(title) + " - swelltrack")
        .leaf("link", {{"rel", "stylesheet"}, {"href", "/assets/app.css"}})
        .open("script", {{"src", "/assets/app.js"}, {"defer", "defer"}})
        .close("script");
    return "<!DOCTYPE html>\n<html lang=\"en\"><head>" + h.str() + "</head><body>" + body.str() + "</body></html>\n";
}

const Asset* find_asset(std::string_view name) {
    static const Asset css{"text/css; charset=utf-8", assets::app_css};
    static const Asset js{"text/javascript; charset=utf-8", assets::app_js};
    if (name == "app.css") return &css;
    if (name == "app.js") return &js;
    return nullptr;
}

void WebApp::page_login(Call& c, int status, const std::string& message) {
    Html b;
    b.open("main", {{"class", "login"}}).el("h1", "Sign in to swelltrack");
    if (!message.empty()) b.el("p", {{"class", "message error"}, {"role", "alert"}}, message);
    b.open("form", {{"method", "post"}, {"action", "/login"}})
        .el("label", {{"for", "login"}}, "Login")
        .leaf("input", {{"id", "login"},
                        {"name", "login"},
                        {"type", "text"},
                        {"autocomplete", "username"},
                        {"autocapitalize", "none"},
                        {"required", "required"}})
        .el("label", {{"for", "password"}}, "Password")
        .leaf("input", {{"id", "password"},
                        {"name", "password"},
                        {"type", "password"},
                        {"autocomplete", "current-password"},
                        {"required", "required"}})
        .open("p")
        .el("button", {{"type", "submit"}}, "Sign in")
        .close("p")
        .close("form")
        .close("main");
    c.res.status = status;
    c.res.set_content(document("Sign in", b), "text/html; charset=utf-8");
}

}  // namespace swelltrack::web
