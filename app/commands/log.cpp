// log: record one session, from flags or, in a terminal, by asking for each point in turn.
#include <algorithm>
#include <iostream>
#include <memory>

#include "../format.h"
#include "commands.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"
#include "swelltrack/plausibility.h"

namespace swelltrack::cli {
namespace {

struct LogOptions {
    std::string name, protocol, left, right, skin, skin_note, note, context, by, compression, stemmer;
    // Numbers (and the time) are taken as text and parsed here, so a typo gets the field, the value
    // and the allowed range (exit 1) rather than a bare conversion error.
    Flag at, weight, heaviness, tightness, pain, swelling, pitting, isl_stage, mld_minutes, garment_class;
    bool bandaging = false, exercise = false, interactive = false, confirm = false;
};

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

/// Asks for each point of one side; Enter = not measured, '=' = same as last time. Ctrl-D cancels.
PointValues ask_side(Side side, const Protocol& p, LengthUnit unit, const PointValues* last) {
    PointValues out;
    for (std::size_t i = 0; i < p.point_count(); ++i) {
        std::optional<double> previous = last && i < last->size() ? (*last)[i] : std::nullopt;
        for (;;) {
            std::cerr << to_string(side) << " " << format_exact(p.positions_cm[i]) << " cm";
            if (previous)
                std::cerr << " [last " << format_length(*previous, unit, unit == LengthUnit::cm ? 1 : 2) << "]";
            std::cerr << ": " << std::flush;
            std::string line;
            if (!std::getline(std::cin, line)) {
                std::cerr << "\n";
                throw Cancelled{};
            }
            while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
            if (line.empty() || line == "-") {
                out.emplace_back(std::nullopt);
                break;
            }
            if (line == "=" && previous) {
                out.emplace_back(previous);
                break;
            }
            try {
                out.emplace_back(parse_circumference_mm(line, unit, "value"));
                break;
            } catch (const UserError& e) {
                std::cerr << "  " << e.what() << "; try again\n";
            }
        }
    }
    return out;
}

/// A session with a probable mistake (plausibility.h) is refused, naming every value, unless
/// --confirm; when asking questions, the user may keep it instead.
void refuse_implausible(const Store& store, const Session& s, const Protocol& p, const Client& c, bool ask) {
    auto earlier = store.previous_sessions(c.id, s.protocol, s.recorded_at);
    auto found =
        check_plausibility(s, find_previous(s, earlier), p, c, store.volume_method(), store.plausibility_limits());
    if (found.empty()) return;
    if (ask) {
        for (const auto& f : found) std::cerr << "  " << display::terminal_text(f.message) << "\n";
        std::cerr << "This looks like a mistake. Keep it anyway? [y/N] " << std::flush;
        std::string answer;
        if (std::getline(std::cin, answer) && detail::lower(detail::trim(answer)).starts_with("y")) return;
        throw Cancelled{};
    }
    // One line: the first few in full (a whole side typed wrong would otherwise fill the screen).
    constexpr std::size_t shown = 3;
    std::string message;
    for (std::size_t i = 0; i < std::min(shown, found.size()); ++i) message += (i ? "; " : "") + found[i].message;
    if (found.size() > shown) message += "; and " + std::to_string(found.size() - shown) + " more";
    throw UserError(found.front().field, "", message + "; if it is right, add --confirm to keep it");
}

DateTime session_time(const Flag& at) {
    return at ? parse_local_datetime(*at, "--at") : now_local();  // a future time: validate_session
}

void run_log(Context& ctx, const LogOptions& a) {
    auto& store = ctx.store();
    auto client = store.get_client(a.name);
    auto last = store.last_session(client.id);

    Session s;
    s.client_id = client.id;
    s.recorded_at = session_time(a.at);
    s.protocol = !a.protocol.empty() ? a.protocol
                 : last              ? last->protocol
                                     : (client.limb == LimbKind::arm ? "arm-4cm" : "leg-4cm");
    auto protocol = store.get_protocol(s.protocol);
    if (!a.left.empty()) s.left_mm = parse_side_values(a.left, client.unit, Side::left);
    if (!a.right.empty()) s.right_mm = parse_side_values(a.right, client.unit, Side::right);

    bool ask = a.interactive || stdin_is_terminal();
    if (ask && (a.left.empty() || a.right.empty())) {
        std::cerr << "Logging " << client.name << " with " << protocol.name << " (" << protocol.point_count()
                  << " points per side, in " << to_string(client.unit)
                  << "). Enter = not measured, '=' = same as last time, Ctrl-D = cancel.\n";
        const PointValues* last_left = last && last->protocol == protocol.name ? &last->left_mm : nullptr;
        const PointValues* last_right = last && last->protocol == protocol.name ? &last->right_mm : nullptr;
        if (a.left.empty()) s.left_mm = ask_side(Side::left, protocol, client.unit, last_left);
        if (a.right.empty()) s.right_mm = ask_side(Side::right, protocol, client.unit, last_right);
    }

    s.weight_kg = flag_number(limits::weight_kg, a.weight);
    s.symptoms.heaviness = flag_whole(limits::heaviness, a.heaviness);
    s.symptoms.tightness = flag_whole(limits::tightness, a.tightness);
    s.symptoms.pain = flag_whole(limits::pain, a.pain);
    s.symptoms.swelling = flag_whole(limits::swelling, a.swelling);
    s.symptoms.pitting_grade = flag_whole(limits::pitting_grade, a.pitting);
    s.symptoms.isl_stage = flag_whole(limits::isl_stage, a.isl_stage);
    if (!a.stemmer.empty()) s.symptoms.stemmer = parse_enum<StemmerSign>(a.stemmer, "--stemmer");
    s.skin = parse_skin_flags(a.skin, "--skin");
    s.skin_note = a.skin_note;
    s.notes = a.note;
    s.context = parse_enum<SessionContext>(a.context, "--context");
    if (!a.by.empty()) s.recorded_by = a.by;
    if (!a.compression.empty()) {
        s.compression.kind = parse_enum<CompressionKind>(a.compression, "--compression");
        s.compression.worn_known = true;
    }
    s.compression.ral_class = flag_whole(limits::garment_class, a.garment_class);
    s.treatment.mld_minutes = flag_whole(limits::mld_minutes, a.mld_minutes);
    s.treatment.bandaging = a.bandaging;
    s.treatment.exercise = a.exercise;

    normalize_session(s);
    validate_session(s, protocol, client);  // a value out of range is named before any question of plausibility
    if (!a.confirm) refuse_implausible(store, s, protocol, client, ask);
    if (!a.by.empty() && ctx.changed_by.empty()) store.set_actor(a.by);  // who measured logs it
    store.record_session(s);

    // Echo the figures of what was just logged, computed like everywhere else.
    auto h = store.load_analyzed(client);
    std::size_t i = h.sessions.size();
    while (i-- > 0 && !(h.sessions[i].recorded_at == s.recorded_at)) {
    }
    ctx.out << "logged " << client.name << " at " << format_datetime(s.recorded_at) << "\n";
    if (i < h.sessions.size()) {
        const auto& f = h.figures[i];
        ctx.out << "  volume left " << display::ml(f.left_ml) << " mL, right " << display::ml(f.right_ml) << " mL";
        if (f.diff_ml) ctx.out << ", difference " << display::signed_ml(f.diff_ml) << " mL";
        if (f.excess_pct) ctx.out << " (" << display::pct(f.excess_pct) << ")";
        ctx.out << "\n  " << (client.bilateral() ? "WAC " : "RVC ") << display::change(client, f) << " since baseline"
                << (f.partial ? "; partial (a point was not measured)" : "") << "\n";
        for (const auto& al : f.alerts) ctx.out << "  alert [" << to_string(al.code) << "] " << al.message << "\n";
    }
}

}  // namespace

void setup_log(CLI::App& app, Context& ctx) {
    auto [cmd, a] =
        add_command(app, ctx, run_log, "log", "Record a session: circumferences per point, symptoms, skin, notes");
    cmd->add_option("name", a->name, "Client name")->required();
    cmd->add_option("--at", a->at, "When: YYYY-MM-DDTHH:MM[+HH:MM] (default: now)");
    cmd->add_option("--protocol", a->protocol, "Protocol (default: the last one used, else arm-4cm / leg-4cm)");
    cmd->add_option("--left", a->left,
                    "Left circumferences, one per point in the client's unit, '-' = not measured "
                    "(with decimal commas separate with ';')");
    cmd->add_option("--right", a->right, "Right circumferences, as --left");
    cmd->add_option("--weight", a->weight, help_text(limits::weight_kg, "Body weight"));
    cmd->add_option("--heaviness", a->heaviness, help_text(limits::heaviness, "Heaviness"));
    cmd->add_option("--tightness", a->tightness, help_text(limits::tightness, "Tightness"));
    cmd->add_option("--pain", a->pain, help_text(limits::pain, "Pain"));
    cmd->add_option("--swelling", a->swelling, help_text(limits::swelling, "Swelling as felt"));
    cmd->add_option("--pitting", a->pitting, help_text(limits::pitting_grade, "Pitting grade"));
    cmd->add_option("--stemmer", a->stemmer, "Stemmer sign: " + detail::choices<StemmerSign>());
    cmd->add_option("--isl-stage", a->isl_stage, help_text(limits::isl_stage, "ISL stage as recorded by a therapist,"));
    cmd->add_option("--skin", a->skin, "Skin flags, comma separated: " + detail::choices<SkinFlag>());
    cmd->add_option("--skin-note", a->skin_note, "What the skin looks like");
    cmd->add_option("--note", a->note, "Free-text note");
    cmd->add_option("--context", a->context,
                    "Before or after treatment, or routine (default): " + detail::choices<SessionContext>());
    cmd->add_option("--by", a->by, "Who measured (default: self)");
    cmd->add_option("--compression", a->compression, "What was worn: " + detail::choices<CompressionKind>());
    cmd->add_option("--garment-class", a->garment_class, help_text(limits::garment_class, "Garment class"));
    cmd->add_option("--mld-minutes", a->mld_minutes,
                    help_text(limits::mld_minutes, "Manual lymphatic drainage given, minutes"));
    cmd->add_flag("--bandaging", a->bandaging, "Bandaging given");
    cmd->add_flag("--exercise", a->exercise, "Exercise done");
    cmd->add_flag("--interactive", a->interactive, "Ask for missing values even when input is not a terminal");
    cmd->add_flag("--confirm", a->confirm,
                  "Keep values that look like a mistake (far from the previous session, or in the other unit); "
                  "see 'settings show'");
}

}  // namespace swelltrack::cli
