#pragma once
// How the reports print the domain's figures: one place, so every page agrees with `history`.
#include <optional>
#include <string>

#include "swelltrack/analysis.h"
#include "swelltrack/report.h"

namespace swelltrack::pdf {

inline constexpr const char* dash = "-";  // a figure that cannot be computed

std::string fmt_ml(std::optional<double> ml);         // "2345 mL"
std::string fmt_ml_bare(std::optional<double> ml);    // "2345"
std::string fmt_diff_ml(std::optional<double> ml);    // "+123 mL"
std::string fmt_diff_bare(std::optional<double> ml);  // "+123"
std::string fmt_pct(std::optional<double> pct);       // "+5.2%"
std::string fmt_date(const DateTime& t);              // local date "2025-03-01"
std::string fmt_date_time(const DateTime& t);         // "2025-03-01 08:30"
/// "left +5.2%, right +3.1%" (or "-" without weights).
std::string fmt_wac(const SessionFigures& f);
/// "rvc_5 point_2cm" (or "").
std::string alert_codes(const SessionFigures& f);
int worst_rank(const SessionFigures& f);
/// Days since 1970-01-01 of the local wall-clock time, for chart x positions.
double chart_day(const DateTime& t);
/// "Left arm", "Right leg".
std::string limb_name(Side side, LimbKind limb);
/// "left arm affected", "both legs affected".
std::string affected_text(const Client& c);
/// Whether a session's local date lies within options.from..options.to.
bool in_range(const Session& s, const ReportOptions& options);

}  // namespace swelltrack::pdf
