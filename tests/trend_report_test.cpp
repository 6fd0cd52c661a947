#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "cylinders.h"
#include "examples.h"
#include "report_test_util.h"
#include "swelltrack/display.h"
#include "swelltrack/report.h"
#include "swelltrack/trend_charts.h"

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

using swelltrack::testing::cylinders;
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
    // 78 weekly sessions, more than 60: one row per month, each with its latest session.
    CHECK(contains(text, "Sessions by month"));
    CHECK(contains(squash(text), "2025-06 5 06-30 08:30"));  // the latest of June 2025 (the row's month gives the year)
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

namespace {
// The rows of `pdffonts` after its two header lines.
std::vector<std::string> font_rows(const std::filesystem::path& pdf) {
    std::vector<std::string> rows;
    std::istringstream in(run("pdffonts '" + pdf.string() + "' 2>&1").out);
    std::string line;
    for (int n = 0; std::getline(in, line); ++n)
        if (n >= 2) rows.push_back(line);
    return rows;
}
}  // namespace

TEST_CASE("every report embeds DejaVu Sans cut to its characters and names in any script print") {
    TempDir dir;
    auto latin = save(dir.path(), "latin.pdf", render_trend_report(examples::arm_client(), a4()));
    REQUIRE(qpdf_ok(latin));
    // Every character in Windows-1252: two simple TrueType faces, each embedded ("yes" under emb)
    // and a subset ("yes" under sub), with the standard WinAnsi encoding (no ToUnicode map needed).
    auto rows = font_rows(latin);
    REQUIRE(rows.size() == 2);
    CHECK(contains(squash(rows[0]), "+DejaVuSans,Book TrueType WinAnsi yes yes no"));
    CHECK(contains(squash(rows[1]), "+DejaVuSans-Bold,Bold TrueType WinAnsi yes yes no"));
    CHECK(contains(text_of(latin), "Zoë Ødegård"));

    auto cjk = save(dir.path(), "cjk.pdf", render_trend_report(examples::arm_client("王芳"), a4()));
    REQUIRE(qpdf_ok(cjk));
    CHECK(contains(text_of(cjk), "王芳"));
    rows = font_rows(cjk);
    REQUIRE(rows.size() == 1);  // one face for both weights
    CHECK(contains(squash(rows[0]), "+WenQuanYiZenHei CID TrueType Identity-H yes yes yes"));
    // libharu's own ToUnicode map made poppler warn "Invalid 'begincidrange' operator".
    CHECK(run("pdftotext '" + cjk.string() + "' /dev/null 2>&1").out.empty());

    // Beyond Windows-1252: two-byte (CID) faces with a ToUnicode map ("yes" under uni).
    auto cyrillic = save(dir.path(), "ru.pdf", render_trend_report(examples::arm_client("Ирина Łukasiewicz"), a4()));
    CHECK(contains(text_of(cyrillic), "Ирина Łukasiewicz"));
    rows = font_rows(cyrillic);
    REQUIRE(rows.size() == 2);
    CHECK(contains(squash(rows[0]), "+DejaVuSans,Book CID TrueType Identity-H yes yes yes"));
    CHECK(run("pdftotext '" + cyrillic.string() + "' /dev/null 2>&1").out.empty());
}

namespace {
// The left edge of the first word `word` (as pdftotext -bbox gives it, in drawing order) on page 1.
double x_of(const std::filesystem::path& pdf, const std::string& word) {
    std::string out = run("pdftotext -bbox -f 1 -l 1 '" + pdf.string() + "' -").out;
    auto at = out.find(">" + word + "</word>");
    if (at == std::string::npos) return -1;
    auto x = out.rfind("xMin=\"", at);
    return std::stod(out.substr(x + 6));
}
}  // namespace

TEST_CASE("Arabic and Hebrew names are joined and drawn right to left") {
    TempDir dir;
    // فاطمة الزهراء بن علي: the first word is drawn rightmost. Joined, علي (ain, lam, yeh) is initial
    // ain U+FECB, medial lam U+FEE0, final yeh U+FEF2, drawn from the right: FEF2 FEE0 FECB. فاطمة is
    // initial feh FED3, final alef FE8E (alef joins only to its right), initial tah FEC3, medial
    // meem FEE4, final teh marbuta FE94: drawn FE94 FEE4 FEC3 FE8E FED3. Unjoined, neither exists.
    auto ar = save(dir.path(), "ar.pdf", render_trend_report(examples::arm_client("فاطمة الزهراء بن علي"), a4()));
    REQUIRE(qpdf_ok(ar));
    double ali = x_of(ar, "\uFEF2\uFEE0\uFECB"), fatima = x_of(ar, "\uFE94\uFEE4\uFEC3\uFE8E\uFED3");
    REQUIRE(ali > 0);
    REQUIRE(fatima > 0);
    CHECK(ali < fatima);
    // שרה לוי: Hebrew letters do not join; drawn right to left, לוי (lamed vav yod) is left of שרה
    // and each word's letters run from the right: "יול", "הרש".
    auto he = save(dir.path(), "he.pdf", render_trend_report(examples::arm_client("שרה לוי"), a4()));
    double levi = x_of(he, "יול"), sara = x_of(he, "הרש");
    REQUIRE(levi > 0);
    REQUIRE(sara > 0);
    CHECK(levi < sara);
}

TEST_CASE("a five-year daily client stays small and lists every month") {
    TempDir dir;
    History h = examples::daily_client(5);
    std::string bytes = render_trend_report(h, a4());
    CHECK(bytes.size() < 100u * 1024u);  // the bar: under 100 KB with its fonts embedded
    auto pdf = save(dir.path(), "daily.pdf", bytes);
    REQUIRE(qpdf_ok(pdf));
    std::string text = text_of(pdf);
    CHECK(contains(text, fmt("%+.1f%%", *h.figures.back().rvc_pct)));
    CHECK(contains(text, "Sessions by month"));
    CHECK(contains(squash(text), "every session with its figures is kept in the record this report was made from"));
    // A row's "Latest" is month, day and time (the row's month gives the year).
    CHECK(contains(text, date::format("%m-%d %H:%M", h.sessions.back().recorded_at.local())));
    // Session 1 (session 0 is the baseline, named with its time on page 1) is in no table row.
    CHECK_FALSE(contains(text, date::format("%m-%d %H:%M", h.sessions[1].recorded_at.local())));
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

TEST_CASE("more than 60 sessions give one row per week with its latest session's figures and every alert") {
    // 70 daily sessions from Saturday 2025-03-01 (day 0) to Friday 2025-05-09 (day 69): the weeks
    // from Monday 2025-02-24 to Sunday 2025-05-11 are 11 (<= 60), so one row per week. The right
    // arm stays 30 cm; the left (affected) is 31 + 0.01 * day cm. Redness with warmth on days 40-42
    // (Thursday 2025-04-10 to Saturday 04-12).
    Client c;
    c.name = "Weekly Test";
    c.affected = Affected::left;
    std::vector<Session> sessions;
    auto first = date::sys_days{date::year{2025} / 3 / 1};
    for (int d = 0; d < 70; ++d) {
        auto s = cylinders(date::format("%FT08:00+01:00", first + date::days{d}), 31 + 0.01 * d, 30);
        if (d >= 40 && d <= 42) s.skin.set(SkinFlag::redness), s.skin.set(SkinFlag::warmth);
        sessions.push_back(s);
    }
    ReportOptions o = a4();
    TempDir dir;
    auto pdf = save(dir.path(), "weekly.pdf", render_trend_report(analyze_history(c, sessions, {}), o));
    REQUIRE(qpdf_ok(pdf));
    std::string text = squash(text_of(pdf));
    CHECK(contains(text, "Sessions by week"));
    CHECK(contains(text, "70 sessions in this range, more than 60: one row per week (Monday to Sunday"));
    // Week 1 holds 03-01 and 03-02; its latest, day 1: left 31.01 cm, 31.01^2 = 961.6201, 10 x
    // 961.6201 / pi = 3060.96 mL; right 9000 / pi = 2864.79 mL; difference 616.201 / pi = +196 mL;
    // excess 961.6201 / 900 - 1 = +6.8%; RVC (31.01 / 31)^2 - 1 = +0.06%: "+0.1%".
    // A week's label takes two lines ("2025-02-24" above "to 03-02"), read after the row's figures.
    CHECK(contains(text, "2025-02-24 2 03-02 08:00 3061 2865 +196 +6.8% +0.1% - - to 03-02"));
    // The week of the infection signs, 04-07 to 04-13: 7 sessions; its latest, day 43: left 31.43,
    // 31.43^2 = 987.8449, 3144.41 mL; difference 878.449 / pi = +280 mL; excess +9.8% (9.761);
    // RVC 987.8449 / 961 - 1 = +2.8% (2.793). Three sessions raised infection_signs.
    // From day 39 (04-09) the steady rise is a sustained_rise: the line through days 0..d of
    // 100 ln(L^2 / R^2) = 200 ln(1 + 0.01 d / 31) + constant is all but straight, so its rise over
    // the span is that difference: day 38, 200 ln(1.0122581) = 2.437 < 100 ln(1.025) = 2.469 (the
    // 2.5% minimum as a log); day 39, 200 ln(1.0125806) = 2.500 >= 2.469. Its t is far past the
    // critical one: the noise is the prior alone, s^2 = 2 x (3.5 / 1.96)^2 / 40 = 0.159 at day 39,
    // Sxx = 40 x (40^2 - 1) / 12 = 5330, slope 2.5 / 39 = 0.064 a day, t = 0.064 / (0.399 / 73.0)
    // = 11.7 against 2.43. Days 39-43 are in this week: sustained_rise x5, first on 04-09, before
    // the infection signs of 04-10.
    CHECK(contains(text,
                   "2025-04-07 7 04-13 08:00 3144 2865 +280 +9.8% +2.8% - - sustained_rise x5, to 04-13 "
                   "infection_signs x3"));
    // The week before (03-31 to 04-06, days 30-36) has none.
    // The week before (03-31 to 04-06, days 30-36) has none: its latest, day 36, left 31.36, 31.36^2 =
    // 983.4496, 3130.42 mL; +265.63 mL; excess 9.272%; RVC 983.4496 / 961 - 1 = 2.336%; no alert.
    CHECK(contains(text, "2025-03-31 7 04-06 08:00 3130 2865 +266 +9.3% +2.3% - - to 04-06 2025-04-07 7"));
    // The last week, 05-05 to 05-11, has the sessions of 05-05 to 05-09: left 31.69 cm at day 69,
    // 31.69^2 = 1004.2561, 3196.66 mL; +332 mL; excess 11.584% "+11.6%"; RVC 4.501% "+4.5%".
    CHECK(contains(text, "2025-05-05 5 05-09 08:00 3197 2865 +332 +11.6% +4.5%"));
    CHECK_FALSE(contains(text, "03-04 08:00"));  // not the latest of its week: not a row
    // And the alert code is explained, with the noise sentence.
    CHECK(contains(text, "infection_signs act now: redness and warmth were logged together"));

    // A symptoms-only session on Sunday 05-11 is the last week's latest, but has no figures: the
    // row keeps those of 05-09 (above), with 6 sessions counted.
    Session evening;
    evening.protocol = "arm-4cm";
    evening.recorded_at = parse_datetime("2025-05-11T20:00+02:00");
    evening.symptoms.heaviness = 4;
    sessions.push_back(evening);
    auto later =
        squash(text_of(save(dir.path(), "weekly2.pdf", render_trend_report(analyze_history(c, sessions, {}), o))));
    CHECK(contains(later, "2025-05-05 6 05-09 08:00 3197 2865 +332 +11.6% +4.5%"));
}

TEST_CASE("every alert code in the report is explained with the thresholds it was computed with") {
    History base = examples::arm_client();
    AlertThresholds t;
    t.change_watch_pct = 4.0;
    t.change_range_pct = 8.0;
    t.point_difference_cm = 1.5;
    t.rapid_rise_pct = 4.0;
    t.rapid_rise_days = 10;
    History h = analyze_history(base.client, base.sessions, {}, base.method, t);
    std::vector<std::string> used;
    for (const auto& f : h.figures)
        for (const auto& a : f.alerts) used.emplace_back(to_string(a.code));
    for (const char* code : {"rvc_5", "rvc_10", "point_2cm", "rapid_rise", "infection_signs"})
        REQUIRE(std::find(used.begin(), used.end(), code) != used.end());
    TempDir dir;
    auto pdf = save(dir.path(), "codes.pdf", render_trend_report(h, a4()));
    std::string text = squash(text_of(pdf));
    CHECK(contains(text,
                   "rvc_5 watch: the relative volume change (RVC) of the affected limb since the baseline "
                   "session is at least 4.0% and under 8.0% in two comparable sessions in a row"));
    CHECK(contains(text, "rvc_10 act now: RVC since the baseline session is at least 8.0%"));
    CHECK(contains(text,
                   "point_2cm watch: at one measurement point the two sides' circumferences differ by 1.5 cm "
                   "or more, the same way round, in two sessions in a row"));
    CHECK(contains(text,
                   "rapid_rise watch: an affected limb's volume rose by 4.0% or more since its previous "
                   "complete session in the same protocol, 10 days or fewer before, and the next session, within "
                   "as many days, is still that much above it (and the sessions after it, when the client's "
                   "sessions scatter more than measurement noise)."));
    CHECK(contains(text, "infection_signs act now: redness and warmth were logged together"));
    CHECK(contains(text,
                   "changes under about 3.5% (the smallest real difference of repeated limb volume "
                   "measurement) are within measurement noise"));
    CHECK_FALSE(contains(text, "wac_5 watch"));  // not raised: not explained
}

TEST_CASE("a right-affected client's differences are all affected minus unaffected") {
    // Right (affected) 31 cm, left 30 cm at every point: volume difference 610 / pi = +194 mL and
    // every point +1.0 cm; the largest (the first of equals) is point 1, 0 cm from the wrist (arm-4cm:
    // 0, 4, ..., 40 cm). Left minus right would be
    // -1.0 cm, contradicting the +194 mL beside it.
    Client c;
    c.name = "Right Arm";
    c.affected = Affected::right;
    TempDir dir;
    auto pdf = save(dir.path(), "right.pdf",
                    render_trend_report(analyze_history(c, {cylinders("2025-03-01T08:00+01:00", 30, 31)}, {}), a4()));
    std::string text = squash(text_of(pdf));
    CHECK(contains(text, "Difference, affected - unaffected +194 mL +194 mL"));
    CHECK(contains(text, "Largest point difference, affected - unaffected +1.0 cm at 0 cm +1.0 cm at 0 cm"));
}

TEST_CASE("a long name is wrapped in full, never cut") {
    std::string name =
        "Friederike Wilhelmine Auguste Viktoria Luise Charlotte von Hohenzollern-Sigmaringen-Schaumburg-Lippe "
        "zu Sayn-Wittgenstein-Berleburg";
    TempDir dir;
    auto pdf = save(dir.path(), "long-name.pdf", render_trend_report(examples::arm_client(name), a4()));
    REQUIRE(qpdf_ok(pdf));
    std::string text = squash(text_of(pdf));
    CHECK(contains(text, name));  // the identity block
    // Every page's header; its first line ends in the period, printed on the right.
    std::string header = text;
    for (std::size_t at; (at = header.find(" 2024-01-08 to 2025-06-30")) != std::string::npos;) header.erase(at, 25);
    CHECK(contains(header, "Limb volume trend report - " + name + " " + name));  // page 1: header, then identity
    CHECK_FALSE(contains(text, "Sigmari..."));
    CHECK(info(pdf, "Title") == "swelltrack trend report: " + name);
}

TEST_CASE("the table's times are whole in the wider CJK font") {
    History h = examples::arm_client("王芳");
    auto options = a4();
    options.to = date::year{2024} / 9 / 30;  // 39 weekly sessions: one row each
    TempDir dir;
    auto pdf = save(dir.path(), "cjk-times.pdf", render_trend_report(h, options));
    std::string text = text_of(pdf);
    CHECK(contains(text, "Every session"));
    for (const auto& s : h.sessions)
        if (s.recorded_at.local_date() <= *options.to) CHECK(contains(text, display::minute(s.recorded_at)));
}

TEST_CASE("the PDF names its title and author and subject and creator and language and has an ID") {
    TempDir dir;
    auto pdf = save(dir.path(), "info.pdf", render_trend_report(examples::arm_client(), a4()));
    CHECK(run("qpdf --show-object=1 '" + pdf.string() + "'").out == "<< /Lang (en) /Pages 2 0 R /Type /Catalog >>\n");
    // The trailer's /ID: two 16-byte strings, the same when the document is new; another document
    // made of the same history has another.
    static const std::regex id_re("/ID \\[ <([0-9a-f]{32})> <([0-9a-f]{32})> \\]");
    std::smatch id, other_id;
    std::string trailer = run("qpdf --show-object=trailer '" + pdf.string() + "'").out;
    REQUIRE(std::regex_search(trailer, id, id_re));
    CHECK(id[1] == id[2]);
    auto again = save(dir.path(), "info2.pdf", render_trend_report(examples::arm_client(), a4()));
    std::string other = run("qpdf --show-object=trailer '" + again.string() + "'").out;
    REQUIRE(std::regex_search(other, other_id, id_re));
    CHECK(other_id[1] != id[1]);
    CHECK(info(pdf, "Title") == "swelltrack trend report: Zoë Ødegård");
    CHECK(info(pdf, "Author") == "swelltrack");
    CHECK(info(pdf, "Creator") == "swelltrack 9.8.7");
    CHECK(contains(info(pdf, "Subject"), "Limb volume trend, 2024-01-08 to 2025-06-30"));
    auto cjk = save(dir.path(), "info-cjk.pdf", render_trend_report(examples::arm_client("王芳"), a4()));
    CHECK(info(cjk, "Title") == "swelltrack trend report: 王芳");  // UTF-16 through the UTF-8 encoder
}

TEST_CASE("the therapist's findings are listed, a run of equal findings on one line") {
    History h = examples::arm_client();
    for (std::size_t i = 20; i < 23; ++i) {  // three sessions in a row with the same findings
        auto& s = h.sessions[i];
        s.recorded_by = "Th. Brandt";
        s.context = SessionContext::after_treatment;
        s.treatment = {45, true, false};
        s.compression = {CompressionKind::bandage, std::nullopt, std::nullopt, std::nullopt, true};
        s.symptoms.pitting_grade = 2;
        s.symptoms.stemmer = StemmerSign::positive;
        s.symptoms.isl_stage = 2;
    }
    h.sessions[30].compression = {CompressionKind::garment, 2, std::nullopt, std::nullopt, true};
    TempDir dir;
    auto pdf = save(dir.path(), "findings.pdf", render_trend_report(h, a4()));
    std::string text = squash(text_of(pdf));
    CHECK(contains(text, "Therapist's findings, compression and treatment"));
    CHECK(contains(text, display::day(h.sessions[20].recorded_at) +
                             " pitting 2+, Stemmer +, ISL II, bandage, MLD 45 min, bandaging, by Th. Brandt, after "
                             "treatment (3 sessions in a row, to " +
                             display::day(h.sessions[22].recorded_at) + ")"));
    CHECK(contains(text, display::day(h.sessions[30].recorded_at) + " garment class II"));
}

TEST_CASE("corrections from the audit trail are printed whole as given, and the baseline with its reason") {
    auto options = a4();
    // A long sentence (many points corrected at once) wraps over lines and is never cut.
    std::string many = "Session of 2025-03-01 08:30 corrected: ";
    for (int cm = 0; cm <= 40; cm += 4)
        many += (cm ? "; " : "") + std::string("Left arm, ") + std::to_string(cm) + " cm: 38.5 -> 28.5 cm";
    many += " (typing error) - by Th. Brandt, 2025-03-02 10:15";
    options.corrections = {many, "Session of 2025-03-30 09:00 deleted (measured twice) - by self, 2025-04-01 09:00"};
    TempDir dir;
    auto pdf = save(dir.path(), "corrections.pdf", render_trend_report(examples::arm_client(), options));
    std::string text = squash(text_of(pdf));
    CHECK(contains(text, "Corrections (from the audit trail)"));
    CHECK(contains(text, many));
    CHECK(contains(text, "Session of 2025-03-30 09:00 deleted (measured twice) - by self, 2025-04-01 09:00"));
    CHECK_FALSE(contains(text, "No corrections recorded."));
    auto none = save(dir.path(), "none.pdf", render_trend_report(examples::arm_client(), a4()));
    std::string none_text = squash(text_of(none));
    CHECK(contains(none_text, "Corrections (from the audit trail) No corrections recorded."));
    // The baseline is named with its time and the reason it is the baseline; a pinned one says so.
    auto h = examples::arm_client();
    for (std::size_t i = 0; i < h.sessions.size(); ++i) h.sessions[i].id = static_cast<std::int64_t>(i) + 1;
    const auto first = display::minute(h.sessions[h.baselines.front().index].recorded_at);
    CHECK(contains(none_text, "Baseline: session of " + first + " (first complete session in arm-4cm"));
    CHECK(contains(none_text, "not pinned yet)"));
    auto pinned = analyze_history(h.client, h.sessions, {}, h.method, h.thresholds,
                                  {{"arm-4cm", h.sessions[3].id, "re-pinned: the first three were over a bandage"}});
    auto pinned_text = squash(text_of(save(dir.path(), "pinned.pdf", render_trend_report(pinned, a4()))));
    CHECK(contains(pinned_text, "Baseline: session of " + display::minute(h.sessions[3].recorded_at) +
                                    " (re-pinned: the first three were over a bandage)."));
}

namespace {
// Left arm affected, arm-4cm cylinders (cylinders.h: V = 10 C^2 / pi mL). 2026-11-01 the baseline,
// left 31 cm, right 30 cm; 11-16 and 11-18 left 31.9 cm, right 30 cm; 11-24 the left alone (31.9 cm),
// the right not measured.
History late_right_missing() {
    Client c;
    c.name = "Maria Keller";
    c.affected = Affected::left;
    std::vector<Session> sessions{
        cylinders("2026-11-01T09:00+01:00", 31, 30), cylinders("2026-11-16T09:00+01:00", 31.9, 30),
        cylinders("2026-11-18T09:00+01:00", 31.9, 30), cylinders("2026-11-24T09:00+01:00", 31.9, 30)};
    sessions.back().right_mm.clear();
    return analyze_history(c, sessions, {});
}
}  // namespace

TEST_CASE("the profile chart's latest is the summary's latest and a side not measured has no legend") {
    // The newest session with both arms measured in full after the baseline is 11-18 (11-24 has no
    // right arm): the summary's Latest and both "latest" lines of the profile chart are 11-18.
    History h = late_right_missing();
    auto options = a4();
    const auto view = charts::trend_view(h, options);
    const auto chart = charts::profile_chart(view);
    std::vector<std::string> legend;
    for (const auto& s : chart.series) legend.push_back(s.label);
    CHECK(legend == std::vector<std::string>{"Left arm, baseline 2026-11-01", "Right arm, baseline 2026-11-01",
                                             "Left arm, latest 2026-11-18", "Right arm, latest 2026-11-18"});
    TempDir dir;
    std::string text = squash(text_of(save(dir.path(), "profile.pdf", render_trend_report(h, options))));
    CHECK(contains(text, "Summary: baseline vs latest Baseline 2026-11-01 Latest 2026-11-18"));
    CHECK(contains(text,
                   "Left arm, baseline 2026-11-01 Right arm, baseline 2026-11-01 Left arm, latest 2026-11-18 "
                   "Right arm, latest 2026-11-18"));
    CHECK_FALSE(contains(text, "latest 2026-11-24"));
    CHECK(contains(text, "Latest: the session the summary compares, 2026-11-18"));

    // Asked from 11-20 only 11-24 is shown: no comparable session, so Latest is 11-24 and said so;
    // its right arm was not measured: no right "latest" line, nor a legend entry for one.
    options.from = date::year{2026} / 11 / 20;
    const auto narrow = charts::profile_chart(charts::trend_view(h, options));
    legend.clear();
    for (const auto& s : narrow.series) legend.push_back(s.label);
    CHECK(legend == std::vector<std::string>{"Left arm, baseline 2026-11-01", "Right arm, baseline 2026-11-01",
                                             "Left arm, latest 2026-11-24"});
}

TEST_CASE("a range report compares the newest comparable session in the range and explains every code") {
    // RVC = (A2 U1) / (U2 A1) - 1 = (31.9 / 31)^2 - 1 = 1017.61 / 961 - 1 = 0.0589 = +5.9% on 11-16
    // and 11-18: two sessions in a row at or above 5%, so rvc_5 on 11-18 (the sides differ by 1.9 cm,
    // under the 2 cm of point_2cm).
    History h = late_right_missing();
    REQUIRE(display::alert_codes(h.figures[2]) == "rvc_5");
    auto options = a4();
    options.now = parse_datetime("2026-11-25T09:00+01:00").utc;
    options.from = date::year{2026} / 11 / 16;
    TempDir dir;
    std::string text = squash(text_of(save(dir.path(), "from16.pdf", render_trend_report(h, options))));
    CHECK(contains(text, "Latest 2026-11-18"));
    CHECK(contains(text, "Relative volume change (RVC) since baseline 0.0% +5.9%"));
    // The header's period starts on the asked day, not on the first session shown (11-16 both here).
    CHECK(contains(text, "Limb volume trend report - Maria Keller 2026-11-16 to 2026-11-24"));

    // From 11-20 only the partial 11-24 is shown: nothing comparable in the range, said in words;
    // attention (from every session) names rvc_5 of 11-18, so the codes explain rvc_5.
    options.from = date::year{2026} / 11 / 20;
    const auto view = charts::trend_view(h, options);
    text = squash(text_of(save(dir.path(), "from20.pdf", render_trend_report(h, options))));
    CHECK(contains(text, "Limb volume trend report - Maria Keller 2026-11-20 to 2026-11-24"));
    CHECK(contains(text, "No session in 2026-11-20 to 2026-11-24 is comparable with the baseline"));
    CHECK(contains(text, "Attention now (as in status, from every session, not only this range): watch rvc_5:"));
    CHECK(contains(text, "Alert codes rvc_5 watch: the relative volume change (RVC)"));
    // Every chart's time axis starts on the header's first day: 2026-11-20 is day 20777 since
    // 1970-01-01 (56 years with 14 leap days: 56 x 365 + 14 = 20454, + 323 days to 11-20), and
    // ends on 11-24 09:00 local = 20781.375; the axis is padded by 2% of the 4.375 days, 0.0875.
    const auto axis = charts::time_axis(view);
    CHECK(axis.lo == Approx(20777 - 0.0875));
    CHECK(axis.hi == Approx(20781.375 + 0.0875));
    for (const auto& chart : {charts::volume_chart(view), charts::change_chart(view), charts::symptoms_chart(view)}) {
        CHECK(chart.x_lo == Approx(axis.lo));
        CHECK(chart.x_hi == Approx(axis.hi));
    }
}

TEST_CASE("a note of 4000 characters prints whole over lines and pages") {
    // 800 numbered words of 4 characters, a space between: 3999 characters, some 40 lines.
    History h = examples::arm_client();
    std::string note;
    for (int k = 1; k <= 800; ++k) note += fmt("w%03.0f ", k);
    note.pop_back();
    REQUIRE(note.size() == 3999);
    h.sessions.back().notes = note;
    h.sessions.back().skin_note = "skin " + note;
    TempDir dir;
    std::string text = squash(text_of(save(dir.path(), "note.pdf", render_trend_report(h, a4()))));
    // Every word in order, twice (skin note, then note), with page breaks allowed between lines.
    std::size_t at = text.find("Skin: ");
    for (int pass = 0; pass < 2; ++pass)
        for (int k = 1; k <= 800; ++k) {
            std::size_t next = text.find(fmt("w%03.0f", k), at);
            REQUIRE(next != std::string::npos);
            at = next;
        }
    CHECK_FALSE(contains(text, "w800..."));
    CHECK(contains(text, "Note: w001 w002"));
}

namespace {
// Which of a series' points are drawn (v) and where it breaks (|): "vv|v".
std::string runs(const chart::Series& s) {
    std::string out;
    for (const auto& p : s.points) out += p.y ? 'v' : '|';
    return out;
}
}  // namespace

TEST_CASE("lines skip sessions without a value and break at a long gap and a change of protocol") {
    // Left arm affected, cylinders 40 cm long in both protocols, so V = 10 C^2 / pi (cylinders.h):
    // left 31 cm 3059.0 mL, 31.9 cm 10 x 1017.61 / pi = 3239.2 mL; right 30 cm 2864.8 mL.
    // arm-4cm: 2025-01-06 baseline (31/30), 01-13 (31.9/30), 01-20 symptoms only, 01-27 (31.9/30);
    // 217 days later 09-01 (31.9/30); arm-10cm from 09-08, partial (its point 3 not measured), its
    // baseline 09-15 (31.9/30) carries RVC on from 09-01: (31.9 / 31)^2 - 1 = +5.89%.
    Client c;
    c.name = "Gap Test";
    c.affected = Affected::left;
    const Protocol arm10{"arm-10cm", LimbKind::arm, {0, 10, 20, 30, 40}};
    auto ten = [](const std::string& at, double left, double right) {
        Session s = cylinders(at, left, right);
        s.protocol = "arm-10cm";
        s.left_mm.assign(5, left * 10);
        s.right_mm.assign(5, right * 10);
        return s;
    };
    Session symptoms;
    symptoms.protocol = "arm-4cm";
    symptoms.recorded_at = parse_datetime("2025-01-20T09:00+01:00");
    symptoms.symptoms.heaviness = 4;
    Session partial = ten("2025-09-08T09:00+02:00", 31.9, 30);
    partial.left_mm[2] = std::nullopt;
    std::vector<Session> sessions{
        cylinders("2025-01-06T09:00+01:00", 31, 30),   cylinders("2025-01-13T09:00+01:00", 31.9, 30), symptoms,
        cylinders("2025-01-27T09:00+01:00", 31.9, 30), cylinders("2025-09-01T09:00+02:00", 31.9, 30), partial,
        ten("2025-09-15T09:00+02:00", 31.9, 30)};
    History h = analyze_history(c, sessions, {arm10});
    auto options = a4();
    options.protocols = {arm10};
    const auto view = charts::trend_view(h, options);
    const auto volume = charts::volume_chart(view);
    REQUIRE(volume.series.size() >= 2);
    // Left: 01-06, 01-13, 01-27 joined (the symptoms-only 01-20 skipped), a break before 09-01
    // (217 > 183 days), a break before 09-15 (another protocol; the partial 09-08 is not drawn).
    CHECK(runs(volume.series[0]) == "vvv|v|v");
    CHECK(*volume.series[0].points[2].y == Approx(10 * 31.9 * 31.9 / 3.14159265358979));
    CHECK(*volume.series[1].points[0].y == Approx(9000 / 3.14159265358979));
    // The protocol change is marked where arm-10cm starts (09-08). The baseline drawn is arm-4cm's
    // (09-01 is the newest session compared; arm-10cm's baseline 09-15 is not compared with itself).
    std::vector<std::string> labels;
    for (const auto& l : volume.lines)
        if (l.vertical) labels.push_back(l.label);
    CHECK(labels == std::vector<std::string>{"baseline, protocol arm-4cm", "protocol arm-10cm"});
    // The gap is shaded from 01-27 to 09-01.
    REQUIRE(volume.spans.size() == 1);
    CHECK(volume.spans[0].label == "no sessions (over 6 months)");
    CHECK(volume.spans[0].hi - volume.spans[0].lo == Approx(217));  // local 09:00 to 09:00
    // RVC runs on across the carried change (09-01 +5.89% to 09-15 +5.89%) but not across the gap.
    const auto change = charts::change_chart(view);
    CHECK(runs(change.series[0]) == "vvv|vv");
    CHECK(*change.series[0].points.back().y == Approx((31.9 / 31) * (31.9 / 31) * 100 - 100));
    TempDir dir;
    std::string text = squash(text_of(save(dir.path(), "gaps.pdf", render_trend_report(h, options))));
    CHECK(contains(text, "no sessions (over 6 months)"));
    CHECK(contains(text, "protocol arm-10cm"));
}

TEST_CASE("the largest point difference names the point by its distance from the wrist") {
    // Both arms 30 cm at every arm-4cm point but the left's ninth, 31.3 cm: +1.3 cm there, at
    // 8 x 4 = 32 cm from the wrist. In inches: 13 mm / 25.4 = 0.512 -> "+0.51 in", and 320 mm /
    // 25.4 = 12.598 -> "12.60 in".
    Client c;
    c.name = "Point Test";
    c.affected = Affected::left;
    Session s = cylinders("2025-03-01T08:00+01:00", 30, 30);
    s.left_mm[8] = 313.0;
    TempDir dir;
    std::string text =
        squash(text_of(save(dir.path(), "cm.pdf", render_trend_report(analyze_history(c, {s}, {}), a4()))));
    CHECK(contains(text, "Largest point difference, affected - unaffected +1.3 cm at 32 cm +1.3 cm at 32 cm"));
    c.unit = LengthUnit::in;
    text = squash(text_of(save(dir.path(), "in.pdf", render_trend_report(analyze_history(c, {s}, {}), a4()))));
    CHECK(contains(text, "Largest point difference, affected - unaffected +0.51 in at 12.60 in +0.51 in at 12.60 in"));
}

TEST_CASE("the session table prints percentages with one decimal and more only by the boundary rule") {
    // Cylinders (V = 10 C^2 / pi), right 30 cm: 2864.8 mL. Left 31 cm the baseline: 3059.0 mL, +194,
    // excess 961 / 900 - 1 = +6.8%. Left 31.62: 999.8244 -> 3182.6 mL, +318, excess 11.09% "+11.1%",
    // RVC 999.8244 / 961 - 1 = 4.0400%: one decimal gives "4.0", a whole percent it is not, so
    // "+4.04%" (display::pct). Left 32.1: 1030.41 -> 3279.9 mL, +415, excess 14.49% "+14.5%", RVC
    // 1030.41 / 961 - 1 = 7.22% "+7.2%".
    Client c;
    c.name = "Decimals Test";
    c.affected = Affected::left;
    History h =
        analyze_history(c,
                        {cylinders("2025-03-01T08:00+01:00", 31, 30), cylinders("2025-03-08T08:00+01:00", 31.62, 30),
                         cylinders("2025-03-15T08:00+01:00", 32.1, 30)},
                        {});
    TempDir dir;
    std::string text = squash(text_of(save(dir.path(), "decimals.pdf", render_trend_report(h, a4()))));
    CHECK(contains(text, "2025-03-01 08:00 3059 2865 +194 +6.8% 0.0% -"));
    CHECK(contains(text, "2025-03-08 08:00 3183 2865 +318 +11.1% +4.04% -"));
    CHECK(contains(text, "2025-03-15 08:00 3280 2865 +415 +14.5% +7.2% -"));
    CHECK(contains(text,
                   "with one decimal, more only where one decimal would read as a whole percent the value is "
                   "not (4.04% never \"4.0%\")"));
}

TEST_CASE("the report names no commands or flags") {
    // Every sentence says where the data is (the clinic's record), never what to type.
    History h = examples::arm_client();
    auto options = a4();
    options.from = date::year{2024} / 3 / 1;
    TempDir dir;
    for (const auto& [name, history] :
         {std::pair<std::string, History>{"arm", h}, {"daily", examples::daily_client(2)}}) {
        std::string text = squash(text_of(save(dir.path(), name + ".pdf", render_trend_report(history, options))));
        INFO(name);
        CHECK_FALSE(contains(text, " --"));
        for (const char* command : {"swelltrack history", "swelltrack export", "swelltrack report", "swelltrack client",
                                    "swelltrack log", "swelltrack session", "swelltrack status", "`"})
            CHECK_FALSE(contains(text, command));
        REQUIRE(contains(text, "by swelltrack 9.8.7"));  // the program's name is in the footer, as a name
    }
}

TEST_CASE("the points table names each point by its distance with both sessions and the latest difference") {
    // arm-4cm: points at 0, 4, ..., 40 cm from the wrist. Baseline both arms 20 cm everywhere; latest
    // the left (affected) arm 20 + 0.2 k cm at point k, the right 20 cm. Differences, affected -
    // unaffected: +0.2 k cm, at 32 cm (k = 8) +1.6 cm.
    Client c;
    c.name = "Points Test";
    c.affected = Affected::left;
    Session base = cylinders("2026-09-01T08:00+02:00", 20, 20);
    Session latest = cylinders("2026-09-08T08:00+02:00", 20, 20);
    for (std::size_t k = 0; k < 11; ++k) latest.left_mm[k] = 200 + 2.0 * static_cast<double>(k);
    TempDir dir;
    auto pdf = save(dir.path(), "points.pdf", render_trend_report(analyze_history(c, {base, latest}, {}), a4()));
    const std::string text = squash(text_of(pdf));
    CHECK(contains(text,
                   "Circumference at each point (cm) From the wrist Left baseline Left latest Right baseline "
                   "Right latest Latest affected - unaffected 0 cm 20.0 20.0 20.0 20.0 0.0 cm 4 cm 20.0 20.2 "
                   "20.0 20.0 +0.2 cm"));
    CHECK(contains(text,
                   "28 cm 20.0 21.4 20.0 20.0 +1.4 cm 32 cm 20.0 21.6 20.0 20.0 +1.6 cm 36 cm 20.0 21.8 20.0 20.0 "
                   "+1.8 cm 40 cm 20.0 22.0 20.0 20.0 +2.0 cm"));
    CHECK(contains(text, "The two sessions the summary compares: baseline 2026-09-01, latest 2026-09-08"));

    // An inch client: the same values in inches, two places (200 mm = 7.87 in; 220 mm = 8.66 in), the
    // distances too (40 cm = 15.75 in).
    c.unit = LengthUnit::in;
    auto inch = save(dir.path(), "points-in.pdf", render_trend_report(analyze_history(c, {base, latest}, {}), a4()));
    const std::string in_text = squash(text_of(inch));
    CHECK(contains(in_text, "Circumference at each point (in)"));
    CHECK(contains(in_text, "15.75 in 7.87 8.66 7.87 7.87 +0.79 in"));
}

TEST_CASE("a section gives each treatment course's figures in words a clinician reads without the software") {
    // Left arm affected, right 30 cm (cylinders: V = 10 C^2 / pi). Intensive phase 3-28 March:
    // before treatment 34 cm (excess 2560/pi = +815 mL, 256/900 = +28.4%), after it 33.8 cm; on
    // the last day 32 cm (1240/pi = +395 mL, +13.8%): 1320/pi = 420 mL less, 51.6% of the start's
    // excess. One pair: 10 (33.8^2 - 34^2)/pi = -43 mL, -13.56/1156 = -1.2% of the volume.
    Client c;
    c.name = "Course Test";
    c.affected = Affected::left;
    auto at = [](const char* when, double left, SessionContext context) {
        auto s = cylinders(when, left, 30);
        s.context = context;
        return s;
    };
    auto h = analyze_history(c,
                             {at("2025-01-06T09:00+01:00", 31, SessionContext::routine),
                              at("2025-03-03T09:00+01:00", 34, SessionContext::before_treatment),
                              at("2025-03-03T10:30+01:00", 33.8, SessionContext::after_treatment),
                              at("2025-03-28T09:00+01:00", 32, SessionContext::before_treatment)},
                             {});
    Course course;
    course.id = 1;
    course.from = parse_date("2025-03-03");
    course.to = parse_date("2025-03-28");
    course.note = "MLD daily, multilayer bandaging";
    auto options = a4();
    options.courses.push_back(course_figures(h, course, parse_date("2025-04-01")));
    TempDir dir;
    auto pdf = save(dir.path(), "course.pdf", render_trend_report(h, options));
    REQUIRE(qpdf_ok(pdf));
    const std::string text = squash(text_of(pdf));
    CHECK(contains(text,
                   "Treatment courses and their effect Excess volume is the affected limb's volume above the "
                   "unaffected right arm."));
    CHECK(contains(text,
                   "Intensive phase (CDT) 2025-03-03 to 2025-03-28: 26 days, 3 sessions MLD daily, multilayer "
                   "bandaging Left arm start 2025-03-03 09:00: excess +815 mL (+28.4%) end 2025-03-28 09:00: "
                   "excess +395 mL (+13.8%) reduction 420 mL less: 51.6% of the excess at the start"));
    CHECK(contains(text,
                   "immediate effect -43 mL per treatment (-1.2% of the limb's volume), 1 day measured before "
                   "and after"));
    CHECK(contains(text, "4 weeks after not yet: due about 2025-04-25"));
    CHECK(
        contains(text, "What was done 2 treatment days, 0 min of MLD, bandaging on 0 days, compression not recorded"));
    // Without courses, no section.
    auto none = save(dir.path(), "none.pdf", render_trend_report(h, a4()));
    CHECK_FALSE(contains(squash(text_of(none)), "Treatment courses"));
}
