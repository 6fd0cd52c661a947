#include <catch2/catch.hpp>
#include <chrono>

#include "examples.h"
#include "report_test_util.h"
#include "swelltrack/report.h"

using namespace swelltrack;
using namespace report_test;

namespace {
bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// The first line of `text` that holds `what`, from its first character that is not a space.
std::string line_with(const std::string& text, const std::string& what) {
    auto at = text.find(what);
    if (at == std::string::npos) return {};
    auto start = text.rfind('\n', at);
    start = start == std::string::npos ? 0 : start + 1;
    auto line = text.substr(start, text.find('\n', at) - start);
    return line.substr(line.find_first_not_of(' '));
}
}  // namespace

TEST_CASE("the clinic summary lists clients worst first with their latest figures") {
    TempDir dir;
    auto statuses = examples::clinic(40);
    ReportOptions o;
    o.generated_at = "2025-07-01T10:00:00+02:00";
    auto pdf = save(dir.path(), "clinic.pdf", render_clinic_summary(statuses, o));
    REQUIRE(qpdf_ok(pdf));
    std::string text = text_of(pdf);
    CHECK(contains(text, "Clinic summary"));
    CHECK(contains(text, "page 1 of "));
    std::size_t previous = 0;
    for (const auto& st : statuses) {  // each name appears, in the given (worst-first) order
        auto at = text.find(st.client.name + " ");
        REQUIRE(at != std::string::npos);
        CHECK(at >= previous);
        previous = at;
    }
    const auto& worst = statuses.front();
    CHECK(contains(text, fmt("%.0f", *worst.figures->left_ml)));
    CHECK(contains(text, fmt("%+.1f%%", *worst.change_pct)));
    CHECK(contains(text, std::string(to_string(worst.figures->alerts.front().code))));
}

TEST_CASE("a clinic of 1,000 clients spans pages quickly") {
    TempDir dir;
    auto statuses = examples::clinic(1000);
    statuses[0].client.name = "王芳";
    statuses[1].client.name = "Zoë Ødegård";
    auto t0 = std::chrono::steady_clock::now();
    std::string bytes = render_clinic_summary(statuses, {});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(seconds < 2.0);
    auto pdf = save(dir.path(), "clinic.pdf", bytes);
    REQUIRE(qpdf_ok(pdf));
    std::string pages = info(pdf, "Pages");
    CHECK(std::stoi(pages) > 10);
    std::string text = text_of(pdf);
    CHECK(contains(text, "page " + pages + " of " + pages));
    CHECK(contains(text, "王芳"));
    CHECK(contains(text, "Zoë Ødegård"));
    CHECK(contains(text, statuses.back().client.name));
}

TEST_CASE("an empty clinic gives a one-page summary") {
    TempDir dir;
    auto pdf = save(dir.path(), "none.pdf", render_clinic_summary({}, {}));
    REQUIRE(qpdf_ok(pdf));
    CHECK(contains(text_of(pdf), "No active clients"));
}

TEST_CASE("a long client name wraps in its column, whole, and the summary names itself") {
    TempDir dir;
    auto statuses = examples::clinic(3);
    const std::string name = "Friederike Wilhelmine von Hohenzollern-Sigmaringen-Schaumburg-Lippe";
    statuses[1].client.name = name;
    ReportOptions o;
    o.program_version = "9.8.7";
    auto pdf = save(dir.path(), "names.pdf", render_clinic_summary(statuses, o));
    REQUIRE(qpdf_ok(pdf));
    std::string text = text_of(pdf);
    // The Client column (112 pt, 7 pt DejaVu Sans) holds "Friederike Wilhelmine von"; the hyphenated
    // word alone is wider than the column, so it is broken between characters, and nothing is cut.
    CHECK_FALSE(contains(text, "..."));
    CHECK(line_with(text, "Friederike").starts_with("2   Friederike Wilhelmine von "));
    // The lines go on with the "Why" column's words, after a gap.
    CHECK(line_with(text, "Hohenzollern").starts_with("Hohenzollern-Sigmaringen-Sc  "));
    CHECK(line_with(text, "haumburg").starts_with("haumburg-Lippe"));
    CHECK(info(pdf, "Title") == "swelltrack clinic summary");
    CHECK(info(pdf, "Creator") == "swelltrack 9.8.7");
}
