// The attention rule and the status ranking (docs/clinical.md#attention-ranking-status).
#include "swelltrack/status.h"

#include <algorithm>
#include <limits>

#include "swelltrack/display.h"

namespace swelltrack {
namespace {

constexpr std::int64_t day_seconds = 86400;

std::int64_t utc_seconds(const Session& s) { return s.recorded_at.utc.time_since_epoch().count(); }

SessionRef ref(const Session& s) { return {s.id, s.recorded_at, s.protocol}; }

// What a session after the compared one shows by itself and status counts: a rise since the
// previous session of that limb, sides apart at a point.
bool counts_when_later(AlertCode code) { return code == AlertCode::rapid_rise || code == AlertCode::point_2cm; }

}  // namespace

StatusFacts status_facts(const History& h) {
    StatusFacts facts;
    ClientStatus& st = facts.status;
    st.client = h.client;
    if (h.empty()) return facts;
    st.latest = ref(h.sessions.back());

    // Infection signs count while recent, whichever session logged them (status_at); the compared
    // session's other alerts count however old it is, until a later comparable session replaces it.
    if (h.baseline) {
        st.baseline_at = h.sessions[*h.baseline].recorded_at;
        if (const auto* b = h.baseline_of(h.sessions[*h.baseline].protocol)) st.baseline_reason = b->reason;
    }
    // Every alert says which session it comes from: its date after the sentence.
    if (h.current) {
        st.compared = ref(h.sessions[*h.current]);
        st.figures = h.figures[*h.current];
        const std::string from = " (" + display::day(h.sessions[*h.current].recorded_at) + ")";
        for (const auto& a : st.figures->alerts)
            if (a.code != AlertCode::infection_signs) st.alerts.push_back({a.code, a.message + from});
    }
    // A later session that cannot be compared with the baseline never clears those alerts, but
    // what it shows by itself (a rise since the previous session of that limb, sides apart at a
    // point; e.g. the affected arm alone measured at home) still counts, the newest of each kind.
    const std::size_t later = h.current ? *h.current + 1 : 0;
    for (std::size_t i = h.sessions.size(); i-- > later;)
        for (const auto& a : h.figures[i].alerts) {
            if (!counts_when_later(a.code)) continue;
            if (std::none_of(st.alerts.begin(), st.alerts.end(), [&](const Alert& b) { return b.code == a.code; }))
                st.alerts.push_back({a.code, a.message + " (" + display::day(h.sessions[i].recorded_at) + ")"});
        }
    for (std::size_t i = h.sessions.size(); i-- > 0;) {
        const auto& alerts = h.figures[i].alerts;
        auto it = std::find_if(alerts.begin(), alerts.end(),
                               [](const Alert& a) { return a.code == AlertCode::infection_signs; });
        if (it == alerts.end()) continue;
        facts.infection_at = h.sessions[i].recorded_at;
        facts.infection_message = it->message + " (" + display::day(h.sessions[i].recorded_at) + ")";
        break;
    }

    if (st.figures) {
        const auto& f = *st.figures;
        if (f.rvc_pct) st.change_pct = f.rvc_pct;
        for (auto [side, v] : f.wac_pct)
            if (h.client.bilateral() && (!st.change_pct || v > *st.change_pct)) st.change_pct = v;
    }
    return facts;
}

ClientStatus status_at(StatusFacts facts, date::sys_seconds now) {
    ClientStatus st = std::move(facts.status);
    if (!st.latest) {
        st.reason = "no sessions yet";
        return st;
    }
    const std::int64_t since = now.time_since_epoch().count() - st.latest->recorded_at.utc.time_since_epoch().count();
    st.days_since_last = static_cast<int>(std::max<std::int64_t>(0, since) / day_seconds);
    st.overdue = st.client.every_days && since > std::int64_t{*st.client.every_days} * day_seconds;

    const std::int64_t infection_from = now.time_since_epoch().count() - infection_window_days * day_seconds;
    if (facts.infection_at && facts.infection_at->utc.time_since_epoch().count() >= infection_from)
        st.alerts.push_back({AlertCode::infection_signs, std::move(facts.infection_message)});

    const Alert* worst = nullptr;
    for (const auto& a : st.alerts)
        if (!worst || attention_of(a.code) > attention_of(worst->code)) worst = &a;
    if (worst) {
        st.attention = attention_of(worst->code);
        st.reason = worst->message;
        if (st.alerts.size() > 1) st.reason += " (+" + std::to_string(st.alerts.size() - 1) + " more)";
    } else if (st.change_pct) {
        st.reason = std::string(st.client.bilateral() ? "WAC " : "RVC ") + display::pct(st.change_pct) +
                    " since baseline; no alerts";
    } else if (!st.baseline_at) {
        st.reason = "no baseline yet (needs a session with both sides measured)";
    } else if (st.client.bilateral() && st.figures && st.figures->both_complete() && st.figures->wac_pct.empty()) {
        // Both limbs affected: the change is weight-adjusted, so a session without a weight has none.
        st.reason = "no change figure: WAC needs the body weight at the baseline and at the latest session";
    } else {
        st.reason = "no alerts";
    }
    // Say which session the figures are from when a newer one could not be compared (an alert's
    // sentence names its session already).
    if (st.compared && st.compared->recorded_at != st.latest->recorded_at && !worst && st.change_pct)
        st.reason += "; from " + display::day(st.compared->recorded_at);
    return st;
}

ClientStatus summarize(const History& h, date::sys_seconds now) { return status_at(status_facts(h), now); }

bool check_in_due(const ClientStatus& st, int check_in_days) {
    return !st.client.every_days && st.days_since_last && *st.days_since_last > check_in_days;
}

std::vector<Attention> attention_after_each(const History& h) {
    // status_facts and status_at for each prefix, in one pass: the session summaries read
    // (choose_current's rule over the prefix), the watch a later session adds by itself, and the
    // newest infection signs.
    std::vector<Attention> out(h.sessions.size(), Attention::none);
    std::optional<std::size_t> current;
    bool current_comparable = false;
    Attention later = Attention::none;  // rapid_rise or point_2cm of a session after `current`
    std::optional<std::int64_t> infection_utc;
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        const auto& alerts = h.figures[i].alerts;
        const bool comparable = h.comparable(i);
        if (comparable || (!current_comparable && h.figures[i].both_complete())) {
            current = i;
            current_comparable = comparable;
            later = Attention::none;
        } else {
            for (const auto& a : alerts)
                if (counts_when_later(a.code)) later = std::max(later, attention_of(a.code));
        }
        if (std::any_of(alerts.begin(), alerts.end(),
                        [](const Alert& a) { return a.code == AlertCode::infection_signs; }))
            infection_utc = utc_seconds(h.sessions[i]);
        Attention level = later;
        if (current)
            for (const auto& a : h.figures[*current].alerts)
                if (a.code != AlertCode::infection_signs) level = std::max(level, attention_of(a.code));
        if (infection_utc && *infection_utc >= utc_seconds(h.sessions[i]) - infection_window_days * day_seconds)
            level = std::max(level, attention_of(AlertCode::infection_signs));
        out[i] = level;
    }
    return out;
}

std::vector<Session> status_sessions(SessionReader& reader, const Client& client, const std::vector<BaselinePin>& pins,
                                     int window_days, date::sys_seconds now) {
    const auto client_id = client.id;
    auto newest = reader.newest_utc(client_id);
    if (!newest) return {};
    const std::int64_t window_start = std::min(*newest - std::int64_t{window_days} * day_seconds,
                                               now.time_since_epoch().count() - infection_window_days * day_seconds);
    auto recent = reader.sessions_between(client_id, window_start, *newest, -1);
    std::vector<Session> pinned;
    for (const auto& pin : pins)
        if (auto s = reader.session_by_id(pin.session_id)) pinned.push_back(std::move(*s));

    // The newest session in the window that is comparable (History::comparable's rule): both
    // sides complete, later than its protocol's pinned baseline, the weights WAC needs. What its
    // alerts look back at (window_days before it) must be in the window too; otherwise, and
    // without such a session, every session is read.
    auto comparable = std::find_if(recent.rbegin(), recent.rend(), [&](const Session& s) {
        if (!both_sides_complete(s)) return false;
        auto pin =
            std::find_if(pinned.begin(), pinned.end(), [&](const Session& b) { return b.protocol == s.protocol; });
        return pin != pinned.end() && pin->recorded_at < s.recorded_at && weights_for_change(client, s, *pin);
    });
    // With more than one protocol, changes may carry on from a session of another protocol
    // however old (docs/clinical.md#protocol-change): every session is read.
    if (comparable == recent.rend() || pinned.size() > 1 ||
        utc_seconds(*comparable) - std::int64_t{window_days} * day_seconds < window_start)
        return reader.sessions_between(client_id, first_utc, last_utc, -1);

    std::vector<Session> out;
    for (auto& s : pinned)
        if (utc_seconds(s) < window_start) out.push_back(std::move(s));
    std::sort(out.begin(), out.end(), [](const Session& a, const Session& b) { return a.recorded_at < b.recorded_at; });
    out.insert(out.end(), std::make_move_iterator(recent.begin()), std::make_move_iterator(recent.end()));
    return out;
}

void sort_worst_first(std::vector<ClientStatus>& statuses) {
    // Sorts positions, then moves each status into place: a status is large (client, figures, texts).
    std::vector<std::size_t> order(statuses.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
        const ClientStatus &a = statuses[i], &b = statuses[j];
        if (a.attention != b.attention) return a.attention > b.attention;
        if (a.overdue != b.overdue) return a.overdue;
        double ca = a.change_pct.value_or(-1e9), cb = b.change_pct.value_or(-1e9);
        if (ca != cb) return ca > cb;
        return a.client.name < b.client.name;
    });
    // Position k takes the status at order[k]: follow each cycle of the permutation, so no second
    // vector of statuses is made (at 10,000 clients it was a tenth of `status`'s memory).
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start) continue;
        ClientStatus held = std::move(statuses[start]);
        std::size_t k = start;
        while (order[k] != start) {
            const std::size_t from = order[k];
            statuses[k] = std::move(statuses[from]);
            order[k] = k;  // placed
            k = from;
        }
        statuses[k] = std::move(held);
        order[k] = k;
    }
}

}  // namespace swelltrack
