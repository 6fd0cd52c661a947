// report: a client's trend PDF, or the clinic summary of every active client.
#include "swelltrack/report.h"

#include <memory>

#include "client_report.h"
#include "commands.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/store.h"

namespace swelltrack::cli {

namespace {

struct ReportCommandOptions {
    std::string name, output, from, to, paper = "a4";
    bool clinic = false, force = false, no_photos = false;
};

void run_report(Context& ctx, const ReportCommandOptions& o) {
    if (o.clinic == !o.name.empty()) throw UserError("name", o.name, "report: give either a client NAME or --clinic");
    ReportOptions opt;
    opt.paper = parse_paper(o.paper);
    opt.protocols = ctx.store().list_protocols();
    auto [from, to] = date_range(o.from, o.to);
    opt.from = from;
    opt.to = to;
    auto now = now_local();
    opt.generated_at = display::minute(now);
    auto today = format_date(now.local_date());
    auto& store = ctx.store();
    std::string path = o.output, bytes;
    if (o.clinic) {
        opt.author = faces::report_author(store);
        bytes = render_clinic_summary(store.load_statuses(now.utc), opt);
        if (path.empty()) path = "clinic-summary-" + today + ".pdf";
    } else {
        auto client = store.get_client(o.name);
        bytes = faces::client_trend_pdf(store, client, opt, now,
                                        o.no_photos ? faces::WithPhotos::no : faces::WithPhotos::yes);
        if (path.empty()) path = faces::file_slug(client.name) + "-trend-" + today + ".pdf";
    }
    write_private_file(path, bytes, o.force);
    ctx.out << "report written: " << std::filesystem::absolute(path).string() << "\n";
}

}  // namespace

void setup_report(CLI::App& app, Context& ctx) {
    auto [cmd, options] = add_command(app, ctx, run_report, "report",
                                      "Write a client's trend report PDF (or --clinic: the clinic summary)");
    cmd->add_option("name", options->name, "Client name");
    cmd->add_flag("--clinic", options->clinic, "The clinic summary: every active client, worst first");
    add_output_options(cmd, options->output, options->force, "PDF file to write (default: NAME-trend-DATE.pdf here)");
    add_date_range(cmd, options->from, options->to);
    cmd->add_option("--paper", options->paper, "a4 (default) or letter");
    cmd->add_flag("--no-photos", options->no_photos, "Leave the client's photos of the skin out of the report");
}

}  // namespace swelltrack::cli
