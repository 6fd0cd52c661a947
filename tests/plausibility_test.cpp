#include "swelltrack/plausibility.h"

#include <catch2/catch.hpp>

#include "swelltrack/error.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

namespace {

using Values = std::vector<std::optional<double>>;

// Values as typed in `unit` (nullopt = not measured), stored in mm as every path in stores them.
PointValues typed(const Values& values, LengthUnit unit = LengthUnit::cm) {
    PointValues out;
    for (const auto& v : values)
        out.push_back(v ? std::optional<double>(canonical_mm(*v * (unit == LengthUnit::cm ? mm_per_cm : mm_per_inch)))
                        : std::nullopt);
    return out;
}

// 11 arm-4cm values: `at_point_5` at 16 cm from the wrist, the others blank (not measured).
Values one_point(double at_point_5) {
    Values v(11);
    v[4] = at_point_5;
    return v;
}

// The wrist-to-upper-arm taper of a typical adult arm in cm, 16 -> 28, 1.2 cm per point.
Values arm_taper(double wrist = 16.0, double step = 1.2) {
    Values v;
    for (int i = 0; i <= 10; ++i) v.push_back(wrist + step * i);
    return v;
}

Session session(const std::string& at, const Values& left, const Values& right = {}, LengthUnit unit = LengthUnit::cm,
                const std::string& protocol = "arm-4cm") {
    Session s;
    s.client_id = 1;
    s.recorded_at = parse_datetime(at);
    s.protocol = protocol;
    if (!left.empty()) s.left_mm = typed(left, unit);
    if (!right.empty()) s.right_mm = typed(right, unit);
    return s;
}

Client client(LengthUnit unit = LengthUnit::cm, LimbKind limb = LimbKind::arm) {
    Client c;
    c.id = 1;
    c.name = "Ada Lovelace";
    c.limb = limb;
    c.unit = unit;
    return c;
}

const Protocol& arm4() { return *find_builtin_protocol("arm-4cm"); }
const Protocol& leg4() { return *find_builtin_protocol("leg-4cm"); }

// Two points 10 cm apart, so that a volume is worked by hand: equal circumferences C give a
// cylinder, V = h (C^2 + C C + C^2) / (12 pi) = 10 C^2 / (4 pi).
Protocol two_points() { return {"two", LimbKind::arm, {0.0, 10.0}, false}; }

std::vector<Implausible> check(const Session& now, const Session* before, const Client& c = client(),
                               const PlausibilityLimits& limits = {}, const Protocol& p = arm4()) {
    PreviousSessions previous;
    if (before) previous.offer(*before);
    return check_plausibility(now, previous, p, c, VolumeMethod::frustum, limits);
}

}  // namespace

TEST_CASE("a point more than 3 cm from last time is refused, naming the point and both values") {
    // 30.0 -> 33.5 cm: 3.5 cm > 3 cm (though only 3.5 / 30 = 11.7% < 15%).
    auto before = session("2025-01-01T09:00", one_point(30.0));
    auto now = session("2025-01-08T09:00", one_point(33.5));
    auto found = check(now, &before);
    REQUIRE(found.size() == 1);
    CHECK(found[0].field == "left point 5");
    CHECK(found[0].message ==
          "Left arm, 16 cm from the wrist (point 5): 33.5 cm, previously 30.0 cm on 2025-01-01 09:00 "
          "(+3.5 cm, +11.7%): more than 3 cm from the previous session");
}

TEST_CASE("a point exactly 3 cm or exactly 15% from last time is plausible") {
    auto before = session("2025-01-01T09:00", one_point(30.0));
    CHECK(check(session("2025-01-08T09:00", one_point(33.0)), &before).empty());      // +3.0 cm, +10%
    CHECK(check(session("2025-01-08T09:00", one_point(27.0)), &before).empty());      // -3.0 cm, -10%
    CHECK(check(session("2025-01-08T09:00", one_point(33.1)), &before).size() == 1);  // +3.1 cm

    // 20.0 -> 23.0 cm: 3.0 / 20 = exactly 15%, and exactly 3 cm: both at the threshold.
    auto small = session("2025-01-01T09:00", one_point(20.0));
    CHECK(check(session("2025-01-08T09:00", one_point(23.0)), &small).empty());
    CHECK(check(session("2025-01-08T09:00", one_point(17.0)), &small).empty());  // -15%, -3 cm
}

TEST_CASE("a point more than 15% from last time is refused though within 3 cm") {
    // 10.0 -> 11.6 cm: 1.6 cm < 3 cm, but 1.6 / 10 = 16% > 15%.
    auto before = session("2025-01-01T09:00", one_point(10.0));
    auto found = check(session("2025-01-08T09:00", one_point(11.6)), &before);
    REQUIRE(found.size() == 1);
    CHECK_THAT(found[0].message, Contains("11.6 cm, previously 10.0 cm") && Contains("(+1.6 cm, +16.0%)") &&
                                     Contains("more than 15% from the previous session"));
    // 10.0 -> 11.5 cm is exactly 15%: plausible.
    CHECK(check(session("2025-01-08T09:00", one_point(11.5)), &before).empty());
    // 20.0 -> 23.2 cm: 3.2 cm and 16%, both rules.
    auto twenty = session("2025-01-01T09:00", one_point(20.0));
    auto both = check(session("2025-01-08T09:00", one_point(23.2)), &twenty);
    REQUIRE(both.size() == 1);
    CHECK_THAT(both[0].message, Contains("(+3.2 cm, +16.0%): more than 3 cm and 15%"));
}

TEST_CASE("the thresholds are the settings given") {
    auto before = session("2025-01-01T09:00", one_point(30.0));
    auto now = session("2025-01-08T09:00", one_point(33.5));  // +3.5 cm, +11.7%
    CHECK(check(now, &before, client(), {4.0, 15.0, 15.0}).empty());
    CHECK(check(now, &before, client(), {4.0, 10.0, 15.0}).size() == 1);  // 11.7% > 10%
}

TEST_CASE("a side's volume more than 15% from last time is refused though every point is within limits") {
    // Cylinder of C = 20 cm over 10 cm: V = 10 * 20^2 / (4 pi) = 1000 / pi = 318.3 mL.
    // C = 21.5 cm (+1.5 cm, +7.5% at each point): V = 10 * 21.5^2 / (4 pi) = 1155.625 / pi = 367.8 mL,
    // +15.56% > 15%.
    auto p = two_points();
    auto before = session("2025-01-01T09:00", {20.0, 20.0}, {}, LengthUnit::cm, "two");
    auto now = session("2025-01-08T09:00", {21.5, 21.5}, {}, LengthUnit::cm, "two");
    auto found = check(now, &before, client(), {}, p);
    REQUIRE(found.size() == 1);
    CHECK(found[0].field == "left volume");
    CHECK(found[0].message ==
          "Left arm volume: 368 mL, previously 318 mL on 2025-01-01 09:00 (+15.6%): more than 15% from the "
          "previous session");
    // C = 21.4 cm: V = 10 * 457.96 / (4 pi), 457.96 / 400 = +14.49%: plausible.
    CHECK(
        check(session("2025-01-08T09:00", {21.4, 21.4}, {}, LengthUnit::cm, "two"), &before, client(), {}, p).empty());
}

TEST_CASE("a volume exactly at its threshold is plausible") {
    // C 20 -> 22 cm: V grows by 22^2 / 20^2 = 484 / 400 = 1.21, exactly +21%.
    auto p = two_points();
    PlausibilityLimits at_21{3.0, 15.0, 21.0};
    auto before = session("2025-01-01T09:00", {20.0, 20.0}, {}, LengthUnit::cm, "two");
    CHECK(check(session("2025-01-08T09:00", {22.0, 22.0}, {}, LengthUnit::cm, "two"), &before, client(), at_21, p)
              .empty());
    // C 22.1 cm: 488.41 / 400 = +22.1% > 21%.
    CHECK(check(session("2025-01-08T09:00", {22.1, 22.1}, {}, LengthUnit::cm, "two"), &before, client(), at_21, p)
              .size() == 1);
}

TEST_CASE("a partial side has no volume to compare") {
    // C 20 -> 21.5 cm would be +15.6% by volume, but the earlier session missed a point.
    auto p = two_points();
    auto before = session("2025-01-01T09:00", {20.0, std::nullopt}, {}, LengthUnit::cm, "two");
    CHECK(
        check(session("2025-01-08T09:00", {21.5, 21.5}, {}, LengthUnit::cm, "two"), &before, client(), {}, p).empty());
}

TEST_CASE("inches typed for a client measured in cm") {
    // Last time 16.0 -> 28.0 cm; now the same arm typed in inches, 6.3 -> 11.0 (16 / 2.54 = 6.3):
    // each value about 1/2.54 = 0.394 of the previous one. One message explains every point.
    auto before = session("2025-01-01T09:00", arm_taper(), arm_taper());
    Values inches;
    for (auto v : arm_taper()) inches.push_back(std::round(*v / 2.54 * 10.0) / 10.0);
    auto found = check(session("2025-01-08T09:00", inches, inches), &before);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "Left arm, 0 cm from the wrist (point 1): 6.3 cm, previously 16.0 cm on 2025-01-01 09:00; the values are "
          "about 1/2.54 of the previous session's (median ratio 0.39): they look like inches, but Ada Lovelace is "
          "measured in cm");

    SECTION("without a previous session: the largest value is under 12 cm, which no adult arm is") {
        // 11.0 cm (28 cm as inches) is the largest; an adult wrist alone is about 14-20 cm.
        auto alone = check(session("2025-01-08T09:00", inches, inches), nullptr);
        REQUIRE(alone.size() == 1);
        CHECK(
            alone[0].message ==
            "Left arm, 40 cm from the wrist (point 11): 11.0 cm is the largest value, and no adult arm measures under "
            "12 cm anywhere: the values look like inches, but Ada Lovelace is measured in cm");
        CHECK(check(session("2025-01-08T09:00", arm_taper()), nullptr).empty());
        CHECK(check(session("2025-01-08T09:00", one_point(12.0)), nullptr).empty());  // 12 cm: not under 12
    }
}

TEST_CASE("cm typed for a client measured in inches") {
    auto in = client(LengthUnit::in);
    // Last time 6.3 -> 11.0 in; now the numbers of the cm taper, 16 -> 28, read as inches: 2.54 times.
    Values inches;
    for (auto v : arm_taper()) inches.push_back(std::round(*v / 2.54 * 10.0) / 10.0);
    auto before = session("2025-01-01T09:00", inches, {}, LengthUnit::in);
    auto found = check(session("2025-01-08T09:00", arm_taper(), {}, LengthUnit::in), &before, in);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "Left arm, 0 cm from the wrist (point 1): 16.00 in, previously 6.30 in on 2025-01-01 09:00; the values are "
          "about 2.54 times the previous session's (median ratio 2.54): they look like cm, but Ada Lovelace is "
          "measured in inches");
    // The same inch values again are plausible, and shown in inches.
    CHECK(check(session("2025-01-08T09:00", inches, {}, LengthUnit::in), &before, in).empty());

    SECTION("without a previous session: an arm's largest value over 24 in, a leg's over 40 in") {
        auto alone = check(session("2025-01-08T09:00", arm_taper(), {}, LengthUnit::in), nullptr, in);
        REQUIRE(alone.size() == 1);
        CHECK_THAT(alone[0].message,
                   Contains("Left arm, 40 cm from the wrist (point 11): 28.00 in is the largest value, "
                            "and no adult arm measures over 24 in"));
        CHECK(check(session("2025-01-08T09:00", inches, {}, LengthUnit::in), nullptr, in).empty());
        CHECK(check(session("2025-01-08T09:00", one_point(24.0), {}, LengthUnit::in), nullptr, in).empty());

        auto leg = client(LengthUnit::in, LimbKind::leg);
        Values thigh(16);
        thigh[15] = 41.0;  // 60 cm from the ankle: 41 in = 104 cm
        auto found_leg =
            check(session("2025-01-08T09:00", thigh, {}, LengthUnit::in, "leg-4cm"), nullptr, leg, {}, leg4());
        REQUIRE(found_leg.size() == 1);
        CHECK_THAT(found_leg[0].message, Contains("Left leg, 60 cm from the ankle (point 16): 41.00 in") &&
                                             Contains("no adult leg measures over 40 in"));
        thigh[15] = 39.0;
        CHECK(
            check(session("2025-01-08T09:00", thigh, {}, LengthUnit::in, "leg-4cm"), nullptr, leg, {}, leg4()).empty());
    }
}

TEST_CASE("a change in an inch client's values is shown in inches") {
    auto in = client(LengthUnit::in);
    // 12.00 -> 13.50 in: 1.5 in = 3.81 cm > 3 cm.
    auto before = session("2025-01-01T09:00", one_point(12.0), {}, LengthUnit::in);
    auto found = check(session("2025-01-08T09:00", one_point(13.5), {}, LengthUnit::in), &before, in);
    REQUIRE(found.size() == 1);
    CHECK_THAT(found[0].message, Contains("13.50 in, previously 12.00 in") && Contains("(+1.50 in, +12.5%)"));
}

TEST_CASE("another protocol, a later session, another client and a missing point are not compared") {
    auto now = session("2025-01-08T09:00", one_point(33.5));
    auto other_protocol = session("2025-01-01T09:00", one_point(30.0), {}, LengthUnit::cm, "arm-8cm");
    auto later = session("2025-01-09T09:00", one_point(30.0));
    auto other_client = session("2025-01-01T09:00", one_point(30.0));
    other_client.client_id = 2;
    std::vector<Session> stored{other_protocol, later, other_client};
    auto found = find_previous(now, stored);
    CHECK(found.left == nullptr);
    CHECK(found.right == nullptr);
    CHECK(check_plausibility(now, found, arm4(), client(), VolumeMethod::frustum, {}).empty());

    // The previous session missed point 5: nothing to compare it with.
    Values missing = arm_taper();
    missing[4] = std::nullopt;
    Values now_values = arm_taper();
    now_values[4] = 40.0;  // 20.8 would be expected; compared with nothing
    auto before = session("2025-01-01T09:00", missing);
    CHECK(check(session("2025-01-08T09:00", now_values), &before).empty());
}

TEST_CASE("each side is compared with the newest earlier session that measured that side") {
    // 1 Jan both sides, 5 Jan the right side only, 8 Jan both: the left compares with 1 Jan, the
    // right with 5 Jan.
    auto first = session("2025-01-01T09:00", one_point(30.0), one_point(30.0));
    auto right_only = session("2025-01-05T09:00", {}, one_point(34.0));
    auto now = session("2025-01-08T09:00", one_point(30.5), one_point(34.5));
    std::vector<Session> stored{right_only, first};
    auto previous = find_previous(now, stored);
    REQUIRE(previous.left);
    REQUIRE(previous.right);
    CHECK(previous.left->recorded_at == first.recorded_at);
    CHECK(previous.right->recorded_at == right_only.recorded_at);
    CHECK(check_plausibility(now, previous, arm4(), client(), VolumeMethod::frustum, {}).empty());
    // Against 1 Jan the right side's 34.5 cm would be +4.5 cm.
    PreviousSessions only_first;
    only_first.offer(first);
    auto found = check_plausibility(now, only_first, arm4(), client(), VolumeMethod::frustum, {});
    REQUIRE(found.size() == 1);
    CHECK(found[0].field == "right point 5");
}

TEST_CASE("each point is compared with the newest earlier session that measured that point") {
    // 1 Jan the whole left arm (point 3, 8 cm from the wrist: 16 + 2 x 1.2 = 18.4 cm); 5 Jan only
    // point 1; 8 Jan the whole arm with 28.4 typed for 18.4 at point 3. Point 3 was last measured on
    // 1 Jan: 28.4 - 18.4 = +10.0 cm, 10/18.4 = +54.3%. Compared only with 5 Jan it would pass.
    auto first = session("2025-01-01T09:00", arm_taper());
    Values wrist_only(11);
    wrist_only[0] = 16.1;
    auto second = session("2025-01-05T09:00", wrist_only);
    Values typo = arm_taper();
    typo[2] = 28.4;
    auto now = session("2025-01-08T09:00", typo);
    std::vector<Session> stored{second, first};
    auto previous = find_previous(now, stored);
    REQUIRE(previous.left);
    CHECK(previous.left->recorded_at == second.recorded_at);  // the side's newest: for its volume
    REQUIRE(previous.point(Side::left, 2));
    CHECK(previous.point(Side::left, 2)->recorded_at == first.recorded_at);
    CHECK(previous.point(Side::left, 0)->recorded_at == second.recorded_at);
    CHECK(previous.covers(11) == false);  // the right side was never measured
    auto found = check_plausibility(now, previous, arm4(), client(), VolumeMethod::frustum, {});
    REQUIRE(found.size() == 1);
    CHECK(found[0].field == "left point 3");
    CHECK(
        found[0].message ==
        "Left arm, 8 cm from the wrist (point 3): 28.4 cm, previously 18.4 cm on 2025-01-01 09:00 (+10.0 cm, +54.3%): "
        "more than 3 cm and 15% from the previous session");
}

TEST_CASE("every implausible point is listed") {
    Values before_values = arm_taper();
    Values now_values = arm_taper();
    now_values[0] = *now_values[0] + 4.0;  // 16.0 -> 20.0: +4 cm, +25%
    now_values[9] = *now_values[9] + 3.5;  // 26.8 -> 30.3: +3.5 cm
    auto before = session("2025-01-01T09:00", before_values);
    auto found = check(session("2025-01-08T09:00", now_values), &before);
    REQUIRE(found.size() == 2);
    CHECK(found[0].field == "left point 1");
    CHECK(found[1].field == "left point 10");
}

TEST_CASE("plausibility settings are checked against their limits") {
    CHECK_NOTHROW(validate_plausibility_limits({}));
    CHECK_NOTHROW(validate_plausibility_limits({1.0, 5.0, 5.0}));
    CHECK_THROWS_WITH(validate_plausibility_limits({0.5, 15.0, 15.0}),
                      Contains("plausible point cm: 0.5 cm is below the allowed range 1-50 cm"));
    CHECK_THROWS_AS(validate_plausibility_limits({3.0, 101.0, 15.0}), UserError);
    CHECK_THROWS_AS(validate_plausibility_limits({3.0, 15.0, 4.0}), UserError);
}
