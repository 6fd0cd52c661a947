// import: clients, measurement, session CSV and JSON files; each file all-or-nothing.
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>

#include "../remedy.h"
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
    std::string columns;
    bool confirm = false, dry_run = false;
};

// Up to `shown` lines of a list, then how many more.
void print_list(std::ostream& out, const std::vector<std::string>& lines, int count) {
    for (const auto& line : lines) out << "    " << display::terminal_text(line) << "\n";
    if (count > static_cast<int>(lines.size()))
        out << "    and " << count - static_cast<int>(lines.size()) << " more\n";
}

// What a dry run found in one file: what the import would add, and what it would refuse.
bool print_dry_run(std::ostream& out, const std::string& f, const ImportSummary& s) {
    out << f << " (dry run, nothing written): would add " << s.clients_added << " client(s), " << s.sessions_added
        << " session(s), " << s.values_added << " value(s)";
    if (s.sessions_already_present) out << "; " << s.sessions_already_present << " session(s) already present";
    out << "\n";
    if (!s.new_clients.empty()) {
        out << "  new clients:\n";
        print_list(out, s.new_clients, s.clients_added);
    }
    if (s.refused_count) {
        out << "  " << s.refused_count << " row(s) refused; the import would write nothing from this file:\n";
        std::vector<std::string> lines;
        for (const auto& r : s.refused) {
            auto remedy = remedy_text(r.remedy);
            lines.push_back(remedy.empty() ? r.message : r.message + "; " + remedy);
        }
        print_list(out, lines, s.refused_count);
    }
    if (s.implausible_sessions) {
        out << "  " << s.implausible_sessions
            << " session(s) look like a mistake; the import would write nothing from this file unless --confirm:\n";
        print_list(out, s.implausible, static_cast<int>(s.implausible.size()));
    }
    if (s.implausible_kept)
        out << "  " << s.implausible_kept << " that look like a mistake would be kept as confirmed\n";
    return s.refused_count == 0 && s.implausible_sessions == 0;
}

void run_dry_run(Context& ctx, const ImportOptions& o, const ImportChecks& checks) {
    std::error_code ec;
    DryRun trial(std::filesystem::exists(ctx.db_path(), ec) ? &ctx.store() : nullptr);
    int refused = 0;
    for (const auto& f : o.files) {
        auto s = f == "-" ? trial.text(read_all(std::cin), "standard input", checks) : trial.file(f, checks);
        refused += !print_dry_run(ctx.out, f, s);
    }
    if (refused)
        throw UserError("import", std::to_string(refused),
                        "import --dry-run: " + std::to_string(refused) +
                            " file(s) would be refused as they are (listed above); nothing was written");
}

void run_import(Context& ctx, const ImportOptions& o) {
    ImportChecks checks;
    checks.keep_implausible = o.confirm;
    if (!o.columns.empty()) checks.columns = parse_column_map(o.columns);
    if (o.dry_run) return run_dry_run(ctx, o, checks);
    for (const auto& f : o.files) {
        // "-" is standard input (a pipe from another program), read whole before anything is written.
        auto s = f == "-" ? import_text(ctx.store_creating(), read_all(std::cin), "standard input", checks)
                          : import_file(ctx.store_creating(), f, checks);
        ctx.out << f << ": " << s.clients_added << " client(s), " << s.sessions_added << " session(s), "
                << s.values_added << " value(s) added";
        if (s.courses_added) ctx.out << "; " << s.courses_added << " course(s)";
        if (s.photos_added) ctx.out << "; " << s.photos_added << " photo(s)";
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
    cmd->add_flag("--dry-run", options->dry_run,
                  "Read and check everything, write nothing: say what would be added and which rows would be "
                  "refused, and why");
    cmd->add_option("--columns", options->columns,
                    "Map a sheet's own headers to swelltrack's, e.g. \"Datum=recorded_at,Name=client,Seite=side\"");
    cmd->add_flag("--confirm", options->confirm,
                  "Import sessions that look like a mistake (far from the previous session, or in the other unit) "
                  "too");
}

}  // namespace swelltrack::cli
