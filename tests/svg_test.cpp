// SVG charts for the web pages: parsed back as XML, hand-worked coordinates, gaps, escaping, dashes,
// and the trend report's four charts from example histories.
#include "swelltrack/svg.h"

#include <catch2/catch.hpp>
#include <regex>

#include "examples.h"
#include "swelltrack/trend_charts.h"

using namespace swelltrack;
using namespace swelltrack::chart;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// True when `text` at `i` is an entity the renderer writes (&amp; &lt; &gt; &quot; &#39;).
bool entity_at(std::string_view text, std::size_t i) {
    for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"})
        if (text.substr(i, e.size()) == e) return true;
    return false;
}

// A small well-formedness check (the subset of XML the renderer writes): one root element, every
// tag closed in order, attributes name="value", no raw < or stray & in text or values. Returns
// what is wrong, or "" when nothing is.
std::string xml_problem(std::string_view x) {
    std::vector<std::string> open;
    std::size_t roots = 0;
    auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':'; };
    auto clean = [&](std::string_view s, std::size_t from) -> std::string {
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '<') return "raw < at " + std::to_string(from + i);
            if (s[i] == '&' && !entity_at(s, i)) return "stray & at " + std::to_string(from + i);
        }
        return "";
    };
    std::size_t i = 0;
    while (i < x.size()) {
        std::size_t lt = x.find('<', i);
        if (lt == std::string_view::npos) lt = x.size();
        if (auto p = clean(x.substr(i, lt - i), i); !p.empty()) return p;
        if (lt > i && open.empty() && x.substr(i, lt - i).find_first_not_of(" \n") != std::string_view::npos)
            return "text outside the root";
        if (lt == x.size()) break;
        i = lt + 1;
        bool closing = i < x.size() && x[i] == '/';
        if (closing) ++i;
        std::size_t start = i;
        while (i < x.size() && name_char(x[i])) ++i;
        std::string name(x.substr(start, i - start));
        if (name.empty()) return "a tag without a name at " + std::to_string(lt);
        if (closing) {
            if (i >= x.size() || x[i] != '>') return "bad closing tag " + name;
            if (open.empty() || open.back() != name)
                return "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
            open.pop_back();
            ++i;
            continue;
        }
        for (;;) {  // attributes, then > or />
            while (i < x.size() && x[i] == ' ') ++i;
            if (i >= x.size()) return "unterminated <" + name;
            if (x[i] == '>' || x.substr(i, 2) == "/>") break;
            std::size_t a = i;
            while (i < x.size() && name_char(x[i])) ++i;
            if (i == a || x.substr(i, 2) != "=\"") return "bad attribute in <" + name + "> at " + std::to_string(a);
            i += 2;
            std::size_t end = x.find('"', i);
            if (end == std::string_view::npos) return "unterminated attribute value in <" + name + ">";
            if (auto p = clean(x.substr(i, end - i), i); !p.empty()) return p;
            i = end + 1;
        }
        if (open.empty()) ++roots;
        if (x[i] == '>') {
            open.push_back(name);
            ++i;
        } else {
            i += 2;
        }
    }
    if (!open.empty()) return "<" + open.back() + "> not closed";
    if (roots != 1) return std::to_string(roots) + " root elements";
    return "";
}

// Every label of a laid-out chart.
std::vector<Label> labels(const ChartLayout& l) {
    std::vector<Label> out = l.title;
    for (const auto& e : l.legend) out.insert(out.end(), e.label.begin(), e.label.end());
    for (const auto* more : {&l.note, &l.x_tick_labels, &l.y_tick_labels})
        out.insert(out.end(), more->begin(), more->end());
    for (const auto& o : {l.x_label, l.y_label, l.empty})
        if (o) out.push_back(*o);
    for (const auto& s : l.lines)
        if (s.label) out.push_back(*s.label);
    return out;
}

// Where a label is drawn in the chart font: its advance width, and 0.93 of its size above the
// baseline and 0.24 below (DejaVu Sans' ascent and descent, what a browser's text box spans).
Rect text_box(const Label& l) {
    double w = svg::text_width(l.text, l.face, l.size);
    if (l.vertical) return {l.at.x - 0.93 * l.size, l.at.y, 1.17 * l.size, w};
    double left = l.align == Align::left ? l.at.x : l.align == Align::right ? l.at.x - w : l.at.x - w / 2;
    return {left, l.at.y - 0.24 * l.size, w, 1.17 * l.size};
}

}  // namespace

TEST_CASE("the XML check itself catches what it should") {
    CHECK(xml_problem("<svg><g a=\"1\"/><text>a &amp; b</text></svg>").empty());
    CHECK_FALSE(xml_problem("<svg><g></svg>").empty());
    CHECK_FALSE(xml_problem("<svg><text>a < b</text></svg>").empty());
    CHECK_FALSE(xml_problem("<svg><text>a & b</text></svg>").empty());
    CHECK_FALSE(xml_problem("<svg a=\"<\"></svg>").empty());
    CHECK_FALSE(xml_problem("<svg></svg><svg></svg>").empty());
}

TEST_CASE("escape writes the five XML specials as entities and drops control characters") {
    CHECK(svg::escape(R"(<a href="x" title='y'>&</a>)") ==
          "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    CHECK(svg::escape("Zoë 王芳") == "Zoë 王芳");
    CHECK(svg::escape(std::string("a\x01"
                                  "b\tc",
                                  5)) == "a b\tc");
}

TEST_CASE("text widths are the chart font's advances, and a character it lacks counts a full em") {
    // DejaVu Sans has 2048 units per em. "Hi": H 1540 + i 569 = 2109 units; at 10 px 2109 / 2048 *
    // 10 = 10.2979. Bold: H 1714 + i 702 = 2416 units: 11.7969.
    CHECK(svg::text_width("Hi", Face::regular, 10) == Approx(10.2979).epsilon(1e-4));
    CHECK(svg::text_width("Hi", Face::bold, 10) == Approx(11.7969).epsilon(1e-4));
    // é (Latin-1) is in the font: 1260 units, 6.1523 at 10 px.
    CHECK(svg::text_width("é", Face::regular, 10) == Approx(6.1523).epsilon(1e-4));
    // Chinese and Cyrillic are not cut into the font: drawn in the viewer's own, counted 1 em each.
    CHECK(svg::text_width("王芳", Face::regular, 10) == Approx(20.0));
    CHECK(svg::text_width("Жи", Face::bold, 10) == Approx(20.0));
    // At 2048 px a unit is a pixel: quotesingle 563 + grave 1024.
    CHECK(svg::measure_chart_font()("'`", Face::regular, 2048) == Approx(563 + 1024));
}

TEST_CASE("the chart font is served as two WOFF2 files that the CSS declares for the charts' family") {
    const auto& files = svg::font_files();
    REQUIRE(files.size() == 2);
    std::string css = svg::font_face_css("/assets/");
    for (const auto& f : files) {
        CHECK(f.woff2.substr(0, 4) == "wOF2");  // the WOFF2 signature
        CHECK(f.woff2.size() < 20 * 1024);      // a phone fetches it once: small
        CHECK_THAT(css, Catch::Contains("src: url(\"/assets/" + std::string(f.name) + "\") format(\"woff2\")"));
    }
    CHECK(files[0].face == Face::regular);
    CHECK(files[1].face == Face::bold);
    CHECK_THAT(css, Catch::Contains("font-family: \"swelltrack-chart\"; font-weight: 400"));
    CHECK_THAT(css, Catch::Contains("font-family: \"swelltrack-chart\"; font-weight: 700"));
    // The SVG asks for that family first.
    Chart c;
    c.title = "t";
    CHECK_THAT(svg::svg_chart(c, 200, 120), Catch::Contains(R"(font-family="swelltrack-chart, sans-serif")"));
}

TEST_CASE("a point lands where the hand-worked arithmetic puts it, with y flipped") {
    Chart c;
    c.x_dates = false;
    c.x_lo = 0, c.x_hi = 10, c.y_lo = 0, c.y_hi = 100;
    Series s{"", {0, 0, 1}, {{0, 0.0}, {5, 25.0}, {10, 100.0}}};
    c.series.push_back(s);
    // Box 200 x 120. No legend, x label or note: the layout puts the legend baseline at 120 - 22 =
    // 98 and the plot at x 42, y 14 (above the tick labels), 200 - 48 = 152 wide and 98 - 8 - 14 =
    // 76 high.
    auto layout = layout_chart(c, {0, 0, 200, 120}, svg::measure_chart_font());
    REQUIRE(layout.plot.x == Approx(42));
    REQUIRE(layout.plot.y == Approx(14));
    REQUIRE(layout.plot.w == Approx(152));
    REQUIRE(layout.plot.h == Approx(76));
    // (5, 25): x = 42 + 5/10 * 152 = 118; layout y = 14 + 25/100 * 76 = 33, which is 120 - 33 = 87
    // from the top in SVG. (0, 0): 42 and 120 - 14 = 106. (10, 100): 194 and 120 - 90 = 30.
    std::string out = svg::svg_chart(c, 200, 120);
    CHECK(xml_problem(out).empty());
    CHECK_THAT(out, Catch::Contains(R"(<polyline points="42,106 118,87 194,30"/>)"));
    CHECK_THAT(out, Catch::Contains(R"(viewBox="0 0 200 120")"));
    // The plot area's frame: its top-left corner is 120 - (14 + 76) = 30 from the top.
    CHECK_THAT(out, Catch::Contains(R"(<rect class="frame" x="42" y="30" width="152" height="76")"));
    // With markers, a dot at each point: one path of zero-length lines whose round caps are as wide
    // as a marker, 2 x 1.8 (chart::marker_radius) = 3.6.
    REQUIRE(chart::marker_radius == 1.8);
    c.series[0].markers = true;
    out = svg::svg_chart(c, 200, 120);
    CHECK(xml_problem(out).empty());
    CHECK_THAT(out, Catch::Contains(R"(<path class="markers" d="M42 106h0M118 87h0M194 30h0" fill="none" )"
                                    R"x(stroke="rgb(0,0,255)" stroke-width="3.6" stroke-linecap="round"/>)x"));
}

TEST_CASE("a gap in a series splits its line into one polyline per run") {
    Chart c;
    c.x_dates = false;
    Series s{"left arm", {0.1, 0.2, 0.3}, {{1, 10.0}, {2, 11.0}, {3, std::nullopt}, {4, 12.0}, {5, 13.0}}};
    c.series.push_back(s);
    std::string out = svg::svg_chart(c, 400, 200);
    CHECK(xml_problem(out).empty());
    CHECK(count(out, "<polyline") == 2);
    CHECK_THAT(out, Catch::Contains("stroke=\"rgb(26,51,77)\""));  // 0.1, 0.2, 0.3 of 255, rounded
}

TEST_CASE("a script and quotes in the title and a series label come out as text") {
    Chart c;
    c.x_dates = false;
    c.title = R"(</title><script>alert("x")</script> & 'q')";
    Series s{R"("><script>alert('y')</script><g a=")", {1, 0, 0}, {{1, 1.0}, {2, 2.0}}};
    c.series.push_back(s);
    c.note = "a < b & c > d";
    std::string out = svg::svg_chart(c, 600, 250);
    CHECK(xml_problem(out).empty());
    CHECK_THAT(out, !Catch::Contains("<script"));
    CHECK_THAT(out, !Catch::Contains("alert(\""));
    CHECK_THAT(out,
               Catch::Contains("&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
    CHECK_THAT(out, Catch::Contains("&quot;&gt;&lt;script&gt;alert(&#39;y&#39;)"));
    CHECK(count(out, "<title>") == 1);
    CHECK(count(out, "</title>") == 1);
}

TEST_CASE("dashed and dotted strokes, classes and colours without style attributes") {
    Chart c;
    c.x_dates = false;
    Series s{"dashed", {0.5, 0.5, 0.5}, {{1, 1.0}, {2, 2.0}, {3, 1.5}}};
    s.dash = Dash::dashed;
    c.series.push_back(s);
    c.lines.push_back({1.5, false, grey, "dotted line", Dash::dotted});
    c.lines.push_back({2.0, true, black, "event", Dash::solid});
    c.bands.push_back({1.2, 1.8, {1, 0.9, 0.8}, "band"});
    c.marks.push_back({{2.0, 3.0}, {0.1, 0.5, 0.25}, "treatment"});
    std::string out = svg::svg_chart(c, 500, 250);
    CHECK(xml_problem(out).empty());
    CHECK_THAT(out, Catch::Contains(R"(stroke-dasharray="4 3")"));
    CHECK_THAT(out, Catch::Contains(R"(stroke-dasharray="1 2")"));
    CHECK_THAT(out, Catch::Contains(R"(class="reference")"));
    CHECK_THAT(out, Catch::Contains(R"(<rect class="band")"));
    CHECK_THAT(out, Catch::Contains(R"(<path class="marks" d="M)"));
    CHECK_THAT(out, Catch::Contains(R"(class="grid")"));
    CHECK_THAT(out, Catch::Contains(R"(<g class="legend"><g><line )"));  // each entry its own group
    CHECK_THAT(out, Catch::Contains(R"(class="axis")"));
    CHECK_THAT(out, Catch::Contains("fill=\"rgb(255,230,204)\""));
    CHECK_THAT(out, Catch::Contains(R"(stroke="currentColor")"));  // the black vertical line
    CHECK_THAT(out, Catch::Contains(R"(fill="currentColor">event</text>)"));
    CHECK_THAT(out, !Catch::Contains("rotate("));  // no y label: nothing is turned
    CHECK_THAT(out, !Catch::Contains("style="));
    // Numbers have at most two decimals.
    CHECK_FALSE(std::regex_search(out, std::regex(R"(\d\.\d{3})")));
}

TEST_CASE("labels align with text-anchor and the y label turns a quarter") {
    Chart c;
    c.x_dates = false;
    c.y_label = "volume (mL)";
    c.series.push_back({"s", {0, 0, 1}, {{1, 1.0}, {2, 2.0}}});
    std::string out = svg::svg_chart(c, 500, 250);
    CHECK_THAT(out, Catch::Contains(R"(text-anchor="end")"));     // y tick labels
    CHECK_THAT(out, Catch::Contains(R"(text-anchor="middle")"));  // x tick labels
    CHECK_THAT(out, Catch::Contains(R"(transform="rotate(-90 )"));
}

TEST_CASE("an empty chart says so in its plot area and its description") {
    Chart c;
    c.title = "Symptoms";
    c.empty_text = "no symptom scores recorded in this range";
    std::string out = svg::svg_chart(c, 400, 200);
    CHECK(xml_problem(out).empty());
    CHECK_THAT(out, Catch::Contains(R"(<g class="empty">)"));
    CHECK_THAT(out, Catch::Contains("no symptom scores recorded in this range.</desc>"));
    CHECK_THAT(out, !Catch::Contains("<polyline"));
}

TEST_CASE("the trend report's four charts as SVG, each with its title and a description") {
    for (const History& h : {examples::arm_client(), examples::bilateral_legs_client()}) {
        auto figures = svg::trend_figures(h);
        REQUIRE(figures.size() == 4);
        for (const auto& f : figures) {
            INFO(f.svg.substr(0, 300));
            CHECK(xml_problem(f.svg).empty());
            CHECK(f.svg.starts_with("<svg "));
            CHECK_THAT(f.svg, Catch::Contains(R"(role="img")"));
            CHECK_THAT(f.svg, Catch::Contains("<desc>"));
        }
        CHECK_THAT(figures[0].svg, Catch::Contains("<title>Limb volume over time ("));
        CHECK_THAT(figures[2].svg, Catch::Contains("<title>Circumference at each point: baseline and latest</title>"));
        CHECK_THAT(figures[3].svg, Catch::Contains("<title>Symptoms as felt (0 = none, 10 = worst)</title>"));
    }
    auto arm = svg::trend_figures(examples::arm_client());
    CHECK_THAT(arm[1].svg, Catch::Contains("<title>Relative volume change (RVC) and % excess over time</title>"));
    CHECK_THAT(arm[0].svg, Catch::Contains(R"(<rect class="span")"));  // the cellulitis episode
    auto legs = svg::trend_figures(examples::bilateral_legs_client());
    CHECK_THAT(legs[1].svg,
               Catch::Contains("<title>Weight-adjusted volume change (WAC) of each limb over time</title>"));
}

TEST_CASE("a chart's note is the figure's caption, whole, and not drawn inside the small SVG") {
    // The arm client's volume chart explains its watch and range lines in a note far longer than
    // five lines of a 300-wide chart: on a page it is text under the chart, never cut.
    auto figures = svg::trend_figures(examples::arm_client(), {}, 300, 230);
    const auto& volume = figures[0];
    CHECK(volume.caption.starts_with("Watch and range lines:"));
    CHECK_THAT(volume.caption, Catch::Contains("A point on or above a line has reached that threshold."));
    CHECK_THAT(volume.svg, !Catch::Contains(R"(<g class="note">)"));
    CHECK_THAT(volume.svg, Catch::Contains(svg::escape(volume.caption) + "</desc>"));  // for screen readers too
    // A chart without a note (the symptoms; the profile now says which session is "latest") has no caption.
    CHECK(figures[3].caption.empty());
}

TEST_CASE("the days asked for narrow the charts as in the PDF report") {
    History h = examples::arm_client();
    ReportOptions o;
    o.from = date::year_month_day{h.sessions.back().recorded_at.local_date()};
    auto figures = svg::trend_figures(h, o);
    auto day = format_date(*o.from);
    CHECK_THAT(figures[0].svg, Catch::Contains("From " + day + " to " + day + "."));
}

TEST_CASE("five years of daily sessions stay small: the layout downsamples, numbers are short") {
    for (const auto& f : svg::trend_figures(examples::daily_client(5))) {
        CHECK(xml_problem(f.svg).empty());
        CHECK(f.svg.size() < 60'000);
    }
}

TEST_CASE("the trend charts laid out for a phone with larger text keep every label whole and inside") {
    // The client page's charts: 300 x 360 with text 1.65 times the PDF's (app/web/client_page.cpp),
    // and without their notes, which the page sets as captions.
    const Rect box{0, 0, 300, 360};
    for (const History& h : {examples::arm_client(), examples::bilateral_legs_client()}) {
        const ReportOptions options;
        const auto view = charts::trend_view(h, options);
        for (auto c : {charts::volume_chart(view), charts::change_chart(view), charts::profile_chart(view),
                       charts::symptoms_chart(view)}) {
            c.note.clear();
            auto l = layout_chart(c, box, svg::measure_chart_font(), 1.65);
            CHECK(l.plot.h > 100);
            for (const auto& label : labels(l)) {
                INFO(c.title << ": " << label.text);
                CHECK_FALSE(label.text.ends_with("..."));
                auto r = text_box(label);
                CHECK(r.x >= 0);
                CHECK(r.y >= 0);
                CHECK(r.x + r.w <= box.w);
                CHECK(r.y + r.h <= box.h);
            }
        }
    }
}
