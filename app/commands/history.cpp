// history / trend: every session of a client with its computed figures.
#include <algorithm>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "../format.h"
#include "commands.h"
#include "swelltrack/csv.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/records.h"

namespace swelltrack::cli {
namespace {

struct HistoryOptions {
    std::string name, format = "table", from, to;
};

// An optional figure rounded like the JSON, empty when absent.
std::string csv_number(std::optional<double> v, int decimals) {
    auto j = records::rounded(v, decimals);
    return j.is_null() ? std::string() : j.dump();
}
// A percentage as the JSON gives it (display::pct_value), empty when absent.
std::string csv_pct(std::optional<double> v) {
    auto p = display::pct_value(v);
    return p ? nlohmann::json(*p).dump() : std::string();
}

void print_history_json(Context& ctx, const History& h, const std::vector<std::size_t>& shown) {
    print_json(ctx, nlohmann::json::parse(records::history_json(h, shown)));  // indented for people
}

void print_csv(Context& ctx, const History& h, const std::vector<std::size_t>& shown) {
    ctx.out << "recorded_at,left_ml,right_ml,diff_ml,excess_pct,rvc_pct,wac_left_pct,wac_right_pct,"
               "max_point_diff_cm,partial,alerts,findings\n";
    for (auto i : shown) {
        const auto& f = h.figures[i];
        auto wac = [&](Side side) {
            auto it = f.wac_pct.find(side);
            return it == f.wac_pct.end() ? std::string() : csv_pct(it->second);
        };
        std::optional<double> point;
        if (f.max_point_diff) point = std::abs(f.max_point_diff->difference_cm);
        std::string row = format_datetime(h.sessions[i].recorded_at);
        for (const auto& cell : {csv_number(f.left_ml, 1), csv_number(f.right_ml, 1), csv_number(f.diff_ml, 1),
                                 csv_pct(f.excess_pct), csv_pct(f.rvc_pct), wac(Side::left), wac(Side::right),
                                 csv_number(point, 2), std::string(f.partial ? "true" : "false"),
                                 display::alert_codes(f, ' '), display::findings(h.sessions[i])}) {
            row += ',';
            csv::append_field(row, cell);
        }
        ctx.out << row << "\n";
    }
}

void print_table(Context& ctx, const History& h, const std::vector<std::size_t>& shown) {
    const auto& client = h.client;
    ctx.out << display::terminal_text(client.name) << ": " << to_string(client.limb) << ", affected "
            << to_string(client.affected) << ", " << h.sessions.size() << " session(s), newest first\n\n";
    const bool protocols = h.baselines.size() > 1 ||
                           std::any_of(h.sessions.begin(), h.sessions.end(),
                                       [&](const Session& s) { return s.protocol != h.sessions.front().protocol; });
    std::vector<std::string> header{"id", "date"};
    if (protocols) header.push_back("protocol");
    for (const char* c : {"left mL", "right mL"}) header.push_back(c);
    header.push_back(client.bilateral() ? "L-R mL" : "diff mL");
    if (!client.bilateral()) header.push_back("excess");
    header.push_back(client.bilateral() ? "WAC" : "RVC");
    header.push_back("max point diff");
    header.push_back("alerts");
    header.push_back("findings");
    std::vector<bool> right(header.size(), true);
    right[1] = false;
    if (protocols) right[2] = false;
    right[header.size() - 2] = right[header.size() - 1] = false;
    Table t(header, right);
    for (auto it = shown.rbegin(); it != shown.rend(); ++it) {
        auto i = *it;
        const auto& f = h.figures[i];
        std::string date = display::minute_among(h.sessions, i);
        if (h.is_baseline(i)) date += " B";
        if (f.partial) date += " *";
        std::vector<std::string> row{std::to_string(h.sessions[i].id), date};
        if (protocols) row.push_back(h.sessions[i].protocol);
        for (const auto& cell : {display::ml(f.left_ml), display::ml(f.right_ml), display::signed_ml(f.diff_ml)})
            row.push_back(cell);
        if (!client.bilateral()) row.push_back(display::pct(f.excess_pct));
        row.push_back(display::change(client, f));
        row.push_back(display::point_difference(client, f));
        row.push_back(display::alert_codes(f));
        row.push_back(display::findings(h.sessions[i]));
        t.add(row);
    }
    ctx.out << t.str() << "\nB = baseline, * = partial (a point not measured). " << describe(h.method) << ".\n";
    for (const auto& b : h.baselines)
        ctx.out << "Baseline " << b.protocol << ": " << display::minute(h.sessions[b.index].recorded_at) << ", "
                << display::terminal_text(b.reason) << (b.pinned ? "" : " (not pinned yet)") << ".\n";
    if (auto note = display::protocols_note(h); !note.empty()) ctx.out << note << "\n";
}

void run_history(Context& ctx, const HistoryOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json, Format::csv});
    auto& store = ctx.store();
    auto client = store.get_client(o.name);
    auto [from, to] = date_range(o.from, o.to);
    auto h = store.load_analyzed(client);  // figures always from the whole history; --from/--to only show
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < h.sessions.size(); ++i)
        if (display::on_days(h.sessions[i].recorded_at, from, to)) shown.push_back(i);
    switch (format) {
        case Format::json:
            return print_history_json(ctx, h, shown);
        case Format::csv:
            return print_csv(ctx, h, shown);
        case Format::table:
            return print_table(ctx, h, shown);
    }
}

}  // namespace

void setup_history(CLI::App& app, Context& ctx) {
    for (const char* name : {"history", "trend"}) {
        auto [cmd, options] = add_command(app, ctx, run_history, name,
                                          std::string(name) == "history"
                                              ? "Every session with volumes, difference, % excess or RVC, alerts"
                                              : "Same as history");
        cmd->add_option("name", options->name, "Client name")->required();
        cmd->add_option("--format", options->format, "table (default), json or csv");
        add_date_range(cmd, options->from, options->to);
    }
}

}  // namespace swelltrack::cli
