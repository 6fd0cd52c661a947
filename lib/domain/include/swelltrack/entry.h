#pragma once
// A session's values as a person typed them (a command-line flag, a web form field, a JSON value),
// parsed once for every face: the same ranges, the same messages, the same "not given".
#include <optional>
#include <string>
#include <string_view>

#include "swelltrack/limits.h"
#include "swelltrack/session.h"

namespace swelltrack {

/// A value as typed: nullopt when not given. Given empty (an unset shell variable, a cleared form
/// field sent anyway) is a mistake, never "not given".
using Typed = std::optional<std::string>;

/// The value's number within `limit`, with the field, value and range in any error.
std::optional<double> typed_number(const Limit& limit, const Typed& typed);
std::optional<int> typed_whole(const Limit& limit, const Typed& typed);

/// Everything but the circumferences that log, session edit, the web form and the API take, keyed
/// as the API names them (docs/web-api.md); empty or absent = not given.
struct SessionEntry {
    std::string skin, context, by, compression, stemmer;
    Typed skin_note, note, weight, heaviness, tightness, pain, swelling, pitting, isl_stage, mld_minutes, garment_class;
    bool bandaging = false, exercise = false, no_bandaging = false, no_exercise = false;
};

/// "yes", "no" (also true/false, 1/0, any case); a UserError naming `field` for anything else.
bool parse_yes_no(std::string_view text, std::string_view field);

/// How a face names a field in its messages: the API's key ("isl_stage") or the flag ("--isl-stage").
enum class FieldNames { api, flags };
std::string field_name(std::string_view key, FieldNames names);

/// Sets on `s` every value given, leaving the rest as they are (a new session's defaults for log,
/// the stored values for an edit). UserError naming the field, the value and the allowed range.
void apply_entry(const SessionEntry& entry, Session& s, FieldNames names);

}  // namespace swelltrack
