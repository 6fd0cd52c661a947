#include "swelltrack/session.h"

#include <algorithm>
#include <cmath>

#include "swelltrack/detail/enum_table.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"
#include "swelltrack/units.h"

namespace swelltrack {

namespace {

constexpr detail::EnumName<SessionContext> context_names[] = {{SessionContext::before_treatment, "before"},
                                                              {SessionContext::after_treatment, "after"},
                                                              {SessionContext::routine, "routine"},
                                                              {SessionContext::routine, ""},
                                                              {SessionContext::before_treatment, "before-treatment"},
                                                              {SessionContext::after_treatment, "after-treatment"}};

constexpr detail::EnumName<StemmerSign> stemmer_names[] = {
    {StemmerSign::negative, "negative"}, {StemmerSign::positive, "positive"}, {StemmerSign::not_checked, "not-checked"},
    {StemmerSign::not_checked, ""},      {StemmerSign::negative, "neg"},      {StemmerSign::negative, "-"},
    {StemmerSign::positive, "pos"},      {StemmerSign::positive, "+"}};

// In all_skin_flags order, so a set prints in a stable order; then the aliases.
constexpr detail::EnumName<SkinFlag> skin_names[] = {
    {SkinFlag::redness, "redness"},  {SkinFlag::warmth, "warmth"},         {SkinFlag::fibrosis, "fibrosis"},
    {SkinFlag::dryness, "dryness"},  {SkinFlag::wound, "wound"},           {SkinFlag::lymphorrhea, "lymphorrhea"},
    {SkinFlag::rash, "rash"},        {SkinFlag::fever, "fever"},           {SkinFlag::fibrosis, "hardening"},
    {SkinFlag::lymphorrhea, "leak"}, {SkinFlag::lymphorrhea, "fluid-leak"}};

constexpr detail::EnumName<CompressionKind> compression_names[] = {
    {CompressionKind::none, "none"}, {CompressionKind::bandage, "bandage"}, {CompressionKind::garment, "garment"}};

}  // namespace

detail::EnumTable<SessionContext> enum_table(SessionContext) { return {"context", context_names}; }
detail::EnumTable<StemmerSign> enum_table(StemmerSign) { return {"stemmer", stemmer_names}; }
detail::EnumTable<SkinFlag> enum_table(SkinFlag) { return {"skin", skin_names}; }
detail::EnumTable<CompressionKind> enum_table(CompressionKind) { return {"compression", compression_names}; }

bool Symptoms::any() const {
    return heaviness || tightness || pain || swelling || pitting_grade || stemmer != StemmerSign::not_checked ||
           isl_stage;
}

std::string to_string(SkinFlags flags) {
    std::string out;
    for (auto f : all_skin_flags)
        if (flags.has(f)) {
            if (!out.empty()) out += ',';
            out += to_string(f);
        }
    return out;
}

SkinFlags parse_skin_flags(std::string_view text, std::string_view field) {
    SkinFlags flags;
    if (detail::trim(text).empty()) return flags;
    for (auto item : detail::split(text, ','))
        if (!item.empty()) flags.set(parse_enum<SkinFlag>(item, field));
    return flags;
}

namespace {

void check_side(const PointValues& values, const Protocol& protocol, Side side) {
    auto field = std::string(to_string(side));
    if (!values.empty() && values.size() != protocol.point_count())
        throw UserError(field, std::to_string(values.size()),
                        field + ": " + std::to_string(values.size()) + " value(s) given, but protocol '" +
                            protocol.name + "' has " + std::to_string(protocol.point_count()) +
                            " points (use '-' for a point not measured)");
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto& v = values[i];
        // Build the message only for a bad value: this runs for every imported value.
        if (v && !within(limits::circumference_mm, *v))
            check_circumference_mm(*v, field + " point " + std::to_string(i + 1), format_exact(*v / mm_per_cm) + " cm");
    }
}

}  // namespace

bool has_values(const PointValues& values) {
    return std::any_of(values.begin(), values.end(), [](const auto& v) { return v.has_value(); });
}

void normalize_session(Session& s) {
    // A side where no point was measured is "not measured" (empty), however it was written.
    for (auto* side : {&s.left_mm, &s.right_mm})
        if (!has_values(*side)) side->clear();
    // A class or a mmHg range is a garment's: given without saying what was worn, it implies one.
    auto& c = s.compression;
    if ((c.ral_class || c.mmhg_low || c.mmhg_high) && !c.worn_known) {
        c.kind = CompressionKind::garment;
        c.worn_known = true;
    }
}

void validate_session(const Session& s, const Protocol& protocol, const Client& client) {
    if (s.protocol != protocol.name)
        throw UserError("protocol", s.protocol,
                        "protocol: session uses '" + s.protocol + "', not '" + protocol.name + "'");
    if (protocol.limb != client.limb)
        throw UserError("protocol", s.protocol,
                        "protocol: '" + s.protocol + "' is for a " + std::string(to_string(protocol.limb)) + ", but " +
                            client.name + " is measured on the " + std::string(to_string(client.limb)));
    check_when_taken(s.recorded_at, "recorded_at", "measurement");
    check_side(s.left_mm, protocol, Side::left);
    check_side(s.right_mm, protocol, Side::right);
    if (!has_values(s.left_mm) && !has_values(s.right_mm) && !s.symptoms.any() && s.skin.empty() && s.notes.empty() &&
        s.skin_note.empty() && !s.weight_kg)
        throw UserError("session", "", "session: nothing to record; give circumferences, symptoms, skin or a note");
    check(limits::weight_kg, s.weight_kg);

    const auto& y = s.symptoms;
    check(limits::heaviness, y.heaviness);
    check(limits::tightness, y.tightness);
    check(limits::pain, y.pain);
    check(limits::swelling, y.swelling);
    check(limits::pitting_grade, y.pitting_grade);
    check(limits::pitting_depth_mm, y.pitting_depth_mm);
    check(limits::pitting_rebound_s, y.pitting_rebound_s);
    check(limits::isl_stage, y.isl_stage);

    const auto& c = s.compression;
    check(limits::garment_class, c.ral_class);
    check(limits::compression_mmhg, c.mmhg_low);
    check(limits::compression_mmhg, c.mmhg_high);
    if (c.mmhg_low && c.mmhg_high && *c.mmhg_low > *c.mmhg_high)
        throw UserError("compression mmHg", std::to_string(*c.mmhg_low),
                        "compression mmHg: the range must be low-high, e.g. 20-30");
    if ((c.ral_class || c.mmhg_low || c.mmhg_high) && c.kind != CompressionKind::garment)
        throw UserError("compression class", std::string(to_string(c.kind)),
                        "compression class: a class or mmHg range is a garment's, but compression is '" +
                            std::string(to_string(c.kind)) + "'; set compression garment or leave the class out");
    check(limits::mld_minutes, s.treatment.mld_minutes);
    check_text(limits::note_bytes, s.notes, false);
    check_text(limits::skin_note_bytes, s.skin_note, false);
    check_text(limits::recorded_by_bytes, s.recorded_by, true);
}

std::string protocol_for_new_session(const Client& client, const std::optional<Session>& last) {
    if (last) return last->protocol;
    return client.limb == LimbKind::arm ? "arm-4cm" : "leg-4cm";
}

}  // namespace swelltrack
