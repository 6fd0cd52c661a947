#pragma once
// The pages' common frame: one document with the stylesheet and script served from /assets/.
#include <string>
#include <string_view>

#include "html.h"
#include "swelltrack/attention.h"

namespace swelltrack::web {

/// A whole HTML document: <title>, the viewport for phones, /assets/app.css and /assets/app.js
/// (no inline script or style: the Content-Security-Policy forbids them), then `body`.
std::string document(std::string_view title, const Html& body);

/// `next` (where to go after signing in) if it is a client's page on this site as client_path
/// writes it (only unreserved characters, '%' and '/'); empty otherwise, so no sign-in sends
/// anyone elsewhere.
std::string safe_next(std::string_view next);

/// "/clients/Maria%20Keller" (+ "/log", ...): a client's pages, the name encoded as one segment.
std::string client_path(std::string_view name, std::string_view what);
/// An attention level's badge (its word and class from the one table, attention.h): Act now, Watch, OK.
Html& attention_badge(Html& b, Attention level);

/// The files under /assets/: built into the binary. nullptr for an unknown name.
struct Asset {
    const char* content_type;
    std::string_view body;
};
const Asset* find_asset(std::string_view name);

}  // namespace swelltrack::web
