// What the commands share: flag declarations and parsing, date ranges, JSON output.
#include <algorithm>

#include "commands.h"
#include "swelltrack/detail/enum_table.h"
#include "swelltrack/error.h"

namespace swelltrack::cli {

std::optional<date::year_month_day> optional_date(const std::string& text, std::string_view field) {
    if (text.empty()) return std::nullopt;
    return parse_date(text, field);
}

CLI::App* add_group(CLI::App& parent, const std::string& name, const std::string& description) {
    auto* group = parent.add_subcommand(name, description);
    group->require_subcommand(1);
    return group;
}

void add_output_options(CLI::App* command, std::string& output, bool& force, const std::string& output_help) {
    command->add_option("-o,--output", output, output_help);
    command->add_flag("--force", force,
                      "Replace the file if it exists (atomically: the old one stays until the new one is complete)");
}

void add_date_range(CLI::App* command, std::string& from, std::string& to) {
    command->add_option("--from", from, "Only sessions on or after YYYY-MM-DD (figures still use all data)");
    command->add_option("--to", to, "Only sessions on or before YYYY-MM-DD");
}

DateRange date_range(const std::string& from, const std::string& to) {
    DateRange r{optional_date(from, "--from"), optional_date(to, "--to")};
    if (r.from && r.to && *r.from > *r.to)
        throw UserError("--from", from, "--from: " + from + " is after --to " + to + "; give the earlier date first");
    return r;
}

namespace {
constexpr const char* session_at_help =
    "The session's recorded time, to the minute: YYYY-MM-DDTHH:MM[+HH:MM] (the offset may be left out "
    "when only one session has that local time)";
}  // namespace

void add_session_ref(CLI::App* command, SessionRef& ref) {
    auto* at = command->add_option("--at", ref.at, session_at_help);
    command->add_option("--id", ref.id, "The session's id, as 'swelltrack history' lists it (instead of --at)")
        ->excludes(at);
}

Session find_session(Store& store, const Client& client, const SessionRef& ref) {
    const std::string listed = "; 'swelltrack history \"" + client.name + "\"' lists them";
    if (auto id = flag_whole(record_id, ref.id)) {
        auto s = store.session_by_id(*id);
        if (!s || s->client_id != client.id)
            throw UserError("--id", *ref.id, "--id: " + client.name + " has no session with id " + *ref.id + listed);
        return *s;
    }
    if (ref.at.empty()) throw UserError("--at", "", "--at or --id: name the session by its time or its id" + listed);
    auto when = parse_session_time(ref.at, "--at");
    auto found = store.sessions_at(client.id, when);
    if (found.empty())
        throw UserError("--at", ref.at, "--at: " + client.name + " has no session at " + ref.at + listed);
    if (found.size() > 1) {
        std::string list;
        for (const auto& s : found)
            list += (list.empty() ? "id " : ", id ") + std::to_string(s.id) + " at " + format_datetime(s.recorded_at);
        throw UserError("--at", ref.at,
                        "--at: " + client.name + " has " + std::to_string(found.size()) + " sessions at " + ref.at +
                            " (" + list + "); name one with --id");
    }
    return found.front();
}

void print_json(Context& ctx, const nlohmann::json& value) { ctx.out << value.dump(2) << "\n"; }
void print_json(Context& ctx, const nlohmann::ordered_json& value) { ctx.out << value.dump(2) << "\n"; }

Format parse_format(std::string_view text, std::initializer_list<Format> allowed) {
    static constexpr detail::EnumName<Format> format_names[] = {
        {Format::table, "table"}, {Format::json, "json"}, {Format::csv, "csv"}};
    std::vector<detail::EnumName<Format>> names;
    for (const auto& n : format_names)
        if (std::find(allowed.begin(), allowed.end(), n.value) != allowed.end()) names.push_back(n);
    return detail::parse_name<Format>(names, text, "--format");
}

}  // namespace swelltrack::cli
