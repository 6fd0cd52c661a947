#pragma once
// Fonts and text for the PDF: base fonts (WinAnsi) when every string fits, an embedded TrueType font
// otherwise, so Latin reports stay small and any name still prints. Internal to reports/.
#include <hpdf.h>

#include <string>
#include <string_view>
#include <vector>

namespace swelltrack::pdf {

/// What a set of strings needs from a font, cheapest first.
enum class Script { winansi, unicode, cjk };

/// The least a font must cover to print `utf8` (invalid bytes count as WinAnsi '?').
Script script_of(std::string_view utf8);
Script widest(Script a, Script b);

/// The TrueType file used for `script` (empty for winansi); exists() is checked when loading.
std::string font_path(Script script, bool bold);

/// The two faces of one document and how strings must be encoded for them.
class Fonts {
   public:
    Fonts() = default;
    /// Loads the faces for `script` into `doc`; throws std::runtime_error naming a missing font file.
    Fonts(HPDF_Doc doc, Script script);

    HPDF_Font regular() const { return regular_; }
    HPDF_Font bold() const { return bold_; }
    Script script() const { return script_; }

    /// `utf8` as bytes for these fonts: CP1252 for the base fonts, UTF-8 for embedded ones.
    /// Control characters become spaces; what the font cannot encode becomes '?'.
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
    Script script_ = Script::winansi;
};

}  // namespace swelltrack::pdf
