#pragma once
// Charts (swelltrack/chart.h) drawn as inline SVG for the web pages: the layout decides where
// everything goes, exactly as for the PDF; this only writes it down as one <svg> element.
//
// The output suits a strict Content-Security-Policy: no style attributes, no scripts, no ids (several
// charts share a page), colours as presentation attributes. Black text and strokes use currentColor,
// so a dark page stays legible, and elements carry classes (title, legend, note, band, span, grid,
// frame, axis, reference, series, markers, marks, empty) for a stylesheet to adjust.
//
// Units: the chart is laid out in a box of width_px x height_px with the PDF's text sizes (7 units
// for labels), so a page should scale it (e.g. `svg.chart { width: 100%; height: auto }`): a chart
// laid out 560 wide and shown 840 px wide prints its labels at 10.5 px.
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/analysis.h"
#include "swelltrack/chart.h"
#include "swelltrack/report.h"

namespace swelltrack::svg {

/// `text` with & < > " ' written as entities, and control characters XML cannot hold (all of C0 but
/// tab, newline and carriage return) as spaces: safe as element content and as an attribute value.
std::string escape(std::string_view text);

/// An estimate of the width of UTF-8 text in Helvetica (what the SVG asks for first; Arial has the
/// same widths): the standard AFM widths for printable ASCII, 1 em for a CJK ideograph, kana, Hangul
/// or fullwidth form, 0.6 em for anything else. The browser's real font may differ a little, so the
/// layout's fitting is approximate, never exact.
double text_width(std::string_view utf8, chart::Face face, double size);
/// text_width as the layout's MeasureText.
chart::MeasureText measure_estimate();

/// `chart` laid out in a box of width_px x height_px (measured with text_width) as one <svg> element
/// with a viewBox, role="img", a <title> (the chart's title) and a <desc> (what it shows, in words).
std::string svg_chart(const chart::Chart& chart, double width_px, double height_px);
/// An already laid-out chart as one <svg> element; the layout's box is the viewBox.
std::string svg_chart(const chart::Chart& chart, const chart::ChartLayout& layout);

/// The trend report's four charts for `history` (every session of the client), in the report's
/// order: volume, change (RVC or WAC), per-point profile, symptoms. `options` narrows the days shown
/// (from, to) and names user-defined protocols for the profile, as for the PDF; the rest is unused.
std::vector<std::string> trend_svgs(const History& history, const ReportOptions& options = {}, double width_px = 560,
                                    double height_px = 280);

}  // namespace swelltrack::svg
