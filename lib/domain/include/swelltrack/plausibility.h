#pragma once
// Values that are probably a mistake (a slip of the tape or the keyboard, the wrong unit): refused
// on every path in unless the user confirms them (docs/clinical.md#plausibility).
#include <string>
#include <vector>

#include "swelltrack/client.h"
#include "swelltrack/error.h"
#include "swelltrack/protocol.h"
#include "swelltrack/session.h"
#include "swelltrack/volume.h"

namespace swelltrack {

/// How far a new value may be from the previous session's before it is refused (settings; their
/// allowed ranges are limits::plausible_* in limits.h).
struct PlausibilityLimits {
    double point_cm = 3.0;     // a point more than this many cm away...
    double point_pct = 15.0;   // ...or more than this many percent
    double volume_pct = 15.0;  // a side's complete volume more than this many percent away
    friend bool operator==(const PlausibilityLimits&, const PlausibilityLimits&) = default;
};

/// Throws UserError naming the setting when a value is outside its limit.
void validate_plausibility_limits(const PlausibilityLimits& limits);

/// The unit rule without a previous session: no adult arm or leg measures under this anywhere (the
/// wrist, the thinnest place, is about 14-20 cm), so a cm client's session whose largest value is
/// under it was probably typed in inches.
inline constexpr double adult_largest_at_least_cm = 12.0;
/// ...and an inch client's session whose largest value is over this was probably typed in cm.
inline constexpr double adult_arm_at_most_in = 24.0;  // 61 cm: a very large upper arm with lymphedema
inline constexpr double adult_leg_at_most_in = 40.0;  // 102 cm: a very large thigh
/// The unit rule with a previous session: the new values are about 1/2.54 (or 2.54 times) the
/// previous ones when the median of new/previous lies within this fraction of that ratio.
inline constexpr double unit_ratio_tolerance = 0.15;

/// What a new session is compared with, among the sessions of the same client and protocol recorded
/// before it: per side, the newest in which that side was measured (at least one point: its volume
/// and the unit rule), and per point of each side, the newest that measured that point (a session
/// that measured only one point must not hide the values of the one before). nullptr: none.
struct PreviousSessions {
    const Session* left = nullptr;
    const Session* right = nullptr;
    std::vector<const Session*> left_points, right_points;

    const Session* side(Side s) const { return s == Side::left ? left : right; }
    const Session* point(Side s, std::size_t i) const {
        const auto& v = s == Side::left ? left_points : right_points;
        return i < v.size() ? v[i] : nullptr;
    }
    /// `earlier` becomes the previous session of each side and point it measured, unless the one
    /// held is newer. The caller has made sure it is in the protocol of the session being checked
    /// and recorded before it (find_previous does).
    void offer(const Session& earlier);
    /// Every one of `points` points of both sides has a previous session: older ones change nothing.
    bool covers(std::size_t points) const;
    /// `s` is the previous session of a side or of a point.
    bool uses(const Session* s) const;
};

/// Of `sessions` (earlier sessions of one client and protocol, oldest first), only those a next
/// session would be compared with (find_previous's picks), oldest first: what the store returns
/// and what an import keeps while it walks a client's sessions.
std::vector<Session> still_compared(std::vector<Session> sessions);

/// How many earlier sessions in the protocol are searched for a point's previous value: a point
/// last measured longer ago than that is not compared.
inline constexpr int previous_sessions_read = 64;

/// The previous sessions of `s` among `candidates` (any order; others of the client, other
/// protocols and later sessions are passed over). The pointers point into `candidates`.
PreviousSessions find_previous(const Session& s, const std::vector<Session>& candidates);
PreviousSessions find_previous(const Session& s, std::vector<Session>&& candidates) = delete;  // would dangle

/// One value that is probably a mistake.
struct Implausible {
    std::string field;    // "left point 5", "right volume", "unit"
    std::string message;  // names the point (side, cm from the landmark), both values in the client's unit, the rule
};

/// Every probable mistake of `s` (normalised and valid) against its previous sessions: a point more
/// than `limits.point_cm` cm or `limits.point_pct` % away from the same point of that side's
/// previous session; a side's complete volume (limb_volume with `method`) more than
/// `limits.volume_pct` % away from that of its previous session, when that one is complete too;
/// values that look typed in the other unit (then only that one, which explains the others). A
/// value exactly at a threshold is plausible. Empty when all is plausible.
std::vector<Implausible> check_plausibility(const Session& s, const PreviousSessions& previous,
                                            const Protocol& protocol, const Client& client, VolumeMethod method,
                                            const PlausibilityLimits& limits);

/// The refusal of a session with probable mistakes (`found` not empty), in one line: the first
/// few in full (a whole side typed wrong would otherwise fill the screen), then "if it is right,
/// <how_to_keep>" (each face says how: a flag, a form's box, a JSON field).
UserError implausible_error(const std::vector<Implausible>& found, std::string_view how_to_keep);

}  // namespace swelltrack
