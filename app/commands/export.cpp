// export: one client or all of them, as CSV or JSON that import reads back exactly.
#include <fstream>
#include <memory>
#include <sstream>

#include "commands.h"
#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "swelltrack/report.h"

namespace swelltrack::cli {

void add_export_command(CLI::App& app, Context& ctx) {
    struct Args {
        std::string name, format = "csv", output;
        bool all = false, force = false;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("export", "Export a client (or --all) with every session, for backup or exchange");
    cmd->add_option("name", a->name, "Client name");
    cmd->add_flag("--all", a->all, "Every client, archived ones too");
    cmd->add_option("--format", a->format, "csv (default) or json");
    cmd->add_option("-o,--output", a->output, "Write to FILE (created 0600) instead of standard output");
    cmd->add_flag("--force", a->force, "Replace FILE if it exists");
    cmd->callback([&ctx, a] {
        if (a->all == !a->name.empty()) throw UserError("name", a->name, "export: give either a client NAME or --all");
        auto format = parse_export_format(a->format);
        auto& store = ctx.store();
        std::vector<Client> clients =
            a->all ? store.list_clients(true) : std::vector<Client>{store.get_client(a->name)};
        std::ostringstream text;
        export_clients(store, clients, format, text);
        if (a->output.empty() || a->output == "-") {
            ctx.out << text.str();
        } else {
            write_private_file(a->output, text.str(), a->force);
            ctx.out << "exported " << clients.size() << " client(s) to " << a->output << "\n";
        }
    });
}

}  // namespace swelltrack::cli
