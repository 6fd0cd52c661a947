// The pages' frame, the login page and the therapist's list (web_app.h). Every page is built with
// Html, so every value is escaped; no inline script or style (the Content-Security-Policy).
#include "pages.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "assets.h"
#include "request.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/svg.h"
#include "web_app.h"

namespace swelltrack::web {

std::string document(std::string_view title, const Html& body) {
    Html h;
    h.leaf("meta", {{"charset", "utf-8"}})
        .leaf("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}})
        .leaf("meta", {{"name", "referrer"}, {"content", "no-referrer"}})
        .leaf("meta", {{"name", "color-scheme"}, {"content", "light dark"}})
        .el("title", std::string(title) + " - swelltrack")
        .leaf("link", {{"rel", "stylesheet"}, {"href", "/assets/app.css"}})
        // No icon, said so: else every page makes the browser ask for /favicon.ico, a 404 in the
        // console (and, signed out, a redirect to the login page).
        .leaf("link", {{"rel", "icon"}, {"href", "data:,"}})
        .open("script", {{"src", "/assets/app.js"}, {"defer", "defer"}})
        .close("script");
    return "<!DOCTYPE html>\n<html lang=\"en\"><head>" + h.str() + "</head><body>" + body.str() + "</body></html>\n";
}

const Asset* find_asset(std::string_view name) {
    struct Named {
        std::string_view name;
        Asset asset;
    };
    // The charts' font is declared beside the page's own styles, at the address it is served from.
    static const std::string css = std::string(assets::app_css) + svg::font_face_css("/assets/");
    static const std::vector<Named> table = [] {
        std::vector<Named> t{{"app.css", {"text/css; charset=utf-8", css}},
                             {"app.js", {"text/javascript; charset=utf-8", assets::app_js}}};
        for (const auto& f : svg::font_files()) t.push_back({f.name, {"font/woff2", f.woff2}});
        return t;
    }();
    for (const auto& a : table)
        if (a.name == name) return &a.asset;
    return nullptr;
}

std::string safe_next(std::string_view next) {
    // Only a client's page, written as client_path writes it: nothing that leaves this site.
    static constexpr std::string_view allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%/";
    if (next.size() > 600 || next.substr(0, 9) != "/clients/" || next.find("//") != std::string_view::npos ||
        next.find_first_not_of(allowed) != std::string_view::npos)
        return {};
    return std::string(next);
}

std::string client_path(std::string_view name, std::string_view what) {
    return "/clients/" + percent_encode(name) + (what.empty() ? "" : "/" + std::string(what));
}

Html& attention_badge(Html& b, Attention level) {
    const auto& words = display::attention(level);
    return b.el("span", {{"class", "badge " + std::string(words.badge_class)}}, words.badge);
}

std::string WebApp::origin(const Call& c) const {
    if (!options_.public_origin.empty()) return options_.public_origin;
    return std::string(options_.tls ? "https://" : "http://") + c.req.get_header_value("Host");
}

void WebApp::reply_page(Call& c, int status, std::string_view title, const Html& body, bool site_links) {
    Html page;
    page.el("a", {{"class", "skip"}, {"href", "#main"}}, "Skip to content");
    page.open("header", {{"class", "top"}});
    if (site_links)
        page.el("a", {{"class", "brand"}, {"href", "/"}}, "swelltrack");
    else
        page.el("span", {{"class", "brand"}}, "swelltrack");
    if (c.who) {
        page.el("span", {{"class", "muted who"}}, "Signed in as " + c.who->login)
            .open("form", {{"method", "post"}, {"action", "/logout"}})
            .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
            .el("button", {{"type", "submit"}, {"class", "secondary"}}, "Sign out")
            .close("form");
    }
    page.close("header").open("main", {{"id", "main"}});
    page.add(body);
    page.close("main");
    c.res.status = status;
    c.res.set_content(document(title, page), "text/html; charset=utf-8");
}

void WebApp::page_login(Call& c, int status, const std::string& message) {
    Html b;
    b.open("div", {{"class", "login"}}).el("h1", "Sign in to swelltrack");
    if (!message.empty()) b.el("p", {{"class", "message error"}, {"role", "alert"}}, message);
    const auto next =
        safe_next(c.form.count("next") ? c.form.at("next") : query_value(c.req.target, "next").value_or(""));
    if (message.empty() && query_value(c.req.target, "kept"))
        b.el("p", {{"class", "message ok"}, {"role", "status"}},
             "Your sign-in had ended, so nothing was saved. Sign in again: what you typed is kept in this browser "
             "and comes back on the form.");
    b.open("form", {{"method", "post"}, {"action", "/login"}});
    if (!next.empty()) b.leaf("input", {{"type", "hidden"}, {"name", "next"}, {"value", next}});
    b.el("label", {{"for", "login"}}, "Login")
        .leaf("input", {{"id", "login"},
                        {"name", "login"},
                        {"type", "text"},
                        {"autocomplete", "username"},
                        {"autocapitalize", "none"},
                        {"spellcheck", "false"},
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
        .close("div");
    reply_page(c, status, "Sign in", b);
}

void WebApp::page_home(Call& c) {
    if (c.who->role == Role::client) {  // her own page is her home
        auto user = store().find_user(c.who->login);
        c.res.status = 303;
        c.res.set_header("Location", user ? client_path(user->client_name, "") : "/login");
        return;
    }
    page_clients(c);
}

}  // namespace swelltrack::web
