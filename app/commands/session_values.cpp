// The value flags log and session edit share, and the plausibility refusal (session_values.h).
#include "session_values.h"

#include <algorithm>
#include <iostream>

#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/plausibility.h"

namespace swelltrack::cli {

void add_value_flags(CLI::App* cmd, SessionValues& v, bool editing) {
    cmd->add_option("--left", v.left,
                    "Left circumferences, one per point in the client's unit, '-' = not measured "
                    "(with decimal commas separate with ';')");
    cmd->add_option("--right", v.right, "Right circumferences, as --left");
    cmd->add_option("--weight", v.weight, help_text(limits::weight_kg, "Body weight"));
    cmd->add_option("--heaviness", v.heaviness, help_text(limits::heaviness, "Heaviness"));
    cmd->add_option("--tightness", v.tightness, help_text(limits::tightness, "Tightness"));
    cmd->add_option("--pain", v.pain, help_text(limits::pain, "Pain"));
    cmd->add_option("--swelling", v.swelling, help_text(limits::swelling, "Swelling as felt"));
    cmd->add_option("--pitting", v.pitting, help_text(limits::pitting_grade, "Pitting grade"));
    cmd->add_option("--stemmer", v.stemmer, "Stemmer sign: " + detail::choices<StemmerSign>());
    cmd->add_option("--isl-stage", v.isl_stage, help_text(limits::isl_stage, "ISL stage as recorded by a therapist,"));
    cmd->add_option("--skin", v.skin,
                    "Skin flags, comma separated: " + detail::choices<SkinFlag>() + (editing ? " (or none)" : ""));
    cmd->add_option("--skin-note", v.skin_note, "What the skin looks like");
    cmd->add_option("--note", v.note, "Free-text note");
    cmd->add_option("--context", v.context,
                    "Before or after treatment, or routine (default): " + detail::choices<SessionContext>());
    // When editing, --by names who makes the correction (the audit trail), as for every command.
    cmd->add_option(
        editing ? "--measured-by" : "--by", v.by,
        editing ? "A corrected 'who measured'" : "Who measured (default: self); also named in the audit trail");
    cmd->add_option("--compression", v.compression, "What was worn: " + detail::choices<CompressionKind>());
    cmd->add_option("--garment-class", v.garment_class, help_text(limits::garment_class, "Garment class"));
    cmd->add_option("--mld-minutes", v.mld_minutes,
                    help_text(limits::mld_minutes, "Manual lymphatic drainage given, minutes"));
    cmd->add_flag("--bandaging", v.bandaging, "Bandaging given");
    cmd->add_flag("--exercise", v.exercise, "Exercise done");
    if (editing) {
        cmd->add_flag("--no-bandaging", v.no_bandaging, "No bandaging was given after all");
        cmd->add_flag("--no-exercise", v.no_exercise, "No exercise was done after all");
    }
}

/// "38.5,39,-,40" -> values; with ';' present, ';' separates and commas are decimal commas.
PointValues parse_side_values(const std::string& text, LengthUnit unit, Side side) {
    char sep = text.find(';') != std::string::npos ? ';' : ',';
    PointValues out;
    std::size_t start = 0, index = 1;
    for (;;) {
        auto pos = text.find(sep, start);
        auto item = text.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
        auto trimmed = item;
        while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
        while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
        if (trimmed == "-" || trimmed.empty())
            out.emplace_back(std::nullopt);
        else
            out.emplace_back(parse_circumference_mm(
                trimmed, unit, "--" + std::string(to_string(side)) + " point " + std::to_string(index)));
        if (pos == std::string::npos) break;
        start = pos + 1;
        ++index;
    }
    return out;
}

bool keep_doubtful(const std::vector<Implausible>& found, bool ask) {
    if (!ask) throw implausible_error(found, "add --confirm to keep it");
    for (const auto& f : found) std::cerr << "  " << display::terminal_text(f.message) << "\n";
    std::cerr << "This looks like a mistake. Keep it anyway? [y/N] " << std::flush;
    std::string answer;
    if (std::getline(std::cin, answer) && detail::lower(detail::trim(answer)).starts_with("y")) return true;
    throw Cancelled{};
}

}  // namespace swelltrack::cli
