#pragma once
// A person whose limbs are tracked (docs/architecture.md#domain-model).
#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "swelltrack/detail/enum_table.h"
#include "swelltrack/limits.h"
#include "swelltrack/protocol.h"
#include "swelltrack/units.h"

namespace swelltrack {

enum class Side { left, right };
enum class Affected { left, right, both };

detail::EnumTable<Side> enum_table(Side);          // left, right (also l, r)
detail::EnumTable<Affected> enum_table(Affected);  // left, right, both

struct Client {
    std::int64_t id = 0;  // 0 until stored
    std::string name;     // any UTF-8, unique among clients
    std::optional<int> birth_year;
    std::string condition;  // free text, e.g. "breast-cancer-related lymphedema"
    LimbKind limb = LimbKind::arm;
    Affected affected = Affected::left;
    std::optional<date::year_month_day> baseline_date;  // e.g. date of surgery
    LengthUnit unit = LengthUnit::cm;
    std::string notes;
    bool archived = false;
    std::optional<int> every_days;  // measurement schedule: a session is due this often (none: no schedule)
    // Her calendar's reminders, as she chose them (ical.h): on these weekdays (bit 0 Monday ... bit 6
    // Sunday; none: the days the schedule falls on) at this local time (minutes after midnight; none: 09:00).
    unsigned remind_weekdays = 0;
    std::optional<int> remind_minute;
    bool photo_consent = false;  // she agreed that photos of her skin are kept (docs/architecture.md#photos)

    bool bilateral() const { return affected == Affected::both; }
    /// The affected side of a unilateral client, the other side, or nullopt when both are affected.
    std::optional<Side> affected_side() const;
    std::optional<Side> unaffected_side() const;
    friend bool operator==(const Client&, const Client&) = default;
};

/// A name as it is stored and compared: without surrounding spaces and in Unicode NFC, so that
/// "Maria Keller " and a "José" typed with a combining accent are the names already there.
std::string normalize_name(std::string_view name);

/// A measurement schedule as typed: "7d", "7" (days), "2w" (weeks), or "none" (nullopt). Within
/// limits::measure_every_days; a UserError naming `field` otherwise.
std::optional<int> parse_schedule(std::string_view text, std::string_view field = "every");
/// "every 7 days", or "no schedule".
std::string schedule_text(const std::optional<int>& every_days);

/// Weekdays as typed: "sun", "mon,thu" (or whole names, any case), "none" (0). A bit per day, bit 0
/// Monday ... bit 6 Sunday. UserError naming `field` and the day names for anything else.
unsigned parse_weekdays(std::string_view text, std::string_view field = "remind-days");
/// "mon,thu" as parse_weekdays reads it back; "none" for 0.
std::string weekdays_key(unsigned weekdays);
/// "Monday and Thursday", "Sunday": for people.
std::string weekdays_text(unsigned weekdays);
/// A time of day as typed, "07:30" (HH:MM, 24-hour), or "none" (nullopt): minutes after midnight.
std::optional<int> parse_time_of_day(std::string_view text, std::string_view field = "remind-at");
/// "07:30".
std::string time_of_day_text(int minute);

/// limits::birth_year up to the current year: nobody is born in the future.
Limit birth_year_limit();

/// Throws UserError for an empty/overlong name (1-200 bytes, valid UTF-8, no control characters)
/// or a birth year outside 1900..current year.
void validate_client(const Client& client);

/// Offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates and code
/// points past U+10FFFF are not), or npos when all is well.
std::size_t first_invalid_utf8(std::string_view text);
/// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace swelltrack
