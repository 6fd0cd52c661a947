#include "swelltrack/status.h"

#include <algorithm>
#include <cstdio>

namespace swelltrack {

ClientStatus summarize(const History& h) {
    ClientStatus st;
    st.client = h.client;
    if (h.empty()) {
        st.reason = "no sessions yet";
        return st;
    }
    st.latest = h.sessions.back();
    st.figures = h.figures.back();
    const auto& f = *st.figures;
    if (f.rvc_pct) st.change_pct = f.rvc_pct;
    for (auto [side, v] : f.wac_pct)
        if (h.client.bilateral() && (!st.change_pct || v > *st.change_pct)) st.change_pct = v;

    const Alert* worst = nullptr;
    for (const auto& a : f.alerts)
        if (!worst || severity_rank(a.code) > severity_rank(worst->code)) worst = &a;
    if (worst) {
        st.alert_rank = severity_rank(worst->code);
        st.reason = worst->message;
        if (f.alerts.size() > 1) st.reason += " (+" + std::to_string(f.alerts.size() - 1) + " more)";
        return st;
    }
    char buf[96];
    if (st.change_pct) {
        std::snprintf(buf, sizeof buf, "%s %+.1f%% since baseline; no alerts", h.client.bilateral() ? "WAC" : "RVC",
                      *st.change_pct);
        st.reason = buf;
    } else if (!h.baseline) {
        st.reason = "no baseline yet (needs a session with both sides measured)";
    } else {
        st.reason = "no alerts";
    }
    return st;
}

void sort_worst_first(std::vector<ClientStatus>& statuses) {
    std::stable_sort(statuses.begin(), statuses.end(), [](const ClientStatus& a, const ClientStatus& b) {
        if (a.alert_rank != b.alert_rank) return a.alert_rank > b.alert_rank;
        double ca = a.change_pct.value_or(-1e9), cb = b.change_pct.value_or(-1e9);
        if (ca != cb) return ca > cb;
        return a.client.name < b.client.name;
    });
}

}  // namespace swelltrack
