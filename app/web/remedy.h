#pragma once
// The web face's words for what the user can do about a mistake (swelltrack::Remedy): what a
// page or an API caller does, never a command-line flag. The CLI has its own (app/remedy.h).
#include <string>

#include "swelltrack/error.h"

namespace swelltrack::web {

/// The remedy in the web's words; empty for Remedy::none.
std::string remedy_text(Remedy remedy);

/// The error as one sentence for a page or a JSON "error": its facts, then the remedy.
std::string error_text(const UserError& e);

}  // namespace swelltrack::web
