// The sustained-rise test (docs/clinical.md#sustained-rise): least squares, a pooled noise estimate,
// Student's t.
#include "swelltrack/trend.h"

#include <algorithm>
#include <cmath>

namespace swelltrack {
namespace {

// The continued fraction of the regularised incomplete beta function (modified Lentz's method).
double beta_fraction(double a, double b, double x) {
    constexpr double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    if (std::abs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 300; ++m) {
        for (int step = 0; step < 2; ++step) {
            double num = step == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                                   : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + num * d;
            if (std::abs(d) < tiny) d = tiny;
            c = 1 + num / c;
            if (std::abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            if (step == 1 && std::abs(d * c - 1) < 1e-15) return h;
        }
    }
    return h;
}

// I_x(a, b), the regularised incomplete beta function.
double incomplete_beta(double a, double b, double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
    return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

}  // namespace

double student_t_cdf(double t, double df) {
    double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t));  // P(T > |t|)
    return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double df) {
    double lo = 0, hi = 1;
    while (student_t_cdf(hi, df) < p && hi < 1e6) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
        double mid = (lo + hi) / 2;
        (student_t_cdf(mid, df) < p ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

void TrendSums::add(double day, double value) {
    if (n == 0 || day < first) first = day;
    if (n == 0 || day > last) last = day;
    ++n;
    sx += day;
    sy += value;
    sxx += day * day;
    sxy += day * value;
    syy += value * value;
}

std::optional<TrendFit> fit_trend(std::span<const TrendPoint> points, const TrendTest& test) {
    TrendSums sums;
    const double origin = points.empty() ? 0 : points[0].day;
    for (const auto& p : points) sums.add(p.day - origin, p.value);
    return fit_trend(sums, test);
}

std::optional<TrendFit> fit_trend(const TrendSums& u, const TrendTest& test) {
    const int n = u.n;
    if (n < test.min_points || n < 3) return std::nullopt;
    // Sums about the means: Sxx = sum (x - mean x)^2 = sum x^2 - (sum x)^2 / n, and so on.
    const double sxx = u.sxx - u.sx * u.sx / n;
    const double sxy = u.sxy - u.sx * u.sy / n;
    const double syy = u.syy - u.sy * u.sy / n;
    if (sxx <= 1e-12) return std::nullopt;
    TrendFit fit;
    fit.points = n;
    fit.slope_per_day = sxy / sxx;
    fit.span_days = u.last - u.first;
    // The scatter around the line: sum of squared residuals = Syy - Sxy^2 / Sxx (never below 0).
    const double residual = std::max(0.0, syy - sxy * sxy / sxx);
    // The noise of one value: the documented noise, counted as prior_weight degrees of freedom,
    // pooled with the scatter around the line (n - 2 degrees of freedom).
    const double df = test.prior_weight + n - 2;
    const double variance = (test.prior_weight * test.prior_sd * test.prior_sd + residual) / df;
    fit.noise_sd = std::sqrt(variance);
    const double se = std::sqrt(variance / sxx);
    fit.t = se > 0 ? fit.slope_per_day / se : 0;
    // Compared as a probability rather than against a quantile: one distribution function a
    // session instead of a search for the quantile.
    fit.p_value = 1 - student_t_cdf(fit.t, df);
    fit.rise_pct = (std::exp(fit.slope_per_day * fit.span_days / 100) - 1) * 100;
    fit.rising = fit.p_value <= test.false_alarm && fit.rise_pct >= test.min_rise_pct;
    return fit;
}

}  // namespace swelltrack
