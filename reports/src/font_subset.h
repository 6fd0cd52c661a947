#pragma once
// A TrueType face cut to the characters a document draws (HarfBuzz's subsetter) and embedded in a
// libharu document, with a ToUnicode map that says which character each glyph is, so text can be
// searched and copied. Internal to reports/.
#include <hpdf.h>

#include <span>
#include <string>
#include <vector>

namespace swelltrack::pdf {

struct EmbeddedFace {
    HPDF_Font font = nullptr;
    std::vector<char32_t> covered;  // sorted: the characters of `wanted` the face has
};

/// Where a face comes from: a TrueType file (the first face of a collection), or bytes in memory.
struct FontSource {
    std::string path;                        // named in errors even when `bytes` are used
    std::span<const unsigned char> bytes{};  // when not empty, read instead of the file
    std::vector<char32_t> code_points{};     // with `bytes`: the characters they map, sorted
};

/// Cuts the face to `wanted` (sorted) and embeds it in `doc`. Throws std::runtime_error naming the
/// file when it is missing or cannot be read or cut.
/// `encoding` is libharu's: "UTF-8" (a CID font) or "WinAnsiEncoding" (a simple TrueType font).
EmbeddedFace embed_face(HPDF_Doc doc, const FontSource& source, const std::vector<char32_t>& wanted,
                        const char* encoding);

}  // namespace swelltrack::pdf
