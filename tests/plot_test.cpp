#include "plot.h"

#include <catch2/catch.hpp>

#include "cylinders.h"
#include "format.h"
#include "text.h"
#include "trend_parts.h"

using namespace swelltrack::pdf;

TEST_CASE("a charset holds the report's own wording and what is added and knows when CJK is needed") {
    Charset chars;
    auto has = [&](char32_t cp) {
        auto all = chars.code_points();
        return std::binary_search(all.begin(), all.end(), cp);
    };
    CHECK(has(U'A'));
    CHECK(has(U'\u00EB'));  // ë: Latin-1 is always in
    CHECK(has(U'\u2013'));  // the en dash the report writes
    CHECK_FALSE(has(U'\u0141'));
    chars.add("Łukasz");
    CHECK(has(U'\u0141'));
    CHECK_FALSE(chars.cjk());
    chars.add("王芳");
    CHECK(chars.cjk());
}

TEST_CASE("text is encoded for the cut fonts and wrapped within its width") {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    {
        Charset chars;
        chars.add("Ирина");
        Fonts f(doc, chars);
        CHECK(f.encode("Zoë") == "Zoë");
        CHECK(f.encode("Ирина") == "Ирина");
        CHECK(f.encode("a\tb") == "a b");
        CHECK(f.encode("Łukasz") == "?ukasz");  // not in the charset, so not in the fonts
        CHECK(f.encode("王") == "?");
        CHECK(f.utf8());
        std::string note(400, 'x');
        note += " and some words after a very long word";
        auto lines = f.wrap(note, f.regular(), 8, 200, 3);
        REQUIRE(lines.size() == 3);
        for (const auto& l : lines) CHECK(f.width(l, f.regular(), 8) <= Approx(200.0));
        CHECK(lines.back().substr(lines.back().size() - 3) == "...");
        auto short_lines = f.wrap("two words", f.regular(), 8, 200, 3);
        REQUIRE(short_lines.size() == 1);
        CHECK(short_lines[0] == "two words");
    }
    HPDF_Free(doc);
}

TEST_CASE("a charset all in Windows-1252 gives fonts that take a byte per character") {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    {
        Charset chars;
        chars.add("Zoë Ødegård – “notes” €");
        REQUIRE(chars.winansi());
        Fonts f(doc, chars);
        CHECK_FALSE(f.utf8());
        CHECK(f.encode("Zoë") == "Zo\xEB");
        CHECK(f.encode("– €") == "\x96 \x80");  // en dash and euro: 0x96 and 0x80 in Windows-1252
        CHECK(f.encode("Ł") == "?");
        chars.add("Łukasz");
        CHECK_FALSE(chars.winansi());
    }
    HPDF_Free(doc);
}

TEST_CASE("a chart of 1,800 daily points draws about one vertex per point of width") {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    {
        Fonts f(doc, Charset{});
        HPDF_Page page = HPDF_AddPage(doc);
        Chart c;
        Series s{"left", {0, 0, 1}, {}};
        for (int i = 0; i < 1800; ++i) s.points.push_back({18000.0 + i, 1800.0 + (i % 17)});
        c.series.push_back(s);
        Rect box{40, 100, 500, 300};
        std::size_t vertices = draw_chart(page, f, c, box);
        CHECK(vertices <= static_cast<std::size_t>(box.w));
        CHECK(vertices >= 100);
    }
    HPDF_Free(doc);
}

namespace {
using namespace swelltrack;

using swelltrack::testing::cylinders;
double cylinder_ml(double c_cm) { return 40 * c_cm * c_cm / (4 * 3.14159265358979323846); }
}  // namespace

TEST_CASE("the volume chart's watch and range lines follow the alerts' RVC rule, not the baseline volume") {
    Client c;
    c.name = "Line Test";
    c.affected = Affected::left;
    // Baseline: left 31 cm, right 30 cm. Then the right (unaffected) arm grows to 31 cm: U2/U1 =
    // 961/900 = 1.06778. The left grows to 32.2 cm: A2/A1 = 1036.84/961 = 1.07892, so RVC =
    // 1.07892 / 1.06778 - 1 = +1.04%: no alert, although the left is 7.9% above its baseline.
    std::vector<Session> sessions{cylinders("2025-03-01T08:00+01:00", 31, 30),
                                  cylinders("2025-03-15T08:00+01:00", 32.2, 31)};
    sessions[1].treatment.mld_minutes = 45;
    sessions[1].skin.set(SkinFlag::redness);
    sessions[1].skin.set(SkinFlag::warmth);
    History h = analyze_history(c, sessions, {});
    REQUIRE(h.figures[1].rvc_pct);
    CHECK(*h.figures[1].rvc_pct == Approx(1.0429).epsilon(1e-3));
    ReportOptions o;
    pdf::TrendView v{h, o, {0, 1}};
    Chart chart = pdf::volume_chart(v);
    const Series* watch = nullptr;
    for (const auto& s : chart.series)
        if (s.label == "RVC +5.0% (watch)") watch = &s;
    REQUIRE(watch);
    REQUIRE(watch->points.size() == 2);
    // Watch at the baseline: A1 * 1.05 = 3058.99 * 1.05 = 3211.94 mL. At the second session: A1 *
    // (U2 / U1) * 1.05 = 3058.99 * 1.06778 * 1.05 = 3429.60 mL, above the left's 3300.36 mL: the
    // point is under the line, as it has no alert. (A line at A1 * 1.05 would put it 88 mL above.)
    CHECK(*watch->points[0].y == Approx(cylinder_ml(31) * 1.05));
    CHECK(*watch->points[1].y == Approx(cylinder_ml(31) * (961.0 / 900.0) * 1.05));
    CHECK(*watch->points[1].y == Approx(3429.60).epsilon(1e-5));
    CHECK(*h.figures[1].left_ml == Approx(cylinder_ml(32.2)));
    CHECK(*h.figures[1].left_ml < *watch->points[1].y);
    for (const auto& l : chart.lines) CHECK((l.vertical || l.label == "affected limb at baseline"));  // no fixed +5%
    // The treatment session is ticked on the time axis and the infection session shaded.
    REQUIRE(chart.marks.size() == 1);
    CHECK(chart.marks[0].at == std::vector<double>{pdf::chart_day(sessions[1].recorded_at)});
    REQUIRE(chart.spans.size() == 1);
    CHECK(chart.spans[0].lo == pdf::chart_day(sessions[1].recorded_at));
    CHECK(chart.spans[0].label == "possible infection (redness with warmth)");
}

TEST_CASE("every chart with dates shares one time axis") {
    Client c;
    c.name = "Axis Test";
    c.affected = Affected::left;
    std::vector<Session> sessions{cylinders("2025-03-01T08:00+01:00", 31, 30),
                                  cylinders("2025-03-11T08:00+01:00", 31, 30),
                                  cylinders("2025-05-20T08:00+01:00", 31, 30)};
    sessions[1].symptoms.pain = 3;  // the only score: the symptom chart used to span 1 day
    History h = analyze_history(c, sessions, {});
    ReportOptions o;
    pdf::TrendView v{h, o, {0, 1, 2}};
    // 2025-03-01 is day 20148 and 2025-05-20 day 20228 since 1970-01-01 (at 08:00: +1/3); the
    // span is 80 days, padded by 2% (1.6 days) at each end.
    double lo = 20148 + 1.0 / 3 - 1.6, hi = 20228 + 1.0 / 3 + 1.6;
    for (const Chart& chart : {pdf::volume_chart(v), pdf::change_chart(v), pdf::symptoms_chart(v)}) {
        REQUIRE(chart.x_lo);
        REQUIRE(chart.x_hi);
        CHECK(*chart.x_lo == Approx(lo));
        CHECK(*chart.x_hi == Approx(hi));
    }
    o.from = date::year{2025} / 2 / 1;  // an asked range is the axis: 2025-02-01 is day 20120
    o.to = date::year{2025} / 6 / 30;   // day 20269, to its end: 20270; 150 days, padded by 3
    CHECK(pdf::time_axis(v).lo == Approx(20120 - 3));
    CHECK(pdf::time_axis(v).hi == Approx(20270 + 3));
}
