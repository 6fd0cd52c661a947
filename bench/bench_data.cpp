#include "bench_data.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include "swelltrack/exchange.h"
#include "swelltrack/store.h"

namespace swelltrack::bench {

namespace fs = std::filesystem;

fs::path data_dir() { return fs::path(SWELLTRACK_BENCH_DATA_DIR); }

namespace {
// The shortest text that reads back as `years`: "2", "0.1".
std::string years_text(double years) {
    char text[32];
    return std::string(text, std::to_chars(text, text + sizeof text, years).ptr);
}
}  // namespace

std::string data_set_name(int clients, double years) { return std::to_string(clients) + "x" + years_text(years) + "y"; }

fs::path generated_csv_dir(int clients, double years) {
    auto dir = data_dir() / ("gen-" + data_set_name(clients, years));
    if (fs::exists(dir / "measurements.csv")) return dir;
    fs::create_directories(dir);
    std::string cmd = std::string("'") + SWELLTRACK_GENERATOR + "' --clients " + std::to_string(clients) + " --years " +
                      years_text(years) + " --seed 42 --out '" + dir.string() + "' > /dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("generator failed: " + cmd);
    return dir;
}

fs::path generated_db(int clients, double years) {
    auto db = data_dir() / ("db-" + data_set_name(clients, years) + ".db");
    if (fs::exists(db)) return db;
    auto dir = generated_csv_dir(clients, years);
    auto tmp = fs::path(db.string() + ".partial");
    fs::remove(tmp);
    {
        Store store(tmp);
        import_file(store, dir / "clients.csv");
        import_file(store, dir / "measurements.csv");
    }
    fs::remove(fs::path(tmp.string() + "-wal"));
    fs::remove(fs::path(tmp.string() + "-shm"));
    fs::rename(tmp, db);
    return db;
}

}  // namespace swelltrack::bench
