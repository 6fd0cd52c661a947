// What the CLI and the web share about a client's report (client_report.h).
#include "client_report.h"

#include "swelltrack/actions.h"
#include "swelltrack/change_words.h"
#include "swelltrack/display.h"

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

std::string audit_sentence(const AuditEntry& e, const Client* client, std::span<const Protocol> protocols) {
    records::ChangeSetting setting;
    setting.protocols = protocols;
    if (client) {
        setting.unit = client->unit;
        setting.limb = client->limb;
    }
    const auto words = records::change_words(e.action, e.subject, e.old_value, e.new_value, setting);
    return records::change_sentence(words, e.reason, e.actor, display::minute(DateTime{e.at, local_utc_offset(e.at)}));
}

std::vector<std::string> report_corrections(const std::vector<AuditEntry>& trail, const Client& client,
                                            std::span<const Protocol> protocols) {
    std::vector<std::string> out;
    for (const auto& e : trail)
        if (is_correction(e)) out.push_back(audit_sentence(e, &client, protocols));
    return out;
}

bool is_correction(const AuditEntry& e) {
    return e.action == "session.edit" || e.action == "session.delete" || e.action == "session.restore" ||
           e.action == "client.edit" || (e.action == "baseline.pin" && !e.old_value.empty());
}

std::string report_author(const Store& store) {
    std::string clinic = store.clinic_name();
    return clinic.empty() ? ReportOptions{}.author : clinic;
}

std::string client_trend_pdf(const Store& store, const Client& client, ReportOptions options, const DateTime& now,
                             WithPhotos photos) {
    if (options.protocols.empty()) options.protocols = store.list_protocols();
    options.author = report_author(store);
    options.corrections = report_corrections(store.audit_trail(client.id), client, store.list_protocols());
    options.now = now.utc;
    if (options.generated_at.empty()) options.generated_at = display::minute(now);
    auto overview = actions::course_overview(store, client, now.local_date());
    options.courses = std::move(overview.courses);
    if (photos == WithPhotos::yes) {
        auto printed = actions::report_photos(store, client, options.from, options.to);
        options.photos = std::move(printed.photos);
        options.photos_left_out = printed.left_out;
    }
    return render_trend_report(overview.history, options);
}

}  // namespace swelltrack::faces
