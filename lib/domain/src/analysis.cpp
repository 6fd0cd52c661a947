// A client's history in three passes: volumes, comparisons (between sides and with the baseline),
// then alerts (alerts.cpp). Formulas and their sources: docs/clinical.md.
#include "swelltrack/analysis.h"

#include <algorithm>

#include "swelltrack/error.h"

namespace swelltrack {
namespace {

const Protocol& protocol_for(const Session& s, const std::vector<Protocol>& protocols) {
    for (const auto& p : protocols)
        if (p.name == s.protocol) return p;
    if (const auto* b = find_builtin_protocol(s.protocol)) return *b;
    throw UserError("protocol", s.protocol, "protocol: '" + s.protocol + "' is not known");
}

// Pass 1: each side's volume, whether it is complete, and what needs only this session.
void add_volumes(History& h, const std::vector<Protocol>& protocols) {
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        const auto& s = h.sessions[i];
        auto& f = h.figures[i];
        const auto& p = protocol_for(s, protocols);
        if (!h.protocol_of(i)) h.protocols.push_back(p);
        for (Side side : {Side::left, Side::right}) {
            const auto& v = s.side_mm(side);
            if (v.empty()) continue;
            auto vol = limb_volume(p.positions_cm, v, h.method);
            f.partial = f.partial || !vol || vol->partial;
            if (vol) f.set_volume(side, vol->volume_ml, !vol->partial);
        }
        if (s.left_mm.empty() != s.right_mm.empty()) f.partial = true;  // one side not measured at all
        f.max_point_diff = largest_point_difference(s.left_mm, s.right_mm);
    }
}

// Each protocol's baseline: its pin when the store has one (found by session id), else the
// automatic rule. A pin whose session is not among `h.sessions` leaves that protocol without one.
void add_baselines(History& h, const std::vector<BaselinePin>& pins) {
    std::vector<std::string> protocols;
    for (const auto& s : h.sessions)
        if (std::find(protocols.begin(), protocols.end(), s.protocol) == protocols.end())
            protocols.push_back(s.protocol);
    for (const auto& p : protocols) {
        auto pin = std::find_if(pins.begin(), pins.end(), [&](const BaselinePin& b) { return b.protocol == p; });
        if (pin != pins.end()) {
            for (std::size_t i = 0; i < h.sessions.size(); ++i)
                if (h.sessions[i].id == pin->session_id && h.sessions[i].protocol == p) {
                    h.baselines.push_back({p, i, pin->reason, true, std::nullopt});
                    break;
                }
        } else if (auto i = baseline_candidate(h.sessions, p, h.client.baseline_date)) {
            h.baselines.push_back({p, *i, automatic_baseline_reason(p, h.client.baseline_date), false, std::nullopt});
        }
    }
}

// Pass 2: sides against each other, and each session against its protocol's baseline. Only
// complete volumes are compared: a partial volume covers less of the limb, so a difference from
// it would be an artefact of what was measured, not swelling.
void add_comparisons(History& h) {
    const Client& client = h.client;
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        const auto& s = h.sessions[i];
        auto& f = h.figures[i];
        if (f.both_complete()) {
            if (auto a = client.affected_side()) {
                double av = *f.volume_ml(*a), uv = *f.volume_ml(*client.unaffected_side());
                f.diff_ml = interlimb_difference_ml(av, uv);
                f.excess_pct = excess_percent(av, uv);
                f.ctcae_grade = ctcae_grade(*f.excess_pct);
                // ISL bands grade an existing excess; under 5% there is none to grade.
                if (*f.excess_pct >= 5.0) f.isl_severity = isl_severity(*f.excess_pct);
            } else {
                f.diff_ml = interlimb_difference_ml(*f.left_ml, *f.right_ml);
            }
        }
        const auto* base = h.baseline_of(s.protocol);
        if (!base || i < base->index) continue;  // sessions before the baseline are not compared with it
        const auto& b = h.figures[base->index];
        const auto& bs = h.sessions[base->index];
        if (auto a = client.affected_side(); a && f.both_complete()) {
            auto u = *client.unaffected_side();
            f.rvc_pct =
                relative_volume_change_percent(*b.volume_ml(*a), *b.volume_ml(u), *f.volume_ml(*a), *f.volume_ml(u));
        }
        if (bs.weight_kg && s.weight_kg)
            for (Side side : affected_sides(client))
                if (f.complete(side))
                    f.wac_pct[side] = weight_adjusted_change_percent(*b.volume_ml(side), *bs.weight_kg,
                                                                     *f.volume_ml(side), *s.weight_kg);
    }
}

// Pass 2b: a protocol whose baseline comes after sessions compared in another protocol carries
// on from the newest of them (docs/clinical.md#protocol-change): its RVC and WAC become
// (1 + change then) (1 + change since its own baseline) - 1, so a limb that stayed larger across a
// change of protocol still reads larger. Baselines are taken in time order, so the session carried
// from has its own carried figures already.
void carry_across_protocols(History& h) {
    std::vector<ProtocolBaseline*> order;
    for (auto& b : h.baselines) order.push_back(&b);
    std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->index < b->index; });
    auto chain = [](double then, double since) { return ((1 + then / 100) * (1 + since / 100) - 1) * 100; };
    for (auto* b : order) {
        for (std::size_t j = b->index; j-- > 0;)
            if (h.sessions[j].protocol != b->protocol && h.comparable(j)) {
                b->carried_from = j;
                break;
            }
        if (!b->carried_from) continue;
        const auto from = h.figures[*b->carried_from];  // a copy: a session of this protocol is not it
        for (std::size_t i = b->index; i < h.sessions.size(); ++i) {
            if (h.sessions[i].protocol != b->protocol) continue;
            auto& f = h.figures[i];
            if (f.rvc_pct && from.rvc_pct) f.rvc_pct = chain(*from.rvc_pct, *f.rvc_pct);
            for (auto& [side, v] : f.wac_pct)
                if (auto w = from.wac_pct.find(side); w != from.wac_pct.end()) v = chain(w->second, v);
        }
    }
}

// The session summaries read: the newest comparable one, else the newest complete one.
void choose_current(History& h) {
    for (std::size_t i = h.sessions.size(); i-- > 0;)
        if (h.comparable(i)) {
            h.current = i;
            break;
        }
    if (!h.current)
        for (std::size_t i = h.sessions.size(); i-- > 0;)
            if (h.figures[i].both_complete()) {
                h.current = i;
                break;
            }
    const auto& protocol =
        h.current ? h.sessions[*h.current].protocol : (h.sessions.empty() ? std::string() : h.sessions.back().protocol);
    if (const auto* b = h.baseline_of(protocol)) h.baseline = b->index;
}

}  // namespace

std::optional<double> SessionFigures::volume_ml(Side side) const { return side == Side::left ? left_ml : right_ml; }

bool SessionFigures::complete(Side side) const { return side == Side::left ? left_complete : right_complete; }

void SessionFigures::set_volume(Side side, double ml, bool whole) {
    (side == Side::left ? left_ml : right_ml) = ml;
    (side == Side::left ? left_complete : right_complete) = whole;
}

std::vector<Side> affected_sides(const Client& client) {
    if (client.bilateral()) return {Side::left, Side::right};
    return {*client.affected_side()};
}

std::optional<std::size_t> pinned_baseline_after(const History& h, std::size_t i) {
    const auto* b = h.baseline_of(h.sessions[i].protocol);
    if (!b || !b->pinned || b->index <= i || !h.figures[i].both_complete()) return std::nullopt;
    return b->index;
}

bool both_sides_complete(const Session& s) { return side_complete(s.left_mm) && side_complete(s.right_mm); }

const Protocol* History::protocol_of(std::size_t i) const {
    for (const auto& p : protocols)
        if (p.name == sessions[i].protocol) return &p;
    return nullptr;
}

const ProtocolBaseline* History::baseline_of(std::string_view protocol) const {
    for (const auto& b : baselines)
        if (b.protocol == protocol) return &b;
    return nullptr;
}

bool History::is_baseline(std::size_t i) const {
    const auto* b = baseline_of(sessions[i].protocol);
    return b && b->index == i;
}

std::optional<std::size_t> History::index_of(const DateTime& at) const {
    for (std::size_t i = sessions.size(); i-- > 0;)
        if (sessions[i].recorded_at == at) return i;
    return std::nullopt;
}

bool History::comparable(std::size_t i) const {
    const auto* b = baseline_of(sessions[i].protocol);
    return b && i > b->index && figures[i].both_complete() &&
           weights_for_change(client, sessions[i], sessions[b->index]);
}

bool weights_for_change(const Client& client, const Session& s, const Session& baseline) {
    return !client.bilateral() || (s.weight_kg && baseline.weight_kg);
}

std::optional<std::size_t> baseline_candidate(const std::vector<Session>& sessions, std::string_view protocol,
                                              const std::optional<date::year_month_day>& from) {
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const auto& s = sessions[i];
        if (s.protocol != protocol || !both_sides_complete(s)) continue;
        if (from && s.recorded_at.local_date() < *from) continue;
        return i;
    }
    return std::nullopt;
}

std::string automatic_baseline_reason(std::string_view protocol, const std::optional<date::year_month_day>& from) {
    std::string r = "first complete session in " + std::string(protocol);
    if (from) r += " on or after the baseline date " + format_date(*from);
    return r;
}

History analyze_history(const Client& client, std::vector<Session> sessions, const std::vector<Protocol>& protocols,
                        VolumeMethod method, const AlertThresholds& thresholds, const std::vector<BaselinePin>& pins) {
    History h;
    h.client = client;
    h.method = method;
    h.thresholds = thresholds;
    auto by_time = [](const Session& a, const Session& b) { return a.recorded_at < b.recorded_at; };
    // Storage loads them in order already; stable_sort would still copy every session into a buffer.
    if (!std::is_sorted(sessions.begin(), sessions.end(), by_time))
        std::stable_sort(sessions.begin(), sessions.end(), by_time);
    h.sessions = std::move(sessions);
    h.figures.resize(h.sessions.size());
    add_volumes(h, protocols);
    add_baselines(h, pins);
    add_comparisons(h);
    carry_across_protocols(h);
    choose_current(h);
    add_alerts(h);
    return h;
}

}  // namespace swelltrack
