// A session's values as typed (swelltrack/entry.h).
#include "swelltrack/entry.h"

#include <algorithm>

#include "swelltrack/detail/text.h"
#include "swelltrack/error.h"

namespace swelltrack {

bool parse_yes_no(std::string_view text, std::string_view field) {
    const auto l = detail::lower(text);
    if (l == "no" || l == "false" || l == "0") return false;
    if (l == "yes" || l == "true" || l == "1") return true;
    throw UserError(std::string(field), std::string(text), detail::not_one_of(field, text, "yes, no"));
}

namespace {
const std::string& non_empty(const Limit& limit, const std::string& text) {
    if (text.empty())
        throw UserError(std::string(limit.field), "''",
                        std::string(limit.field) + ": '' is empty; allowed " + range_text(limit));
    return text;
}
}  // namespace

std::optional<double> typed_number(const Limit& limit, const Typed& typed) {
    if (!typed) return std::nullopt;
    return parse_limited(limit, non_empty(limit, *typed));
}

std::optional<int> typed_whole(const Limit& limit, const Typed& typed) {
    if (!typed) return std::nullopt;
    return parse_limited_int(limit, non_empty(limit, *typed));
}

std::string field_name(std::string_view key, FieldNames names) {
    if (names == FieldNames::api) return std::string(key);
    std::string flag = "--" + std::string(key);
    std::replace(flag.begin(), flag.end(), '_', '-');
    return flag;
}

void apply_entry(const SessionEntry& v, Session& s, FieldNames names) {
    auto field = [names](std::string_view key) { return field_name(key, names); };
    if (auto x = typed_number(limits::weight_kg, v.weight)) s.weight_kg = x;
    auto& y = s.symptoms;
    if (auto x = typed_whole(limits::heaviness, v.heaviness)) y.heaviness = x;
    if (auto x = typed_whole(limits::tightness, v.tightness)) y.tightness = x;
    if (auto x = typed_whole(limits::pain, v.pain)) y.pain = x;
    if (auto x = typed_whole(limits::swelling, v.swelling)) y.swelling = x;
    if (auto x = typed_whole(limits::pitting_grade, v.pitting)) y.pitting_grade = x;
    if (auto x = typed_whole(limits::isl_stage, v.isl_stage)) y.isl_stage = x;
    if (!v.stemmer.empty()) y.stemmer = parse_enum<StemmerSign>(v.stemmer, field("stemmer"));
    if (!v.skin.empty())
        s.skin = detail::lower(detail::trim(v.skin)) == "none" ? SkinFlags{} : parse_skin_flags(v.skin, field("skin"));
    if (v.skin_note) s.skin_note = *v.skin_note;
    if (v.note) s.notes = *v.note;
    if (!v.context.empty()) s.context = parse_enum<SessionContext>(v.context, field("context"));
    if (!v.by.empty()) s.recorded_by = v.by;
    if (!v.compression.empty()) {
        s.compression.kind = parse_enum<CompressionKind>(v.compression, field("compression"));
        s.compression.worn_known = true;
    }
    if (auto x = typed_whole(limits::garment_class, v.garment_class)) s.compression.ral_class = x;
    if (auto x = typed_whole(limits::mld_minutes, v.mld_minutes)) s.treatment.mld_minutes = x;
    if (v.bandaging) s.treatment.bandaging = true;
    if (v.no_bandaging) s.treatment.bandaging = false;
    if (v.exercise) s.treatment.exercise = true;
    if (v.no_exercise) s.treatment.exercise = false;
}

}  // namespace swelltrack
