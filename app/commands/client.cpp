// client add | list | show | edit | archive
#include <nlohmann/json.hpp>

#include "../format.h"
#include "commands.h"
#include "swelltrack/actions.h"
#include "swelltrack/attention.h"
#include "swelltrack/baseline_summary.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/status.h"

namespace swelltrack::cli {
namespace {

// What add and edit share: the client's details as flags.
struct ClientFields {
    std::string name, limb, affected, baseline, unit, condition, notes, reason;
    Flag birth_year, new_name, every, remind_days, remind_at, photo_consent;
};

void apply(const ClientFields& f, Client& c) {
    if (!f.limb.empty()) c.limb = parse_enum<LimbKind>(f.limb, "--limb");
    if (!f.affected.empty()) c.affected = parse_enum<Affected>(f.affected, "--affected");
    if (!f.baseline.empty()) c.baseline_date = parse_date(f.baseline, "--baseline");
    if (!f.unit.empty()) c.unit = parse_enum<LengthUnit>(f.unit, "--unit");
    if (!f.condition.empty()) c.condition = f.condition;
    if (!f.notes.empty()) c.notes = f.notes;
    if (auto born = flag_whole(birth_year_limit(), f.birth_year)) c.birth_year = born;
    if (f.every) c.every_days = parse_schedule(*f.every, "--every");
    if (f.remind_days) c.remind_weekdays = parse_weekdays(*f.remind_days, "--remind-days");
    if (f.remind_at) c.remind_minute = parse_time_of_day(*f.remind_at, "--remind-at");
    if (f.photo_consent) c.photo_consent = parse_yes_no(*f.photo_consent, "--photo-consent");
}

void add_fields(CLI::App* cmd, ClientFields& f, bool required) {
    auto* limb = cmd->add_option("--limb", f.limb, detail::choices<LimbKind>());
    auto* affected = cmd->add_option("--affected", f.affected, detail::choices<Affected>());
    if (required) {
        limb->required();
        affected->required();
    }
    cmd->add_option("--baseline", f.baseline, "Baseline date YYYY-MM-DD (e.g. date of surgery)");
    cmd->add_option("--unit", f.unit, "Preferred unit (default cm): " + detail::choices<LengthUnit>());
    cmd->add_option("--birth-year", f.birth_year, help_text(birth_year_limit(), "Year of birth (optional)"));
    cmd->add_option("--condition", f.condition, "Condition, e.g. \"breast-cancer-related lymphedema\"");
    cmd->add_option("--notes", f.notes, "Free-text notes");
    cmd->add_option("--every", f.every,
                    "Measurement schedule: 7d, 2w (" + range_text(limits::measure_every_days) +
                        "), or none (default); status marks the client overdue after it");
    cmd->add_option("--remind-days", f.remind_days,
                    "Her calendar's reminder days: sun, mon,thu, ... or none (default: the days the schedule "
                    "falls on)");
    cmd->add_option("--remind-at", f.remind_at, "Her calendar's reminder time, HH:MM, or none (default 09:00)");
    cmd->add_option("--photo-consent", f.photo_consent,
                    "yes: she agreed that photos of her skin are kept (default no; 'photo add' needs it)");
}

struct ListOptions {
    bool all = false;
    std::string format = "table";
};

struct ShowOptions {
    std::string name;
};

struct ArchiveOptions {
    std::string name;
    bool undo = false;
};

struct BaselineOptions {
    std::string name, reason;
    SessionRef ref;
};

void run_client_add(Context& ctx, const ClientFields& o) {
    Client c;
    c.name = o.name;
    apply(o, c);
    auto& store = ctx.store_creating();
    c = actions::add_client(store, c, actions::Actor{store.actor()});
    ctx.out << "added client " << c.name << " (id " << c.id << ", " << to_string(c.limb) << ", affected "
            << to_string(c.affected) << ", unit " << to_string(c.unit) << ")\n";
}

nlohmann::json client_json(const Client& c) {
    return {{"name", c.name},
            {"limb", to_string(c.limb)},
            {"affected", to_string(c.affected)},
            {"unit", to_string(c.unit)},
            {"baseline", c.baseline_date ? nlohmann::json(format_date(*c.baseline_date)) : nullptr},
            {"archived", c.archived},
            {"every_days", c.every_days ? nlohmann::json(*c.every_days) : nullptr}};
}

void run_client_list(Context& ctx, const ListOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto clients = ctx.store().list_clients(o.all);
    if (format == Format::json) return print_json(ctx, json_array(clients, client_json));
    if (clients.empty()) {
        ctx.out << "No clients yet. " << add_client_hint << "\n";
        return;
    }
    Table t({"name", "limb", "affected", "unit", "baseline", "sessions"}, {false, false, false, false, false, true});
    for (const auto& c : clients)
        t.add({c.name + (c.archived ? " (archived)" : ""), std::string(to_string(c.limb)),
               std::string(to_string(c.affected)), std::string(to_string(c.unit)),
               c.baseline_date ? format_date(*c.baseline_date) : std::string(display::missing),
               std::to_string(ctx.store().session_count(c.id))});
    ctx.out << t.str();
}

// Baseline against latest as a terminal table; a statement that holds for both sessions (no
// severity class with both limbs affected) follows it on a line of its own.
void print_summary(std::ostream& out, const display::BaselineSummary& s) {
    Table t({"", "baseline", "latest"}, {false, true, true});
    t.add({"Date", s.baseline_day, s.latest_day});
    std::string statements;
    for (const auto& r : s.rows)
        if (r.values == display::SummaryValues::statement)
            statements += r.figure + ": " + r.baseline + "\n";
        else
            t.add({r.figure, r.baseline, r.latest});
    out << "\n" << t.str() << statements;
    if (s.later > 0)
        out << "(latest = the newest session comparable with the baseline; " << s.later
            << " later session(s) are partial, symptoms only or in another protocol)\n";
}

void run_client_show(Context& ctx, const ShowOptions& o) {
    auto& store = ctx.store();
    auto client = store.get_client(o.name);
    auto h = store.load_analyzed(client);
    auto& out = ctx.out;
    out << display::terminal_text(client.name) << (client.archived ? "  (archived)" : "") << "\n";
    out << "  " << to_string(client.limb) << ", affected: " << to_string(client.affected)
        << ", unit: " << to_string(client.unit);
    if (client.baseline_date) out << ", baseline date: " << format_date(*client.baseline_date);
    if (client.birth_year) out << ", born " << *client.birth_year;
    out << "\n";
    if (!client.condition.empty()) out << "  condition: " << display::terminal_text(client.condition) << "\n";
    if (!client.notes.empty()) out << "  notes: " << display::terminal_text(client.notes, false) << "\n";
    auto st = summarize(h, now_local().utc);
    out << "  sessions: " << h.sessions.size();
    if (st.days_since_last) out << ", the last " << *st.days_since_last << " day(s) ago";
    out << "; " << schedule_text(client.every_days) << (st.overdue ? " (OVERDUE)" : "") << "\n";
    out << "  photos: " << (client.photo_consent ? "she agreed that they are kept" : "no consent recorded") << "\n";
    for (const auto& b : h.baselines)
        out << "  baseline " << b.protocol << ": " << display::minute(h.sessions[b.index].recorded_at) << " ("
            << display::terminal_text(b.reason) << (b.pinned ? "" : "; not pinned yet") << ")\n";
    const auto summary = display::baseline_summary(h);
    if (!summary) {
        out << "\nNo baseline yet: log a session with both sides measured";
        if (client.baseline_date) out << " on or after " << format_date(*client.baseline_date);
        out << ".\n";
        return;
    }
    print_summary(out, *summary);
    // The therapist's findings: the newest session that records any (often not the newest session).
    for (std::size_t i = h.sessions.size(); i-- > 0;)
        if (auto f = display::findings(h.sessions[i]); !f.empty()) {
            out << "\nLatest findings (" << display::day(h.sessions[i].recorded_at)
                << "): " << display::terminal_text(f) << "\n";
            break;
        }
    out << "\nAttention (as in status): " << display::attention(st.attention).word << "\n";
    for (const auto& a : st.alerts) out << "  [" << to_string(a.code) << "] " << a.message << "\n";
    out << "\n"
        << describe(h.method) << ".\nHome tape measurements vary; changes under about " << smallest_real_difference_pct
        << "% are within measurement noise.\n";
}

void run_client_edit(Context& ctx, const ClientFields& o) {
    auto& store = ctx.store();
    const auto stored = store.get_client(o.name);
    auto c = stored;
    apply(o, c);
    if (o.new_name) c.name = *o.new_name;  // "" is given, and refused as a name
    auto edited = actions::edit_client(store, stored, c, o.reason, actions::Actor{store.actor()});
    ctx.out << "updated client " << edited.client.name << "\n";
    for (const auto& pin : edited.pins_before_date)
        ctx.out << "note: the baseline in " << pin.protocol << " stays the session of "
                << display::minute(pin.session_at) << ", before the new baseline date; "
                << "to move it: swelltrack client baseline \"" << edited.client.name
                << "\" --at DATETIME --reason TEXT\n";
}

void run_client_baseline(Context& ctx, const BaselineOptions& o) {
    auto& store = ctx.store();
    auto client = store.get_client(o.name);
    auto session = find_session(store, client, o.ref);
    actions::move_baseline(store, client, session, o.reason.empty() ? "re-pinned by hand (no reason given)" : o.reason,
                           actions::Actor{store.actor()});
    ctx.out << "baseline of " << client.name << " in " << session.protocol << " is now the session of "
            << format_datetime(session.recorded_at) << "\n";
}

void run_client_archive(Context& ctx, const ArchiveOptions& o) {
    auto& store = ctx.store();
    auto c = store.get_client(o.name);
    actions::set_archived(store, c, !o.undo, actions::Actor{store.actor()});
    ctx.out << (o.undo ? "reactivated " : "archived ") << c.name << "\n";
}

}  // namespace

void setup_client(CLI::App& app, Context& ctx) {
    auto* client = add_group(app, "client", "Add, list, show, edit or archive clients");

    auto [add, add_options] = add_command(*client, ctx, run_client_add, "add", "Add a client");
    add->add_option("name", add_options->name, "Display name (any language)")->required();
    add_fields(add, *add_options, true);

    auto [list, list_options] = add_command(*client, ctx, run_client_list, "list", "List clients");
    list->add_flag("--all", list_options->all, "Include archived clients");
    list->add_option("--format", list_options->format, "table or json");

    auto [show, show_options] =
        add_command(*client, ctx, run_client_show, "show", "Baseline vs latest: volumes, difference, RVC/WAC, alerts");
    show->add_option("name", show_options->name, "Client name")->required();

    auto [edit, edit_options] = add_command(*client, ctx, run_client_edit, "edit", "Change a client's details");
    edit->add_option("name", edit_options->name, "Client name")->required();
    edit->add_option("--rename", edit_options->new_name, "New display name");
    add_fields(edit, *edit_options, false);
    edit->add_option("--reason", edit_options->reason,
                     "Why (audit trail); needed to change the affected side once sessions exist");

    auto [archive, archive_options] =
        add_command(*client, ctx, run_client_archive, "archive", "Archive a client (hidden from status; data kept)");
    archive->add_option("name", archive_options->name, "Client name")->required();
    archive->add_flag("--undo", archive_options->undo, "Make the client active again");

    auto [baseline, baseline_options] = add_command(
        *client, ctx, run_client_baseline, "baseline",
        "Pin the session at --at as the baseline of its protocol (every later session is compared with it)");
    baseline->add_option("name", baseline_options->name, "Client name")->required();
    add_session_ref(baseline, baseline_options->ref);
    baseline->add_option("--reason", baseline_options->reason, "Why this session (audit trail)");
}

}  // namespace swelltrack::cli
