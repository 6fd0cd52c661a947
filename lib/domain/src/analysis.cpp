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

// Pass 2: sides against each other, and each session against the baseline. Only complete volumes
// are compared: a partial volume covers less of the limb, so a difference from it would be an
// artefact of what was measured, not swelling.
void add_comparisons(History& h) {
    const Client& client = h.client;
    const std::string compared_in = comparison_protocol(h.sessions);
    h.baseline = find_baseline(h.sessions, compared_in);
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
        if (!h.baseline || i < *h.baseline || s.protocol != compared_in) continue;
        const auto& b = h.figures[*h.baseline];
        const auto& bs = h.sessions[*h.baseline];
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

bool both_sides_complete(const Session& s) { return side_complete(s.left_mm) && side_complete(s.right_mm); }

std::string comparison_protocol(const std::vector<Session>& sessions) {
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it)
        if (both_sides_complete(*it)) return it->protocol;
    return sessions.empty() ? std::string() : sessions.back().protocol;
}

std::optional<std::size_t> find_baseline(const std::vector<Session>& sessions, std::string_view protocol) {
    for (std::size_t i = 0; i < sessions.size(); ++i)
        if (sessions[i].protocol == protocol && both_sides_complete(sessions[i])) return i;
    return std::nullopt;
}

History analyze_history(const Client& client, std::vector<Session> sessions, const std::vector<Protocol>& protocols,
                        VolumeMethod method, const AlertThresholds& thresholds) {
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
    add_comparisons(h);
    for (std::size_t i = 0; i < h.sessions.size(); ++i) h.figures[i].alerts = session_alerts(h, i);
    return h;
}

}  // namespace swelltrack
