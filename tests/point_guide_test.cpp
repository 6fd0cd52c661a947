// The point guide beside the session form (app/web/point_guide.h): its points where the protocol
// puts them, to one scale from the landmark, their labels in order and legible, its words escaped.
// The drawing is read back from its SVG text.
#include "point_guide.h"

#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

using swelltrack::LimbKind;
using swelltrack::Protocol;
using swelltrack::web::point_guide;
using swelltrack::web::point_guide_svg;

namespace {

struct Line {
    double x1, y1, x2, y2;
};
struct Label {
    double x, y;
    std::string text;
};

std::vector<Line> lines(const std::string& svg, const std::string& cls) {
    std::vector<Line> out;
    const std::regex re("<line class=\"" + cls +
                        "\" x1=\"([-0-9.]+)\" y1=\"([-0-9.]+)\" x2=\"([-0-9.]+)\" y2=\"([-0-9.]+)\"");
    for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it)
        out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
    return out;
}

std::vector<Label> labels(const std::string& svg, const std::string& cls) {
    std::vector<Label> out;
    const std::regex re("<text class=\"" + cls + "\" x=\"([-0-9.]+)\" y=\"([-0-9.]+)\">([^<]*)</text>");
    for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it)
        out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), (*it)[3]});
    return out;
}

std::string between(const std::string& s, const std::string& open, const std::string& close) {
    auto a = s.find(open);
    if (a == std::string::npos) return {};
    a += open.size();
    return s.substr(a, s.find(close, a) - a);
}

Protocol protocol(LimbKind limb, std::vector<double> cm, std::string name = "mine") {
    return Protocol{std::move(name), limb, std::move(cm), false};
}

const Protocol arm_4cm = protocol(LimbKind::arm, {0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40}, "arm-4cm");

}  // namespace

TEST_CASE("point guide - arm-4cm has eleven points labelled 0 cm to 40 cm from the wrist up") {
    const auto svg = point_guide_svg(arm_4cm).markup;
    const auto tapes = lines(svg, "tape");
    const auto names = labels(svg, "point");
    REQUIRE(tapes.size() == 11);
    REQUIRE(names.size() == 11);
    for (std::size_t i = 0; i < names.size(); ++i) {
        INFO(i);
        CHECK(names[i].text == std::to_string(4 * i) + " cm");
        // Upwards (y falls) from one point to the next, the drawing upright.
        if (i > 0) CHECK(tapes[i].y1 < tapes[i - 1].y1);
    }
    const auto mark = labels(svg, "landmark");
    REQUIRE(mark.size() == 1);
    CHECK(mark[0].text == "wrist");
    CHECK(mark[0].x < tapes[0].x1);  // on the left, the labels on the right
    CHECK(names[0].x > tapes[0].x2);
    CHECK(svg.find("<desc>Where to measure: 0 cm at the wrist, then every 4 cm up to 40 cm.</desc>") !=
          std::string::npos);
    CHECK(svg.find("<title>Points of arm-4cm on the arm</title>") != std::string::npos);
}

TEST_CASE("point guide - each point at its distance from the wrist to one scale") {
    const auto svg = point_guide_svg(arm_4cm).markup;
    const auto tapes = lines(svg, "tape");
    const auto names = labels(svg, "point");
    const auto wrist = lines(svg, "landmark");
    REQUIRE(tapes.size() == 11);
    REQUIRE(names.size() == 11);
    REQUIRE(wrist.size() == 1);
    for (const auto& t : tapes) CHECK(t.y1 == t.y2);  // straight across the limb
    // L: the drawn length from the wrist (0 cm) to the 40 cm point. 12 cm is 12/40 = 0.3 of it
    // from the wrist, 4 cm 4/40 = 0.1, 28 cm 0.7; coordinates are written to 0.1 px.
    const double y0 = wrist[0].y1, L = y0 - tapes[10].y1;
    CHECK(tapes[0].y1 == Approx(y0).margin(0.05));
    CHECK(y0 - tapes[3].y1 == Approx(0.3 * L).margin(0.1));
    CHECK(y0 - tapes[1].y1 == Approx(0.1 * L).margin(0.1));
    CHECK(y0 - tapes[7].y1 == Approx(0.7 * L).margin(0.1));
    // 4 cm apart, the labels each sit beside their own line (13 px text: its middle 0.36 x 13 =
    // 4.68 px above the baseline), so a scale of 4 cm >= 15 px: L >= 10 x 15 = 150 px.
    CHECK(L >= 150);
    for (std::size_t i = 0; i < 11; ++i) CHECK(names[i].y - tapes[i].y1 == Approx(4.68).margin(0.1));
    CHECK(svg.find("leader") == std::string::npos);
}

TEST_CASE("point guide - a leg's points are measured from the ankle") {
    const auto leg = protocol(LimbKind::leg, {0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60}, "leg-4cm");
    const auto svg = point_guide_svg(leg).markup;
    const auto mark = labels(svg, "landmark");
    REQUIRE(mark.size() == 1);
    CHECK(mark[0].text == "ankle");
    CHECK(lines(svg, "tape").size() == 16);
    const auto names = labels(svg, "point");
    REQUIRE(names.size() == 16);
    CHECK(names.front().text == "0 cm");
    CHECK(names.back().text == "60 cm");
    CHECK(svg.find("<desc>Where to measure: 0 cm at the ankle, then every 4 cm up to 60 cm.</desc>") !=
          std::string::npos);
    CHECK(svg.find("on the leg</title>") != std::string::npos);
    CHECK(svg.find("wrist") == std::string::npos);
}

TEST_CASE("point guide - uneven distances are listed and drawn to scale with their labels apart") {
    const auto p = protocol(LimbKind::arm, {0, 2, 5, 12.5, 30});
    const auto svg = point_guide_svg(p).markup;
    CHECK(between(svg, "<desc>", "</desc>") == "Where to measure: at 0, 2, 5, 12.5 and 30 cm from the wrist.");
    const auto tapes = lines(svg, "tape");
    const auto names = labels(svg, "point");
    REQUIRE(tapes.size() == 5);
    REQUIRE(names.size() == 5);
    // L from 0 to 30 cm: 12.5 cm at 12.5/30 of it, 5 cm at 5/30 = 1/6, 2 cm at 2/30 = 1/15.
    const double y0 = lines(svg, "landmark").at(0).y1, L = y0 - tapes[4].y1;
    CHECK(y0 - tapes[3].y1 == Approx(12.5 / 30 * L).margin(0.1));
    CHECK(y0 - tapes[2].y1 == Approx(L / 6).margin(0.1));
    CHECK(y0 - tapes[1].y1 == Approx(L / 15).margin(0.1));
    const std::vector<std::string> want{"0 cm", "2 cm", "5 cm", "12.5 cm", "30 cm"};
    for (std::size_t i = 0; i < 5; ++i) {
        INFO(i);
        CHECK(names[i].text == want[i]);
        if (i > 0) CHECK(names[i - 1].y - names[i].y >= 15 - 0.1);  // 13 px text 15 px apart: not touching
    }
    CHECK(svg.find("class=\"leader\"") != std::string::npos);  // 0 and 2 cm are closer than that: moved

    // Evenly spaced from further up: the first distance, then the step.
    const auto up = point_guide_svg(protocol(LimbKind::leg, {10, 15, 20, 25})).markup;
    CHECK(between(up, "<desc>", "</desc>") == "Where to measure: 10 cm from the ankle, then every 5 cm up to 25 cm.");
    CHECK(lines(up, "landmark").size() == 1);  // the ankle is marked though no point is there
    const auto two = point_guide_svg(protocol(LimbKind::arm, {0, 10})).markup;
    CHECK(between(two, "<desc>", "</desc>") == "Where to measure: at 0 and 10 cm from the wrist.");
    CHECK(point_guide_svg(protocol(LimbKind::arm, {5})).markup.empty());  // not a protocol: nothing to draw
}

TEST_CASE("point guide - many points are all drawn with as many labels as fit") {
    std::vector<double> cm;
    for (int i = 0; i < 100; ++i) cm.push_back(i * 0.5);  // the most a protocol may have
    const auto svg = point_guide_svg(protocol(LimbKind::arm, cm)).markup;
    CHECK(lines(svg, "tape").size() == 100);
    const auto names = labels(svg, "point");
    REQUIRE(names.size() >= 2);
    CHECK(names.size() < 100);
    CHECK(names.front().text == "0 cm");
    CHECK(names.back().text == "49.5 cm");
    for (std::size_t i = 1; i < names.size(); ++i) CHECK(names[i - 1].y - names[i].y >= 15 - 0.1);
}

TEST_CASE("point guide - its words are escaped and it needs no style or script") {
    const auto svg = point_guide_svg(protocol(LimbKind::arm, {0, 4}, "<b>\"x\" & 'y'</b>")).markup;
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(svg.find("<title>Points of &lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt; on the arm</title>") !=
          std::string::npos);
    CHECK(svg.find("aria-label=\"Points of &lt;b&gt;&quot;x&quot;") != std::string::npos);
    CHECK(svg.find(" role=\"img\"") != std::string::npos);
    CHECK(svg.find("style") == std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("currentColor") != std::string::npos);
    CHECK(svg.find("=\"#") == std::string::npos);  // no colour written out: currentColor follows dark mode
    CHECK(svg.find("rgb(") == std::string::npos);

    // Shown at its own size: its width in CSS px fits a 360 px phone, so text stays 13 px there.
    const auto arm = point_guide_svg(arm_4cm).markup;
    const double width = std::stod(between(arm, " width=\"", "\""));
    CHECK(width <= 200);
    CHECK(between(arm, " font-size=\"", "\"") == "13");

    swelltrack::web::Html b;
    point_guide(b, arm_4cm);
    CHECK(b.str().rfind("<details class=\"guide\"><summary>Where to measure</summary><svg", 0) == 0);
}
