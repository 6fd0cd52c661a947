#include "plot.h"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace swelltrack::pdf {
namespace {

HPDF_REAL r(double v) { return static_cast<HPDF_REAL>(v); }

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
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 4), v);
    return buf;
}

date::sys_days to_day(double d) { return date::sys_days{date::days{static_cast<int>(std::floor(d))}}; }
double from_day(date::sys_days d) { return static_cast<double>(d.time_since_epoch().count()); }

const std::array<const char*, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void set_dash(HPDF_Page page, Dash dash) {
    static const HPDF_UINT16 dashed[] = {4, 3};
    static const HPDF_UINT16 dotted[] = {1, 2};
    if (dash == Dash::dashed)
        HPDF_Page_SetDash(page, dashed, 2, 0);
    else if (dash == Dash::dotted)
        HPDF_Page_SetDash(page, dotted, 2, 0);
    else
        HPDF_Page_SetDash(page, nullptr, 0, 0);
}

struct Ends {
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    void add(double v) { lo = std::min(lo, v), hi = std::max(hi, v); }
    bool valid() const { return lo <= hi; }
};

// The data-to-page mapping of the plot area.
struct Mapping {
    Rect area;
    double x_lo, x_hi, y_lo, y_hi;
    double px(double x) const { return area.x + (x - x_lo) / (x_hi - x_lo) * area.w; }
    double py(double y) const { return area.y + (y - y_lo) / (y_hi - y_lo) * area.h; }
};

void legend(HPDF_Page page, const Fonts& f, const Chart& c, double x0, double x1, double& y) {
    const double size = 7;
    double x = x0;
    auto entry = [&](const std::string& label, Rgb color, bool swatch_fill, Dash dash) {
        std::string enc = f.encode(label);
        double w = 16 + f.width(enc, f.regular(), size) + 10;
        if (x + w > x1 && x > x0) x = x0, y -= 10;
        if (swatch_fill) {
            set_fill(page, color);
            HPDF_Page_Rectangle(page, r(x), r(y - 1), 12, 6);
            HPDF_Page_Fill(page);
        } else {
            set_stroke(page, color, 1.6);
            set_dash(page, dash);
            line(page, x, y + 2, x + 12, y + 2);
            set_dash(page, Dash::solid);
        }
        draw_text(page, f.regular(), size, x + 16, y, enc);
        x += w;
    };
    for (const auto& s : c.series)
        if (!s.label.empty()) entry(s.label, s.color, false, s.dash);
    for (const auto& b : c.bands)
        if (!b.label.empty()) entry(b.label, b.color, true, Dash::solid);
    for (const auto& l : c.lines)
        if (!l.label.empty() && !l.vertical) entry(l.label, l.color, false, l.dash);
}

// Draws one series clipped to the plot; returns its vertex count.
std::size_t draw_series(HPDF_Page page, const Series& s, const Mapping& fr) {
    auto buckets = static_cast<std::size_t>(std::max(8.0, fr.area.w / 2.0));  // min+max per 2 pt: ~1 per pt
    std::vector<XY> pts = downsample_minmax(s.points, buckets);
    std::size_t vertices = 0;
    if (s.line) {
        // Dense series (more samples than points of width / 3) get a thinner pen so the envelope reads.
        bool dense = static_cast<double>(s.points.size()) > fr.area.w / 3;
        set_stroke(page, s.color, dense ? std::min(0.6, s.width_pt) : s.width_pt);
        set_dash(page, s.dash);
        HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
        bool pen_down = false, any = false;
        for (const auto& p : pts) {
            if (!p.y) {
                pen_down = false;
                continue;
            }
            if (pen_down)
                HPDF_Page_LineTo(page, r(fr.px(p.x)), r(fr.py(*p.y)));
            else
                HPDF_Page_MoveTo(page, r(fr.px(p.x)), r(fr.py(*p.y)));
            pen_down = any = true;
            ++vertices;
        }
        if (any) HPDF_Page_Stroke(page);
        set_dash(page, Dash::solid);
    }
    std::size_t valued =
        static_cast<std::size_t>(std::count_if(pts.begin(), pts.end(), [](const XY& p) { return p.y.has_value(); }));
    if (s.markers && valued <= 120) {
        set_fill(page, s.color);
        for (const auto& p : pts) {
            if (!p.y) continue;
            HPDF_Page_Circle(page, r(fr.px(p.x)), r(fr.py(*p.y)), 1.8f);
            HPDF_Page_Fill(page);
            if (!s.line) ++vertices;
        }
    }
    return vertices;
}

void axes(HPDF_Page page, const Fonts& f, const Chart& c, const Mapping& fr, const std::vector<Tick>& xt,
          const std::vector<Tick>& yt) {
    const Rect& a = fr.area;
    set_stroke(page, {0.9, 0.9, 0.9}, 0.4);
    for (const auto& t : yt) line(page, a.x, fr.py(t.at), a.x + a.w, fr.py(t.at));
    for (const auto& t : xt) line(page, fr.px(t.at), a.y, fr.px(t.at), a.y + a.h);
    set_stroke(page, grey, 0.6);
    HPDF_Page_Rectangle(page, r(a.x), r(a.y), r(a.w), r(a.h));
    HPDF_Page_Stroke(page);
    for (const auto& t : yt)
        draw_text(page, f.regular(), 6.5, a.x - 3, fr.py(t.at) - 2.2, f.encode(t.label), Align::right, grey);
    for (const auto& t : xt)
        draw_text(page, f.regular(), 6.5, fr.px(t.at), a.y - 9, f.encode(t.label), Align::center, grey);
    if (!c.x_label.empty())
        draw_text(page, f.regular(), 7, a.x + a.w / 2, a.y - 19, f.encode(c.x_label), Align::center, grey);
    if (!c.y_label.empty()) {  // rotated a quarter turn, centred on the y axis
        std::string enc = f.fit(c.y_label, f.regular(), 7, a.h);
        double w = f.width(enc, f.regular(), 7);
        set_fill(page, grey);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, f.regular(), 7);
        HPDF_Page_SetTextMatrix(page, 0, 1, -1, 0, r(a.x - 30), r(a.y + a.h / 2 - w / 2));
        HPDF_Page_ShowText(page, enc.c_str());
        HPDF_Page_EndText(page);
    }
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

std::size_t draw_chart(HPDF_Page page, const Fonts& f, const Chart& c, Rect box) {
    double top = box.y + box.h;
    draw_text(page, f.bold(), 9.5, box.x, top - 10, f.fit(c.title, f.bold(), 9.5, box.w));
    double ly = top - 22;
    legend(page, f, c, box.x + 42, box.x + box.w, ly);

    Ends xs, ys;
    for (const auto& s : c.series)
        for (const auto& p : s.points) {
            xs.add(p.x);
            if (p.y) ys.add(*p.y);
        }
    Mapping fr;
    fr.area = {box.x + 42, box.y + (c.x_label.empty() ? 14 : 24) + (c.note.empty() ? 0 : 10), box.w - 48, 0};
    if (!c.note.empty())
        draw_text(page, f.regular(), 6.5, box.x + box.w - 6, box.y + 1, f.fit(c.note, f.regular(), 6.5, box.w - 48),
                  Align::right, grey);
    fr.area.h = ly - 8 - fr.area.y;
    if (!ys.valid()) {
        set_stroke(page, grey, 0.6);
        HPDF_Page_Rectangle(page, r(fr.area.x), r(fr.area.y), r(fr.area.w), r(fr.area.h));
        HPDF_Page_Stroke(page);
        draw_text(page, f.regular(), 8, fr.area.x + fr.area.w / 2, fr.area.y + fr.area.h / 2, f.encode(c.empty_text),
                  Align::center, grey);
        return 0;
    }
    // x: data extent padded by 2% (a lone point gets +-3 days or +-1).
    double xpad = xs.hi > xs.lo ? (xs.hi - xs.lo) * 0.02 : (c.x_dates ? 3.0 : 1.0);
    fr.x_lo = c.x_lo.value_or(xs.lo - xpad);
    fr.x_hi = c.x_hi.value_or(xs.hi + xpad);
    // y: data extent (and zero if asked) padded by 6%, then out to whole ticks.
    if (c.y_from_zero) ys.add(0.0);
    if (c.y_include_lines && ys.valid())
        for (const auto& l : c.lines)
            if (!l.vertical) ys.add(l.at);
    double ypad = ys.hi > ys.lo ? (ys.hi - ys.lo) * 0.06 : std::max(1.0, std::abs(ys.hi) * 0.05);
    int max_y_ticks = std::max(3, static_cast<int>(fr.area.h / 22));
    double lo = ys.lo - (c.y_from_zero && ys.lo >= 0 ? 0 : ypad), hi = ys.hi + ypad;
    double step = nice_step(hi - lo, max_y_ticks);
    fr.y_lo = c.y_lo.value_or(std::floor(lo / step) * step);
    fr.y_hi = c.y_hi.value_or(std::ceil(hi / step) * step);
    if (c.y_lo && !c.y_hi) fr.y_hi = std::max(fr.y_hi, *c.y_lo + step);

    int max_x_ticks = std::max(2, static_cast<int>(fr.area.w / (c.x_dates ? 62 : 30)));
    auto xt = c.x_dates ? date_ticks(fr.x_lo, fr.x_hi, max_x_ticks) : value_ticks(fr.x_lo, fr.x_hi, max_x_ticks);
    auto yt = value_ticks(fr.y_lo, fr.y_hi, max_y_ticks);

    HPDF_Page_GSave(page);  // clip bands, reference lines and series to the plot area
    HPDF_Page_Rectangle(page, r(fr.area.x), r(fr.area.y), r(fr.area.w), r(fr.area.h));
    HPDF_Page_Clip(page);
    HPDF_Page_EndPath(page);
    for (const auto& b : c.bands) {
        set_fill(page, b.color);
        double bottom = fr.py(std::max(b.lo, fr.y_lo)), top_y = fr.py(std::min(b.hi, fr.y_hi));
        if (top_y > bottom) {
            HPDF_Page_Rectangle(page, r(fr.area.x), r(bottom), r(fr.area.w), r(top_y - bottom));
            HPDF_Page_Fill(page);
        }
    }
    HPDF_Page_GRestore(page);
    axes(page, f, c, fr, xt, yt);
    HPDF_Page_GSave(page);
    HPDF_Page_Rectangle(page, r(fr.area.x), r(fr.area.y), r(fr.area.w), r(fr.area.h));
    HPDF_Page_Clip(page);
    HPDF_Page_EndPath(page);
    for (const auto& l : c.lines) {
        set_stroke(page, l.color, 0.9);
        set_dash(page, l.dash);
        if (l.vertical)
            line(page, fr.px(l.at), fr.area.y, fr.px(l.at), fr.area.y + fr.area.h);
        else
            line(page, fr.area.x, fr.py(l.at), fr.area.x + fr.area.w, fr.py(l.at));
        set_dash(page, Dash::solid);
        if (l.vertical && !l.label.empty())
            draw_text(page, f.regular(), 6.5, fr.px(l.at) + 2, fr.area.y + fr.area.h - 8, f.encode(l.label),
                      Align::left, l.color);
    }
    std::size_t vertices = 0;
    for (const auto& s : c.series) vertices += draw_series(page, s, fr);
    HPDF_Page_GRestore(page);
    return vertices;
}

}  // namespace swelltrack::pdf
