#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "report_test_util.h"
#include "swelltrack/error.h"
#include "swelltrack/report.h"

using namespace swelltrack;

namespace {
std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("a report file is created owner-only and not replaced without --force") {
    report_test::TempDir dir;
    auto path = dir.path() / "report.pdf";
    write_private_file(path, "first", false);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(read(path) == "first");

    try {
        write_private_file(path, "second", false);
        FAIL("expected a UserError");
    } catch (const UserError& e) {
        CHECK(e.remedy() == Remedy::replace_file);  // the face says how: --force on the command line
        CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
    }
    CHECK(read(path) == "first");

    write_private_file(path, "second", true);
    CHECK(read(path) == "second");
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("a report cannot be written into a missing folder") {
    report_test::TempDir dir;
    CHECK_THROWS_AS(write_private_file(dir.path() / "no" / "such" / "r.pdf", "x", false), UserError);
}

TEST_CASE("paper names") {
    CHECK(parse_paper("a4") == Paper::a4);
    CHECK(parse_paper("letter") == Paper::letter);
    CHECK_THROWS_AS(parse_paper("legal"), UserError);
}
