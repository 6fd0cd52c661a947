// Inline SVG of a laid-out chart: draws what the layout says, in the PDF renderer's order
// (reports/src/plot.cpp), with y flipped (the layout's y grows upwards, SVG's downwards).
#include "swelltrack/svg.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "chart_font.h"
#include "swelltrack/datetime.h"
#include "swelltrack/trend_charts.h"
#include "swelltrack/utf8.h"

namespace swelltrack::svg {

std::string number(double v, int decimals) {
    double scale = decimals == 1 ? 10 : 100;
    v = std::round(v * scale) / scale;
    if (v == 0 || !std::isfinite(v)) v = 0;  // also turns -0 into 0
    char buf[64];
    auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals).ptr;
    std::string out(buf, end);
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    return out;
}

namespace {

using chart::Align;
using chart::ChartLayout;
using chart::Face;
using chart::Label;
using chart::Pen;
using chart::Point;
using chart::Rect;
using chart::Rgb;

template <std::size_t N>
std::string_view bytes(const unsigned char (&data)[N]) {
    return {reinterpret_cast<const char*>(data), N};
}

std::string num(double v, int decimals = 1) { return number(v, decimals); }

// Black follows the page's text colour (dark mode); other colours are the model's own.
std::string paint(Rgb c) {
    if (c.r == 0 && c.g == 0 && c.b == 0) return "currentColor";
    auto byte = [](double v) { return std::to_string(static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255))); };
    return "rgb(" + byte(c.r) + "," + byte(c.g) + "," + byte(c.b) + ")";
}

std::string day_text(double day) {
    return format_date(date::year_month_day{date::sys_days{date::days{static_cast<int>(std::floor(day))}}});
}

// What the chart shows, in words, for screen readers: its axes, its series and the data's extent.
std::string describe(const chart::Chart& c, const ChartLayout& l) {
    std::string out = "Shows " + (c.y_label.empty() ? std::string("values") : c.y_label);
    out += c.x_dates ? " over time" : c.x_label.empty() ? "" : " against " + c.x_label;
    out += ".";
    std::string names;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : c.series) {
        bool any = false;
        for (const auto& p : s.points)
            if (p.y) any = true, lo = std::min(lo, p.x), hi = std::max(hi, p.x);
        if (any && !s.label.empty()) names += (names.empty() ? "" : "; ") + s.label;
    }
    if (!names.empty()) out += " Series: " + names + ".";
    if (l.empty) return out + " " + l.empty->text + ".";
    if (c.x_dates && lo <= hi) out += " From " + day_text(lo) + " to " + day_text(hi) + ".";
    if (!c.note.empty()) out += " " + c.note;
    return out;
}

// Writes elements with the y axis flipped: layout y grows up from the box's bottom, SVG y down from its top.
class Writer {
   public:
    explicit Writer(const Rect& box) : top_(box.y + box.h) {}

    std::string x(double v) const { return num(v); }
    std::string y(double v) const { return num(top_ - v); }

    void open(std::string_view tag, const std::string& attrs) { out_ += "<" + std::string(tag) + attrs + ">"; }
    void close(std::string_view tag) { out_ += "</" + std::string(tag) + ">"; }
    void empty(std::string_view tag, const std::string& attrs) { out_ += "<" + std::string(tag) + attrs + "/>"; }
    void text_element(std::string_view tag, std::string_view text) {
        open(tag, "");
        out_ += escape(text);
        close(tag);
    }

    static std::string attr(std::string_view name, std::string_view value) {
        return " " + std::string(name) + "=\"" + escape(value) + "\"";
    }
    static std::string stroke(const Pen& pen) {
        auto out = attr("stroke", paint(pen.color)) + attr("stroke-width", num(pen.width_pt, 2));
        if (pen.dash != chart::Dash::solid) {
            auto d = chart::dash_pattern(pen.dash);
            out += attr("stroke-dasharray", std::to_string(d.on) + " " + std::to_string(d.off));
        }
        return out;
    }

    std::string rect_attrs(const Rect& r) const {
        return attr("x", x(r.x)) + attr("y", y(r.y + r.h)) + attr("width", num(std::max(0.0, r.w))) +
               attr("height", num(std::max(0.0, r.h)));
    }
    std::string points(const std::vector<Point>& run) const {
        std::string out;
        for (const auto& p : run) out += (out.empty() ? "" : " ") + x(p.x) + "," + y(p.y);
        return out;
    }

    void label(const Label& l) {
        std::string a = attr("x", x(l.at.x)) + attr("y", y(l.at.y)) + attr("font-size", num(l.size, 2));
        if (l.face == Face::bold) a += attr("font-weight", "bold");
        if (l.vertical)  // the layout gives the start of text that runs upwards
            a += attr("transform", "rotate(-90 " + x(l.at.x) + " " + y(l.at.y) + ")");
        else if (l.align != Align::left)
            a += attr("text-anchor", l.align == Align::center ? "middle" : "end");
        open("text", a + attr("fill", paint(l.color)));
        out_ += escape(l.text);
        close("text");
    }
    void line(Point from, Point to, const Pen& pen, std::string_view cls = {}) {
        empty("line", (cls.empty() ? "" : attr("class", cls)) + attr("x1", x(from.x)) + attr("y1", y(from.y)) +
                          attr("x2", x(to.x)) + attr("y2", y(to.y)) + stroke(pen));
    }
    // A nested <svg> the size of `r` with the same coordinates: what is drawn inside is clipped to
    // it, without a clipPath id that would clash between charts on one page.
    void open_clip(const Rect& r) {
        open("svg", attr("class", "plot") + rect_attrs(r) +
                        attr("viewBox", x(r.x) + " " + y(r.y + r.h) + " " + num(r.w) + " " + num(r.h)));
    }

    std::string& out() { return out_; }

   private:
    double top_;
    std::string out_;
};

void legend(Writer& w, const std::vector<chart::LegendEntry>& entries) {
    if (entries.empty()) return;
    w.open("g", Writer::attr("class", "legend"));
    for (const auto& e : entries) {
        w.open("g", "");  // an entry's swatch and label together, e.g. to see that entries do not overlap
        if (e.filled)
            w.empty("rect", w.rect_attrs(e.swatch) + Writer::attr("fill", paint(e.pen.color)));
        else
            w.line(e.from, e.to, e.pen);
        for (const auto& l : e.label) w.label(l);
        w.close("g");
    }
    w.close("g");
}

void rects(Writer& w, const std::vector<ChartLayout::BandRect>& rs, std::string_view cls) {
    for (const auto& b : rs)
        w.empty("rect", Writer::attr("class", cls) + w.rect_attrs(b.rect) + Writer::attr("fill", paint(b.color)));
}

void frame(Writer& w, const ChartLayout& c) {
    w.empty("rect", Writer::attr("class", "frame") + w.rect_attrs(c.plot) + Writer::attr("fill", "none") +
                        Writer::stroke(c.frame));
}

void axes(Writer& w, const ChartLayout& c) {
    const Rect& a = c.plot;
    std::string d;  // every grid line in one path
    for (const auto& t : c.y_ticks) d += "M" + w.x(a.x) + " " + w.y(c.py(t.at)) + "H" + w.x(a.x + a.w);
    for (const auto& t : c.x_ticks) d += "M" + w.x(c.px(t.at)) + " " + w.y(a.y) + "V" + w.y(a.y + a.h);
    if (!d.empty())
        w.empty("path", Writer::attr("class", "grid") + Writer::attr("d", d) + Writer::attr("fill", "none") +
                            Writer::stroke(c.grid));
    frame(w, c);
    w.open("g", Writer::attr("class", "axis"));
    for (const auto& l : c.y_tick_labels) w.label(l);
    for (const auto& l : c.x_tick_labels) w.label(l);
    if (c.x_label) w.label(*c.x_label);
    if (c.y_label) w.label(*c.y_label);
    w.close("g");
}

void series(Writer& w, const chart::SeriesLayout& s) {
    if (s.line && !s.runs.empty()) {  // one polyline per run: a gap in the data is a gap in the line
        w.open("g", Writer::attr("class", "series") + Writer::attr("fill", "none") + Writer::stroke(s.pen) +
                        Writer::attr("stroke-linejoin", "round"));
        for (const auto& run : s.runs) w.empty("polyline", Writer::attr("points", w.points(run)));
        w.close("g");
    }
    if (s.markers && !s.runs.empty()) {
        // Every marker in one path: a dot is a zero-length line with round caps, as wide as the
        // marker, a fifth of the bytes of a circle each (a page's charts stay small).
        std::string d;
        for (const auto& run : s.runs)
            for (const auto& p : run) d += "M" + w.x(p.x) + " " + w.y(p.y) + "h0";
        w.empty("path", Writer::attr("class", "markers") + Writer::attr("d", d) + Writer::attr("fill", "none") +
                            Writer::attr("stroke", paint(s.pen.color)) +
                            Writer::attr("stroke-width", num(2 * chart::marker_radius)) +
                            Writer::attr("stroke-linecap", "round"));
    }
}

void marks(Writer& w, const chart::MarksLayout& m) {
    if (m.x.empty()) return;
    std::string d;
    for (double x : m.x) d += "M" + w.x(x) + " " + w.y(m.y0) + "V" + w.y(m.y1);
    w.empty("path", Writer::attr("class", "marks") + Writer::attr("d", d) + Writer::attr("fill", "none") +
                        Writer::stroke(m.pen));
}

void plot(Writer& w, const ChartLayout& c) {
    w.open_clip(c.plot);  // bands under the grid, lines and series over it, all inside the plot
    rects(w, c.bands, "band");
    rects(w, c.spans, "span");
    w.close("svg");
    axes(w, c);
    w.open_clip(c.plot);
    for (const auto& l : c.lines) {
        w.line(l.from, l.to, l.pen, "reference");
        if (l.label) w.label(*l.label);
    }
    for (const auto& s : c.series) series(w, s);
    for (const auto& m : c.marks) marks(w, m);
    w.close("svg");
}

}  // namespace

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                bool control = static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r';
                out += control ? ' ' : ch;
        }
    }
    return out;
}

double text_width(std::string_view utf8, Face face, double size) {
    const auto& advances = face == Face::bold ? font_data::bold_advances : font_data::regular_advances;
    double units = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto [cp, bytes] = utf8_at(utf8, i);
        i += bytes;
        auto it = std::lower_bound(std::begin(advances), std::end(advances), cp,
                                   [](const font_data::Advance& a, char32_t c) { return a.code_point < c; });
        // A character the chart font lacks is drawn in one of the viewer's fonts, unknown here: a
        // full em is at least as wide as nearly any character of any script.
        units += it != std::end(advances) && it->code_point == cp ? it->units : font_data::units_per_em;
    }
    return units / font_data::units_per_em * size;
}

chart::MeasureText measure_chart_font() { return text_width; }

const std::vector<FontFile>& font_files() {
    static const std::vector<FontFile> files{{"chart-sans.woff2", Face::regular, bytes(font_data::regular_woff2)},
                                             {"chart-sans-bold.woff2", Face::bold, bytes(font_data::bold_woff2)}};
    return files;
}

std::string font_face_css(std::string_view url_prefix) {
    std::string css;
    for (const auto& f : font_files())
        css += "@font-face { font-family: \"" + std::string(font_family) +
               "\"; font-weight: " + (f.face == Face::bold ? "700" : "400") +
               "; font-style: normal; font-display: block; src: url(\"" + std::string(url_prefix) +
               std::string(f.name) + "\") format(\"woff2\"); unicode-range: " + font_data::unicode_ranges + "; }\n";
    return css;
}

std::string svg_chart(const chart::Chart& chart, double width_px, double height_px) {
    return svg_chart(chart, chart::layout_chart(chart, {0, 0, width_px, height_px}, measure_chart_font()));
}

std::string svg_chart(const chart::Chart& chart, const ChartLayout& c) {
    const Rect& b = c.box;
    Writer w(b);
    w.open("svg", Writer::attr("xmlns", "http://www.w3.org/2000/svg") + Writer::attr("class", "chart") +
                      Writer::attr("viewBox", num(b.x) + " 0 " + num(b.w) + " " + num(b.h)) +
                      Writer::attr("width", num(b.w)) + Writer::attr("height", num(b.h)) + Writer::attr("role", "img") +
                      Writer::attr("aria-label", chart.title) +
                      Writer::attr("font-family", std::string(font_family) + ", sans-serif"));
    w.text_element("title", chart.title);
    w.text_element("desc", describe(chart, c));
    w.open("g", Writer::attr("class", "title"));
    for (const auto& l : c.title) w.label(l);
    w.close("g");
    legend(w, c.legend);
    if (!c.note.empty()) {
        w.open("g", Writer::attr("class", "note"));
        for (const auto& l : c.note) w.label(l);
        w.close("g");
    }
    if (c.empty) {
        frame(w, c);
        w.open("g", Writer::attr("class", "empty"));
        w.label(*c.empty);
        w.close("g");
    } else {
        plot(w, c);
    }
    w.close("svg");
    return std::move(w.out());
}

std::vector<Figure> trend_figures(const History& history, const ReportOptions& options, double width_px,
                                  double height_px, double text_scale) {
    const auto view = charts::trend_view(history, options);
    std::vector<Figure> out;
    for (const auto& c : {charts::volume_chart(view), charts::change_chart(view), charts::profile_chart(view),
                          charts::symptoms_chart(view)}) {
        chart::Chart plot_only = c;  // the note goes under the chart as the page's text
        plot_only.note.clear();
        auto layout = chart::layout_chart(plot_only, {0, 0, width_px, height_px}, measure_chart_font(), text_scale);
        out.push_back({svg_chart(c, layout), c.note});
    }
    return out;
}

}  // namespace swelltrack::svg
