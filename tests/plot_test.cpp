#include "plot.h"

#include <date/date.h>

#include <catch2/catch.hpp>

#include "text.h"

using namespace swelltrack::pdf;

namespace {
double day_number(date::year_month_day d) { return static_cast<double>(date::sys_days{d}.time_since_epoch().count()); }
}  // namespace

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

TEST_CASE("scripts: Latin-1 names keep the base fonts, others need an embedded font") {
    CHECK(script_of("Jane Smith") == Script::winansi);
    CHECK(script_of("Zoë Ødegård") == Script::winansi);
    CHECK(script_of("Ирина") == Script::unicode);
    CHECK(script_of("Łukasz") == Script::unicode);
    CHECK(script_of("王芳") == Script::cjk);
    CHECK(widest(Script::unicode, Script::cjk) == Script::cjk);
}

TEST_CASE("text is encoded as WinAnsi for base fonts and wrapped within its width") {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    {
        Fonts f(doc, Script::winansi);
        CHECK(f.encode("Zoë") == "Zo\xEB");
        CHECK(f.encode("a\tb") == "a b");
        CHECK(f.encode("王") == "?");
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

TEST_CASE("a chart of 1,800 daily points draws about one vertex per point of width") {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    {
        Fonts f(doc, Script::winansi);
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
