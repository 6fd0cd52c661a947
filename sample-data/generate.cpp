// swelltrack-generate --samples DIR
// swelltrack-generate --clients N --years Y --out DIR [--seed S] [--start YYYY-MM-DD]
//
// The second form writes DIR/clients.csv and DIR/measurements.csv (docs/data-formats.md#2-measurement-csv) with N
// synthetic clients, each measured daily for Y years on both sides: a slow random drift of the affected limb plus tape
// noise, values to 0.1 cm. Same seed, same files.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "samples.h"
#include "swelltrack/datetime.h"
#include "swelltrack/error.h"
#include "swelltrack/protocol.h"

namespace {

struct Options {
    int clients = 0;
    double years = 0;
    std::string out;
    std::string samples;
    std::uint64_t seed = 1;
    std::string start = "2010-01-01";  // long past: sessions dated in the future are refused on import
};

int usage() {
    std::cerr << "usage: swelltrack-generate --clients N --years Y --out DIR [--seed S] [--start YYYY-MM-DD]\n"
                 "       swelltrack-generate --samples DIR\n";
    return 2;
}

// The generator's random numbers: one seeded engine drawn in a fixed order, so the same seed gives
// the same files.
class Noise {
   public:
    explicit Noise(std::uint64_t seed) : rng_(seed) {}
    double gauss() { return gauss_(rng_); }
    double uniform() { return uniform_(rng_); }

   private:
    std::mt19937_64 rng_;
    std::normal_distribution<double> gauss_{0.0, 1.0};
    std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

// One synthetic client: which limb and side, and the shape of the limb.
struct Synthetic {
    char name[32];
    bool leg;
    const char* affected;  // "left", "right" or "both"
    double base, top;      // circumference (cm) at the wrist/ankle and at the upper arm/thigh
};

// Draws client number `c` (0-based).
Synthetic draw_client(int c, Noise& noise) {
    Synthetic out{};
    std::snprintf(out.name, sizeof out.name, "Client %05d", c + 1);
    out.leg = noise.uniform() < 0.2;
    const double side_pick = noise.uniform();
    out.affected = side_pick < 0.45 ? "left" : side_pick < 0.9 ? "right" : "both";
    // Shape: circumference grows from wrist/ankle to upper arm/thigh.
    out.base = out.leg ? 22.0 + 3.0 * noise.uniform() : 15.0 + 2.0 * noise.uniform();
    out.top = out.leg ? 52.0 + 8.0 * noise.uniform() : 28.0 + 5.0 * noise.uniform();
    return out;
}

// The first day, refused when `o.years` from it would reach past today (import refuses future sessions).
date::sys_days checked_start(const Options& o, int days) {
    using namespace swelltrack;
    auto start = date::sys_days{parse_date(o.start, "--start")};
    if (start + date::days{days} > date::floor<date::days>(std::chrono::system_clock::now()))
        throw UserError("--start", o.start,
                        "--start: " + std::to_string(o.years) + " years from " + o.start +
                            " reach into the future, and import refuses future sessions; choose an earlier start");
    return start;
}

// Appends one day's rows of the measurements CSV for the client: every point of both sides, the
// affected side(s) swollen by `drift`, each with tape noise.
void append_day(std::string& buf, const Synthetic& client, const swelltrack::Protocol& protocol,
                const std::string& at_text, double drift, Noise& noise) {
    char num[32];
    for (const char* side : {"left", "right"}) {
        const bool swollen = client.affected[0] == 'b' || client.affected[0] == side[0];
        for (std::size_t i = 0; i < protocol.point_count(); ++i) {
            double t = protocol.positions_cm[i] / protocol.positions_cm.back();
            double cm =
                (client.base + (client.top - client.base) * t) * (1.0 + (swollen ? drift : 0.0)) + 0.25 * noise.gauss();
            buf += client.name;
            buf += ',';
            buf += at_text;
            buf += ',';
            buf += protocol.name;
            buf += ',';
            buf += side;
            buf += ',';
            std::snprintf(num, sizeof num, "%g,%.1f,cm\n", protocol.positions_cm[i], cm);
            buf += num;
        }
    }
}

void generate(const Options& o) {
    using namespace swelltrack;
    std::filesystem::create_directories(o.out);
    Noise noise(o.seed);
    const int days = static_cast<int>(std::lround(o.years * 365.0));
    const auto start = checked_start(o, days);

    std::ofstream clients(std::filesystem::path(o.out) / "clients.csv", std::ios::binary);
    std::ofstream values(std::filesystem::path(o.out) / "measurements.csv", std::ios::binary);
    clients << "name,limb,affected,baseline,unit\n";
    values << "client,recorded_at,protocol,side,point_cm,circumference,unit\n";
    std::string buf;
    buf.reserve(1 << 22);
    for (int c = 0; c < o.clients; ++c) {
        const Synthetic client = draw_client(c, noise);
        clients << client.name << ',' << (client.leg ? "leg" : "arm") << ',' << client.affected << ',' << o.start
                << ",cm\n";
        const auto& protocol = *find_builtin_protocol(client.leg ? "leg-4cm" : "arm-4cm");
        double drift = 0.0;  // relative circumference excess of the affected side(s)
        const std::chrono::minutes offset{60};
        for (int d = 0; d < days; ++d) {
            drift = std::clamp(drift + 0.0008 * noise.gauss() + 0.00004, -0.02, 0.25);
            DateTime at{start + date::days{d} + std::chrono::hours{7} + std::chrono::minutes{(d * 7) % 50}, offset};
            append_day(buf, client, protocol, format_datetime(at), drift, noise);
            if (buf.size() > (1 << 22) - 4096) {
                values << buf;
                buf.clear();
            }
        }
    }
    values << buf;
    if (!values || !clients) throw swelltrack::UserError("could not write to " + o.out);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw swelltrack::UserError(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--clients")
                o.clients = std::stoi(value());
            else if (a == "--years")
                o.years = std::stod(value());
            else if (a == "--out")
                o.out = value();
            else if (a == "--seed")
                o.seed = std::stoull(value());
            else if (a == "--start")
                o.start = value();
            else if (a == "--samples")
                o.samples = value();
            else
                return usage();
        } catch (const std::logic_error&) {
            return usage();
        } catch (const swelltrack::UserError& e) {
            std::cerr << "swelltrack-generate: " << e.what() << '\n';
            return 2;
        }
    }
    try {
        if (!o.samples.empty()) {
            swelltrack::samples::write_samples(o.samples);
            return 0;
        }
        if (o.clients <= 0 || o.years <= 0 || o.out.empty()) return usage();
        generate(o);
    } catch (const swelltrack::UserError& e) {
        std::cerr << "swelltrack-generate: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
