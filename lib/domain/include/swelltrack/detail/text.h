#pragma once
// Small string helpers shared by the lib's parsers (not part of the public API).
#include <string>
#include <string_view>
#include <vector>

namespace swelltrack::detail {

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// Splits on `sep`, trimming each item; "" gives one empty item.
inline std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        auto pos = s.find(sep, start);
        out.push_back(trim(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start)));
        if (pos == std::string_view::npos) return out;
        start = pos + 1;
    }
}

/// "field: 'value' is not one of a, b, c"
std::string not_one_of(std::string_view field, std::string_view value, std::string_view choices);

}  // namespace swelltrack::detail
