// The measurement schedule as an iCalendar feed: due days worked by hand, folding, escaping, CRLF.
#include "swelltrack/ical.h"

#include <catch2/catch.hpp>

using namespace swelltrack;

namespace {

Client scheduled(std::optional<int> every_days, std::string name = "Jane Smith") {
    Client c;
    c.id = 42;
    c.name = std::move(name);
    c.every_days = every_days;
    return c;
}

// The content lines with folding undone (RFC 5545 3.1: a CRLF followed by a space is removed).
std::vector<std::string> unfolded(const std::string& ics) {
    std::string text;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        text += ics[i];
    }
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < text.size();) {
        auto end = text.find("\r\n", at);
        lines.push_back(text.substr(at, end - at));
        at = end + 2;
    }
    return lines;
}

// The physical lines as written (between CRLFs).
std::vector<std::string> physical(const std::string& ics) {
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < ics.size();) {
        auto end = ics.find("\r\n", at);
        if (end == std::string::npos) end = ics.size();
        lines.push_back(ics.substr(at, end - at));
        at = end + 2;
    }
    return lines;
}

bool has_line(const std::string& ics, const std::string& line) {
    auto lines = unfolded(ics);
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

const DateTime now = parse_datetime("2026-11-22T10:00:05+01:00");

}  // namespace

TEST_CASE("the event starts on the last session's local day plus the schedule") {
    // Last session 2026-11-20 at 23:30 in New York (2026-11-21 04:30 UTC): its local day is the
    // 20th, and 20 + 7 = 2026-11-27.
    auto last = parse_datetime("2026-11-20T23:30-05:00");
    std::string ics = schedule_ics(scheduled(7), last, now, "0.1.0");
    CHECK(has_line(ics, "DTSTART;VALUE=DATE:20261127"));
    CHECK(has_line(ics, "RRULE:FREQ=DAILY;INTERVAL=7"));
    CHECK(next_due_day(scheduled(7), last, date::year{2026} / 11 / 22) == date::year{2026} / 11 / 27);
    // Across a month end: 2026-11-28 + 7 = 2026-12-05.
    CHECK(next_due_day(scheduled(7), parse_datetime("2026-11-28T09:00+01:00"), date::year{2026} / 11 / 22) ==
          date::year{2026} / 12 / 5);
}

TEST_CASE("an overdue or never measured client is due today, in now's local date") {
    // Due 2026-10-08, long past on 2026-11-22: the event starts today.
    std::string ics = schedule_ics(scheduled(7), parse_datetime("2026-10-01T09:00+01:00"), now, "0.1.0");
    CHECK(has_line(ics, "DTSTART;VALUE=DATE:20261122"));
    CHECK(has_line(schedule_ics(scheduled(14), std::nullopt, now, "0.1.0"), "DTSTART;VALUE=DATE:20261122"));
    // 2026-11-22T00:30+01:00 is still the 21st in UTC; today is the local date, the 22nd.
    CHECK(has_line(schedule_ics(scheduled(3), std::nullopt, parse_datetime("2026-11-22T00:30+01:00"), "0.1.0"),
                   "DTSTART;VALUE=DATE:20261122"));
}

TEST_CASE("a scheduled client's calendar: required properties, a stable UID, an alarm at 09:00") {
    std::string ics = schedule_ics(scheduled(7), std::nullopt, now, "0.1.0");
    auto lines = unfolded(ics);
    REQUIRE(lines.size() >= 2);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    for (const char* l :
         {"VERSION:2.0", "PRODID:-//swelltrack//swelltrack 0.1.0//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
          "X-WR-CALNAME:Measure Jane Smith's limbs", "BEGIN:VEVENT", "UID:client-42-measurement-schedule@swelltrack",
          "DTSTAMP:20261122T090005Z", "SUMMARY:Measure Jane Smith's arms", "BEGIN:VALARM", "ACTION:DISPLAY",
          "TRIGGER;RELATED=START:PT9H", "END:VALARM", "END:VEVENT"})
        CHECK(has_line(ics, l));
    CHECK(has_line(ics,
                   "DESCRIPTION:A reminder every 7 days at 09:00\\, unless a session has been logged since the "
                   "last one was due (swelltrack)."));
    // The UID follows the id, not the name: a renamed client keeps her event.
    CHECK(has_line(schedule_ics(scheduled(7, "Jane Doe"), std::nullopt, now, "0.1.0"),
                   "UID:client-42-measurement-schedule@swelltrack"));
}

// 2026-11-22 (now) is a Sunday: 2026-01-01 is a Thursday, and the 22nd of November is day 326,
// 325 days = 46 weeks and 3 days later.
TEST_CASE("her own weekdays and time: the first of them after the period she measured last") {
    Client c = scheduled(7);
    c.remind_weekdays = 1u << 6;  // Sunday
    c.remind_minute = 7 * 60 + 30;
    // Measured Friday the 20th: this week is done, 20 + 7 = Friday the 27th, the first Sunday from
    // then is the 29th. Today's Sunday reminder is gone.
    std::string ics = schedule_ics(c, parse_datetime("2026-11-20T08:00+01:00"), now, "0.1.0");
    CHECK(has_line(ics, "DTSTART;VALUE=DATE:20261129"));
    CHECK(has_line(ics, "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SU"));
    CHECK(has_line(ics, "TRIGGER;RELATED=START:PT7H30M"));
    CHECK(has_line(ics,
                   "DESCRIPTION:A reminder on Sunday at 07:30\\, unless a session has been logged since the "
                   "last one was due (swelltrack)."));
    // Measured Saturday the 14th: 14 + 7 = the 21st has passed, so from today, a Sunday: today.
    CHECK(next_due_day(c, parse_datetime("2026-11-14T08:00+01:00"), date::year{2026} / 11 / 22) ==
          date::year{2026} / 11 / 22);
    // Every 14 days on Sundays: every second week.
    c.every_days = 14;
    CHECK(has_line(schedule_ics(c, std::nullopt, now, "0.1.0"), "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"));
    // No schedule set by her therapist, Mondays and Thursdays of her own: weekly, from Monday the 23rd.
    Client own = scheduled(std::nullopt);
    own.remind_weekdays = 1u << 0 | 1u << 3;
    auto mine = schedule_ics(own, std::nullopt, now, "0.1.0");
    CHECK(has_line(mine, "DTSTART;VALUE=DATE:20261123"));
    CHECK(has_line(mine, "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH"));
    CHECK(has_line(mine, "TRIGGER;RELATED=START:PT9H"));
}

TEST_CASE("reminder days and times as typed, and refused with the allowed values") {
    CHECK(parse_weekdays("sun") == 1u << 6);
    CHECK(parse_weekdays(" Monday, thu ") == (1u << 0 | 1u << 3));
    CHECK(parse_weekdays("none") == 0);
    CHECK(weekdays_key(1u << 0 | 1u << 3) == "mon,thu");
    CHECK(weekdays_text(1u << 0 | 1u << 3 | 1u << 6) == "Monday, Thursday and Sunday");
    CHECK_THROWS_WITH(parse_weekdays("sun,funday"), Catch::Contains("'funday' is not a day of the week") &&
                                                        Catch::Contains("mon, tue, wed, thu, fri, sat, sun"));
    CHECK_THROWS_WITH(parse_weekdays("s"), Catch::Contains("'s' is not a day of the week"));
    CHECK(parse_time_of_day("07:30") == 450);  // 7 x 60 + 30
    CHECK(parse_time_of_day("7:05") == 425);
    CHECK(parse_time_of_day("none") == std::nullopt);
    CHECK(time_of_day_text(450) == "07:30");
    for (const char* bad : {"24:00", "07:60", "0730", "7.30", "", "07:3", "-1:00"})
        CHECK_THROWS_WITH(parse_time_of_day(bad),
                          Catch::Contains("is not a time of day") && Catch::Contains("HH:MM from 00:00 to 23:59"));
}

TEST_CASE("without a schedule the calendar has no events") {
    std::string ics = schedule_ics(scheduled(std::nullopt), parse_datetime("2026-11-20T09:00+01:00"), now, "0.1.0");
    CHECK(has_line(ics, "BEGIN:VCALENDAR"));
    CHECK(has_line(ics, "VERSION:2.0"));
    CHECK(has_line(ics, "END:VCALENDAR"));
    CHECK(ics.find("VEVENT") == std::string::npos);
    CHECK_FALSE(next_due_day(scheduled(std::nullopt), std::nullopt, date::year{2026} / 11 / 22));
}

TEST_CASE("a long UTF-8 name folds at 75 octets without breaking a character") {
    std::string name;
    for (int i = 0; i < 30; ++i) name += "Zoë 王芳 ";  // 1- 2- and 3-byte characters
    std::string ics = schedule_ics(scheduled(7, name), std::nullopt, now, "0.1.0");
    std::size_t continued = 0;
    for (const auto& line : physical(ics)) {
        CHECK(line.size() <= 75);
        CHECK(is_valid_utf8(line));
        continued += line.starts_with(" ") ? 1 : 0;
    }
    CHECK(continued > 5);
    CHECK(has_line(ics, "X-WR-CALNAME:Measure " + name + "'s limbs"));
    CHECK(has_line(ics, "SUMMARY:Measure " + name + "'s arms"));
}

TEST_CASE("folding cuts exactly at 75 octets and continues at 74 after the space") {
    std::string line(200, 'x');
    std::string folded = ical::fold(line);
    auto pieces = physical(folded);
    REQUIRE(pieces.size() == 3);
    CHECK(pieces[0].size() == 75);  // 75
    CHECK(pieces[1].size() == 75);  // space + 74
    CHECK(pieces[2] == " " + std::string(200 - 75 - 74, 'x'));
    CHECK(ical::fold("short") == "short\r\n");
}

TEST_CASE("backslash, semicolon, comma and line breaks in the name are escaped") {
    CHECK(ical::escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf");
    std::string ics = schedule_ics(scheduled(7, "Smith; Jane, \\ x\ny"), std::nullopt, now, "0.1.0");
    CHECK(has_line(ics, "X-WR-CALNAME:Measure Smith\\; Jane\\, \\\\ x\\ny's limbs"));
    CHECK(has_line(ics, "SUMMARY:Measure Smith\\; Jane\\, \\\\ x\\ny's arms"));
}

TEST_CASE("every line ends in CRLF, and nothing else ends a line") {
    for (const auto& ics : {schedule_ics(scheduled(7, std::string(100, 'n') + "\nx"), std::nullopt, now, "0.1.0"),
                            schedule_ics(scheduled(std::nullopt), std::nullopt, now, "0.1.0")}) {
        REQUIRE(ics.ends_with("\r\n"));
        for (std::size_t i = 0; i < ics.size(); ++i) {
            if (ics[i] == '\n') CHECK((i > 0 && ics[i - 1] == '\r'));
            if (ics[i] == '\r') CHECK((i + 1 < ics.size() && ics[i + 1] == '\n'));
        }
    }
}
