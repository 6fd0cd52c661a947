#include "swelltrack/analysis.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <numbers>

#include "cylinders.h"
#include "swelltrack/display.h"

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
// Weekly cylinder arms from 1 January 2025, 09:00 UTC: the left arm as given, the right 30 cm.
std::vector<Session> weekly_cylinders(std::initializer_list<double> left_cm) {
    std::vector<Session> out;
    const auto first = date::sys_days{date::year{2025} / 1 / 1};
    for (double left : left_cm)
        out.push_back(testing::cylinders(date::format("%FT09:00Z", first + date::days{7 * out.size()}), left, 30));
    return out;
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

TEST_CASE("a unilateral arm: RVC, % excess, severity, and a watch and a rapid rise once confirmed") {
    // Baseline: both arms 16 -> 28 cm, V = 40 (16^2 + 16*28 + 28^2)/(12 pi) = 4960/pi each.
    // Three days later the left arm is 1 cm bigger at every point, 17 -> 29 cm:
    // V = 40 (17^2 + 17*29 + 29^2)/(12 pi) = 40 * 1623/(12 pi) = 5410/pi.
    // diff = 450/pi = 143.24 mL; excess = 450/4960 = 9.073%; RVC = (5410*4960)/(4960*4960) - 1 = 9.073%.
    // Two days later the same again: the second session in a row over 5%.
    auto h = analyze_history(left_arm_client(),
                             {arm("2025-01-04T09:00+01:00", 17, 16), arm("2025-01-01T09:00+01:00", 16, 16),
                              arm("2025-01-06T09:00+01:00", 17, 16)},
                             {});
    REQUIRE(h.sessions.size() == 3);
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
    CHECK(now.alerts.empty());   // one session over 5%: not yet
    CHECK_FALSE(now.partial);

    const auto& next = h.figures[2];
    CHECK(*next.rvc_pct == Approx(100.0 * (5410.0 / 4960.0 - 1.0)));
    CHECK(has(next, AlertCode::rvc_5));  // +9.07% twice in a row
    CHECK_FALSE(has(next, AlertCode::rvc_10));
    // +9.07% in 3 days (>= 5% within 7 days), and 2 days later still +9.07% above 1 January.
    CHECK(has(next, AlertCode::rapid_rise));
    CHECK_FALSE(has(next, AlertCode::point_2cm));
}

TEST_CASE("a rise spread over more than the window is not rapid but a 2 cm point difference alerts") {
    // Left arm 2 cm bigger everywhere after 30 days: point difference 2.0 cm >= 2 cm.
    // V = 40 (18^2 + 18*30 + 30^2)/(12 pi) = 40 * 1764/(12 pi) = 5880/pi; RVC = 5880/4960 - 1 = 18.55%.
    // The range level needs one session; the point difference needs a second (30 days later).
    auto h = analyze_history(
        left_arm_client(),
        {arm("2025-01-01T09:00Z", 16, 16), arm("2025-01-31T09:00Z", 18, 16), arm("2025-03-02T09:00Z", 18, 16)}, {});
    const auto& now = h.figures[1];
    CHECK(*now.rvc_pct == Approx(100.0 * (5880.0 / 4960.0 - 1.0)));
    CHECK(has(now, AlertCode::rvc_10));
    CHECK_FALSE(has(now, AlertCode::rvc_5));  // only the higher band is reported
    CHECK_FALSE(has(now, AlertCode::point_2cm));
    CHECK_FALSE(has(now, AlertCode::rapid_rise));
    const auto& next = h.figures[2];
    CHECK(has(next, AlertCode::rvc_10));
    CHECK(has(next, AlertCode::point_2cm));
    CHECK_FALSE(has(next, AlertCode::rapid_rise));
    for (const auto& a : next.alerts)
        if (a.code == AlertCode::point_2cm)  // every point differs by 2.0 cm: the first is named
            CHECK(a.message ==
                  "Sides differ by 2.0 cm at 0 cm, and by 2.0 cm there on 2025-01-31 (>= 2.0 cm in two sessions in "
                  "a row)");
}

TEST_CASE("a point difference confirms only at the same point, by the same sign") {
    // Point 3 is 2.5 cm larger on the left on 1 February; on 1 March point 3 is 2.5 cm larger on
    // the right, and point 4 2.5 cm larger on the left: neither is the same point with the same
    // sign as before, so no alert. On 1 April point 4 again (+2.2 cm): confirmed, named with 1
    // March's +2.5 cm. Each of these moves the arms' volume ratio by about 2%, so three steady
    // sessions come first: the median difference between consecutive sessions stays 0 and two
    // sessions in a row are enough (docs/clinical.md#noisy-measurements).
    auto base = arm("2025-01-01T09:00Z", 16, 16);
    auto jan8 = base, jan15 = base, jan22 = base, feb = base, mar = base, apr = base;
    jan8.recorded_at = parse_datetime("2025-01-08T09:00Z");
    jan15.recorded_at = parse_datetime("2025-01-15T09:00Z");
    jan22.recorded_at = parse_datetime("2025-01-22T09:00Z");
    feb.recorded_at = parse_datetime("2025-02-01T09:00Z");
    mar.recorded_at = parse_datetime("2025-03-01T09:00Z");
    apr.recorded_at = parse_datetime("2025-04-01T09:00Z");
    *feb.left_mm[2] += 25;
    *mar.right_mm[2] += 25;
    *mar.left_mm[3] += 25;
    *apr.left_mm[3] += 22;
    auto h = analyze_history(left_arm_client(), {base, jan8, jan15, jan22, feb, mar, apr}, {});
    CHECK_FALSE(has(h.figures[4], AlertCode::point_2cm));
    CHECK_FALSE(has(h.figures[5], AlertCode::point_2cm));
    REQUIRE(has(h.figures[6], AlertCode::point_2cm));
    for (const auto& a : h.figures[6].alerts)
        if (a.code == AlertCode::point_2cm)
            CHECK(a.message ==  // the 4th point of arm-4cm (0, 4, 8, 12 cm): 12 cm from the wrist
                  "Sides differ by 2.2 cm at 12 cm, and by 2.5 cm there on 2025-03-01 (>= 2.0 cm in two sessions in "
                  "a row)");
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

TEST_CASE("a rapid rise the next session does not confirm raises nothing") {
    // 1 January 16 -> 28 cm both arms (4960/pi mL); 3 January the left 17 -> 29 cm, +9.07% in 2
    // days; 5 January the left 16.3 -> 28.3 cm: V = 40 (16.3^2 + 16.3*28.3 + 28.3^2)/(12 pi) =
    // 40 * 1527.87/(12 pi), 1527.87/1488 - 1 = +2.68% above 1 January: not still 5% up, so no rapid
    // rise (and RVC +2.68%, no watch either).
    auto h = analyze_history(
        left_arm_client(),
        {arm("2025-01-01T09:00Z", 16, 16), arm("2025-01-03T09:00Z", 17, 16), arm("2025-01-05T09:00Z", 16.3, 16)}, {});
    CHECK(*h.figures[2].rvc_pct == Approx(100.0 * (1527.87 / 1488.0 - 1.0)));
    CHECK(h.figures[1].alerts.empty());
    CHECK(h.figures[2].alerts.empty());
}

TEST_CASE("a client whose sessions scatter more than measurement noise needs more sessions in a row") {
    // Weekly cylinder arms (V = 10 C^2 / pi), the right 30 cm, the left 30, 30.9, 30.6, 30.9,
    // 30.9, 30.9, 31.8, 31.8 cm. The series judged is y = 100 ln(VL / VR) = 200 ln(L / 30):
    // 0, 5.9118, 3.9605, 5.9118, 5.9118, 5.9118, 11.6538, 11.6538; RVC = (L / 30)^2 - 1:
    // 0, +6.09%, +4.04%, +6.09%, +6.09%, +6.09%, +12.36%, +12.36%.
    // Her noise, from the 4th value on: the differences between consecutive values are 5.9118,
    // 1.9512, 1.9512, 0, 0, 5.7420, 0; their median stays 1.9512 (of the first 3: 1.9512; of 4:
    // (1.9512 + 1.9512) / 2; of 5, 6, 7: 1.9512), so SD = 1.9512 / (0.6745 sqrt 2) = 2.0456 against
    // the documented 3.5 / 1.96 = 1.7857: r = (2.0456 / 1.7857)^2 = 1.3122. A watch needs
    // ceil(2 r) = 3 sessions in a row, the range level and the sustained rise ceil(r) = 2.
    auto h = analyze_history(left_arm_client(), weekly_cylinders({30, 30.9, 30.6, 30.9, 30.9, 30.9, 31.8, 31.8}), {});
    REQUIRE(h.figures.size() == 8);
    CHECK(*h.figures[1].rvc_pct == Approx(6.09));
    CHECK(*h.figures[6].rvc_pct == Approx(12.36));
    // 22 January: +6.09% after +4.04%: nothing. 29 January: +6.09% twice in a row, which is a watch
    // for a client measured as precisely as documented, but not three times: nothing.
    CHECK(h.figures[3].alerts.empty());
    CHECK(h.figures[4].alerts.empty());
    // 5 February: three times in a row.
    REQUIRE(h.figures[5].alerts.size() == 1);
    CHECK(h.figures[5].alerts[0].code == AlertCode::rvc_5);
    CHECK(h.figures[5].alerts[0].message ==
          "Relative volume change +6.1% since baseline, and +6.1% on 2025-01-29, +6.1% on 2025-01-22 (>= 5% in "
          "three sessions in a row, as this client's sessions scatter more than measurement noise: watch closely)");
    // 12 February: +12.36%, but the session before was under 10%: a watch, not yet the range level.
    // The sustained rise: its noise pools her own SD of 2.0456 (as the prior, 2 degrees of
    // freedom) with the scatter around the line through the 7 sessions (days 0-42): slope 0.18833
    // a day, Sxx = 1372, SSR = 22.4223, s^2 = (2 x 2.0456^2 + 22.4223) / 7 = 4.3987, t = 0.18833 /
    // sqrt(4.3987 / 1372) = 3.326 >= 2.998 (99%, 7 df): the test passes, but on 5 February it did
    // not (6 sessions: t = 1.939 < 3.143), and it must pass twice in a row.
    REQUIRE(h.figures[6].alerts.size() == 1);
    CHECK(h.figures[6].alerts[0].code == AlertCode::rvc_5);
    // 19 February: +12.36% twice in a row: the range level. The sustained test passes again (8
    // sessions, days 0-49: slope 0.19752, Sxx = 2058, SSR = 22.7698, s^2 = (8.3688 + 22.7698) / 8 =
    // 3.8923, t = 0.19752 / sqrt(3.8923 / 2058) = 4.542 >= 2.896): a rise of e^(0.19752 x 49 / 100)
    // - 1 = +10.16% over 7 weeks, twice in a row.
    REQUIRE(h.figures[7].alerts.size() == 2);
    CHECK(h.figures[7].alerts[0].code == AlertCode::rvc_10);
    CHECK(h.figures[7].alerts[0].message ==
          "Relative volume change +12.4% since baseline, and +12.4% on 2025-02-12 (>= 10% in two sessions in a "
          "row, as this client's sessions scatter more than measurement noise: in the range usually called "
          "lymphedema; discuss with your clinician)");
    CHECK(h.figures[7].alerts[1].code == AlertCode::sustained_rise);
    CHECK(h.figures[7].alerts[1].message ==
          "Left arm rising steadily against the other: +10.2% over 7 weeks (8 sessions), more than measurement "
          "noise explains (>= 2.5% along a steady line, in two sessions in a row, as this client's sessions "
          "scatter more than measurement noise; watch closely)");
}

TEST_CASE("the sustained rise of a client whose sessions scatter takes her noise as its prior") {
    // Weekly cylinder arms, the right 30 cm, the left 30, 30, 30.6, 30.3, 30.6, 30.9, 30.9 cm:
    // y = 200 ln(L / 30) = 0, 0, 3.9605, 1.9901, 3.9605, 5.9118, 5.9118 (RVC +6.09% in the last two).
    // Differences 0, 3.9605, 1.9705, 1.9705, 1.9512 (sixth session): median 1.9705, her SD =
    // 1.9705 / 0.95389 = 2.0657, r = (2.0657 / 1.7857)^2 = 1.338: a sustained rise needs its test
    // passing in ceil(r) = 2 sessions in a row, a watch 3.
    // Sixth session (days 0-35): slope 0.16110 a day, Sxx = 857.5, SSR = 6.2982. With her noise as
    // the prior, s^2 = (2 x 2.0657^2 + 6.2982) / 6 = 2.4721, t = 0.16110 / sqrt(2.4721 / 857.5) =
    // 3.000 < 3.143 (99%, 6 df): no. (With the documented 1.7857 it would be s^2 = 2.1126, t = 3.246:
    // yes.) Seventh (days 0-42; median of 0, 3.9605, 1.9705, 1.9705, 1.9512, 0 is 1.9608, SD 2.0556):
    // slope 0.15081, Sxx = 1372, SSR = 6.5404, s^2 = (2 x 2.0556^2 + 6.5404) / 7 = 2.1417, t = 3.817
    // >= 2.998: yes, but not twice in a row, so no alert; the documented prior would have raised one.
    auto h = analyze_history(left_arm_client(), weekly_cylinders({30, 30, 30.6, 30.3, 30.6, 30.9, 30.9}), {});
    REQUIRE(h.figures.size() == 7);
    CHECK(*h.figures[6].rvc_pct == Approx(6.09));
    CHECK(h.figures[5].alerts.empty());
    CHECK(h.figures[6].alerts.empty());
}

TEST_CASE("a bilateral watch is two sessions in a row over 5% WAC on the same side") {
    // The 2-point cylinder protocol of the WAC test: V = 10 C^2/(4 pi). Baseline C = 20 both sides
    // (1000/pi), 80 kg. Then the left C = 20.6: V = 10 * 424.36/(4 pi) = 1060.9/pi, 80 kg: WAC left
    // = 1060.9/1000 - 1 = +6.09%, right 0%. Once: nothing; twice: wac_5 for the left only.
    Protocol cyl{"cyl-2pt", LimbKind::leg, {0, 10}, false};
    Client c;
    c.name = "Bo";
    c.limb = LimbKind::leg;
    c.affected = Affected::both;
    auto mk = [](const char* at, double l) {
        Session s;
        s.recorded_at = parse_datetime(at);
        s.protocol = "cyl-2pt";
        s.left_mm = {l * 10, l * 10};
        s.right_mm = {200, 200};
        s.weight_kg = 80;
        return s;
    };
    auto h = analyze_history(
        c, {mk("2025-01-01T09:00Z", 20), mk("2025-02-01T09:00Z", 20.6), mk("2025-03-01T09:00Z", 20.6)}, {cyl});
    CHECK(h.figures[1].wac_pct.at(Side::left) == Approx(100.0 * (1060.9 / 1000.0 - 1.0)));
    CHECK(h.figures[1].alerts.empty());
    REQUIRE(h.figures[2].alerts.size() == 1);
    CHECK(h.figures[2].alerts[0].message ==
          "Weight-adjusted change (left) +6.1% since baseline, and +6.1% on 2025-02-01 (>= 5% in two sessions in a "
          "row: watch closely)");
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
    auto h = analyze_history(
        left_arm_client(),
        {arm("2025-01-01T09:00Z", 16, 16), s, arm("2025-01-03T09:00Z", 17, 16), arm("2025-01-05T09:00Z", 17, 16)}, {});
    const auto& partial = h.figures[1];
    CHECK(*partial.left_ml == Approx(3991.04 / pi));
    CHECK_FALSE(partial.diff_ml);
    CHECK_FALSE(partial.excess_pct);
    CHECK_FALSE(partial.rvc_pct);
    CHECK(partial.alerts.empty());
    // The next complete session compares with the last complete one (the baseline, 2 days before):
    // 5410/4960 - 1 = +9.07% >= 5% within 7 days; not +35.6% against the partial one. The one after
    // confirms it: a rapid rise, said from 3 January against 1 January.
    const auto& next = h.figures[3];
    REQUIRE(has(next, AlertCode::rapid_rise));
    for (const auto& a : next.alerts)
        if (a.code == AlertCode::rapid_rise)
            CHECK(a.message ==
                  "left volume up +9.1% on 2025-01-03 since 2 day(s) before, and still +9.1% above it now (>= 5% "
                  "within 7 days, in two sessions in a row)");
}

TEST_CASE("the rapid-rise window counts local calendar days across a change of clock") {
    // 4960/pi mL to 5410/pi mL, +9.07%, one local week apart. Across the spring change (Europe,
    // 2026-03-29) 03-24 09:00+01:00 to 03-31 09:00+02:00 is 6 days 23 hours; across the autumn
    // change (2026-10-25) 10-20 09:00+02:00 to 10-27 09:00+01:00 is 7 days 1 hour. Both are 7
    // calendar days <= 7: a rapid rise, "since 7 day(s) before", confirmed by a session the next
    // day. 8 calendar days is not. The same holds for the confirming session: 7 local days after
    // the rise across a change of clock, and not 8.
    for (auto [from, to] : {std::pair{"2026-03-24T09:00+01:00", "2026-03-31T09:00+02:00"},
                            std::pair{"2026-10-20T09:00+02:00", "2026-10-27T09:00+01:00"}}) {
        auto next = arm(to, 17, 16);
        next.recorded_at.utc += std::chrono::hours{24};
        auto h = analyze_history(left_arm_client(), {arm(from, 16, 16), arm(to, 17, 16), next}, {});
        INFO(from << " -> " << to);
        REQUIRE(has(h.figures[2], AlertCode::rapid_rise));
        for (const auto& a : h.figures[2].alerts)
            if (a.code == AlertCode::rapid_rise)
                CHECK(a.message == "left volume up +9.1% on " + display::day(h.sessions[1].recorded_at) +
                                       " since 7 day(s) before, and still +9.1% above it now (>= 5% within 7 days, "
                                       "in two sessions in a row)");
    }
    auto h = analyze_history(left_arm_client(),
                             {arm("2026-10-19T09:00+02:00", 16, 16), arm("2026-10-27T08:00+01:00", 17, 16),
                              arm("2026-10-28T08:00+01:00", 17, 16)},
                             {});
    CHECK_FALSE(has(h.figures[2], AlertCode::rapid_rise));
    // The rise 1 day (2026-03-23 to 03-24), its confirmation 7 local days later across the spring
    // change (6 days 23 hours): a rapid rise; 8 local days later: not.
    for (auto [confirm, rapid] :
         {std::pair{"2026-03-31T09:00+02:00", true}, std::pair{"2026-04-01T09:00+02:00", false}}) {
        h = analyze_history(
            left_arm_client(),
            {arm("2026-03-23T09:00+01:00", 16, 16), arm("2026-03-24T09:00+01:00", 17, 16), arm(confirm, 17, 16)}, {});
        INFO(confirm);
        CHECK(has(h.figures[2], AlertCode::rapid_rise) == rapid);
    }
}

TEST_CASE("a point difference is said in the client's unit") {
    // Left 2.2 cm larger at every point (taper from 18.2 against 16.0): 22 mm = 0.866 in "0.87 in";
    // the 2 cm threshold is 20 mm = 0.787 in "0.79 in".
    // Measured so on 1 February and 1 March: two sessions in a row.
    auto c = left_arm_client();
    const std::vector<Session> sessions{arm("2025-01-01T09:00Z", 16, 16), arm("2025-02-01T09:00Z", 18.2, 16),
                                        arm("2025-03-01T09:00Z", 18.2, 16)};
    c.unit = LengthUnit::in;
    auto h = analyze_history(c, sessions, {});
    std::string said;
    for (const auto& a : h.figures[2].alerts)
        if (a.code == AlertCode::point_2cm) said = a.message;
    CHECK(said ==
          "Sides differ by 0.87 in at 0.00 in, and by 0.87 in there on 2025-02-01 (>= 0.79 in, the 2.0 cm setting, "
          "in two sessions in a row)");
    h = analyze_history(left_arm_client(), sessions, {});
    for (const auto& a : h.figures[2].alerts)
        if (a.code == AlertCode::point_2cm) said = a.message;
    CHECK(said ==
          "Sides differ by 2.2 cm at 0 cm, and by 2.2 cm there on 2025-02-01 (>= 2.0 cm in two sessions in a row)");
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

TEST_CASE("a change of protocol carries the change since baseline on, and the watch with it") {
    // Equal circumferences at every point, so volumes scale with C^2 in either protocol. arm-4cm:
    // day 0 both arms 200 mm (baseline); days 7 and 14 the left 206 mm: (206/200)^2 - 1 = 1.0609 - 1
    // = +6.09%, twice: rvc_5 on day 14. Then arm-10cm: day 21 left 206, right 200 (its baseline: 0%
    // against itself, carrying on from day 14: 1.0609 x 1 - 1 = +6.09%); day 28 the same (+6.09%,
    // rvc_5 confirmed by day 14 across the change); day 35 the left 208.06 mm: (208.06/206)^2 =
    // 1.01^2 = 1.0201 since day 21, so 1.0609 x 1.0201 - 1 = 1.08222 - 1 = +8.22%.
    const Protocol arm10{"arm-10cm", LimbKind::arm, {0, 10, 20, 30, 40}, false};
    auto s = [](int day, const char* protocol, std::size_t points, double left) {
        Session x;
        x.protocol = protocol;
        x.recorded_at = parse_datetime("2025-01-01T09:00Z");
        x.recorded_at.utc += std::chrono::hours{24 * day};
        x.left_mm.assign(points, left);
        x.right_mm.assign(points, 200.0);
        return x;
    };
    auto h = analyze_history(left_arm_client(),
                             {s(0, "arm-4cm", 11, 200), s(7, "arm-4cm", 11, 206), s(14, "arm-4cm", 11, 206),
                              s(21, "arm-10cm", 5, 206), s(28, "arm-10cm", 5, 206), s(35, "arm-10cm", 5, 208.06)},
                             {arm10});
    REQUIRE(h.baseline_of("arm-10cm"));
    CHECK(h.baseline_of("arm-10cm")->index == 3u);
    CHECK(h.baseline_of("arm-10cm")->carried_from == std::optional<std::size_t>{2});
    CHECK_FALSE(h.baseline_of("arm-4cm")->carried_from);
    CHECK(*h.figures[3].rvc_pct == Approx(6.09));
    CHECK(*h.figures[4].rvc_pct == Approx(6.09));
    CHECK(has(h.figures[4], AlertCode::rvc_5));
    CHECK(*h.figures[5].rvc_pct == Approx(100 * (1.0609 * 1.0201 - 1)));
    CHECK(has(h.figures[5], AlertCode::rvc_5));
    CHECK(h.current == 5u);
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
    // 208 mm twice: (208/200)^2 - 1 = 1.0816 - 1 = +8.16%: watch (>= 7.5%), not range.
    auto h = analyze_history(
        c, {session("2024-01-01T09:00Z", 200), session("2024-01-20T09:00Z", 208), session("2024-02-10T09:00Z", 208)},
        {}, VolumeMethod::frustum, t);
    REQUIRE(h.figures[2].alerts.size() == 1);
    CHECK(h.figures[2].alerts[0].message ==
          "Relative volume change +8.2% since baseline, and +8.2% on 2024-01-20 (>= 7.5% in two sessions in a row: "
          "watch closely)");
}
