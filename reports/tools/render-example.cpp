// Developer tool: renders example reports into a folder, with timings, to look at them by eye:
//   swelltrack-render-example OUT_DIR [REPEATS]
//   pdftoppm -png -r 60 OUT_DIR/arm.pdf /tmp/arm
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>

#include "examples.h"
#include "swelltrack/report.h"

using namespace swelltrack;

namespace {
void render(const std::filesystem::path& dir, const char* file, int repeats, const std::function<std::string()>& make) {
    std::string bytes;
    double best_ms = 1e9, best_cpu_ms = 1e9;
    for (int i = 0; i < repeats; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        std::clock_t c0 = std::clock();
        bytes = make();
        double cpu_ms = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        best_ms = std::min(best_ms, ms);
        best_cpu_ms = std::min(best_cpu_ms, cpu_ms);
    }
    write_private_file(dir / file, bytes, true);
    std::printf("%-18s %7.1f ms wall, %7.1f ms CPU (best of %d)  %7.1f KB\n", file, best_ms, best_cpu_ms, repeats,
                static_cast<double>(bytes.size()) / 1024.0);
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR [REPEATS]\n", argv[0]);
        return 2;
    }
    std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    int repeats = argc > 2 ? std::atoi(argv[2]) : 1;
    ReportOptions a4;
    a4.generated_at = "2025-07-01T10:00:00+02:00";
    ReportOptions letter = a4;
    letter.paper = Paper::letter;

    History arm = examples::arm_client();
    History legs = examples::bilateral_legs_client();
    History cjk = examples::arm_client("王芳");
    History cyrillic = examples::arm_client("Ирина Łukasiewicz");
    History latin = examples::arm_client("Jane Smith");
    render(dir, "arm.pdf", repeats, [&] { return render_trend_report(arm, a4); });
    render(dir, "arm-letter.pdf", repeats, [&] { return render_trend_report(arm, letter); });
    ReportOptions narrow = a4;
    narrow.from = date::year{2024} / 9 / 1;
    narrow.to = date::year{2025} / 1 / 31;
    render(dir, "arm-narrow.pdf", repeats, [&] { return render_trend_report(arm, narrow); });
    render(dir, "latin.pdf", repeats, [&] { return render_trend_report(latin, a4); });
    render(dir, "legs.pdf", repeats, [&] { return render_trend_report(legs, a4); });
    render(dir, "cjk.pdf", repeats, [&] { return render_trend_report(cjk, a4); });
    render(dir, "unicode.pdf", repeats, [&] { return render_trend_report(cyrillic, a4); });

    auto t0 = std::chrono::steady_clock::now();
    History daily = examples::daily_client(5);
    std::printf("(5-year daily client: %zu sessions, analysed in %.1f ms)\n", daily.sessions.size(),
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    render(dir, "daily5y.pdf", repeats, [&] { return render_trend_report(daily, a4); });

    auto statuses = examples::clinic(1000);
    render(dir, "clinic1000.pdf", std::max(1, repeats / 5), [&] { return render_clinic_summary(statuses, a4); });
    auto few = examples::clinic(12);
    render(dir, "clinic12.pdf", repeats, [&] { return render_clinic_summary(few, letter); });
    return 0;
}
