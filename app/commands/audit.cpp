// audit: the trail of every change (who, when, what, old -> new, why), oldest first.
#include "../format.h"
#include "commands.h"
#include "swelltrack/display.h"
#include "swelltrack/records.h"

namespace swelltrack::cli {
namespace {

struct AuditOptions {
    std::string name, format = "table";
};

nlohmann::json value(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(text);
}

std::string when(date::sys_seconds at) { return display::minute(DateTime{at, local_utc_offset(at)}); }

}  // namespace

namespace {

nlohmann::json entry_json(const AuditEntry& e) {
    return {{"id", e.id},
            {"at", format_datetime(DateTime{e.at, std::chrono::minutes{0}})},
            {"by", e.actor},
            {"action", e.action},
            {"client", e.client_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.client_name)},
            {"subject", e.subject},
            {"old", value(e.old_value)},
            {"new", value(e.new_value)},
            {"reason", e.reason}};
}

void run_audit(Context& ctx, const AuditOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto& store = ctx.store();
    std::optional<std::int64_t> client_id;
    if (!o.name.empty()) client_id = store.get_client(o.name).id;
    auto trail = store.audit_trail(client_id);
    if (format == Format::json) return print_json(ctx, json_array(trail, entry_json));
    if (trail.empty()) {
        ctx.out << "No changes recorded yet.\n";
        return;
    }
    Table t({"when", "by", "action", "client", "what", "change", "reason"},
            {false, false, false, false, false, false, false});
    for (const auto& e : trail)
        t.add({when(e.at), display::terminal_text(e.actor), e.action, display::terminal_text(e.client_name),
               display::terminal_text(e.subject),
               display::terminal_text(records::change_text(e.action, e.old_value, e.new_value)),
               display::terminal_text(e.reason)});
    ctx.out << t.str();
}

}  // namespace

void setup_audit(CLI::App& app, Context& ctx) {
    auto [cmd, options] =
        add_command(app, ctx, run_audit, "audit", "Every change (who, when, what, old -> new, reason), oldest first");
    cmd->add_option("name", options->name, "Only the changes about this client");
    cmd->add_option("--format", options->format, "table (default) or json (old and new values in full)");
}

}  // namespace swelltrack::cli
