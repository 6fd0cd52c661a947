// protocol list | add | show
#include "../format.h"
#include "commands.h"

namespace swelltrack::cli {
namespace {

std::string positions_text(const Protocol& p) {
    std::string out;
    for (double v : p.positions_cm) out += (out.empty() ? "" : ",") + format_exact(v);
    return out;
}

struct ListOptions {};

struct AddOptions {
    std::string name, limb, points;
};

struct ShowOptions {
    std::string name;
};

void run_protocol_list(Context& ctx, const ListOptions&) {
    Table t({"name", "limb", "points", "from..to (cm)", "kind"}, {false, false, true, false, false});
    for (const auto& p : ctx.store().list_protocols())
        t.add({p.name, std::string(to_string(p.limb)), std::to_string(p.point_count()),
               format_exact(p.positions_cm.front()) + ".." + format_exact(p.positions_cm.back()),
               p.builtin ? "built-in" : "custom"});
    ctx.out << t.str();
}

void run_protocol_add(Context& ctx, const AddOptions& o) {
    Protocol p{o.name, parse_enum<LimbKind>(o.limb, "--limb"), parse_positions_cm(o.points), false};
    ctx.store_creating().add_protocol(p);
    ctx.out << "added protocol " << p.name << " (" << p.point_count() << " points: " << positions_text(p) << " cm)\n";
}

void run_protocol_show(Context& ctx, const ShowOptions& o) {
    auto p = ctx.store().get_protocol(o.name);
    ctx.out << p.name << " (" << to_string(p.limb) << ", " << (p.builtin ? "built-in" : "custom") << ")\n";
    Table t({"point", "distance from " + std::string(landmark(p.limb)) + " (cm)"}, {true, true});
    for (std::size_t i = 0; i < p.point_count(); ++i) t.add({std::to_string(i + 1), format_exact(p.positions_cm[i])});
    ctx.out << t.str();
}

}  // namespace

void setup_protocol(CLI::App& app, Context& ctx) {
    auto* protocol = add_group(app, "protocol", "List, add or show measurement protocols");
    add_command(*protocol, ctx, run_protocol_list, "list", "List built-in and your own protocols");

    auto [add, add_options] = add_command(*protocol, ctx, run_protocol_add, "add",
                                          "Define a protocol: named points, distances in cm from a landmark");
    add->add_option("name", add_options->name, "Name (a-z, 0-9, '-', '_', '.')")->required();
    add->add_option("--limb", add_options->limb, detail::choices<LimbKind>())->required();
    add->add_option("--points", add_options->points, "Distances in cm, strictly increasing, e.g. 0,5,10,15,20")
        ->required();

    auto [show, show_options] = add_command(*protocol, ctx, run_protocol_show, "show", "Show a protocol's points");
    show->add_option("name", show_options->name, "Protocol name")->required();
}

}  // namespace swelltrack::cli
