#pragma once
// The value flags `log` and `session edit` share (circumferences, weight, symptoms, findings,
// compression, treatment, notes), how they are applied to a session, and the plausibility refusal
// both use: one declaration, one parse.
#include "commands.h"
#include "swelltrack/entry.h"

namespace swelltrack::cli {

/// What the flags say; empty or absent = not given. Numbers are taken as text and parsed by
/// apply_entry (swelltrack/entry.h, shared with the web), so a typo gets the field, the value and the
/// allowed range (exit 1) rather than a bare conversion error.
struct SessionValues : SessionEntry {
    std::string left, right;
};

/// Declares the flags on `cmd`; `editing` adds the --no-bandaging / --no-exercise that undo a flag.
void add_value_flags(CLI::App* cmd, SessionValues& values, bool editing);

/// "38.5,39,-,40" -> values in mm; with ';' present, ';' separates and commas are decimal commas.
PointValues parse_side_values(const std::string& text, LengthUnit unit, Side side);

/// Values the plausibility check doubts (actions::Doubtful): when asking questions, lists them and
/// returns true if the user keeps them anyway (Cancelled otherwise); else a UserError naming every
/// value and saying that --confirm keeps them.
bool keep_doubtful(const std::vector<Implausible>& found, bool ask);

}  // namespace swelltrack::cli
