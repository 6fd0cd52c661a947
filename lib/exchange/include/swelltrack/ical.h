#pragma once
// A client's measurement schedule as an iCalendar feed (RFC 5545), for a calendar app to subscribe
// to: one recurring all-day event on the days a session is due, with a reminder that morning.
#include <optional>
#include <string>
#include <string_view>

#include "swelltrack/client.h"
#include "swelltrack/datetime.h"

namespace swelltrack {

/// The reminder's time of day unless she chose one: 09:00.
inline constexpr int default_remind_minute = 9 * 60;

/// The days a reminder covers: the schedule's every_days; a week when she chose weekdays without
/// a schedule.
int reminder_period_days(const Client& c);

/// The first day her calendar reminds her, in her local dates: the last session's day plus the
/// period (reminder_period_days), or `today` when that has passed or there is no session yet; with
/// weekdays of her own, the first of them on or after that day. So a period she has measured has
/// no reminder left. Nullopt without a schedule or weekdays.
std::optional<date::year_month_day> next_due_day(const Client& c, const std::optional<DateTime>& last_session,
                                                 date::year_month_day today);

/// Her reminders in words: "A reminder on Sunday at 07:30, unless a session has been logged since
/// the last one was due".
std::string reminder_text(const Client& c);

/// A VCALENDAR (CRLF line ends, lines folded at 75 octets) named after the client. With a schedule
/// or weekdays it holds one VEVENT: all-day from next_due_day (today is `now`'s local date),
/// repeating every every_days days, or weekly on her weekdays (every every_days / 7 weeks when that
/// is whole), with a display alarm at her time (09:00 unless chosen) on the day; its UID comes from the client's id
/// (stored clients only), so a re-fetched feed updates the event rather than adding another.
/// Without a schedule the calendar has no events. `now` stamps DTSTAMP (in UTC);
/// `program_version` goes into PRODID.
std::string schedule_ics(const Client& c, const std::optional<DateTime>& last_session, const DateTime& now,
                         std::string_view program_version);

namespace ical {
/// A TEXT value escaped: backslash, ';' and ',' preceded by a backslash, a line break as "\n"; other
/// control characters (never in validated names) as spaces.
std::string escape_text(std::string_view text);
/// One content line folded at 75 octets, never inside a UTF-8 character, each piece ended by CRLF
/// and the continuations starting with a space.
std::string fold(std::string_view line);
}  // namespace ical

}  // namespace swelltrack
