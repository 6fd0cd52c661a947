// status: every active client, who needs attention first, with a one-line reason.
#include <memory>
#include <nlohmann/json.hpp>

#include "../format.h"
#include "commands.h"
#include "swelltrack/attention.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/records.h"
#include "swelltrack/store.h"

namespace swelltrack::cli {

namespace {

struct StatusOptions {
    std::string format = "table";
};

// "!! = act now (a range-level or infection-sign alert), ! = watch (a watch-level alert).": the
// marks of the first column, worst first.
std::string marks_legend() {
    std::string out;
    for (auto level = display::attention_levels().rbegin(); level != display::attention_levels().rend(); ++level)
        if (!level->mark.empty())
            out += (out.empty() ? "" : ", ") + std::string(level->mark) + " = " + std::string(level->word) + " (" +
                   std::string(level->meaning) + ")";
    return out + ".";
}

void run_status(Context& ctx, const StatusOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto statuses = ctx.store().load_statuses(now_local().utc);
    if (format == Format::json) {
        records::write_statuses_json(ctx.out, statuses, true);  // indented as print_json indents
        ctx.out << "\n";
        return;
    }
    if (statuses.empty()) {
        ctx.out << "No active clients. " << add_client_hint << "\n";
        return;
    }
    Table t({"", "client", "baseline", "last session", "days", "change", "reason"},
            {false, false, false, false, true, true, false});
    for (const auto& st : statuses)
        t.add({std::string(display::attention(st.attention).mark), st.client.name,
               st.baseline_at ? display::day(*st.baseline_at) : std::string(display::missing),
               st.latest ? display::day(st.latest->recorded_at) : std::string(display::missing),
               st.days_since_last ? std::to_string(*st.days_since_last) + (st.overdue ? " overdue" : "")
                                  : std::string(display::missing),
               st.figures ? display::change(st.client, *st.figures) : std::string(display::missing), st.reason});
    ctx.out << t.str() << "\n"
            << marks_legend() << " "
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
