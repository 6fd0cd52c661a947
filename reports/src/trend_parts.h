#pragma once
// The pieces of the trend report (internal): what is shown, the charts and the flowing sections.
#include <vector>

#include "page.h"
#include "plot.h"
#include "swelltrack/analysis.h"
#include "swelltrack/report.h"

namespace swelltrack::pdf {

/// The history with the sessions the options let through. Figures always come from `history`
/// (computed against the real baseline over all data), never recomputed here.
struct TrendView {
    const History& history;
    const ReportOptions& options;
    std::vector<std::size_t> shown;  // indices into history.sessions, oldest first

    const Client& client() const { return history.client; }
    const Session& session(std::size_t i) const { return history.sessions[i]; }
    const SessionFigures& figures(std::size_t i) const { return history.figures[i]; }
};

inline constexpr Rgb left_color{0.12, 0.42, 0.70};
inline constexpr Rgb right_color{0.86, 0.42, 0.0};

/// The one time axis of every chart with dates (days since 1970-01-01, padded by 2%): the asked
/// range where given, else the first to the last shown session. Charts on a page read together.
struct TimeAxis {
    double lo = 0, hi = 1;
};
TimeAxis time_axis(const TrendView& v);

/// Possible infection: the session logged redness with warmth (what raises infection_signs).
bool infection_signs(const TrendView& v, std::size_t i);

Chart volume_chart(const TrendView& v);
Chart change_chart(const TrendView& v);
Chart profile_chart(const TrendView& v);
Chart symptoms_chart(const TrendView& v);

/// Page 1's identity lines and summary box (baseline vs latest).
void draw_summary(Flow& flow, const TrendView& v);
/// Sessions with skin flags or notes, date first, wrapped.
void draw_timeline(Flow& flow, const TrendView& v);
/// Up to this many shown sessions the table lists every one; beyond, one row per week or month.
inline constexpr std::size_t max_session_rows = 60;
/// Every shown session, continuing across pages; for a long range one row per week (or month)
/// with its latest session's figures and every alert of the period.
void draw_session_table(Flow& flow, const TrendView& v);
/// Each alert code the shown sessions raised, explained with the history's thresholds.
void draw_alert_codes(Flow& flow, const TrendView& v);
/// The therapist's findings, compression and treatment of the sessions that record any.
void draw_findings(Flow& flow, const TrendView& v);
/// The corrections the caller read from the audit trail, or a line saying there are none.
void draw_corrections(Flow& flow, const ReportOptions& options);

}  // namespace swelltrack::pdf
