#pragma once
// A fresh folder per test for real SQLite files (no mocks), removed afterwards; plus small builders.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "swelltrack/client.h"
#include "swelltrack/datetime.h"
#include "swelltrack/session.h"
#include "swelltrack/units.h"

namespace swelltrack::testing {

class TempDir {
   public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("swelltrack-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

   private:
    std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

inline Client arm_client(std::string name, Affected affected = Affected::left) {
    Client c;
    c.name = std::move(name);
    c.limb = LimbKind::arm;
    c.affected = affected;
    c.condition = "breast-cancer-related lymphedema";
    c.baseline_date = date::year{2024} / 3 / 1;
    return c;
}

/// An arm-4cm session with plausible values (mm), the left side `excess` times the right.
inline Session arm_session(std::int64_t client_id, const std::string& at, double excess = 1.05) {
    Session s;
    s.client_id = client_id;
    s.recorded_at = parse_datetime(at);
    s.protocol = "arm-4cm";
    for (int i = 0; i < 11; ++i) {
        double right = 160.0 + 14.0 * i;
        s.right_mm.push_back(canonical_mm(right));
        s.left_mm.push_back(canonical_mm(right * excess));
    }
    return s;
}

}  // namespace swelltrack::testing
