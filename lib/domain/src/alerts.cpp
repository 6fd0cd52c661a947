// Alert rules (docs/clinical.md#alerts): each compares a session's figures with a configurable
// threshold. Wording informs; it never diagnoses.
#include "swelltrack/alerts.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "swelltrack/analysis.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/trend.h"

namespace swelltrack {
namespace {

struct AlertInfo {
    AlertCode code;
    std::string_view name;
    Attention level;
};

constexpr AlertInfo alert_table[] = {
    {AlertCode::rvc_5, "rvc_5", Attention::watch},
    {AlertCode::rvc_10, "rvc_10", Attention::act_now},
    {AlertCode::wac_5, "wac_5", Attention::watch},
    {AlertCode::wac_10, "wac_10", Attention::act_now},
    {AlertCode::point_2cm, "point_2cm", Attention::watch},
    {AlertCode::rapid_rise, "rapid_rise", Attention::watch},
    {AlertCode::sustained_rise, "sustained_rise", Attention::watch},
    {AlertCode::infection_signs, "infection_signs", Attention::act_now},
};

const AlertInfo& info(AlertCode code) {
    for (const auto& a : alert_table)
        if (a.code == code) return a;
    return alert_table[0];  // unreachable: every code is in the table
}

using display::fixed;
using display::pct;

// RVC for one affected side, WAC for each affected side when both are.
void change_alerts(const History& h, const SessionFigures& f, std::vector<Alert>& out) {
    const auto& t = h.thresholds;
    auto add = [&](double v, AlertCode watch, AlertCode range, const std::string& what) {
        if (v >= t.change_range_pct)
            out.push_back({range, what + " " + pct(v) + " since baseline (>= " + format_exact(t.change_range_pct) +
                                      "%: in the range usually called lymphedema; discuss with your clinician)"});
        else if (v >= t.change_watch_pct)
            out.push_back({watch, what + " " + pct(v) + " since baseline (>= " + format_exact(t.change_watch_pct) +
                                      "%: watch closely)"});
    };
    if (!h.client.bilateral()) {
        if (f.rvc_pct) add(*f.rvc_pct, AlertCode::rvc_5, AlertCode::rvc_10, "Relative volume change");
    } else {
        for (auto [side, v] : f.wac_pct)
            add(v, AlertCode::wac_5, AlertCode::wac_10,
                "Weight-adjusted change (" + std::string(to_string(side)) + ")");
    }
}

void point_alert(const History& h, const SessionFigures& f, std::vector<Alert>& out) {
    const double limit = h.thresholds.point_difference_cm;
    if (!f.max_point_diff || std::abs(f.max_point_diff->difference_cm) < limit - 1e-9) return;
    // In the client's unit; the threshold is a setting in cm, so an inch client is shown both.
    const auto unit = h.client.unit;
    const double diff_mm = std::abs(f.max_point_diff->difference_cm) * 10;
    const std::string threshold =
        unit == LengthUnit::cm ? fixed(limit, 1) + " cm"
                               : display::length_unit(limit * 10, unit) + ", the " + fixed(limit, 1) + " cm setting";
    out.push_back({AlertCode::point_2cm, "Sides differ by " + display::length_unit(diff_mm, unit) + " at point " +
                                             std::to_string(f.max_point_diff->point_index + 1) + " (>= " + threshold +
                                             ")"});
}

// An affected limb up by the threshold since the previous session with that limb's complete volume
// in the same protocol, if that session is within the window.
void rapid_rise_alerts(const History& h, std::size_t i, std::vector<Alert>& out) {
    const auto& t = h.thresholds;
    const auto& s = h.sessions[i];
    const auto& f = h.figures[i];
    for (Side side : affected_sides(h.client)) {
        if (!f.complete(side)) continue;
        for (std::size_t j = i; j-- > 0;) {
            if (!h.figures[j].complete(side) || h.sessions[j].protocol != s.protocol) continue;
            // Local calendar days, as the client counts them: a week is 7 days across a change
            // of clock (6 days 23 hours in spring, 7 days 1 hour in autumn).
            const auto gap =
                (date::sys_days{s.recorded_at.local_date()} - date::sys_days{h.sessions[j].recorded_at.local_date()})
                    .count();
            double rise = (*f.volume_ml(side) / *h.figures[j].volume_ml(side) - 1.0) * 100.0;
            if (gap <= t.rapid_rise_days && rise >= t.rapid_rise_pct)
                out.push_back({AlertCode::rapid_rise, std::string(to_string(side)) + " volume up " + pct(rise) +
                                                          " since " + std::to_string(gap) +
                                                          " day(s) before (>= " + format_exact(t.rapid_rise_pct) +
                                                          "% within " + std::to_string(t.rapid_rise_days) + " days)"});
            break;
        }
    }
}

// The series a sustained rise is judged on, worked out once per history: for each session, the
// value of each affected side (nullopt where it has none) and its local time.
struct TrendSeries {
    std::vector<Side> sides;
    std::vector<std::vector<std::optional<double>>> values;  // [side][session]
    std::vector<double> day;                                 // local days, by the wall clock it was recorded by
    std::vector<std::int64_t> date;                          // local calendar day number: windows count these
    std::vector<std::size_t> protocol;                       // an index per protocol name
};

// 100 * ln(affected / unaffected volume), whose change from the baseline is RVC; with both sides
// affected, 100 * ln(volume / body weight), whose change is WAC. Only for the sessions compared
// with a baseline, and the baselines themselves.
TrendSeries trend_series(const History& h) {
    TrendSeries t;
    t.sides = affected_sides(h.client);
    const auto n = h.sessions.size();
    t.values.assign(t.sides.size(), std::vector<std::optional<double>>(n));
    t.day.resize(n);
    t.date.resize(n);
    t.protocol.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        const auto& s = h.sessions[j];
        t.protocol[j] = j;
        for (std::size_t k = 0; k < j; ++k)
            if (t.protocol[k] == k && h.sessions[k].protocol == s.protocol) {
                t.protocol[j] = k;  // the first session in that protocol names it
                break;
            }
        const auto local = s.recorded_at.utc.time_since_epoch() + s.recorded_at.offset;
        t.day[j] = static_cast<double>(local.count()) / 86400.0;
        t.date[j] = date::floor<date::days>(local).count();
        if (!h.comparable(j) && !h.is_baseline(j)) continue;
        const auto& f = h.figures[j];
        for (std::size_t k = 0; k < t.sides.size(); ++k) {
            const Side side = t.sides[k];
            if (!f.complete(side)) continue;
            if (auto u = h.client.unaffected_side()) {
                if (f.complete(*u)) t.values[k][j] = 100 * std::log(*f.volume_ml(side) / *f.volume_ml(*u));
            } else if (const auto& w = h.sessions[j].weight_kg) {
                t.values[k][j] = 100 * std::log(*f.volume_ml(side) / *w);
            }
        }
    }
    return t;
}

// Session i against the line through its protocol's comparable sessions (and baseline) within the
// window, through session i: never a later one. Each affected side is tested on its own series.
void sustained_rise_alerts(const History& h, const TrendSeries& series, std::size_t i, std::vector<Alert>& out) {
    if (!h.comparable(i)) return;
    const auto& t = h.thresholds;
    const auto& s = h.sessions[i];
    const auto base = h.baseline_of(s.protocol)->index;
    const auto window_start = series.date[i] - t.sustained_weeks * 7;
    TrendTest test;
    // The documented noise: a volume repeats within the smallest real difference, SRD = 1.96 *
    // sqrt(2) * SD, so one volume's SD is SRD / (1.96 * sqrt(2)); a ratio of two volumes has
    // sqrt(2) times that, SRD / 1.96 (docs/clinical.md#sustained-rise).
    test.prior_sd = smallest_real_difference_pct / 1.96 / (h.client.bilateral() ? std::sqrt(2.0) : 1.0);
    test.min_rise_pct = t.sustained_pct;
    test.min_points = t.sustained_sessions;
    for (std::size_t k = 0; k < series.sides.size(); ++k) {
        TrendSums sums;
        for (std::size_t j = i + 1; j-- > base;) {
            if (series.date[j] < window_start) break;
            if (series.protocol[j] != series.protocol[i]) continue;
            if (const auto& v = series.values[k][j]) sums.add(series.day[j] - series.day[i], *v);
        }
        auto fit = fit_trend(sums, test);
        if (!fit || !fit->rising) continue;
        const Side side = series.sides[k];
        const int days = static_cast<int>(std::lround(fit->span_days));
        const std::string span =
            days >= 14 ? std::to_string((days + 3) / 7) + " weeks" : std::to_string(days) + " days";
        std::string what =
            std::string(to_string(side)) + " " + std::string(to_string(h.client.limb)) +
            (h.client.bilateral() ? " rising steadily (weight-adjusted)" : " rising steadily against the other");
        what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
        out.push_back({AlertCode::sustained_rise,
                       what + ": " + pct(fit->rise_pct) + " over " + span + " (" + std::to_string(fit->points) +
                           " sessions), more than measurement noise explains (>= " + format_exact(t.sustained_pct) +
                           "% along a steady line; watch closely)"});
    }
}

}  // namespace

std::optional<AlertCode> parse_alert_code(std::string_view text) {
    for (const auto& a : alert_table)
        if (a.name == text) return a.code;
    return std::nullopt;
}

void validate_thresholds(const AlertThresholds& t) {
    check(limits::watch_pct, t.change_watch_pct);
    // The range threshold is at least the watch threshold: its lower end moves with it.
    auto range = limits::range_pct;
    range.lo = t.change_watch_pct;
    check(range, t.change_range_pct);
    check(limits::point_difference_cm, t.point_difference_cm);
    check(limits::rapid_rise_pct, t.rapid_rise_pct);
    check(limits::rapid_rise_days, t.rapid_rise_days);
    check(limits::sustained_weeks, t.sustained_weeks);
    check(limits::sustained_sessions, t.sustained_sessions);
    check(limits::sustained_pct, t.sustained_pct);
}

std::string_view to_string(AlertCode code) { return info(code).name; }

Attention attention_of(AlertCode code) { return info(code).level; }

Attention attention_of(const std::vector<Alert>& alerts) {
    Attention worst = Attention::none;
    for (const auto& a : alerts) worst = std::max(worst, attention_of(a.code));
    return worst;
}

void add_alerts(History& h) {
    const auto series = trend_series(h);
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        std::vector<Alert> out;
        const auto& f = h.figures[i];
        change_alerts(h, f, out);
        point_alert(h, f, out);
        rapid_rise_alerts(h, i, out);
        sustained_rise_alerts(h, series, i, out);
        if (h.sessions[i].skin.infection_signs())
            out.push_back({AlertCode::infection_signs,
                           "Redness and warmth logged: possible infection signs; contact your clinician"});
        h.figures[i].alerts = std::move(out);
    }
}

}  // namespace swelltrack
