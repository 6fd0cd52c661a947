#pragma once
// The pages' common frame: one document with the stylesheet and script served from /assets/.
#include <string>
#include <string_view>

#include "html.h"

namespace swelltrack::web {

/// A whole HTML document: <title>, the viewport for phones, /assets/app.css and /assets/app.js
/// (no inline script or style: the Content-Security-Policy forbids them), then `body`.
std::string document(std::string_view title, const Html& body);

/// "/clients/Maria%20Keller" (+ "/log", ...): a client's pages, the name encoded as one segment.
std::string client_path(std::string_view name, std::string_view what);
/// The attention rank (status.h) as a word and its badge's classes: Act now, Watch, OK.
std::string attention_word(int rank);
std::string attention_class(int rank);

/// The files under /assets/: built into the binary. nullptr for an unknown name.
struct Asset {
    const char* content_type;
    std::string_view body;
};
const Asset* find_asset(std::string_view name);

}  // namespace swelltrack::web
