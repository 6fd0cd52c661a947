// A phone's 12-megapixel photo taken in (imaging::take_in): decode, turn upright, scale to 2048 px,
// re-encode without metadata, and the 320 px thumbnail. Time per photo (Google Benchmark), and the
// memory one intake needs: the peak resident size of a fresh child process that takes in one photo,
// less its size before (docs/performance.md#photos).
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vips/vips8>

#include "swelltrack/imaging.h"

namespace {

// 4032 x 3024 (a 12 MP phone camera) of noisy skin tones, as a phone's JPEG at quality 92.
const std::string& phone_photo() {
    static const std::string bytes = [] {
        if (VIPS_INIT("swelltrack-photo-bench") != 0) throw std::runtime_error("libvips did not start");
        using vips::VImage;
        VImage noise = VImage::gaussnoise(4032, 3024, VImage::option()->set("sigma", 18.0));
        VImage skin = (noise.bandjoin(noise * 0.8).bandjoin(noise * 0.7) + std::vector<double>{210, 160, 140})
                          .cast(VIPS_FORMAT_UCHAR)
                          .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
        VipsBlob* blob = skin.jpegsave_buffer(VImage::option()->set("Q", 92));
        std::size_t length = 0;
        const void* data = vips_blob_get(blob, &length);
        std::string out(static_cast<const char*>(data), length);
        vips_area_unref(VIPS_AREA(blob));
        return out;
    }();
    return bytes;
}

long resident_kb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// The peak memory one intake adds, in MB, measured in a child so that nothing before it counts.
double intake_peak_mb(const std::string& photo) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    const pid_t child = fork();
    if (child == 0) {
        const long before = resident_kb();
        swelltrack::imaging::take_in(photo);
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        const double mb = static_cast<double>(usage.ru_maxrss - before) / 1024.0;
        (void)!write(fds[1], &mb, sizeof mb);
        _exit(0);
    }
    close(fds[1]);
    double mb = -1;
    (void)!read(fds[0], &mb, sizeof mb);
    close(fds[0]);
    waitpid(child, nullptr, 0);
    return mb;
}

void BM_PhotoIntake12MP(benchmark::State& state) {
    const auto& photo = phone_photo();
    swelltrack::imaging::Intake in;
    for (auto _ : state) {
        in = swelltrack::imaging::take_in(photo);
        benchmark::DoNotOptimize(in);
    }
    state.counters["in_MB"] = static_cast<double>(photo.size()) / (1024.0 * 1024.0);
    state.counters["kept_KB"] = static_cast<double>(in.image.jpeg.size()) / 1024.0;
    state.counters["thumb_KB"] = static_cast<double>(in.thumbnail.jpeg.size()) / 1024.0;
    state.counters["peak_MB"] = intake_peak_mb(photo);
}
BENCHMARK(BM_PhotoIntake12MP)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
