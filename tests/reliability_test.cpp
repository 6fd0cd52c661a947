// Crash safety and concurrent writers (docs/architecture.md#reliability-and-privacy), with real processes and real
// files.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "swelltrack/exchange.h"
#include "swelltrack/store.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using namespace swelltrack;

namespace {

// One client, `days` daily arm sessions, 22 values each, as the measurement CSV
// (docs/data-formats.md#2-measurement-csv).
std::string measurement_csv(int days) {
    std::ostringstream out;
    out << "client,recorded_at,protocol,side,point_cm,circumference,unit\n";
    auto start = date::sys_days{date::year{2010} / 1 / 1};  // thousands of days later is still the past
    for (int d = 0; d < days; ++d) {
        date::year_month_day ymd{start + date::days{d}};
        char when[40];
        std::snprintf(when, sizeof when, "%04d-%02u-%02uT08:00+01:00", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        for (const char* side : {"left", "right"})
            for (int p = 0; p <= 40; p += 4)
                out << "Crash Test," << when << ",arm-4cm," << side << "," << p << "," << 16 + p * 0.3 << ",cm\n";
    }
    return out.str();
}

Client crash_client() {
    Client c;
    c.name = "Crash Test";
    c.limb = LimbKind::arm;
    c.affected = Affected::left;
    return c;
}

}  // namespace

TEST_CASE("an import killed with SIGKILL at random moments leaves all of it or none of it") {
    swelltrack::testing::TempDir tmp{"rel-kill"};
    const fs::path& dir = tmp.path();
    auto csv = dir / "big.csv";
    constexpr int days = 3000;  // 3000 sessions, 66,000 values
    { std::ofstream(csv) << measurement_csv(days); }
    // How long one import takes here (parse, then one write transaction), to aim the kills at it.
    std::chrono::microseconds import_time{};
    {
        Store scratch(dir / "timing.db");
        scratch.add_client(crash_client());
        auto t0 = std::chrono::steady_clock::now();
        import_file(scratch, csv);
        import_time = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
    }
    std::mt19937 rng(12345);
    std::uniform_int_distribution<long> when(import_time.count() * 2 / 5, import_time.count() * 19 / 20);
    int saw_none = 0, saw_all = 0, inside_write = 0;  // inside_write: rounds killed during the import
    for (int round = 0; round < 8; ++round) {
        auto db = dir / ("kill-" + std::to_string(round) + ".db");
        {
            Store store(db);
            store.add_client(crash_client());
        }
        int started[2];
        REQUIRE(::pipe(started) == 0);
        pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                Store store(db);
                if (::write(started[1], "s", 1) != 1) ::_exit(4);  // the import begins now
                import_file(store, csv);
            } catch (...) {
                ::_exit(3);
            }
            ::_exit(0);
        }
        char byte = 0;
        REQUIRE(::read(started[0], &byte, 1) == 1);
        ::close(started[0]);
        ::close(started[1]);
        std::this_thread::sleep_for(std::chrono::microseconds(when(rng)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        // Killed while import_file was running (it had begun, and the process had not exited):
        // this round tested what it claims. (The write transaction keeps its pages in memory until
        // it commits, so the WAL cannot show how far it got.)
        bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;

        Store after(db);
        CHECK(after.check().empty());
        auto client = after.get_client("Crash Test");
        auto n = after.session_count(client.id);
        CHECK((n == 0 || n == days));
        (n == 0 ? saw_none : saw_all)++;
        if (killed) ++inside_write;
        // Whatever happened, importing again completes the data exactly once.
        import_file(after, csv);
        CHECK(after.session_count(client.id) == days);
    }
    INFO("import " << import_time.count() << " us; rounds with nothing imported: " << saw_none
                   << ", with everything: " << saw_all << ", killed during the import: " << inside_write);
    CHECK(saw_none + saw_all == 8);
    CHECK(inside_write >= 4);  // most kills landed during the import, and each left all or nothing
}

TEST_CASE("two processes logging into the same database lose and duplicate nothing") {
    swelltrack::testing::TempDir tmp{"rel-two"};
    const fs::path& dir = tmp.path();
    auto db = dir / "shared.db";
    std::int64_t client_id = 0;
    {
        Store store(db);
        client_id = store.add_client(crash_client());
    }
    constexpr int per_process = 150;
    auto writer = [&](int which) {
        Store store(db);
        for (int i = 0; i < per_process; ++i) {
            Session s;
            s.client_id = client_id;
            // Distinct instants: process 0 on even minutes, process 1 on odd ones.
            s.recorded_at = DateTime{date::sys_days{date::year{2024} / 1 / 1} + std::chrono::minutes{2 * i + which},
                                     std::chrono::minutes{60}};
            s.protocol = "arm-4cm";
            for (int p = 0; p < 11; ++p) {
                s.left_mm.push_back(200.0 + p * 5);
                s.right_mm.push_back(200.0 + p * 5);
            }
            s.notes = "writer " + std::to_string(which);
            store.record_session(s);
        }
    };
    pid_t children[2];
    for (int w = 0; w < 2; ++w) {
        children[w] = ::fork();
        REQUIRE(children[w] >= 0);
        if (children[w] == 0) {
            try {
                writer(w);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "writer %d: %s\n", w, e.what());
                ::_exit(1);
            }
            ::_exit(0);
        }
    }
    for (pid_t c : children) {
        int status = 0;
        ::waitpid(c, &status, 0);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);  // no "database is locked" reached the writer
    }
    Store store(db);
    auto history = store.load_history(client_id);
    CHECK(history.size() == 2 * per_process);
    for (std::size_t i = 1; i < history.size(); ++i) CHECK(history[i - 1].recorded_at < history[i].recorded_at);
    CHECK(store.check().empty());
}
