#pragma once
// The one temporary folder of the tests: a fresh, private folder (mkdtemp) per use, removed with
// everything in it when the object goes, so tests use real files and leave nothing behind.
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
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

}  // namespace swelltrack::testing
