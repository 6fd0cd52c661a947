#pragma once
// The command line's words for what the user can do about a mistake (swelltrack::Remedy): the
// flags and commands that do it. The web face has its own (app/web/remedy.h).
#include <string>

#include "swelltrack/error.h"

namespace swelltrack::cli {

/// "give a reason with --reason TEXT (...)", "use --force to replace it"; empty for Remedy::none.
std::string remedy_text(Remedy remedy);

/// The error as one line: its sentence, then the remedy in this face's words; a colon when lines
/// of details follow.
std::string error_line(const UserError& e);

}  // namespace swelltrack::cli
