// The files in sample-data/ import cleanly and tell the stories they are meant to tell.
#include <algorithm>
#include <catch2/catch.hpp>

#include "swelltrack/course.h"
#include "swelltrack/datetime.h"
#include "swelltrack/exchange.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::TempDir;

namespace {
const std::filesystem::path samples = SWELLTRACK_SAMPLE_DIR;

// Maria Keller: 78 Sunday home sessions, less the 2 while her arm was bandaged, and 15 clinic days
// of her intensive phase measured before and after treatment: 76 + 30 = 106. Then Jonas Weber,
// Dorothy Evans and 王芳.
constexpr int maria_sessions = 78 - 2 + 15 * 2;
constexpr int all_sessions = maria_sessions + 26 + 26 + 30;

// The index of the one session of `h` recorded at local time `prefix` ("2024-09-30T09").
std::size_t session_at(const History& h, const std::string& prefix) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < h.sessions.size(); ++i)
        if (format_datetime(h.sessions[i].recorded_at).starts_with(prefix)) {
            REQUIRE_FALSE(found);
            found = i;
        }
    REQUIRE(found);
    return *found;
}
}  // namespace

TEST_CASE("clients.csv and measurements.csv import cleanly") {
    TempDir dir;
    Store store(dir / "db");
    CHECK(import_file(store, samples / "clients.csv").clients_added == 4);
    auto m = import_file(store, samples / "measurements.csv");
    CHECK(m.sessions_added == all_sessions);
    CHECK(store.check().empty());
}

TEST_CASE("sessions.csv and sessions.json each rebuild the same four clients") {
    for (auto file : {"sessions.csv", "sessions.json"}) {
        INFO(file);
        TempDir dir;
        Store store(dir / "db");
        auto s = import_file(store, samples / file);
        CHECK(s.clients_added == 4);
        CHECK(s.sessions_added == all_sessions);
        CHECK(s.courses_added == 2);  // Maria Keller's intensive phase and maintenance
        CHECK(store.get_client("王芳").affected == Affected::right);
        CHECK(store.get_client("Dorothy Evans").unit == LengthUnit::in);
    }
}

TEST_CASE("Maria Keller's arm rises slowly, jumps above 10% with infection signs, and recovers after therapy") {
    TempDir dir;
    Store store(dir / "db");
    import_file(store, samples / "sessions.csv");
    auto h = store.load_analyzed(store.get_client("Maria Keller"));
    REQUIRE(h.sessions.size() == maria_sessions);
    REQUIRE(h.baseline == std::size_t{0});
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        const auto& f = h.figures[i];
        CAPTURE(i, f.left_ml, f.right_ml, f.rvc_pct);
        if (f.left_ml && !f.partial) CHECK((*f.left_ml > 1800 && *f.left_ml < 2600));
        if (f.right_ml) CHECK((*f.right_ml > 1700 && *f.right_ml < 2400));
    }
    auto rvc = [&](const std::string& at) { return h.figures[session_at(h, at)].rvc_pct.value_or(-100); };
    auto has = [&](const std::string& at, AlertCode code) {
        const auto& alerts = h.figures[session_at(h, at)].alerts;
        return std::any_of(alerts.begin(), alerts.end(), [&](const Alert& a) { return a.code == code; });
    };
    CHECK((rvc("2024-08-11") > 5.5 && rvc("2024-08-11") < 9.0));  // week 40
    CHECK(rvc("2024-09-15") > 10.0);                              // week 45: cellulitis
    CHECK(has("2024-09-08", AlertCode::infection_signs));
    CHECK(h.sessions[session_at(h, "2024-09-30T09")].context == SessionContext::before_treatment);
    CHECK(h.sessions[session_at(h, "2024-09-30T10")].context == SessionContext::after_treatment);
    CHECK((rvc("2025-03-09") > 2.0 && rvc("2025-03-09") < 5.0));  // week 70: in the sleeve
    CHECK(has("2025-04-27", AlertCode::rvc_5));                   // week 77: the sleeve worn out
    CHECK(h.figures[session_at(h, "2024-06-09")].partial);
}

TEST_CASE("Dorothy Evans's first session has the hand-worked volumes of its 22 values") {
    // sessions.csv, 2024-09-07, in cm (from her inches), wrist to 40 cm every 4 cm:
    //   left  15.494 18.288 21.082 23.622 24.13 23.876 24.638 26.162 27.432 28.702 29.718
    //   right 16.002 18.542 22.098 24.13 24.892 24.892 25.146 26.67 27.94 29.21 30.48
    // Frustum: V = sum over the 10 segments of 4 (C1^2 + C1 C2 + C2^2) / (12 pi) = S / (3 pi).
    // Left S = 857.8693 + 1164.4493 + 1500.4486 + 1710.2546 + 1728.4482 + 1765.3513 + 1936.0606
    //        + 2154.6409 + 2363.6727 + 2559.9304 = 17741.1258, V = 17741.1258 / 9.42478 = 1882.39 mL.
    // Right S = 896.5789 + 1241.8685 + 1603.8032 + 1802.5125 + 1858.8350 + 1877.8672 + 2014.2540
    //        + 2237.0923 + 2449.9951 + 2672.5753 = 18655.3820, V = 1979.40 mL.
    // Right is affected: difference 97.01 mL, excess 18655.3820 / 17741.1258 - 1 = 5.153%.
    TempDir dir;
    Store store(dir / "db");
    import_file(store, samples / "sessions.csv");
    auto h = store.load_analyzed(store.get_client("Dorothy Evans"));
    REQUIRE(!h.empty());
    const auto& f = h.figures.front();
    CHECK(*f.left_ml == Approx(1882.39).margin(0.01));
    CHECK(*f.right_ml == Approx(1979.40).margin(0.01));
    CHECK(*f.diff_ml == Approx(97.01).margin(0.01));
    CHECK(*f.excess_pct == Approx(5.153).margin(0.001));
    CHECK(*f.ctcae_grade == 1);                      // 5-10%
    CHECK(*f.rvc_pct == Approx(0.0).margin(1e-12));  // the baseline itself
}

TEST_CASE("Maria Keller's intensive phase halves her excess, and the figures are those worked by hand") {
    // Frustum volumes (wrist to 40 cm every 4 cm): V = S / (3 pi), S = sum over the 10 segments of
    // C1^2 + C1 C2 + C2^2 (the Dorothy Evans case above works one in full). Left affected,
    // excess = (S_left - S_right) / (3 pi) mL and S_left / S_right - 1.
    // Start, the session nearest 2024-09-30 (that day, 09:00, before treatment):
    //   left  16.9 19.8 23.4 25.8 26.9 26.4 27.3 28.6 30 31.2 32.5: S = 21382.2
    //   right 16 18.6 21.9 24.2 25.1 24.7 25.4 26.9 28.2 29.5 30.6:  S = 18829.63
    //   excess 2552.57 / 9.424778 = 270.836 mL, 21382.2 / 18829.63 - 1 = 13.556%.
    // End, nearest 2024-10-18 (that day, 09:06, before treatment):
    //   left  16.4 19.4 22.7 25 25.8 25.7 26.2 27.9 29 30.4 31.6:    S = 20102.86
    //   right 16 18.6 21.9 24.3 25.1 24.8 25.6 26.8 28.2 29.4 30.4:  S = 18837.86
    //   excess 1265.0 / 9.424778 = 134.221 mL, 6.715%.
    // Reduction 270.836 - 134.221 = 136.615 mL, 136.615 / 270.836 = 50.44% of the start's excess.
    // 4 weeks after the end (2024-11-15 +- 7 days): 2024-11-17, S 20104.08 / 18798.02, excess
    //   1306.06 / 9.424778 = 138.577 mL: (270.836 - 138.577) / 270.836 = 48.83% still gone,
    //   132.259 / 136.615 = 96.81% of the reduction kept.
    // 12 weeks (2025-01-10 +- 21): 2025-01-12, S 19978.22 / 18796.74, 1181.48 / 9.424778 = 125.359 mL:
    //   53.71% gone, 145.477 / 136.615 = 106.49% kept.
    // 26 weeks (2025-04-18 +- 45): 2025-04-20, S 20379.78 / 18773.95, 1605.83 / 9.424778 = 170.384 mL:
    //   37.09% gone, 100.452 / 136.615 = 73.53% kept; it carries rvc_5 (RVC >= 5% twice), which the
    //   end did not: a rebound, the sleeve worn out.
    // Immediate effect, left volume after minus before on each of the 15 days (mL): -26.53 -31.41
    //   -24.33 -26.51 -44.40 -37.96 -18.48 -28.12 -37.74 -34.04 -33.12 -34.35 -32.64 -25.84 -36.36;
    //   sum -471.83, mean -31.455, sample standard deviation 6.564.
    TempDir dir;
    Store store(dir / "db");
    import_file(store, samples / "sessions.json");
    const auto maria = store.get_client("Maria Keller");
    const auto h = store.load_analyzed(maria);
    const auto courses = store.courses(maria.id);
    REQUIRE(courses.size() == 2);
    const auto f = course_figures(h, courses[0], date::year{2026} / 1 / 1);
    CHECK_FALSE(f.running);
    REQUIRE(f.reduction.size() == 1);
    const auto& r = f.reduction[0];
    CHECK(r.side == Side::left);
    REQUIRE((r.start && r.end));
    CHECK(format_datetime(h.sessions[*r.start].recorded_at) == "2024-09-30T09:00:00+02:00");
    CHECK(format_datetime(h.sessions[*r.end].recorded_at) == "2024-10-18T09:06:00+02:00");
    CHECK(r.start_excess->ml == Approx(270.836).margin(0.001));
    CHECK(r.start_excess->pct == Approx(13.556).margin(0.001));
    CHECK(r.end_excess->ml == Approx(134.221).margin(0.001));
    CHECK(r.end_excess->pct == Approx(6.715).margin(0.001));
    CHECK(*r.reduction_ml == Approx(136.615).margin(0.001));
    CHECK(*r.reduction_pct == Approx(50.44).margin(0.01));

    REQUIRE(f.immediate.size() == 1);
    CHECK(f.immediate[0].pairs == 15);
    CHECK(*f.immediate[0].mean_ml == Approx(-31.455).margin(0.001));
    CHECK(*f.immediate[0].sd_ml == Approx(6.564).margin(0.001));

    REQUIRE(f.durability.size() == 3);
    const char* when[] = {"2024-11-17T08:02:00+01:00", "2025-01-12T08:06:00+01:00", "2025-04-20T08:13:00+02:00"};
    const double gone[] = {48.83, 53.71, 37.09}, kept[] = {96.81, 106.49, 73.53};
    for (std::size_t k = 0; k < 3; ++k) {
        const auto& d = f.durability[k];
        CAPTURE(d.weeks);
        REQUIRE(d.session);
        CHECK(format_datetime(h.sessions[*d.session].recorded_at) == when[k]);
        CHECK(*d.reduction_pct == Approx(gone[k]).margin(0.01));
        CHECK(*d.kept_pct == Approx(kept[k]).margin(0.01));
    }
    REQUIRE(f.rebounds.size() == 1);
    CHECK(format_datetime(h.sessions[f.rebounds[0].session].recorded_at) == "2025-04-20T08:13:00+02:00");
    CHECK(f.rebounds[0].code == AlertCode::rvc_5);

    // 15 treatment days of 45 min MLD, bandaged each day; the two Sundays bandaged are not sessions.
    CHECK(f.sessions.size() == 30);
    CHECK(f.work.treatment_days == 15);
    CHECK(f.work.mld_minutes == 15 * 45);
    CHECK(f.work.bandaging_days == 15);
    CHECK(f.work.compression_days == 15);

    // The maintenance after it is still running: figures so far.
    CHECK(courses[1].kind == CourseKind::maintenance);
    CHECK(course_figures(h, courses[1], date::year{2026} / 1 / 1).running);
}
