#pragma once
// The web face's words for what the user can do about a mistake (swelltrack::Remedy): what a
// page or an API caller does, never a command-line flag. The CLI has its own (app/remedy.h).
#include <string>
#include <string_view>

#include "swelltrack/client.h"
#include "swelltrack/error.h"

namespace swelltrack::web {

/// The remedy in the web's words; empty for Remedy::none.
std::string remedy_text(Remedy remedy);

/// The error as one sentence for a page or a JSON "error": its facts, then the remedy.
std::string error_text(const UserError& e);
/// The same with the field named as the session form labels it ("Left arm, 12 cm: '245' is above
/// ..." for "left_12: '245' is above ..."); e.field() still gives the key, for programs.
std::string error_text(const UserError& e, LimbKind limb);

}  // namespace swelltrack::web
