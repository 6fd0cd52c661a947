// audit: the trail of every change (who, when, what, old -> new, why), oldest first, each entry a
// sentence as the web and the report word it (faces::audit_sentence).
#include <map>

#include "../faces/client_report.h"
#include "commands.h"
#include "swelltrack/display.h"

namespace swelltrack::cli {
namespace {

struct AuditOptions {
    std::string name, format = "table";
};

nlohmann::json value(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(text);
}

nlohmann::json entry_json(const AuditEntry& e, const std::string& text) {
    return {{"id", e.id},
            {"at", format_datetime(DateTime{e.at, std::chrono::minutes{0}})},
            {"by", e.actor},
            {"action", e.action},
            {"client", e.client_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.client_name)},
            {"subject", e.subject},
            {"old", value(e.old_value)},
            {"new", value(e.new_value)},
            {"reason", e.reason},
            {"text", text}};
}

void run_audit(Context& ctx, const AuditOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto& store = ctx.store();
    std::optional<std::int64_t> client_id;
    if (!o.name.empty()) client_id = store.get_client(o.name).id;
    const auto trail = store.audit_trail(client_id);
    const auto protocols = store.list_protocols();
    std::map<std::string, std::optional<Client>, std::less<>> clients;  // each entry's client, read once
    auto sentence = [&](const AuditEntry& e) {
        if (!e.client_name.empty() && !clients.contains(e.client_name))
            clients[e.client_name] = store.find_client(e.client_name);
        const auto found = clients.find(e.client_name);
        const Client* client = found != clients.end() && found->second ? &*found->second : nullptr;
        return faces::audit_sentence(e, client, protocols);
    };
    if (format == Format::json) {
        auto out = nlohmann::json::array();
        for (const auto& e : trail) out.push_back(entry_json(e, sentence(e)));
        return print_json(ctx, out);
    }
    if (trail.empty()) {
        ctx.out << "No changes recorded yet.\n";
        return;
    }
    // One entry a line; with every client's changes, each line starts with the client it is about.
    for (const auto& e : trail) {
        if (!client_id && !e.client_name.empty()) ctx.out << display::terminal_text(e.client_name) << ": ";
        ctx.out << display::terminal_text(sentence(e)) << "\n";
    }
}

}  // namespace

void setup_audit(CLI::App& app, Context& ctx) {
    auto [cmd, options] =
        add_command(app, ctx, run_audit, "audit", "Every change (who, when, what, old -> new, reason), oldest first");
    cmd->add_option("name", options->name, "Only the changes about this client");
    cmd->add_option("--format", options->format,
                    "table (default: a sentence per change) or json (old and new values in full, and the sentence)");
}

}  // namespace swelltrack::cli
