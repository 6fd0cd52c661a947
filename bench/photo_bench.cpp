// A phone's 12-megapixel photo taken in (imaging::take_in): decode, turn upright, scale to 2048 px,
// re-encode without metadata, and the 320 px thumbnail. Time per photo (Google Benchmark), and the
// memory one intake needs: the peak resident size of a fresh child process that takes in one photo,
// less its size before (docs/performance.md#photos).
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
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

// The peak memory one intake adds, in MB, measured in a fresh process (this program again, run with
// --intake-once FILE): a fork of this one would share libvips' threads' locks and could hang.
double intake_peak_mb(const std::string& photo) {
    char path[] = "/tmp/swelltrack-photo-bench-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return -1;
    (void)!write(fd, photo.data(), photo.size());
    close(fd);
    const std::string command = "/proc/" + std::to_string(getpid()) + "/exe --intake-once " + path;
    double mb = -1;
    if (FILE* out = popen(command.c_str(), "r")) {
        if (std::fscanf(out, "%lf", &mb) != 1) mb = -1;
        pclose(out);
    }
    std::remove(path);
    return mb;
}

// --intake-once FILE: takes the photo in once and prints the peak resident memory it added, in MB.
int intake_once(const char* file) {
    std::ifstream in(file, std::ios::binary);
    const std::string photo((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const long before = resident_kb();
    swelltrack::imaging::take_in(photo);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%.1f\n", static_cast<double>(usage.ru_maxrss - before) / 1024.0);
    return 0;
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

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--intake-once") return intake_once(argv[2]);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
