// log: record one session, from flags or, in a terminal, by asking for each point in turn.
#include <algorithm>
#include <iostream>
#include <memory>

#include "../format.h"
#include "commands.h"
#include "session_values.h"
#include "swelltrack/attention.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"
#include "swelltrack/plausibility.h"
#include "swelltrack/status.h"

namespace swelltrack::cli {
namespace {

struct LogOptions {
    std::string name, protocol;
    Flag at;
    SessionValues values;
    bool interactive = false, confirm = false;
};

/// Asks for each point of one side; Enter = not measured, '=' = same as last time. Ctrl-D cancels.
PointValues ask_side(Side side, const Protocol& p, LengthUnit unit, const PointValues* last) {
    PointValues out;
    for (std::size_t i = 0; i < p.point_count(); ++i) {
        std::optional<double> previous = last && i < last->size() ? (*last)[i] : std::nullopt;
        for (;;) {
            std::cerr << to_string(side) << " " << format_exact(p.positions_cm[i]) << " cm";
            if (previous) std::cerr << " [last " << display::length(*previous, unit) << "]";
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
    s.protocol = !a.protocol.empty() ? a.protocol : protocol_for_new_session(client, last);
    auto protocol = store.get_protocol(s.protocol);
    const auto& v = a.values;
    if (!v.left.empty()) s.left_mm = parse_side_values(v.left, client.unit, Side::left);
    if (!v.right.empty()) s.right_mm = parse_side_values(v.right, client.unit, Side::right);

    bool ask = a.interactive || stdin_is_terminal();
    if (ask && (v.left.empty() || v.right.empty())) {
        std::cerr << "Logging " << client.name << " with " << protocol.name << " (" << protocol.point_count()
                  << " points per side, in " << to_string(client.unit)
                  << "). Enter = not measured, '=' = same as last time, Ctrl-D = cancel.\n";
        const PointValues* last_left = last && last->protocol == protocol.name ? &last->left_mm : nullptr;
        const PointValues* last_right = last && last->protocol == protocol.name ? &last->right_mm : nullptr;
        if (v.left.empty()) s.left_mm = ask_side(Side::left, protocol, client.unit, last_left);
        if (v.right.empty()) s.right_mm = ask_side(Side::right, protocol, client.unit, last_right);
    }
    apply_entry(v, s, FieldNames::flags);

    normalize_session(s);
    validate_session(s, protocol, client);  // a value out of range is named before any question of plausibility
    if (!a.confirm) refuse_implausible(store, s, protocol, client, ask);
    if (!v.by.empty() && ctx.changed_by.empty()) store.set_actor(v.by);  // who measured logs it
    store.record_session(s);

    // Echo the figures of what was just logged, computed like everywhere else.
    auto h = store.load_analyzed(client);
    ctx.out << "logged " << client.name << " at " << format_datetime(s.recorded_at) << "\n";
    if (auto i = h.index_of(s.recorded_at)) {
        const auto& f = h.figures[*i];
        if (!f.left_ml && !f.right_ml) {
            ctx.out << "  no circumferences: symptoms, findings or notes only\n";
        } else {
            ctx.out << "  volume left " << display::ml(f.left_ml) << " mL, right " << display::ml(f.right_ml) << " mL";
            if (f.diff_ml) ctx.out << ", difference " << display::signed_ml(f.diff_ml) << " mL";
            if (f.excess_pct) ctx.out << " (" << display::pct(f.excess_pct) << ")";
            ctx.out << "\n  " << (client.bilateral() ? "WAC " : "RVC ") << display::change(client, f)
                    << " since baseline" << (f.partial ? "; partial (a point was not measured)" : "") << "\n";
        }
        for (const auto& al : f.alerts) ctx.out << "  alert [" << to_string(al.code) << "] " << al.message << "\n";
        // What status now says: a session that cannot be compared leaves an earlier watch standing.
        auto st = summarize(h, now_local().utc);
        ctx.out << "  attention (as in status): " << display::attention(st.attention).word << " - " << st.reason
                << "\n";
    }
}

}  // namespace

void setup_log(CLI::App& app, Context& ctx) {
    auto [cmd, a] =
        add_command(app, ctx, run_log, "log", "Record a session: circumferences per point, symptoms, skin, notes");
    cmd->add_option("name", a->name, "Client name")->required();
    cmd->add_option("--at", a->at, "When: YYYY-MM-DDTHH:MM[+HH:MM] (default: now)");
    cmd->add_option("--protocol", a->protocol, "Protocol (default: the last one used, else arm-4cm / leg-4cm)");
    add_value_flags(cmd, a->values, false);
    cmd->add_flag("--interactive", a->interactive, "Ask for missing values even when input is not a terminal");
    cmd->add_flag("--confirm", a->confirm,
                  "Keep values that look like a mistake (far from the previous session, or in the other unit); "
                  "see 'settings show'");
}

}  // namespace swelltrack::cli
