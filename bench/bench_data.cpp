#include "bench_data.h"

#include <cstdlib>
#include <stdexcept>

#include "swelltrack/exchange.h"
#include "swelltrack/store.h"

namespace swelltrack::bench {

namespace fs = std::filesystem;

fs::path data_dir() { return fs::path(SWELLTRACK_BENCH_DATA_DIR); }

fs::path generated_csv_dir(int clients, int years) {
    auto dir = data_dir() / ("gen-" + std::to_string(clients) + "x" + std::to_string(years) + "y");
    if (fs::exists(dir / "measurements.csv")) return dir;
    fs::create_directories(dir);
    std::string cmd = std::string("'") + SWELLTRACK_GENERATOR + "' --clients " + std::to_string(clients) + " --years " +
                      std::to_string(years) + " --seed 42 --out '" + dir.string() + "' > /dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("generator failed: " + cmd);
    return dir;
}

fs::path generated_db(int clients, int years) {
    auto db = data_dir() / ("db-" + std::to_string(clients) + "x" + std::to_string(years) + "y.db");
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
