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

void run_status(Context& ctx, const StatusOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto statuses = ctx.store().load_statuses();
    if (format == Format::json) {
        auto arr = nlohmann::json::array();
        for (const auto& st : statuses) {
            auto alerts = nlohmann::json::array();
            if (st.figures)
                for (const auto& a : st.figures->alerts) alerts.push_back(to_string(a.code));
            arr.push_back({{"name", st.client.name},
                           {"last_session", st.latest ? nlohmann::json(format_datetime(st.latest->recorded_at))
                                                      : nlohmann::json(nullptr)},
                           {"change_pct", st.change_pct ? nlohmann::json(*st.change_pct) : nlohmann::json(nullptr)},
                           {"attention", st.alert_rank},
                           {"alerts", alerts},
                           {"reason", st.reason}});
        }
        ctx.out << arr.dump(2) << "\n";
        return;
    }
    if (statuses.empty()) {
        ctx.out << "No active clients. Add one: swelltrack client add NAME --limb arm --affected left\n";
        return;
    }
    Table t({"", "client", "last session", "change", "reason"}, {false, false, false, true, false});
    for (const auto& st : statuses)
        t.add({st.alert_rank == 2   ? "!!"
               : st.alert_rank == 1 ? "!"
                                    : "",
               st.client.name, st.latest ? format_date(st.latest->recorded_at.local_date()) : "-",
               st.figures ? display::change(st.client, *st.figures) : "-", st.reason});
    ctx.out << t.str() << "\n!! = act now (lymphedema range or infection signs), ! = watch. "
            << "Change = RVC (one side affected) or WAC (both) since baseline.\n";
}

}  // namespace

void setup_status(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<StatusOptions>();
    auto* cmd = app.add_subcommand("status", "Every active client, who needs attention first");
    cmd->add_option("--format", options->format, "table (default) or json");
    on_run(cmd, ctx, options, run_status);
}

}  // namespace swelltrack::cli
