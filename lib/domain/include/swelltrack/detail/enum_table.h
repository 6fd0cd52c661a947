#pragma once
// One table per enum: parsing, printing and the "not one of ..." message all come from it. An enum
// takes part by declaring, beside it, `detail::EnumTable<E> enum_table(E)` (its source defines it);
// then to_string(value), parse_enum<E>(text) and detail::choices<E>() work for it.
#include <concepts>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "swelltrack/detail/text.h"
#include "swelltrack/error.h"

namespace swelltrack {
namespace detail {

/// One spelling of an enum value. The first entry of a value is how it is printed and listed;
/// later entries of the same value are accepted aliases (an empty name accepts empty input).
template <class E>
struct EnumName {
    E value;
    std::string_view name;
};

/// An enum's spellings and the field name its messages use by default ("context", "limb", ...).
template <class E>
struct EnumTable {
    std::string_view field;
    std::span<const EnumName<E>> names;
};

template <class E>
concept TableEnum = std::is_enum_v<E> && requires(E e) {
    { enum_table(e) } -> std::same_as<EnumTable<E>>;
};

/// The printed names, in table order: "before, after, routine".
template <class E>
std::string choices(std::span<const EnumName<E>> names) {
    std::string out;
    for (const auto& e : names) {
        bool first_of_value = false;
        for (const auto& f : names)
            if (f.value == e.value) {
                first_of_value = &f == &e;
                break;
            }
        if (e.name.empty() || !first_of_value) continue;
        if (!out.empty()) out += ", ";
        out += e.name;
    }
    return out;
}

/// The value spelled `text` (trimmed, any case) among `names`; a UserError naming `field` and the
/// choices otherwise. parse_enum uses it with an enum's whole table; a caller may pass a part.
template <class E>
E parse_name(std::span<const EnumName<E>> names, std::string_view text, std::string_view field) {
    const auto wanted = lower(trim(text));
    for (const auto& e : names)
        if (e.name == wanted) return e.value;
    throw UserError(std::string(field), std::string(text), not_one_of(field, text, choices(names)));
}

/// What enum E accepts, for help texts and messages: "before, after, routine".
template <TableEnum E>
std::string choices() {
    return choices(enum_table(E{}).names);
}

}  // namespace detail

/// The printed name of a table-driven enum value: "before", "left", "cm", ...
template <detail::TableEnum E>
std::string_view to_string(E value) {
    for (const auto& e : enum_table(value).names)
        if (e.value == value) return e.name;
    return {};
}

/// The value spelled `text` (trimmed, any case); a UserError naming `field` (default: the enum's
/// own field name) and the choices otherwise.
template <detail::TableEnum E>
E parse_enum(std::string_view text, std::string_view field = {}) {
    const auto table = enum_table(E{});
    return detail::parse_name(table.names, text, field.empty() ? table.field : field);
}

}  // namespace swelltrack
