#pragma once
// Fonts and text for the PDF: DejaVu Sans (the web pages' font) embedded in every report, cut to the
// characters the document draws so a report stays small; right-to-left text shaped and ordered
// before it reaches libharu. Internal to reports/.
#include <hpdf.h>

#include <string>
#include <string_view>
#include <vector>

namespace swelltrack::pdf {

/// The characters a document draws, gathered before its fonts are cut: the report's own wording
/// (ASCII, Latin-1 and a few punctuation marks) plus every string added, as shaped for drawing.
class Charset {
   public:
    Charset();
    void add(std::string_view utf8);
    /// True when a character needs the CJK font (DejaVu Sans has no Han, Kana or Hangul).
    bool cjk() const { return cjk_; }
    /// True when every character is in Windows-1252 (most Latin reports): the fonts are then
    /// embedded as simple TrueType fonts with WinAnsiEncoding, a byte per character, which libharu
    /// measures and writes several times faster than a two-byte (CID) font.
    bool winansi() const { return winansi_; }
    /// Sorted, without repeats.
    std::vector<char32_t> code_points() const;

   private:
    std::vector<char32_t> seen_;  // every character added, unsorted until code_points()
    bool cjk_ = false, winansi_ = true;
};

/// The TrueType file cut for a document: DejaVu Sans, or WenQuanYi Zen Hei when it has CJK text.
std::string font_path(bool cjk, bool bold);

/// `utf8` with Arabic letters in their joined forms (presentation forms, so a font without layout
/// tables draws them joined); still in logical order.
std::string shape(std::string_view utf8);
/// One line of (shaped) UTF-8 in the order it is drawn, left to right: right-to-left runs (Hebrew,
/// Arabic) reversed and their brackets mirrored by the Unicode bidirectional algorithm; the line's
/// direction is that of its first strong character. Text without right-to-left characters is
/// returned as it is.
std::string visual_order(std::string_view utf8);

/// The two faces of one document and how strings must be encoded for them.
class Fonts {
   public:
    Fonts() = default;
    /// Cuts the faces to `chars` and embeds them in `doc`; throws std::runtime_error naming a font
    /// file that is missing or cannot be read.
    Fonts(HPDF_Doc doc, const Charset& chars);

    HPDF_Font regular() const { return regular_; }
    /// True for two-byte (CID) fonts taking UTF-8; false for WinAnsi fonts taking Windows-1252.
    bool utf8() const { return utf8_; }
    HPDF_Font bold() const { return bold_; }

    /// `utf8` as these fonts take it (UTF-8, or Windows-1252 bytes for WinAnsi fonts): shaped
    /// (shape()), control characters as spaces, and '?' for a character the embedded faces do not
    /// have (one that was not in the Charset, or that the font lacks). Still in logical order:
    /// drawing puts it in visual order.
    std::string encode(std::string_view utf8) const;
    /// Width in points of already-encoded text.
    double width(std::string_view encoded, HPDF_Font font, double size) const;

    /// Splits `utf8` into encoded lines no wider than `width_pt`, breaking at spaces and, for words
    /// wider than a line (or CJK text without spaces), between characters. At most `max_lines`; the
    /// last kept line ends in "..." when text was cut.
    std::vector<std::string> wrap(std::string_view utf8, HPDF_Font font, double size, double width_pt,
                                  std::size_t max_lines) const;
    /// One encoded line, cut with "..." to fit `width_pt`.
    std::string fit(std::string_view utf8, HPDF_Font font, double size, double width_pt) const;

   private:
    HPDF_Font regular_ = nullptr, bold_ = nullptr;
    std::vector<char32_t> covered_;  // sorted: the characters both faces draw
    bool utf8_ = true;
};

}  // namespace swelltrack::pdf
