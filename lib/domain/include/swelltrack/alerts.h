#pragma once
// Alert rules with configurable thresholds (docs/clinical.md#alerts). Wording informs; it never diagnoses.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/attention.h"
#include "swelltrack/limits.h"

namespace swelltrack {

struct AlertThresholds {
    double change_watch_pct = 5.0;     // RVC/WAC >= this: watch
    double change_range_pct = 10.0;    // RVC/WAC >= this: lymphedema range
    double point_difference_cm = 2.0;  // any point differing this much between sides
    double rapid_rise_pct = 5.0;       // volume up this much since the previous session...
    int rapid_rise_days = 7;           // ...within this many days
    // A sustained rise (docs/clinical.md#sustained-rise): the comparable sessions of the last
    // sustained_weeks, at least sustained_sessions of them, rising by sustained_pct or more along a
    // line whose slope measurement noise is unlikely to explain.
    int sustained_weeks = 26;
    int sustained_sessions = 5;
    double sustained_pct = 2.5;
    /// A client without a schedule of her own whose newest session is older than this many days
    /// is "not measured for a while" (check_in_due in status.h): the clinic's default check-in.
    int check_in_days = 90;

    /// How far back, in days, a session's alerts look: what status must read to judge the newest.
    /// One day more than the longest reach: a rapid rise and the sessions that confirm it span up
    /// to 6 rapid-rise windows; a sustained rise may be confirmed by sessions up to one
    /// sustained-rise window back, each judged on the window before it (docs/clinical.md#noisy-
    /// measurements); windows count local calendar days, and a UTC offset reaches 14 hours.
    int lookback_days() const { return std::max(6 * rapid_rise_days, 2 * sustained_weeks * 7) + 1; }
};

/// Throws UserError naming the threshold when a value is out of its allowed range.
void validate_thresholds(const AlertThresholds& t);

enum class AlertCode { rvc_5, rvc_10, wac_5, wac_10, point_2cm, rapid_rise, sustained_rise, infection_signs };

struct Alert {
    AlertCode code;
    std::string message;  // one sentence naming the figure and the threshold
    friend bool operator==(const Alert&, const Alert&) = default;
};

/// Stable short codes for scripts: "rvc_5", "rvc_10", "wac_5", "wac_10", "point_2cm", "rapid_rise",
/// "sustained_rise", "infection_signs".
std::string_view to_string(AlertCode code);
/// The code spelled `text` as to_string writes it; nullopt for any other text.
std::optional<AlertCode> parse_alert_code(std::string_view text);
/// The level an alert calls for: act now for range-level changes and infection signs, watch for
/// the others.
Attention attention_of(AlertCode code);
/// The worst level among `alerts`; none without alerts.
Attention attention_of(const std::vector<Alert>& alerts);

struct History;
/// Every alert of every session of a history whose volumes and comparisons are computed (the
/// last pass of analyze_history), with the history's thresholds: each session's figures.alerts.
void add_alerts(History& history);

}  // namespace swelltrack
