// Page 1 of the trend report: who, what was measured and how, and baseline vs latest.
#include <set>

#include "format.h"
#include "swelltrack/baseline_summary.h"
#include "swelltrack/status.h"
#include "trend_parts.h"

namespace swelltrack::pdf {
namespace {

void identity(Flow& flow, const TrendView& v) {
    const auto& f = flow.fonts();
    const Client& c = v.client();
    const History& h = v.history;
    flow.y -= 8;
    for (const auto& l : f.wrap(c.name, f.bold(), 15, flow.content_width(), 10)) {  // never cut: wrapped
        draw_text(flow.page(), f.bold(), 15, flow.left(), flow.y, l);
        flow.y -= 17;
    }
    flow.y += 1;
    std::string who = display::affected_text(c);
    who[0] = static_cast<char>(who[0] - 'a' + 'A');
    if (!c.condition.empty()) who += " - " + c.condition;
    if (c.birth_year) who += " - born " + std::to_string(*c.birth_year);
    flow.paragraph(who, 9);
    std::set<std::string> protocols;
    for (auto i : v.shown) protocols.insert(v.session(i).protocol);
    std::string protocol_text;
    for (const auto& p : protocols) protocol_text += (protocol_text.empty() ? "" : ", ") + p;
    flow.paragraph("Protocol: " + (protocol_text.empty() ? std::string(display::missing) : protocol_text) +
                       ". Method: " + std::string(describe(h.method)) + ".",
                   9);
    std::string range = v.shown.empty() ? "No sessions in the selected range"
                                        : std::to_string(v.shown.size()) + " session(s) shown, " +
                                              display::day(v.session(v.shown.front()).recorded_at) + " to " +
                                              display::day(v.session(v.shown.back()).recorded_at);
    range += " (" + std::to_string(h.sessions.size()) + " recorded";
    if (v.options.from || v.options.to)
        range += "; range asked " + (v.options.from ? format_date(*v.options.from) : std::string("start")) + " to " +
                 (v.options.to ? format_date(*v.options.to) : std::string("end"));
    flow.paragraph(range + ").", 9);
    std::string base;
    for (const auto& b : h.baselines)
        base += (base.empty() ? "" : " ") + std::string("Baseline") +
                (h.baselines.size() > 1 ? " in " + b.protocol : "") + ": session of " +
                display::minute(h.sessions[b.index].recorded_at) + " (" + b.reason +
                (b.pinned ? ")." : "; not pinned yet).");
    if (base.empty()) base = "Baseline: none yet (needs a session with both limbs measured).";
    if (auto note = display::protocols_note(h); !note.empty()) base += " " + note;
    if (c.baseline_date) base += " Baseline date on record: " + format_date(*c.baseline_date) + ".";
    flow.paragraph(base, 9);
    flow.y -= 4;
}

// Which session Latest is, when the shown sessions hold none comparable with the baseline.
void not_comparable_note(Flow& flow, const TrendView& v, const display::BaselineSummary& summary, double width) {
    if (v.history.comparable(summary.latest)) return;
    const auto& f = flow.fonts();
    const std::string where = v.options.from || v.options.to ? "in " + period_text(v) : "shown";
    for (const auto& text : f.wrap("No session " + where +
                                       " is comparable with the baseline (both limbs measured in full, after the "
                                       "baseline, in its protocol): Latest is the newest session shown, " +
                                       summary.latest_day + ", and has no change to give.",
                                   f.regular(), 8, width, 3)) {
        draw_text(flow.page(), f.regular(), 8, flow.left() + 6, flow.y, text, Align::left, grey);
        flow.y -= 10.5;
    }
}

}  // namespace

ClientStatus attention_now(const TrendView& v) { return summarize(v.history, v.options.now.value_or(now_local().utc)); }

void draw_summary(Flow& flow, const TrendView& v) {
    identity(flow, v);
    const History& h = v.history;
    const auto summary = display::baseline_summary(h, v.shown);
    if (!summary) {
        flow.paragraph("No baseline vs latest comparison can be shown.", 9, grey);
        return;
    }
    const auto& f = flow.fonts();
    HPDF_Page page = flow.page();
    double box_top = flow.y, x0 = flow.left() + 6, x1 = flow.right() - 6;
    double c2 = x0 + (x1 - x0) * 0.43, c3 = x0 + (x1 - x0) * 0.72;  // right edges: c2 + 2 .. baseline, x1 .. latest
    flow.y -= 14;
    draw_text(page, f.bold(), 10, x0, flow.y, f.encode("Summary: baseline vs latest"));
    draw_text(page, f.bold(), 8.5, c3 - 6, flow.y, f.encode("Baseline " + summary->baseline_day), Align::right);
    draw_text(page, f.bold(), 8.5, x1, flow.y, f.encode("Latest " + summary->latest_day), Align::right);
    flow.y -= 4;
    set_stroke(page, light_grey, 0.5);
    line(page, x0, flow.y, x1, flow.y);
    flow.y -= 10;
    // Each cell wraps (never cut) and the row takes the height of its tallest cell.
    auto cell = [&](const std::string& text, HPDF_Font font, double right, double width, std::size_t& lines) {
        auto wrapped = f.wrap(text, font, 8.5, width, 4);
        for (std::size_t k = 0; k < wrapped.size(); ++k)
            draw_text(page, font, 8.5, right, flow.y - 10.0 * static_cast<double>(k), wrapped[k], Align::right);
        lines = std::max(lines, wrapped.size());
    };
    for (const auto& r : summary->rows) {
        std::size_t lines = 1;
        auto label = f.wrap(r.figure, f.regular(), 8.5, c2 - x0 - 4, 4);
        for (std::size_t k = 0; k < label.size(); ++k)
            draw_text(page, f.regular(), 8.5, x0, flow.y - 10.0 * static_cast<double>(k), label[k]);
        lines = std::max(lines, label.size());
        if (r.values == display::SummaryValues::statement) {  // one statement across both columns
            cell(r.baseline, f.regular(), x1, x1 - c2, lines);
        } else {
            cell(r.baseline, f.regular(), c3 - 6, c3 - c2 - 8, lines);
            cell(r.latest, f.bold(), x1, x1 - c3 - 4, lines);
        }
        flow.y -= 11.5 + 10.0 * static_cast<double>(lines - 1);
    }
    flow.y -= 3;
    if (summary->later > 0)
        for (const auto& text :
             f.wrap("Latest = the newest session comparable with the baseline; " + std::to_string(summary->later) +
                        " later session(s) shown are partial, symptoms only or in another protocol.",
                    f.regular(), 8, x1 - x0, 3)) {
            draw_text(page, f.regular(), 8, x0, flow.y, text, Align::left, grey);
            flow.y -= 10.5;
        }
    not_comparable_note(flow, v, *summary, x1 - x0);
    // Attention as status judges it (the same rule): the newest comparable session's alerts and
    // infection signs of the last 14 days. A range report says it looks past the range.
    const auto st = attention_now(v);
    const bool range = v.options.from || v.options.to;
    draw_text(page, f.bold(), 8.5, x0, flow.y,
              f.encode((range ? "Attention now (as in status, from every session, not only this range): "
                              : "Attention (as in status): ") +
                       std::string(display::attention(st.attention).word)));
    flow.y -= 11;
    if (st.alerts.empty()) {
        draw_text(page, f.regular(), 8.5, x0, flow.y, f.encode("No alerts."), Align::left, grey);
        flow.y -= 11;
    }
    for (const auto& a : st.alerts)
        for (const auto& text :
             f.wrap(std::string(to_string(a.code)) + ": " + a.message, f.regular(), 8.5, x1 - x0, 3)) {
            draw_text(page, f.regular(), 8.5, x0, flow.y, text, Align::left, attention_color(attention_of(a.code)));
            flow.y -= 11;
        }
    const auto& t = h.thresholds;
    using display::fixed;
    const std::string thresholds =
        std::string("Alert thresholds used: ") + (h.client.bilateral() ? "WAC" : "RVC/WAC") +
        " >= " + fixed(t.change_watch_pct, 1) +
        "% watch (two sessions in a row; more when the sessions scatter), >= " + fixed(t.change_range_pct, 1) +
        "% range; a point differing >= " + fixed(t.point_difference_cm, 1) +
        " cm between sides twice in a row; volume up >= " + fixed(t.rapid_rise_pct, 1) + "% within " +
        std::to_string(t.rapid_rise_days) +
        " days, still so at the next session; a steady rise of >= " + fixed(t.sustained_pct, 1) + "% over up to " +
        std::to_string(t.sustained_weeks) +
        " weeks; redness with warmth. Home tape measurements vary: changes under about " +
        fixed(smallest_real_difference_pct, 1) +
        "% are within measurement noise. These figures inform; they do not diagnose.";
    flow.y -= 2;
    for (const auto& text : f.wrap(thresholds, f.regular(), 7.5, x1 - x0, 4)) {
        draw_text(page, f.regular(), 7.5, x0, flow.y, text, Align::left, grey);
        flow.y -= 9.5;
    }
    set_stroke(page, grey, 0.7);
    HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(flow.left()), static_cast<HPDF_REAL>(flow.y + 2),
                        static_cast<HPDF_REAL>(flow.content_width()), static_cast<HPDF_REAL>(box_top - flow.y - 2));
    HPDF_Page_Stroke(page);
    flow.y -= 12;
}

}  // namespace swelltrack::pdf
