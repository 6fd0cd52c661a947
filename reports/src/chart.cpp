#include "swelltrack/chart.h"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "downsample.h"
#include "swelltrack/display.h"
#include "swelltrack/utf8.h"

namespace swelltrack::chart {
namespace {

// A 1, 2 or 5 x 10^k step giving at most about `max_ticks` steps over `span`.
double nice_step(double span, int max_ticks) {
    if (!(span > 0)) return 1.0;
    double raw = span / std::max(1, max_ticks);
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= raw) return m * mag;
    return 10.0 * mag;
}

std::string number_label(double v, double step) {
    int decimals = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    if (std::abs(v) < step * 1e-6) v = 0.0;  // no "-0"
    return display::fixed(v, std::clamp(decimals, 0, 4));
}

date::sys_days to_day(double d) { return date::sys_days{date::days{static_cast<int>(std::floor(d))}}; }
double from_day(date::sys_days d) { return static_cast<double>(d.time_since_epoch().count()); }

const std::array<const char*, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Ends {
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    void add(double v) { lo = std::min(lo, v), hi = std::max(hi, v); }
    bool valid() const { return lo <= hi; }
};

// Byte length of the UTF-8 character starting at `i`.
std::size_t char_len(std::string_view s, std::size_t i) { return utf8_at(s, i).bytes; }

// Legend entries flow left to right from x0 and wrap at x1; `y` is the baseline of the current row,
// and ends as the lowest. A label wider than a whole row breaks onto a second line, which makes its
// row a line taller.
void lay_legend(const Chart& c, const MeasureText& measure, double x0, double x1, double& y, ChartLayout& out) {
    const double k = out.text_scale, size = 7 * k, line = 10 * k;
    double x = x0;
    std::size_t row_lines = 1;  // the most lines a label of the current row has
    auto entry = [&](const std::string& label, Rgb color, bool filled, Dash dash) {
        auto lines = wrap_text(label, Face::regular, size, x1 - x0 - 16 * k, 2, measure);
        double text_w = 0;
        for (const auto& l : lines) text_w = std::max(text_w, measure(l, Face::regular, size));
        double w = 16 * k + text_w + 10 * k;
        if (x + w > x1 && x > x0) x = x0, y -= line * static_cast<double>(row_lines), row_lines = 1;
        row_lines = std::max(row_lines, lines.size());
        LegendEntry e;
        e.filled = filled;
        e.pen = {color, 1.6, filled ? Dash::solid : dash};
        if (filled)
            e.swatch = {x, y - 1 * k, 12 * k, 6 * k};
        else
            e.from = {x, y + 2 * k}, e.to = {x + 12 * k, y + 2 * k};
        for (std::size_t i = 0; i < lines.size(); ++i)
            e.label.push_back({lines[i], {x + 16 * k, y - line * static_cast<double>(i)}, Face::regular, size});
        out.legend.push_back(std::move(e));
        x += w;
    };
    for (const auto& s : c.series)
        if (!s.label.empty()) entry(s.label, s.color, false, s.dash);
    for (const auto& b : c.bands)
        if (!b.label.empty()) entry(b.label, b.color, true, Dash::solid);
    for (const auto& l : c.lines)
        if (!l.label.empty() && !l.vertical) entry(l.label, l.color, false, l.dash);
    std::vector<std::string> seen;
    for (const auto& s : c.spans) {
        if (s.label.empty() || std::find(seen.begin(), seen.end(), s.label) != seen.end()) continue;
        seen.push_back(s.label);
        entry(s.label, s.color, true, Dash::solid);
    }
    for (const auto& m : c.marks) {
        if (m.label.empty()) continue;
        entry(m.label, m.color, false, Dash::solid);
        auto& e = out.legend.back();  // an upright tick, as drawn on the time axis
        e.from = {e.from.x + 6 * k, y - 1 * k}, e.to = {e.from.x, y - 1 * k + mark_height * k};
    }
    y -= line * static_cast<double>(row_lines - 1);
}

SeriesLayout lay_series(const Series& s, const ChartLayout& fr) {
    auto buckets = static_cast<std::size_t>(std::max(8.0, fr.plot.w / 2.0));  // min+max per 2 pt: ~1 per pt
    std::vector<XY> pts = downsample_minmax(s.points, buckets);
    SeriesLayout out;
    // Dense series (more samples than points of width / 3) get a thinner pen so the envelope reads.
    bool dense = static_cast<double>(s.points.size()) > fr.plot.w / 3;
    out.pen = {s.color, s.line && dense ? std::min(0.6, s.width_pt) : s.width_pt, s.dash};
    out.line = s.line;
    std::size_t valued = 0;
    bool pen_down = false;
    for (const auto& p : pts) {
        if (!p.y) {
            pen_down = false;
            continue;
        }
        if (!pen_down) out.runs.emplace_back();
        out.runs.back().push_back({fr.px(p.x), fr.py(*p.y)});
        pen_down = true;
        ++valued;
    }
    // A marker reads as a session while the markers stand apart: on average two markers' width (4
    // radii) of plot per point, so 30 points on a phone's 220 px, about 65 on the PDF's 480 pt. A
    // series without a line keeps its markers however many: they are all it draws.
    out.markers = s.markers && (!s.line || static_cast<double>(valued) * 4 * marker_radius <= fr.plot.w);
    return out;
}

}  // namespace

std::vector<Tick> value_ticks(double lo, double hi, int max_ticks) {
    std::vector<Tick> out;
    if (!(hi > lo)) return out;
    double step = nice_step(hi - lo, max_ticks);
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
        out.push_back({v, number_label(v, step)});
    return out;
}

std::vector<Tick> date_ticks(double lo_day, double hi_day, int max_ticks) {
    using namespace date;
    std::vector<Tick> out;
    if (!(hi_day > lo_day)) return out;
    double span = hi_day - lo_day;
    for (int step : {1, 2, 7, 14}) {
        if (span / step > max_ticks) continue;
        double first = std::ceil(lo_day);
        if (step >= 7) first += std::fmod(std::fmod(4.0 - first, 7.0) + 7.0, 7.0);  // Mondays (day 4 = 1970-01-05)
        for (double d = first; d <= hi_day; d += step) out.push_back({d, format("%F", to_day(d))});
        return out;
    }
    year_month_day a{to_day(lo_day)}, b{to_day(hi_day)};
    int months = (int(b.year()) - int(a.year())) * 12 + int(unsigned(b.month())) - int(unsigned(a.month()));
    for (int step : {1, 2, 3, 6, 12, 24, 60, 120}) {
        if (months / step + 1 > max_ticks) continue;
        year_month ym{a.year(), a.month()};
        for (; sys_days{ym / 1} <= to_day(hi_day); ym += date::months{1}) {
            int index = int(ym.year()) * 12 + int(unsigned(ym.month())) - 1;
            double d = from_day(sys_days{ym / 1});
            if (index % step != 0 || d < lo_day) continue;
            std::string label =
                step >= 12 ? std::to_string(int(ym.year()))
                           : std::string(month_names[unsigned(ym.month()) - 1]) + " " + std::to_string(int(ym.year()));
            out.push_back({d, label});
        }
        return out;
    }
    return out;
}

std::string fit_text(std::string_view utf8, Face face, double size, double width_pt, const MeasureText& measure) {
    if (measure(utf8, face, size) <= width_pt) return std::string(utf8);
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        std::size_t n = char_len(utf8, i);
        std::string trial = out;
        trial.append(utf8.substr(i, n)).append("...");
        if (measure(trial, face, size) > width_pt) break;
        out.append(utf8.substr(i, n));
        i += n;
    }
    return out + "...";
}

std::vector<std::string> wrap_text(std::string_view utf8, Face face, double size, double width_pt,
                                   std::size_t max_lines, const MeasureText& measure) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < utf8.size() && lines.size() < max_lines) {
        std::size_t end = std::min(utf8.find(' ', i), utf8.size());
        std::string word(utf8.substr(i, end - i));
        std::string joined = line.empty() ? word : line + " " + word;
        if (measure(joined, face, size) <= width_pt || line.empty()) {
            line = measure(joined, face, size) <= width_pt ? joined : fit_text(word, face, size, width_pt, measure);
            i = end < utf8.size() ? end + 1 : end;
            continue;
        }
        lines.push_back(line);
        line.clear();
    }
    if (!line.empty() && lines.size() < max_lines) lines.push_back(line);
    if (i < utf8.size() && !lines.empty())
        lines.back() = fit_text(lines.back() + " ...", face, size, width_pt, measure);
    return lines;
}

std::size_t SeriesLayout::points() const {
    std::size_t n = 0;
    for (const auto& r : runs) n += r.size();
    return n;
}

std::size_t ChartLayout::vertices() const {
    std::size_t n = 0;
    for (const auto& s : series)
        if (s.line || s.markers) n += s.points();
    return n;
}

namespace {

// The data's extent: in x over every point, in y over the points with a value.
void data_extent(const Chart& c, Ends& xs, Ends& ys) {
    for (const auto& s : c.series)
        for (const auto& p : s.points) {
            xs.add(p.x);
            if (p.y) ys.add(*p.y);
        }
}

// The note's lines sit at the bottom of the box, 8.5 pt apart, left-aligned under the plot; returns
// the height they take.
double lay_note(const Chart& c, Rect box, const MeasureText& measure, ChartLayout& out) {
    const double k = out.text_scale, size = 6.5 * k, line = 8.5 * k;
    auto note_lines = c.note.empty() ? std::vector<std::string>{}
                                     : wrap_text(c.note, Face::regular, size, box.w - 48 * k, 6, measure);
    for (std::size_t i = 0; i < note_lines.size(); ++i)
        out.note.push_back(
            Label{note_lines[i],
                  {box.x + 42 * k, box.y + 1 * k + line * static_cast<double>(note_lines.size() - 1 - i)},
                  Face::regular,
                  size,
                  Align::left,
                  grey});
    return note_lines.empty() ? 0 : 10 * k + line * static_cast<double>(note_lines.size() - 1);
}

// x: the chart's range, else the data extent padded by 2% (a lone point gets +-3 days or +-1); and its ticks.
void lay_x_axis(const Chart& c, const Ends& xs, ChartLayout& out) {
    double xpad = xs.hi > xs.lo ? (xs.hi - xs.lo) * 0.02 : (c.x_dates ? 3.0 : 1.0);
    out.x_lo = c.x_lo.value_or(xs.lo - xpad);
    out.x_hi = c.x_hi.value_or(xs.hi + xpad);
    int max_x_ticks = std::max(2, static_cast<int>(out.plot.w / ((c.x_dates ? 62 : 30) * out.text_scale)));
    out.x_ticks =
        c.x_dates ? date_ticks(out.x_lo, out.x_hi, max_x_ticks) : value_ticks(out.x_lo, out.x_hi, max_x_ticks);
}

// y: the chart's range, else the data extent (and zero if asked) padded by 6%, then out to whole
// ticks; and its ticks.
void lay_y_axis(const Chart& c, Ends ys, ChartLayout& out) {
    if (c.y_from_zero) ys.add(0.0);
    if (c.y_include_lines)
        for (const auto& l : c.lines)
            if (!l.vertical) ys.add(l.at);
    double ypad = ys.hi > ys.lo ? (ys.hi - ys.lo) * 0.06 : std::max(1.0, std::abs(ys.hi) * 0.05);
    int max_y_ticks = std::max(3, static_cast<int>(out.plot.h / (22 * out.text_scale)));
    double lo = ys.lo - (c.y_from_zero && ys.lo >= 0 ? 0 : ypad), hi = ys.hi + ypad;
    double step = nice_step(hi - lo, max_y_ticks);
    out.y_lo = c.y_lo.value_or(std::floor(lo / step) * step);
    out.y_hi = c.y_hi.value_or(std::ceil(hi / step) * step);
    if (c.y_lo && !c.y_hi) out.y_hi = std::max(out.y_hi, *c.y_lo + step);
    out.y_ticks = value_ticks(out.y_lo, out.y_hi, max_y_ticks);
}

// Bands, spans (at least min_span_width wide) and marks, clipped to the plot area.
void lay_areas(const Chart& c, ChartLayout& out) {
    const Rect& a = out.plot;
    for (const auto& b : c.bands) {
        double bottom = out.py(std::max(b.lo, out.y_lo)), top_y = out.py(std::min(b.hi, out.y_hi));
        if (top_y > bottom) out.bands.push_back({{a.x, bottom, a.w, top_y - bottom}, b.color});
    }
    for (const auto& sp : c.spans) {
        double l = out.px(sp.lo), r = out.px(sp.hi);
        if (r - l < min_span_width) l = (l + r) / 2 - min_span_width / 2, r = l + min_span_width;
        l = std::max(l, a.x), r = std::min(r, a.x + a.w);
        if (r > l) out.spans.push_back({{l, a.y, r - l, a.h}, sp.color});
    }
    for (const auto& m : c.marks) {
        MarksLayout ml{{m.color, 0.8, Dash::solid}, {}, a.y, a.y + mark_height};
        for (double x : m.at) {
            double px = out.px(x);
            if (px < a.x || px > a.x + a.w) continue;
            if (!ml.x.empty() && std::abs(px - ml.x.back()) < 0.5) continue;  // the same stroke again
            ml.x.push_back(px);
        }
        out.marks.push_back(std::move(ml));
    }
}

// The centre of text `width` wide centred on `x`, moved in where it would pass the box's edge: a
// tick near the plot's right end would otherwise push half its label ("Mar 2025") out of the chart.
double centre_inside(double x, double width, const Rect& box) {
    return std::clamp(x, box.x + width / 2, std::max(box.x + width / 2, box.x + box.w - width / 2));
}

// The grid's pen and the tick labels left of and under the plot.
void lay_tick_labels(Rect box, const MeasureText& measure, ChartLayout& out) {
    const Rect& a = out.plot;
    const double k = out.text_scale, size = 6.5 * k;
    out.grid = {{0.9, 0.9, 0.9}, 0.4, Dash::solid};
    for (const auto& t : out.y_ticks)
        out.y_tick_labels.push_back(
            {t.label, {a.x - 3 * k, out.py(t.at) - 2.2 * k}, Face::regular, size, Align::right, grey});
    for (const auto& t : out.x_ticks) {  // centred under its tick, but never past the box
        double x = centre_inside(out.px(t.at), measure(t.label, Face::regular, size), box);
        out.x_tick_labels.push_back({t.label, {x, a.y - 9 * k}, Face::regular, size, Align::center, grey});
    }
}

// The axis titles: centred under the x axis as far as the box allows, and a quarter turn centred on
// the y axis; each cut to fit.
void lay_axis_titles(const Chart& c, const MeasureText& measure, ChartLayout& out) {
    const Rect& a = out.plot;
    const double k = out.text_scale, size = 7 * k;
    if (!c.x_label.empty()) {
        std::string text = fit_text(c.x_label, Face::regular, size, out.box.w, measure);
        double x = centre_inside(a.x + a.w / 2, measure(text, Face::regular, size), out.box);
        out.x_label = Label{std::move(text), {x, a.y - 19 * k}, Face::regular, size, Align::center, grey};
    }
    if (!c.y_label.empty()) {
        std::string text = fit_text(c.y_label, Face::regular, size, a.h, measure);
        double w = measure(text, Face::regular, size);
        out.y_label =
            Label{std::move(text), {a.x - 30 * k, a.y + a.h / 2 - w / 2}, Face::regular, size, Align::left, grey, true};
    }
}

// Reference lines across the plot area, vertical ones with their label: right of the line, or left
// of it where the plot ends too soon (the plot clips what is drawn in it).
void lay_lines(const Chart& c, const MeasureText& measure, ChartLayout& out) {
    const Rect& a = out.plot;
    const double k = out.text_scale, size = 6.5 * k;
    for (const auto& l : c.lines) {
        SegmentLayout s;
        s.pen = {l.color, 0.9, l.dash};
        if (l.vertical) {
            double x = out.px(l.at);
            s.from = {x, a.y}, s.to = {x, a.y + a.h};
            if (!l.label.empty()) {
                Label label{l.label, {x + 2 * k, a.y + a.h - 8 * k}, Face::regular, size, Align::left, l.color};
                if (x + 2 * k + measure(l.label, Face::regular, size) > a.x + a.w)
                    label.at.x = x - 2 * k, label.align = Align::right;
                s.label = std::move(label);
            }
        } else {
            s.from = {a.x, out.py(l.at)}, s.to = {a.x + a.w, out.py(l.at)};
        }
        out.lines.push_back(std::move(s));
    }
}

}  // namespace

ChartLayout layout_chart(const Chart& c, Rect box, const MeasureText& measure, double text_scale) {
    ChartLayout out;
    out.box = box;
    out.text_scale = text_scale;
    const double k = text_scale;
    double top = box.y + box.h;
    double ty = top - 10 * k, ly = top - 22 * k;  // the title's baseline and the legend's
    for (auto& line : wrap_text(c.title, Face::bold, 9.5 * k, box.w, 2, measure)) {
        if (!out.title.empty()) ty -= 12 * k, ly -= 12 * k;  // a title too wide for the box takes a second line
        out.title.push_back({std::move(line), {box.x, ty}, Face::bold, 9.5 * k});
    }
    lay_legend(c, measure, box.x + 42 * k, box.x + box.w, ly, out);

    Ends xs, ys;
    data_extent(c, xs, ys);
    double note_h = lay_note(c, box, measure, out);
    out.plot = {box.x + 42 * k, box.y + (c.x_label.empty() ? 14 : 24) * k + note_h, box.w - 48 * k, 0};
    out.plot.h = ly - 8 * k - out.plot.y;
    out.frame = {grey, 0.6, Dash::solid};
    if (!ys.valid()) {
        out.empty = Label{c.empty_text,  {out.plot.x + out.plot.w / 2, out.plot.y + out.plot.h / 2},
                          Face::regular, 8 * k,
                          Align::center, grey};
        return out;
    }
    lay_x_axis(c, xs, out);
    lay_y_axis(c, ys, out);
    lay_areas(c, out);
    lay_tick_labels(box, measure, out);
    lay_axis_titles(c, measure, out);
    lay_lines(c, measure, out);
    for (const auto& s : c.series) out.series.push_back(lay_series(s, out));
    return out;
}

}  // namespace swelltrack::chart
