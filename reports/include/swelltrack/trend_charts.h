#pragma once
// The trend report's four charts as data (swelltrack/chart.h), built from a client's figures (never
// recomputed). No drawing library here: the PDF report (reports/src/plot.cpp) and the web pages
// (swelltrack/svg.h) draw the very same charts.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "swelltrack/analysis.h"
#include "swelltrack/chart.h"
#include "swelltrack/report.h"

namespace swelltrack::charts {

using chart::Chart;
using chart::Rgb;

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

/// The sessions of `history` on the days `options` asks for (from/to; all without them). Both are
/// referred to, not copied: they must outlive the view.
TrendView trend_view(const History& history, const ReportOptions& options);

inline constexpr Rgb left_color{0.12, 0.42, 0.70};
inline constexpr Rgb right_color{0.86, 0.42, 0.0};

/// Days since 1970-01-01 of the local wall-clock time, for chart x positions.
double chart_day(const DateTime& t);

/// The days the report covers: the asked from (to) where given, else the local date of the first
/// (last) shown session. The header's period and every chart's time axis are this one, so they
/// agree. None when nothing is shown and no whole range was asked.
struct ReportPeriod {
    date::year_month_day first, last;
};
std::optional<ReportPeriod> report_period(const TrendView& v);
/// "2026-11-16 to 2026-11-24", or "no sessions in range".
std::string period_text(const TrendView& v);

/// The one time axis of every chart with dates (days since 1970-01-01, padded by 2%): the asked
/// range where given, else the first to the last shown session (report_period's days). Charts on a
/// page read together.
struct TimeAxis {
    double lo = 0, hi = 1;
};
TimeAxis time_axis(const TrendView& v);

/// Lines join the sessions that have a value, skipping those without one, but never two sessions
/// further apart than this (about 6 months): such a gap is shaded "no sessions" instead.
inline constexpr double max_joined_gap_days = 183;

/// Possible infection: the session logged redness with warmth (what raises infection_signs).
bool infection_signs(const TrendView& v, std::size_t i);

/// Both limbs' volumes, the affected limb's watch and range lines (the alerts' RVC rule), treatment
/// marks and possible-infection episodes. Volume lines break at a change of protocol (a labelled
/// vertical line); RVC and WAC lines run on across one whose changes carry on (analysis.h).
Chart volume_chart(const TrendView& v);
/// RVC and % excess (one affected limb) or each limb's WAC (both), over the noise and alert bands.
Chart change_chart(const TrendView& v);
/// Circumference at each measurement point, baseline and latest session.
Chart profile_chart(const TrendView& v);
/// The symptom scores (0-10) as the client felt them.
Chart symptoms_chart(const TrendView& v);

}  // namespace swelltrack::charts
