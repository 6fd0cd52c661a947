// The trend report's flowing sections: the skin and notes timeline and the table of every session.
#include "format.h"
#include "trend_parts.h"

namespace swelltrack::pdf {
namespace {
std::string flags_text(SkinFlags flags) {
    std::string s = to_string(flags), out;
    for (char ch : s) out += ch == ',' ? std::string(", ") : std::string(1, ch);
    return out;
}
}  // namespace

void draw_timeline(Flow& flow, const TrendView& v) {
    flow.heading("Skin and notes");
    const auto& f = flow.fonts();
    const double size = 8, line_h = 10.5, date_w = 70;
    const double text_w = flow.content_width() - date_w;
    bool any = false;
    for (auto i : v.shown) {
        const Session& s = v.session(i);
        if (s.skin.empty() && s.skin_note.empty() && s.notes.empty()) continue;
        any = true;
        std::string skin;
        if (!s.skin.empty()) skin = "Skin: " + flags_text(s.skin);
        if (!s.skin_note.empty()) skin += (skin.empty() ? "Skin: " : " - ") + s.skin_note;
        bool infection = s.skin.has(SkinFlag::redness) && s.skin.has(SkinFlag::warmth);
        std::vector<std::string> lines;
        if (!skin.empty())
            for (auto& l :
                 f.wrap(skin + (infection ? " (possible infection signs)" : ""), f.regular(), size, text_w, 3))
                lines.push_back(std::move(l));
        std::vector<std::string> note_lines;
        if (!s.notes.empty()) note_lines = f.wrap("Note: " + s.notes, f.regular(), size, text_w, 6);
        flow.need(line_h * static_cast<double>(std::min<std::size_t>(lines.size() + note_lines.size(), 4)) + 3);
        draw_text(flow.page(), f.bold(), size, flow.left(), flow.y, f.encode(display::day(s.recorded_at)));
        Rgb skin_color = infection ? Rgb{0.75, 0.1, 0.1} : black;
        for (const auto& l : lines) {
            flow.need(line_h);
            draw_text(flow.page(), f.regular(), size, flow.left() + date_w, flow.y, l, Align::left, skin_color);
            flow.y -= line_h;
        }
        for (const auto& l : note_lines) {
            flow.need(line_h);
            draw_text(flow.page(), f.regular(), size, flow.left() + date_w, flow.y, l, Align::left, {0.2, 0.2, 0.2});
            flow.y -= line_h;
        }
        flow.y -= 3;
    }
    if (!any) flow.paragraph("No skin changes or notes were recorded in this range.", 8.5, grey);
    flow.y -= 6;
}

void draw_session_table(Flow& flow, const TrendView& v) {
    flow.heading("Every session");
    const Client& c = v.client();
    std::string unit = " mL";
    std::vector<Column> cols{{"Date", 64}, {"Left" + unit, 42, Align::right}, {"Right" + unit, 44, Align::right}};
    if (!c.bilateral())
        cols.insert(cols.end(), {{"Diff" + unit, 44, Align::right},
                                 {"Excess", 38, Align::right},
                                 {"RVC", 38, Align::right},
                                 {"WAC", 56, Align::right}});
    else
        cols.insert(
            cols.end(),
            {{"L-R" + unit, 44, Align::right}, {"WAC left", 44, Align::right}, {"WAC right", 46, Align::right}});
    cols.insert(cols.end(), {{"Wt kg", 32, Align::right}, {"Partial", 32, Align::center}});
    double used = 0;
    for (const auto& col : cols) used += col.width_pt;
    cols.push_back({"Alerts", flow.content_width() - used});

    std::vector<Row> rows;
    rows.reserve(v.shown.size());
    for (auto i : v.shown) {
        const SessionFigures& f = v.figures(i);
        const Session& s = v.session(i);
        Row r;
        r.cells = {display::minute(s.recorded_at), display::ml(f.left_ml), display::ml(f.right_ml)};
        if (!c.bilateral()) {
            r.cells.insert(r.cells.end(), {display::signed_ml(f.diff_ml), display::pct(f.excess_pct),
                                           display::pct(f.rvc_pct), display::wac(f)});
        } else {
            auto wac = [&](Side side) {
                auto it = f.wac_pct.find(side);
                return it == f.wac_pct.end() ? std::string(display::missing) : display::pct(it->second);
            };
            r.cells.insert(r.cells.end(), {display::signed_ml(f.diff_ml), wac(Side::left), wac(Side::right)});
        }
        std::string wt = s.weight_kg ? display::fixed(*s.weight_kg, 1) : std::string(display::missing);
        r.cells.insert(r.cells.end(), {wt, f.partial ? "partial" : "", display::alert_codes(f, ' ')});
        r.emphasis = display::worst_rank(f);
        rows.push_back(std::move(r));
    }
    draw_table(flow, cols, rows);
    flow.paragraph("Volumes in mL by the " + std::string(to_string(v.history.method)) +
                       " model; percentages against the baseline session; \"partial\" means a point was not measured "
                       "and its segments were left out. Alert codes are explained on page 1.",
                   7, grey);
}

}  // namespace swelltrack::pdf
