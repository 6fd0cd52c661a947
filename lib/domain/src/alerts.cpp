// Alert rules (docs/clinical.md#alerts): each compares a session's figures with a configurable
// threshold. Wording informs; it never diagnoses.
#include "swelltrack/alerts.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include "swelltrack/analysis.h"
#include "swelltrack/clinical.h"
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

// The `count` sessions before i that `value_of(j)` has a value for, newest first, if each of them
// `holds`: the sessions that confirm an alert of session i. Empty when one does not hold or fewer
// are within the window.
template <class ValueOf, class Holds>
std::vector<std::pair<std::size_t, double>> confirmed_by(const History& h, const TrendSeries& series, std::size_t i,
                                                         int count, ValueOf value_of, Holds holds,
                                                         bool any_protocol = false) {
    std::vector<std::pair<std::size_t, double>> found;
    if (count <= 0) return found;
    bool broken = false;
    earlier_in_window(
        h, series, i,
        [&](std::size_t j) {
            auto v = value_of(j);
            if (!v) return false;
            if (!holds(*v)) return broken = true;
            found.emplace_back(j, *v);
            return std::cmp_greater_equal(found.size(), count);
        },
        any_protocol);
    if (broken || std::cmp_less(found.size(), count)) found.clear();
    return found;
}

// How many sessions in a row an alert needs (docs/clinical.md#noisy-measurements). The rules are
// set for the documented measurement noise: a watch needs two sessions, the range level and the
// sustained rise one. A client whose own sessions scatter more, with r = (her noise / the
// documented noise)^2, needs as many as give the same evidence: the mean of m sessions has 1/m of
// one session's variance, so ceil(2r) for a watch and ceil(r) for the others, within the caps.
struct Needed {
    int watch = 2;     // rvc_5, wac_5, point_2cm, rapid_rise
    int single = 1;    // rvc_10, wac_10, sustained_rise
    double ratio = 1;  // (her noise / the documented noise)^2, at least 1
    static constexpr int watch_cap = 6, single_cap = 3;
};

constexpr std::string_view count_words[] = {"no", "one", "two", "three", "four", "five", "six"};

// "in two sessions in a row", and why when the client's scatter asks for more than usual.
std::string in_a_row(int count, int usual) {
    std::string text = "in " + std::string(count_words[count]) + " sessions in a row";
    if (count > usual) text += ", as this client's sessions scatter more than measurement noise";
    return text;
}

// "+5.3% on 2024-01-09, +6.0% on 2024-01-02": the sessions that confirm, newest first.
template <class Show>
std::string listed(const History& h, const std::vector<std::pair<std::size_t, double>>& sessions, Show show) {
    std::string text;
    for (const auto& [j, v] : sessions)
        text += (text.empty() ? "" : ", ") + show(v) + " on " + display::day(h.sessions[j].recorded_at);
    return text;
}

// The documented noise of one value of the series: a volume repeats within the smallest real
// difference, SRD = 1.96 * sqrt(2) * SD, so one volume's SD is SRD / (1.96 * sqrt(2)); a ratio of
// two volumes has sqrt(2) times that, SRD / 1.96 (docs/clinical.md#sustained-rise).
double documented_sd(const History& h) {
    return smallest_real_difference_pct / 1.96 / (h.client.bilateral() ? std::sqrt(2.0) : 1.0);
}

// Calls `take(side, session, value)` for each affected side's series through session i, newest
// first: its protocol's baseline and comparable sessions within the window, never a later one
// (nothing where the protocol has no baseline). `take` returns true when it has what it needs of
// that side.
template <class Take>
void window_values(const History& h, const TrendSeries& series, std::size_t i, Take take) {
    const auto* baseline = h.baseline_of(h.sessions[i].protocol);
    if (!baseline) return;
    const auto window_start = series.date[i] - h.thresholds.sustained_weeks * 7;
    for (std::size_t k = 0; k < series.sides.size(); ++k)
        for (std::size_t j = i + 1; j-- > baseline->index;) {
            if (series.date[j] < window_start) break;
            if (series.protocol[j] != series.protocol[i]) continue;
            if (const auto& v = series.values[k][j]; v && take(k, j, *v)) break;
        }
}

// Sessions in a row by the client's own scatter through session i (the noisiest side's): from the
// differences between consecutive sessions, whose median a step or a slow rise hardly moves. With
// noise of SD s, a difference has SD s sqrt(2) and its absolute value a median of 0.6745 s sqrt(2).
// The documented noise alone until a side has 4 values: the fewest whose 3 differences have a
// median one step cannot move. Worked out the first time a rule of session i has something to
// confirm, which most sessions do not.
class NeededAt {
   public:
    NeededAt(const History& h, const TrendSeries& series, std::size_t i, std::vector<double>& scratch)
        : h_(h), series_(series), i_(i), steps_(scratch) {}
    const Needed& operator()() {
        if (!value_) value_ = work_out();
        return *value_;
    }

   private:
    static constexpr std::size_t fewest_for_noise = 4;
    // Her latest differences only: a half-year of weekly sessions, four weeks of daily ones (her
    // noise as she measures now, at a bounded cost per session).
    static constexpr std::size_t most_recent_differences = 26;

    Needed work_out() {
        const double documented = documented_sd(h_);
        double ratio = 1;
        for (std::size_t side = 0; side < series_.sides.size(); ++side) {
            steps_.clear();
            std::optional<double> newer;
            window_values(h_, series_, i_, [&](std::size_t k, std::size_t, double v) {
                if (k != side) return true;
                if (newer) steps_.push_back(std::abs(*newer - v));
                newer = v;
                return steps_.size() >= most_recent_differences;
            });
            if (steps_.size() + 1 < fewest_for_noise) continue;
            auto mid = steps_.begin() + static_cast<std::ptrdiff_t>(steps_.size() / 2);
            std::nth_element(steps_.begin(), mid, steps_.end());
            double median = *mid;
            if (steps_.size() % 2 == 0) median = (median + *std::max_element(steps_.begin(), mid)) / 2;
            const double sd = median / (0.6745 * std::sqrt(2.0));
            ratio = std::max(ratio, sd * sd / (documented * documented));
        }
        // The ratio can land a hair above a whole number: 1e-9 keeps it there.
        auto sessions = [&](double m, int cap) { return std::min(cap, static_cast<int>(std::ceil(m - 1e-9))); };
        return {std::max(2, sessions(2 * ratio, Needed::watch_cap)), std::max(1, sessions(ratio, Needed::single_cap)),
                ratio};
    }

    const History& h_;
    const TrendSeries& series_;
    std::size_t i_;
    std::vector<double>& steps_;
    std::optional<Needed> value_;
};

// RVC for one affected side, WAC for each affected side when both are. The range level (>= 10%)
// and the watch level need as many sessions in a row as `needed` says: the session judged and the
// comparable sessions before it, as one noisy session often crosses 5%
// (docs/clinical.md#one-noisy-session).
void change_alerts(const History& h, const TrendSeries& series, std::size_t i, NeededAt& needed_at,
                   std::vector<Alert>& out) {
    const auto& t = h.thresholds;
    const auto& f = h.figures[i];
    if (!h.comparable(i)) return;
    auto add = [&](double v, auto value_of, AlertCode watch, AlertCode range, const std::string& what) {
        // The comparable sessions before i with a value, in any protocol, each at least `limit`.
        auto before = [&](int sessions, double limit) {
            return confirmed_by(
                h, series, i, sessions - 1,
                [&](std::size_t j) { return h.comparable(j) ? value_of(h.figures[j]) : std::nullopt; },
                [&](double x) { return x >= limit; }, true);
        };
        auto earlier = [&](const auto& sessions) {
            return sessions.empty() ? std::string() : ", and " + listed(h, sessions, [](double x) { return pct(x); });
        };
        if (v < t.change_watch_pct) return;
        const auto& needed = needed_at();
        if (v >= t.change_range_pct) {
            auto sessions = before(needed.single, t.change_range_pct);
            if (std::cmp_equal(sessions.size(), needed.single - 1)) {
                const auto row = needed.single > 1 ? " " + in_a_row(needed.single, 1) : std::string();
                out.push_back({range, what + " " + pct(v) + " since baseline" + earlier(sessions) +
                                          " (>= " + format_exact(t.change_range_pct) + "%" + row +
                                          ": in the range usually called lymphedema; discuss with your clinician)"});
                return;
            }
        }
        auto sessions = before(needed.watch, t.change_watch_pct);
        if (sessions.empty()) return;
        out.push_back({watch, what + " " + pct(v) + " since baseline" + earlier(sessions) +
                                  " (>= " + format_exact(t.change_watch_pct) + "% " + in_a_row(needed.watch, 2) +
                                  ": watch closely)"});
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
// sessions before it that measured that point on both sides (as many as `needed` says): one
// misread point is not enough.
void point_alert(const History& h, const TrendSeries& series, std::size_t i, NeededAt& needed_at,
                 std::vector<Alert>& out) {
    const double limit = h.thresholds.point_difference_cm - 1e-9;
    const auto& s = h.sessions[i];
    auto diff_cm = [](const Session& x, std::size_t k) -> std::optional<double> {
        if (k >= x.left_mm.size() || k >= x.right_mm.size() || !x.left_mm[k] || !x.right_mm[k]) return std::nullopt;
        return (*x.left_mm[k] - *x.right_mm[k]) / 10;
    };
    std::optional<PointDifference> worst;
    std::vector<std::pair<std::size_t, double>> confirming;
    for (std::size_t k = 0; k < std::min(s.left_mm.size(), s.right_mm.size()); ++k) {
        auto d = diff_cm(s, k);
        if (!d || std::abs(*d) < limit || (worst && std::abs(*d) <= std::abs(worst->difference_cm))) continue;
        auto sessions = confirmed_by(
            h, series, i, needed_at().watch - 1, [&](std::size_t j) { return diff_cm(h.sessions[j], k); },
            [&](double e) { return std::abs(e) >= limit && (e > 0) == (*d > 0); });
        if (sessions.empty()) continue;
        worst = PointDifference{k, *d};
        confirming = std::move(sessions);
    }
    if (!worst) return;
    const auto& needed = needed_at();
    // In the client's unit; the threshold is a setting in cm, so an inch client is shown both.
    const auto unit = h.client.unit;
    const double threshold_cm = h.thresholds.point_difference_cm;
    const std::string threshold = unit == LengthUnit::cm ? fixed(threshold_cm, 1) + " cm"
                                                         : display::length_unit(threshold_cm * 10, unit) + ", the " +
                                                               fixed(threshold_cm, 1) + " cm setting,";
    auto length = [unit](double cm) { return display::length_unit(std::abs(cm) * 10, unit); };
    auto sessions = listed(h, confirming, length);
    if (confirming.size() == 1) sessions.insert(sessions.find(" on "), " there");  // "by 2.6 cm there on ..."
    // The point by its distance from the wrist or ankle, as the summary names it.
    const std::string where = display::point_name(h.protocol_of(i), worst->point_index, unit);
    out.push_back({AlertCode::point_2cm, "Sides differ by " + length(worst->difference_cm) + " at " + where +
                                             ", and by " + sessions + " (>= " + threshold + " " +
                                             in_a_row(needed.watch, 2) + ")"});
}

// An affected limb up by the threshold within the window (local calendar days) since the session
// before, and still up by it in the next sessions (as many as `needed` says, each within the window
// of the one before): session i confirms a rise from k to the first of them. Each is the previous
// session with that limb's complete volume in the same protocol.
void rapid_rise_alerts(const History& h, const TrendSeries& series, std::size_t i, NeededAt& needed_at,
                       std::vector<Alert>& out) {
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
        return volume_change_percent(*h.figures[from].volume_ml(side), *h.figures[to].volume_ml(side));
    };
    auto days = [&](std::size_t from, std::size_t to) { return series.date[to] - series.date[from]; };
    for (Side side : affected_sides(h.client)) {
        if (!f.complete(side)) continue;
        // Nothing to confirm unless i is up by the threshold on one of the sessions a rise could
        // start from: each within the window of the one after it, at most the cap back.
        bool risen_from_any = false;
        std::size_t at = i;
        for (int back = 0; back < Needed::watch_cap && !risen_from_any; ++back) {
            auto k = before(at, side);
            if (!k || days(*k, at) > t.rapid_rise_days) break;
            risen_from_any = rise(*k, i, side) >= t.rapid_rise_pct;
            at = *k;
        }
        if (!risen_from_any) continue;
        const auto& needed = needed_at();
        // i and the sessions before it that must show the rise, newest first; then k, before them.
        std::vector<std::size_t> risen{i};
        std::optional<std::size_t> k;
        while (true) {
            k = before(risen.back(), side);
            if (!k || days(*k, risen.back()) > t.rapid_rise_days) break;
            if (std::cmp_equal(risen.size(), needed.watch)) break;
            risen.push_back(*k);
        }
        if (!k || days(*k, risen.back()) > t.rapid_rise_days || std::cmp_less(risen.size(), needed.watch)) continue;
        if (std::any_of(risen.begin(), risen.end(),
                        [&](std::size_t j) { return rise(*k, j, side) < t.rapid_rise_pct; }))
            continue;
        const auto j = risen.back();
        out.push_back({AlertCode::rapid_rise,
                       std::string(to_string(side)) + " volume up " + pct(rise(*k, j, side)) + " on " +
                           display::day(h.sessions[j].recorded_at) + " since " + std::to_string(days(*k, j)) +
                           " day(s) before, and still " + pct(rise(*k, i, side)) +
                           " above it now (>= " + format_exact(t.rapid_rise_pct) + "% within " +
                           std::to_string(t.rapid_rise_days) + " days, " + in_a_row(needed.watch, 2) + ")"});
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
// window, through session i. Each affected side is tested on its own series; `rising[side][j]`
// keeps each session's result, so that a client who needs more than one session in a row is
// judged on the sessions before i too.
void sustained_rise_alerts(const History& h, const TrendSeries& series, std::size_t i, NeededAt& needed_at,
                           std::vector<std::vector<char>>& rising, std::vector<Alert>& out) {
    if (!h.comparable(i)) return;
    const auto& t = h.thresholds;
    std::vector<TrendSums> sums(series.sides.size());
    window_values(h, series, i, [&](std::size_t k, std::size_t j, double v) {
        sums[k].add(series.day[j] - series.day[i], v);
        return false;
    });
    TrendTest test;
    test.prior_sd = documented_sd(h);
    test.min_rise_pct = t.sustained_pct;
    test.min_points = t.sustained_sessions;
    for (std::size_t k = 0; k < series.sides.size(); ++k) {
        auto fit = fit_trend(sums[k], test);
        if (!fit || !fit->rising) continue;
        // The noise the line's scatter is pooled with: the documented noise, or hers when larger
        // (a larger prior only lowers t, so a series that fails with the documented one fails).
        const auto& needed = needed_at();
        if (needed.ratio > 1) {
            TrendTest hers = test;
            hers.prior_sd = test.prior_sd * std::sqrt(needed.ratio);
            fit = fit_trend(sums[k], hers);
            if (!fit || !fit->rising) continue;
        }
        rising[k][i] = 1;
        auto sessions = confirmed_by(
            h, series, i, needed.single - 1,
            [&](std::size_t j) {
                return h.comparable(j) && series.values[k][j] ? std::optional<double>{rising[k][j]} : std::nullopt;
            },
            [](double passed) { return passed > 0; });
        if (std::cmp_less(sessions.size(), needed.single - 1)) continue;
        const Side side = series.sides[k];
        const int days = static_cast<int>(std::lround(fit->span_days));
        const std::string span =
            days >= 14 ? std::to_string((days + 3) / 7) + " weeks" : std::to_string(days) + " days";
        std::string what =
            std::string(to_string(side)) + " " + std::string(to_string(h.client.limb)) +
            (h.client.bilateral() ? " rising steadily (weight-adjusted)" : " rising steadily against the other");
        what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
        const auto row = needed.single > 1 ? ", " + in_a_row(needed.single, 1) : std::string();
        out.push_back({AlertCode::sustained_rise,
                       what + ": " + pct(fit->rise_pct) + " over " + span + " (" + std::to_string(fit->points) +
                           " sessions), more than measurement noise explains (>= " + format_exact(t.sustained_pct) +
                           "% along a steady line" + row + "; watch closely)"});
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
    check(limits::check_in_days, t.check_in_days);
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
    std::vector<std::vector<char>> rising(series.sides.size(), std::vector<char>(h.sessions.size()));
    std::vector<double> scratch;  // the differences NeededAt sorts, one buffer for every session
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        NeededAt needed(h, series, i, scratch);
        std::vector<Alert> out;
        change_alerts(h, series, i, needed, out);
        point_alert(h, series, i, needed, out);
        rapid_rise_alerts(h, series, i, needed, out);
        sustained_rise_alerts(h, series, i, needed, rising, out);
        if (h.sessions[i].skin.infection_signs())
            out.push_back({AlertCode::infection_signs,
                           "Redness and warmth logged: possible infection signs; contact your clinician"});
        h.figures[i].alerts = std::move(out);
    }
}

}  // namespace swelltrack
