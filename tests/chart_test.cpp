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

TEST_CASE("markers only on a short series") {
    Chart c = values_chart({{0, 1.0}, {1, 2.0}, {2, std::nullopt}, {3, 4.0}});
    c.series[0].markers = true;
    c.series[0].line = false;
    auto l = layout_chart(c, box, measure);
    CHECK(l.series[0].markers);
    CHECK(l.series[0].runs.size() == 2);
    CHECK(l.vertices() == 3);
    std::vector<XY> many;
    for (int i = 0; i < 121; ++i) many.push_back({static_cast<double>(i), 1.0});
    Chart d = values_chart(many);
    d.series[0].markers = true;
    CHECK_FALSE(layout_chart(d, box, measure).series[0].markers);
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
    CHECK(l.title.text.size() == 49 + 3);  // 52 characters of 4.75 pt (49 and "...") fit 248 pt
    CHECK(l.title.face == Face::bold);
    CHECK(l.title.at.y == 134);
    // Legend at 7 pt (3.5 pt per byte): swatch 12 pt, label 4 pt later, 10 pt between entries.
    REQUIRE(l.legend.size() == 3);
    CHECK_FALSE(l.legend[0].filled);
    CHECK(l.legend[0].from.x == 42);
    CHECK(l.legend[0].label.at.x == 58);
    CHECK(l.legend[1].filled);
    CHECK(l.legend[1].swatch.x == 42 + 16 + 14 + 10);  // after "left" (14 pt)
    CHECK(l.legend[1].label.at.y == 122);
    // "threshold" (16 + 31.5 + 10 pt) would end at 263.5 pt, past 248: next legend row, 10 pt lower.
    CHECK(l.legend[2].label.at.x == 58);
    CHECK(l.legend[2].label.at.y == 112);
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
    // 30 words of "abcdefghi" (9 bytes, 29.25 pt; with a space 10 bytes): 6 words a line (59 bytes,
    // 191.75 pt); a 7th would need 69 bytes. 30 words: 5 lines, cut to 3, the last with "...".
    std::string note;
    for (int i = 0; i < 30; ++i) note += (i ? " " : "") + std::string("abcdefghi");
    c.note = note;
    auto l = layout_chart(c, box, measure);
    REQUIRE(l.note.size() == 3);
    CHECK(l.note[0].text.size() == 59);
    CHECK(l.note[1].text.size() == 59);
    CHECK(l.note[2].text.substr(l.note[2].text.size() - 3) == "...");
    CHECK(l.note[2].at.y == 1);            // the last line at the bottom of the box
    CHECK(l.note[0].at.y == 1 + 2 * 8.5);  // two lines above it
    CHECK(l.plot.y == 14 + 10 + 2 * 8.5);  // tick labels, then the note's first line and two more
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
    CHECK(l.legend[0].label.text == "possible infection");
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
