#include "swelltrack/plausibility.h"

#include <algorithm>
#include <cmath>

#include "swelltrack/display.h"
#include "swelltrack/limits.h"
#include "swelltrack/units.h"

namespace swelltrack {
namespace {

// a > b, where equal on paper may differ in the last bits of a double: a value exactly at a
// threshold is plausible.
bool beyond(double a, double b) { return a > b + 1e-9 * std::max(1.0, std::abs(b)); }

std::string point_name(Side side, std::size_t i) {
    return std::string(to_string(side)) + " point " + std::to_string(i + 1);
}

// "Left arm, 16 cm from the wrist (point 5)": as a person names it, and the place in a list of values.
std::string where(Side side, std::size_t i, const Protocol& p) {
    return display::point_name(side, p.limb, p.positions_cm[i]) + " from the " + std::string(landmark(p.limb)) +
           " (point " + std::to_string(i + 1) + ")";
}

// "previously 30.0 cm on 2025-01-01 09:00"
std::string previously(double mm, const Session& prev, LengthUnit unit) {
    return "previously " + display::length_unit(mm, unit) + " on " + display::minute(prev.recorded_at);
}

// The point's value in its previous session, and that session.
std::optional<std::pair<double, const Session*>> previous_value(const PreviousSessions& previous, Side side,
                                                                std::size_t i) {
    const auto* prev = previous.point(side, i);
    if (!prev) return std::nullopt;
    const auto& then = prev->side_mm(side);
    if (i >= then.size() || !then[i]) return std::nullopt;
    return std::pair{*then[i], prev};
}

// Calls f(side, point, new/previous) for each point measured now and before; returns how many.
template <class F>
std::size_t for_each_ratio(const Session& s, const PreviousSessions& previous, F&& f) {
    std::size_t n = 0;
    for (Side side : {Side::left, Side::right}) {
        const auto& now = s.side_mm(side);
        for (std::size_t i = 0; i < now.size(); ++i)
            if (auto then = previous_value(previous, side, i); now[i] && then) f(side, i, *now[i] / then->first), ++n;
    }
    return n;
}

// Values typed in the other unit explain every other rule's complaint, so this one comes alone.
std::optional<Implausible> unit_rule(const Session& s, const PreviousSessions& previous, const Protocol& p,
                                     const Client& c) {
    const bool cm = c.unit == LengthUnit::cm;
    const std::string wrong = cm ? "inches" : "cm";
    const std::string client_unit = cm ? "cm" : "inches";
    // A cm client typing inches gives about 1/2.54 of last time's values; an inch client typing cm 2.54 times.
    const double expected = cm ? mm_per_cm / mm_per_inch : mm_per_inch / mm_per_cm;
    const double lo = expected * (1.0 - unit_ratio_tolerance), hi = expected * (1.0 + unit_ratio_tolerance);
    // First only count: with more than half the ratios on one side of the window the median is
    // outside it too, which is every ordinary session (an import checks thousands).
    std::size_t below = 0, above = 0;
    const std::size_t n = for_each_ratio(s, previous, [&](Side, std::size_t, double r) {
        below += r < lo;
        above += r > hi;
    });
    if (n > 0) {
        if (below > n / 2 || above > n / 2) return std::nullopt;
        std::vector<double> ratios;
        std::optional<std::pair<Side, std::size_t>> first;
        for_each_ratio(s, previous, [&](Side side, std::size_t i, double r) {
            if (!first) first = {side, i};
            ratios.push_back(r);
        });
        std::sort(ratios.begin(), ratios.end());
        const double median = n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2.0;
        if (median < lo || median > hi) return std::nullopt;
        auto [side, i] = *first;
        const auto then = *previous_value(previous, side, i);
        return Implausible{point_name(side, i),
                           where(side, i, p) + ": " + display::length_unit(*s.side_mm(side)[i], c.unit) + ", " +
                               previously(then.first, *then.second, c.unit) + "; the values are about " +
                               (cm ? "1/2.54 of" : "2.54 times") + " the previous session's (median ratio " +
                               display::fixed(median, 2) + "): they look like " + wrong + ", but " + c.name +
                               " is measured in " + client_unit};
    }
    // No earlier value to compare with: what an adult limb can measure at all.
    std::optional<std::pair<Side, std::size_t>> largest;
    double largest_mm = 0;
    for (Side side : {Side::left, Side::right}) {
        const auto& v = s.side_mm(side);
        for (std::size_t i = 0; i < v.size(); ++i)
            if (v[i] && *v[i] > largest_mm) largest_mm = *v[i], largest = {side, i};
    }
    if (!largest) return std::nullopt;
    const std::string limb(to_string(p.limb));
    std::string why;
    if (cm && beyond(adult_largest_at_least_cm * mm_per_cm, largest_mm)) {
        why = "no adult " + limb + " measures under " + format_exact(adult_largest_at_least_cm) + " cm anywhere";
    } else if (!cm) {
        double most_in = p.limb == LimbKind::arm ? adult_arm_at_most_in : adult_leg_at_most_in;
        if (beyond(largest_mm, most_in * mm_per_inch))
            why = "no adult " + limb + " measures over " + format_exact(most_in) + " in";
    }
    if (why.empty()) return std::nullopt;
    auto [side, i] = *largest;
    return Implausible{point_name(side, i), where(side, i, p) + ": " + display::length_unit(largest_mm, c.unit) +
                                                " is the largest value, and " + why + ": the values look like " +
                                                wrong + ", but " + c.name + " is measured in " + client_unit};
}

// Each point against the newest earlier session that measured it.
void point_rule(const Session& s, Side side, const PreviousSessions& previous, const Protocol& p, const Client& c,
                const PlausibilityLimits& limits, std::vector<Implausible>& out) {
    const auto& now = s.side_mm(side);
    for (std::size_t i = 0; i < std::min(now.size(), p.point_count()); ++i) {
        auto before = previous_value(previous, side, i);
        if (!now[i] || !before) continue;  // a point not measured now or ever before is not compared
        const auto& [then_mm, prev] = *before;
        const double change_mm = *now[i] - then_mm;
        const bool over_cm = beyond(std::abs(change_mm), limits.point_cm * mm_per_cm);
        const bool over_pct = beyond(std::abs(change_mm) * 100.0, limits.point_pct * then_mm);
        if (!over_cm && !over_pct) continue;
        std::string rule = over_cm && over_pct
                               ? format_exact(limits.point_cm) + " cm and " + format_exact(limits.point_pct) + "%"
                           : over_cm ? format_exact(limits.point_cm) + " cm"
                                     : format_exact(limits.point_pct) + "%";
        out.push_back({point_name(side, i), where(side, i, p) + ": " + display::length_unit(*now[i], c.unit) + ", " +
                                                previously(then_mm, *prev, c.unit) + " (" +
                                                display::signed_length_unit(change_mm, c.unit) + ", " +
                                                display::pct(change_mm / then_mm * 100.0) + "): more than " + rule +
                                                " from the previous session"});
    }
}

void volume_rule(const Session& s, Side side, const Session& prev, const Protocol& p, VolumeMethod method,
                 const PlausibilityLimits& limits, std::vector<Implausible>& out) {
    // Only complete volumes cover the same stretch of limb, as everywhere volumes are compared.
    if (!side_complete(s.side_mm(side)) || !side_complete(prev.side_mm(side))) return;
    auto now = limb_volume(p.positions_cm, s.side_mm(side), method);
    auto then = limb_volume(p.positions_cm, prev.side_mm(side), method);
    if (!now || !then || then->volume_ml <= 0) return;
    const double change_ml = now->volume_ml - then->volume_ml;
    if (!beyond(std::abs(change_ml) * 100.0, limits.volume_pct * then->volume_ml)) return;
    out.push_back({std::string(to_string(side)) + " volume",
                   display::limb_name(side, p.limb) + " volume: " + display::ml_unit(now->volume_ml) + ", previously " +
                       display::ml_unit(then->volume_ml) + " on " + display::minute(prev.recorded_at) + " (" +
                       display::pct(change_ml / then->volume_ml * 100.0) + "): more than " +
                       format_exact(limits.volume_pct) + "% from the previous session"});
}

}  // namespace

void validate_plausibility_limits(const PlausibilityLimits& l) {
    check(limits::plausible_point_cm, l.point_cm);
    check(limits::plausible_point_pct, l.point_pct);
    check(limits::plausible_volume_pct, l.volume_pct);
}

void PreviousSessions::offer(const Session& earlier) {
    for (Side side : {Side::left, Side::right}) {
        const auto& values = earlier.side_mm(side);
        if (!has_values(values)) continue;
        auto& held = side == Side::left ? left : right;
        if (!held || held->recorded_at < earlier.recorded_at) held = &earlier;
        auto& points = side == Side::left ? left_points : right_points;
        if (points.size() < values.size()) points.resize(values.size(), nullptr);
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i] && (!points[i] || points[i]->recorded_at < earlier.recorded_at)) points[i] = &earlier;
    }
}

bool PreviousSessions::uses(const Session* s) const {
    if (left == s || right == s) return true;
    for (const auto* v : {&left_points, &right_points})
        if (std::find(v->begin(), v->end(), s) != v->end()) return true;
    return false;
}

std::vector<Session> still_compared(std::vector<Session> sessions) {
    PreviousSessions previous;
    for (const auto& s : sessions) previous.offer(s);
    std::vector<bool> used;
    for (const auto& s : sessions) used.push_back(previous.uses(&s));
    std::vector<Session> out;
    for (std::size_t i = 0; i < sessions.size(); ++i)
        if (used[i]) out.push_back(std::move(sessions[i]));
    return out;
}

bool PreviousSessions::covers(std::size_t points) const {
    for (const auto* v : {&left_points, &right_points})
        if (v->size() < points || std::find(v->begin(), v->begin() + static_cast<std::ptrdiff_t>(points), nullptr) !=
                                      v->begin() + static_cast<std::ptrdiff_t>(points))
            return false;
    return true;
}

PreviousSessions find_previous(const Session& s, const std::vector<Session>& candidates) {
    PreviousSessions out;
    for (const auto& c : candidates)
        if (c.client_id == s.client_id && c.protocol == s.protocol && c.recorded_at < s.recorded_at) out.offer(c);
    return out;
}

std::vector<Implausible> check_plausibility(const Session& s, const PreviousSessions& previous,
                                            const Protocol& protocol, const Client& client, VolumeMethod method,
                                            const PlausibilityLimits& limits) {
    if (auto unit = unit_rule(s, previous, protocol, client)) return {std::move(*unit)};
    std::vector<Implausible> out;
    for (Side side : {Side::left, Side::right}) {
        point_rule(s, side, previous, protocol, client, limits, out);
        if (const auto* prev = previous.side(side)) volume_rule(s, side, *prev, protocol, method, limits, out);
    }
    return out;
}

UserError implausible_error(const std::vector<Implausible>& found, std::string_view how_to_keep) {
    constexpr std::size_t shown = 3;
    std::string message;
    for (std::size_t i = 0; i < std::min(shown, found.size()); ++i) message += (i ? "; " : "") + found[i].message;
    if (found.size() > shown) message += "; and " + std::to_string(found.size() - shown) + " more";
    return UserError(found.empty() ? std::string() : found.front().field, "",
                     message + "; if it is right, " + std::string(how_to_keep));
}

}  // namespace swelltrack
