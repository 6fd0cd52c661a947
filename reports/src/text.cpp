#include "text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <stdexcept>

#include "swelltrack/utf8.h"

namespace swelltrack::pdf {
namespace {

// The code points of CP1252 bytes 0x80-0x9F (0 = unassigned).
constexpr std::array<char32_t, 32> cp1252_high{0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                               0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                               0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                               0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The CP1252 byte for `cp`, or 0 when WinAnsi has none.
unsigned char to_cp1252(char32_t cp) {
    if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<unsigned char>(cp);
    for (std::size_t k = 0; k < cp1252_high.size(); ++k)
        if (cp1252_high[k] == cp && cp != 0) return static_cast<unsigned char>(0x80 + k);
    return 0;
}

bool is_cjk(char32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000;
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }

const char* dejavu_dir = "/usr/share/fonts/truetype/dejavu/";
// WenQuanYi Zen Hei: TrueType outlines that libharu 2.3 can embed. Noto CJK is CFF, which libharu
// cannot load, and libharu's glyph subset drops glyphs of WenQuanYi Micro Hei (e.g. U+82B3).
const char* cjk_file = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

HPDF_Font load_ttf(HPDF_Doc doc, const std::string& path, bool collection) {
    if (!std::filesystem::exists(path))
        throw std::runtime_error("report font not found: " + path +
                                 " (install the Debian packages fonts-dejavu-core and fonts-wqy-zenhei)");
    const char* name = collection ? HPDF_LoadTTFontFromFile2(doc, path.c_str(), 0, HPDF_TRUE)
                                  : HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
    if (!name) throw std::runtime_error("report font could not be loaded: " + path);
    HPDF_Font f = HPDF_GetFont(doc, name, "UTF-8");
    if (!f) throw std::runtime_error("report font has no UTF-8 encoding: " + path);
    return f;
}

}  // namespace

Script script_of(std::string_view utf8) {
    Script s = Script::winansi;
    for (std::size_t i = 0; i < utf8.size();) {
        auto [cp, bytes] = utf8_at(utf8, i);
        i += bytes;
        if (is_control(cp) || cp == replacement_character || to_cp1252(cp)) continue;
        if (is_cjk(cp)) return Script::cjk;
        s = Script::unicode;
    }
    return s;
}

Script widest(Script a, Script b) { return static_cast<int>(a) > static_cast<int>(b) ? a : b; }

std::string font_path(Script script, bool bold) {
    switch (script) {
        case Script::winansi:
            return {};
        case Script::unicode:
            return std::string(dejavu_dir) + (bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
        case Script::cjk:
            return cjk_file;  // one weight only; bold text uses it too
    }
    return {};
}

Fonts::Fonts(HPDF_Doc doc, Script script) : script_(script) {
    if (script == Script::winansi) {
        regular_ = HPDF_GetFont(doc, "Helvetica", "WinAnsiEncoding");
        bold_ = HPDF_GetFont(doc, "Helvetica-Bold", "WinAnsiEncoding");
        if (!regular_ || !bold_) throw std::runtime_error("libharu base font Helvetica is not available");
        return;
    }
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    bool collection = script == Script::cjk;
    regular_ = load_ttf(doc, font_path(script, false), collection);
    bold_ = collection ? regular_ : load_ttf(doc, font_path(script, true), false);
}

std::string Fonts::encode(std::string_view utf8) const {
    // libharu refuses a string of 64 KiB or more (error 0x105B, the whole report lost); text
    // entered today is at most 4,000 bytes (limits.h), so only older data is ever cut here.
    constexpr std::size_t max_bytes = 8192;
    if (utf8.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;  // a whole character
        return encode(utf8.substr(0, cut)) + "...";
    }
    // Printable ASCII is the same bytes in CP1252 and UTF-8: most table cells are numbers and dates.
    if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) return std::string(utf8);
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        auto [cp, bytes] = utf8_at(utf8, i);
        i += bytes;
        if (is_control(cp)) cp = ' ';
        if (script_ == Script::winansi) {
            unsigned char b = to_cp1252(cp);
            out += b ? static_cast<char>(b) : '?';
        } else {
            append_utf8(out, cp == replacement_character ? char32_t{'?'} : cp);
        }
    }
    return out;
}

double Fonts::width(std::string_view encoded, HPDF_Font font, double size) const {
    if (encoded.empty()) return 0.0;
    std::string s(encoded);  // libharu wants a NUL-terminated string
    HPDF_TextWidth tw =
        HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(s.c_str()), static_cast<HPDF_UINT>(s.size()));
    return static_cast<double>(tw.width) * size / 1000.0;
}

namespace {
// Byte length of the encoded character starting at `i` (1 for CP1252).
std::size_t char_len(std::string_view s, std::size_t i, bool utf8) { return utf8 ? utf8_at(s, i).bytes : 1; }
}  // namespace

std::string Fonts::fit(std::string_view utf8, HPDF_Font font, double size, double width_pt) const {
    std::string enc = encode(utf8);
    if (width(enc, font, size) <= width_pt) return enc;
    bool u = script_ != Script::winansi;
    std::string out;
    for (std::size_t i = 0; i < enc.size();) {
        std::size_t n = char_len(enc, i, u);
        std::string trial = out + enc.substr(i, n) + "...";
        if (width(trial, font, size) > width_pt) break;
        out += enc.substr(i, n);
        i += n;
    }
    return out + "...";
}

std::vector<std::string> Fonts::wrap(std::string_view utf8, HPDF_Font font, double size, double width_pt,
                                     std::size_t max_lines) const {
    std::string enc = encode(utf8);
    bool u = script_ != Script::winansi;
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    auto fits = [&](const std::string& s) { return width(s, font, size) <= width_pt; };
    while (i < enc.size() && lines.size() < max_lines) {
        // Next token: a word (up to a space) or, when it alone overflows, as many characters as fit.
        std::size_t end = enc.find(' ', i);
        if (end == std::string::npos) end = enc.size();
        std::string word = enc.substr(i, end - i);
        std::string joined = line.empty() ? word : line + " " + word;
        if (fits(joined)) {
            line = joined;
            i = end < enc.size() ? end + 1 : end;
            continue;
        }
        if (!line.empty()) {  // the word goes on the next line
            lines.push_back(line);
            line.clear();
            continue;
        }
        std::size_t j = i;  // a word wider than a line: break between characters
        while (j < end) {
            std::size_t n = char_len(enc, j, u);
            if (!line.empty() && !fits(line + enc.substr(j, n))) break;
            line += enc.substr(j, n);
            j += n;
        }
        i = j;
        if (i < enc.size()) {
            lines.push_back(line);
            line.clear();
        }
    }
    if (!line.empty()) lines.push_back(line);  // the loop only stops at max_lines with `line` empty
    if (i < enc.size() && !lines.empty()) {    // cut: mark the last kept line
        std::string& last = lines.back();
        while (!last.empty() && !fits(last + "...")) last.pop_back();
        if (u)  // never leave half a UTF-8 character behind
            while (!last.empty() && (static_cast<unsigned char>(last.back()) & 0xC0) == 0x80) last.pop_back();
        if (u && !last.empty() && static_cast<unsigned char>(last.back()) >= 0xC0) last.pop_back();
        last += "...";
    }
    return lines;
}

}  // namespace swelltrack::pdf
