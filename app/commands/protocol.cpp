// protocol list | add | show
#include <memory>

#include "../format.h"
#include "commands.h"

namespace swelltrack::cli {
namespace {
std::string positions_text(const Protocol& p) {
    std::string out;
    for (double v : p.positions_cm) out += (out.empty() ? "" : ",") + format_exact(v);
    return out;
}
}  // namespace

void add_protocol_command(CLI::App& app, Context& ctx) {
    auto* protocol = app.add_subcommand("protocol", "List, add or show measurement protocols");
    protocol->require_subcommand(1);

    protocol->add_subcommand("list", "List built-in and your own protocols")->callback([&ctx] {
        Table t({"name", "limb", "points", "from..to (cm)", "kind"}, {false, false, true, false, false});
        for (const auto& p : ctx.store().list_protocols())
            t.add({p.name, std::string(to_string(p.limb)), std::to_string(p.point_count()),
                   format_exact(p.positions_cm.front()) + ".." + format_exact(p.positions_cm.back()),
                   p.builtin ? "built-in" : "custom"});
        ctx.out << t.str();
    });

    struct AddArgs {
        std::string name, limb, points;
    };
    auto a = std::make_shared<AddArgs>();
    auto* add = protocol->add_subcommand("add", "Define a protocol: named points, distances in cm from a landmark");
    add->add_option("name", a->name, "Name (a-z, 0-9, '-', '_', '.')")->required();
    add->add_option("--limb", a->limb, "arm or leg")->required();
    add->add_option("--points", a->points, "Distances in cm, strictly increasing, e.g. 0,5,10,15,20")->required();
    add->callback([&ctx, a] {
        Protocol p{a->name, parse_limb_kind(a->limb, "--limb"), parse_positions_cm(a->points), false};
        ctx.store().add_protocol(p);
        ctx.out << "added protocol " << p.name << " (" << p.point_count() << " points: " << positions_text(p)
                << " cm)\n";
    });

    auto show_name = std::make_shared<std::string>();
    auto* show = protocol->add_subcommand("show", "Show a protocol's points");
    show->add_option("name", *show_name, "Protocol name")->required();
    show->callback([&ctx, show_name] {
        auto p = ctx.store().get_protocol(*show_name);
        ctx.out << p.name << " (" << to_string(p.limb) << ", " << (p.builtin ? "built-in" : "custom") << ")\n";
        Table t({"point", "distance from " + std::string(p.limb == LimbKind::arm ? "wrist" : "ankle") + " (cm)"},
                {true, true});
        for (std::size_t i = 0; i < p.point_count(); ++i)
            t.add({std::to_string(i + 1), format_exact(p.positions_cm[i])});
        ctx.out << t.str();
    });
}

}  // namespace swelltrack::cli
