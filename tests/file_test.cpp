// swelltrack_files on real files in a temp folder: owner-only creation, refusal, atomic replacement
// and failures that leave the old file and no temporary behind.
#include "swelltrack/file.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <vector>

#include "file_size_limit.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using namespace swelltrack;
using Catch::Matchers::Contains;
using swelltrack::testing::TempDir;

namespace {

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777u;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every name in the folder: a left-over temporary shows up here.
std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

class Umask {
   public:
    explicit Umask(mode_t mask) : old_(::umask(mask)) {}
    ~Umask() { ::umask(old_); }
    Umask(const Umask&) = delete;
    Umask& operator=(const Umask&) = delete;

   private:
    mode_t old_;
};

}  // namespace

TEST_CASE("a new file is owner-only (0600) whatever the umask") {
    TempDir dir;
    Umask lax(0);
    write_file_atomically(dir / "open.pdf", "pdf", Existing::refuse);
    CHECK(mode_of(dir / "open.pdf") == 0600);
    {
        Umask strict(0277);  // would make the file read-only for its owner
        write_file_atomically(dir / "strict.pdf", "pdf", Existing::refuse);
        CHECK(create_owner_only(dir / "strict.db"));
    }
    CHECK(mode_of(dir / "strict.pdf") == 0600);
    CHECK(read(dir / "strict.pdf") == "pdf");
    CHECK(mode_of(dir / "strict.db") == 0600);
    CHECK(create_owner_only(dir / "clinic.db"));
    CHECK(mode_of(dir / "clinic.db") == 0600);
}

TEST_CASE("create_owner_only leaves an existing file as it is") {
    TempDir dir;
    std::ofstream(dir / "clinic.db") << "data";
    CHECK_FALSE(create_owner_only(dir / "clinic.db"));
    CHECK(read(dir / "clinic.db") == "data");
    CHECK_THROWS_WITH(create_owner_only(dir / "no" / "clinic.db"),
                      Contains("cannot create " + (dir / "no" / "clinic.db").string()));
}

TEST_CASE("an existing file is refused unless replacing is asked for") {
    TempDir dir;
    auto target = dir / "report.pdf";
    write_file_atomically(target, "first", Existing::refuse);
    CHECK_THROWS_AS(write_file_atomically(target, "second", Existing::refuse), FileExists);
    CHECK_THROWS_WITH(write_file_atomically(target, "second", Existing::refuse),
                      Contains(target.string() + " already exists"));
    CHECK(read(target) == "first");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.pdf"});
}

TEST_CASE("a file that appears while writing is kept, not replaced") {
    TempDir dir;
    auto target = dir / "export.csv";
    AtomicFile file(target, Existing::refuse);
    file.write("ours");
    std::ofstream(target) << "theirs";
    CHECK_THROWS_AS(file.commit(), FileExists);
    CHECK(read(target) == "theirs");
}

TEST_CASE("replacing swaps the whole content and makes the file owner-only") {
    TempDir dir;
    auto target = dir / "report.pdf";
    std::ofstream(target) << "old content";
    ::chmod(target.c_str(), 0644);
    std::string big(1 << 20, 'x');
    write_file_atomically(target, big, Existing::replace);
    CHECK(read(target) == big);
    CHECK(mode_of(target) == 0600);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.pdf"});
}

TEST_CASE("a write that fails (disk full) leaves the old file and no temporary") {
    TempDir dir;
    auto target = dir / "report.pdf";
    std::ofstream(target) << "old content";
    std::string big(1 << 20, 'x');
    {
        testing::FileSizeLimit full(64 * 1024);
        CHECK_THROWS_WITH(write_file_atomically(target, big, Existing::replace),
                          Contains("cannot write " + target.string() + ": File too large"));
    }
    CHECK(read(target) == "old content");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.pdf"});
}

TEST_CASE("a full disk is reported, never a short file") {
    int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    FileDescriptor full(fd, "/reports/ada.pdf");
    CHECK_THROWS_WITH(full.write("bytes"), Contains("cannot write /reports/ada.pdf: No space left on device"));
}

TEST_CASE("a folder that does not exist is an error naming the target") {
    TempDir dir;
    auto target = dir / "no" / "such" / "r.pdf";
    CHECK_THROWS_WITH(write_file_atomically(target, "x", Existing::replace),
                      Contains("cannot create " + target.string() + ": No such file or directory"));
    CHECK(names_in(dir.path()).empty());
}

TEST_CASE("a rename that fails leaves the target and no temporary") {
    TempDir dir;
    auto target = dir / "busy";
    fs::create_directories(target / "inside");  // a non-empty folder cannot be renamed over
    CHECK_THROWS_WITH(write_file_atomically(target, "x", Existing::replace),
                      Contains("cannot replace " + target.string()));
    CHECK(fs::is_directory(target / "inside"));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"busy"});
}

TEST_CASE("an AtomicFile dropped before commit removes its temporary and leaves the target") {
    TempDir dir;
    auto target = dir / "backup.db";
    std::ofstream(target) << "previous backup";
    {
        AtomicFile file(target, Existing::replace);
        file.write("half a backup");
        CHECK(fs::exists(file.temp_path()));
        CHECK(file.temp_path().parent_path() == dir.path());
        CHECK(mode_of(file.temp_path()) == 0600);
    }
    CHECK(read(target) == "previous backup");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"backup.db"});
}
