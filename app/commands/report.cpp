// report: a client's trend PDF, or the clinic summary of every active client.
#include "swelltrack/report.h"

#include <memory>

#include "commands.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/store.h"

namespace swelltrack::cli {

namespace {
/// "Maria Keller" -> "maria-keller"; non-ASCII names keep their bytes, unsafe characters become '-'.
std::string file_slug(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            out += static_cast<char>(c);
        else if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "client" : out;
}

// The corrections a clinician should know of: sessions edited or deleted, baselines moved by
// hand, client details changed, each with who, when and why (from the audit trail).
std::vector<ReportCorrection> corrections(const std::vector<AuditEntry>& trail) {
    std::vector<ReportCorrection> out;
    for (const auto& e : trail) {
        std::string what;
        if (e.action == "session.edit")
            what = "session of " + e.subject + " corrected: " + change_text(e);
        else if (e.action == "session.delete")
            what = "session of " + e.subject + " deleted";
        else if (e.action == "baseline.pin" && !e.old_value.empty())
            what = "baseline in " + e.subject + " moved: " + change_text(e);
        else if (e.action == "client.edit")
            what = "client details changed: " + change_text(e);
        else if (e.action == "session.restore")
            what = "deleted session restored";
        else
            continue;
        out.push_back({display::minute(DateTime{e.at, local_utc_offset(e.at)}), e.actor, what, e.reason});
    }
    return out;
}

struct ReportCommandOptions {
    std::string name, output, from, to, paper = "a4";
    bool clinic = false, force = false;
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
        bytes = render_clinic_summary(store.load_statuses(now.utc), opt);
        if (path.empty()) path = "clinic-summary-" + today + ".pdf";
    } else {
        auto client = store.get_client(o.name);
        opt.corrections = corrections(store.audit_trail(client.id));
        opt.now = now.utc;
        bytes = render_trend_report(store.load_analyzed(client), opt);
        if (path.empty()) path = file_slug(client.name) + "-trend-" + today + ".pdf";
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
}

}  // namespace swelltrack::cli
