// A client's page (what `client show` says, the charts, recent sessions, notes, corrections), her
// PDF report and her calendar feed (web_app.h).
#include "client_page.h"

#include <algorithm>
#include <map>
#include <regex>

#include "client_report.h"
#include "pages.h"
#include "plain_view.h"
#include "remedy.h"
#include "request.h"
#include "swelltrack/actions.h"
#include "swelltrack/baseline_summary.h"
#include "swelltrack/display.h"
#include "swelltrack/ical.h"
#include "swelltrack/limits.h"
#include "swelltrack/svg.h"
#include "web_app.h"

namespace swelltrack::web {

namespace {

/// How many sessions a page of the list shows (newest first); ?page=2 and on show older ones.
constexpr std::size_t sessions_per_page = 12;
/// The box the charts are laid out in, and their text against the PDF's. A phone 360 px wide shows a
/// chart 316 px wide (less the page's and the figure's padding), and the stylesheet's columns never
/// show one wider than 340 px: 1.05 to 1.13 times this box. So the PDF's smallest text (6.5) times
/// 1.65 prints at 11.3 to 12.2 px, its labels (7) at 12.2 to 13.1 px. Text this large wraps the
/// volume chart's legend onto 8 lines: the box is tall enough to leave its plot about 150 px.
constexpr double chart_width = 300, chart_height = 360, chart_text_scale = 1.65;

void summary_table(Html& b, const display::BaselineSummary& s) {
    b.open("div", {{"class", "scroll"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", "Baseline and latest"}})
        .open("table", {{"class", "summary"}})
        .el("caption", "Baseline compared with the newest comparable session")
        .open("thead")
        .open("tr")
        .el("th", {{"scope", "col"}}, "Figure")
        .el("th", {{"scope", "col"}}, "Baseline")
        .el("th", {{"scope", "col"}}, "Latest")
        .close("tr")
        .close("thead")
        .open("tbody");
    b.open("tr").el("th", {{"scope", "row"}}, "Date").el("td", s.baseline_day).el("td", s.latest_day).close("tr");
    // Figures stay on one line; words (a severity's label) may wrap, so the table fits a phone.
    for (const auto& r : s.rows) {
        b.open("tr").el("th", {{"scope", "row"}}, r.figure);
        if (r.values == display::SummaryValues::statement)
            b.el("td", {{"class", "words"}, {"colspan", "2"}}, r.baseline);
        else if (r.values == display::SummaryValues::words)
            b.el("td", {{"class", "words"}}, r.baseline).el("td", {{"class", "words"}}, r.latest);
        else
            b.el("td", r.baseline).el("td", r.latest);
        b.close("tr");
    }
    b.close("tbody").close("table").close("div");
}

// A side of a session: its volume, or why there is none ("not all points measured: 10 of 11"); empty
// for a side not measured at all. A partial side's volume covers less of the limb: never shown.
std::string side_text(const Session& s, const SessionFigures& f, Side side) {
    const auto& values = s.side_mm(side);
    const auto measured =
        static_cast<std::size_t>(std::count_if(values.begin(), values.end(), [](auto v) { return v.has_value(); }));
    if (measured == 0) return {};
    if (f.complete(side) && f.volume_ml(side)) return display::ml_unit(f.volume_ml(side));
    return "not all points measured (" + std::to_string(measured) + " of " + std::to_string(values.size()) + ")";
}

/// One session: when, each side's volume, the change since baseline, alerts, what was entered,
/// notes. `plain`: for the client herself, without codes and findings.
void session_card(Html& b, const History& h, std::size_t i, bool plain) {
    const auto& client = h.client;
    const auto& s = h.sessions[i];
    const auto& f = h.figures[i];
    std::string when = display::minute_among(h.sessions, i);
    if (h.is_baseline(i)) when += plain ? " (the start)" : " (baseline)";
    b.el("p", {{"class", "when"}}, when);
    std::string figures;
    for (Side side : {Side::left, Side::right})
        if (auto text = side_text(s, f, side); !text.empty())
            figures += figures.empty() ? display::limb_name(side, client.limb) + " " + text
                                       : ", " + std::string(to_string(side)) + " " +
                                             std::string(to_string(client.limb)) + " " + text;
    if (figures.empty()) {
        b.el("p", {{"class", "muted"}}, "No circumferences: symptoms, skin or notes only");
    } else {
        if (f.diff_ml && !plain) figures += ", difference " + display::signed_ml_unit(f.diff_ml);
        if (h.comparable(i) && !plain)
            figures += "; " + std::string(client.bilateral() ? "WAC " : "RVC ") + display::change(client, f);
        b.el("p", figures);
    }
    if (plain && !f.alerts.empty())
        b.el("p", {{"class", "alert"}},
             attention_of(f.alerts) == Attention::act_now ? "Your therapist wants to hear about a session like this."
                                                          : "Your therapist keeps an eye on a session like this.");
    else
        for (const auto& a : f.alerts) b.el("p", {{"class", "alert"}}, a.message);
    if (auto entered = entered_text(s, !plain); !entered.empty()) b.el("p", {{"class", "muted"}}, entered);
    if (!s.skin_note.empty()) b.open("p").text("Skin: ").el("bdi", s.skin_note).close("p");
    if (!s.notes.empty()) b.el("p", {{"class", "note"}, {"dir", "auto"}}, s.notes);
}

// Each session's Correct and Delete links, for one the viewer may change; for the therapist a
// complete session that is not its protocol's baseline may become it.
void change_links(Html& b, const History& h, std::size_t i, bool therapist) {
    const Session& s = h.sessions[i];
    const auto base = client_path(h.client.name, "sessions/" + std::to_string(s.id));
    const auto when = display::minute(s.recorded_at);
    b.open("p", {{"class", "changes"}})
        .el("a", {{"href", base + "/edit"}, {"aria-label", "Correct the session of " + when}}, "Correct")
        .text(" ")
        .el("a", {{"href", base + "/delete"}, {"aria-label", "Delete the session of " + when}}, "Delete");
    const bool is_baseline = std::any_of(h.baselines.begin(), h.baselines.end(),
                                         [&](const ProtocolBaseline& p) { return p.pinned && p.index == i; });
    if (therapist && h.figures[i].both_complete() && !is_baseline)
        b.text(" ").el("a",
                       {{"href", base + "/baseline"}, {"aria-label", "Make it the baseline: the session of " + when}},
                       "Make it the baseline");
    b.close("p");
}

// The page of the list ?page= asks for: 1 (the newest) unless it is a whole number from 1 on
// (sessions_list shows the last page for one past it).
std::size_t page_asked(const std::string& target) {
    auto text = query_value(target, "page").value_or("1");
    auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
    if (text.empty() || text.size() > 6 || !std::all_of(text.begin(), text.end(), digit)) return 1;
    return std::max<std::size_t>(std::stoul(text), 1);
}

// "Newer" and "Older" links between the pages of the list, and where this page is.
void page_links(Html& b, const Client& client, std::size_t page, std::size_t pages) {
    auto to = [&](std::size_t p) { return client_path(client.name, "") + "?page=" + std::to_string(p) + "#sessions"; };
    b.open("nav", {{"class", "pages"}, {"aria-label", "Pages of sessions"}});
    if (page > 1) b.el("a", {{"href", to(page - 1)}, {"rel", "prev"}}, "Newer sessions");
    b.el("span", {{"aria-current", "page"}}, "Page " + std::to_string(page) + " of " + std::to_string(pages));
    if (page < pages) b.el("a", {{"href", to(page + 1)}, {"rel", "next"}}, "Older sessions");
    b.close("nav");
}

// Every session, newest first, a page at a time.
template <class MayChange>
void sessions_list(Html& b, const History& h, std::size_t page_wanted, bool plain, MayChange may_change,
                   const std::map<std::int64_t, std::vector<Photo>>& photos) {
    b.el("h2", {{"id", "sessions"}}, plain ? "Your sessions" : "Sessions");
    if (h.sessions.empty()) {
        b.el("p", {{"class", "muted"}}, "No sessions yet.");
        return;
    }
    const std::size_t n = h.sessions.size(), pages = (n + sessions_per_page - 1) / sessions_per_page;
    const std::size_t page = std::min(page_wanted, pages);
    const std::size_t newest = n - (page - 1) * sessions_per_page;  // one past this page's newest
    const std::size_t oldest = newest > sessions_per_page ? newest - sessions_per_page : 0;
    b.open("ol", {{"class", "sessions"}, {"reversed", "reversed"}, {"start", std::to_string(newest)}});
    for (std::size_t i = newest; i-- > oldest;) {
        b.open("li", {{"class", "card"}});
        session_card(b, h, i, plain);
        if (auto it = photos.find(h.sessions[i].id); it != photos.end()) session_photos(b, h.client, it->second);
        if (may_change(h.sessions[i])) change_links(b, h, i, !plain);
        b.close("li");
    }
    b.close("ol");
    if (pages > 1) page_links(b, h.client, page, pages);
}

// After a form: what was saved, corrected or deleted, with its figures computed like everywhere else.
// The session of `h` whose id a query value names.
std::optional<std::size_t> index_of(const History& h, const std::optional<std::string>& id) {
    if (id)
        for (std::size_t i = h.sessions.size(); i-- > 0;)
            if (std::to_string(h.sessions[i].id) == *id) return i;
    return std::nullopt;
}

void change_message(Html& b, const std::string& target, const History& h, bool plain) {
    if (auto i = index_of(h, query_value(target, "saved"))) {
        b.open("div", {{"class", "message ok"}, {"role", "status"}})
            .el("p", {{"class", "when"}},
                query_value(target, "again") ? "This form was sent twice; the session is saved once. Your figures:"
                                             : "Saved. Your new figures:");
        session_card(b, h, *i, plain);
        if (auto base = pinned_baseline_after(h, *i))
            b.el("p", "This session is dated before the baseline of " +
                          format_date(h.sessions[*base].recorded_at.local_date()) +
                          ", so it is not compared with it. Your therapist can move the baseline.");
        b.close("div");
    }
    if (auto i = index_of(h, query_value(target, "corrected"))) {
        b.open("div", {{"class", "message ok"}, {"role", "status"}})
            .el("p", {{"class", "when"}}, "Corrected; the old values are kept. The figures now:");
        session_card(b, h, *i, plain);
        b.close("div");
    }
    if (query_value(target, "added") && h.sessions.empty())
        b.el("p", {{"class", "message ok"}, {"role", "status"}},
             "Added. Log the first session, or give " + h.client.name + " a login of her own below.");
    if (auto i = index_of(h, query_value(target, "restored"))) {
        b.open("div", {{"class", "message ok"}, {"role", "status"}})
            .el("p", {{"class", "when"}}, "Restored, with the values it had. The figures now:");
        session_card(b, h, *i, plain);
        b.close("div");
    }
    if (auto i = index_of(h, query_value(target, "baseline"))) {
        b.open("div", {{"class", "message ok"}, {"role", "status"}})
            .el("p", {{"class", "when"}},
                "The baseline of " + h.sessions[*i].protocol + " is now the session of " +
                    display::minute(h.sessions[*i].recorded_at) + "; every later session is compared with it.")
            .close("div");
    }
    if (auto gone = query_value(target, "deleted")) {
        // Only a time is echoed: the address is anyone's to write.
        static const std::regex minute(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}( [+-]\d{2}:\d{2})?)");
        const std::string which = std::regex_match(*gone, minute) ? " of " + *gone : "";
        b.open("div", {{"class", "message ok"}, {"role", "status"}})
            .el("p", "Deleted the session" + which + ". Its values are kept in the record of changes.")
            .close("div");
    }
}

}  // namespace

std::string client_about(const Client& client) {
    std::string about = std::string(to_string(client.limb)) + ", affected: " + std::string(to_string(client.affected)) +
                        ", measured in " + std::string(to_string(client.unit));
    if (client.baseline_date) about += ", baseline date " + format_date(*client.baseline_date);
    return about;
}

std::string noise_note(const History& h) {
    return std::string(describe(h.method)) + ". Home tape measurements vary; changes under about " +
           display::fixed(smallest_real_difference_pct, 1) + "% are within measurement noise.";
}

void clinical_overview(Html& b, const History& h, const ClientStatus& st) {
    const auto& client = h.client;
    b.open("section", {{"class", "attention"}, {"aria-labelledby", "attention-h"}})
        .el("h2", {{"id", "attention-h"}}, "How things stand")
        .open("p");
    attention_badge(b, st.attention).text(" " + st.reason).close("p");
    if (st.alerts.size() > 1) {  // the reason already says the worst one
        b.open("ul", {{"class", "alerts"}});
        for (const auto& a : st.alerts) b.el("li", a.message);
        b.close("ul");
    }
    std::string schedule = std::to_string(h.sessions.size()) + " session(s)";
    if (st.days_since_last) schedule += ", the last " + std::to_string(*st.days_since_last) + " day(s) ago";
    schedule += "; " + schedule_text(client.every_days);
    b.el("p", schedule);
    if (st.overdue) b.el("p", {{"class", "badge overdue"}}, "A session is overdue");
    b.close("section");
}

void baseline_part(Html& b, const History& h) {
    const auto& client = h.client;
    if (auto summary = display::baseline_summary(h)) {
        summary_table(b, *summary);
        for (const auto& base : h.baselines)
            b.el("p", {{"class", "muted"}},
                 "Baseline " + base.protocol + ": " + display::minute(h.sessions[base.index].recorded_at) + ", " +
                     base.reason + ".");
        if (auto note = display::protocols_note(h); !note.empty()) b.el("p", {{"class", "muted"}}, note);
    } else {
        b.el("p", "No baseline yet: log a session with every point of both sides measured" +
                      (client.baseline_date ? " on or after " + format_date(*client.baseline_date) : std::string()) +
                      ".");
    }
}

namespace {

// Each correction in words (as `swelltrack audit` and the PDF word it); for the therapist, a
// deleted session that is not back yet can be restored.
void corrections_part(Html& b, const std::vector<AuditEntry>& trail, const History& h,
                      std::span<const Protocol> protocols, bool therapist) {
    b.el("h2", {{"id", "corrections"}}, "Corrections");
    auto stored_at = [&](const std::string& subject) {
        return std::any_of(h.sessions.begin(), h.sessions.end(),
                           [&](const Session& s) { return format_datetime(s.recorded_at) == subject; });
    };
    bool any = false;
    for (const auto& e : trail) {
        if (!faces::is_correction(e)) continue;
        if (!any) b.open("ul", {{"class", "corrections"}});
        any = true;
        b.open("li").text(faces::audit_sentence(e, &h.client, protocols));
        if (therapist && e.action == "session.delete" && !stored_at(e.subject))
            b.text(" ").el("a",
                           {{"href", client_path(h.client.name, "restore/" + std::to_string(e.id))},
                            {"aria-label", "Restore the session of " + display::minute(parse_datetime(e.subject))}},
                           "Restore");
        b.close("li");
    }
    if (any)
        b.close("ul");
    else
        b.el("p", {{"class", "muted"}}, "No corrections recorded.");
}

}  // namespace

std::shared_ptr<const std::string> WebApp::chart_markup(const Client& client, const actions::CourseOverview& overview,
                                                        std::uint64_t generation, bool plain) {
    const History& h = overview.history;
    auto& cache = plain ? plain_chart_svgs_ : chart_svgs_;
    auto charts = cache.find(client.id, generation);  // the data read before, or newer: drawn again
    if (charts) return charts;
    ReportOptions chart_options;
    chart_options.protocols = store().list_protocols();  // user-defined ones' distances for the profile
    chart_options.plain_words = plain;
    chart_options.courses = overview.courses;
    std::string markup;
    for (const auto& figure : svg::trend_figures(h, chart_options, chart_width, chart_height, chart_text_scale)) {
        markup += "<figure>" + figure.svg;
        if (!figure.caption.empty())
            markup += "<figcaption class=\"muted\">" + svg::escape(figure.caption) + "</figcaption>";
        markup += "</figure>";
    }
    charts = std::make_shared<const std::string>(std::move(markup));
    cache.put(client.id, generation, charts);
    return charts;
}

void WebApp::page_client(Call& c, const Client& client) {
    auto& db = store();  // first: notices another process's writes
    const auto generation = generation_.load();
    const auto now = now_local();
    const auto overview = actions::course_overview(db, client, now.local_date());
    const History& h = overview.history;
    auto st = summarize(h, now.utc);
    const bool plain = c.who->role == Role::client;  // her own page, in plain words

    Html b;
    b.el("h1", {{"dir", "auto"}}, client.name);
    if (!plain) b.el("p", {{"class", "muted"}}, client_about(client));
    change_message(b, c.req.target, h, plain);
    if (plain) {
        const auto& compared = h.current ? h.sessions[*h.current].protocol : std::string();
        plain_overview(b, h, st, compared.empty() ? Protocol{} : db.get_protocol(compared));
    } else {
        clinical_overview(b, h, st);
    }
    b.open("p", {{"class", "actions"}})
        .el("a", {{"class", "button"}, {"href", client_path(client.name, "log")}}, "Log a session")
        .el("a", {{"class", "button secondary"}, {"href", client_path(client.name, "report.pdf")}, {"download", ""}},
            "PDF report");
    if (!plain && h.sessions.size() > 1)
        b.el("a", {{"class", "button secondary"}, {"href", client_path(client.name, "compare")}},
             "Compare two sessions");
    b.close("p");
    if (plain)
        plain_meaning(b);
    else
        baseline_part(b, h);
    if (!h.sessions.empty())
        b.el("h2", "Charts")
            .open("div", {{"class", "charts"}})
            .svg(Svg{*chart_markup(client, overview, generation, plain)})
            .close("div");
    if (plain) {
        plain_courses(b, h, overview.courses);
    } else {
        courses_part(b, h, overview.courses, client_path(client.name, "courses/"));
        course_tools(b, c, client);
    }
    photos_part(b, c, client);
    const auto photos = photos_by_session(db, client);
    sessions_list(
        b, h, page_asked(c.req.target), plain, [&](const Session& s) { return may_change(c, s); }, photos);
    if (!client.notes.empty()) b.el("h2", "Notes").el("p", {{"class", "note"}, {"dir", "auto"}}, client.notes);
    corrections_part(b, db.audit_trail(client.id), h, db.list_protocols(), !plain);
    if (!plain) {
        care_tools(b, c, client);
        share_part(b, c, client);
    }
    reminders(b, c, client);
    if (!plain) {
        login_part(b, c, client);
        b.el("p", {{"class", "muted small"}}, noise_note(h));
    }
    reply_page(c, 200, client.name, b);
}

// Her calendar: when it reminds her (days and time she chooses, her therapist's schedule unless),
// and the feed's address to subscribe to, with a webcal: link and a copy button.
void WebApp::reminders(Html& b, Call& c, const Client& client) {
    const bool hers = c.who->role == Role::client;
    b.el("h2", {{"id", "reminders"}}, hers ? "Reminders in your calendar" : "Reminders in the client\u2019s calendar");
    if (query_value(c.req.target, "reminders")) b.el("p", {{"class", "message ok"}, {"role", "status"}}, "Saved.");
    b.el("p", reminder_text(client) + ".");
    b.open("form", {{"method", "post"}, {"action", client_path(client.name, "reminders")}, {"class", "reminders"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
        .open("fieldset", {{"class", "days"}})
        .el("legend", display::field_label("remind_days", client.limb))
        .el("p", {{"class", "muted small"}, {"id", "remind-days-hint"}},
            client.every_days ? "None ticked: on the days your therapist's schedule falls on (" +
                                    schedule_text(client.every_days) + ")."
                              : "Tick at least one day: your therapist has not set a schedule.");
    for (unsigned d = 0; d < 7; ++d) {
        const auto key = "remind_" + weekdays_key(1u << d), id = key;
        b.open("div", {{"class", "check"}});
        if (client.remind_weekdays & (1u << d))
            b.leaf("input", {{"id", id}, {"name", key}, {"type", "checkbox"}, {"value", "on"}, {"checked", "checked"}});
        else
            b.leaf("input", {{"id", id}, {"name", key}, {"type", "checkbox"}, {"value", "on"}});
        b.el("label", {{"for", id}}, weekdays_text(1u << d)).close("div");
    }
    b.close("fieldset")
        .open("div", {{"class", "field"}})
        .el("label", {{"for", "remind_at"}}, display::field_label("remind_at", client.limb))
        .leaf("input", {{"id", "remind_at"},
                        {"name", "remind_at"},
                        {"type", "time"},
                        {"value", time_of_day_text(client.remind_minute.value_or(default_remind_minute))}})
        .close("div")
        .el("button", {{"type", "submit"}}, "Save the reminders")
        .close("form");
    calendar_address(b, c, client);
}

// The feed's address: subscribe, copy, make a new one or turn it off; or make one.
void WebApp::calendar_address(Html& b, Call& c, const Client& client) {
    auto token = store().calendar_token(client.id);
    if (!client.every_days && !client.remind_weekdays) return;
    auto buttons = [&](Html& f) {
        f.open("form", {{"method", "post"}, {"action", client_path(client.name, "calendar")}, {"class", "inline"}})
            .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
        if (token)
            f.el("button", {{"type", "submit"}, {"name", "action"}, {"value", "new"}, {"class", "secondary"}},
                 "New address (the old one stops working)")
                .el("button", {{"type", "submit"}, {"name", "action"}, {"value", "off"}, {"class", "secondary"}},
                    "Turn off");
        else
            f.el("button", {{"type", "submit"}, {"name", "action"}, {"value", "new"}}, "Make a calendar address");
        f.close("form");
    };
    if (!token) return buttons(b);
    const auto url = origin(c) + client_path(client.name, "schedule.ics") + "?token=" + *token;
    const auto webcal = "webcal" + url.substr(url.find("://"));
    b.el("p",
         "Subscribe to this address in your phone's calendar; it follows your sessions, so a reminder for "
         "days you have already measured disappears when the calendar next looks.")
        .open("div", {{"class", "field"}})
        .el("label", {{"for", "calendar-url"}}, "Calendar address")
        .leaf("input", {{"id", "calendar-url"}, {"type", "text"}, {"readonly", "readonly"}, {"value", url}})
        .close("div")
        .open("p", {{"class", "actions"}})
        .el("a", {{"class", "button"}, {"href", webcal}}, "Open in your calendar")
        .el("button", {{"type", "button"}, {"class", "secondary"}, {"data-copy", "calendar-url"}, {"hidden", "hidden"}},
            "Copy the address")
        .close("p");
    buttons(b);
}

void WebApp::reminders_change(Call& c, const Client& client) {
    Client changed = client;
    std::string days;
    for (unsigned d = 0; d < 7; ++d)
        if (c.form.count("remind_" + weekdays_key(1u << d))) days += (days.empty() ? "" : ",") + weekdays_key(1u << d);
    try {
        changed.remind_weekdays = parse_weekdays(days.empty() ? "none" : days, "remind_days");
        const auto at = c.form.count("remind_at") ? c.form.at("remind_at") : std::string();
        changed.remind_minute = parse_time_of_day(at.empty() ? "none" : at, "remind_at");
        if (changed.remind_minute == default_remind_minute) changed.remind_minute.reset();  // the form's default
        if (!changed.every_days && !changed.remind_weekdays)
            throw UserError("remind_days", "", "remind_days: tick at least one day; no schedule is set");
        actions::edit_client(store(), client, changed, "", actor(c));
    } catch (const UserError& e) {
        Html b;
        b.el("h1", "Reminders")
            .el("p", {{"class", "message error"}, {"role", "alert"}}, error_text(e, client.limb))
            .el("a", {{"href", client_path(client.name, "") + "#reminders"}}, "Back to your page");
        return reply_page(c, 422, "Reminders", b);
    }
    ++generation_;
    c.res.status = 303;
    c.res.set_header("Location", client_path(client.name, "") + "?reminders=saved#reminders");
}

// The therapist's tools on a client's page: the check-in schedule, and the archive.
void WebApp::care_tools(Html& b, Call& c, const Client& client) {
    b.el("h2", {{"id", "care"}}, "Schedule and archive");
    if (query_value(c.req.target, "schedule")) b.el("p", {{"class", "message ok"}, {"role", "status"}}, "Saved.");
    b.open("form", {{"method", "post"}, {"action", client_path(client.name, "schedule")}, {"class", "care"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
        .open("div", {{"class", "field"}})
        .el("label", {{"for", "every_days"}},
            display::field_label("every_days", client.limb) + " (days between sessions)")
        .el("p", {{"class", "muted small"}, {"id", "every-days-hint"}},
            "Empty: none; then the clinic's check-in interval applies. Now: " + schedule_text(client.every_days) + ".")
        .leaf("input", {{"id", "every_days"},
                        {"name", "every_days"},
                        {"type", "number"},
                        {"inputmode", "numeric"},
                        {"min", "1"},
                        {"max", "365"},
                        {"aria-describedby", "every-days-hint"},
                        {"value", client.every_days ? std::to_string(*client.every_days) : std::string()}})
        .close("div")
        .el("button", {{"type", "submit"}}, "Save the schedule")
        .close("form");
    if (query_value(c.req.target, "archive"))
        b.el("p", {{"class", "message ok"}, {"role", "status"}},
             client.archived ? "Archived: left out of the list and of status until brought back."
                             : "Brought back from the archive.");
    b.open("form", {{"method", "post"}, {"action", client_path(client.name, "archive")}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
        .leaf("input", {{"type", "hidden"}, {"name", "archived"}, {"value", client.archived ? "no" : "yes"}})
        .el("button", {{"type", "submit"}, {"class", "secondary"}},
            client.archived ? "Bring back from the archive" : "Archive " + client.name)
        .close("form");
}

void WebApp::schedule_change(Call& c, const Client& client) {
    Client changed = client;
    try {
        const std::string typed = c.form.count("every_days") ? c.form.at("every_days") : std::string();
        const auto days = detail::trim(typed);  // a view of `typed`, which outlives it
        changed.every_days = parse_schedule(days.empty() ? "none" : days, "every_days");
        actions::edit_client(store(), client, changed, "", actor(c));
    } catch (const UserError& e) {
        Html b;
        b.el("h1", "Schedule")
            .el("p", {{"class", "message error"}, {"role", "alert"}}, error_text(e, client.limb))
            .el("a", {{"href", client_path(client.name, "") + "#care"}}, "Back to " + client.name + "\u2019s page");
        return reply_page(c, 422, "Schedule", b);
    }
    ++generation_;
    c.res.status = 303;
    c.res.set_header("Location", client_path(client.name, "") + "?schedule=saved#care");
}

void WebApp::archive_change(Call& c, const Client& client) {
    const auto asked = c.form.count("archived") ? c.form.at("archived") : std::string();
    if (asked != "yes" && asked != "no") {
        c.res.status = 422;
        return c.res.set_content("archived: '" + asked + "' is not yes or no\n", "text/plain; charset=utf-8");
    }
    actions::set_archived(store(), client, asked == "yes", actor(c));
    ++generation_;
    c.res.status = 303;
    c.res.set_header("Location", client_path(client.name, "") + "?archive=" + asked + "#care");
}

void WebApp::report_pdf(Call& c, const Client& client) { send_report_pdf(c, client, true); }

void WebApp::send_report_pdf(Call& c, const Client& client, bool with_photos) {
    const auto now = now_local();
    auto bytes = faces::client_trend_pdf(store(), client, ReportOptions{}, now,
                                         with_photos ? faces::WithPhotos::yes : faces::WithPhotos::no);
    c.res.status = 200;
    c.res.set_header("Content-Disposition", "attachment; filename=\"" + faces::file_slug(client.name) + "-trend-" +
                                                format_date(now.local_date()) + ".pdf\"");
    c.res.set_content(bytes, "application/pdf");
}

void WebApp::calendar_feed(Call& c, const std::string& name) {
    const std::string token = query_value(c.req.target, "token").value_or("");
    auto& db = store();
    std::optional<Client> client;
    if (!token.empty() && name.size() <= max_url_name_bytes) client = db.find_client(name);
    auto stored = client ? db.calendar_token(client->id) : std::nullopt;
    if (!stored || !same_secret(*stored, token)) {  // the same answer for a wrong token and no client
        c.res.status = 404;
        return c.res.set_content("Not found\n", "text/plain; charset=utf-8");
    }
    auto last = db.last_session(client->id);
    c.res.status = 200;
    c.res.set_content(
        schedule_ics(*client, last ? std::optional(last->recorded_at) : std::nullopt, now_local(), SWELLTRACK_VERSION),
        "text/calendar; charset=utf-8");
}

void WebApp::calendar_change(Call& c, const Client& client) {
    const auto action = c.form.count("action") ? c.form.at("action") : std::string();
    auto& db = store();
    db.set_actor(actor(c).name);
    if (action == "new")
        db.set_calendar_token(client.id, random_token());
    else if (action == "off")
        db.set_calendar_token(client.id, std::nullopt);
    ++generation_;
    c.res.status = 303;
    c.res.set_header("Location", client_path(client.name, ""));
}

}  // namespace swelltrack::web
