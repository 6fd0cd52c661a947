#include "plot.h"

namespace swelltrack::pdf {
namespace {

HPDF_REAL r(double v) { return static_cast<HPDF_REAL>(v); }

HPDF_Font font(const Fonts& f, chart::Face face) { return face == chart::Face::bold ? f.bold() : f.regular(); }

void set_dash(HPDF_Page page, Dash dash) {
    auto p = chart::dash_pattern(dash);
    const HPDF_UINT16 on_off[] = {static_cast<HPDF_UINT16>(p.on), static_cast<HPDF_UINT16>(p.off)};
    if (dash == Dash::solid)
        HPDF_Page_SetDash(page, nullptr, 0, 0);
    else
        HPDF_Page_SetDash(page, on_off, 2, 0);
}

void label(HPDF_Page page, const Fonts& f, const chart::Label& l) {
    if (!l.vertical) {
        draw_text(page, font(f, l.face), l.size, l.at.x, l.at.y, f.encode(l.text), l.align, l.color);
        return;
    }
    set_fill(page, l.color);  // the layout gives the start of vertical text
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font(f, l.face), r(l.size));
    HPDF_Page_SetTextMatrix(page, 0, 1, -1, 0, r(l.at.x), r(l.at.y));
    HPDF_Page_ShowText(page, visual_order(f.encode(l.text)).c_str());
    HPDF_Page_EndText(page);
}

void stroke_rect(HPDF_Page page, const chart::Pen& pen, const Rect& a) {
    set_stroke(page, pen.color, pen.width_pt);
    HPDF_Page_Rectangle(page, r(a.x), r(a.y), r(a.w), r(a.h));
    HPDF_Page_Stroke(page);
}

void clip_to(HPDF_Page page, const Rect& a) {
    HPDF_Page_GSave(page);
    HPDF_Page_Rectangle(page, r(a.x), r(a.y), r(a.w), r(a.h));
    HPDF_Page_Clip(page);
    HPDF_Page_EndPath(page);
}

void legend(HPDF_Page page, const Fonts& f, const std::vector<chart::LegendEntry>& entries) {
    for (const auto& e : entries) {
        if (e.filled) {
            set_fill(page, e.pen.color);
            HPDF_Page_Rectangle(page, r(e.swatch.x), r(e.swatch.y), r(e.swatch.w), r(e.swatch.h));
            HPDF_Page_Fill(page);
        } else {
            set_stroke(page, e.pen.color, e.pen.width_pt);
            set_dash(page, e.pen.dash);
            line(page, e.from.x, e.from.y, e.to.x, e.to.y);
            set_dash(page, Dash::solid);
        }
        for (const auto& l : e.label) label(page, f, l);
    }
}

void axes(HPDF_Page page, const Fonts& f, const chart::ChartLayout& c) {
    const Rect& a = c.plot;
    set_stroke(page, c.grid.color, c.grid.width_pt);
    for (const auto& t : c.y_ticks) line(page, a.x, c.py(t.at), a.x + a.w, c.py(t.at));
    for (const auto& t : c.x_ticks) line(page, c.px(t.at), a.y, c.px(t.at), a.y + a.h);
    stroke_rect(page, c.frame, a);
    for (const auto& l : c.y_tick_labels) label(page, f, l);
    for (const auto& l : c.x_tick_labels) label(page, f, l);
    if (c.x_label) label(page, f, *c.x_label);
    if (c.y_label) label(page, f, *c.y_label);
}

void series(HPDF_Page page, const chart::SeriesLayout& s) {
    if (s.line) {
        set_stroke(page, s.pen.color, s.pen.width_pt);
        set_dash(page, s.pen.dash);
        HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
        for (const auto& run : s.runs) {
            HPDF_Page_MoveTo(page, r(run.front().x), r(run.front().y));
            for (std::size_t i = 1; i < run.size(); ++i) line_to(page, r(run[i].x), r(run[i].y));
        }
        if (!s.runs.empty()) HPDF_Page_Stroke(page);
        set_dash(page, Dash::solid);
    }
    if (s.markers) {
        set_fill(page, s.pen.color);
        for (const auto& run : s.runs)
            for (const auto& p : run) {
                HPDF_Page_Circle(page, r(p.x), r(p.y), r(chart::marker_radius));
                HPDF_Page_Fill(page);
            }
    }
}

}  // namespace

chart::MeasureText measure_with(const Fonts& fonts) {
    return [&fonts](std::string_view utf8, chart::Face face, double size) {
        return fonts.width(fonts.encode(utf8), font(fonts, face), size);
    };
}

std::size_t draw_chart(HPDF_Page page, const Fonts& f, const chart::ChartLayout& c) {
    for (const auto& l : c.title) label(page, f, l);
    legend(page, f, c.legend);
    for (const auto& l : c.note) label(page, f, l);
    if (c.empty) {
        stroke_rect(page, c.frame, c.plot);
        label(page, f, *c.empty);
        return 0;
    }
    clip_to(page, c.plot);  // bands under the grid, lines and series over it, all inside the plot
    for (const auto* rects : {&c.bands, &c.spans})
        for (const auto& b : *rects) {
            set_fill(page, b.color);
            HPDF_Page_Rectangle(page, r(b.rect.x), r(b.rect.y), r(b.rect.w), r(b.rect.h));
            HPDF_Page_Fill(page);
        }
    HPDF_Page_GRestore(page);
    axes(page, f, c);
    clip_to(page, c.plot);
    for (const auto& l : c.lines) {
        set_stroke(page, l.pen.color, l.pen.width_pt);
        set_dash(page, l.pen.dash);
        line(page, l.from.x, l.from.y, l.to.x, l.to.y);
        set_dash(page, Dash::solid);
        if (l.label) label(page, f, *l.label);
    }
    for (const auto& s : c.series) series(page, s);
    for (const auto& m : c.marks) {
        if (m.x.empty()) continue;
        set_stroke(page, m.pen.color, m.pen.width_pt);
        for (double x : m.x) {
            HPDF_Page_MoveTo(page, r(x), r(m.y0));
            line_to(page, x, m.y1);
        }
        HPDF_Page_Stroke(page);
    }
    HPDF_Page_GRestore(page);
    return c.vertices();
}

std::size_t draw_chart(HPDF_Page page, const Fonts& fonts, const Chart& chart, Rect box) {
    return draw_chart(page, fonts, chart::layout_chart(chart, box, measure_with(fonts)));
}

}  // namespace swelltrack::pdf
