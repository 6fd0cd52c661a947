// log: record one session, from flags or, in a terminal, by asking for each point in turn.
#include <algorithm>
#include <iostream>
#include <memory>

#include "../format.h"
#include "commands.h"
#include "session_values.h"
#include "swelltrack/actions.h"
#include "swelltrack/attention.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"

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

// What was just logged, with its figures and what status now says, computed like everywhere else.
void print_logged(Context& ctx, const Client& client, const actions::Outcome& o) {
    ctx.out << "logged " << client.name << " at " << format_datetime(o.session.recorded_at) << "\n";
    if (!o.index) return;
    const auto& f = o.history.figures[*o.index];
    if (!f.left_ml && !f.right_ml) {
        ctx.out << "  no circumferences: symptoms, findings or notes only\n";
    } else {
        ctx.out << "  volume left " << display::ml(f.left_ml) << " mL, right " << display::ml(f.right_ml) << " mL";
        if (f.diff_ml) ctx.out << ", difference " << display::signed_ml(f.diff_ml) << " mL";
        if (f.excess_pct) ctx.out << " (" << display::pct(f.excess_pct) << ")";
        ctx.out << "\n  " << (client.bilateral() ? "WAC " : "RVC ") << display::change(client, f) << " since baseline"
                << (f.partial ? "; partial (a point was not measured)" : "") << "\n";
    }
    for (const auto& al : f.alerts) ctx.out << "  alert [" << to_string(al.code) << "] " << al.message << "\n";
    if (auto b = pinned_baseline_after(o.history, *o.index))
        ctx.out << "  note: earlier than the pinned baseline of "
                << format_date(o.history.sessions[*b].recorded_at.local_date()) << " in " << o.session.protocol
                << ", so it is not compared with it; 'swelltrack client baseline "
                << display::terminal_text(client.name) << " --at ...' moves the baseline\n";
    // A session that cannot be compared leaves an earlier watch standing.
    ctx.out << "  attention (as in status): " << display::attention(o.status.attention).word << " - " << o.status.reason
            << "\n";
}

void run_log(Context& ctx, const LogOptions& a) {
    auto& store = ctx.store();
    auto client = store.get_client(a.name);
    auto protocol = actions::protocol_for_new_session(
        store, client, a.protocol.empty() ? std::nullopt : std::optional<std::string>(a.protocol));

    actions::NewSession input;
    input.at = a.at ? std::optional(parse_local_datetime(*a.at, "--at")) : std::nullopt;
    input.protocol = protocol.name;
    input.confirm = a.confirm;
    const auto& v = a.values;
    if (!v.left.empty()) input.values.left_mm = parse_side_values(v.left, client.unit, Side::left);
    if (!v.right.empty()) input.values.right_mm = parse_side_values(v.right, client.unit, Side::right);

    bool ask = a.interactive || stdin_is_terminal();
    if (ask && (v.left.empty() || v.right.empty())) {
        std::cerr << "Logging " << client.name << " with " << protocol.name << " (" << protocol.point_count()
                  << " points per side, in " << to_string(client.unit)
                  << "). Enter = not measured, '=' = same as last time, Ctrl-D = cancel.\n";
        auto last = store.last_session(client.id);
        const PointValues* last_left = last && last->protocol == protocol.name ? &last->left_mm : nullptr;
        const PointValues* last_right = last && last->protocol == protocol.name ? &last->right_mm : nullptr;
        if (v.left.empty()) input.values.left_mm = ask_side(Side::left, protocol, client.unit, last_left);
        if (v.right.empty()) input.values.right_mm = ask_side(Side::right, protocol, client.unit, last_right);
    }
    apply_entry(v, input.values, FieldNames::flags);

    // Who measured logs it, unless --by names who makes the change.
    const actions::Actor actor{!v.by.empty() && ctx.changed_by.empty() ? v.by : store.actor()};
    auto result = actions::record_session(store, client, input, actor);
    if (const auto* doubtful = std::get_if<actions::Doubtful>(&result)) {
        keep_doubtful(doubtful->found, ask);
        input.confirm = true;
        result = actions::record_session(store, client, input, actor);
    }
    print_logged(ctx, client, std::get<actions::Outcome>(result));
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
