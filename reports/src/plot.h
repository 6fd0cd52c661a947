#pragma once
// The plotting layer the report pages use: axes with readable ticks for dates and values, line and
// point series with gaps for missing data, threshold bands and lines, a legend and a title.
#include <hpdf.h>

#include <optional>
#include <string>
#include <vector>

#include "downsample.h"
#include "page.h"
#include "text.h"

namespace swelltrack::pdf {

/// A rectangle in PDF points; (x, y) is the bottom-left corner.
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

enum class Dash { solid, dashed, dotted };

struct Series {
    std::string label;  // UTF-8; empty = not in the legend
    Rgb color;
    std::vector<XY> points;  // sorted by x; nullopt = gap
    bool line = true;
    bool markers = false;  // drawn when the series (after downsampling) is short enough to read
    Dash dash = Dash::solid;
    double width_pt = 1.2;
};

/// A shaded y interval, e.g. the 5-10% watch band.
struct Band {
    double lo = 0, hi = 0;
    Rgb color;
    std::string label;
};

/// A reference line across the plot: horizontal at y (vertical = false) or vertical at x.
struct RefLine {
    double at = 0;
    bool vertical = false;
    Rgb color;
    std::string label;  // printed at the line's end inside the plot
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
    std::string empty_text = "no data in this range";
    std::string note;  // one small line under the plot, e.g. what was left out
};

/// Draws the whole chart inside `box` (title, legend, axes, plot). Returns the number of series
/// vertices drawn (for tests of the downsampling).
std::size_t draw_chart(HPDF_Page page, const Fonts& fonts, const Chart& chart, Rect box);

}  // namespace swelltrack::pdf
