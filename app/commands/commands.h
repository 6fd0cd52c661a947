#pragma once
// Every command has one shape, after CLI11's own examples: an options struct, a setup_x(app, ctx)
// that declares the command and its flags, and a run_x(ctx, options) that does the work: read,
// check, write in one store call, print. main.cpp calls each setup_x once.
#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "../context.h"

namespace swelltrack::cli {

/// Joins a command to its run function: CLI11 fills `options`, then `run(ctx, *options)` runs.
template <class Options>
void on_run(CLI::App* command, Context& ctx, std::shared_ptr<Options> options, void (*run)(Context&, const Options&)) {
    command->callback([&ctx, options, run] { run(ctx, *options); });
}

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

/// Thrown when the user cancels an interactive entry (Ctrl-D); nothing has been written.
struct Cancelled {};

/// "" -> nullopt, else a date checked like every other (UserError naming `field`).
std::optional<date::year_month_day> optional_date(const std::string& text, std::string_view field);

/// The output formats of --format; each command accepts a subset.
enum class Format { table, json, csv };
/// `text` as one of `allowed` (e.g. "table, json"); a UserError naming --format otherwise.
Format parse_format(std::string_view text, std::initializer_list<Format> allowed);

}  // namespace swelltrack::cli
