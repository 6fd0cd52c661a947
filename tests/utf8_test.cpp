// Walking UTF-8 (swelltrack/utf8.h): every character with its length, every bad byte as one U+FFFD.
#include "swelltrack/utf8.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace swelltrack;

namespace {
std::vector<char32_t> walk(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = utf8_at(s, i);
        out.push_back(c.code_point);
        i += c.bytes;
    }
    return out;
}
}  // namespace

TEST_CASE("characters of one to four bytes are read whole") {
    // "Zoë 王😀": Z o (1 byte each), ë U+00EB (2), space, 王 U+738B (3), 😀 U+1F600 (4).
    CHECK(walk("Zo\xC3\xAB \xE7\x8E\x8B\xF0\x9F\x98\x80") ==
          std::vector<char32_t>{'Z', 'o', 0xEB, ' ', 0x738B, 0x1F600});
    CHECK(utf8_at("\xE7\x8E\x8B", 0).bytes == 3);
}

TEST_CASE("a byte that starts no valid character is one U+FFFD, and what follows is read") {
    CHECK(walk("a\x80"
               "b") == std::vector<char32_t>{'a', replacement_character, 'b'});  // stray continuation
    CHECK(walk("\xE7\x8E"
               "b") == std::vector<char32_t>{replacement_character, replacement_character, 'b'});    // cut
    CHECK(walk("\xC0\xAF") == std::vector<char32_t>{replacement_character, replacement_character});  // overlong '/'
    CHECK(walk("\xED\xA0\x80").front() == replacement_character);                                    // a surrogate
    CHECK(walk("\xE7\x8E").size() == 2);  // at the end of the text: one byte at a time, never past it
}

TEST_CASE("a search key folds case and accents and spaces but keeps every script") {
    CHECK(search_key("  Jos\u00E9  M\u00DCLLER ") == "jose muller");  // José MÜLLER
    CHECK(search_key("Jose\u0301") == "jose");                        // e + combining acute
    CHECK(search_key("Ana\u00A0\tLima") == "ana lima");               // no-break space and a tab
    CHECK(search_key("Stra\u00DFe") == "strasse");                    // ß folds to ss
    CHECK(search_key("\u738B\u82B3") == "\u738B\u82B3");              // 王芳 as it is
    CHECK(search_key("   ").empty());
    CHECK(search_key("A\xFF") == "a\xFF");  // not UTF-8: compared byte for byte, lower-cased
}

TEST_CASE("code points are written back as UTF-8, and a non-character as U+FFFD") {
    std::string out;
    for (char32_t cp : {char32_t{'A'}, char32_t{0xEB}, char32_t{0x738B}, char32_t{0x1F600}}) append_utf8(out, cp);
    CHECK(out == "A\xC3\xAB\xE7\x8E\x8B\xF0\x9F\x98\x80");
    std::string bad;
    append_utf8(bad, 0xD800);
    CHECK(bad == "\xEF\xBF\xBD");
}
