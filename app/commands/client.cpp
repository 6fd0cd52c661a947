// client add | list | show | edit | archive
#include <memory>
#include <nlohmann/json.hpp>

#include "../format.h"
#include "commands.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"

namespace swelltrack::cli {
namespace {

struct ClientFields {
    std::string name, limb, affected, baseline, unit, condition, notes, new_name;
    int birth_year = 0;
};

void apply(const ClientFields& f, Client& c) {
    if (!f.limb.empty()) c.limb = parse_limb_kind(f.limb, "--limb");
    if (!f.affected.empty()) c.affected = parse_affected(f.affected, "--affected");
    if (!f.baseline.empty()) c.baseline_date = parse_date(f.baseline, "--baseline");
    if (!f.unit.empty()) c.unit = parse_length_unit(f.unit, "--unit");
    if (!f.condition.empty()) c.condition = f.condition;
    if (!f.notes.empty()) c.notes = f.notes;
    if (f.birth_year) c.birth_year = f.birth_year;
}

void add_fields(CLI::App* cmd, ClientFields& f, bool required) {
    auto* limb = cmd->add_option("--limb", f.limb, "arm or leg");
    auto* affected = cmd->add_option("--affected", f.affected, "left, right or both");
    if (required) {
        limb->required();
        affected->required();
    }
    cmd->add_option("--baseline", f.baseline, "Baseline date YYYY-MM-DD (e.g. date of surgery)");
    cmd->add_option("--unit", f.unit, "Preferred unit: cm or in (default cm)");
    cmd->add_option("--birth-year", f.birth_year, "Year of birth (optional)");
    cmd->add_option("--condition", f.condition, "Condition, e.g. \"breast-cancer-related lymphedema\"");
    cmd->add_option("--notes", f.notes, "Free-text notes");
}

void show(Context& ctx, const std::string& name) {
    auto& store = ctx.store();
    auto client = store.get_client(name);
    auto h = store.load_analyzed(client);
    auto& out = ctx.out;
    out << client.name << (client.archived ? "  (archived)" : "") << "\n";
    out << "  " << to_string(client.limb) << ", affected: " << to_string(client.affected)
        << ", unit: " << to_string(client.unit);
    if (client.baseline_date) out << ", baseline date: " << format_date(*client.baseline_date);
    if (client.birth_year) out << ", born " << *client.birth_year;
    out << "\n";
    if (!client.condition.empty()) out << "  condition: " << client.condition << "\n";
    if (!client.notes.empty()) out << "  notes: " << client.notes << "\n";
    out << "  sessions: " << h.sessions.size() << "\n";
    if (!h.baseline) {
        out << "\nNo baseline yet: log a session with both sides measured.\n";
        return;
    }
    const auto& b = h.figures[*h.baseline];
    const auto& l = h.figures.back();
    Table t({"", "baseline", "latest"}, {false, true, true});
    t.add({"date", format_date(h.sessions[*h.baseline].recorded_at.local_date()),
           format_date(h.sessions.back().recorded_at.local_date())});
    t.add({"left volume (mL)", display::ml(b.left_ml), display::ml(l.left_ml)});
    t.add({"right volume (mL)", display::ml(b.right_ml), display::ml(l.right_ml)});
    t.add({client.bilateral() ? "difference L-R (mL)" : "difference (mL)", display::signed_ml(b.diff_ml),
           display::signed_ml(l.diff_ml)});
    if (!client.bilateral()) t.add({"excess", display::pct(b.excess_pct), display::pct(l.excess_pct)});
    t.add({client.bilateral() ? "WAC since baseline" : "RVC since baseline", display::change(client, b),
           display::change(client, l)});
    t.add({"largest point difference", display::point_difference(client, b), display::point_difference(client, l)});
    if (l.ctcae_grade)
        t.add({"CTCAE v3", std::string(ctcae_label(*b.ctcae_grade)), std::string(ctcae_label(*l.ctcae_grade))});
    if (l.isl_severity || b.isl_severity)
        t.add({"ISL severity", b.isl_severity ? std::string(to_string(*b.isl_severity)) : "-",
               l.isl_severity ? std::string(to_string(*l.isl_severity)) : "-"});
    out << "\n" << t.str();
    if (l.partial) out << "(latest session is partial: a point was not measured)\n";
    out << "\nAlerts at the latest session:";
    if (l.alerts.empty()) out << " none";
    out << "\n";
    for (const auto& a : l.alerts) out << "  [" << to_string(a.code) << "] " << a.message << "\n";
    out << "\n"
        << describe(h.method) << ".\nHome tape measurements vary; changes under about " << smallest_real_difference_pct
        << "% are within measurement noise.\n";
}

}  // namespace

void add_client_command(CLI::App& app, Context& ctx) {
    auto* client = app.add_subcommand("client", "Add, list, show, edit or archive clients");
    client->require_subcommand(1);

    auto add_f = std::make_shared<ClientFields>();
    auto* add = client->add_subcommand("add", "Add a client");
    add->add_option("name", add_f->name, "Display name (any language)")->required();
    add_fields(add, *add_f, true);
    add->callback([&ctx, add_f] {
        Client c;
        c.name = add_f->name;
        apply(*add_f, c);
        auto id = ctx.store().add_client(c);
        ctx.out << "added client " << c.name << " (id " << id << ", " << to_string(c.limb) << ", affected "
                << to_string(c.affected) << ", unit " << to_string(c.unit) << ")\n";
    });

    auto all = std::make_shared<bool>(false);
    auto list_format = std::make_shared<std::string>("table");
    auto* list = client->add_subcommand("list", "List clients");
    list->add_flag("--all", *all, "Include archived clients");
    list->add_option("--format", *list_format, "table or json");
    list->callback([&ctx, all, list_format] {
        auto clients = ctx.store().list_clients(*all);
        if (*list_format == "json") {
            auto arr = nlohmann::json::array();
            for (const auto& c : clients)
                arr.push_back({{"name", c.name},
                               {"limb", to_string(c.limb)},
                               {"affected", to_string(c.affected)},
                               {"unit", to_string(c.unit)},
                               {"baseline", c.baseline_date ? nlohmann::json(format_date(*c.baseline_date)) : nullptr},
                               {"archived", c.archived}});
            ctx.out << arr.dump(2) << "\n";
            return;
        }
        if (*list_format != "table")
            throw UserError("--format", *list_format, "--format: '" + *list_format + "' is not one of table, json");
        if (clients.empty()) {
            ctx.out << "No clients yet. Add one: swelltrack client add NAME --limb arm --affected left\n";
            return;
        }
        Table t({"name", "limb", "affected", "unit", "baseline", "sessions"},
                {false, false, false, false, false, true});
        for (const auto& c : clients)
            t.add({c.name + (c.archived ? " (archived)" : ""), std::string(to_string(c.limb)),
                   std::string(to_string(c.affected)), std::string(to_string(c.unit)),
                   c.baseline_date ? format_date(*c.baseline_date) : "-",
                   std::to_string(ctx.store().session_count(c.id))});
        ctx.out << t.str();
    });

    auto show_name = std::make_shared<std::string>();
    auto* show_cmd = client->add_subcommand("show", "Baseline vs latest: volumes, difference, RVC/WAC, alerts");
    show_cmd->add_option("name", *show_name, "Client name")->required();
    show_cmd->callback([&ctx, show_name] { show(ctx, *show_name); });

    auto edit_f = std::make_shared<ClientFields>();
    auto* edit = client->add_subcommand("edit", "Change a client's details");
    edit->add_option("name", edit_f->name, "Client name")->required();
    edit->add_option("--rename", edit_f->new_name, "New display name");
    add_fields(edit, *edit_f, false);
    edit->callback([&ctx, edit_f] {
        auto c = ctx.store().get_client(edit_f->name);
        apply(*edit_f, c);
        if (!edit_f->new_name.empty()) c.name = edit_f->new_name;
        ctx.store().update_client(c);
        ctx.out << "updated client " << c.name << "\n";
    });

    auto arch_name = std::make_shared<std::string>();
    auto undo = std::make_shared<bool>(false);
    auto* archive = client->add_subcommand("archive", "Archive a client (hidden from status; data kept)");
    archive->add_option("name", *arch_name, "Client name")->required();
    archive->add_flag("--undo", *undo, "Make the client active again");
    archive->callback([&ctx, arch_name, undo] {
        auto c = ctx.store().get_client(*arch_name);
        ctx.store().set_archived(c.id, !*undo);
        ctx.out << (*undo ? "reactivated " : "archived ") << c.name << "\n";
    });
}

}  // namespace swelltrack::cli
