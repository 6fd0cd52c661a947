// history / trend: every session of a client with its computed figures.
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "../format.h"
#include "commands.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"

namespace swelltrack::cli {
namespace {

struct HistoryArgs {
    std::string name, format = "table", from, to;
};

nlohmann::json rounded(std::optional<double> v, int decimals) {
    if (!v) return nullptr;
    double f = std::pow(10.0, decimals);
    return std::round(*v * f) / f;
}

/// The JSON contract of DESIGN 5a: one array, oldest first.
nlohmann::json session_json(const History& h, std::size_t i) {
    const auto& s = h.sessions[i];
    const auto& f = h.figures[i];
    nlohmann::json wac = nullptr;
    if (!f.wac_pct.empty()) {
        wac = nlohmann::json::object();
        for (auto [side, v] : f.wac_pct) wac[std::string(to_string(side))] = rounded(v, 2);
    }
    auto alerts = nlohmann::json::array();
    for (const auto& a : f.alerts) alerts.push_back(to_string(a.code));
    return {
        {"recorded_at", format_datetime(s.recorded_at)},
        {"protocol", s.protocol},
        {"volume_ml", {{"left", rounded(f.left_ml, 1)}, {"right", rounded(f.right_ml, 1)}}},
        {"diff_ml", rounded(f.diff_ml, 1)},
        {"excess_pct", rounded(f.excess_pct, 2)},
        {"rvc_pct", rounded(f.rvc_pct, 2)},
        {"wac_pct", wac},
        {"max_point_diff_cm",
         f.max_point_diff ? rounded(std::abs(f.max_point_diff->difference_cm), 2) : nlohmann::json(nullptr)},
        {"partial", f.partial},
        {"baseline", h.baseline && *h.baseline == i},
        {"weight_kg", s.weight_kg ? nlohmann::json(*s.weight_kg) : nlohmann::json(nullptr)},
        {"skin", to_string(s.skin)},
        {"note", s.notes},
        {"alerts", alerts},
    };
}

std::string csv_cell(const std::string& v) {
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string num_or_empty(const nlohmann::json& j) { return j.is_null() ? "" : j.dump(); }

void run_history(Context& ctx, const HistoryArgs& a) {
    auto& store = ctx.store();
    auto client = store.get_client(a.name);
    auto from = optional_date(a.from, "--from");
    auto to = optional_date(a.to, "--to");
    auto h = store.load_analyzed(client);  // figures always from the whole history

    if (a.format == "json") {
        auto arr = nlohmann::json::array();
        for (std::size_t i = 0; i < h.sessions.size(); ++i)
            if (display::on_days(h.sessions[i].recorded_at, from, to)) arr.push_back(session_json(h, i));
        ctx.out << arr.dump(2) << "\n";
    } else if (a.format == "csv") {
        ctx.out << "recorded_at,left_ml,right_ml,diff_ml,excess_pct,rvc_pct,wac_left_pct,wac_right_pct,"
                   "max_point_diff_cm,partial,alerts\n";
        for (std::size_t i = 0; i < h.sessions.size(); ++i) {
            if (!display::on_days(h.sessions[i].recorded_at, from, to)) continue;
            auto j = session_json(h, i);
            auto wac = [&](const char* side) {
                return j["wac_pct"].is_object() && j["wac_pct"].contains(side) ? j["wac_pct"][side].dump() : "";
            };
            std::string alerts;
            for (const auto& code : j["alerts"]) alerts += (alerts.empty() ? "" : " ") + code.get<std::string>();
            ctx.out << j["recorded_at"].get<std::string>() << "," << num_or_empty(j["volume_ml"]["left"]) << ","
                    << num_or_empty(j["volume_ml"]["right"]) << "," << num_or_empty(j["diff_ml"]) << ","
                    << num_or_empty(j["excess_pct"]) << "," << num_or_empty(j["rvc_pct"]) << "," << wac("left") << ","
                    << wac("right") << "," << num_or_empty(j["max_point_diff_cm"]) << ","
                    << (j["partial"].get<bool>() ? "true" : "false") << "," << csv_cell(alerts) << "\n";
        }
    } else if (a.format == "table") {
        ctx.out << client.name << ": " << to_string(client.limb) << ", affected " << to_string(client.affected) << ", "
                << h.sessions.size() << " session(s), newest first\n\n";
        std::vector<std::string> header{"date", "left mL", "right mL", client.bilateral() ? "L-R mL" : "diff mL"};
        if (!client.bilateral()) header.push_back("excess");
        header.push_back(client.bilateral() ? "WAC" : "RVC");
        header.push_back("max point diff");
        header.push_back("alerts");
        Table t(header, {false, true, true, true, true, true, true, false});
        for (std::size_t i = h.sessions.size(); i-- > 0;) {
            if (!display::on_days(h.sessions[i].recorded_at, from, to)) continue;
            const auto& f = h.figures[i];
            auto when = h.sessions[i].recorded_at;
            std::string date = display::minute(when);
            if (h.baseline && *h.baseline == i) date += " B";
            if (f.partial) date += " *";
            std::vector<std::string> row{date, display::ml(f.left_ml), display::ml(f.right_ml),
                                         display::signed_ml(f.diff_ml)};
            if (!client.bilateral()) row.push_back(display::pct(f.excess_pct));
            row.push_back(display::change(client, f));
            row.push_back(display::point_difference(client, f));
            row.push_back(display::alert_codes(f));
            t.add(row);
        }
        ctx.out << t.str() << "\nB = baseline, * = partial (a point not measured). " << describe(h.method) << ".\n";
    } else {
        throw UserError("--format", a.format, "--format: '" + a.format + "' is not one of table, json, csv");
    }
}

}  // namespace

void add_history_command(CLI::App& app, Context& ctx) {
    for (const char* name : {"history", "trend"}) {
        auto a = std::make_shared<HistoryArgs>();
        auto* cmd = app.add_subcommand(name, std::string(name) == "history"
                                                 ? "Every session with volumes, difference, % excess or RVC, alerts"
                                                 : "Same as history");
        cmd->add_option("name", a->name, "Client name")->required();
        cmd->add_option("--format", a->format, "table (default), json or csv");
        cmd->add_option("--from", a->from, "Only sessions on or after YYYY-MM-DD (figures still use all data)");
        cmd->add_option("--to", a->to, "Only sessions on or before YYYY-MM-DD");
        cmd->callback([&ctx, a] { run_history(ctx, *a); });
    }
}

}  // namespace swelltrack::cli
