#include "commands.h"

namespace swelltrack::cli {

void add_init_command(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("init", "Create the database (also done on first use) and print where it is");
    cmd->callback([&ctx] {
        auto& store = ctx.store();
        ctx.out << "database ready: " << store.path().string() << " (schema version " << store.schema_version()
                << ")\n";
    });
}

std::optional<date::year_month_day> optional_date(const std::string& text, std::string_view field) {
    if (text.empty()) return std::nullopt;
    return parse_date(text, field);
}

}  // namespace swelltrack::cli
