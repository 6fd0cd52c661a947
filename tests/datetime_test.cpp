#include "swelltrack/datetime.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>
#include <string>

#include "swelltrack/error.h"

using namespace swelltrack;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

TEST_CASE("a local time with its offset is one unambiguous instant") {
    auto t = parse_datetime("2025-03-01T08:30+01:00");
    // 08:30 at +01:00 is 07:30 UTC.
    CHECK(t.utc == date::sys_days{date::year{2025} / 3 / 1} + 7h + 30min);
    CHECK(t.offset == 60min);
    CHECK(format_datetime(t) == "2025-03-01T08:30:00+01:00");
}

TEST_CASE("offsets, seconds, Z and a space separator are understood") {
    CHECK(format_datetime(parse_datetime("2025-03-01 08:30:15Z")) == "2025-03-01T08:30:15+00:00");
    auto ny = parse_datetime("2025-03-01T23:30-05:00");
    CHECK(ny.utc == date::sys_days{date::year{2025} / 3 / 2} + 4h + 30min);  // next day in UTC
    CHECK(ny.local_date() == date::year{2025} / 3 / 1);                      // but the 1st locally
    CHECK(format_datetime(parse_datetime("2025-03-01T08:30+0530")) == "2025-03-01T08:30:00+05:30");
    CHECK(format_datetime(parse_datetime("1999-12-31T23:59:58-0330")) == "1999-12-31T23:59:58-03:30");
    CHECK(format_datetime(parse_datetime("2025-03-01")) == "2025-03-01T00:00:00+00:00");
    CHECK(format_datetime(parse_datetime("2025-03-01T08:30", 120min)) == "2025-03-01T08:30:00+02:00");
}

TEST_CASE("the same instant in two offsets compares equal") {
    CHECK(parse_datetime("2025-03-01T08:30+01:00") == parse_datetime("2025-03-01T07:30Z"));
    CHECK(parse_datetime("2025-03-01T08:30+01:00") < parse_datetime("2025-03-01T08:30Z"));
}

TEST_CASE("impossible dates and times are refused, naming the value") {
    CHECK_THROWS_WITH(parse_date("2025-02-30"), Contains("'2025-02-30'") && Contains("not a real calendar date"));
    CHECK_THROWS_WITH(parse_datetime("2025-02-29T10:00"), Contains("not a real calendar date"));
    CHECK_NOTHROW(parse_date("2024-02-29"));  // a leap year
    CHECK_THROWS_WITH(parse_date("2025-13-01"), Contains("not a real calendar date"));
    CHECK_THROWS_WITH(parse_datetime("2025-03-01T24:00"), Contains("00:00-23:59"));
    CHECK_THROWS_WITH(parse_datetime("2025-03-01T10:00+15:00"), Contains("-14:00..+14:00"));
    CHECK_THROWS_WITH(parse_datetime("2025-03-01T10:00 tomorrow"), Contains("unexpected text"));
    CHECK_THROWS_WITH(parse_date("01/03/2025"), Contains("use YYYY-MM-DD"));
    CHECK_THROWS_WITH(parse_date("1850-01-01"), Contains("1900-2200"));
    CHECK_THROWS_AS(parse_datetime("2025-03-01T1"), UserError);
    CHECK_THROWS_AS(parse_datetime(""), UserError);
}

TEST_CASE("a wall-clock time is read in this machine's zone, one skipped by daylight saving is refused") {
    struct Zone {  // Berlin: the clocks went from 02:00 to 03:00 on 2025-03-30, back on 2025-10-26
        std::string old = std::getenv("TZ") ? std::getenv("TZ") : "";
        bool had = std::getenv("TZ") != nullptr;
        Zone() { ::setenv("TZ", "Europe/Berlin", 1), ::tzset(); }
        ~Zone() { had ? ::setenv("TZ", old.c_str(), 1) : ::unsetenv("TZ"), ::tzset(); }
    } berlin;
    CHECK(format_datetime(parse_local_datetime("2025-01-15T08:30")) == "2025-01-15T08:30:00+01:00");
    CHECK(format_datetime(parse_local_datetime("2025-07-15T08:30")) == "2025-07-15T08:30:00+02:00");
    CHECK(format_datetime(parse_local_datetime("2025-03-30T01:59")) == "2025-03-30T01:59:00+01:00");
    CHECK(format_datetime(parse_local_datetime("2025-03-30T03:00")) == "2025-03-30T03:00:00+02:00");
    CHECK_THROWS_WITH(parse_local_datetime("2025-03-30T02:30", "--at"),
                      Contains("--at: '2025-03-30T02:30' does not exist in this machine's time zone"));
    // 02:30 on 2025-10-26 happens twice; the second (standard time, after the clocks went back) is taken.
    CHECK(format_datetime(parse_local_datetime("2025-10-26T02:30")) == "2025-10-26T02:30:00+01:00");
    // An explicit offset is taken as given, whatever the zone.
    CHECK(format_datetime(parse_local_datetime("2025-03-30T02:30+05:30")) == "2025-03-30T02:30:00+05:30");
}
