#include "swelltrack/clinical.h"

#include <catch2/catch.hpp>

#include "swelltrack/alerts.h"
#include "swelltrack/error.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

TEST_CASE("inter-limb difference and % excess of the unaffected limb") {
    // Affected 2200 mL, unaffected 2000 mL: 200 mL, 200/2000 = 10%.
    CHECK(interlimb_difference_ml(2200, 2000) == Approx(200));
    CHECK(excess_percent(2200, 2000) == Approx(10.0));
    CHECK(excess_percent(1900, 2000) == Approx(-5.0));
}

TEST_CASE("relative volume change corrects for the unaffected limb") {
    // A1 2100, U1 2000, A2 2310, U2 2000: 2310*2000/(2000*2100) - 1 = 1.1 - 1 = 10%.
    CHECK(relative_volume_change_percent(2100, 2000, 2310, 2000) == Approx(10.0));
    // Both arms grew: A1 2000, U1 2000, A2 2200, U2 2100: 2200/2100 - 1 = 4.762%.
    CHECK(relative_volume_change_percent(2000, 2000, 2200, 2100) == Approx(100.0 * (2200.0 / 2100.0 - 1.0)));
    CHECK(relative_volume_change_percent(2000, 2000, 2200, 2100) == Approx(4.762).epsilon(1e-4));
}

TEST_CASE("weight-adjusted change discounts weight gain") {
    // A1 2000 at 70 kg, A2 2200 at 77 kg: 2200*70/(77*2000) - 1 = 154000/154000 - 1 = 0%.
    CHECK(weight_adjusted_change_percent(2000, 70, 2200, 77) == Approx(0.0).margin(1e-12));
    // Same weight: 2200/2000 - 1 = 10%.
    CHECK(weight_adjusted_change_percent(2000, 70, 2200, 70) == Approx(10.0));
}

TEST_CASE("a limb's own volume change between two sessions") {
    // 2000 -> 2100 mL: 2100/2000 - 1 = +5%; 2100 -> 2000 mL: 2000/2100 - 1 = -4.7619...%.
    CHECK(volume_change_percent(2000, 2100) == Approx(5.0));
    CHECK(volume_change_percent(2100, 2000) == Approx(-100.0 / 21.0));
}

TEST_CASE("the largest per-point difference keeps its sign and point") {
    PointValues left{200.0, 250.0, std::nullopt, 300.0};
    PointValues right{200.0, 230.0, 100.0, 330.0};
    auto d = largest_point_difference(left, right);
    REQUIRE(d);
    CHECK(d->point_index == 3);  // 30 mm = 3 cm, larger than 20 mm at point 1; point 2 lacks a side
    CHECK(d->difference_cm == Approx(-3.0));
    CHECK_FALSE(largest_point_difference({std::nullopt}, {200.0}));
}

TEST_CASE("CTCAE v3 grades and ISL severity bands at their edges") {
    CHECK(ctcae_grade(4.99) == 0);
    CHECK(ctcae_grade(5.0) == 1);
    CHECK(ctcae_grade(10.0) == 1);
    CHECK(ctcae_grade(10.01) == 2);
    CHECK(ctcae_grade(30.0) == 2);
    CHECK(ctcae_grade(30.01) == 3);
    CHECK(ctcae_label(2) == "grade 2 (>10-30%)");
    CHECK(isl_severity(19.9) == IslSeverity::mild);
    CHECK(isl_severity(20.0) == IslSeverity::moderate);
    CHECK(isl_severity(40.0) == IslSeverity::moderate);
    CHECK(isl_severity(40.1) == IslSeverity::severe);
}

TEST_CASE("alert thresholds cannot go below measurement noise") {
    AlertThresholds t;
    CHECK_NOTHROW(validate_thresholds(t));
    t.change_watch_pct = 2.0;
    CHECK_THROWS_WITH(validate_thresholds(t), Contains("watch threshold %: 2") && Contains("3.5-100"));
    t = {};
    t.change_range_pct = 4.0;  // below the watch threshold
    CHECK_THROWS_WITH(validate_thresholds(t), Contains("range threshold"));
    t = {};
    t.rapid_rise_days = 0;
    CHECK_THROWS_WITH(validate_thresholds(t), Contains("rapid rise days"));
}
