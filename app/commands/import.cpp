// import: clients, measurement, session CSV and JSON files; each file all-or-nothing.
#include <memory>

#include "commands.h"
#include "swelltrack/exchange.h"

namespace swelltrack::cli {

void add_import_command(CLI::App& app, Context& ctx) {
    auto files = std::make_shared<std::vector<std::string>>();
    auto* cmd = app.add_subcommand(
        "import", "Import CSV or JSON files (clients first); a bad row imports nothing from that file");
    cmd->add_option("files", *files, "Files to import, in order")->required();
    cmd->callback([&ctx, files] {
        for (const auto& f : *files) {
            auto s = import_file(ctx.store(), f);
            ctx.out << f << ": " << s.clients_added << " client(s), " << s.sessions_added << " session(s), "
                    << s.values_added << " value(s) added";
            if (s.sessions_already_present)
                ctx.out << "; " << s.sessions_already_present << " session(s) already present";
            ctx.out << "\n";
        }
    });
}

}  // namespace swelltrack::cli
