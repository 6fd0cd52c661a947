// The sustained-rise test (trend.h) and its alert (alerts.cpp), against figures worked by hand.
#include "swelltrack/trend.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "cylinders.h"
#include "swelltrack/analysis.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

namespace {

// 3.5% / 1.96: the documented noise of 100 ln(affected / unaffected volume).
constexpr double ratio_sd = 3.5 / 1.96;  // 1.785714

std::vector<Alert> sustained(const std::vector<Alert>& alerts) {
    std::vector<Alert> out;
    for (const auto& a : alerts)
        if (a.code == AlertCode::sustained_rise) out.push_back(a);
    return out;
}

Client left_arm() {
    Client c;
    c.name = "Trend Test";
    c.affected = Affected::left;
    return c;
}

// Weekly sessions from Monday 2026-01-05: the right arm 30 cm, the left `left[k]` cm.
std::vector<Session> weekly(const std::vector<double>& left) {
    std::vector<Session> out;
    auto first = date::sys_days{date::year{2026} / 1 / 5};
    for (std::size_t k = 0; k < left.size(); ++k) {
        auto s = testing::cylinders(date::format("%FT09:00+01:00", first + date::days{7 * k}), left[k], 30);
        s.id = static_cast<std::int64_t>(k + 1);
        out.push_back(s);
    }
    return out;
}

}  // namespace

TEST_CASE("Student's t distribution matches its closed forms and tables") {
    // df 1 is the Cauchy distribution: P(T <= 1) = 1/2 + atan(1)/pi = 0.75.
    CHECK(student_t_cdf(1, 1) == Approx(0.75).margin(1e-12));
    // df 2: P(T <= t) = 1/2 + t / (2 sqrt(2 + t^2)); t = 2: 0.5 + 2 / (2 sqrt 6) = 0.9082483.
    CHECK(student_t_cdf(2, 2) == Approx(0.9082483).margin(1e-7));
    CHECK(student_t_cdf(-2, 2) == Approx(1 - 0.9082483).margin(1e-7));
    // One-sided 99% quantiles from the printed tables: df 3 4.541, df 6 3.143, df 10 2.764.
    CHECK(student_t_quantile(0.99, 3) == Approx(4.541).margin(5e-4));
    CHECK(student_t_quantile(0.99, 6) == Approx(3.143).margin(5e-4));
    CHECK(student_t_quantile(0.99, 10) == Approx(2.764).margin(5e-4));
    // Many degrees of freedom approach the normal: 97.5% -> 1.96.
    CHECK(student_t_quantile(0.975, 100000) == Approx(1.95996).margin(1e-4));
}

TEST_CASE("a straight rise passes the test once enough sessions show it beyond the documented noise") {
    TrendTest test;
    test.prior_sd = ratio_sd;
    // Weekly values 0, 1, ..., a straight line: slope 1/7 a day, no scatter around it, so the
    // noise is the prior alone: s^2 = 2 x 1.785714^2 / (2 + n - 2) = 6.377551 / n.
    std::vector<TrendPoint> six;
    for (int k = 0; k < 6; ++k) six.push_back({7.0 * k, 1.0 * k});
    // n = 6: s^2 = 1.062925; days 0..35 about their mean 17.5: Sxx = 2 (17.5^2 + 10.5^2 + 3.5^2)
    // = 857.5; se = sqrt(1.062925 / 857.5) = 0.035207; t = 0.142857 / 0.035207 = 4.058 >= 3.143
    // (99%, 6 df). Rise over 35 days: e^(0.142857 x 35 / 100) - 1 = e^0.05 - 1 = 5.127%.
    auto fit = fit_trend(six, test);
    REQUIRE(fit);
    CHECK(fit->slope_per_day == Approx(1.0 / 7));
    CHECK(fit->span_days == 35);
    CHECK(fit->t == Approx(4.058).margin(1e-3));
    CHECK(fit->p_value < 0.01);  // t past the 99% quantile
    CHECK(fit->p_value == Approx(1 - student_t_cdf(4.058, 6)).margin(1e-4));
    CHECK(fit->rise_pct == Approx(5.127).margin(1e-3));
    CHECK(fit->rising);
    CHECK(fit->noise_sd == Approx(1.030983).margin(1e-6));  // sqrt(1.062925)
    // n = 5 (days 0..28): s^2 = 1.275510, Sxx = 2 (14^2 + 7^2) = 490, se = 0.051021, t = 2.800 < 3.365
    // (99%, 5 df): four weeks of +1 a week are not yet beyond noise.
    six.pop_back();
    fit = fit_trend(six, test);
    REQUIRE(fit);
    CHECK(fit->t == Approx(2.800).margin(1e-3));
    CHECK(fit->p_value > 0.01);
    CHECK_FALSE(fit->rising);
    // Fewer than the minimum, or all on one day: no line.
    test.min_points = 6;
    CHECK_FALSE(fit_trend(six, test));
    std::vector<TrendPoint> one_day{{3, 0}, {3, 1}, {3, 2}, {3, 1}, {3, 0}};
    test.min_points = 5;
    CHECK_FALSE(fit_trend(one_day, test));
}

TEST_CASE("a flat series with scatter, or a rise below the minimum, is not a sustained rise") {
    TrendTest test;
    test.prior_sd = ratio_sd;
    // Alternating 0, 2, 0, 2, ... over 10 weeks (days 7k, k = 0..9, mean 31.5): Sxx = 49 x sum (k -
    // 4.5)^2 = 49 x 82.5 = 4042.5; Sxy = sum (7k - 31.5)(y - 1) = 7 x (odd k's sum - even k's sum)
    // = 7 x (25 - 20) = 35 -> slope 0.008658 a day, a rise of 0.55% over 63 days: not rising.
    std::vector<TrendPoint> flat;
    for (int k = 0; k < 10; ++k) flat.push_back({7.0 * k, k % 2 ? 2.0 : 0.0});
    auto fit = fit_trend(flat, test);
    REQUIRE(fit);
    CHECK(fit->slope_per_day == Approx(35.0 / 4042.5));
    CHECK_FALSE(fit->rising);
    // The noise of one value pools the prior with the scatter around the line: Syy = 10 x 1^2 = 10,
    // SSR = Syy - Sxy^2 / Sxx = 10 - 35^2 / 4042.5 = 9.696970; s^2 = (2 x 1.785714^2 + 9.696970) /
    // (2 + 10 - 2) = (6.377551 + 9.696970) / 10 = 1.607452; s = 1.267853.
    CHECK(fit->noise_sd == Approx(1.267853).margin(1e-6));
    // A rise beyond noise but below the minimum: 30 daily points rising 0.05 a day, no scatter.
    // Sxx = 30 x (30^2 - 1) / 12 = 2247.5; s^2 = 2 x 1.785714^2 / 30 = 0.212585; se = sqrt(0.212585
    // / 2247.5) = 0.0097256; t = 0.05 / 0.0097256 = 5.14, far past 2.46 (99%, 30 df); but the line
    // rises e^(0.05 x 29 / 100) - 1 = 1.4606% < 2.5%: not a sustained rise.
    std::vector<TrendPoint> tiny;
    for (int k = 0; k < 30; ++k) tiny.push_back({1.0 * k, 0.05 * k});
    fit = fit_trend(tiny, test);
    REQUIRE(fit);
    CHECK(fit->t == Approx(5.141).margin(2e-3));
    CHECK(fit->p_value < 0.01);
    CHECK(fit->rise_pct == Approx(1.4606).margin(1e-4));
    CHECK_FALSE(fit->rising);
}

TEST_CASE("a slow steady rise of one arm is a sustained_rise from the seventh weekly session") {
    // Left 31.0, 31.1, ... cm weekly, right 30: the value judged is 100 ln(V_L / V_R) = 200 ln(L / 30)
    // for cylinders (V = 10 C^2 / pi). The line through it: slope 0.091285 a day at 7 sessions
    // (the chord, 200 ln(31.6 / 31.0) / 42 = 0.09141, differs by the log's slight bend); the
    // scatter around it is under 0.0001, so s^2 = 6.377551 / n.
    // 6 sessions: Sxx = 857.5, se = sqrt(1.062925 / 857.5) = 0.035207, t = 0.09143 / 0.035207 =
    // 2.60 < 3.143: no alert. 7 sessions: Sxx = 49 x 7 x 48 / 12 = 1372, s^2 = 0.911079, se =
    // 0.025769, t = 3.54 >= 2.998 (99%, 7 df); rise e^(0.091285 x 42 / 100) - 1 = 3.908% "+3.9%",
    // over 42 days = 6 weeks. RVC then is (31.6 / 31)^2 - 1 = 3.9% < 5%: this is the only alert.
    auto six = analyze_history(left_arm(), weekly({31.0, 31.1, 31.2, 31.3, 31.4, 31.5}), {});
    CHECK(sustained(six.figures.back().alerts).empty());
    auto seven = analyze_history(left_arm(), weekly({31.0, 31.1, 31.2, 31.3, 31.4, 31.5, 31.6}), {});
    const auto& alerts = seven.figures.back().alerts;
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].code == AlertCode::sustained_rise);
    CHECK(attention_of(alerts) == Attention::watch);
    CHECK(alerts[0].message ==
          "Left arm rising steadily against the other: +3.9% over 6 weeks (7 sessions), more than measurement "
          "noise explains (>= 2.5% along a steady line; watch closely)");
}

TEST_CASE("one low baseline session does not make the sessions after it a sustained rise") {
    // Baseline left 30.6 cm, then ten weeks at 31.0: each later session's RVC is (31 / 30.6)^2 - 1
    // = +2.6%. Only the first value is lower, by d = 200 ln(31 / 30.6) = 2.5974; the line's slope
    // over 11 weekly points (days 0..70, mean 35, Sxx = 49 x 11 x 120 / 12 = 5390) is
    // d x 35 / 5390 = 0.016866 a day, a rise of 0.016866 x 70 = 1.18% < 2.5%: no alert.
    std::vector<double> left{30.6};
    for (int k = 0; k < 10; ++k) left.push_back(31.0);
    auto h = analyze_history(left_arm(), weekly(left), {});
    for (std::size_t i = 0; i < h.sessions.size(); ++i) CHECK(sustained(h.figures[i].alerts).empty());
    CHECK(*h.figures.back().rvc_pct == Approx((31.0 / 30.6) * (31.0 / 30.6) * 100 - 100));
}

TEST_CASE("a sustained rise is judged only on sessions up to the one judged and within its window") {
    // The seven sessions of the rise above, then the window cut to 4 weeks: at the seventh session
    // only weeks 2..6 (5 sessions, days 14..42) count, too few days for the +0.1 cm a week to pass.
    auto sessions = weekly({31.0, 31.1, 31.2, 31.3, 31.4, 31.5, 31.6});
    AlertThresholds t;
    t.sustained_weeks = 4;
    auto h = analyze_history(left_arm(), sessions, {}, VolumeMethod::frustum, t);
    CHECK(sustained(h.figures.back().alerts).empty());
    // No look-ahead: with three more sessions after it, the sixth session is still judged alone.
    auto longer = weekly({31.0, 31.1, 31.2, 31.3, 31.4, 31.5, 31.6, 31.7, 31.8, 31.9});
    auto l = analyze_history(left_arm(), longer, {});
    CHECK(sustained(l.figures[5].alerts).empty());
    CHECK_FALSE(sustained(l.figures[6].alerts).empty());
}
