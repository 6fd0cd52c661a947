#pragma once
// Each command lives in its own file and registers itself on the top-level app.
#include <CLI/CLI.hpp>

#include "../context.h"

namespace swelltrack::cli {

void add_init_command(CLI::App& app, Context& ctx);
void add_client_command(CLI::App& app, Context& ctx);
void add_protocol_command(CLI::App& app, Context& ctx);
void add_log_command(CLI::App& app, Context& ctx);
void add_history_command(CLI::App& app, Context& ctx);
void add_status_command(CLI::App& app, Context& ctx);
void add_import_command(CLI::App& app, Context& ctx);
void add_export_command(CLI::App& app, Context& ctx);
void add_report_command(CLI::App& app, Context& ctx);
void add_backup_command(CLI::App& app, Context& ctx);
void add_check_command(CLI::App& app, Context& ctx);
void add_settings_command(CLI::App& app, Context& ctx);

/// Thrown when the user cancels an interactive entry (Ctrl-D); nothing has been written.
struct Cancelled {};

/// "" -> nullopt, else a date checked like every other (UserError naming `field`).
std::optional<date::year_month_day> optional_date(const std::string& text, std::string_view field);
}  // namespace swelltrack::cli
