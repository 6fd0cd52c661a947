// The alert rules replayed on simulated clients (docs/clinical.md#sustained-rise): weekly arm-4cm
// sessions of a client whose left arm is affected, tape noise of 0.3 and 0.6 cm a point, the arm
// rising +0.4% RVC a week or not at all. For each rule: the median week of the first alert of the
// rising clients, the share of them never flagged in 30 weeks, and the share of stable clients
// flagged within 30 weeks. Deterministic (fixed seeds): the same table on every machine.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "swelltrack/analysis.h"
#include "swelltrack/datetime.h"

using namespace swelltrack;

namespace {

constexpr int weeks = 30;  // sessions at weeks 0 (the baseline) to 30
constexpr int clients = 2000;
// A typical arm, wrist to upper arm, every 4 cm (cm).
constexpr double arm[11] = {16.0, 18.5, 20.5, 22.0, 23.0, 23.5, 24.5, 25.5, 26.5, 27.5, 28.5};

struct Rule {
    const char* name;
    std::function<bool(const History&, std::size_t)> fires;  // the rule fires on session i
};

bool has(const std::vector<Alert>& alerts, std::initializer_list<AlertCode> codes) {
    return std::any_of(alerts.begin(), alerts.end(),
                       [&](const Alert& a) { return std::find(codes.begin(), codes.end(), a.code) != codes.end(); });
}

// The week of each client's first alert by `rule` (weeks + 1: none).
std::vector<int> first_alerts(double noise_cm, double rise_pct_week, unsigned seed, const Rule& rule) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> tape(0, noise_cm);
    Client c;
    c.name = "Replay";
    c.affected = Affected::left;
    std::vector<int> out;
    const auto start = date::sys_days{date::year{2026} / 1 / 5};
    for (int k = 0; k < clients; ++k) {
        std::vector<Session> sessions;
        for (int w = 0; w <= weeks; ++w) {
            Session s;
            s.id = w + 1;
            s.protocol = "arm-4cm";
            s.recorded_at = parse_datetime(date::format("%FT09:00+01:00", start + date::days{7 * w}));
            // Volume scales with the square of the circumference: +r% volume is sqrt(1 + r) a point.
            const double grow = std::sqrt(1 + rise_pct_week / 100 * w);
            for (double p : arm) {
                s.left_mm.push_back(std::round((p * grow + tape(rng)) * 10));  // read to the millimetre
                s.right_mm.push_back(std::round((p + tape(rng)) * 10));
            }
            sessions.push_back(std::move(s));
        }
        auto h = analyze_history(c, std::move(sessions), {});
        int first = weeks + 1;
        for (int w = 1; w <= weeks; ++w)
            if (rule.fires(h, static_cast<std::size_t>(w))) {
                first = w;
                break;
            }
        out.push_back(first);
    }
    return out;
}

}  // namespace

int main() {
    auto alert = [](AlertCode code) {
        return [code](const History& h, std::size_t i) { return has(h.figures[i].alerts, {code}); };
    };
    const std::vector<Rule> rules{
        // The rules every other tool uses, on one session: for comparison.
        {"one session: RVC >= 5%",
         [](const History& h, std::size_t i) { return h.figures[i].rvc_pct && *h.figures[i].rvc_pct >= 5; }},
        {"one session: a point >= 2 cm",
         [](const History& h, std::size_t i) {
             const auto& d = h.figures[i].max_point_diff;
             return d && std::abs(d->difference_cm) >= 2 - 1e-9;
         }},
        // swelltrack's alerts.
        {"rvc_5 (two or more sessions in a row)", alert(AlertCode::rvc_5)},
        {"rvc_10", alert(AlertCode::rvc_10)},
        {"point_2cm (two or more sessions in a row)", alert(AlertCode::point_2cm)},
        {"rapid_rise", alert(AlertCode::rapid_rise)},
        {"sustained_rise", alert(AlertCode::sustained_rise)},
        {"any alert", [](const History& h, std::size_t i) { return !h.figures[i].alerts.empty(); }},
    };
    std::printf("%d simulated clients per row, weekly sessions, weeks 1-%d judged (week 0 is the baseline)\n\n",
                clients, weeks);
    std::printf(
        "| tape noise | rule | +0.4%%/week: median week of first alert | never flagged | stable: flagged "
        "within %d weeks |\n|---|---|---|---|---|\n",
        weeks);
    for (double noise : {0.3, 0.6})
        for (const auto& rule : rules) {
            auto rising = first_alerts(noise, 0.4, 1, rule);
            auto stable = first_alerts(noise, 0.0, 2, rule);
            std::sort(rising.begin(), rising.end());
            const int median = rising[rising.size() / 2];
            const auto never = std::count(rising.begin(), rising.end(), weeks + 1);
            const auto flagged = std::count_if(stable.begin(), stable.end(), [](int w) { return w <= weeks; });
            std::printf("| %.1f cm | %s | %s | %.0f%% | %.0f%% |\n", noise, rule.name,
                        median > weeks ? "never" : ("week " + std::to_string(median)).c_str(),
                        100.0 * static_cast<double>(never) / clients, 100.0 * static_cast<double>(flagged) / clients);
        }
}
