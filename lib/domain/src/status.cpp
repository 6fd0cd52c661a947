#include "swelltrack/status.h"

#include <algorithm>
#include <limits>

#include "swelltrack/display.h"

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
    if (st.change_pct) {
        st.reason = std::string(h.client.bilateral() ? "WAC " : "RVC ") + display::pct(st.change_pct) +
                    " since baseline; no alerts";
    } else if (!h.baseline) {
        st.reason = "no baseline yet (needs a session with both sides measured)";
    } else {
        st.reason = "no alerts";
    }
    return st;
}

std::vector<Session> status_sessions(SessionReader& reader, std::int64_t client_id, int window_days) {
    std::vector<Session> out;
    auto newest = reader.newest_utc(client_id);
    if (!newest) return out;
    const std::int64_t window_start = *newest - std::int64_t{window_days} * 86400;
    auto recent = reader.sessions_between(client_id, window_start, *newest, -1);
    if (std::none_of(recent.begin(), recent.end(), [](const Session& s) { return both_sides_complete(s); }))
        return reader.sessions_between(client_id, first_utc, last_utc, -1);

    // The earliest sessions in small batches, until the baseline of the protocol the recent
    // sessions are compared in; past `cap` sessions, reading everything is as cheap.
    const std::string protocol = comparison_protocol(recent);
    constexpr std::int64_t batch = 8;
    constexpr std::size_t cap = 64;
    std::int64_t from = first_utc;
    while (from < window_start) {
        if (out.size() >= cap) return reader.sessions_between(client_id, first_utc, last_utc, -1);
        auto part = reader.sessions_between(client_id, from, window_start - 1, batch);
        const bool more = static_cast<std::int64_t>(part.size()) == batch;
        auto found = find_baseline(part, protocol);
        if (found) part.resize(*found + 1);
        for (auto& s : part) out.push_back(std::move(s));
        if (found || !more) break;
        from = out.back().recorded_at.utc.time_since_epoch().count() + 1;
    }
    out.insert(out.end(), std::make_move_iterator(recent.begin()), std::make_move_iterator(recent.end()));
    return out;
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
