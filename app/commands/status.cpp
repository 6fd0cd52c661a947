// status: every active client, who needs attention first, with a one-line reason.
#include <memory>
#include <nlohmann/json.hpp>

#include "../format.h"
#include "commands.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/store.h"

namespace swelltrack::cli {

namespace {

struct StatusOptions {
    std::string format = "table";
};

// One element of `status --format json` (docs/data-formats.md#7-command-output-for-scripts).
nlohmann::json status_json(const ClientStatus& st) {
    auto alerts = nlohmann::json::array();
    for (const auto& a : st.alerts) alerts.push_back(to_string(a.code));
    return {
        {"name", st.client.name},
        {"last_session", st.latest ? nlohmann::json(format_datetime(st.latest->recorded_at)) : nlohmann::json(nullptr)},
        {"change_pct", st.change_pct ? nlohmann::json(*st.change_pct) : nlohmann::json(nullptr)},
        {"attention", st.alert_rank},
        {"alerts", alerts},
        {"reason", st.reason},
        {"days_since_last", st.days_since_last ? nlohmann::json(*st.days_since_last) : nlohmann::json(nullptr)},
        {"overdue", st.overdue},
        {"baseline", st.baseline_at ? nlohmann::json{{"recorded_at", format_datetime(*st.baseline_at)},
                                                     {"reason", st.baseline_reason}}
                                    : nlohmann::json(nullptr)}};
}

void run_status(Context& ctx, const StatusOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto statuses = ctx.store().load_statuses(now_local().utc);
    if (format == Format::json) return print_json(ctx, json_array(statuses, status_json));
    if (statuses.empty()) {
        ctx.out << "No active clients. " << add_client_hint << "\n";
        return;
    }
    Table t({"", "client", "baseline", "last session", "days", "change", "reason"},
            {false, false, false, false, true, true, false});
    for (const auto& st : statuses)
        t.add({st.alert_rank == 2   ? "!!"
               : st.alert_rank == 1 ? "!"
                                    : "",
               st.client.name, st.baseline_at ? display::day(*st.baseline_at) : std::string(display::missing),
               st.latest ? display::day(st.latest->recorded_at) : std::string(display::missing),
               st.days_since_last ? std::to_string(*st.days_since_last) + (st.overdue ? " overdue" : "")
                                  : std::string(display::missing),
               st.figures ? display::change(st.client, *st.figures) : std::string(display::missing), st.reason});
    ctx.out << t.str() << "\n!! = act now (lymphedema range or infection signs), ! = watch. "
            << "Change = RVC (one side affected) or WAC (both) since baseline, from the newest session comparable "
               "with it. Days = since the last session; overdue = later than the client's schedule.\n"
            << "Baseline = the session changes are measured from ('swelltrack client show NAME' says why).\n";
}

}  // namespace

void setup_status(CLI::App& app, Context& ctx) {
    auto [cmd, options] = add_command(app, ctx, run_status, "status", "Every active client, who needs attention first");
    cmd->add_option("--format", options->format, "table (default) or json");
}

}  // namespace swelltrack::cli
