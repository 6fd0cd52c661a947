#pragma once
// A TrueType face cut to the characters a document draws (HarfBuzz's subsetter) and embedded in a
// libharu document, with a ToUnicode map that says which character each glyph is, so text can be
// searched and copied. Internal to reports/.
#include <hpdf.h>

#include <string>
#include <vector>

namespace swelltrack::pdf {

struct EmbeddedFace {
    HPDF_Font font = nullptr;       // UTF-8 encoded
    std::vector<char32_t> covered;  // sorted: the characters of `wanted` the face has
};

/// Cuts the face in `path` (the first of a collection) to `wanted` (sorted) and embeds it in `doc`.
/// Throws std::runtime_error naming the file when it is missing or cannot be read or cut.
EmbeddedFace embed_face(HPDF_Doc doc, const std::string& path, const std::vector<char32_t>& wanted);

}  // namespace swelltrack::pdf
