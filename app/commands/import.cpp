// import: clients, measurement, session CSV and JSON files; each file all-or-nothing.
#include <memory>

#include "commands.h"
#include "swelltrack/exchange.h"

namespace swelltrack::cli {

namespace {

struct ImportOptions {
    std::vector<std::string> files;
};

void run_import(Context& ctx, const ImportOptions& o) {
    for (const auto& f : o.files) {
        auto s = import_file(ctx.store_creating(), f);
        ctx.out << f << ": " << s.clients_added << " client(s), " << s.sessions_added << " session(s), "
                << s.values_added << " value(s) added";
        if (s.sessions_already_present) ctx.out << "; " << s.sessions_already_present << " session(s) already present";
        ctx.out << "\n";
    }
}

}  // namespace

void setup_import(CLI::App& app, Context& ctx) {
    auto [cmd, options] =
        add_command(app, ctx, run_import, "import",
                    "Import CSV or JSON files (clients first); a bad row imports nothing from that file");
    cmd->add_option("files", options->files, "Files to import, in order")->required();
}

}  // namespace swelltrack::cli
