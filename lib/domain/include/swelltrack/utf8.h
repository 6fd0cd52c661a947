#pragma once
// Walking UTF-8 text character by character, the one way every layer does it (utf8proc decodes):
// measuring, cutting and wrapping text in charts and PDFs, and re-encoding it.
#include <cstddef>
#include <string>
#include <string_view>

namespace swelltrack {

/// One character of UTF-8 text: its code point and its length in bytes.
struct Utf8Char {
    char32_t code_point = 0;
    std::size_t bytes = 1;
};

/// The code point of a byte that does not start a valid UTF-8 character.
inline constexpr char32_t replacement_character = 0xFFFD;

/// The character starting at byte `i` of `text` (i < text.size()). A byte that does not start a
/// valid character (a stray continuation byte, a cut or overlong sequence, a surrogate) is one
/// character of its own, U+FFFD, one byte long: nothing after it is misread or dropped.
Utf8Char utf8_at(std::string_view text, std::size_t i);

/// `code_point` appended to `out` in UTF-8 (U+FFFD for a value that is not a character).
void append_utf8(std::string& out, char32_t code_point);

/// Text as a search compares it: case folded, accents and other combining marks dropped, runs of
/// white space one space, none at either end: search_key(" José  MÜLLER ") == "jose muller".
/// Invalid UTF-8 is compared byte for byte, lower-cased.
std::string search_key(std::string_view text);

}  // namespace swelltrack
