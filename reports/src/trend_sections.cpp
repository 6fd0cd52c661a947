// The trend report's flowing sections: the skin and notes timeline, the findings, the alert codes,
// the table of every session (or of weeks or months) and the corrections.
#include <date/date.h>

#include <algorithm>
#include <limits>

#include "format.h"
#include "swelltrack/baseline_summary.h"
#include "swelltrack/course_words.h"
#include "trend_parts.h"

namespace swelltrack::pdf {
namespace {
std::string flags_text(SkinFlags flags) {
    std::string s = to_string(flags), out;
    for (char ch : s) out += ch == ',' ? std::string(", ") : std::string(1, ch);
    return out;
}
}  // namespace

// Notes and skin notes are printed whole, wrapped over as many lines and pages as they take.
void draw_timeline(Flow& flow, const TrendView& v) {
    flow.heading("Skin and notes");
    constexpr auto every_line = std::numeric_limits<std::size_t>::max();
    const auto& f = flow.fonts();
    const double size = 8, line_h = 10.5, date_w = 70;
    const double text_w = flow.content_width() - date_w;
    bool any = false;
    for (auto i : v.shown) {
        const Session& s = v.session(i);
        if (s.skin.empty() && s.skin_note.empty() && s.notes.empty()) continue;
        any = true;
        std::string skin;
        if (!s.skin.empty()) skin = "Skin: " + flags_text(s.skin);
        if (!s.skin_note.empty()) skin += (skin.empty() ? "Skin: " : " - ") + s.skin_note;
        bool infection = s.skin.infection_signs();
        std::vector<std::string> lines;
        if (!skin.empty())
            for (auto& l :
                 f.wrap(skin + (infection ? " (possible infection signs)" : ""), f.regular(), size, text_w, every_line))
                lines.push_back(std::move(l));
        std::vector<std::string> note_lines;
        if (!s.notes.empty()) note_lines = f.wrap("Note: " + s.notes, f.regular(), size, text_w, every_line);
        flow.need(line_h * static_cast<double>(std::min<std::size_t>(lines.size() + note_lines.size(), 4)) + 3);
        draw_text(flow.page(), f.bold(), size, flow.left(), flow.y, f.encode(display::day(s.recorded_at)));
        Rgb skin_color = infection ? Rgb{0.75, 0.1, 0.1} : black;
        for (const auto& l : lines) {
            flow.need(line_h);
            draw_text(flow.page(), f.regular(), size, flow.left() + date_w, flow.y, l, Align::left, skin_color);
            flow.y -= line_h;
        }
        for (const auto& l : note_lines) {
            flow.need(line_h);
            draw_text(flow.page(), f.regular(), size, flow.left() + date_w, flow.y, l, Align::left, {0.2, 0.2, 0.2});
            flow.y -= line_h;
        }
        flow.y -= 3;
    }
    if (!any) flow.paragraph("No skin changes or notes were recorded in this range.", 8.5, grey);
    flow.y -= 6;
}

namespace {

// One row's figures cells, as `history` prints them.
std::vector<std::string> figure_cells(const TrendView& v, std::size_t i) {
    const SessionFigures& f = v.figures(i);
    const Session& s = v.session(i);
    std::vector<std::string> cells{display::ml(f.left_ml), display::ml(f.right_ml), display::signed_ml(f.diff_ml)};
    if (!v.client().bilateral()) {
        cells.insert(cells.end(), {display::pct(f.excess_pct), display::pct(f.rvc_pct), display::wac(f)});
    } else {
        auto wac = [&](Side side) {
            auto it = f.wac_pct.find(side);
            return it == f.wac_pct.end() ? std::string(display::missing) : display::pct(it->second);
        };
        cells.insert(cells.end(), {wac(Side::left), wac(Side::right)});
    }
    cells.push_back(s.weight_kg ? display::fixed(*s.weight_kg, 1) : std::string(display::missing));
    cells.push_back(f.partial ? "partial" : "");
    return cells;
}

std::vector<Column> figure_columns(const Client& c) {
    std::vector<Column> cols{{"Left mL", 30, Align::right}, {"Right mL", 30, Align::right}};
    if (!c.bilateral())
        cols.insert(cols.end(), {{"Diff mL", 30, Align::right},
                                 {"Excess", 30, Align::right},
                                 {"RVC", 30, Align::right},
                                 {"WAC", 30, Align::right}});
    else
        cols.insert(cols.end(),
                    {{"L-R mL", 30, Align::right}, {"WAC left", 30, Align::right}, {"WAC right", 30, Align::right}});
    cols.insert(cols.end(), {{"Wt kg", 24, Align::right}, {"Partial", 24, Align::center}});
    return cols;
}

// A period of the grouped table: [first, last] indices into v.shown.
struct Period {
    std::size_t first = 0, last = 0;
    date::sys_days start;  // its Monday, or the first of its month
    std::string label;
};

// Weeks (Monday to Sunday) when the range spans at most `max_rows` weeks, else calendar months,
// by each session's local date.
std::vector<Period> periods(const TrendView& v, std::size_t max_rows, bool& weekly) {
    using namespace date;
    auto local_day = [&](std::size_t k) { return sys_days{v.session(v.shown[k]).recorded_at.local_date()}; };
    auto week_start = [](sys_days d) { return d - (weekday{d} - Monday); };
    auto span = local_day(v.shown.size() - 1) - week_start(local_day(0));
    weekly = static_cast<std::size_t>(span.count() / 7 + 1) <= max_rows;
    auto month_start = [](sys_days d) {
        year_month_day ymd{d};
        return sys_days{ymd.year() / ymd.month() / 1};
    };
    std::vector<Period> out;
    for (std::size_t k = 0; k < v.shown.size(); ++k) {
        const sys_days start = weekly ? week_start(local_day(k)) : month_start(local_day(k));
        if (!out.empty() && out.back().start == start) {
            out.back().last = k;
            continue;
        }
        // Labelled once per period: date::format builds a stream and its locale on every call,
        // which once cost 15% of the report of a 5-year daily client (docs/performance.md).
        out.push_back(
            {k, k, start,
             weekly ? format("%F", start) + " to " + format("%m-%d", start + days{6}) : format("%Y-%m", start)});
    }
    return out;
}

// "rvc_5 x3, rapid_rise": each code raised in the period, in order of first appearance, with its count.
std::string period_alerts(const TrendView& v, const Period& p, Attention& worst) {
    std::vector<std::pair<AlertCode, int>> counts;
    for (std::size_t k = p.first; k <= p.last; ++k)
        for (const auto& a : v.figures(v.shown[k]).alerts) {
            worst = std::max(worst, attention_of(a.code));
            auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == a.code; });
            if (it == counts.end())
                counts.push_back({a.code, 1});
            else
                ++it->second;
        }
    std::string out;
    for (const auto& [code, n] : counts)
        out += (out.empty() ? "" : ", ") + std::string(to_string(code)) + (n > 1 ? " x" + std::to_string(n) : "");
    return out;
}

// A table of sessions (or periods) fitted to its cells, then the note every such table carries.
void draw_table_with_note(Flow& flow, const TrendView& v, std::vector<Column>& cols, const std::vector<Row>& rows,
                          int max_lines, const std::string& partial_means) {
    fit_columns(flow, cols, rows);
    draw_table(flow, cols, rows, 7.0, max_lines);
    flow.paragraph("Volumes in mL by the " + std::string(to_string(v.history.method)) +
                       " model; percentages against the baseline session, with one decimal, more only where one "
                       "decimal would read as a whole percent the value is not (4.04% never \"4.0%\"), so that no "
                       "figure reads across a threshold; \"partial\" means " +
                       partial_means + ". The alert codes are explained under \"Alert codes\".",
                   7, grey);
}

// One point's value in the client's unit, or "-" when it was not measured.
std::string point_cell(const PointValues& mm, std::size_t k, LengthUnit unit) {
    return k < mm.size() && mm[k] ? display::length(*mm[k], unit) : std::string(display::missing);
}

void draw_every_session(Flow& flow, const TrendView& v) {
    flow.heading("Every session");
    std::vector<Column> cols{{"Date", 40}};
    auto figures = figure_columns(v.client());
    cols.insert(cols.end(), figures.begin(), figures.end());
    cols.push_back({"Alerts", 0, Align::left, true});  // every code, on as many lines as it takes
    std::vector<Row> rows;
    rows.reserve(v.shown.size());
    for (auto i : v.shown) {
        Row r;
        r.cells.reserve(cols.size());
        r.cells.push_back(display::minute_among(v.history.sessions, i));
        for (auto& c : figure_cells(v, i)) r.cells.push_back(std::move(c));
        r.cells.push_back(display::alert_codes(v.figures(i), ' '));
        r.emphasis = attention_of(v.figures(i).alerts);
        rows.push_back(std::move(r));
    }
    draw_table_with_note(flow, v, cols, rows, 2, "a point was not measured and its segments were left out");
}

void draw_grouped(Flow& flow, const TrendView& v) {
    bool weekly = false;
    auto groups = periods(v, max_session_rows, weekly);
    const std::string unit = weekly ? "week" : "month";
    flow.heading(std::string("Sessions by ") + unit);
    flow.paragraph(std::to_string(v.shown.size()) + " sessions in this range, more than " +
                       std::to_string(max_session_rows) + ": one row per " + unit + " (" +
                       (weekly ? "Monday to Sunday" : "calendar month") +
                       ", by local date) with the number of sessions, the figures of the " + unit +
                       "'s latest session with both limbs measured, else of its latest session (its date and time in "
                       "\"Latest\"), and every alert code raised in the " +
                       unit +
                       " with how often. The charts use every session; every session with its figures is "
                       "kept in the record this report was made from, and can be exported from it whole.",
                   7.5, black);
    flow.y -= 3;
    // A week's "2025-04-07 to 04-13" on two lines leaves its alert codes room for whole words.
    Column period_column = weekly ? Column{"Week", 48, Align::left, true} : Column{"Month", 30};
    std::vector<Column> cols{period_column, {"Sessions", 24, Align::right}, {"Latest", 40}};
    auto figures = figure_columns(v.client());
    cols.insert(cols.end(), figures.begin(), figures.end());
    cols.push_back({"Alerts", 0, Align::left, true});
    std::vector<Row> rows;
    for (const auto& p : groups) {
        // A later symptoms-only or partial session would print "-" for a period that has figures.
        std::size_t latest = v.shown[p.last];
        for (std::size_t k = p.last + 1; k-- > p.first;)
            if (v.figures(v.shown[k]).both_complete()) {
                latest = v.shown[k];
                break;
            }
        Row r;
        // The period's label gives the year: "Latest" without it leaves the alert codes room.
        r.cells = {p.label, std::to_string(p.last - p.first + 1),
                   display::minute(v.session(latest).recorded_at).substr(5)};
        for (auto& c : figure_cells(v, latest)) r.cells.push_back(std::move(c));
        r.cells.push_back(period_alerts(v, p, r.emphasis));
        rows.push_back(std::move(r));
    }
    draw_table_with_note(flow, v, cols, rows, 3, "a point of the latest session was not measured");
}

// Each alert rule in words with the thresholds this history was analysed with.
std::string rule_text(AlertCode code, const AlertThresholds& t) {
    using display::fixed;
    const std::string watch = fixed(t.change_watch_pct, 1) + "%", range = fixed(t.change_range_pct, 1) + "%";
    switch (code) {
        case AlertCode::rvc_5:
            return "the relative volume change (RVC) of the affected limb since the baseline session is at "
                   "least " +
                   watch + " and under " + range +
                   " in two comparable sessions in a row (one noisy session is not enough; more sessions when the "
                   "client's own sessions scatter more than measurement noise). RVC compares the affected "
                   "limb with the unaffected one, so swelling of both alike (weight, "
                   "heat) does not raise it.";
        case AlertCode::rvc_10:
            return "RVC since the baseline session is at least " + range +
                   " (in two or three sessions in a row when the client's sessions scatter more than measurement "
                   "noise), the range usually called lymphedema; discuss with the clinician.";
        case AlertCode::wac_5:
            return "the weight-adjusted change (WAC) of an affected limb since the baseline session (its "
                   "volume change corrected for body weight, used when both limbs are affected) is at least " +
                   watch + " and under " + range +
                   " in two comparable sessions in a row (more when the client's sessions scatter more than "
                   "measurement noise).";
        case AlertCode::wac_10:
            return "WAC of an affected limb since the baseline session is at least " + range +
                   " (in two or three sessions in a row when the client's sessions scatter more than measurement "
                   "noise), the range usually called lymphedema; discuss with the clinician.";
        case AlertCode::point_2cm:
            return "at one measurement point the two sides' circumferences differ by " +
                   fixed(t.point_difference_cm, 1) +
                   " cm or more, the same way round, in two sessions in a row that measured that point (more when "
                   "the client's sessions scatter more than measurement noise; the code keeps its name whatever "
                   "this threshold is set to).";
        case AlertCode::rapid_rise:
            return "an affected limb's volume rose by " + fixed(t.rapid_rise_pct, 1) +
                   "% or more since its previous complete session in the same protocol, " +
                   std::to_string(t.rapid_rise_days) +
                   " days or fewer before, and the next session, within as many days, is still that much above it "
                   "(and the sessions after it, when the client's sessions scatter more than measurement noise).";
        case AlertCode::sustained_rise:
            return "over the last " + std::to_string(t.sustained_weeks) + " weeks (at least " +
                   std::to_string(t.sustained_sessions) +
                   " comparable sessions), an affected limb rose along a steady line by " + fixed(t.sustained_pct, 1) +
                   "% or more, a slope that measurement noise alone would give less than once in 100 times (at "
                   "two or three sessions in a row when the client's sessions scatter more than that noise).";
        case AlertCode::infection_signs:
            return "redness and warmth were logged together, possible signs of infection (cellulitis); "
                   "contact the clinician promptly.";
    }
    return {};
}

// The level an alert calls for, in the attention table's word, then its rule: "watch: the ...".
std::string explanation(AlertCode code, const AlertThresholds& t) {
    return std::string(display::attention(attention_of(code)).word) + ": " + rule_text(code, t);
}

// Two columns: a bold key (date, code) and text wrapped beside it.
void keyed_line(Flow& flow, const std::string& key, const std::string& text, double key_w, Rgb color = black) {
    const auto& f = flow.fonts();
    const double size = 8, line_h = 10.5;
    auto lines = f.wrap(text, f.regular(), size, flow.content_width() - key_w, 40);
    flow.need(line_h * static_cast<double>(std::min<std::size_t>(lines.size(), 3)));
    draw_text(flow.page(), f.bold(), size, flow.left(), flow.y, f.fit(key, f.bold(), size, key_w - 4));
    for (const auto& l : lines) {
        flow.need(line_h);
        draw_text(flow.page(), f.regular(), size, flow.left() + key_w, flow.y, l, Align::left, color);
        flow.y -= line_h;
    }
    flow.y -= 2;
}

}  // namespace

void draw_points(Flow& flow, const TrendView& v) {
    const History& h = v.history;
    const auto summary = display::baseline_summary(h, v.shown);
    if (!summary) return;
    const Session& base = h.sessions[summary->baseline];
    const Session& latest = h.sessions[summary->latest];
    const Protocol* protocol = h.protocol_of(summary->latest);
    const LengthUnit unit = h.client.unit;
    flow.heading("Circumference at each point (" + std::string(to_string(unit)) + ")");
    std::vector<Column> cols{{"From the " + std::string(landmark(h.client.limb)), 40, Align::right},
                             {"Left baseline", 40, Align::right},
                             {"Left latest", 40, Align::right},
                             {"Right baseline", 40, Align::right},
                             {"Right latest", 40, Align::right},
                             {"Latest " + display::point_difference_label(h.client), 0, Align::right}};
    const std::size_t n =
        std::max({base.left_mm.size(), base.right_mm.size(), latest.left_mm.size(), latest.right_mm.size()});
    std::vector<Row> rows;
    for (std::size_t k = 0; k < n; ++k) {
        Row r;
        r.cells.push_back(display::point_name(protocol, k, unit));
        for (const auto* s : {&base.left_mm, &latest.left_mm, &base.right_mm, &latest.right_mm})
            r.cells.push_back(point_cell(*s, k, unit));
        const auto& L = latest.left_mm;
        const auto& R = latest.right_mm;
        std::string diff(display::missing);
        if (k < L.size() && k < R.size() && L[k] && R[k])
            diff = display::signed_side_difference(h.client, *L[k] - *R[k]);
        r.cells.push_back(diff);
        rows.push_back(std::move(r));
    }
    fit_columns(flow, cols, rows);
    draw_table(flow, cols, rows);
    flow.paragraph("The two sessions the summary compares: baseline " + summary->baseline_day + ", latest " +
                       summary->latest_day + "; each point by its distance from the " +
                       std::string(landmark(h.client.limb)) + " in protocol " + latest.protocol +
                       "; \"-\" where a point was not measured.",
                   7, grey);
    flow.y -= 6;
}

void draw_session_table(Flow& flow, const TrendView& v) {
    if (v.shown.size() > max_session_rows)
        draw_grouped(flow, v);
    else
        draw_every_session(flow, v);
}

void draw_alert_codes(Flow& flow, const TrendView& v) {
    flow.heading("Alert codes");
    std::vector<AlertCode> used;
    auto add = [&](const std::vector<Alert>& alerts) {
        for (const auto& a : alerts)
            if (std::find(used.begin(), used.end(), a.code) == used.end()) used.push_back(a.code);
    };
    for (auto i : v.shown) add(v.figures(i).alerts);
    add(attention_now(v).alerts);  // page 1's attention may name a session outside the range
    std::sort(used.begin(), used.end());
    if (used.empty()) flow.paragraph("No alerts were raised in this range.", 8, grey);
    for (auto code : used) keyed_line(flow, std::string(to_string(code)), explanation(code, v.history.thresholds), 78);
    flow.paragraph(
        "The thresholds are the settings of the practice that made this report. Home tape measurements "
        "vary: changes under about " +
            display::fixed(smallest_real_difference_pct, 1) +
            "% (the smallest real difference of repeated limb volume measurement) are within measurement "
            "noise. These figures inform; they do not diagnose.",
        7.5, grey);
    flow.y -= 6;
}

void draw_findings(Flow& flow, const TrendView& v) {
    flow.heading("Therapist's findings, compression and treatment");
    // Sessions in a row with the same findings (a garment worn for months) share one line.
    bool any = false;
    for (std::size_t k = 0; k < v.shown.size(); ++k) {
        std::string text = display::findings(v.session(v.shown[k]));
        if (text.empty()) continue;
        std::size_t end = k;
        while (end + 1 < v.shown.size() && display::findings(v.session(v.shown[end + 1])) == text) ++end;
        std::string when = display::day(v.session(v.shown[k]).recorded_at);
        if (end > k)
            text += " (" + std::to_string(end - k + 1) + " sessions in a row, to " +
                    display::day(v.session(v.shown[end]).recorded_at) + ")";
        keyed_line(flow, when, text, 70);
        any = true;
        k = end;
    }
    if (!any)
        flow.paragraph(
            "No findings (pitting, Stemmer sign, ISL stage), compression or treatment were recorded in "
            "this range.",
            8.5, grey);
    flow.y -= 6;
}

void draw_courses(Flow& flow, const TrendView& v, const ReportOptions& options) {
    if (options.courses.empty()) return;
    const History& h = v.history;
    flow.heading("Treatment courses and their effect");
    flow.paragraph(course_words::explanation(options.courses.front().reference), 7, grey);
    flow.y -= 4;
    for (const auto& f : options.courses) {
        const auto rebounds = f.running ? std::vector<std::string>{} : course_words::rebounds(h, f);
        // A course on one page: its lines at a keyed line's 12.5 pt, a rebound and "what was done"
        // counted as two (they often wrap), the heading and the note as one each.
        std::vector<std::vector<course_words::Line>> limbs;
        std::size_t lines = 4 + (f.running ? 0 : 2 * std::max<std::size_t>(1, rebounds.size()));
        for (std::size_t k = 0; k < f.reduction.size(); ++k) {
            limbs.push_back(course_words::limb_lines(h, f, k));
            lines += 1 + limbs.back().size();
        }
        flow.need(12.5 * static_cast<double>(lines));
        flow.paragraph(course_words::heading(f), 9);
        if (!f.course.note.empty()) flow.paragraph(f.course.note, 8, grey);
        for (std::size_t k = 0; k < f.reduction.size(); ++k) {
            flow.paragraph(display::limb_name(f.reduction[k].side, h.client.limb), 8.5);
            for (const auto& line : limbs[k]) keyed_line(flow, "  " + line.label, line.value, 96);
        }
        if (!f.running) {
            if (rebounds.empty()) keyed_line(flow, "Rebound", course_words::no_rebound(), 96);
            for (const auto& r : rebounds) keyed_line(flow, "Rebound", r, 96);
        }
        keyed_line(flow, "What was done", course_words::work(f.work), 96);
        flow.y -= 6;
    }
}

void draw_corrections(Flow& flow, const ReportOptions& options) {
    flow.heading("Corrections (from the audit trail)");
    if (options.corrections.empty()) flow.paragraph("No corrections recorded.", 8.5, grey);
    for (const auto& sentence : options.corrections) {
        flow.paragraph(sentence, 8);
        flow.y -= 2;
    }
    flow.y -= 6;
}

}  // namespace swelltrack::pdf
