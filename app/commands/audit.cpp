// audit: the trail of every change (who, when, what, old -> new, why), oldest first.
#include "../format.h"
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

std::string when(date::sys_seconds at) { return display::minute(DateTime{at, local_utc_offset(at)}); }

}  // namespace

std::string change_text(const AuditEntry& e) {
    auto shorten = [](std::string s) { return s.size() > 48 ? s.substr(0, 45) + "..." : s; };
    auto old_v = value(e.old_value), new_v = value(e.new_value);
    if (old_v.is_object() && new_v.is_object()) {
        std::string out;
        for (const auto& [key, v] : new_v.items()) {
            auto before = old_v.contains(key) ? old_v[key] : nlohmann::json(nullptr);
            if (before == v) continue;
            out += (out.empty() ? "" : "; ") + key + " " + shorten(before.dump()) + " -> " + shorten(v.dump());
        }
        return out.empty() ? "no field changed" : out;
    }
    if (old_v.is_null() && new_v.is_object() && new_v.contains("sessions") && new_v.contains("source"))
        return (e.action == "session.restore" ? "restored " : "imported ") + new_v["sessions"].dump() +
               " session(s) from " + new_v["source"].get<std::string>();
    if (old_v.is_null()) return new_v.is_string() ? "-> " + new_v.get<std::string>() : "added";
    if (new_v.is_null()) return old_v.is_object() ? "removed (values kept here)" : "removed " + old_v.dump();
    return shorten(old_v.is_string() ? old_v.get<std::string>() : old_v.dump()) + " -> " +
           shorten(new_v.is_string() ? new_v.get<std::string>() : new_v.dump());
}

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
               display::terminal_text(e.subject), display::terminal_text(change_text(e)),
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
