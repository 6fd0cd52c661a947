// session show | edit | delete | restore: one stored session, named by its recorded time; every
// change needs a reason and goes into the audit trail.
#include "../format.h"
#include "commands.h"
#include "session_values.h"
#include "swelltrack/actions.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/records.h"

namespace swelltrack::cli {
namespace {

struct SessionOptions {
    std::string name, at, reason, format = "table";
    SessionRef ref;
};

std::string side_values(const PointValues& v, LengthUnit unit) {
    if (v.empty()) return "not measured";
    std::string out;
    for (const auto& x : v) {
        if (!out.empty()) out += ", ";
        out += x ? display::length(*x, unit) : std::string(display::missing);
    }
    return out;
}

void run_session_show(Context& ctx, const SessionOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto& store = ctx.store();
    auto client = store.get_client(o.name);
    auto s = find_session(store, client, o.ref);
    if (format == Format::json) return print_json(ctx, records::session(s));
    auto h = store.load_analyzed(client);
    auto& out = ctx.out;
    out << display::terminal_text(client.name) << ", session of " << format_datetime(s.recorded_at) << " ("
        << s.protocol << ")\n";
    out << "  left  (" << to_string(client.unit) << "): " << side_values(s.left_mm, client.unit) << "\n";
    out << "  right (" << to_string(client.unit) << "): " << side_values(s.right_mm, client.unit) << "\n";
    if (auto f = display::findings(s); !f.empty()) out << "  findings: " << f << "\n";
    if (s.weight_kg) out << "  weight: " << format_exact(*s.weight_kg) << " kg\n";
    if (s.symptoms.any())
        out << "  symptoms: heaviness " << display::score(s.symptoms.heaviness) << ", tightness "
            << display::score(s.symptoms.tightness) << ", pain " << display::score(s.symptoms.pain) << ", swelling "
            << display::score(s.symptoms.swelling) << "\n";
    if (!s.skin.empty() || !s.skin_note.empty())
        out << "  skin: " << to_string(s.skin) << (s.skin_note.empty() ? "" : " - ")
            << display::terminal_text(s.skin_note) << "\n";
    if (!s.notes.empty()) out << "  notes: " << display::terminal_text(s.notes, false) << "\n";
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        if (h.sessions[i].id != s.id) continue;
        const auto& f = h.figures[i];
        out << "  volume left " << display::ml(f.left_ml) << " mL, right " << display::ml(f.right_ml) << " mL"
            << (f.partial ? " (partial)" : "") << "; " << (client.bilateral() ? "WAC " : "RVC ")
            << display::change(client, f) << " since baseline\n";
        if (h.is_baseline(i))
            out << "  this session is the baseline of " << s.protocol << " (" << h.baseline_of(s.protocol)->reason
                << ")\n";
        for (const auto& a : f.alerts) out << "  alert [" << to_string(a.code) << "] " << a.message << "\n";
    }
}

struct EditOptions {
    std::string name, reason, move_to, protocol;
    SessionRef ref;
    SessionValues values;
    bool confirm = false;
};

// "RVC +5.1% -> +2.0%": what a correction did to the figures of the session and to the latest.
void print_figures_change(Context& ctx, const History& before, const History& after, const Session& s) {
    auto find = [](const History& h, std::int64_t id) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < h.sessions.size(); ++i)
            if (h.sessions[i].id == id) return i;
        return std::nullopt;
    };
    const auto& c = after.client;
    const char* what = c.bilateral() ? "WAC " : "RVC ";
    auto b = find(before, s.id), a = find(after, s.id);
    if (b && a)
        ctx.out << "  this session: volume left " << display::ml(before.figures[*b].left_ml) << " -> "
                << display::ml(after.figures[*a].left_ml) << " mL, right " << display::ml(before.figures[*b].right_ml)
                << " -> " << display::ml(after.figures[*a].right_ml) << " mL; " << what
                << display::change(c, before.figures[*b]) << " -> " << display::change(c, after.figures[*a]) << "\n";
    if (before.current && after.current)
        ctx.out << "  compared session (" << display::day(after.sessions[*after.current].recorded_at) << "): " << what
                << display::change(c, before.figures[*before.current]) << " -> "
                << display::change(c, after.figures[*after.current]) << "\n";
}

void run_session_edit(Context& ctx, const EditOptions& o) {
    check_reason(o.reason);
    auto& store = ctx.store();
    auto client = store.get_client(o.name);
    actions::Correction c;
    c.old = find_session(store, client, o.ref);
    c.corrected = c.old;
    c.reason = o.reason;
    c.confirm = o.confirm;
    auto& s = c.corrected;
    if (!o.protocol.empty()) s.protocol = store.get_protocol(o.protocol).name;
    const auto& v = o.values;
    if (!v.left.empty()) s.left_mm = parse_side_values(v.left, client.unit, Side::left);
    if (!v.right.empty()) s.right_mm = parse_side_values(v.right, client.unit, Side::right);
    apply_entry(v, s, FieldNames::flags);
    if (!o.move_to.empty()) s.recorded_at = parse_local_datetime(o.move_to, "--move-to");
    auto result = actions::correct_session(store, client, c, actions::Actor{store.actor()});
    if (const auto* doubtful = std::get_if<actions::Doubtful>(&result)) keep_doubtful(doubtful->found, false);
    const auto& done = std::get<actions::Corrected>(result);
    const auto& now = done.after.session;
    ctx.out << "corrected the session of " << format_datetime(c.old.recorded_at) << " of " << client.name;
    if (!(c.old.recorded_at == now.recorded_at) || c.old.recorded_at.offset != now.recorded_at.offset)
        ctx.out << " (now at " << format_datetime(now.recorded_at) << ")";
    ctx.out << "; the old values are kept in the audit trail\n";
    print_figures_change(ctx, done.before, done.after.history, now);
}

void run_session_delete(Context& ctx, const SessionOptions& o) {
    auto& store = ctx.store();
    auto client = store.get_client(o.name);
    auto s = find_session(store, client, o.ref);
    actions::delete_session(store, client, s, o.reason, actions::Actor{store.actor()});
    ctx.out << "deleted the session of " << format_datetime(s.recorded_at) << " of " << client.name
            << "; its values are kept in the audit trail ('swelltrack session restore' brings it back)\n";
}

void run_session_restore(Context& ctx, const SessionOptions& o) {
    check_reason(o.reason);
    auto& store = ctx.store();
    auto client = store.get_client(o.name);
    auto entry = actions::find_deletion(store, client, parse_session_time(o.at, "--at"));
    if (!entry)
        throw UserError("--at", o.at,
                        "--at: the audit trail holds no deleted session of " + client.name + " at " + o.at +
                            "; 'swelltrack audit " + client.name + "' lists the changes");
    try {
        actions::restore_session(store, client, *entry, o.reason, actions::Actor{store.actor()});
    } catch (const UserError& e) {
        if (e.field() != "at") throw;
        throw UserError("--at", o.at, "--at: " + std::string(e.what()));
    }
    ctx.out << "restored the session of " << entry->subject << " of " << client.name << "\n";
}

void add_session_and_reason(CLI::App* cmd, SessionOptions& o, bool reason) {
    cmd->add_option("name", o.name, "Client name")->required();
    add_session_ref(cmd, o.ref);
    if (reason) cmd->add_option("--reason", o.reason, "Why (goes into the audit trail)")->required();
}

}  // namespace

void setup_session(CLI::App& app, Context& ctx) {
    auto* session = add_group(app, "session", "Show, correct, delete or restore one stored session");
    auto [show, show_options] = add_command(*session, ctx, run_session_show, "show", "Every value of one session");
    add_session_and_reason(show, *show_options, false);
    show->add_option("--format", show_options->format, "table (default) or json (the export's session form)");
    auto [edit, e] = add_command(*session, ctx, run_session_edit, "edit",
                                 "Correct a session: give only the values that change (--left/--right replace a side)");
    edit->add_option("name", e->name, "Client name")->required();
    add_session_ref(edit, e->ref);
    edit->add_option("--reason", e->reason, "Why (goes into the audit trail)")->required();
    edit->add_option("--move-to", e->move_to, "A corrected time: YYYY-MM-DDTHH:MM[+HH:MM]");
    edit->add_option("--protocol", e->protocol, "A corrected protocol (then give --left and --right for it)");
    add_value_flags(edit, e->values, true);
    edit->add_flag("--confirm", e->confirm, "Keep values that look like a mistake (see 'settings show')");
    auto [del, del_options] = add_command(*session, ctx, run_session_delete, "delete",
                                          "Delete a session (kept in the audit trail, from where it can be restored)");
    add_session_and_reason(del, *del_options, true);
    auto [restore, restore_options] =
        add_command(*session, ctx, run_session_restore, "restore", "Bring back a deleted session from the audit trail");
    restore->add_option("name", restore_options->name, "Client name")->required();
    restore->add_option("--at", restore_options->at, "The deleted session's recorded time, as the audit trail names it")
        ->required();
    restore->add_option("--reason", restore_options->reason, "Why (goes into the audit trail)")->required();
}

}  // namespace swelltrack::cli
