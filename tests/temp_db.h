#pragma once
// Real SQLite files in a TempDir (no mocks), plus small builders of clients and sessions.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "swelltrack/client.h"
#include "swelltrack/datetime.h"
#include "swelltrack/session.h"
#include "swelltrack/units.h"
#include "temp_dir.h"

namespace swelltrack::testing {

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
