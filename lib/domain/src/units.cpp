#include "swelltrack/units.h"

#include <charconv>
#include <cmath>
#include <string>

#include "swelltrack/detail/enum_table.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"

namespace swelltrack {
namespace {

using detail::trim;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

constexpr detail::EnumName<LengthUnit> unit_names[] = {{LengthUnit::cm, "cm"},
                                                       {LengthUnit::in, "in"},
                                                       {LengthUnit::in, "inch"},
                                                       {LengthUnit::in, "inches"},
                                                       {LengthUnit::in, "\""}};

detail::EnumTable<LengthUnit> enum_table(LengthUnit) { return {"unit", unit_names}; }

double canonical_mm(double mm) { return std::round(mm * 1000.0) / 1000.0; }

double parse_decimal(std::string_view text, std::string_view field) {
    auto t = trim(text);
    std::string s(t);
    for (char& c : s)
        if (c == ',') c = '.';
    double v = 0;
    const char* first = s.data();
    if (!s.empty() && s.front() == '+') ++first;
    auto [end, ec] = std::from_chars(first, s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v))
        throw UserError(std::string(field), std::string(text),
                        std::string(field) + ": '" + std::string(text) + "' is not a number");
    return v;
}

std::string circumference_range_text(LengthUnit unit) {
    const auto& limit = limits::circumference_mm;
    int decimals = unit == LengthUnit::cm ? 0 : 2;
    return format_length(limit.lo, unit, decimals) + "-" + format_length(limit.hi, unit, decimals) + " " +
           std::string(to_string(unit));
}

void check_circumference_mm(double mm, std::string_view field, std::string_view as_typed, LengthUnit unit) {
    const auto& limit = limits::circumference_mm;
    if (within(limit, mm)) return;
    // The range in the unit typed first: "5-150 cm (1.97-59.06 in)".
    auto other = unit == LengthUnit::cm ? LengthUnit::in : LengthUnit::cm;
    const auto* how = !std::isfinite(mm) ? " is outside" : mm > limit.hi ? " is above" : " is below";
    throw UserError(std::string(field), std::string(as_typed),
                    std::string(field) + ": '" + std::string(as_typed) + "'" + how + " the allowed range " +
                        circumference_range_text(unit) + " (" + circumference_range_text(other) + ")");
}

double parse_circumference_mm(std::string_view text, LengthUnit default_unit, std::string_view field) {
    auto t = trim(text);
    if (t.empty())
        throw UserError(std::string(field), std::string(text),
                        std::string(field) + ": empty value; type a length such as 38.5 (allowed " +
                            circumference_range_text(default_unit) + ")");
    // Split a trailing unit suffix of letters (or an inch mark) from the number.
    std::size_t end = t.size();
    while (end > 0 &&
           ((t[end - 1] >= 'a' && t[end - 1] <= 'z') || (t[end - 1] >= 'A' && t[end - 1] <= 'Z') || t[end - 1] == '"'))
        --end;
    auto number = trim(t.substr(0, end));
    auto suffix = t.substr(end);
    double v = 0;
    try {
        v = parse_decimal(number, field);
    } catch (const UserError&) {
        throw UserError(std::string(field), std::string(text),
                        std::string(field) + ": '" + std::string(text) +
                            "' is not a length; type a number such as 38.5, 38,5, 38.5cm or 15.2in");
    }
    double factor = default_unit == LengthUnit::cm ? mm_per_cm : mm_per_inch;
    if (iequals(suffix, "mm")) {
        factor = 1.0;
    } else if (!suffix.empty()) {
        try {
            factor = parse_enum<LengthUnit>(suffix, field) == LengthUnit::cm ? mm_per_cm : mm_per_inch;
        } catch (const UserError&) {
            throw UserError(std::string(field), std::string(text),
                            std::string(field) + ": '" + std::string(text) + "' has '" + std::string(suffix) +
                                "', which is not a unit; use cm or in");
        }
    }
    double mm = canonical_mm(v * factor);
    check_circumference_mm(mm, field, text, default_unit);
    return mm;
}

std::string format_length(double mm, LengthUnit unit, int decimals) {
    return display::fixed(unit == LengthUnit::cm ? mm / mm_per_cm : mm / mm_per_inch, decimals);
}

std::string format_exact(double value) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec;
    return std::string(buf, end);
}

}  // namespace swelltrack
