// Treatment courses: the reduction of excess volume, the immediate effect of a treatment, how much
// of the reduction lasted, and what was done, each worked by hand on cylinder arms.
#include "swelltrack/course.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "cylinders.h"
#include "swelltrack/datetime.h"

using namespace swelltrack;
using swelltrack::testing::cylinders;
constexpr double pi = std::numbers::pi;

namespace {

// Cylinder arms 40 cm long: V = 10 C^2 / pi mL for C in cm (cylinders.h). With the right arm 30 cm
// the left arm's excess is 10 (L^2 - 900) / pi mL, and (L^2 - 900) / 900 of the right arm's volume.
Session arm(const std::string& at, double left_cm, double right_cm = 30,
            SessionContext context = SessionContext::routine) {
    auto s = cylinders(at, left_cm, right_cm);
    s.context = context;
    return s;
}
constexpr auto before = SessionContext::before_treatment;
constexpr auto after = SessionContext::after_treatment;

Client client(Affected affected = Affected::left, LengthUnit unit = LengthUnit::cm) {
    Client c;
    c.name = "Anna Berg";
    c.limb = LimbKind::arm;
    c.affected = affected;
    c.unit = unit;
    return c;
}

date::year_month_day day(const char* text) { return parse_date(text); }

Course intensive(const char* from, std::optional<const char*> to) {
    Course c;
    c.id = 1;
    c.kind = CourseKind::cdt_intensive;
    c.from = day(from);
    if (to) c.to = day(*to);
    return c;
}

// The intensive phase of March 2025 and what came after, left arm affected (right 30 cm).
std::vector<Session> march() {
    std::vector<Session> s{
        arm("2025-01-06T09:00+01:00", 31),  // baseline
        arm("2025-03-03T09:00+01:00", 34, 30, before),
        arm("2025-03-03T10:30+01:00", 33.8, 30, after),
        arm("2025-03-10T09:00+01:00", 33, 30, before),
        arm("2025-03-10T10:30+01:00", 32.9, 30, after),
        arm("2025-03-28T09:00+01:00", 32, 30, before),
        arm("2025-03-28T10:30+01:00", 31.8, 30, after),  // right after the last treatment: never the end
        arm("2025-04-25T09:00+02:00", 32.5),             // 4 weeks after the end
        arm("2025-06-27T09:00+02:00", 33),               // 12 weeks after is 20 June: 7 days off
    };
    s[1].treatment = {45, true, false};
    s[2].treatment = {45, true, false};
    s[1].compression = {CompressionKind::bandage, {}, {}, {}, true};
    s[3].treatment = {40, true, false};
    s[4].treatment = {40, true, false};
    s[3].compression = {CompressionKind::garment, 2, {}, {}, true};
    s[6].treatment = {30, false, false};
    return s;
}

const CourseReduction& left(const CourseFigures& f) { return f.reduction.at(0); }

}  // namespace

TEST_CASE("an intensive course: excess at start and end, its reduction in mL and percent, the immediate effect") {
    auto h = analyze_history(client(), march(), {});
    auto f = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2025-07-15"));
    CHECK_FALSE(f.running);
    CHECK(f.sessions.size() == 6);  // 3, 10 and 28 March, before and after each
    CHECK(f.reference == "the unaffected right arm");
    REQUIRE(f.reduction.size() == 1);
    const auto& r = left(f);
    CHECK(r.missing.empty());
    // Start: 3 March before treatment, left 34 cm: excess 10 (1156 - 900)/pi = 2560/pi = 814.87 mL,
    // 256/900 = 28.44% of the right arm.
    REQUIRE(r.start == 1u);
    CHECK(r.start_excess->ml == Approx(2560 / pi));
    CHECK(r.start_excess->pct == Approx(256.0 / 900 * 100));
    // End: 28 March before treatment (not the 10:30 session after it), 32 cm: 10 (1024 - 900)/pi = 1240/pi.
    REQUIRE(r.end == 5u);
    CHECK(r.end_excess->ml == Approx(1240 / pi));
    // Reduction: (2560 - 1240)/pi = 1320/pi = 420.17 mL, 1320/2560 = 51.5625% of the start excess.
    CHECK(*r.reduction_ml == Approx(1320 / pi));
    CHECK(*r.reduction_ml == Approx(420.17).epsilon(1e-4));
    CHECK(*r.reduction_pct == Approx(51.5625));

    // Immediate effect, after minus before on the same day. 3 March 34 -> 33.8: 10 (1142.44 - 1156)/pi = -135.6/pi; 10
    // March 33 -> 32.9: 10 (1082.41 - 1089)/pi = -65.9/pi; 28 March 32 -> 31.8: 10 (1011.24 - 1024)/pi = -127.6/pi.
    // Mean -329.1/(3 pi) = -109.7/pi = -34.92 mL. Deviations from the mean (x pi): -25.9, +43.8, -17.9;
    // squares 670.81 + 1918.44 + 320.41 = 2909.66, / 2 = 1454.83, sd = sqrt(1454.83)/pi = 12.14 mL.
    REQUIRE(f.immediate.size() == 1);
    const auto& e = f.immediate[0];
    CHECK(e.pairs == 3);
    CHECK(*e.mean_ml == Approx(-109.7 / pi));
    CHECK(*e.sd_ml == Approx(std::sqrt(1454.83) / pi).epsilon(1e-4));
    // In percent of the before volume: -13.56/1156, -6.59/1089, -12.76/1024 -> mean of -1.17301%,
    // -0.60514%, -1.24609% = -1.00808%.
    CHECK(*e.mean_pct == Approx(-1.00808).epsilon(1e-4));

    // What was done: treatment on 3 days; MLD 45 + 40 + 30 = 115 minutes (the before and after
    // sessions of a day record the same treatment: counted once); bandaging on 2 days; compression
    // recorded on 2 days and worn on both.
    CHECK(f.work.sessions == 6);
    CHECK(f.work.treatment_days == 3);
    CHECK(f.work.mld_minutes == 115);
    CHECK(f.work.bandaging_days == 2);
    CHECK(f.work.compression_known_days == 2);
    CHECK(f.work.compression_days == 2);
}

TEST_CASE(
    "durability: how much of the reduction is kept 4 12 and 26 weeks after, and a rebound flagged by the alerts") {
    auto h = analyze_history(client(), march(), {});
    auto f = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2025-07-15"));
    REQUIRE(f.durability.size() == 3);  // 4, 12, 26 weeks x the left arm
    // 4 weeks: 25 April, 32.5 cm: excess 10 (1056.25 - 900)/pi = 1562.5/pi. Of the start excess
    // (2560 - 1562.5)/2560 = 38.96% is still gone; of the course's reduction (2560 - 1562.5)/1320 = 75.57% kept.
    const auto& w4 = f.durability[0];
    CHECK(w4.weeks == 4);
    CHECK(w4.session == 7u);
    CHECK(*w4.reduction_pct == Approx(997.5 / 2560 * 100));
    CHECK(*w4.kept_pct == Approx(997.5 / 1320 * 100));
    // 12 weeks: 20 June; 27 June is 7 days off, inside the 21-day window: 33 cm, excess 1890/pi:
    // (2560 - 1890)/2560 = 26.17% still gone, 670/1320 = 50.76% of the reduction kept.
    const auto& w12 = f.durability[1];
    CHECK(w12.session == 8u);
    CHECK(*w12.reduction_pct == Approx(670.0 / 2560 * 100));
    CHECK(*w12.kept_pct == Approx(670.0 / 1320 * 100));
    // 26 weeks: 26 September, after "today" (15 July): not yet.
    const auto& w26 = f.durability[2];
    CHECK_FALSE(w26.session);
    CHECK(w26.missing == "not yet: due about 2025-09-26");
    // The same a year later, with no session near 26 September: said so.
    auto later = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2026-03-01"));
    CHECK(later.durability[2].missing == "no session with both arms measured in full within 45 days of 2025-09-26");

    // A rebound: a rise alert after the end that the end session (28 March, RVC 32^2/31^2 - 1 = 6.6%
    // against the 6 January baseline, no alert) did not carry. 25 April: 32.5^2/31^2 - 1 = 9.9% >= 5%,
    // confirmed by the session before it (31.8 cm right after the last treatment: +5.2%): rvc_5.
    // 27 June's 13.3% is over 10%, but the session before it is not: rvc_5 again, not a new code.
    REQUIRE(f.rebounds.size() == 1);
    CHECK(f.rebounds[0].session == 7u);
    CHECK(f.rebounds[0].code == AlertCode::rvc_5);
    // Ending the course a day earlier, the end session is still 28 March 09:00 (1 day after); the
    // session right after that day's treatment (31.8 cm, RVC +5.2%: rvc_5) is later than the end
    // session, but its excess (10 (1011.24 - 900)/pi) is below the end's (1240/pi): no rebound there.
    auto earlier = course_figures(h, intensive("2025-03-03", "2025-03-27"), day("2025-07-15"));
    REQUIRE(left(earlier).end == 5u);
    REQUIRE(earlier.rebounds.size() == 1);
    CHECK(earlier.rebounds[0].session == 7u);
}

TEST_CASE("a course with no session that stands for its start says which figure is missing and why") {
    auto h = analyze_history(client(), march(), {});
    // From 1 June: no session from 18 May to 8 June.
    auto f = course_figures(h, intensive("2025-06-01", "2025-06-10"), day("2025-07-15"));
    CHECK_FALSE(left(f).start);
    CHECK(left(f).missing ==
          "no session with both arms measured in full within 14 days before or 7 days after the start (2025-06-01)");
    CHECK_FALSE(left(f).reduction_pct);
    // And at the end: a course from 25 April to 10 May has no session from 3 to 24 May.
    auto g = course_figures(h, intensive("2025-04-25", "2025-05-10"), day("2025-07-15"));
    REQUIRE(left(g).start == 7u);
    CHECK_FALSE(left(g).end);
    CHECK(left(g).missing ==
          "no session with both arms measured in full within 7 days before or 14 days after the end (2025-05-10)");
    CHECK(g.durability.at(0).missing == "the course's reduction is not known");
}

TEST_CASE("partial and symptom-only sessions inside a course count as work, never as its start or end") {
    auto sessions = march();
    auto partial = arm("2025-03-27T09:00+01:00", 20);  // the left arm half measured: no volume
    for (std::size_t i = 5; i < 11; ++i) partial.left_mm[i].reset();
    Session symptoms;
    symptoms.recorded_at = parse_datetime("2025-03-20T09:00+01:00");
    symptoms.protocol = "arm-4cm";
    symptoms.symptoms.heaviness = 2;
    sessions.push_back(partial);
    sessions.push_back(symptoms);
    auto h = analyze_history(client(), sessions, {});
    auto f = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2025-07-15"));
    // The symptoms of the 20th and the partial session of the 27th are inside (8 sessions), but the
    // end is still the 28th's.
    CHECK(f.sessions.size() == 8);
    CHECK(f.work.treatment_days == 3);
    REQUIRE(left(f).end);
    CHECK(format_datetime(h.sessions[*left(f).end].recorded_at) == "2025-03-28T09:00:00+01:00");
    CHECK(*left(f).reduction_pct == Approx(51.5625));
}

TEST_CASE("a protocol change inside the course: the end is sought in the start's protocol, and the change is named") {
    const Protocol arm10{"arm-10cm", LimbKind::arm, {0, 10, 20, 30, 40}, false};
    auto sessions = march();
    sessions.resize(5);  // up to 10 March
    Session end;
    end.recorded_at = parse_datetime("2025-03-28T09:00+01:00");
    end.protocol = "arm-10cm";
    end.left_mm.assign(5, 320);
    end.right_mm.assign(5, 300);
    sessions.push_back(end);
    auto h = analyze_history(client(), sessions, {arm10});
    auto f = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2025-07-15"));
    CHECK_FALSE(left(f).end);
    CHECK(left(f).missing ==
          "no session with both arms measured in full within 7 days before or 14 days after the end (2025-03-28) in "
          "arm-4cm, the protocol of the start; the protocol changed to arm-10cm during the course, and volumes of "
          "two protocols are not compared");
}

TEST_CASE("a running course gives its figures so far, from the newest session, and no durability yet") {
    auto h = analyze_history(client(), march(), {});
    auto f = course_figures(h, intensive("2025-03-03", std::nullopt), day("2025-03-12"));
    CHECK(f.running);
    CHECK(f.sessions.size() == 4);  // 3 and 10 March
    // So far: from 34 cm to 10 March's 33 cm before treatment: 10 (1089 - 900)/pi = 1890/pi;
    // reduction (2560 - 1890)/pi, 670/2560 = 26.17%.
    REQUIRE(left(f).end == 3u);
    CHECK(*left(f).reduction_pct == Approx(670.0 / 2560 * 100));
    CHECK(f.durability.empty());
    CHECK(f.rebounds.empty());
    auto none = course_figures(h, intensive("2025-03-03", std::nullopt), day("2025-03-05"));
    CHECK(left(none).missing == "no later session with both arms measured in full so far");
}

TEST_CASE("an inch client has the same figures: volumes do not depend on the unit") {
    auto cm = course_figures(analyze_history(client(), march(), {}), intensive("2025-03-03", "2025-03-28"),
                             day("2025-07-15"));
    auto in = course_figures(analyze_history(client(Affected::left, LengthUnit::in), march(), {}),
                             intensive("2025-03-03", "2025-03-28"), day("2025-07-15"));
    CHECK(*left(in).reduction_ml == *left(cm).reduction_ml);
    CHECK(*left(in).reduction_pct == *left(cm).reduction_pct);
}

TEST_CASE("both arms affected: each arm's excess over its own baseline volume, scaled by body weight") {
    // Baseline both arms 30 cm at 70 kg: 9000/pi mL each. Start 33 and 32 cm at 70 kg: excess
    // 10 (1089 - 900)/pi = 1890/pi (21%) and 10 (1024 - 900)/pi = 1240/pi (13.78%). End both 31 cm
    // at 77 kg: the reference is 9000/pi x 77/70 = 9900/pi, so each excess is (9610 - 9900)/pi = -290/pi.
    // Left: reduction (1890 + 290)/pi = 2180/pi, 2180/1890 = 115.34% (below its weight-adjusted
    // baseline); right: (1240 + 290)/pi = 1530/pi, 1530/1240 = 123.39%.
    auto base = arm("2025-01-06T09:00+01:00", 30, 30);
    auto start = arm("2025-03-03T09:00+01:00", 33, 32, before);
    auto end = arm("2025-03-28T09:00+01:00", 31, 31, before);
    base.weight_kg = 70;
    start.weight_kg = 70;
    end.weight_kg = 77;
    auto h = analyze_history(client(Affected::both), {base, start, end}, {});
    auto f = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2025-07-15"));
    CHECK(f.reference ==
          "each arm's own baseline volume, scaled by body weight (now / at baseline) where both weights are recorded");
    REQUIRE(f.reduction.size() == 2);
    CHECK(f.reduction[0].side == Side::left);
    CHECK(f.reduction[0].start_excess->pct == Approx(21.0));
    CHECK(f.reduction[0].end_excess->ml == Approx(-290 / pi));
    CHECK(*f.reduction[0].reduction_ml == Approx(2180 / pi));
    CHECK(*f.reduction[0].reduction_pct == Approx(2180.0 / 1890 * 100));
    CHECK(*f.reduction[1].reduction_pct == Approx(1530.0 / 1240 * 100));
}

TEST_CASE("courses of one client may not share a day, and a course ends on or after its start") {
    Course march_course = intensive("2025-03-03", "2025-03-28");
    Course maintenance;
    maintenance.id = 2;
    maintenance.kind = CourseKind::maintenance;
    maintenance.from = day("2025-03-28");  // the intensive phase's last day
    const std::vector<Course> one{march_course};
    CHECK(overlapping_course(maintenance, one) == &one[0]);
    maintenance.from = day("2025-03-29");
    CHECK(overlapping_course(maintenance, one) == nullptr);
    // A running course lasts until further notice: a later one overlaps it.
    Course running = intensive("2025-01-01", std::nullopt);
    running.id = 3;
    const std::vector<Course> open{running};
    CHECK(overlapping_course(maintenance, open) == &open[0]);
    // A course is not compared with itself (an edit).
    CHECK(overlapping_course(march_course, one) == nullptr);

    Course backwards = intensive("2025-03-28", "2025-03-03");
    CHECK_THROWS_WITH(
        validate_course(backwards),
        "to: 2025-03-03 is before the course's start 2025-03-28; a course ends on or after the day it begins");
    CHECK(course_span(march_course) == "cdt-intensive 2025-03-03 to 2025-03-28");
    CHECK(course_span(running) == "cdt-intensive since 2025-01-01 (running)");
    CHECK(parse_enum<CourseKind>("maintenance") == CourseKind::maintenance);
    CHECK_THROWS_WITH(parse_enum<CourseKind>("massage"), Catch::Contains("cdt-intensive, maintenance, other"));
}

TEST_CASE(
    "a second session after the same treatment adds no second pair, and a course not begun or under way says so") {
    auto sessions = march();
    // 3 March again at 11:00, after treatment: the day's pair stays 34 -> 33.8 (the first after it).
    sessions.push_back(arm("2025-03-03T11:00+01:00", 33.0, 30, after));
    auto h = analyze_history(client(), sessions, {});
    auto f = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2025-07-15"));
    CHECK(f.immediate[0].pairs == 3);
    CHECK(*f.immediate[0].mean_ml == Approx(-109.7 / pi));
    // Its last day still to come: under way, figures so far (to 12 March: 33 cm on the 10th).
    auto under_way = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2025-03-12"));
    CHECK(under_way.running);
    REQUIRE(left(under_way).end);
    CHECK(format_datetime(h.sessions[*left(under_way).end].recorded_at) == "2025-03-10T09:00:00+01:00");
    CHECK(under_way.durability.empty());
}

TEST_CASE("both arms affected: a session before the protocol's baseline has no excess") {
    // The baseline is the first complete session on or after the baseline date (5 March): 10 March.
    // 3 March is before it, so has no excess: the start is the baseline itself (7 days after the
    // course's first day), whose excess is 0 mL: no reduction in percent, said so.
    auto start = arm("2025-03-03T09:00+01:00", 33, 32, before);
    auto base = arm("2025-03-10T09:00+01:00", 30, 30);
    auto end = arm("2025-03-28T09:00+01:00", 31, 31, before);
    auto both = client(Affected::both);
    both.baseline_date = day("2025-03-05");
    auto h = analyze_history(both, {start, base, end}, {});
    REQUIRE(h.baselines.size() == 1);
    REQUIRE(h.sessions[h.baselines[0].index].recorded_at.utc == base.recorded_at.utc);
    auto f = course_figures(h, intensive("2025-03-03", "2025-03-28"), day("2025-07-15"));
    REQUIRE(f.reduction[0].start);
    CHECK(format_datetime(h.sessions[*f.reduction[0].start].recorded_at) == "2025-03-10T09:00:00+01:00");
    CHECK(f.reduction[0].start_excess->ml == Approx(0.0).margin(1e-9));
    CHECK_FALSE(f.reduction[0].reduction_pct);
    CHECK(f.reduction[0].missing == "no excess volume at the start, so no reduction in percent");
}
