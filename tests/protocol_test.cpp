#include "swelltrack/protocol.h"

#include <catch2/catch.hpp>

#include "swelltrack/error.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

TEST_CASE("the built-in arm protocol has 11 points every 4 cm from the wrist") {
    const auto* arm = find_builtin_protocol("arm-4cm");
    REQUIRE(arm);
    CHECK(arm->limb == LimbKind::arm);
    CHECK(arm->positions_cm == std::vector<double>{0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40});
    CHECK_NOTHROW(validate_protocol(*arm));
}

TEST_CASE("the built-in leg protocol has 16 points every 4 cm from the ankle, up to 60 cm") {
    const auto* leg = find_builtin_protocol("leg-4cm");
    REQUIRE(leg);
    CHECK(leg->point_count() == 16);
    CHECK(leg->positions_cm.back() == 60.0);
    CHECK(find_builtin_protocol("arm-5cm") == nullptr);
}

TEST_CASE("a user-defined protocol must have strictly increasing positions and at least 2 points") {
    Protocol p{"hand-3pt", LimbKind::arm, {0, 6, 12}, false};
    CHECK_NOTHROW(validate_protocol(p));
    p.positions_cm = {0, 6, 6};
    CHECK_THROWS_WITH(validate_protocol(p), Contains("position 3 = 6 cm") && Contains("strictly increase"));
    p.positions_cm = {10, 5};
    CHECK_THROWS_WITH(validate_protocol(p), Contains("position 2 = 5 cm"));
    p.positions_cm = {0};
    CHECK_THROWS_WITH(validate_protocol(p), Contains("at least 2"));
    p.positions_cm = {-1, 5};
    CHECK_THROWS_WITH(validate_protocol(p), Contains("0-200 cm"));
    p.positions_cm = {0, 5};
    p.name = "Has Spaces";
    CHECK_THROWS_WITH(validate_protocol(p), Contains("'Has Spaces'"));
}

TEST_CASE("positions are typed as a comma list in cm") {
    CHECK(parse_positions_cm("0, 4,8.5,12") == std::vector<double>{0, 4, 8.5, 12});
    CHECK_THROWS_WITH(parse_positions_cm("0,x,8"), Contains("'x'"));
}
