#pragma once
// The PDF renderer of charts: draws a chart laid out by swelltrack/chart.h with libharu, deciding
// nothing about where things go.
#include <hpdf.h>

#include "page.h"
#include "swelltrack/chart.h"
#include "text.h"

namespace swelltrack::pdf {

using chart::Band;
using chart::Chart;
using chart::Dash;
using chart::Rect;
using chart::RefLine;
using chart::Series;

/// Text widths as the document's fonts set them (UTF-8 in, encoded for the fonts, then measured).
chart::MeasureText measure_with(const Fonts& fonts);

/// Draws a laid-out chart. Returns the number of series vertices drawn (for tests of the downsampling).
std::size_t draw_chart(HPDF_Page page, const Fonts& fonts, const chart::ChartLayout& layout);
/// Lays `chart` out inside `box` with these fonts' widths, then draws it.
std::size_t draw_chart(HPDF_Page page, const Fonts& fonts, const Chart& chart, Rect box);

}  // namespace swelltrack::pdf
