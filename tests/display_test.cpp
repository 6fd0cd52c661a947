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
    CHECK(display::signed_ml(-0.4) == "-0");
    CHECK(display::ml_unit(716.2) == "716 mL");
    CHECK(display::signed_ml_unit(-12.6) == "-13 mL");
    CHECK(display::pct(9.073) == "+9.1%");
    CHECK(display::pct(-27.94) == "-27.9%");
    CHECK(display::ml(std::nullopt) == "-");
    CHECK(display::pct(std::nullopt) == "-");
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
    CHECK(display::signed_point_difference(left_arm(), f) == "-2.5 cm at point 6");  // left minus right
    f.max_point_diff->difference_cm = 1.04;
    CHECK(display::signed_point_difference(left_arm(), f) == "+1.0 cm at point 6");
    CHECK(display::alert_codes(f) == "rvc_5,point_2cm");
    CHECK(display::alert_codes(f, ' ') == "rvc_5 point_2cm");
    CHECK(display::worst_rank(f) == 1);

    auto both = left_arm();
    both.affected = Affected::both;
    SessionFigures w;
    w.wac_pct[Side::left] = 3.04;
    CHECK(display::change(both, w) == "L+3.0% R-");
    CHECK(display::wac(w) == "left +3.0%");
    CHECK(display::affected_text(both) == "both arms affected");
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
