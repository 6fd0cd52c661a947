#pragma once
// A slow rise found from the series itself (docs/clinical.md#sustained-rise): a one-sided test of
// the slope of a least-squares line through a client's recent sessions, with the noise taken from
// the documented measurement noise and, as sessions accumulate, from her own scatter around the line.
#include <optional>
#include <span>

namespace swelltrack {

/// One session of the series: its time in days (any origin) and the value judged, 100 * ln(ratio),
/// which is the percent change for small changes (RVC: affected / unaffected volume; WAC: volume /
/// body weight).
struct TrendPoint {
    double day = 0;
    double value = 0;
};

/// How the test is made. `prior_sd` is the documented noise of one value, in the value's units;
/// `prior_weight` is how many degrees of freedom it counts for against the client's own scatter.
struct TrendTest {
    double prior_sd = 0;
    double prior_weight = 2;
    double false_alarm = 0.01;  // one-sided: the chance a series with no rise passes, at one judgement
    double min_rise_pct = 2.5;  // the fitted rise over the series' span must be at least this
    int min_points = 5;
};

struct TrendFit {
    double slope_per_day = 0;  // value units a day
    double span_days = 0;      // newest minus oldest day
    double rise_pct = 0;       // the fitted line's change over the span, as a percent change
    double t = 0;              // slope / its standard error
    double p_value = 1;        // one-sided: the chance of a t this large from noise alone
    double noise_sd = 0;       // the noise of one value: the prior pooled with the scatter around the line
    int points = 0;
    bool rising = false;  // t >= critical_t and rise_pct >= the minimum
};

/// What a least-squares line needs of its points, gathered in one pass. Days are best given
/// relative to a nearby day (e.g. the newest point's): the sums of squares stay small and exact.
struct TrendSums {
    int n = 0;
    double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    double first = 0, last = 0;  // the earliest and latest day
    void add(double day, double value);
};

/// The fitted line and the test over the points (any order); nullopt with fewer than min_points
/// or when every point has the same day.
std::optional<TrendFit> fit_trend(const TrendSums& sums, const TrendTest& test);
std::optional<TrendFit> fit_trend(std::span<const TrendPoint> points, const TrendTest& test);

/// Student's t distribution: P(T <= t) with `df` degrees of freedom (df > 0, not necessarily whole).
double student_t_cdf(double t, double df);
/// The t with P(T <= t) = p, for 0.5 <= p < 1.
double student_t_quantile(double p, double df);

}  // namespace swelltrack
