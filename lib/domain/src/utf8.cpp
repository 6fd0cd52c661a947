#include "swelltrack/utf8.h"

#include <utf8proc.h>

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

}  // namespace swelltrack
