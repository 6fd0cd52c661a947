// The files in sample-data/ import cleanly and tell the stories they are meant to tell.
#include <algorithm>
#include <catch2/catch.hpp>

#include "swelltrack/exchange.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::TempDir;

namespace {
const std::filesystem::path samples = SWELLTRACK_SAMPLE_DIR;
}

TEST_CASE("clients.csv and measurements.csv import cleanly") {
    TempDir dir;
    Store store(dir / "db");
    CHECK(import_file(store, samples / "clients.csv").clients_added == 4);
    auto m = import_file(store, samples / "measurements.csv");
    CHECK(m.sessions_added == 78 + 26 + 26 + 30);
    CHECK(store.check().empty());
}

TEST_CASE("sessions.csv and sessions.json each rebuild the same four clients") {
    for (auto file : {"sessions.csv", "sessions.json"}) {
        INFO(file);
        TempDir dir;
        Store store(dir / "db");
        auto s = import_file(store, samples / file);
        CHECK(s.clients_added == 4);
        CHECK(s.sessions_added == 160);
        CHECK(store.get_client("王芳").affected == Affected::right);
        CHECK(store.get_client("Dorothy Evans").unit == LengthUnit::in);
    }
}

TEST_CASE("Maria Keller's arm rises slowly, jumps above 10% with infection signs, and recovers after therapy") {
    TempDir dir;
    Store store(dir / "db");
    import_file(store, samples / "sessions.csv");
    auto h = store.load_analyzed(store.get_client("Maria Keller"));
    REQUIRE(h.sessions.size() == 78);
    REQUIRE(h.baseline == std::size_t{0});
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        const auto& f = h.figures[i];
        CAPTURE(i, f.left_ml, f.right_ml, f.rvc_pct);
        if (f.left_ml && !f.partial) CHECK((*f.left_ml > 1800 && *f.left_ml < 2600));
        if (f.right_ml) CHECK((*f.right_ml > 1700 && *f.right_ml < 2400));
    }
    auto rvc = [&](std::size_t i) { return h.figures[i].rvc_pct.value_or(-100); };
    CHECK((rvc(40) > 5.5 && rvc(40) < 9.0));
    CHECK(rvc(45) > 10.0);
    auto alerts = h.figures[44].alerts;
    CHECK(
        std::any_of(alerts.begin(), alerts.end(), [](const Alert& a) { return a.code == AlertCode::infection_signs; }));
    CHECK((rvc(70) > 3.0 && rvc(70) < 6.0));
    CHECK(h.figures[31].partial);
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
