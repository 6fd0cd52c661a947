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
// for labels) times text_scale, so a page should scale it (e.g. `svg.chart { width: 100%; height:
// auto }`): a chart laid out 560 wide and shown 840 px wide prints its labels at 7 x 1.5 = 10.5 px
// at text_scale 1, and at 14 px at text_scale 4/3. Each legend entry is one <g> in <g class="legend">.
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

/// A coordinate or size as SVG writes it: at most `decimals` decimals (1 or 2), no trailing zeros,
/// never "-0" ("12.5", "3").
std::string number(double v, int decimals = 1);

/// The family name the charts' text asks for. Its files (font_files) are served with the pages and
/// declared by font_face_css, so the browser draws chart text in the very font text_width measures,
/// whatever fonts the viewer's machine has (a layout measured in one font and drawn in another cuts
/// text off at the chart's edge).
inline constexpr std::string_view font_family = "swelltrack-chart";

/// One face of the chart font: DejaVu Sans (regular or bold) cut down to Latin, Latin-1, Latin
/// Extended-A and the punctuation and signs chart text uses, as a WOFF2 file.
struct FontFile {
    std::string_view name;  // a file name, e.g. "chart-sans.woff2"
    chart::Face face;
    std::string_view woff2;
};
const std::vector<FontFile>& font_files();
/// CSS @font-face rules for font_family, one per file, each at `url_prefix` + its name.
std::string font_face_css(std::string_view url_prefix);

/// The width of UTF-8 text in the chart font (font_files), exactly as a browser without kerning
/// sets it: the font's own advance widths. A character the font lacks (another script, drawn in
/// one of the viewer's fonts) counts a full em, which is at least as wide as nearly any character.
double text_width(std::string_view utf8, chart::Face face, double size);
/// text_width as the layout's MeasureText.
chart::MeasureText measure_chart_font();

/// `chart` laid out in a box of width_px x height_px (measured with text_width) as one <svg> element
/// with a viewBox, role="img", a <title> (the chart's title) and a <desc> (what it shows, in words).
std::string svg_chart(const chart::Chart& chart, double width_px, double height_px);
/// An already laid-out chart as one <svg> element; the layout's box is the viewBox.
std::string svg_chart(const chart::Chart& chart, const chart::ChartLayout& layout);

/// A chart for a page: the SVG, and its note (how to read it, what was left out) as plain text for
/// the page to set as a caption, where it wraps to any width in the page's own font; in a small
/// chart a long note would take the plot's room or be cut. The SVG's <desc> still has the note.
struct Figure {
    std::string svg;
    std::string caption;  // plain UTF-8, not escaped; empty when the chart has no note
};

/// The trend report's four charts for `history` (every session of the client), in the report's
/// order: volume, change (RVC or WAC), per-point profile, symptoms. `options` narrows the days shown
/// (from, to) and names user-defined protocols for the profile, as for the PDF; the rest is unused.
/// `text_scale` as for chart::layout_chart.
std::vector<Figure> trend_figures(const History& history, const ReportOptions& options = {}, double width_px = 560,
                                  double height_px = 280, double text_scale = 1);

}  // namespace swelltrack::svg
