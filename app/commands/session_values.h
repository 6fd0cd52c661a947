#pragma once
// The value flags `log` and `session edit` share (circumferences, weight, symptoms, findings,
// compression, treatment, notes), how they are applied to a session, and the plausibility refusal
// both use: one declaration, one parse.
#include "commands.h"

namespace swelltrack::cli {

/// What the flags say; empty or absent = not given. Numbers are taken as text and parsed here, so
/// a typo gets the field, the value and the allowed range (exit 1) rather than a bare conversion error.
struct SessionValues {
    std::string left, right, skin, context, by, compression, stemmer;
    Flag skin_note, note, weight, heaviness, tightness, pain, swelling, pitting, isl_stage, mld_minutes, garment_class;
    bool bandaging = false, exercise = false, no_bandaging = false, no_exercise = false;
};

/// Declares the flags on `cmd`; `editing` adds the --no-bandaging / --no-exercise that undo a flag.
void add_value_flags(CLI::App* cmd, SessionValues& values, bool editing);

/// Sets on `s` every value given (circumferences excepted: parse_side_values), leaving the rest as
/// they are: a new session's defaults for log, the stored values for session edit.
void apply_values(const SessionValues& values, Session& s);

/// "38.5,39,-,40" -> values in mm; with ';' present, ';' separates and commas are decimal commas.
PointValues parse_side_values(const std::string& text, LengthUnit unit, Side side);

/// A session with a probable mistake (plausibility.h) is refused, naming every value, unless
/// --confirm; when asking questions, the user may keep it instead.
void refuse_implausible(const Store& store, const Session& s, const Protocol& p, const Client& c, bool ask);

}  // namespace swelltrack::cli
