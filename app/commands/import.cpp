// import: clients, measurement, session CSV and JSON files; each file all-or-nothing.
#include <iostream>
#include <iterator>
#include <memory>

#include "commands.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/exchange.h"

namespace swelltrack::cli {

namespace {

std::string read_all(std::istream& in) {
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw UserError("file", "-", "import: cannot read standard input");
    return text;
}

struct ImportOptions {
    std::vector<std::string> files;
    bool confirm = false;
};

void run_import(Context& ctx, const ImportOptions& o) {
    for (const auto& f : o.files) {
        // "-" is standard input (a pipe from another program), read whole before anything is written.
        ImportChecks checks;
        checks.keep_implausible = o.confirm;
        auto s = f == "-" ? import_text(ctx.store_creating(), read_all(std::cin), "standard input", checks)
                          : import_file(ctx.store_creating(), f, checks);
        ctx.out << f << ": " << s.clients_added << " client(s), " << s.sessions_added << " session(s), "
                << s.values_added << " value(s) added";
        if (s.sessions_already_present) ctx.out << "; " << s.sessions_already_present << " session(s) already present";
        if (s.implausible_kept)
            ctx.out << "; " << s.implausible_kept << " that looked like a mistake kept as confirmed";
        ctx.out << "\n";
        if (s.earlier_than_baseline_count == 0) continue;
        ctx.out << "  note: " << s.earlier_than_baseline_count
                << " complete session(s) dated before the client's pinned baseline, so not compared with it:\n";
        for (const auto& e : s.earlier_than_baseline)
            ctx.out << "    " << display::terminal_text(e.client) << ", " << display::minute(e.at) << " (" << e.protocol
                    << " baseline " << display::minute(e.baseline) << ")\n";
        if (s.earlier_than_baseline_count > static_cast<int>(s.earlier_than_baseline.size()))
            ctx.out << "    and " << s.earlier_than_baseline_count - static_cast<int>(s.earlier_than_baseline.size())
                    << " more\n";
        ctx.out << "  'swelltrack client baseline NAME --at ...' moves a baseline\n";
    }
}

}  // namespace

void setup_import(CLI::App& app, Context& ctx) {
    auto [cmd, options] =
        add_command(app, ctx, run_import, "import",
                    "Import CSV or JSON files (clients first); a bad row imports nothing from that file");
    cmd->add_option("files", options->files, "Files to import, in order ('-' = standard input)")->required();
    cmd->add_flag("--confirm", options->confirm,
                  "Import sessions that look like a mistake (far from the previous session, or in the other unit) "
                  "too");
}

}  // namespace swelltrack::cli
