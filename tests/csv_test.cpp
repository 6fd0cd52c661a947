#include "swelltrack/csv.h"

#include <catch2/catch.hpp>

#include "swelltrack/error.h"

using namespace swelltrack;

namespace {
std::vector<std::vector<std::string>> read_all(std::string_view text) {
    csv::Reader r(text, "t.csv");
    csv::Record rec;
    std::vector<std::vector<std::string>> out;
    while (r.next(rec)) out.emplace_back(rec.fields.begin(), rec.fields.end());
    return out;
}
}  // namespace

TEST_CASE("plain fields, quoted commas, doubled quotes and newlines inside quotes") {
    auto rows = read_all("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1] == std::vector<std::string>{"1", "x, y", "say \"hi\""});
    CHECK(rows[2] == std::vector<std::string>{"2", "two\nlines", ""});
}

TEST_CASE("a BOM is skipped, CRLF and a missing final newline are fine, blank lines are skipped") {
    auto rows = read_all("\xEF\xBB\xBFname,unit\r\nAda,cm\r\n\r\nBo,in");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0][0] == "name");
    CHECK(rows[2] == std::vector<std::string>{"Bo", "in"});
}

TEST_CASE("line numbers count lines inside quoted fields") {
    csv::Reader r("h\n\"a\nb\"\nc\n", "t.csv");
    csv::Record rec;
    r.next(rec);
    r.next(rec);
    CHECK(rec.line == 2);
    r.next(rec);
    CHECK(rec.line == 4);
}

TEST_CASE("an unbalanced quote names the line and column where the field started") {
    csv::Reader r("a,b\n1,\"open\n2,3\n", "t.csv");
    csv::Record rec;
    r.next(rec);
    CHECK_THROWS_WITH(r.next(rec), Catch::Contains("t.csv line 2, column 2") && Catch::Contains("never closed"));
}

TEST_CASE("a quote inside an unquoted field and text after a closing quote are rejected") {
    csv::Reader r1("a,b\n1,ab\"c\n", "t.csv");
    csv::Record rec;
    r1.next(rec);
    CHECK_THROWS_WITH(r1.next(rec), Catch::Contains("line 2, column 2"));
    csv::Reader r2("\"a\"b,c\n", "t.csv");
    CHECK_THROWS_AS(r2.next(rec), UserError);
}

TEST_CASE("fields written by append_field read back unchanged") {
    std::vector<std::string> fields{"plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", "", "王芳"};
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) line += ',';
        csv::append_field(line, fields[i]);
    }
    auto rows = read_all(line + "\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == fields);
}

TEST_CASE("invalid UTF-8 is found at its byte offset") {
    CHECK(csv::first_invalid_utf8("plain ascii text that is long enough") == std::string_view::npos);
    CHECK(csv::first_invalid_utf8("王芳 ok") == std::string_view::npos);
    CHECK(csv::first_invalid_utf8("abcdefghij\xC3(") == 10);
    CHECK(csv::first_invalid_utf8("\xED\xA0\x80") == 0);    // a surrogate
    CHECK(csv::first_invalid_utf8("ab\xF0\x9F\x98") == 2);  // truncated
}

TEST_CASE("the separator is told by the header: semicolon and tab as spreadsheets write them, a comma otherwise") {
    CHECK(csv::detect_delimiter("client;recorded_at;protocol\n1,2;3") == ';');
    CHECK(csv::detect_delimiter("client\trecorded_at\tprotocol") == '\t');
    CHECK(csv::detect_delimiter("client,recorded_at,protocol") == ',');
    CHECK(csv::detect_delimiter("\"a;b;c\",d") == ',');  // quoted separators do not count
    CHECK(csv::detect_delimiter("name") == ',');         // one column
    CHECK(csv::detect_delimiter("a;b,c") == ',');        // a tie: the comma
    // A semicolon file keeps comma decimals whole and quotes a field holding a semicolon.
    csv::Reader r("\xEF\xBB\xBFname;value\r\nAda;16,3\r\n\"a; b\";\"x\"\"y\"\r\n", "t.csv", csv::Reader::detect);
    CHECK(r.delimiter() == ';');
    csv::Record rec;
    REQUIRE(r.next(rec));
    REQUIRE(r.next(rec));
    CHECK(std::vector<std::string>(rec.fields.begin(), rec.fields.end()) == std::vector<std::string>{"Ada", "16,3"});
    REQUIRE(r.next(rec));
    CHECK(std::vector<std::string>(rec.fields.begin(), rec.fields.end()) == std::vector<std::string>{"a; b", "x\"y"});
    // Text after a closing quote names the file's separator.
    csv::Reader bad("a;b\n\"x\"y;z\n", "t.csv", csv::Reader::detect);
    REQUIRE(bad.next(rec));
    CHECK_THROWS_WITH(bad.next(rec), Catch::Contains("must end at a semicolon or the line end"));
}
