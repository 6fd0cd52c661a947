#pragma once
// The pieces of the trend report (internal): what is shown, the charts and the flowing sections.
#include <vector>

#include "page.h"
#include "plot.h"
#include "swelltrack/analysis.h"
#include "swelltrack/report.h"
#include "swelltrack/status.h"
#include "swelltrack/trend_charts.h"

namespace swelltrack::pdf {

// The charts are built without libharu (swelltrack/trend_charts.h), so the web pages draw the same ones.
using charts::change_chart;
using charts::infection_signs;
using charts::profile_chart;
using charts::symptoms_chart;
using charts::time_axis;
using charts::TimeAxis;
using charts::TrendView;
using charts::volume_chart;

/// Attention as status judges it (the same rule, summarize): from every session of the history up
/// to the report's `now`, not only the shown ones.
ClientStatus attention_now(const TrendView& v);
/// Page 1's identity lines and summary box (baseline vs latest).
void draw_summary(Flow& flow, const TrendView& v);
/// Sessions with skin flags or notes, date first, wrapped.
void draw_timeline(Flow& flow, const TrendView& v);
/// Each point of the two sessions the summary compares, by its distance, with the latest difference.
void draw_points(Flow& flow, const TrendView& v);
/// Up to this many shown sessions the table lists every one; beyond, one row per week or month.
inline constexpr std::size_t max_session_rows = 60;
/// Every shown session, continuing across pages; for a long range one row per week (or month)
/// with its latest session's figures and every alert of the period.
void draw_session_table(Flow& flow, const TrendView& v);
/// Each alert code the report prints (the shown sessions' and attention_now's), explained with the
/// history's thresholds.
void draw_alert_codes(Flow& flow, const TrendView& v);
/// The therapist's findings, compression and treatment of the sessions that record any.
void draw_findings(Flow& flow, const TrendView& v);
/// The corrections the caller read from the audit trail, or a line saying there are none.
void draw_corrections(Flow& flow, const ReportOptions& options);
/// Each treatment course: its days, what excess is measured against, per affected limb the start,
/// end, reduction, immediate effect and durability, rebounds and what was done (course_words).
void draw_courses(Flow& flow, const TrendView& v, const ReportOptions& options);
/// The photos given (options.photos), each site's by date, two to a row with the day and time under
/// each; nothing when there are none.
void draw_photos(Flow& flow, const ReportOptions& options);

}  // namespace swelltrack::pdf
