#pragma once
// The figures for every session of a client's history: what history, status, show and reports print.
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "swelltrack/alerts.h"
#include "swelltrack/clinical.h"
#include "swelltrack/protocol.h"
#include "swelltrack/session.h"
#include "swelltrack/volume.h"

namespace swelltrack {

struct SessionFigures {
    std::optional<double> left_ml, right_ml;             // nullopt where not computable
    bool left_complete = false, right_complete = false;  // every point of that side measured
    bool partial = false;                                // a point was missing on either side
    // Comparisons (diff, excess, RVC, WAC, rapid rise) use only complete volumes: a partial
    // volume covers less of the limb. They are nullopt/absent when a side involved is partial.
    std::optional<double> diff_ml;                  // affected - unaffected; left - right when both affected
    std::optional<double> excess_pct;               // unilateral only
    std::optional<double> rvc_pct;                  // unilateral, vs the baseline session
    std::map<Side, double> wac_pct;                 // each affected side, when both weights are known
    std::optional<PointDifference> max_point_diff;  // left minus right, in cm
    std::optional<int> ctcae_grade;                 // from excess_pct
    std::optional<IslSeverity> isl_severity;        // from excess_pct
    std::vector<Alert> alerts;

    std::optional<double> volume_ml(Side side) const;
    /// The side's volume covers the whole limb (every point measured): only such volumes are compared.
    bool complete(Side side) const;
    bool both_complete() const { return left_complete && right_complete; }
    void set_volume(Side side, double ml, bool complete);
};

/// A client's sessions (any order) with their figures, oldest first.
struct History {
    Client client;
    VolumeMethod method = VolumeMethod::frustum;
    AlertThresholds thresholds;
    std::vector<Session> sessions;        // oldest first
    std::vector<SessionFigures> figures;  // parallel to sessions
    std::optional<std::size_t> baseline;  // index of the baseline session

    bool empty() const { return sessions.empty(); }
};

/// Both sides have every point measured (see side_complete): the session can be a baseline.
bool both_sides_complete(const Session& s);

/// The protocol the figures are compared in: that of the newest session with both sides complete
/// (else the newest session's). A volume from another protocol covers another stretch of the limb,
/// so it is never compared with these: no RVC/WAC for it, and no rapid rise across protocols.
std::string comparison_protocol(const std::vector<Session>& sessions_oldest_first);

/// The baseline: the earliest session (oldest first) in `protocol` with both sides complete.
std::optional<std::size_t> find_baseline(const std::vector<Session>& sessions_oldest_first, std::string_view protocol);

/// The sides a client is judged by: the affected one, or both when both are affected.
std::vector<Side> affected_sides(const Client& client);

/// Computes every figure: volumes, then comparisons with the other side and with the baseline
/// (find_baseline in comparison_protocol), then alerts (session_alerts, alerts.h). `protocols`
/// must hold each protocol the sessions use. Never downsamples.
History analyze_history(const Client& client, std::vector<Session> sessions, const std::vector<Protocol>& protocols,
                        VolumeMethod method = VolumeMethod::frustum, const AlertThresholds& thresholds = {});

}  // namespace swelltrack
