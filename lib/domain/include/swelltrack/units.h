#pragma once
// Lengths as people type them: "38.5", "38,5", "38.5cm", "15.2 in".
#include <string>
#include <string_view>

#include "swelltrack/detail/enum_table.h"

namespace swelltrack {

enum class LengthUnit { cm, in };

inline constexpr double mm_per_cm = 10.0;
inline constexpr double mm_per_inch = 25.4;

detail::EnumTable<LengthUnit> enum_table(LengthUnit);  // cm, in (also inch, inches)

/// Rounds to whole micrometres so a value typed in cm or inches has one canonical double.
double canonical_mm(double mm);

/// Parses a circumference as typed: number with '.' or ',' decimal, optional unit suffix (cm, in, mm).
/// Without a suffix, `default_unit` applies. Returns millimetres. Rejects empty, non-numeric, NaN,
/// zero, negative and out-of-range values with a UserError naming `field`, the value and the range.
double parse_circumference_mm(std::string_view text, LengthUnit default_unit, std::string_view field = "circumference");

/// Checks an already-numeric circumference (e.g. from a CSV column) against limits::circumference_mm.
/// The message gives the range in `unit` first: "'245' is above the allowed range 5-150 cm (1.97-59.06 in)".
void check_circumference_mm(double mm, std::string_view field, std::string_view as_typed,
                            LengthUnit unit = LengthUnit::cm);

/// The allowed range written in `unit`, e.g. "5-150 cm".
std::string circumference_range_text(LengthUnit unit);

/// Millimetres shown in `unit` with `decimals` places, e.g. 385 mm -> "38.5" (cm) or "15.16" (in).
std::string format_length(double mm, LengthUnit unit, int decimals = 1);

/// Shortest text that parses back to exactly the same canonical value (for export).
std::string format_exact(double value);

/// Parses a plain decimal number ('.' or ',' separator); nullopt-like failure throws UserError.
double parse_decimal(std::string_view text, std::string_view field);

}  // namespace swelltrack
