#pragma once
// What the reports print comes from the domain's display helpers (swelltrack/display.h), so every
// page agrees with `history`. The chart's time axis is the chart builders' (swelltrack/trend_charts.h).
#include "swelltrack/analysis.h"
#include "swelltrack/display.h"
#include "swelltrack/report.h"
#include "swelltrack/trend_charts.h"

namespace swelltrack::pdf {

using charts::chart_day;

}  // namespace swelltrack::pdf
