// export: one client or all of them, as CSV or JSON that import reads back exactly.
#include <fstream>
#include <memory>
#include <sstream>

#include "commands.h"
#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "swelltrack/report.h"

namespace swelltrack::cli {

namespace {

struct ExportOptions {
    std::string name, format = "csv", layout, output;
    bool all = false, force = false, pseudonymous = false;
};

void run_export(Context& ctx, const ExportOptions& o) {
    if (o.all == !o.name.empty()) throw UserError("name", o.name, "export: give either a client NAME or --all");
    auto format = parse_export_format(o.format);
    auto& store = ctx.store();
    std::vector<Client> clients = o.all ? store.list_clients(true) : std::vector<Client>{store.get_client(o.name)};
    if (o.pseudonymous && format != ExportFormat::fhir)
        throw UserError("--pseudonymous", "", "--pseudonymous: only for --format fhir");
    if (!o.layout.empty() && format != ExportFormat::csv)
        throw UserError("--layout", o.layout, "--layout: only for --format csv");
    const auto layout = o.layout.empty() ? CsvLayout::sessions : parse_csv_layout(o.layout);
    std::ostringstream text;
    export_clients(store, clients, format, text, FhirOptions{o.pseudonymous}, layout);
    if (o.output.empty() || o.output == "-") {
        ctx.out << text.str();
    } else {
        write_private_file(o.output, text.str(), o.force);
        ctx.out << "exported " << clients.size() << " client(s) to " << o.output << "\n";
    }
}

}  // namespace

void setup_export(CLI::App& app, Context& ctx) {
    auto [cmd, options] = add_command(app, ctx, run_export, "export",
                                      "Export a client (or --all) with every session, for backup or exchange");
    cmd->add_option("name", options->name, "Client name");
    cmd->add_flag("--all", options->all, "Every client, archived ones too");
    cmd->add_option("--format", options->format,
                    "csv (default), json (both import back exactly), or fhir (a FHIR R4 Bundle for health records)");
    cmd->add_option("--layout", options->layout,
                    "CSV: sessions (default, a row per session), wide (a row per session and side, a column per "
                    "point: for spreadsheets; both import back exactly) or long (a row per value, values only)");
    cmd->add_flag("--pseudonymous", options->pseudonymous, "FHIR: leave the client's name out of the Patient");
    add_output_options(cmd, options->output, options->force, "Write to FILE (created 0600) instead of standard output");
}

}  // namespace swelltrack::cli
