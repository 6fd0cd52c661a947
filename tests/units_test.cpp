#include "swelltrack/units.h"

#include <catch2/catch.hpp>

#include "swelltrack/error.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

TEST_CASE("a circumference typed with a dot, a comma or a unit suffix means the same length") {
    CHECK(parse_circumference_mm("38.5", LengthUnit::cm) == 385.0);
    CHECK(parse_circumference_mm("38,5", LengthUnit::cm) == 385.0);
    CHECK(parse_circumference_mm("38.5cm", LengthUnit::cm) == 385.0);
    CHECK(parse_circumference_mm(" 38.5 cm ", LengthUnit::in) == 385.0);  // suffix beats the default
    CHECK(parse_circumference_mm("385mm", LengthUnit::in) == 385.0);
}

TEST_CASE("inches are converted exactly: 15.2 in = 15.2 x 25.4 = 386.08 mm") {
    CHECK(parse_circumference_mm("15.2 in", LengthUnit::cm) == 386.08);
    CHECK(parse_circumference_mm("15.2in", LengthUnit::cm) == 386.08);
    CHECK(parse_circumference_mm("15,2", LengthUnit::in) == 386.08);
    CHECK(parse_circumference_mm("15.2\"", LengthUnit::cm) == 386.08);
}

TEST_CASE("impossible circumferences are refused with the value and the allowed range") {
    auto refused = [](const char* text) {
        try {
            parse_circumference_mm(text, LengthUnit::cm);
        } catch (const UserError& e) {
            CHECK(e.field() == "circumference");
            CHECK(e.value() == text);
            return std::string(e.what());
        }
        FAIL("accepted " << text);
        return std::string();
    };
    // The range in the unit typed first: 5 cm / 2.54 = 1.969 in, 150 cm / 2.54 = 59.055 in.
    CHECK(refused("-3") == "circumference: '-3' is below the allowed range 5-150 cm (1.97-59.06 in)");
    CHECK(refused("0") == "circumference: '0' is below the allowed range 5-150 cm (1.97-59.06 in)");
    CHECK(refused("400 cm") == "circumference: '400 cm' is above the allowed range 5-150 cm (1.97-59.06 in)");
    CHECK_THROWS_WITH(parse_circumference_mm("60", LengthUnit::in, "left_12"),
                      "left_12: '60' is above the allowed range 1.97-59.06 in (5-150 cm)");
    CHECK_THAT(refused("abc"), Contains("'abc'") && Contains("not a length"));
    CHECK_THAT(refused(""), Contains("empty"));
    CHECK_THAT(refused("38.5 furlongs"), Contains("not a unit"));
    CHECK_THAT(refused("nan"), Contains("not a length"));
    CHECK_THAT(refused("1e400"), Contains("not a length"));
    CHECK_THAT(refused("3..5"), Contains("not a length"));
}

TEST_CASE("lengths print in the client's unit") {
    CHECK(format_length(385.0, LengthUnit::cm) == "38.5");
    CHECK(format_length(386.08, LengthUnit::in, 2) == "15.20");
    CHECK(circumference_range_text(LengthUnit::in) == "1.97-59.06 in");
}

TEST_CASE("exact formatting parses back to the same value") {
    for (double v : {385.0, 386.08, 0.1, 1234.567, 38.608}) CHECK(parse_decimal(format_exact(v), "x") == v);
    CHECK(format_exact(38.5) == "38.5");
}

TEST_CASE("units are spelled cm or in") {
    CHECK(parse_enum<LengthUnit>("CM") == LengthUnit::cm);
    CHECK(parse_enum<LengthUnit>("inches") == LengthUnit::in);
    CHECK_THROWS_WITH(parse_enum<LengthUnit>("ft"), Contains("'ft' is not one of cm, in"));
}
