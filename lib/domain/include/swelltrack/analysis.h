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
    friend bool operator==(const SessionFigures&, const SessionFigures&) = default;
};

/// A protocol's pinned baseline as stored: the session every later session in that protocol is
/// compared with (docs/clinical.md#baseline). Only `client baseline` moves one.
struct BaselinePin {
    std::string protocol;
    std::int64_t session_id = 0;
    std::string reason;  // why this session: the automatic rule, or the reason given when re-pinned
};

/// One protocol's baseline within a History.
struct ProtocolBaseline {
    std::string protocol;
    std::size_t index = 0;  // into History::sessions
    std::string reason;
    bool pinned = false;  // false: not stored yet, chosen by baseline_candidate
    /// The comparable session of another protocol this protocol's changes carry on from: the
    /// newest one before this baseline (docs/clinical.md#protocol-change). None for the first
    /// protocol, or when no session was compared before it.
    std::optional<std::size_t> carried_from;
};

/// A client's sessions (any order) with their figures, oldest first.
struct History {
    Client client;
    VolumeMethod method = VolumeMethod::frustum;
    AlertThresholds thresholds;
    std::vector<Session> sessions;            // oldest first
    std::vector<SessionFigures> figures;      // parallel to sessions
    std::vector<ProtocolBaseline> baselines;  // one per protocol that has a baseline
    std::vector<Protocol> protocols;          // each protocol the sessions use, in order of first use
    /// The newest session with comparable figures (comparable()); else the newest session with both
    /// sides complete; else none. Summaries and attention are read from it.
    std::optional<std::size_t> current;
    /// The baseline `current` is compared with (or, without one, the newest session's protocol's).
    std::optional<std::size_t> baseline;

    bool empty() const { return sessions.empty(); }
    /// The protocol session `i` was measured in (its points' distances).
    const Protocol* protocol_of(std::size_t i) const;
    const ProtocolBaseline* baseline_of(std::string_view protocol) const;
    /// Session `i` is its protocol's baseline.
    bool is_baseline(std::size_t i) const;
    /// Session `i` is compared with its protocol's baseline: both sides complete, later than that
    /// protocol's baseline session, and with both sides affected both body weights known
    /// (weights_for_change). Only such sessions carry RVC/WAC, and attention comes from them.
    bool comparable(std::size_t i) const;
    /// The session recorded at `at` (the newest, should two share the instant), e.g. one just logged.
    std::optional<std::size_t> index_of(const DateTime& at) const;
};

/// When session `i` is complete but earlier than its protocol's pinned baseline (typed in later,
/// dated before it), that baseline's index: such a session is never compared, and the faces say
/// so. Nullopt otherwise.
std::optional<std::size_t> pinned_baseline_after(const History& history, std::size_t i);

/// Both sides have every point measured (see side_complete): the session can be a baseline.
bool both_sides_complete(const Session& s);

/// With both sides affected the change is WAC, which needs the body weight of the session and of
/// its baseline: a session without them is not compared, so it never clears a watch. Always true
/// with one side affected (RVC needs no weight).
bool weights_for_change(const Client& client, const Session& s, const Session& baseline);

/// The automatic baseline rule: the earliest session (oldest first) in `protocol` with both sides
/// complete whose local date is on or after `from` (the client's baseline date; any date if none).
/// Storage pins it when a protocol first gets one; analyze_history uses it for protocols without a pin.
std::optional<std::size_t> baseline_candidate(const std::vector<Session>& sessions_oldest_first,
                                              std::string_view protocol,
                                              const std::optional<date::year_month_day>& from = {});

/// The reason stored with an automatic pin, e.g. "first complete session in arm-4cm on or after 2024-03-01".
std::string automatic_baseline_reason(std::string_view protocol, const std::optional<date::year_month_day>& from);

/// The sides a client is judged by: the affected one, or both when both are affected.
std::vector<Side> affected_sides(const Client& client);

/// Computes every figure: volumes, then comparisons with the other side and with each protocol's
/// baseline (the pin in `pins` for that protocol, found by session id; else baseline_candidate),
/// then alerts (add_alerts, alerts.h). Figures in different protocols are never compared.
/// `protocols` must hold each protocol the sessions use. Never downsamples.
History analyze_history(const Client& client, std::vector<Session> sessions, const std::vector<Protocol>& protocols,
                        VolumeMethod method = VolumeMethod::frustum, const AlertThresholds& thresholds = {},
                        const std::vector<BaselinePin>& pins = {});

}  // namespace swelltrack
