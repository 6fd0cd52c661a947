#include "swelltrack/analysis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "swelltrack/error.h"

namespace swelltrack {
namespace {

std::string pct(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.1f%%", v);
    return buf;
}
std::string num(double v, int decimals = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

const Protocol& protocol_for(const Session& s, const std::vector<Protocol>& protocols) {
    for (const auto& p : protocols)
        if (p.name == s.protocol) return p;
    if (const auto* b = find_builtin_protocol(s.protocol)) return *b;
    throw UserError("protocol", s.protocol, "protocol: '" + s.protocol + "' is not known");
}

std::optional<double> side_ml(const SessionFigures& f, Side s) { return s == Side::left ? f.left_ml : f.right_ml; }

// Volume change alerts: RVC for one affected side, WAC for each affected side when both are.
void change_alerts(const Client& c, const SessionFigures& f, const AlertThresholds& t, std::vector<Alert>& out) {
    auto add = [&](double v, AlertCode watch, AlertCode range, const std::string& what) {
        if (v >= t.change_range_pct)
            out.push_back({range, what + " " + pct(v) + " since baseline (>= " + num(t.change_range_pct, 0) +
                                      "%: in the range usually called lymphedema; discuss with your clinician)"});
        else if (v >= t.change_watch_pct)
            out.push_back({watch, what + " " + pct(v) + " since baseline (>= " + num(t.change_watch_pct, 0) +
                                      "%: watch closely)"});
    };
    if (!c.bilateral()) {
        if (f.rvc_pct) add(*f.rvc_pct, AlertCode::rvc_5, AlertCode::rvc_10, "Relative volume change");
    } else {
        for (auto [side, v] : f.wac_pct)
            add(v, AlertCode::wac_5, AlertCode::wac_10,
                "Weight-adjusted change (" + std::string(to_string(side)) + ")");
    }
}

}  // namespace

bool both_sides_complete(const Session& s) { return side_complete(s.left_mm) && side_complete(s.right_mm); }

std::string comparison_protocol(const std::vector<Session>& sessions) {
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it)
        if (both_sides_complete(*it)) return it->protocol;
    return sessions.empty() ? std::string() : sessions.back().protocol;
}

History analyze_history(const Client& client, std::vector<Session> sessions, const std::vector<Protocol>& protocols,
                        VolumeMethod method, const AlertThresholds& t) {
    History h;
    h.client = client;
    h.method = method;
    h.thresholds = t;
    auto by_time = [](const Session& a, const Session& b) { return a.recorded_at < b.recorded_at; };
    // Storage loads them in order already; stable_sort would still copy every session into a buffer.
    if (!std::is_sorted(sessions.begin(), sessions.end(), by_time))
        std::stable_sort(sessions.begin(), sessions.end(), by_time);
    h.sessions = std::move(sessions);
    h.figures.resize(h.sessions.size());
    const std::string compared_in = comparison_protocol(h.sessions);
    // A side's volume is "complete" when every segment was measured. Only complete volumes are
    // compared (between sides or over time): a partial volume covers less of the limb, so its
    // difference from a complete one would be a measurement artefact, not swelling.
    std::vector<std::map<Side, bool>> complete(h.sessions.size());
    auto whole = [&](std::size_t i, Side side) { return complete[i][side]; };
    auto both_whole = [&](std::size_t i) { return whole(i, Side::left) && whole(i, Side::right); };

    // Pass 1: volumes and the figures that need only this session.
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        const auto& s = h.sessions[i];
        auto& f = h.figures[i];
        const auto& p = protocol_for(s, protocols);
        for (Side side : {Side::left, Side::right}) {
            const auto& v = s.side_mm(side);
            if (v.empty()) continue;
            auto vol = limb_volume(p.positions_cm, v, method);
            f.partial = f.partial || !vol || vol->partial;
            if (vol) (side == Side::left ? f.left_ml : f.right_ml) = vol->volume_ml;
            complete[i][side] = vol && !vol->partial;
        }
        if (s.left_mm.empty() != s.right_mm.empty()) f.partial = true;  // one side not measured at all
        if (both_whole(i)) {
            if (auto a = client.affected_side()) {
                double av = *side_ml(f, *a), uv = *side_ml(f, *client.unaffected_side());
                f.diff_ml = interlimb_difference_ml(av, uv);
                f.excess_pct = excess_percent(av, uv);
                f.ctcae_grade = ctcae_grade(*f.excess_pct);
                // ISL bands grade an existing excess; under 5% there is none to grade.
                if (*f.excess_pct >= 5.0) f.isl_severity = isl_severity(*f.excess_pct);
            } else {
                f.diff_ml = interlimb_difference_ml(*f.left_ml, *f.right_ml);
            }
        }
        f.max_point_diff = largest_point_difference(s.left_mm, s.right_mm);
        if (!h.baseline && both_whole(i) && s.protocol == compared_in) h.baseline = i;
    }

    // Pass 2: changes since baseline and since the previous session, then alerts.
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        const auto& s = h.sessions[i];
        auto& f = h.figures[i];
        if (h.baseline && i >= *h.baseline && s.protocol == compared_in) {
            const auto& b = h.figures[*h.baseline];
            const auto& bs = h.sessions[*h.baseline];
            if (auto a = client.affected_side(); a && both_whole(i)) {
                auto u = *client.unaffected_side();
                f.rvc_pct =
                    relative_volume_change_percent(*side_ml(b, *a), *side_ml(b, u), *side_ml(f, *a), *side_ml(f, u));
            }
            if (bs.weight_kg && s.weight_kg) {
                std::vector<Side> affected = client.bilateral() ? std::vector<Side>{Side::left, Side::right}
                                                                : std::vector<Side>{*client.affected_side()};
                for (Side side : affected)
                    if (whole(i, side))
                        f.wac_pct[side] = weight_adjusted_change_percent(*side_ml(b, side), *bs.weight_kg,
                                                                         *side_ml(f, side), *s.weight_kg);
            }
        }
        change_alerts(client, f, t, f.alerts);

        if (f.max_point_diff && std::abs(f.max_point_diff->difference_cm) >= t.point_difference_cm - 1e-9)
            f.alerts.push_back(
                {AlertCode::point_2cm, "Sides differ by " + num(std::abs(f.max_point_diff->difference_cm)) +
                                           " cm at point " + std::to_string(f.max_point_diff->point_index + 1) +
                                           " (>= " + num(t.point_difference_cm) + " cm)"});

        // Rapid rise: an affected limb up by the threshold since the previous session with that
        // limb's complete volume, if that session is within the window.
        std::vector<Side> watched = client.bilateral() ? std::vector<Side>{Side::left, Side::right}
                                                       : std::vector<Side>{*client.affected_side()};
        for (Side side : watched) {
            if (!whole(i, side)) continue;
            auto now = side_ml(f, side);
            for (std::size_t j = i; j-- > 0;) {
                if (!whole(j, side) || h.sessions[j].protocol != s.protocol) continue;
                auto before = side_ml(h.figures[j], side);
                auto gap = s.recorded_at.utc - h.sessions[j].recorded_at.utc;
                double rise = (*now / *before - 1.0) * 100.0;
                if (gap <= std::chrono::hours{24 * t.rapid_rise_days} && rise >= t.rapid_rise_pct)
                    f.alerts.push_back(
                        {AlertCode::rapid_rise, std::string(to_string(side)) + " volume up " + pct(rise) + " since " +
                                                    std::to_string(gap.count() / 86400) +
                                                    " day(s) before (>= " + num(t.rapid_rise_pct, 0) + "% within " +
                                                    std::to_string(t.rapid_rise_days) + " days)"});
                break;
            }
        }
        if (s.skin.has(SkinFlag::redness) && s.skin.has(SkinFlag::warmth))
            f.alerts.push_back({AlertCode::infection_signs,
                                "Redness and warmth logged: possible infection signs; contact your clinician"});
    }
    return h;
}

}  // namespace swelltrack
