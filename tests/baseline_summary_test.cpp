#include "swelltrack/baseline_summary.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "cylinders.h"

using namespace swelltrack;
using swelltrack::testing::cylinders;

namespace {

Client arm_client(Affected affected) {
    Client c;
    c.name = "Summary Test";
    c.limb = LimbKind::arm;
    c.affected = affected;
    return c;
}

// Baseline: left 31 cm, right 30 cm at every point, 70 kg. Four weeks later: left 32 cm, 72 kg.
// A week after that: a session with the left arm's third point not measured (partial).
History three_sessions(Affected affected) {
    auto baseline = cylinders("2025-03-01T08:00+01:00", 31, 30);
    baseline.weight_kg = 70;
    auto latest = cylinders("2025-03-29T08:00+01:00", 32, 30);
    latest.weight_kg = 72;
    auto partial = cylinders("2025-04-05T08:00+02:00", 32, 30);
    partial.left_mm[2].reset();
    return analyze_history(arm_client(affected), {baseline, latest, partial}, {});
}

// The rows as (figure, baseline, latest), to compare with a hand-written table in one CHECK.
std::vector<std::vector<std::string>> cells(const display::BaselineSummary& s) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : s.rows) out.push_back({r.figure, r.baseline, r.latest});
    return out;
}

// The row of `figure`; a row with an empty figure when there is none.
display::SummaryRow row(const display::BaselineSummary& s, const std::string& figure) {
    for (const auto& r : s.rows)
        if (r.figure == figure) return r;
    return {};
}

}  // namespace

TEST_CASE("the summary of a left arm worked by hand: volumes, differences, RVC, WAC, classes") {
    // The arms are cylinders 40 cm long: V = 10 C^2 / pi mL (C in cm), see cylinders.h.
    //   right 30 cm: 9000 / pi = 2864.79 -> "2865 mL" at both sessions
    //   left 31 cm:  9610 / pi = 3058.96 -> "3059 mL";  left 32 cm: 10240 / pi = 3259.49 -> "3259 mL"
    // Difference, affected - unaffected: 610 / pi = 194.17 -> "+194 mL"; 1240 / pi = 394.70 -> "+395 mL".
    // % excess: 961 / 900 - 1 = 6.78% -> "+6.8%"; 1024 / 900 - 1 = 13.78% -> "+13.8%".
    // RVC: the baseline against itself is (3059/2865) / (3059/2865) - 1 = 0 -> "0.0%"; latest
    //   (1024/900) / (961/900) - 1 = 1024 / 961 - 1 = 6.56% -> "+6.6%".
    // WAC (left): the baseline against itself 0 -> "left 0.0%"; latest (10240 x 70) / (72 x 9610) - 1
    //   = 716800 / 691920 - 1 = 3.60% -> "left +3.6%".
    // CTCAE v3: 6.78% is grade 1 (5-10%), 13.78% grade 2 (>10-30%); ISL: both under 20%, mild.
    // Every point differs by 1 cm, then 2 cm: the first such point, point 1, 0 cm from the wrist.
    auto h = three_sessions(Affected::left);
    auto s = display::baseline_summary(h);
    REQUIRE(s);
    CHECK(s->baseline == 0);
    CHECK(s->latest == 1);  // the partial session after it has nothing to compare
    CHECK(s->later == 1);
    CHECK(s->baseline_day == "2025-03-01");
    CHECK(s->latest_day == "2025-03-29");
    using Cells = std::vector<std::vector<std::string>>;
    CHECK(cells(*s) == Cells{{"Left arm volume (affected)", "3059 mL", "3259 mL"},
                             {"Right arm volume (unaffected)", "2865 mL", "2865 mL"},
                             {"Difference, affected - unaffected", "+194 mL", "+395 mL"},
                             {"% excess over the unaffected limb", "+6.8%", "+13.8%"},
                             {"Relative volume change (RVC) since baseline", "0.0%", "+6.6%"},
                             {"Weight-adjusted change (WAC)", "left 0.0%", "left +3.6%"},
                             {"Severity class: CTCAE v3 grade (from % excess)", "grade 1 (5-10%)", "grade 2 (>10-30%)"},
                             {"Severity class: ISL severity band (from % excess)", "mild (<20%)", "mild (<20%)"},
                             {"Largest point difference, affected - unaffected", "+1.0 cm at 0 cm", "+2.0 cm at 0 cm"},
                             {"Partial (a point was not measured)", "no", "no"}});
    // Severity classes are words a narrow face may wrap; figures stay on one line.
    CHECK(row(*s, "Left arm volume (affected)").values == display::SummaryValues::figures);
    CHECK(row(*s, "Severity class: CTCAE v3 grade (from % excess)").values == display::SummaryValues::words);
}

TEST_CASE("the summary of a right arm signs the differences affected minus unaffected") {
    // The same sessions with the right arm affected: affected 30 cm against unaffected 31 (then 32).
    // Difference -610 / pi = -194.17 -> "-194 mL"; -1240 / pi -> "-395 mL". Excess and RVC are
    // negative: 900 / 961 - 1 = -6.35% and 900 / 1024 - 1 = -12.11%; RVC (900/1024) / (900/961) - 1
    // = 961 / 1024 - 1 = -6.15% (0 at the baseline, as above). WAC (right): (9000 x 70) / (72 x 9000)
    // - 1 = 70 / 72 - 1 = -2.78%. No CTCAE
    // grade above 0 for a smaller affected arm: "below grade 1 (<5%)", and no ISL band.
    auto s = display::baseline_summary(three_sessions(Affected::right));
    REQUIRE(s);
    using Cells = std::vector<std::vector<std::string>>;
    CHECK(cells(*s) ==
          Cells{{"Left arm volume (unaffected)", "3059 mL", "3259 mL"},
                {"Right arm volume (affected)", "2865 mL", "2865 mL"},
                {"Difference, affected - unaffected", "-194 mL", "-395 mL"},
                {"% excess over the unaffected limb", "-6.3%", "-12.1%"},
                {"Relative volume change (RVC) since baseline", "0.0%", "-6.2%"},
                {"Weight-adjusted change (WAC)", "right 0.0%", "right -2.8%"},
                {"Severity class: CTCAE v3 grade (from % excess)", "below grade 1 (<5%)", "below grade 1 (<5%)"},
                {"Severity class: ISL severity band (from % excess)", "not graded (excess under 5%)",
                 "not graded (excess under 5%)"},
                {"Largest point difference, affected - unaffected", "-1.0 cm at 0 cm", "-2.0 cm at 0 cm"},
                {"Partial (a point was not measured)", "no", "no"}});
}

TEST_CASE("with both arms affected the summary gives WAC per side and no severity class") {
    // Volumes and the left - right difference as above. WAC left: 716800 / 691920 - 1 = +3.6%;
    // right: (9000 x 70) / (72 x 9000) - 1 = 70 / 72 - 1 = -2.78% -> "-2.8%"; both 0 at the baseline.
    auto s = display::baseline_summary(three_sessions(Affected::both));
    REQUIRE(s);
    using Cells = std::vector<std::vector<std::string>>;
    CHECK(cells(*s) == Cells{{"Left arm volume", "3059 mL", "3259 mL"},
                             {"Right arm volume", "2865 mL", "2865 mL"},
                             {"Difference, left - right", "+194 mL", "+395 mL"},
                             {"Weight-adjusted change (WAC), left", "0.0%", "+3.6%"},
                             {"Weight-adjusted change (WAC), right", "0.0%", "-2.8%"},
                             {"Severity class", "not graded: no unaffected limb to compare with", ""},
                             {"Largest point difference, left - right", "+1.0 cm at 0 cm", "+2.0 cm at 0 cm"},
                             {"Partial (a point was not measured)", "no", "no"}});
    CHECK(row(*s, "Severity class").values == display::SummaryValues::statement);
}

TEST_CASE("a report's range chooses the latest among the sessions it shows") {
    auto h = three_sessions(Affected::left);
    SECTION("the baseline alone: compared with itself") {
        const std::size_t shown[] = {0};
        auto s = display::baseline_summary(h, shown);
        REQUIRE(s);
        CHECK(s->latest == 0);
        CHECK(s->later == 0);
        CHECK(row(*s, "Relative volume change (RVC) since baseline").latest == "0.0%");  // against itself
    }
    SECTION("the baseline outside the range is still the one compared with") {
        const std::size_t shown[] = {1, 2};
        auto s = display::baseline_summary(h, shown);
        REQUIRE(s);
        CHECK(s->baseline == 0);
        CHECK(s->latest == 1);
        CHECK(s->later == 1);
    }
    SECTION("only the partial session: the newest shown, its volumes, nothing compared") {
        // The left arm's volume leaves out the segments beside the missing third point.
        const std::size_t shown[] = {2};
        auto s = display::baseline_summary(h, shown);
        REQUIRE(s);
        CHECK(s->latest == 2);
        CHECK(row(*s, "Left arm volume (affected)").latest != "-");
        CHECK(row(*s, "Difference, affected - unaffected").latest == "-");  // a partial side is never compared
        CHECK(row(*s, "Partial (a point was not measured)").latest == "yes");
    }
    SECTION("nothing shown") { CHECK_FALSE(display::baseline_summary(h, std::span<const std::size_t>{})); }
}

TEST_CASE("without a baseline there is no summary") {
    // A single session with a point missing cannot be a baseline (docs/clinical.md#baseline).
    auto partial = cylinders("2025-03-01T08:00+01:00", 31, 30);
    partial.right_mm[0].reset();
    auto h = analyze_history(arm_client(Affected::left), {partial}, {});
    CHECK_FALSE(h.baseline);
    CHECK_FALSE(display::baseline_summary(h));
}
