// The chart layout without any drawing library: hand-worked positions, ranges and ticks.
#include "swelltrack/chart.h"

#include <date/date.h>

#include <catch2/catch.hpp>

using namespace swelltrack::chart;

namespace {
double day_number(date::year_month_day d) { return static_cast<double>(date::sys_days{d}.time_since_epoch().count()); }

// Every byte half the font size wide: widths are easy to work out by hand.
double half_em(std::string_view utf8, Face, double size) { return static_cast<double>(utf8.size()) * size * 0.5; }
const MeasureText measure = half_em;

// No title text, legend, x label or note: the plot area is the box less 42 pt left, 6 pt right,
// 14 pt below (tick labels) and 30 pt above (title and legend rows). This box gives the plot
// area x 42..242, y 14..114: 200 x 100 pt.
const Rect box{0, 0, 248, 144};

Chart values_chart(std::vector<XY> points) {
    Chart c;
    c.x_dates = false;
    c.series.push_back({"", {0, 0, 1}, std::move(points)});
    return c;
}

// What a legend entry covers: its swatch or stroke and its label's lines, a line of text taking 0.8
// of its size above the baseline and 0.25 below (DejaVu Sans, the fonts' model: 0.76 and 0.24).
Rect legend_box(const LegendEntry& e) {
    double left = e.filled ? e.swatch.x : std::min(e.from.x, e.to.x);
    double right = e.filled ? e.swatch.x + e.swatch.w : std::max(e.from.x, e.to.x);
    double bottom = e.filled ? e.swatch.y : std::min(e.from.y, e.to.y);
    double top = e.filled ? e.swatch.y + e.swatch.h : std::max(e.from.y, e.to.y);
    for (const auto& line : e.label) {
        right = std::max(right, line.at.x + measure(line.text, line.face, line.size));
        bottom = std::min(bottom, line.at.y - 0.25 * line.size);
        top = std::max(top, line.at.y + 0.8 * line.size);
    }
    return {left, bottom, right - left, top - bottom};
}

bool overlap(const Rect& a, const Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

bool inside(const Rect& a, const Rect& bounds) {
    return a.x >= bounds.x && a.y >= bounds.y && a.x + a.w <= bounds.x + bounds.w && a.y + a.h <= bounds.y + bounds.h;
}
}  // namespace

TEST_CASE("a fixed range maps data to exactly these page points") {
    Chart c = values_chart({{25, 10.0}, {75, 40.0}});
    c.x_lo = 0, c.x_hi = 100, c.y_lo = 0, c.y_hi = 50;
    auto l = layout_chart(c, box, measure);
    CHECK(l.plot.x == 42);
    CHECK(l.plot.y == 14);
    CHECK(l.plot.w == 200);
    CHECK(l.plot.h == 100);
    REQUIRE(l.series.size() == 1);
    REQUIRE(l.series[0].runs.size() == 1);
    const auto& run = l.series[0].runs[0];
    REQUIRE(run.size() == 2);
    CHECK(run[0].x == 92);  // 42 + 25/100 * 200
    CHECK(run[0].y == 34);  // 14 + 10/50 * 100
    CHECK(run[1].x == 192);
    CHECK(run[1].y == 94);
    CHECK(l.vertices() == 2);
    CHECK_FALSE(l.empty);
}

TEST_CASE("the y range is the data padded by 6%, out to whole ticks, x is padded by 2%") {
    // 100..200 padded by 6 -> 94..206; 100 pt tall allows 4 ticks: a step of 50 -> 50..250.
    auto l = layout_chart(values_chart({{0, 100.0}, {10, 200.0}}), box, measure);
    CHECK(l.y_lo == 50);
    CHECK(l.y_hi == 250);
    CHECK(l.x_lo == Approx(-0.2));
    CHECK(l.x_hi == Approx(10.2));
    REQUIRE(l.y_ticks.size() == 5);
    CHECK(l.y_ticks.front().label == "50");
    CHECK(l.y_ticks.back().label == "250");
    // Tick labels sit right-aligned 3 pt left of the plot, 2.2 pt below their grid line.
    REQUIRE(l.y_tick_labels.size() == 5);
    CHECK(l.y_tick_labels[0].text == "50");
    CHECK(l.y_tick_labels[0].align == Align::right);
    CHECK(l.y_tick_labels[0].at.x == 39);
    CHECK(l.y_tick_labels[0].at.y == Approx(14 - 2.2));
    CHECK(l.y_tick_labels[4].at.y == Approx(114 - 2.2));
}

TEST_CASE("from zero keeps zero at the bottom without padding below it") {
    Chart c = values_chart({{0, 100.0}, {10, 200.0}});
    c.y_from_zero = true;
    // 0..200 padded above by 12 -> 0..212; 4 ticks: a step of 100 -> 0..300.
    auto l = layout_chart(c, box, measure);
    CHECK(l.y_lo == 0);
    CHECK(l.y_hi == 300);
}

TEST_CASE("horizontal reference lines widen the range when asked and span the plot") {
    Chart c = values_chart({{0, 100.0}, {10, 200.0}});
    c.lines.push_back({300, false, {1, 0, 0}, "limit"});
    c.lines.push_back({5, true, {0, 0, 0}, "baseline"});
    auto narrow = layout_chart(c, box, measure);
    CHECK(narrow.y_hi == 250);  // the line at 300 is off the plot (clipped when drawn)
    c.y_include_lines = true;
    // 100..300 padded by 12 -> 88..312; a step of 100 -> 0..400.
    auto l = layout_chart(c, box, measure);
    CHECK(l.y_lo == 0);
    CHECK(l.y_hi == 400);
    REQUIRE(l.lines.size() == 2);
    CHECK(l.lines[0].from.x == 42);
    CHECK(l.lines[0].to.x == 242);
    CHECK(l.lines[0].from.y == Approx(14 + 300.0 / 400 * 100));
    CHECK_FALSE(l.lines[0].label);  // a horizontal line is named in the legend
    CHECK(l.lines[1].from.x == Approx(l.px(5)));
    CHECK(l.lines[1].from.y == 14);
    CHECK(l.lines[1].to.y == 114);
    REQUIRE(l.lines[1].label);
    CHECK(l.lines[1].label->text == "baseline");
}

TEST_CASE("a long series is downsampled and keeps its gap") {
    std::vector<XY> points;
    for (int i = 0; i < 1000; ++i)
        points.push_back({static_cast<double>(i), i >= 400 && i < 410 ? std::nullopt : std::optional(i % 7 * 1.0)});
    auto l = layout_chart(values_chart(points), box, measure);
    const auto& s = l.series.at(0);
    REQUIRE(s.runs.size() == 2);
    CHECK(s.points() < 400);  // 100 buckets of 2 pt, at most 5 points each
    CHECK(s.points() >= 100);
    CHECK(s.runs[0].back().x < l.px(400));
    CHECK(s.runs[1].front().x > l.px(409));
    CHECK_FALSE(s.markers);        // no markers asked for
    CHECK(s.pen.width_pt == 0.6);  // 1,000 samples over 200 pt: the thinner pen
}

TEST_CASE("markers only where they stand apart, and always on a series without a line") {
    Chart c = values_chart({{0, 1.0}, {1, 2.0}, {2, std::nullopt}, {3, 4.0}});
    c.series[0].markers = true;
    c.series[0].line = false;
    auto l = layout_chart(c, box, measure);
    CHECK(l.series[0].markers);
    CHECK(l.series[0].runs.size() == 2);
    CHECK(l.vertices() == 3);
    // A line with markers: marked while each point has 4 marker radii (7.2) of the plot's width. The
    // plot of `box` is 200 wide (chart_test's first case): 200 / 7.2 = 27.8, so 27 points are marked
    // and 28 are not.
    REQUIRE(marker_radius == 1.8);
    auto line_of = [](int n) {
        std::vector<XY> pts;
        for (int i = 0; i < n; ++i) pts.push_back({static_cast<double>(i), 1.0});
        Chart d = values_chart(pts);
        d.series[0].markers = true;
        return d;
    };
    REQUIRE(layout_chart(line_of(27), box, measure).plot.w == Approx(200));
    CHECK(layout_chart(line_of(27), box, measure).series[0].markers);
    CHECK_FALSE(layout_chart(line_of(28), box, measure).series[0].markers);
    // Without a line the markers are all that is drawn: kept however many.
    Chart dots = line_of(121);
    dots.series[0].line = false;
    CHECK(layout_chart(dots, box, measure).series[0].markers);
}

TEST_CASE("bands are clipped to the plot and a band outside it is left out") {
    Chart c = values_chart({{0, 10.0}, {10, 20.0}});
    c.y_lo = 0, c.y_hi = 50;
    c.bands.push_back({60, 80, {1, 0, 0}, "above"});
    c.bands.push_back({40, 1e9, {1, 1, 0}, "range"});
    c.bands.push_back({-10, 10, {0.9, 0.9, 0.9}, ""});
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.bands.size() == 2);
    CHECK(l.bands[0].rect.x == 42);
    CHECK(l.bands[0].rect.y == 94);  // py(40)
    CHECK(l.bands[0].rect.w == 200);
    CHECK(l.bands[0].rect.h == 20);  // up to py(50) = 114
    CHECK(l.bands[1].rect.y == 14);  // from py(0), not py(-10)
    CHECK(l.bands[1].rect.h == 20);
}

TEST_CASE("an empty chart gives its empty text in the middle of the plot and nothing else") {
    Chart c = values_chart({{0, std::nullopt}, {1, std::nullopt}});
    c.empty_text = "no symptom scores";
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.empty);
    CHECK(l.empty->text == "no symptom scores");
    CHECK(l.empty->align == Align::center);
    CHECK(l.empty->at.x == 142);
    CHECK(l.empty->at.y == 64);
    CHECK(l.series.empty());
    CHECK(l.x_ticks.empty());
    CHECK(l.vertices() == 0);
    CHECK(layout_chart(Chart{}, box, measure).empty->text == "no data in this range");
}

TEST_CASE("title, legend, labels and note are placed and fitted with the measured widths") {
    Chart c = values_chart({{0, 1.0}, {10, 2.0}});
    c.title = std::string(100, 'T');  // 100 x 4.75 pt: far wider than the 248 pt box
    c.series[0].label = "left";
    c.bands.push_back({0, 1, {1, 1, 0}, "watch band of the thresholds"});
    c.lines.push_back({1.5, false, {1, 0, 0}, "threshold"});
    c.x_label = "distance";
    c.y_label = "volume";
    c.note = "1 partial";
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.title.size() == 1);             // one word: cut, not wrapped
    CHECK(l.title[0].text.size() == 49 + 3);  // 52 characters of 4.75 pt (49 and "...") fit 248 pt
    CHECK(l.title[0].face == Face::bold);
    CHECK(l.title[0].at.y == 134);
    // Legend at 7 pt (3.5 pt per byte): swatch 12 pt, label 4 pt later, 10 pt between entries.
    REQUIRE(l.legend.size() == 3);
    CHECK_FALSE(l.legend[0].filled);
    CHECK(l.legend[0].from.x == 42);
    CHECK(l.legend[0].label[0].at.x == 58);
    CHECK(l.legend[1].filled);
    CHECK(l.legend[1].swatch.x == 42 + 16 + 14 + 10);  // after "left" (14 pt)
    CHECK(l.legend[1].label[0].at.y == 122);
    // "threshold" (16 + 31.5 + 10 pt) would end at 263.5 pt, past 248: next legend row, 10 pt lower.
    CHECK(l.legend[2].label[0].at.x == 58);
    CHECK(l.legend[2].label[0].at.y == 112);
    // The plot starts above the x label (24 pt) and the note (10 pt), and ends 8 pt under the legend.
    CHECK(l.plot.y == 34);
    CHECK(l.plot.h == 112 - 8 - 34);
    REQUIRE(l.note.size() == 1);
    CHECK(l.note[0].align == Align::left);
    CHECK(l.note[0].at.x == 42);
    CHECK(l.note[0].at.y == 1);
    REQUIRE(l.x_label);
    CHECK(l.x_label->at.x == 142);
    REQUIRE(l.y_label);
    CHECK(l.y_label->vertical);
    CHECK(l.y_label->at.x == 12);
    CHECK(l.y_label->at.y == Approx(34 + 70.0 / 2 - 6 * 3.5 / 2));  // centred on the axis
}

TEST_CASE("long legend labels wrap onto a second line and no two legend entries overlap") {
    // A box 160 wide: legend rows run from x 42 to 160 (118 pt) and a label gets 118 - 16 = 102 pt,
    // 29 bytes of 3.5 pt. No title: the first row's baseline is 200 - 22 = 178; rows are 10 pt apart.
    Chart c = values_chart({{0, 1.0}, {10, 2.0}});
    c.series[0].label = "left arm (affected)";  // 19 bytes: 16 + 66.5 + 10 = 92.5 wide, x 42..134.5
    // 33 bytes (± is two) do not fit 102 pt: "within measurement noise" (84 pt) and "(±3.5%)"; 110 wide
    // from 134.5 passes 160, so a new row at 168, two lines tall.
    c.bands.push_back({-3.5, 3.5, {0.9, 0.9, 0.9}, "within measurement noise (±3.5%)"});
    // 17 bytes, 85.5 wide: from 152 it passes 160, so the next row, two lines lower: 148.
    c.bands.push_back({5, 10, {1, 0.9, 0.6}, "watch (5.0-10.0%)"});
    // 40 bytes: "possible infection (redness" (27 bytes, 94.5 pt) and "with warmth)"; 120.5 wide from 127.5
    // passes 160: row 138, two lines tall. Then "treatment" (57.5 wide from 162.5): row 118.
    c.spans.push_back({2, 3, {1, 0.8, 0.8}, "possible infection (redness with warmth)"});
    c.marks.push_back({{4}, {0.2, 0.5, 0.2}, "treatment"});
    const Rect narrow{0, 0, 160, 200};
    auto l = layout_chart(c, narrow, measure);
    REQUIRE(l.legend.size() == 5);
    CHECK(l.legend[0].label.size() == 1);
    CHECK(l.legend[0].label[0].at.y == 178);
    REQUIRE(l.legend[1].label.size() == 2);
    CHECK(l.legend[1].label[0].text == "within measurement noise");
    CHECK(l.legend[1].label[1].text == "(±3.5%)");
    CHECK(l.legend[1].swatch.x == 42);
    CHECK(l.legend[1].label[0].at.y == 168);
    CHECK(l.legend[1].label[1].at.y == 158);
    CHECK(l.legend[1].label[1].at.x == 58);  // under the first line
    CHECK(l.legend[2].label[0].at.y == 148);
    REQUIRE(l.legend[3].label.size() == 2);
    CHECK(l.legend[3].label[0].text == "possible infection (redness");
    CHECK(l.legend[3].label[1].at.y == 128);
    CHECK(l.legend[4].label[0].at.y == 118);
    CHECK(l.plot.y + l.plot.h == 118 - 8);  // the plot ends 8 pt under the last row
    for (std::size_t i = 0; i < l.legend.size(); ++i) {
        INFO("legend entry " << i);
        auto a = legend_box(l.legend[i]);
        CHECK(inside(a, narrow));
        CHECK(a.y >= l.plot.y + l.plot.h);  // above the plot
        for (std::size_t j = i + 1; j < l.legend.size(); ++j) CHECK_FALSE(overlap(a, legend_box(l.legend[j])));
    }
}

TEST_CASE("a title wider than the box takes a second line and the legend moves down a line") {
    // Bold 9.5 pt: 4.75 pt a byte, 52 bytes in 248 pt. Six words of 9 bytes are 59 bytes: five on the
    // first line (49 bytes), one on the second, 12 pt lower. The plot's top follows: 144 - 22 - 12 - 8.
    Chart c = values_chart({{0, 1.0}, {10, 2.0}});
    c.title = "abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi abcdefghi";
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.title.size() == 2);
    CHECK(l.title[0].text.size() == 49);
    CHECK(l.title[0].at.y == 134);
    CHECK(l.title[1].text == "abcdefghi");
    CHECK(l.title[1].at.y == 122);
    CHECK(l.plot.y + l.plot.h == 102);
}

TEST_CASE("a vertical line's label goes left of the line where the plot ends too soon for it") {
    // x 0..100 over the plot's x 42..242. "baseline" at 6.5 pt is 26 pt wide: right of a line at 10
    // (x 62) it starts at 64; right of one at 95 (x 232) it would end at 260, past 242 where the plot
    // clips it, so it ends at 230 instead.
    Chart c = values_chart({{0, 1.0}, {100, 2.0}});
    c.x_lo = 0, c.x_hi = 100;
    c.lines.push_back({10, true, grey, "baseline"});
    c.lines.push_back({95, true, grey, "baseline"});
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.lines.size() == 2);
    REQUIRE(l.lines[0].label);
    CHECK(l.lines[0].label->at.x == 64);
    CHECK(l.lines[0].label->align == Align::left);
    REQUIRE(l.lines[1].label);
    CHECK(l.lines[1].label->at.x == 230);
    CHECK(l.lines[1].label->align == Align::right);
}

TEST_CASE("the x axis title moves in from the plot's middle to stay inside the box and is cut when wider") {
    // The plot's middle is x 142. 60 bytes at 7 pt are 210 wide: centred there they end at 247,
    // inside the box (248). 66 bytes (231 wide) would end at 257.5: centred at 248 - 115.5 instead.
    // 80 bytes (280) are wider than the box: cut to 67 and "..." (245 wide), centred at 125.5.
    Chart c = values_chart({{0, 1.0}, {10, 2.0}});
    c.x_label = std::string(60, 'x');
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.x_label);
    CHECK(l.x_label->at.x == 142);
    c.x_label = std::string(66, 'x');
    l = layout_chart(c, box, measure);
    CHECK(l.x_label->at.x == 132.5);
    c.x_label = std::string(80, 'x');
    l = layout_chart(c, box, measure);
    CHECK(l.x_label->text == std::string(67, 'x') + "...");
    CHECK(l.x_label->at.x == 125.5);
    CHECK(l.x_label->align == Align::center);
}

TEST_CASE("a text scale multiplies text sizes and the room kept for text but not strokes") {
    // At 1.5: the plot keeps 63 pt left (42 x 1.5) and 9 right: x 63, 176 wide; 21 below (14 x 1.5).
    // The title's baseline is 15 under the top (129) and the legend's 33 (111); the plot ends 12
    // under that: 99, so 78 tall.
    Chart c = values_chart({{0, 1.0}, {10, 2.0}});
    c.title = "T";
    c.series[0].label = "left";
    auto l = layout_chart(c, box, measure, 1.5);
    CHECK(l.text_scale == 1.5);
    REQUIRE(l.title.size() == 1);
    CHECK(l.title[0].size == 9.5 * 1.5);
    CHECK(l.title[0].at.y == 129);
    CHECK(l.plot.x == 63);
    CHECK(l.plot.w == 176);
    CHECK(l.plot.y == 21);
    CHECK(l.plot.h == 78);
    REQUIRE(l.legend.size() == 1);
    CHECK(l.legend[0].from.x == 63);
    CHECK(l.legend[0].to.x == 63 + 18);  // a stroke 12 x 1.5 long
    CHECK(l.legend[0].pen.width_pt == 1.6);
    CHECK(l.legend[0].label[0].size == 10.5);
    CHECK(l.legend[0].label[0].at.x == 63 + 24);
    CHECK(l.legend[0].label[0].at.y == 111);
    REQUIRE(!l.y_tick_labels.empty());
    CHECK(l.y_tick_labels[0].size == 6.5 * 1.5);
    CHECK(l.y_tick_labels[0].at.x == 63 - 4.5);
    REQUIRE(!l.x_tick_labels.empty());
    CHECK(l.x_tick_labels[0].at.y == 21 - 13.5);
    CHECK(l.series.at(0).pen.width_pt == 1.2);
}

TEST_CASE("value ticks are round numbers inside the range") {
    auto t = value_ticks(1743.0, 2081.0, 6);
    REQUIRE(t.size() >= 3);
    CHECK(t.size() <= 8);
    CHECK(t.front().at >= 1743.0);
    CHECK(t.back().at <= 2081.0);
    CHECK(t[1].at - t[0].at == Approx(100.0));  // 338 / 6 = 56 -> the next 1-2-5 step
    CHECK(t[0].label == "1800");
}

TEST_CASE("small value steps get decimals and no negative zero") {
    auto t = value_ticks(-0.3, 0.3, 6);
    REQUIRE_FALSE(t.empty());
    bool has_zero = false;
    for (const auto& tick : t) has_zero = has_zero || tick.label == "0.0";
    CHECK(has_zero);
    CHECK(t.front().label == "-0.3");
}

TEST_CASE("18 months of dates get month ticks and five years get year ticks") {
    using namespace date;
    auto months = date_ticks(day_number(2024_y / 1 / 8), day_number(2025_y / 6 / 30), 8);
    REQUIRE_FALSE(months.empty());
    CHECK(months.size() <= 8);
    CHECK(months.front().label == "Apr 2024");  // every 3 months, aligned to quarters
    auto years = date_ticks(day_number(2021_y / 1 / 4), day_number(2026_y / 1 / 3), 8);
    REQUIRE(years.size() == 5);
    CHECK(years.front().label == "2022");
    CHECK(years.back().label == "2026");
    auto days = date_ticks(day_number(2025_y / 3 / 1), day_number(2025_y / 3 / 5), 8);
    CHECK(days.front().label == "2025-03-01");
}

TEST_CASE("fit_text cuts between UTF-8 characters") {
    // 1 pt per byte; "é" is two bytes, so "aébcdef" is 8 pt wide.
    const MeasureText one_per_byte = [](std::string_view s, Face, double) { return static_cast<double>(s.size()); };
    CHECK(fit_text("aébcdef", Face::regular, 7, 8, one_per_byte) == "aébcdef");
    CHECK(fit_text("aébcdef", Face::regular, 7, 7, one_per_byte) == "aéb...");
    CHECK(fit_text("aébcdef", Face::regular, 7, 5.5, one_per_byte) == "a...");  // never half an "é"
}

TEST_CASE("a long note wraps under the plot and lifts it by 8.5 pt a line") {
    Chart c = values_chart({{0, 1.0}, {10, 2.0}});
    // 6.5 pt text at 3.25 pt per byte; the note is 200 pt wide (248 - 48): 61 bytes a line.
    // 40 words of "abcdefghi" (9 bytes, 29.25 pt; with a space 10 bytes): 6 words a line (59 bytes,
    // 191.75 pt); a 7th would need 69 bytes. 40 words: 7 lines, cut to 6, the last with "...".
    std::string note;
    for (int i = 0; i < 40; ++i) note += (i ? " " : "") + std::string("abcdefghi");
    c.note = note;
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.note.size() == 6);
    CHECK(l.note[0].text.size() == 59);
    CHECK(l.note[4].text.size() == 59);
    CHECK(l.note[5].text.substr(l.note[5].text.size() - 3) == "...");
    CHECK(l.note[5].at.y == 1);            // the last line at the bottom of the box
    CHECK(l.note[0].at.y == 1 + 5 * 8.5);  // five lines above it
    CHECK(l.plot.y == 14 + 10 + 5 * 8.5);  // tick labels, then the note's first line and five more
    // 30 words (5 lines) print whole.
    c.note = note.substr(0, 30 * 10 - 1);
    l = layout_chart(c, box, measure);
    REQUIRE(l.note.size() == 5);
    CHECK(l.note[4].text.size() == 59);
}

TEST_CASE("spans shade full-height x intervals, and a one-day span stays visible") {
    Chart c = values_chart({{0, 10.0}, {100, 20.0}});
    c.x_lo = 0, c.x_hi = 100, c.y_lo = 0, c.y_hi = 50;  // plot x 42..242: 2 pt per unit
    c.spans.push_back({10, 30, {1, 0.8, 0.8}, "possible infection"});
    c.spans.push_back({50, 50.2, {1, 0.8, 0.8}, "possible infection"});  // 0.4 pt wide: widened to 2
    c.spans.push_back({90, 120, {1, 0.8, 0.8}, "possible infection"});   // clipped at x = 100
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.spans.size() == 3);
    CHECK(l.spans[0].rect.x == 62);  // 42 + 10 * 2
    CHECK(l.spans[0].rect.w == 40);  // 20 units of 2 pt
    CHECK(l.spans[0].rect.y == 14);
    CHECK(l.spans[0].rect.h == 100);
    CHECK(l.spans[1].rect.x == Approx(142.2 - 1));  // centred on px(50.1) = 142.2, 2 pt wide
    CHECK(l.spans[1].rect.w == Approx(2));
    CHECK(l.spans[2].rect.x == 222);
    CHECK(l.spans[2].rect.w == 20);  // 222..242
    // One legend entry for the three spans, a filled swatch.
    REQUIRE(l.legend.size() == 1);
    CHECK(l.legend[0].filled);
    CHECK(l.legend[0].label[0].text == "possible infection");
}

TEST_CASE("marks are upright ticks on the bottom of the plot, one per half point") {
    Chart c = values_chart({{0, 10.0}, {100, 20.0}});
    c.x_lo = 0, c.x_hi = 100, c.y_lo = 0, c.y_hi = 50;
    c.marks.push_back({{5, 5.1, 20, 150}, {0.2, 0.5, 0.2}, "treatment given"});
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.marks.size() == 1);
    const auto& m = l.marks[0];
    // 5 -> 52, 5.1 -> 52.2 (0.2 pt later: the same stroke), 20 -> 82; 150 is off the plot.
    REQUIRE(m.x.size() == 2);
    CHECK(m.x[0] == 52);
    CHECK(m.x[1] == 82);
    CHECK(m.y0 == 14);
    CHECK(m.y1 == 14 + mark_height);
    REQUIRE(l.legend.size() == 1);
    CHECK_FALSE(l.legend[0].filled);
    CHECK(l.legend[0].from.x == l.legend[0].to.x);  // upright in the legend too
}

TEST_CASE("a tick label at the plot's right end is moved in to stay inside the chart's box") {
    // Fixed x range 0..100 over the plot's x 42..242; ticks every 20. The label "100" is 3 bytes x
    // 6.5 x 0.5 = 9.75 wide: centred on its tick at 242 it would end at 246.875, inside the box
    // (248). A label "1000" (13 wide) centred at 242 would end at 248.5, past it: it is centred at
    // 248 - 6.5 = 241.5 instead.
    Chart c = values_chart({{0, 1.0}, {100, 2.0}});
    c.x_lo = 0, c.x_hi = 100;
    auto l = layout_chart(c, box, measure);
    REQUIRE(!l.x_tick_labels.empty());
    CHECK(l.x_tick_labels.back().text == "100");
    CHECK(l.x_tick_labels.back().at.x == Approx(242));
    c.series[0].points = {{0, 1.0}, {1000, 2.0}};
    c.x_lo = 0, c.x_hi = 1000;
    l = layout_chart(c, box, measure);
    REQUIRE(!l.x_tick_labels.empty());
    CHECK(l.x_tick_labels.back().text == "1000");
    CHECK(l.x_tick_labels.back().at.x == Approx(241.5));
    CHECK(l.x_tick_labels.back().align == Align::center);
    // The first label, "0" at x 42, needs nothing: 42 - 1.625 is well inside.
    CHECK(l.x_tick_labels.front().at.x == Approx(42));
}
