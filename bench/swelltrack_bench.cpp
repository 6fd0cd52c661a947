// The speed bars of docs/performance.md, measured: import, history load, trend report, clinic summary, status.
// Run all: bash .ci/bench   (figures and bars: docs/performance.md)
#include <benchmark/benchmark.h>

#include <filesystem>

#include "bench_data.h"
#include "swelltrack/exchange.h"
#include "swelltrack/report.h"
#include "swelltrack/store.h"

namespace fs = std::filesystem;
using namespace swelltrack;

namespace {

// Bar: >= 1,000,000 measurement values per second from CSV into SQLite, one core.
void BM_ImportCsv(benchmark::State& state) {
    auto dir = bench::generated_csv_dir(20, 2);  // 20 clients x 2 years daily x 22 values = ~321k values
    auto db = fs::temp_directory_path() / "swelltrack-bench-import.db";
    std::int64_t values = 0;
    for (auto _ : state) {
        state.PauseTiming();
        for (auto suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
        Store store(db);
        import_file(store, dir / "clients.csv");
        state.ResumeTiming();
        values += import_file(store, dir / "measurements.csv").values_added;
    }
    state.counters["values_per_s"] = benchmark::Counter(static_cast<double>(values), benchmark::Counter::kIsRate);
    for (auto suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}
// Wall-clock time: the figure includes the commit's fsync, as a user waits for it.
BENCHMARK(BM_ImportCsv)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// Bar: history load for one client with 5 years of daily sessions under 20 ms.
void BM_LoadHistory5y(benchmark::State& state) {
    Store store(bench::generated_db(1, 5));
    auto client = store.list_clients().front();
    std::size_t sessions = 0;
    for (auto _ : state) {
        auto h = store.load_history(client.id);
        sessions = h.size();
        benchmark::DoNotOptimize(h.data());
    }
    state.counters["sessions"] = static_cast<double>(sessions);
}
BENCHMARK(BM_LoadHistory5y)->Unit(benchmark::kMillisecond);

// Load plus every figure (volumes, RVC, alerts) for the same client.
void BM_LoadAnalyzed5y(benchmark::State& state) {
    Store store(bench::generated_db(1, 5));
    auto client = store.list_clients().front();
    for (auto _ : state) benchmark::DoNotOptimize(store.load_analyzed(client).figures.data());
}
BENCHMARK(BM_LoadAnalyzed5y)->Unit(benchmark::kMillisecond);

// Bar: trend report for the 5-year daily client under 30 ms and 200 KB.
void BM_TrendReport5y(benchmark::State& state) {
    Store store(bench::generated_db(1, 5));
    auto history = store.load_analyzed(store.list_clients().front());
    ReportOptions opt;
    opt.generated_at = "2026-11-25 12:00";
    std::size_t bytes = 0;
    for (auto _ : state) bytes = render_trend_report(history, opt).size();
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_TrendReport5y)->Unit(benchmark::kMillisecond);

// Bar: clinic summary for 1,000 clients under 2 s (statuses loaded from the database, then drawn).
void BM_ClinicSummary1000(benchmark::State& state) {
    Store store(bench::generated_db(1000, 2));
    ReportOptions opt;
    opt.generated_at = "2026-11-25 12:00";
    std::size_t bytes = 0;
    for (auto _ : state) bytes = render_clinic_summary(store.load_statuses(now_local().utc), opt).size();
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ClinicSummary1000)->Unit(benchmark::kMillisecond);

// Bar: status over 1,000 clients x 2 years of daily sessions under 200 ms.
void BM_Status1000x2y(benchmark::State& state) {
    Store store(bench::generated_db(1000, 2));
    for (auto _ : state) benchmark::DoNotOptimize(store.load_statuses(now_local().utc).data());
}
BENCHMARK(BM_Status1000x2y)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
