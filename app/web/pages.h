#pragma once
// The pages' common frame: one document with the stylesheet and script served from /assets/.
#include <string>
#include <string_view>

#include "html.h"

namespace swelltrack::web {

/// A whole HTML document: <title>, the viewport for phones, /assets/app.css and /assets/app.js
/// (no inline script or style: the Content-Security-Policy forbids them), then `body`.
std::string document(std::string_view title, const Html& body);

/// The files under /assets/: built into the binary. nullptr for an unknown name.
struct Asset {
    const char* content_type;
    std::string_view body;
};
const Asset* find_asset(std::string_view name);

}  // namespace swelltrack::web
