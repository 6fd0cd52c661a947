// What the CLI and the web share about a client's report (client_report.h).
#include "client_report.h"

#include "swelltrack/display.h"
#include "swelltrack/records.h"

namespace swelltrack::faces {

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
std::vector<ReportCorrection> report_corrections(const std::vector<AuditEntry>& trail) {
    std::vector<ReportCorrection> out;
    for (const auto& e : trail) {
        std::string what;
        if (e.action == "session.edit")
            what =
                "session of " + e.subject + " corrected: " + records::change_text(e.action, e.old_value, e.new_value);
        else if (e.action == "session.delete")
            what = "session of " + e.subject + " deleted";
        else if (e.action == "baseline.pin" && !e.old_value.empty())
            what = "baseline in " + e.subject + " moved: " + records::change_text(e.action, e.old_value, e.new_value);
        else if (e.action == "client.edit")
            what = "client details changed: " + records::change_text(e.action, e.old_value, e.new_value);
        else if (e.action == "session.restore")
            what = "deleted session restored";
        else
            continue;
        out.push_back({display::minute(DateTime{e.at, local_utc_offset(e.at)}), e.actor, what, e.reason});
    }
    return out;
}

std::string client_trend_pdf(const Store& store, const Client& client, ReportOptions options, const DateTime& now) {
    options.corrections = report_corrections(store.audit_trail(client.id));
    options.now = now.utc;
    if (options.generated_at.empty()) options.generated_at = display::minute(now);
    if (options.protocols.empty()) options.protocols = store.list_protocols();
    return render_trend_report(store.load_analyzed(client), options);
}

}  // namespace swelltrack::faces
