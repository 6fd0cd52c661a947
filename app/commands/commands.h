#pragma once
// Every command has one shape, after CLI11's own examples: an options struct, a setup_x(app, ctx)
// that declares the command and its flags, and a run_x(ctx, options) that does the work: read,
// check, write in one store call, print. main.cpp calls each setup_x once.
#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "../context.h"
#include "swelltrack/entry.h"
#include "swelltrack/limits.h"

namespace swelltrack::cli {

/// Adds the command `name` under `parent` with a fresh options struct that CLI11 fills; when the
/// command is given, `run(ctx, options)` runs. Returns the command (to declare its flags on) and
/// the options (to bind them to).
template <class Options>
std::pair<CLI::App*, Options*> add_command(CLI::App& parent, Context& ctx, void (*run)(Context&, const Options&),
                                           const std::string& name, const std::string& description) {
    auto options = std::make_shared<Options>();
    auto* command = parent.add_subcommand(name, description);
    command->callback([&ctx, options, run] { run(ctx, *options); });
    return {command, options.get()};
}

/// A command that only groups others (client, protocol, settings): one of them must be given.
CLI::App* add_group(CLI::App& parent, const std::string& name, const std::string& description);

/// -o/--output FILE and --force, as every command that writes a file has them.
void add_output_options(CLI::App* command, std::string& output, bool& force, const std::string& output_help);
/// --from and --to (YYYY-MM-DD): which sessions to show; the figures still come from all of them.
void add_date_range(CLI::App* command, std::string& from, std::string& to);
/// The dates given to add_date_range's flags, checked: each a real date, and from not after to.
struct DateRange {
    std::optional<date::year_month_day> from, to;
};
DateRange date_range(const std::string& from, const std::string& to);

/// A JSON value as the commands print it: indented, one trailing newline.
void print_json(Context& ctx, const nlohmann::json& value);
/// The same for a record in its fixed field order (swelltrack/records.h).
void print_json(Context& ctx, const nlohmann::ordered_json& value);
/// A JSON array of `element(x)` for each x.
template <class T, class F>
nlohmann::json json_array(const std::vector<T>& items, F&& element) {
    auto out = nlohmann::json::array();
    for (const auto& x : items) out.push_back(element(x));
    return out;
}
/// What to do when there is no client yet.
inline constexpr const char* add_client_hint = "Add one: swelltrack client add NAME --limb arm --affected left";

void setup_init(CLI::App& app, Context& ctx);
void setup_client(CLI::App& app, Context& ctx);    // add, list, show, edit, archive
void setup_protocol(CLI::App& app, Context& ctx);  // list, add, show
void setup_log(CLI::App& app, Context& ctx);
void setup_history(CLI::App& app, Context& ctx);  // also "trend"
void setup_status(CLI::App& app, Context& ctx);
void setup_import(CLI::App& app, Context& ctx);
void setup_export(CLI::App& app, Context& ctx);
void setup_report(CLI::App& app, Context& ctx);
void setup_backup(CLI::App& app, Context& ctx);
void setup_check(CLI::App& app, Context& ctx);
void setup_settings(CLI::App& app, Context& ctx);  // show, set
void setup_session(CLI::App& app, Context& ctx);   // show, edit, delete, restore
void setup_audit(CLI::App& app, Context& ctx);
void setup_user(CLI::App& app, Context& ctx);  // add, list, passwd, remove
void setup_serve(CLI::App& app, Context& ctx);
void setup_course(CLI::App& app, Context& ctx);  // add, list, show, edit, end
void setup_photo(CLI::App& app, Context& ctx);   // add, list, export, delete, restore

/// Thrown when the user cancels an interactive entry (Ctrl-D); nothing has been written.
struct Cancelled {};

/// "" -> nullopt, else a date checked like every other (UserError naming `field`).
std::optional<date::year_month_day> optional_date(const std::string& text, std::string_view field);

/// A flag whose value is parsed by swelltrack, not CLI11 (swelltrack/entry.h's Typed): nullopt when
/// not given; given empty (an unset shell variable, say) is a mistake, never "not given".
using Flag = Typed;
/// The flag's number within `limit` (swelltrack/limits.h), with the field, value and range in any error.
inline std::optional<double> flag_number(const Limit& limit, const Flag& flag) { return typed_number(limit, flag); }
inline std::optional<int> flag_whole(const Limit& limit, const Flag& flag) { return typed_whole(limit, flag); }

/// A stored record's id as typed (--id of a session or a course).
inline constexpr Limit record_id{"id", 1, 2147483647, {}, true};

/// How a command names one stored session: `--at` its recorded time, or `--id` its id (both in
/// `history`); exactly one of the two.
struct SessionRef {
    std::string at;
    Flag id;
};
/// Adds --at and --id (one of them required, checked by find_session).
void add_session_ref(CLI::App* command, SessionRef& ref);

/// The one session of `client` that `ref` names: by id, or in the minute `--at` names
/// (parse_session_time). A UserError when there is none, or when several share that minute (their
/// ids listed, to name one with --id).
Session find_session(Store& store, const Client& client, const SessionRef& ref);

/// The output formats of --format; each command accepts a subset.
enum class Format { table, json, csv };
/// `text` as one of `allowed` (e.g. "table, json"); a UserError naming --format otherwise.
Format parse_format(std::string_view text, std::initializer_list<Format> allowed);

}  // namespace swelltrack::cli
