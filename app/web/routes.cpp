// Every page and API call in one table, and the filters every request passes before its handler:
// another site's form is refused, then sign-in, role and CSRF as the route asks
// (docs/security.md). The security headers are set once, after routing, by handle().
#include <string>

#include "pages.h"
#include "replies.h"
#include "request.h"
#include "web_app.h"

namespace swelltrack::web {
namespace {

constexpr const char* text_plain = "text/plain; charset=utf-8";

bool matches(const std::vector<std::string_view>& pattern, const std::vector<std::string>& path) {
    if (pattern.size() != path.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i)
        if (pattern[i] != "*" && pattern[i] != path[i]) return false;
    return true;
}

// The segment a pattern's "*" matched (each route has at most one); empty when it has none.
std::string star(const std::vector<std::string_view>& pattern, const std::vector<std::string>& path) {
    for (std::size_t i = 0; i < pattern.size(); ++i)
        if (pattern[i] == "*") return path[i];
    return {};
}

void refuse(WebApp::Call& c, int status, const std::string& api_error, const std::string& page_text) {
    if (c.api) return json_reply(c.res, status, error_body(api_error));
    c.res.status = status;
    c.res.set_content(page_text, text_plain);
}

}  // namespace

const std::vector<WebApp::Route>& WebApp::routes() {
    using A = Access;
    static const std::vector<Route> table{
        {{"assets", "*"}, "GET", A::anyone, &WebApp::asset},
        {{"login"}, "GET", A::anyone, &WebApp::page_login_form},
        {{"login"}, "POST", A::anyone, &WebApp::login},
        // A phone's calendar cannot sign in: the feed is reached by the secret in its URL.
        {{"clients", "*", "schedule.ics"}, "GET", A::anyone, &WebApp::calendar_feed},
        {{"logout"}, "POST", A::signed_in, &WebApp::logout},
        {{"api", "csrf"}, "GET", A::signed_in, &WebApp::api_csrf},
        {{"api", "status"}, "GET", A::therapist, &WebApp::api_status},
        {{"api", "clients", "*", "history"}, "GET", A::signed_in, &WebApp::api_history},
        {{"api", "clients", "*", "sessions"}, "POST", A::signed_in, &WebApp::api_add_session},
        {{"api", "clients", "*", "sessions", "*"}, "PATCH", A::signed_in, &WebApp::api_edit_session},
        {{"api", "clients", "*", "sessions", "*"}, "DELETE", A::signed_in, &WebApp::api_delete_session},
        {{"api", "clients", "*", "photos"}, "GET", A::signed_in, &WebApp::api_photos},
        {{"api", "clients", "*", "photos"}, "POST", A::signed_in, &WebApp::api_add_photo},
        {{}, "GET", A::signed_in, &WebApp::page_home},
        {{"clients", "*"}, "GET", A::signed_in, &WebApp::page_client},
        {{"clients", "*", "log"}, "GET", A::signed_in, &WebApp::page_log},
        {{"clients", "*", "log"}, "POST", A::signed_in, &WebApp::page_log},
        {{"clients", "*", "sessions", "*", "edit"}, "GET", A::signed_in, &WebApp::page_edit},
        {{"clients", "*", "sessions", "*", "edit"}, "POST", A::signed_in, &WebApp::page_edit},
        {{"clients", "*", "sessions", "*", "delete"}, "GET", A::signed_in, &WebApp::page_delete},
        {{"clients", "*", "sessions", "*", "delete"}, "POST", A::signed_in, &WebApp::page_delete},
        {{"clients", "*", "report.pdf"}, "GET", A::signed_in, &WebApp::report_pdf},
        // Her photos: she and her therapist add and see them; each image is served like a page.
        {{"clients", "*", "photos"}, "POST", A::signed_in, &WebApp::photo_add},
        {{"clients", "*", "photos", "*"}, "GET", A::signed_in, &WebApp::photo_file},
        {{"clients", "*", "photos", "*", "thumbnail"}, "GET", A::signed_in, &WebApp::photo_file},
        {{"clients", "*", "photos", "*", "delete"}, "GET", A::signed_in, &WebApp::photo_delete},
        {{"clients", "*", "photos", "*", "delete"}, "POST", A::signed_in, &WebApp::photo_delete},
        {{"clients", "*", "calendar"}, "POST", A::signed_in, &WebApp::calendar_change},
        {{"clients", "*", "reminders"}, "POST", A::signed_in, &WebApp::reminders_change},
        // The therapist's: a client's baseline, schedule, archive and treatment courses.
        {{"clients", "*", "sessions", "*", "baseline"}, "GET", A::therapist, &WebApp::page_baseline},
        {{"clients", "*", "sessions", "*", "baseline"}, "POST", A::therapist, &WebApp::page_baseline},
        {{"clients", "*", "compare"}, "GET", A::therapist, &WebApp::page_compare},
        {{"settings"}, "GET", A::therapist, &WebApp::page_settings},
        {{"settings"}, "POST", A::therapist, &WebApp::page_settings},
        {{"new-client"}, "GET", A::therapist, &WebApp::page_new_client},
        {{"new-client"}, "POST", A::therapist, &WebApp::page_new_client},
        {{"clients", "*", "restore", "*"}, "GET", A::therapist, &WebApp::page_restore},
        {{"clients", "*", "restore", "*"}, "POST", A::therapist, &WebApp::page_restore},
        {{"clients", "*", "schedule"}, "POST", A::therapist, &WebApp::schedule_change},
        {{"clients", "*", "archive"}, "POST", A::therapist, &WebApp::archive_change},
        {{"clients", "*", "photo-consent"}, "POST", A::therapist, &WebApp::photo_consent},
        {{"clients", "*", "courses"}, "POST", A::therapist, &WebApp::course_add},
        {{"clients", "*", "courses", "*"}, "GET", A::therapist, &WebApp::page_course},
        {{"clients", "*", "courses", "*"}, "POST", A::therapist, &WebApp::page_course},
        {{"clients", "*", "invite"}, "POST", A::therapist, &WebApp::invite_make},
        // Whoever holds an invitation's link has no login yet: reached by the secret in its URL.
        {{"invite", "*"}, "GET", A::anyone, &WebApp::page_invite},
        {{"invite", "*"}, "POST", A::anyone, &WebApp::invite_accept},
        {{"clients", "*", "share"}, "POST", A::therapist, &WebApp::share_make},
        {{"clients", "*", "share", "revoke"}, "POST", A::therapist, &WebApp::share_revoke},
        // A clinician given a report link has no login: read-only, by the secret in its URL, GET only.
        {{"shared", "*"}, "GET", A::anyone, &WebApp::page_shared},
        {{"shared", "*", "report.pdf"}, "GET", A::anyone, &WebApp::shared_pdf},
    };
    return table;
}

namespace {
// Where to go back to after signing in (a client's page, or the form a POST came from, whose values
// app.js keeps in the tab's draft), as /login's query: "?next=...", "&kept=1" after a form's POST.
std::string resume_query(const WebApp::Call& c) {
    if (c.path.size() < 2 || c.path[0] != "clients") return {};
    const bool post = c.req.method == "POST";
    if (post && c.path.back() != "log" && c.path.back() != "edit" && c.path.back() != "delete") return {};
    if (c.req.method != "GET" && !post) return {};
    std::string path;
    for (const auto& segment : c.path) path += "/" + percent_encode(segment);
    return "?next=" + percent_encode(path) + (post ? "&kept=1" : "");
}
}  // namespace

void WebApp::route(Call& c) {
    const bool post = c.req.method != "GET";  // POST, PATCH, DELETE: every method that changes something
    // A form posted from another site is refused before anything else (the CSRF token below is
    // the main defence; this also covers the login form, which has no session yet). Browsers send
    // "Origin: null" for our own forms (Referrer-Policy: no-referrer), and Sec-Fetch-Site tells.
    if (post) {
        auto origin = c.req.get_header_value("Origin");
        auto site = c.req.get_header_value("Sec-Fetch-Site");
        if ((!origin.empty() && origin != "null" && origin != this->origin(c)) || site == "cross-site" ||
            site == "same-site")
            return refuse(c, 403, "a request from another site is refused", "A form from another site is refused.\n");
    }

    std::vector<const Route*> found;
    for (const auto& r : routes())
        if (matches(r.pattern, c.path)) found.push_back(&r);
    // What is not a public route (an unknown address too) needs a signed-in login first.
    const Access access = found.empty() ? Access::signed_in : found.front()->access;
    if (access != Access::anyone) {
        c.who = signed_in(c.req);
        if (!c.who) {
            if (c.api) return json_reply(c.res, 401, error_body("sign in first: POST /login"));
            c.res.status = 303;
            c.res.set_header("Location", "/login" + resume_query(c));
            return;
        }
        // Every state change carries this session's CSRF token (docs/security.md#csrf).
        if (post) {
            std::string token = c.req.get_header_value("X-CSRF-Token");
            if (token.empty())
                if (auto it = c.form.find("csrf"); it != c.form.end()) token = it->second;
            if (!same_secret(token, c.who->csrf))
                return refuse(c, 403, "missing or wrong CSRF token: send X-CSRF-Token from GET /api/csrf",
                              "This form has expired; go back, reload the page and send it again.\n");
        }
    }
    if (found.empty()) return refuse(c, 404, "no such API call; docs/web-api.md lists them", "Not found\n");

    const Route* chosen = nullptr;
    std::string allow;
    for (const auto* r : found) {
        if (r->method == c.req.method) chosen = r;
        allow += (allow.empty() ? "" : ", ") + std::string(r->method);
    }
    if (!chosen) {
        c.res.set_header("Allow", allow);
        return refuse(c, 405, c.req.method + " is not allowed here; allowed: " + allow, "Method not allowed\n");
    }
    if (chosen->access == Access::therapist && c.who->role != Role::therapist)
        return refuse(c, 403, "only a therapist may do this", "Only a therapist may do this.\n");

    const auto name = star(chosen->pattern, c.path);
    if (const auto* plain = std::get_if<Plain>(&chosen->handler)) return (this->**plain)(c);
    if (const auto* of_name = std::get_if<OfName>(&chosen->handler)) return (this->**of_name)(c, name);
    if (auto client = visible_client(c, name)) (this->*std::get<OfClient>(chosen->handler))(c, *client);
}

void WebApp::asset(Call& c, const std::string& name) {
    const auto* found = find_asset(name);
    if (!found) return refuse(c, 404, "no such asset", "Not found\n");
    c.res.status = 200;
    c.res.set_content(std::string(found->body), found->content_type);
}

}  // namespace swelltrack::web
