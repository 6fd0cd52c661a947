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
