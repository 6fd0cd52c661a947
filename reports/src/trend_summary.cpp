// Page 1 of the trend report: who, what was measured and how, and baseline vs latest.
#include <algorithm>
#include <set>

#include "format.h"
#include "swelltrack/status.h"
#include "trend_parts.h"

namespace swelltrack::pdf {
namespace {

struct SummaryRow {
    std::string label, baseline, latest;
};

std::vector<SummaryRow> summary_rows(const History& h, const SessionFigures& b, const SessionFigures& l) {
    const Client& c = h.client;
    std::vector<SummaryRow> rows;
    for (Side side : {Side::left, Side::right}) {
        std::string label = display::limb_name(side, c.limb) + " volume";
        if (!c.bilateral()) label += side == *c.affected_side() ? " (affected)" : " (unaffected)";
        rows.push_back({label, display::ml_unit(b.volume_ml(side)), display::ml_unit(l.volume_ml(side))});
    }
    if (!c.bilateral()) {
        rows.push_back({"Difference, affected - unaffected", display::signed_ml_unit(b.diff_ml),
                        display::signed_ml_unit(l.diff_ml)});
        rows.push_back({"% excess over the unaffected limb", display::pct(b.excess_pct), display::pct(l.excess_pct)});
        rows.push_back(
            {"Relative volume change (RVC) since baseline", display::pct(b.rvc_pct), display::pct(l.rvc_pct)});
        if (!l.wac_pct.empty()) rows.push_back({"Weight-adjusted change (WAC)", display::wac(b), display::wac(l)});
        auto ctcae = [](const SessionFigures& f) {
            return f.ctcae_grade ? std::string(ctcae_label(*f.ctcae_grade)) : std::string(display::missing);
        };
        auto isl = [](const SessionFigures& f) {
            return !f.ctcae_grade   ? std::string(display::missing)
                   : f.isl_severity ? std::string(to_string(*f.isl_severity))
                                    : std::string("not graded (excess under 5%)");
        };
        rows.push_back({"Severity class: CTCAE v3 grade (from % excess)", ctcae(b), ctcae(l)});
        rows.push_back({"Severity class: ISL severity band (from % excess)", isl(b), isl(l)});
    } else {
        rows.push_back(
            {"Difference, left - right", display::signed_ml_unit(b.diff_ml), display::signed_ml_unit(l.diff_ml)});
        for (Side side : {Side::left, Side::right}) {
            auto get = [&](const SessionFigures& f) {
                auto it = f.wac_pct.find(side);
                return it == f.wac_pct.end() ? std::string(display::missing) : display::pct(it->second);
            };
            rows.push_back({"Weight-adjusted change (WAC), " + std::string(to_string(side)), get(b), get(l)});
        }
        rows.push_back({"Severity class", "not graded: no unaffected limb to compare with", ""});
    }
    rows.push_back({"Largest point difference, " + display::point_difference_label(c),
                    display::signed_point_difference(h.client, b), display::signed_point_difference(h.client, l)});
    rows.push_back({"Partial (a point was not measured)", b.partial ? "yes" : "no", l.partial ? "yes" : "no"});
    return rows;
}

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
    if (h.baselines.size() > 1) base += " Each session is compared only with the baseline of its own protocol.";
    if (c.baseline_date) base += " Baseline date on record: " + format_date(*c.baseline_date) + ".";
    flow.paragraph(base, 9);
    flow.y -= 4;
}

}  // namespace

void draw_summary(Flow& flow, const TrendView& v) {
    identity(flow, v);
    const History& h = v.history;
    if (!h.baseline || v.shown.empty()) {
        flow.paragraph("No baseline vs latest comparison can be shown.", 9, grey);
        return;
    }
    const auto& f = flow.fonts();
    HPDF_Page page = flow.page();
    // The newest shown session comparable with its protocol's baseline (a later symptoms-only,
    // partial or other-protocol session does not replace it), else the newest shown one.
    auto newest = std::find_if(v.shown.rbegin(), v.shown.rend(), [&](std::size_t i) { return h.comparable(i); });
    const std::size_t later = newest == v.shown.rend() ? 0 : static_cast<std::size_t>(newest - v.shown.rbegin());
    const std::size_t li = newest == v.shown.rend() ? v.shown.back() : *newest;
    const auto* pin = h.baseline_of(h.sessions[li].protocol);
    const std::size_t bi = pin ? pin->index : *h.baseline;
    const SessionFigures& b = h.figures[bi];
    const SessionFigures& l = h.figures[li];
    double box_top = flow.y, x0 = flow.left() + 6, x1 = flow.right() - 6;
    double c2 = x0 + (x1 - x0) * 0.43, c3 = x0 + (x1 - x0) * 0.72;  // right edges: c2 + 2 .. baseline, x1 .. latest
    flow.y -= 14;
    draw_text(page, f.bold(), 10, x0, flow.y, f.encode("Summary: baseline vs latest"));
    draw_text(page, f.bold(), 8.5, c3 - 6, flow.y, f.encode("Baseline " + display::day(h.sessions[bi].recorded_at)),
              Align::right);
    draw_text(page, f.bold(), 8.5, x1, flow.y, f.encode("Latest " + display::day(v.session(li).recorded_at)),
              Align::right);
    flow.y -= 4;
    set_stroke(page, light_grey, 0.5);
    line(page, x0, flow.y, x1, flow.y);
    flow.y -= 10;
    for (const auto& r : summary_rows(h, b, l)) {
        draw_text(page, f.regular(), 8.5, x0, flow.y, f.fit(r.label, f.regular(), 8.5, c2 - x0 - 4));
        if (r.latest.empty()) {  // one statement across both columns
            draw_text(page, f.regular(), 8.5, x1, flow.y, f.fit(r.baseline, f.regular(), 8.5, x1 - c2), Align::right);
        } else {
            draw_text(page, f.regular(), 8.5, c3 - 6, flow.y, f.fit(r.baseline, f.regular(), 8.5, c3 - c2 - 8),
                      Align::right);
            draw_text(page, f.bold(), 8.5, x1, flow.y, f.fit(r.latest, f.bold(), 8.5, x1 - c3 - 4), Align::right);
        }
        flow.y -= 11.5;
    }
    flow.y -= 3;
    if (later > 0)
        for (const auto& text :
             f.wrap("Latest = the newest session comparable with the baseline; " + std::to_string(later) +
                        " later session(s) shown are partial, symptoms only or in another protocol.",
                    f.regular(), 8, x1 - x0, 3)) {
            draw_text(page, f.regular(), 8, x0, flow.y, text, Align::left, grey);
            flow.y -= 10.5;
        }
    // Attention as status judges it (the same rule): the newest comparable session's alerts and
    // infection signs of the last 14 days.
    const auto st = summarize(h, v.options.now.value_or(now_local().utc));
    draw_text(page, f.bold(), 8.5, x0, flow.y,
              f.encode("Attention (as in status): " + std::string(display::attention(st.attention).word)));
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
    const std::string thresholds = std::string("Alert thresholds used: ") + (h.client.bilateral() ? "WAC" : "RVC/WAC") +
                                   " >= " + fixed(t.change_watch_pct, 1) +
                                   "% watch, >= " + fixed(t.change_range_pct, 1) +
                                   "% range; any point differing >= " + fixed(t.point_difference_cm, 1) +
                                   " cm between sides; volume up >= " + fixed(t.rapid_rise_pct, 1) + "% within " +
                                   std::to_string(t.rapid_rise_days) +
                                   " days; redness with warmth. Home tape measurements vary: changes under about " +
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
