// The baseline-versus-latest summary (baseline_summary.h): which sessions, which figures, and how
// each is labelled and printed, once for every face.
#include "swelltrack/baseline_summary.h"

#include <algorithm>
#include <numeric>

#include "swelltrack/display.h"

namespace swelltrack::display {
namespace {

std::string ctcae(const SessionFigures& f) {
    return f.ctcae_grade ? std::string(ctcae_label(*f.ctcae_grade)) : std::string(missing);
}

// The ISL band is given only from 5% excess (CTCAE grade 1): below it, say so rather than "-".
std::string isl(const SessionFigures& f) {
    return !f.ctcae_grade   ? std::string(missing)
           : f.isl_severity ? std::string(to_string(*f.isl_severity))
                            : std::string("not graded (excess under 5%)");
}

std::string wac_of(const SessionFigures& f, Side side) {
    auto it = f.wac_pct.find(side);
    return it == f.wac_pct.end() ? std::string(missing) : pct(it->second);
}

// One affected side: the figures against the unaffected limb and the severity classes.
void unilateral_rows(const SessionFigures& b, const SessionFigures& l, std::vector<SummaryRow>& rows) {
    rows.push_back({"Difference, affected - unaffected", signed_ml_unit(b.diff_ml), signed_ml_unit(l.diff_ml)});
    rows.push_back({"% excess over the unaffected limb", pct(b.excess_pct), pct(l.excess_pct)});
    rows.push_back({"Relative volume change (RVC) since baseline", pct(b.rvc_pct), pct(l.rvc_pct)});
    if (!l.wac_pct.empty()) rows.push_back({"Weight-adjusted change (WAC)", wac(b), wac(l), SummaryValues::words});
    rows.push_back({"Severity class: CTCAE v3 grade (from % excess)", ctcae(b), ctcae(l), SummaryValues::words});
    rows.push_back({"Severity class: ISL severity band (from % excess)", isl(b), isl(l), SummaryValues::words});
}

// Both sides affected: no unaffected limb to compare with, so WAC per side and no severity class.
void bilateral_rows(const SessionFigures& b, const SessionFigures& l, std::vector<SummaryRow>& rows) {
    rows.push_back({"Difference, left - right", signed_ml_unit(b.diff_ml), signed_ml_unit(l.diff_ml)});
    for (Side side : {Side::left, Side::right})
        rows.push_back(
            {"Weight-adjusted change (WAC), " + std::string(to_string(side)), wac_of(b, side), wac_of(l, side)});
    rows.push_back({"Severity class", "not graded: no unaffected limb to compare with", "", SummaryValues::statement});
}

std::vector<SummaryRow> rows_of(const History& h, std::size_t base, std::size_t latest) {
    const Client& c = h.client;
    const SessionFigures& b = h.figures[base];
    const SessionFigures& l = h.figures[latest];
    std::vector<SummaryRow> rows;
    for (Side side : {Side::left, Side::right}) {
        std::string label = limb_name(side, c.limb) + " volume";
        if (!c.bilateral()) label += side == *c.affected_side() ? " (affected)" : " (unaffected)";
        rows.push_back({label, ml_unit(b.volume_ml(side)), ml_unit(l.volume_ml(side))});
    }
    if (c.bilateral())
        bilateral_rows(b, l, rows);
    else
        unilateral_rows(b, l, rows);
    // "+1.4 cm at 36 cm" may wrap: on one line it alone would widen a phone's table past the screen.
    rows.push_back({"Largest point difference, " + point_difference_label(c),
                    signed_point_difference(c, b, h.protocol_of(base)),
                    signed_point_difference(c, l, h.protocol_of(latest)), SummaryValues::words});
    rows.push_back({"Partial (a point was not measured)", b.partial ? "yes" : "no", l.partial ? "yes" : "no"});
    return rows;
}

}  // namespace

std::optional<BaselineSummary> baseline_summary(const History& h, std::span<const std::size_t> shown) {
    if (!h.baseline || shown.empty()) return std::nullopt;
    // A later symptoms-only, partial or other-protocol session has nothing to compare: it never
    // replaces the newest comparable one (the same rule as History::current).
    auto newest = std::find_if(shown.rbegin(), shown.rend(), [&](std::size_t i) { return h.comparable(i); });
    if (newest == shown.rend())
        newest =
            std::find_if(shown.rbegin(), shown.rend(), [&](std::size_t i) { return h.figures[i].both_complete(); });
    if (newest == shown.rend()) newest = shown.rbegin();
    BaselineSummary s;
    s.latest = *newest;
    s.later = static_cast<std::size_t>(newest - shown.rbegin());
    const auto* pin = h.baseline_of(h.sessions[s.latest].protocol);
    s.baseline = pin ? pin->index : *h.baseline;
    s.baseline_day = day(h.sessions[s.baseline].recorded_at);
    s.latest_day = day(h.sessions[s.latest].recorded_at);
    s.rows = rows_of(h, s.baseline, s.latest);
    return s;
}

std::optional<BaselineSummary> baseline_summary(const History& h) {
    std::vector<std::size_t> every(h.sessions.size());
    std::iota(every.begin(), every.end(), std::size_t{0});
    return baseline_summary(h, every);
}

}  // namespace swelltrack::display
