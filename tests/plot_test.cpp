#include "plot.h"

#include <catch2/catch.hpp>

#include "text.h"

using namespace swelltrack::pdf;

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
