// Report links on the web (web_app.h, docs/security.md#report-links): on a client's page, her
// therapist's "Share the report with a clinician" form and list of links; the link shown once; and
// the public, read-only page and PDF reached by the secret in the link.
#include "client_page.h"
#include "pages.h"
#include "remedy.h"
#include "request.h"
#include "swelltrack/actions.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/limits.h"
#include "web_app.h"

namespace swelltrack::web {

namespace {

constexpr const char* text_plain = "text/plain; charset=utf-8";

std::string shared_path(std::string_view token) { return "/shared/" + percent_encode(token); }

/// A dead link, whatever the reason (never made, expired, revoked): one sentence, the same for all.
void link_gone(WebApp::Call& c) {
    c.res.status = 404;
    c.res.set_content("This link does not work. Ask whoever sent it for a new one.\n", text_plain);
}

/// "expires 2026-12-18 10:00", "expired" or "revoked".
std::string link_state(const ReportLink& l, date::sys_seconds now) {
    if (l.revoked_at) return "revoked";
    if (now >= l.expires_at.utc) return "expired";
    return "expires " + display::minute(l.expires_at);
}

std::string for_whom(const ReportLink& l) { return l.label.empty() ? "no one named" : l.label; }

/// Who made a link, as a reader knows them: the login, without the audit trail's " (web)".
std::string maker(const ReportLink& l) {
    constexpr std::string_view web = " (web)";
    const auto& by = l.created_by;
    return by.size() > web.size() && by.ends_with(web) ? by.substr(0, by.size() - web.size()) : by;
}

void share_form(Html& b, const std::string& csrf, const Client& client) {
    b.open("form", {{"method", "post"}, {"action", client_path(client.name, "share")}, {"class", "share"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", csrf}})
        .open("div", {{"class", "field"}})
        .el("label", {{"for", "share-label"}}, "For whom (optional)")
        .el("p", {{"class", "muted small"}, {"id", "share-label-hint"}},
            "For example \u201cDr. Weber, oncology\u201d: it names the link in this list and in the record.")
        .leaf("input", {{"id", "share-label"},
                        {"name", "label"},
                        {"type", "text"},
                        {"maxlength", std::to_string(static_cast<int>(limits::share_label_bytes.hi))},
                        {"aria-describedby", "share-label-hint"}})
        .close("div")
        .open("div", {{"class", "field"}})
        .el("label", {{"for", "share-days"}}, "Days valid (" + range_text(limits::share_days) + ")")
        .leaf("input", {{"id", "share-days"},
                        {"name", "days"},
                        {"type", "number"},
                        {"inputmode", "numeric"},
                        {"min", std::to_string(static_cast<int>(limits::share_days.lo))},
                        {"max", std::to_string(static_cast<int>(limits::share_days.hi))},
                        {"value", std::to_string(limits::share_default_days)}})
        .close("div")
        .el("button", {{"type", "submit"}}, "Make a report link")
        .close("form");
}

}  // namespace

// On a client's page, for her therapist: a form that makes a link, and every link made, with its
// state and a Revoke button for the open ones.
void WebApp::share_part(Html& b, Call& c, const Client& client) {
    b.el("h2", {{"id", "share"}}, "Share the report with a clinician");
    if (query_value(c.req.target, "share"))
        b.el("p", {{"class", "message ok"}, {"role", "status"}}, "Revoked: the link no longer opens.");
    b.el("p", {{"class", "muted"}},
         "A read-only link to " + client.name +
             "\u2019s summary, charts and PDF report for someone without a login. Whoever has it can read them "
             "until it expires or is revoked; each opening is recorded.");
    share_form(b, c.who->csrf, client);
    const auto links = actions::report_links(store(), client);
    if (links.empty()) return;
    const auto now = now_local().utc;
    b.open("ul", {{"class", "links"}});
    for (const auto& l : links) {
        b.open("li").text("For " + for_whom(l) + ", made " + display::minute(l.created_at) + " by " + maker(l) + ": " +
                          link_state(l, now));
        if (l.open_at(now))
            b.text(" ")
                .open("form",
                      {{"method", "post"}, {"action", client_path(client.name, "share/revoke")}, {"class", "inline"}})
                .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
                .leaf("input", {{"type", "hidden"}, {"name", "id"}, {"value", std::to_string(l.id)}})
                .el("button",
                    {{"type", "submit"}, {"class", "secondary"}, {"aria-label", "Revoke the link for " + for_whom(l)}},
                    "Revoke")
                .close("form");
        b.close("li");
    }
    b.close("ul");
}

void WebApp::share_make(Call& c, const Client& client) {
    const std::string title = "A report link for " + client.name;
    Html b;
    try {
        actions::NewReportLink in{client, c.form.count("label") ? c.form.at("label") : std::string()};
        const std::string typed = c.form.count("days") ? c.form.at("days") : std::string();
        const auto days = detail::trim(typed);  // a view of `typed`, which outlives it
        if (!days.empty()) in.days_valid = *parse_limited_int(limits::share_days, days, "days");
        auto made = actions::share_report(store(), in, secrets(), actor(c));
        const auto url = origin(c) + shared_path(made.token);
        b.el("h1", title)
            .el("p", "Send this link to " + for_whom(made.link) +
                         ". It opens a read-only page with the summary and charts, and the PDF report, without a "
                         "login.")
            .open("div", {{"class", "field"}})
            .el("label", {{"for", "share-url"}}, "Report link")
            .leaf("input", {{"id", "share-url"}, {"type", "text"}, {"readonly", "readonly"}, {"value", url}})
            .close("div")
            .open("p", {{"class", "actions"}})
            .el("button",
                {{"type", "button"}, {"class", "secondary"}, {"data-copy", "share-url"}, {"hidden", "hidden"}},
                "Copy the link")
            .close("p")
            .el("p", {{"class", "muted"}},
                "It works until " + display::minute(made.link.expires_at) + ", or until you revoke it on " +
                    client.name + "\u2019s page. It is not shown again: a lost link is replaced by making a new one.")
            .el("a", {{"href", client_path(client.name, "") + "#share"}}, "Back to " + client.name);
        return reply_page(c, 200, title, b);
    } catch (const UserError& e) {
        b.el("h1", title)
            .el("p", {{"class", "message error"}, {"role", "alert"}}, error_text(e, client.limb))
            .el("a", {{"href", client_path(client.name, "") + "#share"}}, "Back to " + client.name);
        return reply_page(c, 422, title, b);
    }
}

void WebApp::share_revoke(Call& c, const Client& client) {
    const auto id = c.form.count("id") ? c.form.at("id") : std::string();
    const bool number = !id.empty() && id.size() <= 18 && id.find_first_not_of("0123456789") == std::string::npos;
    if (!number || !actions::revoke_report_link(store(), client, std::stoll(id), actor(c))) {
        c.res.status = 404;
        return c.res.set_content("id: '" + id + "' is not an open report link of " + client.name + "\n", text_plain);
    }
    c.res.status = 303;
    c.res.set_header("Location", client_path(client.name, "") + "?share=revoked#share");
}

std::optional<std::pair<ReportLink, Client>> WebApp::shared_client(Call& c, const std::string& token,
                                                                   actions::SharedPart part) {
    c.res.set_header("X-Robots-Tag", "noindex");
    // Dead links followed count as an invitation's do, under a key of their own.
    const std::string key = "shared from " + c.req.remote_addr;
    if (too_many_tries(c, key)) return std::nullopt;
    auto link = actions::open_report_link(store(), token, part, secrets());
    auto client = link ? store().find_client(link->client_name) : std::nullopt;
    if (!client) {
        link_gone(c);
        return std::nullopt;
    }
    throttle_.forgive(key);
    return std::pair{*link, *client};
}

// The clinician's page: what the therapist sees of the client's state and charts, read-only: no
// form, no link into the site, who shared it and until when, and the PDF.
void WebApp::page_shared(Call& c, const std::string& token) {
    auto found = shared_client(c, token, actions::SharedPart::page);
    if (!found) return;
    const auto& [link, client] = *found;
    auto& db = store();
    const auto generation = generation_.load();
    const auto now = now_local();
    const auto overview = actions::course_overview(db, client, now.local_date());
    const History& h = overview.history;
    auto st = summarize(h, now.utc);
    Html b;
    b.el("h1", client.name)
        .el("p", {{"class", "muted"}}, client_about(client))
        .el("p", {{"class", "message ok"}, {"role", "status"}},
            "Shared by " + maker(link) + (link.label.empty() ? "" : " for " + link.label) + ", read-only, until " +
                display::minute(link.expires_at) + ".");
    clinical_overview(b, h, st);
    b.open("p", {{"class", "actions"}})
        .el("a", {{"class", "button"}, {"href", shared_path(token) + "/report.pdf"}, {"download", ""}}, "PDF report")
        .close("p");
    baseline_part(b, h);
    if (!h.sessions.empty())
        b.el("h2", "Charts")
            .open("div", {{"class", "charts"}})
            .svg(Svg{*chart_markup(client, overview, generation, false)})
            .close("div");
    if (!overview.courses.empty()) courses_part(b, h, overview.courses);
    b.el("p", {{"class", "muted small"}}, noise_note(h));
    reply_page(c, 200, client.name, b, false);
}

void WebApp::shared_pdf(Call& c, const std::string& token) {
    // A report link's holder has no login: the figures, never her photos of the skin.
    if (auto found = shared_client(c, token, actions::SharedPart::pdf)) send_report_pdf(c, found->second, false);
}

}  // namespace swelltrack::web
