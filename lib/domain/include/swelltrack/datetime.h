#pragma once
// Date-times as clients record them: a local wall-clock time with its UTC offset, stored unambiguously.
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace swelltrack {

/// An instant plus the UTC offset it was recorded in. Ordering and equality use the instant.
struct DateTime {
    date::sys_seconds utc{};         // the instant
    std::chrono::minutes offset{0};  // local = utc + offset

    date::local_seconds local() const { return date::local_seconds{utc.time_since_epoch() + offset}; }
    date::year_month_day local_date() const;
    friend bool operator==(const DateTime& a, const DateTime& b) { return a.utc == b.utc; }
    friend auto operator<=>(const DateTime& a, const DateTime& b) { return a.utc <=> b.utc; }
};

/// Parses "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM]" (a space may replace 'T'), or a bare
/// "YYYY-MM-DD" (midnight). Without an offset, `default_offset` applies. Impossible dates
/// (2025-02-30), hours and offsets beyond +-14:00 throw UserError naming `field`.
DateTime parse_datetime(std::string_view text, std::chrono::minutes default_offset = std::chrono::minutes{0},
                        std::string_view field = "date-time");

/// Parses "YYYY-MM-DD"; rejects impossible dates with a UserError naming `field`.
date::year_month_day parse_date(std::string_view text, std::string_view field = "date");

/// "2025-03-01T08:30:00+01:00" (local time and its offset; "Z" is never used, to stay explicit).
std::string format_datetime(const DateTime& t);
/// "2025-03-01"
std::string format_date(date::year_month_day d);
/// The machine's current UTC offset (from the C library's localtime), for entries typed without one.
std::chrono::minutes local_utc_offset(date::sys_seconds at);
/// A date-time as a person types it: with its own offset if it has one, else a wall-clock time in
/// this machine's time zone. A wall-clock time that does not exist there (skipped when the clocks
/// went forward) is a UserError that says to give the offset; of a repeated one (the hour after the
/// clocks went back), the second, in standard time.
DateTime parse_local_datetime(std::string_view text, std::string_view field = "date-time");
/// How a stored session is named on the command line (`--at`): a minute of local wall-clock
/// time, with the UTC offset when one was given.
struct SessionTime {
    date::local_seconds minute;                       // seconds are dropped
    std::optional<std::chrono::minutes> offset;       // none: any offset (ambiguous when two match)
    bool matches(const DateTime& recorded_at) const;  // same local minute (and offset, when given)
};
/// Parses "YYYY-MM-DDTHH:MM[:SS][+HH:MM]" (offset optional) as a SessionTime; UserError naming `field`.
SessionTime parse_session_time(std::string_view text, std::string_view field = "at");

/// Now, in the machine's local offset, truncated to seconds.
DateTime now_local();

/// Throws UserError naming `field` when `t` has an offset beyond 14 hours, or lies in the future
/// (beyond future_tolerance): "...; give the time the <thing> was taken".
void check_when_taken(const DateTime& t, std::string_view field, std::string_view thing);

}  // namespace swelltrack
