#include "swelltrack/clinic.h"

#include "store_impl.h"

namespace swelltrack {

std::vector<ClientStatus> load_statuses(const Store& store) {
    auto& impl = store.impl();
    return impl.guard([&] {
        // One read transaction: every client is read from the same snapshot, and the file lock is
        // taken once instead of once per statement (which cost ~10% of status).
        ReadSnapshot snapshot(impl.db);
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
    });
}

}  // namespace swelltrack
