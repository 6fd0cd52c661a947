#include "swelltrack/session.h"

#include <cmath>

#include "swelltrack/detail/text.h"
#include "swelltrack/error.h"
#include "swelltrack/units.h"

namespace swelltrack {

std::string_view to_string(SessionContext context) {
    switch (context) {
        case SessionContext::routine:
            return "routine";
        case SessionContext::before_treatment:
            return "before";
        case SessionContext::after_treatment:
            return "after";
    }
    return "routine";
}

SessionContext parse_session_context(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    if (t == "routine" || t.empty()) return SessionContext::routine;
    if (t == "before" || t == "before-treatment") return SessionContext::before_treatment;
    if (t == "after" || t == "after-treatment") return SessionContext::after_treatment;
    throw UserError(std::string(field), std::string(text), detail::not_one_of(field, text, "before, after, routine"));
}

std::string_view to_string(StemmerSign sign) {
    switch (sign) {
        case StemmerSign::not_checked:
            return "not-checked";
        case StemmerSign::negative:
            return "negative";
        case StemmerSign::positive:
            return "positive";
    }
    return "not-checked";
}

StemmerSign parse_stemmer_sign(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    if (t == "not-checked" || t.empty()) return StemmerSign::not_checked;
    if (t == "negative" || t == "neg" || t == "-") return StemmerSign::negative;
    if (t == "positive" || t == "pos" || t == "+") return StemmerSign::positive;
    throw UserError(std::string(field), std::string(text),
                    detail::not_one_of(field, text, "negative, positive, not-checked"));
}

bool Symptoms::any() const {
    return heaviness || tightness || pain || swelling || pitting_grade || stemmer != StemmerSign::not_checked ||
           isl_stage;
}

std::string_view to_string(SkinFlag flag) {
    switch (flag) {
        case SkinFlag::redness:
            return "redness";
        case SkinFlag::warmth:
            return "warmth";
        case SkinFlag::fibrosis:
            return "fibrosis";
        case SkinFlag::dryness:
            return "dryness";
        case SkinFlag::wound:
            return "wound";
        case SkinFlag::lymphorrhea:
            return "lymphorrhea";
        case SkinFlag::rash:
            return "rash";
        case SkinFlag::fever:
            return "fever";
    }
    return "";
}

SkinFlag parse_skin_flag(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    for (auto f : all_skin_flags)
        if (t == to_string(f)) return f;
    if (t == "hardening") return SkinFlag::fibrosis;
    if (t == "leak" || t == "fluid-leak") return SkinFlag::lymphorrhea;
    throw UserError(
        std::string(field), std::string(text),
        detail::not_one_of(field, text, "redness, warmth, fibrosis, dryness, wound, lymphorrhea, rash, fever"));
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
        if (!item.empty()) flags.set(parse_skin_flag(item, field));
    return flags;
}

std::string_view to_string(CompressionKind kind) {
    switch (kind) {
        case CompressionKind::none:
            return "none";
        case CompressionKind::bandage:
            return "bandage";
        case CompressionKind::garment:
            return "garment";
    }
    return "none";
}

CompressionKind parse_compression_kind(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    if (t == "none") return CompressionKind::none;
    if (t == "bandage") return CompressionKind::bandage;
    if (t == "garment") return CompressionKind::garment;
    throw UserError(std::string(field), std::string(text), detail::not_one_of(field, text, "none, bandage, garment"));
}

namespace {

void check_score(const std::optional<int>& v, std::string_view field, int hi) {
    if (v && (*v < 0 || *v > hi))
        throw UserError(
            std::string(field), std::to_string(*v),
            std::string(field) + ": " + std::to_string(*v) + " is outside the allowed range 0-" + std::to_string(hi));
}

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
        if (v && !(*v >= min_circumference_mm && *v <= max_circumference_mm))
            check_circumference_mm(*v, field + " point " + std::to_string(i + 1), format_exact(*v / mm_per_cm) + " cm");
    }
}

}  // namespace

void validate_session(const Session& s, const Protocol& protocol) {
    if (s.protocol != protocol.name)
        throw UserError("protocol", s.protocol,
                        "protocol: session uses '" + s.protocol + "', not '" + protocol.name + "'");
    check_side(s.left_mm, protocol, Side::left);
    check_side(s.right_mm, protocol, Side::right);
    bool any_value = false;
    for (const auto* side : {&s.left_mm, &s.right_mm})
        for (const auto& v : *side) any_value = any_value || v.has_value();
    if (!any_value && !s.symptoms.any() && s.skin.empty() && s.notes.empty() && s.skin_note.empty() && !s.weight_kg)
        throw UserError("session", "", "session: nothing to record; give circumferences, symptoms, skin or a note");
    if (s.weight_kg && (!std::isfinite(*s.weight_kg) || *s.weight_kg < 2.0 || *s.weight_kg > 400.0))
        throw UserError("weight", format_exact(*s.weight_kg),
                        "weight: " + format_exact(*s.weight_kg) + " kg is outside the allowed range 2-400 kg");
    check_score(s.symptoms.heaviness, "heaviness", 10);
    check_score(s.symptoms.tightness, "tightness", 10);
    check_score(s.symptoms.pain, "pain", 10);
    check_score(s.symptoms.swelling, "swelling", 10);
    check_score(s.symptoms.pitting_grade, "pitting", 4);
    check_score(s.symptoms.isl_stage, "isl stage", 3);
    if (s.compression.ral_class && (*s.compression.ral_class < 1 || *s.compression.ral_class > 4))
        throw UserError("compression class", std::to_string(*s.compression.ral_class),
                        "compression class: " + std::to_string(*s.compression.ral_class) +
                            " is outside the allowed range 1-4 (RAL-GZ 387)");
    if (s.treatment.mld_minutes && (*s.treatment.mld_minutes < 0 || *s.treatment.mld_minutes > 600))
        throw UserError(
            "mld minutes", std::to_string(*s.treatment.mld_minutes),
            "mld minutes: " + std::to_string(*s.treatment.mld_minutes) + " is outside the allowed range 0-600");
    if (!is_valid_utf8(s.notes) || !is_valid_utf8(s.skin_note) || !is_valid_utf8(s.recorded_by))
        throw UserError("note", "", "note: not valid UTF-8 text");
}

}  // namespace swelltrack
