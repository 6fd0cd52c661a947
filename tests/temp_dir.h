#pragma once
// The one temporary folder of the tests: a fresh, private folder (mkdtemp) per use, removed with
// everything in it when the object goes, so tests use real files and leave nothing behind.
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace swelltrack::testing {

class TempDir {
   public:
    /// `tag` only makes the folder's name tell which test made it: /tmp/swelltrack-TAG-XXXXXX.
    explicit TempDir(const std::string& tag = "test") {
        std::string name = (std::filesystem::temp_directory_path() / ("swelltrack-" + tag + "-XXXXXX")).string();
        if (::mkdtemp(name.data()) == nullptr)
            throw std::runtime_error("cannot create a folder " + name + ": " + std::strerror(errno));
        path_ = name;
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

/// `s` as one shell word.
inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

/// A file's bytes (empty when it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace swelltrack::testing
