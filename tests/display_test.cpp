#include "swelltrack/display.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <random>
#include <vector>

using namespace swelltrack;

namespace {
Client left_arm(LengthUnit unit = LengthUnit::cm) {
    Client c;
    c.name = "Ada";
    c.affected = Affected::left;
    c.unit = unit;
    return c;
}
}  // namespace

TEST_CASE("volumes print in whole mL and percentages with one signed decimal") {
    CHECK(display::ml(2143.4) == "2143");
    CHECK(display::ml(2142.5) == "2142");  // an exact half goes to the even neighbour, as printf does
    CHECK(display::signed_ml(143.2) == "+143");
    CHECK(display::signed_ml(-0.4) == "0");  // reads as zero: no sign
    CHECK(display::signed_ml_unit(0.3) == "0 mL");
    CHECK(display::ml_unit(716.2) == "716 mL");
    CHECK(display::signed_ml_unit(-12.6) == "-13 mL");
    CHECK(display::pct(9.073) == "+9.1%");
    CHECK(display::pct(-27.94) == "-27.9%");
    CHECK(display::ml(std::nullopt) == "-");
    CHECK(display::pct(std::nullopt) == "-");
}

TEST_CASE("a percentage never reads on the other side of a class boundary than its value") {
    // Class boundaries are whole percents: alerts at 5/10% (>=), CTCAE 5 (>=), 10 and 30% (>),
    // ISL 20 (>=) and 40% (>). One decimal unless that lands on a whole percent the value is not.
    CHECK(display::pct(9.98) == "+9.98%");    // rvc_5, not rvc_10: "+10.0%" would read as range
    CHECK(display::pct(4.96) == "+4.96%");    // below grade 1 (<5%): "+5.0%" would read as grade 1
    CHECK(display::pct(4.95) == "+4.95%");    // 4.95 is 4.9500000000000002 in binary: rounds to 5.0
    CHECK(display::pct(10.0) == "+10.0%");    // exactly on the boundary: one decimal is the truth
    CHECK(display::pct(10.04) == "+10.04%");  // grade 2 is >10%: "+10.0%" would read as grade 1
    CHECK(display::pct(2.96) == "+2.96%");
    CHECK(display::pct(3.46) == "+3.5%");  // not a whole percent: one decimal
    CHECK(display::pct(-4.96) == "-4.96%");
    CHECK(display::pct(9.996) == "+9.996%");    // two decimals still give 10.00: three
    CHECK(display::pct(9.99996) == "+9.999%");  // three give 10.000: cut toward zero, below 10
    CHECK(display::pct(9.073) == "+9.1%");      // no boundary near: one decimal, rounded
    CHECK(display::pct(7.26) == "+7.3%");
}

TEST_CASE("a percentage that reads as zero has no sign") {
    CHECK(display::pct(-0.04) == "0.0%");
    CHECK(display::pct(0.04) == "0.0%");
    CHECK(display::pct(-0.0) == "0.0%");
    CHECK(display::pct(0.0) == "0.0%");
    CHECK(display::pct(-0.05) == "-0.1%");  // -0.05000000000000000277 rounds away from zero
}

TEST_CASE("a session time prints to the minute in its own local time") {
    // 07:30 UTC at +01:00 is 08:30 local; at -05:00 it is 02:30 local.
    CHECK(display::minute(parse_datetime("2025-03-01T08:30+01:00")) == "2025-03-01 08:30");
    CHECK(display::minute(parse_datetime("2025-03-01T02:30-05:00")) == "2025-03-01 02:30");
    CHECK(display::day(parse_datetime("2025-03-01T23:59+14:00")) == "2025-03-01");
}

TEST_CASE("a date range includes both ends, by the session's local date") {
    auto t = parse_datetime("2025-03-01T23:30+02:00");  // 21:30 UTC, still 1 March locally
    auto d = parse_date("2025-03-01");
    CHECK(display::on_days(t, d, d));
    CHECK_FALSE(display::on_days(t, parse_date("2025-03-02"), std::nullopt));
    CHECK(display::on_days(t, std::nullopt, std::nullopt));
}

TEST_CASE("the figures a client is judged by print in the client's unit") {
    SessionFigures f;
    f.rvc_pct = 5.55;
    f.max_point_diff = PointDifference{5, -2.54};  // 2.54 cm = 1.00 in, at the sixth point
    f.alerts = {{AlertCode::rvc_5, ""}, {AlertCode::point_2cm, ""}};
    CHECK(display::change(left_arm(), f) == "+5.5%");  // 5.55 is 5.5499... in binary: rounds down
    CHECK(display::point_difference(left_arm(), f) == "2.5 cm @6");
    CHECK(display::point_difference(left_arm(LengthUnit::in), f) == "1.00 in @6");
    // The sixth arm-4cm point is 5 x 4 = 20 cm from the wrist; 20 / 2.54 = 7.874 in -> "7.87 in".
    const Protocol* arm4 = find_builtin_protocol("arm-4cm");
    CHECK(display::signed_point_difference(left_arm(), f, arm4) == "-2.5 cm at 20 cm");  // left minus right
    CHECK(display::signed_point_difference(left_arm(LengthUnit::in), f, arm4) == "-1.00 in at 7.87 in");
    CHECK(display::signed_point_difference(left_arm(), f, nullptr) == "-2.5 cm at point 6");  // protocol unknown
    f.max_point_diff->difference_cm = 1.04;
    CHECK(display::signed_point_difference(left_arm(), f, arm4) == "+1.0 cm at 20 cm");
    CHECK(display::point_difference_label(left_arm()) == "affected - unaffected");
    // Right arm affected, right 0.9 cm larger at point 6: left minus right is -0.9, affected minus
    // unaffected +0.9, the same sign as a right arm volume larger than the left (diff_ml > 0).
    auto right = left_arm();
    right.affected = Affected::right;
    f.max_point_diff->difference_cm = -0.9;
    CHECK(display::signed_point_difference(right, f, arm4) == "+0.9 cm at 20 cm");
    f.max_point_diff->difference_cm = 0.04;  // -0.04 cm affected minus unaffected reads as zero
    CHECK(display::signed_point_difference(right, f, arm4) == "0.0 cm at 20 cm");
    // A user's protocol: its own distances, "8.5 cm" as given.
    const Protocol odd{"odd", LimbKind::arm, {0, 4, 8.5, 12, 16, 20.5}};
    CHECK(display::signed_point_difference(right, f, &odd) == "0.0 cm at 20.5 cm");
    CHECK(display::alert_codes(f) == "rvc_5,point_2cm");
    CHECK(display::alert_codes(f, ' ') == "rvc_5 point_2cm");
    CHECK(attention_of(f.alerts) == Attention::watch);

    auto both = left_arm();
    both.affected = Affected::both;
    SessionFigures w;
    w.wac_pct[Side::left] = 3.04;
    CHECK(display::change(both, w) == "L+3.04% R-");  // "+3.0%" would hide that it is above 3
    CHECK(display::wac(w) == "left +3.04%");
    CHECK(display::affected_text(both) == "both arms affected");
    CHECK(display::point_difference_label(both) == "left - right");
    CHECK(display::limb_name(Side::right, LimbKind::leg) == "Right leg");
}

TEST_CASE("fixed and signed_fixed print exactly what printf's %.*f prints") {
    // The report formats numbers without printf; a clinician must see the same digits as before.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> any(-5000.0, 5000.0);
    for (int k = 0; k < 20000; ++k) {
        double v = k < 8 ? std::vector<double>{0.5, 1.5, 2.5, -0.5, 0.05, 0.15, -0.0, 2142.5}[k] : any(rng);
        for (int decimals : {0, 1, 2}) {
            char want[64];
            std::snprintf(want, sizeof want, "%.*f", decimals, v);
            REQUIRE(display::fixed(v, decimals) == want);
            std::snprintf(want, sizeof want, "%+.*f", decimals, v);
            REQUIRE(display::signed_fixed(v, decimals) == want);
        }
    }
}

TEST_CASE("minute pads every field") {
    CHECK(display::minute(parse_datetime("1999-01-02T03:04Z")) == "1999-01-02 03:04");
    CHECK(display::minute(parse_datetime("2025-12-31T23:59-00:30")) == "2025-12-31 23:59");
}

TEST_CASE("text reaches the terminal without its control characters") {
    CHECK(display::terminal_text("red \x1b[31malert\x1b[0m") == "red ?[31malert?[0m");
    CHECK(display::terminal_text("two\nlines\tand a tab") == "two lines and a tab");
    CHECK(display::terminal_text("two\nlines", false) == "two\nlines");
    CHECK(display::terminal_text("c1 \xc2\x9b"
                                 "31m") == "c1 ?31m");              // U+009B, a C1 escape
    CHECK(display::terminal_text("王芳 Müller") == "王芳 Müller");  // letters stay
}

TEST_CASE("a therapist's findings print compactly in a fixed order") {
    Session s;
    CHECK(display::findings(s).empty());  // self-measured, routine, nothing recorded
    s.compression = {CompressionKind::garment, 2, std::nullopt, std::nullopt, true};
    CHECK(display::findings(s) == "garment class II");
    s.compression = {CompressionKind::garment, std::nullopt, 20, 30, true};
    CHECK(display::findings(s) == "garment 20-30 mmHg");
    s.compression = {CompressionKind::none, std::nullopt, std::nullopt, std::nullopt, true};
    CHECK(display::findings(s) == "no compression");

    // An intensive-phase session as the sample data records it.
    s.recorded_by = "Th. Brandt";
    s.context = SessionContext::after_treatment;
    s.treatment = {45, true, true};
    s.compression = {CompressionKind::bandage, std::nullopt, std::nullopt, std::nullopt, true};
    s.symptoms.pitting_grade = 2;
    s.symptoms.pitting_depth_mm = 4.0;
    s.symptoms.pitting_rebound_s = 20.0;
    s.symptoms.stemmer = StemmerSign::positive;
    s.symptoms.isl_stage = 2;
    CHECK(display::findings(s) ==
          "pitting 2+ (4 mm, rebound 20 s), Stemmer +, ISL II, bandage, MLD 45 min, bandaging, exercise, "
          "by Th. Brandt, after treatment");
    s = Session{};
    s.symptoms.pitting_grade = 0;
    s.symptoms.stemmer = StemmerSign::negative;
    s.symptoms.isl_stage = 0;
    s.context = SessionContext::before_treatment;
    CHECK(display::findings(s) == "pitting 0, Stemmer -, ISL 0, before treatment");
    CHECK(display::roman(3) == "III");
    CHECK(display::roman(4) == "IV");
}

TEST_CASE("the reader's first language decides the decimal mark figures are shown with") {
    using display::DecimalMark;
    CHECK(display::decimal_mark("de-DE,de;q=0.9,en;q=0.8") == DecimalMark::comma);
    CHECK(display::decimal_mark("FR") == DecimalMark::comma);
    CHECK(display::decimal_mark("pt_BR") == DecimalMark::comma);
    CHECK(display::decimal_mark("en-US,de;q=0.5") == DecimalMark::point);  // the first one asked for counts
    CHECK(display::decimal_mark("") == DecimalMark::point);
    CHECK(display::decimal_mark("zh-CN") == DecimalMark::point);
    CHECK(display::with_decimal_mark("38.5", DecimalMark::comma) == "38,5");
    CHECK(display::with_decimal_mark("38.5", DecimalMark::point) == "38.5");
}

TEST_CASE("two sessions at the same wall-clock minute, in the hour the clocks go back, show their offsets") {
    // Europe, 2026-10-25: 03:00+02:00 becomes 02:00+01:00, so 02:30 happens twice, an hour apart
    // (00:30Z and 01:30Z). Each is shown with its offset; 09:00 that morning is shown plainly, and
    // so is the same wall-clock minute a day later (more than two hours away).
    std::vector<Session> sessions(4);
    sessions[0].recorded_at = parse_datetime("2026-10-25T02:30+02:00");
    sessions[1].recorded_at = parse_datetime("2026-10-25T02:30+01:00");
    sessions[2].recorded_at = parse_datetime("2026-10-25T09:00+01:00");
    sessions[3].recorded_at = parse_datetime("2026-10-26T09:00+01:00");
    CHECK(display::minute_among(sessions, 0) == "2026-10-25 02:30 +02:00");
    CHECK(display::minute_among(sessions, 1) == "2026-10-25 02:30 +01:00");
    CHECK(display::minute_among(sessions, 2) == "2026-10-25 09:00");
    CHECK(display::minute_among(sessions, 3) == "2026-10-26 09:00");
}

TEST_CASE("percentages for JSON, CSV, the API and FHIR keep 2 decimals, more beside a whole-percent boundary") {
    CHECK(*display::pct_value(9.07) == 9.07);
    CHECK(*display::pct_value(4.96) == 4.96);      // 2 decimals show it is under 5
    CHECK(*display::pct_value(4.998) == 4.998);    // 5.00 would read as grade 1 beside "below grade 1"
    CHECK(*display::pct_value(9.9971) == 9.997);   // 10.00 would read as rvc_10 beside rvc_5
    CHECK(*display::pct_value(10.0) == 10.0);      // on the boundary: exact
    CHECK(*display::pct_value(10.004) == 10.004);  // grade 2 is above 10: 10.00 would read as grade 1
    CHECK(*display::pct_value(9.99996) == 9.999);  // 3 decimals still give 10.000: cut toward zero
    CHECK_FALSE(display::pct_value(std::nullopt));
}
