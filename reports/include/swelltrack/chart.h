#pragma once
// Charts as data, and their layout: given a chart and a box, where everything goes (plot area, ranges,
// ticks and labels, the downsampled series, bands, reference lines, legend, texts). No drawing library
// here: a renderer (the PDF one is reports/src/plot.cpp) only draws what the layout says, so another
// renderer (e.g. SVG for web pages) draws the same chart. Text widths come from the renderer's fonts
// through a MeasureText callback.
//
// Coordinates are points with y growing upwards, as in PDF: a renderer with y growing downwards flips them.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swelltrack::chart {

struct Rgb {
    double r = 0, g = 0, b = 0;
};
inline constexpr Rgb black{0, 0, 0};
inline constexpr Rgb grey{0.45, 0.45, 0.45};
inline constexpr Rgb light_grey{0.85, 0.85, 0.85};

enum class Align { left, right, center };
enum class Dash { solid, dashed, dotted };
enum class Face { regular, bold };

/// A dashed or dotted stroke's on and off lengths in points (solid: 0 and 0), the same in every renderer.
struct DashPattern {
    int on = 0, off = 0;
};
constexpr DashPattern dash_pattern(Dash dash) {
    return dash == Dash::dashed ? DashPattern{4, 3} : dash == Dash::dotted ? DashPattern{1, 2} : DashPattern{};
}

/// One sample of a series; nullopt y is missing data, drawn as a gap.
struct XY {
    double x = 0;
    std::optional<double> y;
};

struct Point {
    double x = 0, y = 0;
};

/// A rectangle in points; (x, y) is the bottom-left corner.
struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
};

struct Tick {
    double at = 0;
    std::string label;
};

/// Round-number ticks (1, 2, 5 x 10^k) covering [lo, hi], at most about `max_ticks`; labels have
/// just enough decimals to tell them apart.
std::vector<Tick> value_ticks(double lo, double hi, int max_ticks);
/// Ticks on days since 1970-01-01 at whole days, weeks (Mondays), months or years, whichever gives
/// at most `max_ticks`; labels "2025-03-01", "Mar 2025" or "2025".
std::vector<Tick> date_ticks(double lo_day, double hi_day, int max_ticks);

// ---- What to show ----------------------------------------------------------------------------

struct Series {
    std::string label;  // UTF-8; empty = not in the legend
    Rgb color;
    std::vector<XY> points;  // sorted by x; nullopt = gap
    bool line = true;
    bool markers = false;  // drawn when they stand apart: 4 marker radii of plot width a point (chart.cpp)
    Dash dash = Dash::solid;
    double width_pt = 1.2;
};

/// A shaded y interval, e.g. the 5-10% watch band.
struct Band {
    double lo = 0, hi = 0;
    Rgb color;
    std::string label;
};

/// A shaded x interval across the plot's full height, e.g. an episode of possible infection.
struct Span {
    double lo = 0, hi = 0;
    Rgb color;
    std::string label;  // in the legend once, however many spans share it (empty: not in the legend)
};

/// Short upright ticks along the bottom of the plot at each x, e.g. the sessions with treatment.
struct Marks {
    std::vector<double> at;
    Rgb color;
    std::string label;  // in the legend
};

/// A reference line across the plot: horizontal at y (vertical = false) or vertical at x.
struct RefLine {
    double at = 0;
    bool vertical = false;
    Rgb color;
    std::string label;  // horizontal: in the legend; vertical: printed at the line's top inside the plot
    Dash dash = Dash::dashed;
};

struct Chart {
    std::string title, y_label, x_label;           // UTF-8
    bool x_dates = true;                           // x in days since 1970-01-01
    std::optional<double> x_lo, x_hi, y_lo, y_hi;  // fixed ends; otherwise from the data (y padded)
    bool y_from_zero = false;
    bool y_include_lines = false;  // widen the y range to show every horizontal reference line
    std::vector<Series> series;
    std::vector<Band> bands;
    std::vector<RefLine> lines;
    std::vector<Span> spans;
    std::vector<Marks> marks;
    std::string empty_text = "no data in this range";
    std::string note;  // small text under the plot (what was left out, how to read it); wraps onto up to 6 lines
};

// ---- Where it goes -------------------------------------------------------------------------------

/// Width in points of UTF-8 text set in `face` at `size` points, as the renderer's fonts measure it.
using MeasureText = std::function<double(std::string_view utf8, Face face, double size)>;

/// `utf8` unchanged when it fits `width_pt`, else cut between characters and ended with "...".
std::string fit_text(std::string_view utf8, Face face, double size, double width_pt, const MeasureText& measure);
/// `utf8` broken at spaces into lines no wider than `width_pt` (a word wider than a line is cut by
/// fit_text); at most `max_lines`, the last ending in "..." when text was left out.
std::vector<std::string> wrap_text(std::string_view utf8, Face face, double size, double width_pt,
                                   std::size_t max_lines, const MeasureText& measure);

/// Text placed on the page. `at` is the baseline's left, right or centre point (by `align`); a vertical
/// label starts at `at` and runs upwards (turned a quarter turn anticlockwise).
struct Label {
    std::string text;  // UTF-8, already cut to fit
    Point at;
    Face face = Face::regular;
    double size = 7;
    Align align = Align::left;
    Rgb color = black;
    bool vertical = false;
};

struct Pen {
    Rgb color;
    double width_pt = 1;
    Dash dash = Dash::solid;
};

/// A legend entry: a filled swatch (bands, spans) or a short stroke (series and lines across, marks
/// upright), then its label.
struct LegendEntry {
    bool filled = false;
    Rect swatch;               // filled: the rectangle to fill
    Point from, to;            // not filled: the stroke
    Pen pen;                   // colour (and for strokes width and dash)
    std::vector<Label> label;  // its lines, top first: more than one only when it is wider than a legend row
};

struct SegmentLayout {
    Point from, to;
    Pen pen;
    std::optional<Label> label;
};

/// A series after downsampling, in page coordinates.
struct SeriesLayout {
    Pen pen;                               // width already thinned for dense series; round joins
    bool line = true;                      // join each run's points
    std::vector<std::vector<Point>> runs;  // split where the data has gaps; never empty runs
    bool markers = false;                  // a dot of `marker_radius` on every point of every run
    std::size_t points() const;
};
inline constexpr double marker_radius = 1.8;

/// Marks in page coordinates: one upright stroke from y0 to y1 at each x (at most one per 0.5 pt).
struct MarksLayout {
    Pen pen;
    std::vector<double> x;
    double y0 = 0, y1 = 0;
};
inline constexpr double mark_height = 6;
inline constexpr double min_span_width = 2;  // a one-session span is still visible

struct ChartLayout {
    Rect box;
    double text_scale = 1;     // text sizes and the room kept for text, against the PDF's (layout_chart)
    std::vector<Label> title;  // its lines, top first: more than one only when it is wider than the box
    std::vector<LegendEntry> legend;
    std::vector<Label> note;     // the note's lines, top first
    Rect plot;                   // the plot area; bands, reference lines and series are clipped to it
    Pen frame;                   // the plot area's outline
    std::optional<Label> empty;  // nothing to plot: only title, legend, note, the frame and this text

    // The rest is set when there is something to plot.
    double x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;  // the data range the plot area shows
    std::vector<Tick> x_ticks, y_ticks;             // in data units
    Pen grid;                                       // light lines at every tick, under the frame
    std::vector<Label> x_tick_labels, y_tick_labels;
    std::optional<Label> x_label, y_label;
    struct BandRect {
        Rect rect;
        Rgb color;
    };
    std::vector<BandRect> bands;       // already clipped to the plot area; bands outside it are left out
    std::vector<BandRect> spans;       // the same for spans (full height, clipped in x), drawn over the bands
    std::vector<MarksLayout> marks;    // over the series, inside the plot
    std::vector<SegmentLayout> lines;  // reference lines across the plot area, vertical ones with their label
    std::vector<SeriesLayout> series;

    /// Data to page coordinates.
    double px(double x) const { return plot.x + (x - x_lo) / (x_hi - x_lo) * plot.w; }
    double py(double y) const { return plot.y + (y - y_lo) / (y_hi - y_lo) * plot.h; }
    /// Vertices drawn for the series: line points, or marker points of a series without a line.
    std::size_t vertices() const;
};

/// Lays `chart` out inside `box` (title on top, legend below it, then the plot with its axes, and the
/// note at the bottom). `text_scale` multiplies every text size and the room around text (margins,
/// gaps, line spacing), not strokes or markers: the PDF's 1 sets labels at 7 pt; a page that shows
/// the chart scaled down to a phone's width asks for more, so that its text stays legible there.
ChartLayout layout_chart(const Chart& chart, Rect box, const MeasureText& measure, double text_scale = 1);

}  // namespace swelltrack::chart
