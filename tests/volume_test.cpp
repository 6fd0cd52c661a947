#include "swelltrack/volume.h"

#include <catch2/catch.hpp>
#include <numbers>

#include "swelltrack/protocol.h"

using namespace swelltrack;
constexpr double pi = std::numbers::pi;

namespace {
PointValues cm(std::initializer_list<double> values) {
    PointValues out;
    for (double v : values) out.push_back(v * 10.0);
    return out;
}
// The arm tapering linearly from 16 cm at the wrist to 28 cm at 40 cm: C_i = 16 + 1.2 i.
PointValues linear_arm() {
    PointValues out;
    for (int i = 0; i <= 10; ++i) out.push_back((16.0 + 1.2 * i) * 10.0);
    return out;
}
}  // namespace

TEST_CASE("a 2-point cylinder has the closed-form volume pi r^2 h") {
    // C = 30 cm, h = 10 cm: r = 30/(2 pi), V = pi r^2 h = 900*10/(4 pi) = 2250/pi = 716.20 mL.
    // Frustum with C1 = C2 = 30: 10 (900 + 900 + 900)/(12 pi) = 27000/(12 pi) = 2250/pi, the same.
    auto v = limb_volume({0, 10}, cm({30, 30}));
    REQUIRE(v);
    CHECK(v->volume_ml == Approx(2250.0 / pi));
    CHECK(v->volume_ml == Approx(716.197).epsilon(1e-5));
    CHECK_FALSE(v->partial);
    // The disk model agrees on a cylinder: 30^2 * 10 / (4 pi) = 2250/pi.
    CHECK(limb_volume({0, 10}, cm({30, 30}), VolumeMethod::disk)->volume_ml == Approx(2250.0 / pi));
}

TEST_CASE("a 2-point truncated cone matches the frustum formula pi h (r1^2 + r1 r2 + r2^2)/3") {
    // C1 = 20, C2 = 30, h = 10: 10 (400 + 600 + 900)/(12 pi) = 19000/(12 pi) = 503.99 mL.
    auto v = limb_volume({0, 10}, cm({20, 30}));
    CHECK(v->volume_ml == Approx(19000.0 / (12.0 * pi)));
    // Disk model uses the lower circumference: 20^2 * 10 / (4 pi) = 1000/pi = 318.31 mL.
    CHECK(limb_volume({0, 10}, cm({20, 30}), VolumeMethod::disk)->volume_ml == Approx(1000.0 / pi));
}

TEST_CASE("an 11-point arm tapering linearly is one big frustum") {
    // C from 16 to 28 cm over 40 cm; the ten 4 cm frusta add up to the whole cone:
    // 40 (16^2 + 16*28 + 28^2)/(12 pi) = 40 (256 + 448 + 784)/(12 pi) = 59520/(12 pi) = 4960/pi = 1578.82 mL.
    const auto* arm = find_builtin_protocol("arm-4cm");
    auto v = limb_volume(arm->positions_cm, linear_arm());
    REQUIRE(v);
    CHECK(v->volume_ml == Approx(4960.0 / pi));
    CHECK(v->segments_used == 10);
    CHECK(v->segments_total == 10);
    CHECK_FALSE(v->partial);
}

TEST_CASE("an 11-point arm with one missing point is partial and skips both segments that touch it") {
    // Point 6 (index 5, C = 22.0) missing: segments 4-5 and 5-6 are skipped.
    // seg(4,5) = 4 (20.8^2 + 20.8*22 + 22^2)/(12 pi) = 4 * 1374.24/(12 pi) = 458.08/pi
    // seg(5,6) = 4 (22^2 + 22*23.2 + 23.2^2)/(12 pi) = 4 * 1532.64/(12 pi) = 510.88/pi
    // V = (4960 - 458.08 - 510.88)/pi = 3991.04/pi = 1270.39 mL.
    auto values = linear_arm();
    values[5].reset();
    auto v = limb_volume(find_builtin_protocol("arm-4cm")->positions_cm, values);
    REQUIRE(v);
    CHECK(v->volume_ml == Approx(3991.04 / pi));
    CHECK(v->partial);
    CHECK(v->segments_used == 8);
}

TEST_CASE("a missing end point is partial too, and no computable segment gives no volume") {
    auto ends = cm({30, 30, 30});
    ends[2].reset();
    auto v = limb_volume({0, 10, 20}, ends);
    CHECK(v->volume_ml == Approx(2250.0 / pi));  // only the first segment
    CHECK(v->partial);
    PointValues alternating{300.0, std::nullopt, 300.0};
    CHECK_FALSE(limb_volume({0, 10, 20}, alternating));
    CHECK_FALSE(limb_volume({0, 10}, cm({30})));  // wrong count
}

TEST_CASE("inches in, millilitres out") {
    // 10 in = 25.4 cm at both ends, 10 cm apart: 10 * 3 * 25.4^2 / (12 pi) = 6451.6/(4 pi) = 1612.9/pi = 513.40 mL.
    PointValues in{10 * 25.4, 10 * 25.4};
    CHECK(limb_volume({0, 10}, in)->volume_ml == Approx(1612.9 / pi));
    CHECK(limb_volume({0, 10}, in)->volume_ml == Approx(513.40).epsilon(1e-4));
}

TEST_CASE("the method is named for the report") {
    CHECK(to_string(VolumeMethod::frustum) == "frustum");
    CHECK(parse_enum<VolumeMethod>("disk") == VolumeMethod::disk);
    CHECK_THROWS(parse_enum<VolumeMethod>("water"));
}
