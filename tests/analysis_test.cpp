#include "swelltrack/analysis.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <numbers>

using namespace swelltrack;
constexpr double pi = std::numbers::pi;

namespace {
// Linear taper from `wrist_cm` growing 1.2 cm per 4 cm point, 11 points (arm-4cm).
PointValues taper(double wrist_cm) {
    PointValues out;
    for (int i = 0; i <= 10; ++i) out.push_back((wrist_cm + 1.2 * i) * 10.0);
    return out;
}
Session arm(const char* at, double left_wrist_cm, double right_wrist_cm) {
    Session s;
    s.recorded_at = parse_datetime(at);
    s.protocol = "arm-4cm";
    s.left_mm = taper(left_wrist_cm);
    s.right_mm = taper(right_wrist_cm);
    return s;
}
bool has(const SessionFigures& f, AlertCode code) {
    return std::any_of(f.alerts.begin(), f.alerts.end(), [&](const Alert& a) { return a.code == code; });
}
Client left_arm_client() {
    Client c;
    c.name = "Ada";
    c.limb = LimbKind::arm;
    c.affected = Affected::left;
    return c;
}
}  // namespace

TEST_CASE("a unilateral arm: RVC, % excess, severity and a rapid rise") {
    // Baseline: both arms 16 -> 28 cm, V = 40 (16^2 + 16*28 + 28^2)/(12 pi) = 4960/pi each.
    // Three days later the left arm is 1 cm bigger at every point, 17 -> 29 cm:
    // V = 40 (17^2 + 17*29 + 29^2)/(12 pi) = 40 * 1623/(12 pi) = 5410/pi.
    // diff = 450/pi = 143.24 mL; excess = 450/4960 = 9.073%; RVC = (5410*4960)/(4960*4960) - 1 = 9.073%.
    auto h = analyze_history(left_arm_client(),
                             {arm("2025-01-04T09:00+01:00", 17, 16), arm("2025-01-01T09:00+01:00", 16, 16)}, {});
    REQUIRE(h.sessions.size() == 2);
    CHECK(h.sessions[0].recorded_at < h.sessions[1].recorded_at);  // sorted oldest first
    REQUIRE(h.baseline == 0u);
    const auto& base = h.figures[0];
    CHECK(*base.left_ml == Approx(4960 / pi));
    CHECK(*base.rvc_pct == Approx(0.0).margin(1e-12));
    CHECK(base.alerts.empty());

    const auto& now = h.figures[1];
    CHECK(*now.left_ml == Approx(5410 / pi));
    CHECK(*now.diff_ml == Approx(450 / pi));
    CHECK(*now.excess_pct == Approx(100.0 * 450 / 4960));
    CHECK(*now.rvc_pct == Approx(100.0 * (5410.0 / 4960.0 - 1.0)));
    CHECK(*now.ctcae_grade == 1);
    CHECK(*now.isl_severity == IslSeverity::mild);
    CHECK(now.max_point_diff->difference_cm == Approx(1.0));
    CHECK(now.wac_pct.empty());  // no weights
    CHECK(has(now, AlertCode::rvc_5));
    CHECK_FALSE(has(now, AlertCode::rvc_10));
    CHECK(has(now, AlertCode::rapid_rise));  // +9.07% in 3 days >= 5% within 7 days
    CHECK_FALSE(has(now, AlertCode::point_2cm));
    CHECK_FALSE(now.partial);
}

TEST_CASE("a rise spread over more than the window is not rapid but a 2 cm point difference alerts") {
    // Left arm 2 cm bigger everywhere after 30 days: point difference 2.0 cm >= 2 cm.
    // V = 40 (18^2 + 18*30 + 30^2)/(12 pi) = 40 * 1764/(12 pi) = 5880/pi; RVC = 5880/4960 - 1 = 18.55%.
    auto h =
        analyze_history(left_arm_client(), {arm("2025-01-01T09:00Z", 16, 16), arm("2025-01-31T09:00Z", 18, 16)}, {});
    const auto& now = h.figures[1];
    CHECK(*now.rvc_pct == Approx(100.0 * (5880.0 / 4960.0 - 1.0)));
    CHECK(has(now, AlertCode::rvc_10));
    CHECK_FALSE(has(now, AlertCode::rvc_5));  // only the higher band is reported
    CHECK(has(now, AlertCode::point_2cm));
    CHECK_FALSE(has(now, AlertCode::rapid_rise));
}

TEST_CASE("a missing point makes the session partial and redness with warmth warns of infection") {
    auto s = arm("2025-01-02T09:00Z", 16, 16);
    s.left_mm[5].reset();
    s.skin = parse_skin_flags("redness,warmth");
    auto h = analyze_history(left_arm_client(), {arm("2025-01-01T09:00Z", 16, 16), s}, {});
    const auto& f = h.figures[1];
    CHECK(f.partial);
    CHECK(*f.left_ml == Approx(3991.04 / pi));  // see volume_test: the two segments at point 6 skipped
    CHECK(has(f, AlertCode::infection_signs));
}

TEST_CASE("the baseline is the first session with both volumes") {
    auto one_side = arm("2024-12-01T09:00Z", 16, 16);
    one_side.right_mm.clear();
    auto h = analyze_history(left_arm_client(), {one_side, arm("2025-01-01T09:00Z", 16, 16)}, {});
    CHECK(h.baseline == 1u);
    CHECK(h.figures[0].partial);
    CHECK_FALSE(h.figures[0].rvc_pct);
}

TEST_CASE("a bilateral leg-free case with weights uses WAC for each side") {
    // A custom 2-point protocol, 10 cm apart: V = 10 * 3 C^2/(12 pi) = 10 C^2/(4 pi).
    // Baseline both sides C = 20: V = 1000/pi, weight 80 kg.
    // Now left C = 22: V = 1210/pi; right C = 21: V = 1102.5/pi; weight 88 kg.
    // WAC left = (1210 * 80)/(88 * 1000) - 1 = 96800/88000 - 1 = 10%.
    // WAC right = (1102.5 * 80)/(88 * 1000) - 1 = 88200/88000 - 1 = 0.227%.
    // diff = left - right = 107.5/pi = 34.22 mL; no % excess or RVC when both are affected.
    Protocol cyl{"cyl-2pt", LimbKind::leg, {0, 10}, false};
    Client c;
    c.name = "Bo";
    c.limb = LimbKind::leg;
    c.affected = Affected::both;
    auto mk = [](const char* at, double l, double r, double kg) {
        Session s;
        s.recorded_at = parse_datetime(at);
        s.protocol = "cyl-2pt";
        s.left_mm = {l * 10, l * 10};
        s.right_mm = {r * 10, r * 10};
        s.weight_kg = kg;
        return s;
    };
    auto h = analyze_history(c, {mk("2025-01-01T09:00Z", 20, 20, 80), mk("2025-03-01T09:00Z", 22, 21, 88)}, {cyl});
    const auto& f = h.figures[1];
    CHECK(*f.left_ml == Approx(1210 / pi));
    CHECK(*f.right_ml == Approx(1102.5 / pi));
    CHECK(f.wac_pct.at(Side::left) == Approx(10.0));
    CHECK(f.wac_pct.at(Side::right) == Approx(100.0 * (88200.0 / 88000.0 - 1.0)));
    CHECK(*f.diff_ml == Approx(107.5 / pi));
    CHECK_FALSE(f.excess_pct);
    CHECK_FALSE(f.rvc_pct);
    CHECK(has(f, AlertCode::wac_10));
    CHECK_FALSE(has(f, AlertCode::wac_5));
}

TEST_CASE("configured thresholds change when alerts fire") {
    AlertThresholds t;
    t.change_watch_pct = 10.0;
    t.change_range_pct = 20.0;
    auto h = analyze_history(left_arm_client(), {arm("2025-01-01T09:00Z", 16, 16), arm("2025-02-01T09:00Z", 17, 16)},
                             {}, VolumeMethod::frustum, t);
    CHECK(h.figures[1].alerts.empty());  // RVC 9.07% is under a 10% watch threshold
}

TEST_CASE("a partial volume is shown but never compared") {
    // Point 6 missing on the left: V_left = 3991.04/pi (two segments skipped) against a complete
    // right arm of 4960/pi. Comparing them would claim a -19.5% "change"; instead nothing is compared.
    auto s = arm("2025-01-02T09:00Z", 16, 16);
    s.left_mm[5].reset();
    auto h =
        analyze_history(left_arm_client(), {arm("2025-01-01T09:00Z", 16, 16), s, arm("2025-01-03T09:00Z", 17, 16)}, {});
    const auto& partial = h.figures[1];
    CHECK(*partial.left_ml == Approx(3991.04 / pi));
    CHECK_FALSE(partial.diff_ml);
    CHECK_FALSE(partial.excess_pct);
    CHECK_FALSE(partial.rvc_pct);
    CHECK(partial.alerts.empty());
    // The next complete session compares with the last complete one (the baseline, 2 days before):
    // 5410/4960 - 1 = +9.07% >= 5% within 7 days, so a rapid rise; not +35.6% against the partial one.
    const auto& next = h.figures[2];
    CHECK(has(next, AlertCode::rapid_rise));
    bool mentions_9 = false;
    for (const auto& a : next.alerts)
        if (a.code == AlertCode::rapid_rise) mentions_9 = a.message.find("+9.1%") != std::string::npos;
    CHECK(mentions_9);
}

TEST_CASE("the rapid-rise window counts local calendar days across a change of clock") {
    // 4960/pi mL to 5410/pi mL, +9.07%, one local week apart. Across the spring change (Europe,
    // 2026-03-29) 03-24 09:00+01:00 to 03-31 09:00+02:00 is 6 days 23 hours; across the autumn
    // change (2026-10-25) 10-20 09:00+02:00 to 10-27 09:00+01:00 is 7 days 1 hour. Both are 7
    // calendar days <= 7: a rapid rise, "since 7 day(s) before". 8 calendar days is not.
    for (auto [from, to] : {std::pair{"2026-03-24T09:00+01:00", "2026-03-31T09:00+02:00"},
                            std::pair{"2026-10-20T09:00+02:00", "2026-10-27T09:00+01:00"}}) {
        auto h = analyze_history(left_arm_client(), {arm(from, 16, 16), arm(to, 17, 16)}, {});
        INFO(from << " -> " << to);
        REQUIRE(has(h.figures[1], AlertCode::rapid_rise));
        for (const auto& a : h.figures[1].alerts)
            if (a.code == AlertCode::rapid_rise)
                CHECK(a.message == "left volume up +9.1% since 7 day(s) before (>= 5% within 7 days)");
    }
    auto h = analyze_history(left_arm_client(),
                             {arm("2026-10-19T09:00+02:00", 16, 16), arm("2026-10-27T08:00+01:00", 17, 16)}, {});
    CHECK_FALSE(has(h.figures[1], AlertCode::rapid_rise));
}

TEST_CASE("a point difference is said in the client's unit") {
    // Left 2.2 cm larger at every point (taper from 18.2 against 16.0): 22 mm = 0.866 in "0.87 in";
    // the 2 cm threshold is 20 mm = 0.787 in "0.79 in".
    auto c = left_arm_client();
    c.unit = LengthUnit::in;
    auto h = analyze_history(c, {arm("2025-01-01T09:00Z", 16, 16), arm("2025-02-01T09:00Z", 18.2, 16)}, {});
    std::string said;
    for (const auto& a : h.figures[1].alerts)
        if (a.code == AlertCode::point_2cm) said = a.message;
    CHECK(said == "Sides differ by 0.87 in at point 1 (>= 0.79 in, the 2.0 cm setting)");
    h = analyze_history(left_arm_client(), {arm("2025-01-01T09:00Z", 16, 16), arm("2025-02-01T09:00Z", 18.2, 16)}, {});
    for (const auto& a : h.figures[1].alerts)
        if (a.code == AlertCode::point_2cm) said = a.message;
    CHECK(said == "Sides differ by 2.2 cm at point 1 (>= 2.0 cm)");
}

TEST_CASE("volumes from different protocols are never compared") {
    // arm-long spans 60 cm instead of 40: its volume is bigger with no swelling at all.
    Protocol arm_long{"arm-long", LimbKind::arm, {0, 10, 20, 30, 40, 50, 60}, false};
    auto long_session = [](const char* at) {
        Session s;
        s.recorded_at = parse_datetime(at);
        s.protocol = "arm-long";
        for (int i = 0; i < 7; ++i) {
            s.left_mm.push_back(160.0 + 20 * i);
            s.right_mm.push_back(160.0 + 20 * i);
        }
        s.weight_kg = 70;
        return s;
    };
    auto first = arm("2024-01-01T09:00Z", 16, 16);
    first.weight_kg = 70;
    auto h = analyze_history(left_arm_client(),
                             {first, long_session("2024-01-03T09:00Z"), long_session("2024-01-05T09:00Z")}, {arm_long});
    // Each protocol has its own baseline; the summaries read the newest comparable session (2,
    // arm-long) against arm-long's baseline (1). The arm-4cm session is its own protocol's
    // baseline: compared only with itself (0%), never with an arm-long volume.
    REQUIRE(h.baseline_of("arm-4cm"));
    CHECK(h.baseline_of("arm-4cm")->index == 0u);
    REQUIRE(h.baseline == 1u);
    CHECK(h.current == 2u);
    CHECK(*h.figures[0].rvc_pct == Approx(0.0).margin(1e-9));
    CHECK_FALSE(h.comparable(0));
    CHECK_FALSE(h.comparable(1));
    CHECK(h.comparable(2));
    CHECK(*h.figures[2].rvc_pct == Approx(0.0).margin(1e-9));
    CHECK(h.figures[2].wac_pct.at(Side::left) == Approx(0.0).margin(1e-9));
    // No rapid rise from 4960/pi mL (40 cm) to the much larger 60 cm volume two days later.
    CHECK_FALSE(has(h.figures[1], AlertCode::rapid_rise));
    CHECK(h.figures[1].alerts.empty());
}

TEST_CASE("alert messages print a fractional threshold as set, not rounded") {
    // Watch at 7.5%, range at 12.5%: the message says "7.5%", never a rounded "8%".
    AlertThresholds t;
    t.change_watch_pct = 7.5;
    t.change_range_pct = 12.5;
    Client c;
    c.affected = Affected::left;
    auto session = [](const char* at, double left) {
        Session s;
        s.protocol = "arm-4cm";
        s.recorded_at = parse_datetime(at);
        s.left_mm.assign(11, left);
        s.right_mm.assign(11, 200.0);
        return s;
    };
    // 208 mm: (208/200)^2 - 1 = 1.0816 - 1 = +8.16%: watch (>= 7.5%), not range.
    auto h = analyze_history(c, {session("2024-01-01T09:00Z", 200), session("2024-01-20T09:00Z", 208)}, {},
                             VolumeMethod::frustum, t);
    REQUIRE(h.figures[1].alerts.size() == 1);
    CHECK(h.figures[1].alerts[0].message == "Relative volume change +8.2% since baseline (>= 7.5%: watch closely)");
}
