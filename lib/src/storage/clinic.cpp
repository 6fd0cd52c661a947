#include "swelltrack/clinic.h"

namespace swelltrack {

std::vector<ClientStatus> load_statuses(const Store& store) {
    auto protocols = store.list_protocols();
    auto method = store.volume_method();
    auto thresholds = store.thresholds();
    std::vector<ClientStatus> out;
    for (const auto& c : store.list_clients(false)) {
        auto sessions = store.load_status_sessions(c.id, thresholds.rapid_rise_days);
        out.push_back(summarize(analyze_history(c, std::move(sessions), protocols, method, thresholds)));
    }
    sort_worst_first(out);
    return out;
}

}  // namespace swelltrack
