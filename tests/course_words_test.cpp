// A course's figures in words (course_words.h): the heading, the limb's lines, the work done and
// the client's own sentence, on the hand-worked course of course_test.cpp.
#include "swelltrack/course_words.h"

#include <catch2/catch.hpp>

#include "cylinders.h"
#include "swelltrack/datetime.h"

using namespace swelltrack;

namespace {

Session arm(const char* at, double left_cm, SessionContext context = SessionContext::routine) {
    auto s = testing::cylinders(at, left_cm, 30);
    s.context = context;
    return s;
}

// Left arm affected, right 30 cm: 34 cm before the first treatment, 32 cm before the last, 32.5 cm
// four weeks later (course_test.cpp works the numbers).
History march() {
    Client c;
    c.name = "Anna Berg";
    c.limb = LimbKind::arm;
    c.affected = Affected::left;
    auto first = arm("2025-03-03T09:00+01:00", 34, SessionContext::before_treatment);
    first.treatment = {45, true, false};
    first.compression = {CompressionKind::bandage, {}, {}, {}, true};
    return analyze_history(
        c,
        {arm("2025-01-06T09:00+01:00", 31), first, arm("2025-03-03T10:30+01:00", 33.8, SessionContext::after_treatment),
         arm("2025-03-28T09:00+01:00", 32, SessionContext::before_treatment), arm("2025-04-25T09:00+02:00", 32.5)},
        {});
}

Course course(std::optional<const char*> to) {
    Course c;
    c.id = 1;
    c.from = parse_date("2025-03-03");
    if (to) c.to = parse_date(*to);
    return c;
}

}  // namespace

TEST_CASE("a course in words: heading, each figure of the limb, the work, and her own sentence") {
    const auto h = march();
    const auto f = course_figures(h, course("2025-03-28"), parse_date("2025-07-15"));
    CHECK(course_words::heading(f) == "Intensive phase (CDT) 2025-03-03 to 2025-03-28: 26 days, 3 sessions");
    auto lines = course_words::limb_lines(h, f, 0);
    REQUIRE(lines.size() == 7);  // start, end, reduction, immediate effect, 4, 12, 26 weeks
    CHECK(lines[0].value == "2025-03-03 09:00: excess +815 mL (+28.4%)");
    CHECK(lines[2].value == "420 mL less: 51.6% of the excess at the start");
    // One pair: 10 (33.8^2 - 34^2)/pi = -43.2 mL, -13.56/1156 = -1.17% of the volume; no spread of one.
    CHECK(lines[3].value == "-43 mL per treatment (-1.2% of the limb's volume), 1 day measured before and after");
    // (2560 - 1562.5)/2560 = 38.96% (printed so: 39.0% would be a whole percent it is not).
    CHECK(lines[4].value ==
          "2025-04-25 09:00: 38.96% of the start's excess still gone, 75.6% of the course's reduction kept");
    CHECK(lines[5].label == "12 weeks after");
    CHECK(course_words::work(f.work) ==
          "2 treatment days, 45 min of MLD, bandaging on 1 day, compression worn on 1 of the 1 day it was recorded");
    REQUIRE(course_words::plain(h, f).size() == 1);
    CHECK(course_words::plain(h, f)[0] ==
          "During your intensive treatment from 2025-03-03 to 2025-03-28, the extra swelling of your left arm went "
          "down by "
          "51.6%. 4 weeks after it ended, 38.96% of it was still gone.");

    // Running: "so far", and the sentence says since when.
    const auto running = course_figures(h, course(std::nullopt), parse_date("2025-03-30"));
    CHECK(course_words::heading(running) ==
          "Intensive phase (CDT) 2025-03-03 (running, figures so far to 2025-03-30): 28 days, 3 sessions");
    CHECK(course_words::limb_lines(h, running, 0)[1].label == "so far");
    CHECK(course_words::plain(h, running)[0] ==
          "Since your intensive treatment began on 2025-03-03, the extra swelling of your left arm went down by "
          "51.6%.");
}

TEST_CASE("a course not begun, one under way, and a durability line without a share of the start") {
    const auto h = march();
    auto later = course("2025-09-30");
    later.from = parse_date("2025-09-01");
    CHECK(course_words::heading(course_figures(h, later, parse_date("2025-07-15"))) ==
          "Intensive phase (CDT) 2025-09-01 to 2025-09-30 (not begun yet)");
    CHECK(course_words::heading(course_figures(h, course("2025-03-28"), parse_date("2025-03-20"))) ==
          "Intensive phase (CDT) 2025-03-03 to 2025-03-28 (under way, figures so far to 2025-03-20): 18 days, 2 "
          "sessions");
    // A durability with "kept" but no share of the start (no excess at the start): no stray comma.
    auto f = course_figures(h, course("2025-03-28"), parse_date("2025-07-15"));
    f.durability[0].reduction_pct.reset();
    CHECK(course_words::limb_lines(h, f, 0)[4].value == "2025-04-25 09:00: 75.6% of the course's reduction kept");
}
