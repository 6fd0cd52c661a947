// swelltrack-import-bench DB FILE...: imports each file into DB (created fresh by the caller) and
// prints values per second; then times load_history for the client with the most sessions.
// A measuring tool for the closing notes (docs/performance.md), not a test: it asserts nothing.
#include <chrono>
#include <cstdio>

#include "swelltrack/error.h"
#include "swelltrack/exchange.h"

int main(int argc, char** argv) {
    using clock = std::chrono::steady_clock;
    if (argc < 3) {
        std::fprintf(stderr, "usage: swelltrack-import-bench DB FILE...\n");
        return 2;
    }
    try {
        swelltrack::Store store(argv[1]);
        for (int i = 2; i < argc; ++i) {
            auto t0 = clock::now();
            auto s = swelltrack::import_file(store, argv[i]);
            double secs = std::chrono::duration<double>(clock::now() - t0).count();
            std::printf("%s: %d sessions, %lld values in %.3f s = %.0f values/s\n", argv[i], s.sessions_added,
                        static_cast<long long>(s.values_added), secs, static_cast<double>(s.values_added) / secs);
        }
        std::int64_t best = 0, most = -1;
        for (const auto& c : store.list_clients(true))
            if (auto n = store.session_count(c.id); n > most) most = n, best = c.id;
        if (most > 0) {
            double fastest = 1e9;
            std::size_t n = 0;
            for (int k = 0; k < 10; ++k) {
                auto t0 = clock::now();
                n = store.load_history(best).size();
                fastest = std::min(fastest, std::chrono::duration<double>(clock::now() - t0).count());
            }
            std::printf("load_history: %zu sessions in %.2f ms (best of 10)\n", n, fastest * 1000);
        }
    } catch (const swelltrack::UserError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
