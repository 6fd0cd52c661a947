#include "swelltrack/limits.h"

#include <catch2/catch.hpp>

#include "swelltrack/error.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

TEST_CASE("a limit prints its range with unit and note") {
    CHECK(range_text(limits::pain) == "0-10");
    CHECK(range_text(limits::weight_kg) == "2-400 kg");
    CHECK(range_text(limits::garment_class) == "1-4 (RAL-GZ 387)");
    CHECK(range_text(limits::watch_pct) == "3.5-100 (below 3.5% is measurement noise)");
    CHECK(help_text(limits::pain, "Pain") == "Pain 0-10");
    CHECK(help_text(limits::weight_kg, "Body weight") == "Body weight, 2-400 kg");
}

TEST_CASE("within is inclusive at both ends and refuses fractions where whole numbers are asked") {
    CHECK(within(limits::pain, 0));
    CHECK(within(limits::pain, 10));
    CHECK_FALSE(within(limits::pain, 10.5));
    CHECK_FALSE(within(limits::pain, 2.5));  // in range, but not whole
    CHECK(within(limits::weight_kg, 2.5));
    CHECK_FALSE(within(limits::weight_kg, 1.99));
    CHECK_FALSE(within(limits::weight_kg, std::numeric_limits<double>::quiet_NaN()));
    CHECK_FALSE(within(limits::weight_kg, std::numeric_limits<double>::infinity()));
}

TEST_CASE("check names the field, the value and the range") {
    CHECK_THROWS_WITH(check(limits::weight_kg, 0.5), "weight: 0.5 kg is below the allowed range 2-400 kg");
    CHECK_THROWS_WITH(check(limits::pain, 11.0), "pain: 11 is above the allowed range 0-10");
    CHECK_THROWS_WITH(check(limits::pain, std::nan("")), "pain: nan is outside the allowed range 0-10");
    CHECK_THROWS_WITH(check(limits::watch_pct, 2.0),
                      "watch threshold %: 2 is below the allowed range 3.5-100 (below 3.5% is measurement noise)");
    CHECK_THROWS_WITH(check(limits::pain, 2.5), "pain: 2.5 is not a whole number; allowed 0-10");
    CHECK_THROWS_WITH(check(limits::circumference_mm, 9000.0, "left point 3"),
                      "left point 3: 9000 mm is above the allowed range 50-1500 mm");
    CHECK_NOTHROW(check(limits::pain, std::optional<int>{}));
}

TEST_CASE("typed numbers are parsed with their limit") {
    CHECK(parse_limited(limits::weight_kg, "") == std::nullopt);
    CHECK(parse_limited(limits::weight_kg, "68,5") == 68.5);
    CHECK(parse_limited_int(limits::pain, "7") == 7);
    CHECK_THROWS_WITH(parse_limited(limits::weight_kg, "abc"), "weight: 'abc' is not a number; allowed 2-400 kg");
    CHECK_THROWS_WITH(parse_limited_int(limits::pain, "2.5"), "pain: '2.5' is not a whole number; allowed 0-10");
    CHECK_THROWS_WITH(parse_limited_int(limits::pain, "12"), "pain: 12 is above the allowed range 0-10");
    CHECK_THROWS_WITH(parse_limited_int(limits::pain, "1e12"), Contains("pain: 1e+12 is above the allowed range 0-10"));
    try {
        parse_limited_int(limits::heaviness, "x", "--heaviness");
        FAIL("no error");
    } catch (const UserError& e) {
        CHECK(e.field() == "--heaviness");
        CHECK(e.value() == "x");
    }
}

TEST_CASE("free text has a length limit, and one-line text no control characters") {
    CHECK_NOTHROW(check_text(limits::note_bytes, std::string(4000, 'x'), false));
    CHECK_THROWS_WITH(check_text(limits::note_bytes, std::string(65536, 'x'), false),
                      "note: 65536 bytes; the allowed length is 0-4000 bytes");
    CHECK_NOTHROW(check_text(limits::note_bytes, "line one\nline two\tend", false));
    CHECK_THROWS_WITH(check_text(limits::note_bytes, "bell\x07", false), Contains("control character 0x07"));
    CHECK_THROWS_WITH(check_text(limits::recorded_by_bytes, "Th.\nBrandt", true),
                      Contains("recorded by: contains the control character 0x0A (one line of text)"));
    CHECK_THROWS_WITH(check_text(limits::note_bytes, "\xff", false), Contains("not valid UTF-8"));
}
