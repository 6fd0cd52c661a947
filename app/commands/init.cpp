// init: create the database (also done on first use) and say where it is. Also the helpers every
// command shares.
#include "commands.h"
#include "swelltrack/detail/enum_table.h"

namespace swelltrack::cli {
namespace {

struct InitOptions {};

void run_init(Context& ctx, const InitOptions&) {
    auto& store = ctx.store();
    ctx.out << "database ready: " << store.path().string() << " (schema version " << store.schema_version() << ")\n";
}

constexpr detail::EnumName<Format> format_names[] = {
    {Format::table, "table"}, {Format::json, "json"}, {Format::csv, "csv"}};

}  // namespace

void setup_init(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<InitOptions>();
    auto* cmd = app.add_subcommand("init", "Create the database (also done on first use) and print where it is");
    on_run(cmd, ctx, options, run_init);
}

std::optional<date::year_month_day> optional_date(const std::string& text, std::string_view field) {
    if (text.empty()) return std::nullopt;
    return parse_date(text, field);
}

Format parse_format(std::string_view text, std::initializer_list<Format> allowed) {
    std::vector<detail::EnumName<Format>> names;
    for (const auto& n : format_names)
        if (std::find(allowed.begin(), allowed.end(), n.value) != allowed.end()) names.push_back(n);
    return detail::parse_name<Format>(names, text, "--format");
}

}  // namespace swelltrack::cli
