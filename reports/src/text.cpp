#include "text.h"

#include <fribidi.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "chart_font.h"
#include "font_subset.h"
#include "swelltrack/utf8.h"

namespace swelltrack::pdf {
namespace {

// The code points of Windows-1252 bytes 0x80-0x9F (0 = unassigned).
constexpr std::array<char32_t, 32> cp1252_high{0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                               0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                               0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                               0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The Windows-1252 byte for `cp`, or 0 when it has none.
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

// Letters fribidi joins (Arabic, Syriac, N'Ko and their supplements).
bool is_joining(char32_t cp) { return (cp >= 0x0600 && cp <= 0x08FF); }

// A character whose presence can make a line's visual order differ from its logical order.
bool is_rtl(char32_t cp) {
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
           cp == 0x200F || cp == 0x202B || cp == 0x202E || cp == 0x2067;
}

std::u32string decode(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        auto [cp, bytes] = utf8_at(utf8, i);
        out += cp;
        i += bytes;
    }
    return out;
}

std::string encode_utf8(const std::u32string& text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text) append_utf8(out, cp);
    return out;
}

template <class Pred>
bool any_of_chars(std::string_view utf8, Pred pred) {
    for (std::size_t i = 0; i < utf8.size();) {
        auto [cp, bytes] = utf8_at(utf8, i);
        if (pred(cp)) return true;
        i += bytes;
    }
    return false;
}

// What every report may write of its own: printable ASCII, Latin-1, and the dashes, quotes,
// bullet, ellipsis and euro sign (all in Windows-1252).
constexpr std::pair<char32_t, char32_t> base_ranges[] = {{0x20, 0x7E},     {0xA0, 0xFF},     {0x2013, 0x2014},
                                                         {0x2018, 0x201D}, {0x2022, 0x2022}, {0x2026, 0x2026},
                                                         {0x20AC, 0x20AC}};

const char* dejavu_dir = "/usr/share/fonts/truetype/dejavu/";
// WenQuanYi Zen Hei: TrueType outlines (Noto CJK is CFF, which libharu cannot embed).
const char* cjk_file = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

}  // namespace

Charset::Charset() {
    for (auto [from, to] : base_ranges)
        for (char32_t cp = from; cp <= to; ++cp) seen_.push_back(cp);
}

void Charset::add(std::string_view utf8) {
    std::string shaped = shape(utf8);
    for (std::size_t i = 0; i < shaped.size();) {
        auto [cp, bytes] = utf8_at(shaped, i);
        i += bytes;
        if (cp < 0x7F || is_control(cp)) continue;  // ASCII is in the base set
        cjk_ = cjk_ || is_cjk(cp);
        winansi_ = winansi_ && to_cp1252(cp) != 0;
        seen_.push_back(cp);
    }
}

std::vector<char32_t> Charset::code_points() const {
    std::vector<char32_t> out = seen_;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string font_path(bool cjk, bool bold) {
    if (cjk) return cjk_file;  // one weight only; bold text uses it too
    return std::string(dejavu_dir) + (bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
}

std::string shape(std::string_view utf8) {
    if (!any_of_chars(utf8, is_joining)) return std::string(utf8);
    std::u32string text = decode(utf8);
    auto len = static_cast<FriBidiStrIndex>(text.size());
    std::vector<FriBidiCharType> types(text.size());
    std::vector<FriBidiBracketType> brackets(text.size());
    std::vector<FriBidiLevel> levels(text.size());
    std::vector<FriBidiArabicProp> joining(text.size());
    auto* chars = reinterpret_cast<FriBidiChar*>(text.data());
    fribidi_get_bidi_types(chars, len, types.data());
    fribidi_get_bracket_types(chars, len, types.data(), brackets.data());
    FriBidiParType direction = FRIBIDI_PAR_ON;
    if (!fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &direction, levels.data()))
        return std::string(utf8);
    fribidi_get_joining_types(chars, len, joining.data());
    fribidi_join_arabic(types.data(), len, levels.data(), joining.data());
    // Joined forms and the lam-alef ligatures; mirroring waits for the line's visual order.
    fribidi_shape(FRIBIDI_FLAGS_ARABIC, levels.data(), len, joining.data(), chars);
    // A ligature leaves its second letter as U+FEFF, which draws nothing and must take no space.
    std::erase(text, char32_t{0xFEFF});
    return encode_utf8(text);
}

std::string visual_order(std::string_view utf8) {
    if (!any_of_chars(utf8, is_rtl)) return std::string(utf8);
    std::u32string text = decode(utf8);
    std::u32string visual(text.size(), 0);
    FriBidiParType direction = FRIBIDI_PAR_ON;
    if (!fribidi_log2vis(reinterpret_cast<const FriBidiChar*>(text.data()), static_cast<FriBidiStrIndex>(text.size()),
                         &direction, reinterpret_cast<FriBidiChar*>(visual.data()), nullptr, nullptr, nullptr))
        return std::string(utf8);
    return encode_utf8(visual);
}

namespace {
// The face to cut a document's font from: the web's own cut of DejaVu Sans (Latin, Latin-1, Latin
// Extended-A, the punctuation; built into the program) when it has every character wanted, which
// spares reading and parsing the whole font file; else the font file.
FontSource source_for(const std::vector<char32_t>& wanted, bool cjk, bool bold) {
    using namespace svg::font_data;
    if (cjk) return {font_path(true, bold)};
    auto in_cut = [](char32_t cp) {
        auto at = std::lower_bound(std::begin(regular_advances), std::end(regular_advances), cp,
                                   [](const Advance& a, char32_t c) { return a.code_point < c; });
        return at != std::end(regular_advances) && at->code_point == cp;
    };
    if (!std::all_of(wanted.begin(), wanted.end(), in_cut)) return {font_path(false, bold)};
    FontSource built_in{font_path(false, bold), bold ? std::span<const unsigned char>(bold_ttf) : regular_ttf};
    for (const auto& a : bold ? std::span<const Advance>(bold_advances) : regular_advances)
        built_in.code_points.push_back(a.code_point);
    return built_in;
}
}  // namespace

Fonts::Fonts(HPDF_Doc doc, const Charset& chars) : utf8_(!chars.winansi()) {
    const char* encoding = "WinAnsiEncoding";
    if (utf8_) {
        HPDF_UseUTFEncodings(doc);
        HPDF_SetCurrentEncoder(doc, "UTF-8");
        encoding = "UTF-8";
    }
    const std::vector<char32_t> wanted = chars.code_points();
    EmbeddedFace regular = embed_face(doc, source_for(wanted, chars.cjk(), false), wanted, encoding);
    regular_ = regular.font;
    covered_ = std::move(regular.covered);
    if (chars.cjk()) {
        bold_ = regular_;
        return;
    }
    EmbeddedFace bold = embed_face(doc, source_for(wanted, false, true), wanted, encoding);
    bold_ = bold.font;
    // A character is drawn only when both faces have it, so bold and regular text never differ.
    std::vector<char32_t> both;
    std::set_intersection(covered_.begin(), covered_.end(), bold.covered.begin(), bold.covered.end(),
                          std::back_inserter(both));
    covered_ = std::move(both);
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
    // Printable ASCII is always in the fonts: most table cells are numbers and dates.
    if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) return std::string(utf8);
    std::string shaped = shape(utf8);
    std::string out;
    out.reserve(shaped.size());
    for (std::size_t i = 0; i < shaped.size();) {
        auto [cp, bytes] = utf8_at(shaped, i);
        i += bytes;
        if (is_control(cp)) cp = ' ';
        if (!std::binary_search(covered_.begin(), covered_.end(), cp)) cp = '?';
        if (utf8_)
            append_utf8(out, cp);
        else  // every covered character has a byte: the Charset was all Windows-1252
            out += static_cast<char>(to_cp1252(cp) ? to_cp1252(cp) : '?');
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
// Byte length of the encoded character starting at `i` (1 for Windows-1252).
std::size_t char_len(std::string_view s, std::size_t i, bool utf8) { return utf8 ? utf8_at(s, i).bytes : 1; }
}  // namespace

std::string Fonts::fit(std::string_view utf8, HPDF_Font font, double size, double width_pt) const {
    std::string enc = encode(utf8);
    if (width(enc, font, size) <= width_pt) return enc;
    std::string out;
    for (std::size_t i = 0; i < enc.size();) {
        std::size_t n = char_len(enc, i, utf8_);
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
            std::size_t n = char_len(enc, j, utf8_);
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
        if (utf8_)  // never leave half a UTF-8 character behind
            while (!last.empty() && (static_cast<unsigned char>(last.back()) & 0xC0) == 0x80) last.pop_back();
        if (utf8_ && !last.empty() && static_cast<unsigned char>(last.back()) >= 0xC0) last.pop_back();
        last += "...";
    }
    return lines;
}

}  // namespace swelltrack::pdf
