#include <catch2/catch.hpp>

#include "examples.h"
#include "report_test_util.h"
#include "swelltrack/report.h"

using namespace swelltrack;
using namespace report_test;

namespace {
ReportOptions a4() {
    ReportOptions o;
    o.generated_at = "2025-07-01T10:00:00+02:00";
    o.program_version = "9.8.7";
    return o;
}
bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }
}  // namespace

TEST_CASE("the arm trend report prints the domain's figures, names and page numbers") {
    TempDir dir;
    History h = examples::arm_client();
    auto pdf = save(dir.path(), "arm.pdf", render_trend_report(h, a4()));
    REQUIRE(qpdf_ok(pdf));
    std::string text = text_of(pdf);
    CHECK(contains(text, "Zoë Ødegård"));
    CHECK(contains(text, "page 1 of 4"));
    CHECK(contains(text, "page 4 of 4"));
    CHECK(info(pdf, "Pages") == "4");
    CHECK(contains(text, "Generated 2025-07-01T10:00:00+02:00 by swelltrack 9.8.7"));

    const auto& latest = h.figures.back();
    const auto& base = h.figures[*h.baseline];
    CHECK(contains(text, fmt("%.0f mL", *latest.left_ml)));
    CHECK(contains(text, fmt("%.0f mL", *latest.right_ml)));
    CHECK(contains(text, fmt("%.0f mL", *base.left_ml)));
    CHECK(contains(text, fmt("%+.0f mL", *latest.diff_ml)));
    CHECK(contains(text, fmt("%+.1f%%", *latest.excess_pct)));
    CHECK(contains(text, fmt("%+.1f%%", *latest.rvc_pct)));
    CHECK(contains(text, std::string(ctcae_label(*latest.ctcae_grade))));
    CHECK(contains(text, "truncated-cone (frustum)"));
    CHECK(contains(text, "3.5%"));  // the measurement-noise note
    CHECK(contains(text, "arm-4cm"));
    CHECK(contains(text, "Baseline: session of 2024-01-08"));
    // The cellulitis week: its alerts and skin note are in the table and the timeline.
    CHECK(contains(text, "infection_signs"));
    CHECK(contains(text, "redness, warmth"));
    CHECK(contains(text, "Red, warm patch on the inner forearm"));
    CHECK(contains(text, "partial"));
    // Every session is in the table.
    for (const auto& s : h.sessions) CHECK(contains(text, date::format("%F %H:%M", s.recorded_at.local())));
}

TEST_CASE("a4 and letter give their paper sizes") {
    TempDir dir;
    History h = examples::arm_client("Jane Smith");
    auto options = a4();
    auto a4_pdf = save(dir.path(), "a4.pdf", render_trend_report(h, options));
    options.paper = Paper::letter;
    auto letter_pdf = save(dir.path(), "letter.pdf", render_trend_report(h, options));
    CHECK(contains(info(a4_pdf, "Page size"), "595.276 x 841.89"));
    CHECK(contains(info(letter_pdf, "Page size"), "612 x 792"));
    CHECK(qpdf_ok(letter_pdf));
}

TEST_CASE("from and to narrow what is shown but figures still compare with the real baseline") {
    TempDir dir;
    History h = examples::arm_client();
    auto options = a4();
    options.from = date::year{2024} / 9 / 1;
    options.to = date::year{2025} / 1 / 31;
    auto pdf = save(dir.path(), "narrow.pdf", render_trend_report(h, options));
    std::string text = text_of(pdf);
    CHECK_FALSE(contains(text, "2024-01-15 08:30"));  // before the range
    CHECK_FALSE(contains(text, "2025-06-30 08:30"));  // after it
    CHECK(contains(text, "2024-09-02 08:30"));
    CHECK(contains(text, "Baseline: session of 2024-01-08"));
    std::size_t last_in_range = 0;
    for (std::size_t i = 0; i < h.sessions.size(); ++i)
        if (h.sessions[i].recorded_at.local_date() <= date::year{2025} / 1 / 31) last_in_range = i;
    CHECK(contains(text, "Latest " + format_date(h.sessions[last_in_range].recorded_at.local_date())));
    CHECK(contains(text, fmt("%+.1f%%", *h.figures[last_in_range].rvc_pct)));
}

TEST_CASE("a bilateral leg client shows WAC for each side instead of RVC") {
    TempDir dir;
    History h = examples::bilateral_legs_client();
    auto pdf = save(dir.path(), "legs.pdf", render_trend_report(h, a4()));
    REQUIRE(qpdf_ok(pdf));
    std::string text = text_of(pdf);
    CHECK(contains(text, "Maria Schäfer"));
    CHECK(contains(text, "Both legs affected"));
    const auto& latest = h.figures.back();
    REQUIRE(latest.wac_pct.size() == 2);
    CHECK(contains(text, fmt("%+.1f%%", latest.wac_pct.at(Side::left))));
    CHECK(contains(text, fmt("%+.1f%%", latest.wac_pct.at(Side::right))));
    CHECK(contains(text, "Weight-adjusted volume change (WAC)"));
    CHECK_FALSE(contains(text, "Relative volume change (RVC)"));
}

TEST_CASE("names beyond Latin-1 print with an embedded font") {
    TempDir dir;
    auto cjk = save(dir.path(), "cjk.pdf", render_trend_report(examples::arm_client("王芳"), a4()));
    REQUIRE(qpdf_ok(cjk));
    CHECK(contains(text_of(cjk), "王芳"));
    auto cyrillic = save(dir.path(), "ru.pdf", render_trend_report(examples::arm_client("Ирина Łukasiewicz"), a4()));
    CHECK(contains(text_of(cyrillic), "Ирина Łukasiewicz"));
    CHECK(contains(run("pdffonts '" + cyrillic.string() + "'").out, "DejaVuSans"));
    auto latin = save(dir.path(), "latin.pdf", render_trend_report(examples::arm_client(), a4()));
    CHECK_FALSE(contains(run("pdffonts '" + latin.string() + "'").out, "DejaVu"));  // base fonts only
}

TEST_CASE("a five-year daily client stays small and lists every session") {
    TempDir dir;
    History h = examples::daily_client(5);
    std::string bytes = render_trend_report(h, a4());
    CHECK(bytes.size() < 200u * 1024u);
    auto pdf = save(dir.path(), "daily.pdf", bytes);
    REQUIRE(qpdf_ok(pdf));
    std::string text = text_of(pdf);
    CHECK(contains(text, fmt("%+.1f%%", *h.figures.back().rvc_pct)));
    CHECK(contains(text, date::format("%F %H:%M", h.sessions.front().recorded_at.local())));
    CHECK(contains(text, date::format("%F %H:%M", h.sessions.back().recorded_at.local())));
    std::string pages = info(pdf, "Pages");
    CHECK(contains(text, "page " + pages + " of " + pages));
}

TEST_CASE("a client without sessions still gets a report") {
    TempDir dir;
    History h;
    h.client.name = "New Client";
    auto pdf = save(dir.path(), "empty.pdf", render_trend_report(h, a4()));
    REQUIRE(qpdf_ok(pdf));
    CHECK(contains(text_of(pdf), "No sessions in the selected range"));
}

TEST_CASE("a note of 70,000 bytes without a space (stored before notes had a limit) still gives a report") {
    TempDir dir;
    History h = examples::arm_client();
    h.sessions.back().notes = std::string(70000, 'x');
    h.sessions.back().skin_note = std::string(70000, 'y');
    auto pdf = save(dir.path(), "long.pdf", render_trend_report(h, a4()));
    REQUIRE(qpdf_ok(pdf));
    CHECK(contains(text_of(pdf), "page 1 of"));
}

TEST_CASE("the summary prints hand-worked figures for two cylindrical arms") {
    // Every arm-4cm point 30 cm on the right and 31 cm on the left: each arm is a cylinder 40 cm
    // long. V = h * C^2 / (4 pi): right 40 * 900 / (4 pi) = 9000 / pi = 2864.8 mL; left 40 * 961 /
    // (4 pi) = 9610 / pi = 3059.0 mL. Difference 610 / pi = 194.2 mL; excess 961 / 900 - 1 = 6.78%.
    Client c;
    c.name = "Cylinder Test";
    c.limb = LimbKind::arm;
    c.affected = Affected::left;
    Session s;
    s.protocol = "arm-4cm";
    s.recorded_at = parse_datetime("2025-03-01T08:00+01:00");
    s.left_mm.assign(11, 310.0);
    s.right_mm.assign(11, 300.0);
    TempDir dir;
    auto pdf = save(dir.path(), "cylinder.pdf", render_trend_report(analyze_history(c, {s}, {}), a4()));
    REQUIRE(qpdf_ok(pdf));
    std::string text = text_of(pdf);
    CHECK(contains(text, "3059 mL"));
    CHECK(contains(text, "2865 mL"));
    CHECK(contains(text, "+194 mL"));
    CHECK(contains(text, "+6.8%"));
    CHECK(contains(text, "grade 1 (5-10%)"));  // 6.78% is in CTCAE grade 1
}
