#include "swelltrack/utf8.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace swelltrack {

Utf8Char utf8_at(std::string_view text, std::size_t i) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                              static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0 || cp < 0) return {replacement_character, 1};
    return {static_cast<char32_t>(cp), static_cast<std::size_t>(n)};
}

void append_utf8(std::string& out, char32_t code_point) {
    utf8proc_uint8_t buf[4];
    auto cp = static_cast<utf8proc_int32_t>(code_point);
    if (!utf8proc_codepoint_valid(cp)) cp = static_cast<utf8proc_int32_t>(replacement_character);
    auto n = utf8proc_encode_char(cp, buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string search_key(std::string_view text) {
    utf8proc_uint8_t* mapped = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                                        UTF8PROC_STRIPMARK | UTF8PROC_COMPAT);
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
    std::string folded;
    if (n >= 0) {
        folded.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    } else {
        folded.assign(text);
        for (auto& c : folded)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    std::string out;
    for (std::size_t i = 0; i < folded.size();) {
        const auto ch = utf8_at(folded, i);
        const bool space =
            ch.code_point < 0x80
                ? (ch.code_point == ' ' || (ch.code_point >= '\t' && ch.code_point <= '\r'))
                : utf8proc_category(static_cast<utf8proc_int32_t>(ch.code_point)) == UTF8PROC_CATEGORY_ZS;
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out.append(folded, i, ch.bytes);
        }
        i += ch.bytes;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace swelltrack
