#pragma once
// What the reports print comes from the domain's display helpers (swelltrack/display.h), so every
// page agrees with `history`. Only the chart's time axis is the reports' own.
#include "swelltrack/analysis.h"
#include "swelltrack/display.h"
#include "swelltrack/report.h"

namespace swelltrack::pdf {

/// Days since 1970-01-01 of the local wall-clock time, for chart x positions.
double chart_day(const DateTime& t);

}  // namespace swelltrack::pdf
