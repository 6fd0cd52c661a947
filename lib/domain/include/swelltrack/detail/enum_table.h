#pragma once
// One table per enum: parsing, printing and the "not one of ..." message all come from it.
#include <span>
#include <string>
#include <string_view>

#include "swelltrack/detail/text.h"
#include "swelltrack/error.h"

namespace swelltrack::detail {

/// One spelling of an enum value. The first entry of a value is how it is printed and listed;
/// later entries of the same value are accepted aliases (an empty name accepts empty input).
template <class E>
struct EnumName {
    E value;
    std::string_view name;
};

/// The one table of enum E, defined beside its to_string and parse function; each enum's header
/// declares its specialization.
template <class E>
std::span<const EnumName<E>> names();

/// The printed name of `value` (its first entry).
template <class E>
std::string_view name_of(std::span<const EnumName<E>> table, E value) {
    for (const auto& e : table)
        if (e.value == value) return e.name;
    return {};
}

/// The printed names, in table order: "before, after, routine".
template <class E>
std::string choices(std::span<const EnumName<E>> table) {
    std::string out;
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i].name.empty() || name_of(table, table[i].value) != table[i].name) continue;
        if (!out.empty()) out += ", ";
        out += table[i].name;
    }
    return out;
}

/// What enum E accepts, for help texts: "before, after, routine".
template <class E>
std::string choices() {
    return choices(names<E>());
}

/// The value spelled `text` (trimmed, any case); a UserError naming `field` and the choices otherwise.
template <class E>
E parse_name(std::span<const EnumName<E>> table, std::string_view text, std::string_view field) {
    const auto wanted = lower(trim(text));
    for (const auto& e : table)
        if (e.name == wanted) return e.value;
    throw UserError(std::string(field), std::string(text), not_one_of(field, text, choices(table)));
}

}  // namespace swelltrack::detail
