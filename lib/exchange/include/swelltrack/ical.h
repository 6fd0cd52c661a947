#pragma once
// A client's measurement schedule as an iCalendar feed (RFC 5545), for a calendar app to subscribe
// to: one recurring all-day event on the days a session is due, with a reminder that morning.
#include <optional>
#include <string>
#include <string_view>

#include "swelltrack/client.h"
#include "swelltrack/datetime.h"

namespace swelltrack {

/// The first day the schedule asks for a session, in the client's local dates: the last session's
/// day plus every_days, or `today` when that has passed or there is no session yet. Nullopt
/// without a schedule.
std::optional<date::year_month_day> next_due_day(const Client& c, const std::optional<DateTime>& last_session,
                                                 date::year_month_day today);

/// A VCALENDAR (CRLF line ends, lines folded at 75 octets) named after the client. With a schedule
/// it holds one VEVENT: all-day from next_due_day (today is `now`'s local date), repeating every
/// every_days days, with a display alarm at 09:00 on the day; its UID comes from the client's id
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
