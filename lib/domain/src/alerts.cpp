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

// The series a sustained rise is judged on, and the windows every rule looks back through, worked
// out once per history: for each session, the value of each affected side (nullopt where it has
// none) and its local time.
struct TrendSeries {
    std::vector<Side> sides;
    std::vector<std::vector<std::optional<double>>> values;  // [side][session]
    std::vector<double> day;                                 // local days, by the wall clock it was recorded by
    std::vector<std::int64_t> date;                          // local calendar day number: windows count these
    std::vector<std::size_t> protocol;                       // an index per protocol name
};

// The sessions before i, newest first, that a single session's alert may be confirmed by: within
// the sustained-rise window (so that status, which reads that far back, judges them as the history
// does), in the same protocol unless `any_protocol` (changes since baseline carry across a change
// of protocol; points and volumes do not). `take(j)` returns true to stop.
template <class Take>
void earlier_in_window(const History& h, const TrendSeries& series, std::size_t i, Take take,
                       bool any_protocol = false) {
    const auto window_start = series.date[i] - h.thresholds.sustained_weeks * 7;
    for (std::size_t j = i; j-- > 0;) {
        if (series.date[j] < window_start) return;
        if ((any_protocol || series.protocol[j] == series.protocol[i]) && take(j)) return;
    }
}

// RVC for one affected side, WAC for each affected side when both are. The range level (>= 10%)
// needs one session; the watch level needs two in a row: this one and the comparable session
// before it, as one noisy session often crosses 5% (docs/clinical.md#one-noisy-session).
void change_alerts(const History& h, const TrendSeries& series, std::size_t i, std::vector<Alert>& out) {
    const auto& t = h.thresholds;
    const auto& f = h.figures[i];
    if (!h.comparable(i)) return;
    // The comparable session before i with a value, if any within the window, in any protocol.
    auto previous = [&](auto value_of) {
        std::optional<std::pair<std::size_t, double>> found;
        earlier_in_window(
            h, series, i,
            [&](std::size_t j) {
                if (!h.comparable(j)) return false;
                if (auto v = value_of(h.figures[j])) found = {j, *v};
                return found.has_value();
            },
            true);
        return found;
    };
    auto add = [&](double v, auto value_of, AlertCode watch, AlertCode range, const std::string& what) {
        if (v >= t.change_range_pct) {
            out.push_back({range, what + " " + pct(v) + " since baseline (>= " + format_exact(t.change_range_pct) +
                                      "%: in the range usually called lymphedema; discuss with your clinician)"});
            return;
        }
        if (v < t.change_watch_pct) return;
        auto before = previous(value_of);
        if (!before || before->second < t.change_watch_pct) return;
        out.push_back({watch, what + " " + pct(v) + " since baseline, and " + pct(before->second) + " on " +
                                  display::day(h.sessions[before->first].recorded_at) + " (>= " +
                                  format_exact(t.change_watch_pct) + "% in two sessions in a row: watch closely)"});
    };
    if (!h.client.bilateral()) {
        if (f.rvc_pct)
            add(
                *f.rvc_pct, [](const SessionFigures& g) { return g.rvc_pct; }, AlertCode::rvc_5, AlertCode::rvc_10,
                "Relative volume change");
    } else {
        for (auto [side, v] : f.wac_pct)
            add(
                v,
                [side = side](const SessionFigures& g) {
                    auto w = g.wac_pct.find(side);
                    return w == g.wac_pct.end() ? std::optional<double>{} : std::optional<double>{w->second};
                },
                AlertCode::wac_5, AlertCode::wac_10, "Weight-adjusted change (" + std::string(to_string(side)) + ")");
    }
}

// A point whose sides differ by the threshold in this session and, by the same sign, in the
// session before it that measured that point on both sides: one misread point is not enough.
void point_alert(const History& h, const TrendSeries& series, std::size_t i, std::vector<Alert>& out) {
    const double limit = h.thresholds.point_difference_cm - 1e-9;
    const auto& s = h.sessions[i];
    auto diff_cm = [](const Session& x, std::size_t k) -> std::optional<double> {
        if (k >= x.left_mm.size() || k >= x.right_mm.size() || !x.left_mm[k] || !x.right_mm[k]) return std::nullopt;
        return (*x.left_mm[k] - *x.right_mm[k]) / 10;
    };
    std::optional<PointDifference> worst;
    std::size_t confirmed_by = 0;
    double confirmed_cm = 0;
    for (std::size_t k = 0; k < std::min(s.left_mm.size(), s.right_mm.size()); ++k) {
        auto d = diff_cm(s, k);
        if (!d || std::abs(*d) < limit || (worst && std::abs(*d) <= std::abs(worst->difference_cm))) continue;
        earlier_in_window(h, series, i, [&](std::size_t j) {
            auto e = diff_cm(h.sessions[j], k);
            if (!e) return false;
            if (std::abs(*e) >= limit && (*e > 0) == (*d > 0)) {
                worst = PointDifference{k, *d};
                confirmed_by = j;
                confirmed_cm = *e;
            }
            return true;
        });
    }
    if (!worst) return;
    // In the client's unit; the threshold is a setting in cm, so an inch client is shown both.
    const auto unit = h.client.unit;
    const double threshold_cm = h.thresholds.point_difference_cm;
    const std::string threshold = unit == LengthUnit::cm ? fixed(threshold_cm, 1) + " cm"
                                                         : display::length_unit(threshold_cm * 10, unit) + ", the " +
                                                               fixed(threshold_cm, 1) + " cm setting,";
    out.push_back({AlertCode::point_2cm, "Sides differ by " +
                                             display::length_unit(std::abs(worst->difference_cm) * 10, unit) +
                                             " at point " + std::to_string(worst->point_index + 1) + ", and by " +
                                             display::length_unit(std::abs(confirmed_cm) * 10, unit) + " there on " +
                                             display::day(h.sessions[confirmed_by].recorded_at) + " (>= " + threshold +
                                             " in two sessions in a row)"});
}

// An affected limb up by the threshold within the window (local calendar days) since the session
// before, and still up by it in the next session: session i confirms a rise from k to j. Each is
// the previous session with that limb's complete volume in the same protocol.
void rapid_rise_alerts(const History& h, const TrendSeries& series, std::size_t i, std::vector<Alert>& out) {
    const auto& t = h.thresholds;
    const auto& f = h.figures[i];
    auto before = [&](std::size_t at, Side side) {
        std::optional<std::size_t> found;
        earlier_in_window(h, series, at, [&](std::size_t j) {
            if (h.figures[j].complete(side)) found = j;
            return found.has_value();
        });
        return found;
    };
    auto rise = [&](std::size_t from, std::size_t to, Side side) {
        return (*h.figures[to].volume_ml(side) / *h.figures[from].volume_ml(side) - 1.0) * 100.0;
    };
    auto days = [&](std::size_t from, std::size_t to) { return series.date[to] - series.date[from]; };
    for (Side side : affected_sides(h.client)) {
        if (!f.complete(side)) continue;
        auto j = before(i, side);
        if (!j || days(*j, i) > t.rapid_rise_days) continue;
        auto k = before(*j, side);
        if (!k || days(*k, *j) > t.rapid_rise_days) continue;
        const double first = rise(*k, *j, side), now = rise(*k, i, side);
        if (first < t.rapid_rise_pct || now < t.rapid_rise_pct) continue;
        out.push_back({AlertCode::rapid_rise, std::string(to_string(side)) + " volume up " + pct(first) + " on " +
                                                  display::day(h.sessions[*j].recorded_at) + " since " +
                                                  std::to_string(days(*k, *j)) + " day(s) before, and still " +
                                                  pct(now) + " above it now (>= " + format_exact(t.rapid_rise_pct) +
                                                  "% within " + std::to_string(t.rapid_rise_days) +
                                                  " days, in two sessions in a row)"});
    }
}

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
        change_alerts(h, series, i, out);
        point_alert(h, series, i, out);
        rapid_rise_alerts(h, series, i, out);
        sustained_rise_alerts(h, series, i, out);
        if (h.sessions[i].skin.infection_signs())
            out.push_back({AlertCode::infection_signs,
                           "Redness and warmth logged: possible infection signs; contact your clinician"});
        h.figures[i].alerts = std::move(out);
    }
}

}  // namespace swelltrack
