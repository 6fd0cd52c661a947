// Import reads its file as a stream and writes as it reads (lib/exchange/src/batch.h): these are
// the paths that a whole-file reader did not have. Rows of one session far apart (more than the
// reader's window between them), files in any order, an error at the very end, a re-import of a
// split session, the capped plausibility report, JSON read one client at a time.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "swelltrack/csv.h"
#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::TempDir;
using swelltrack::testing::write_file;

namespace {

const std::string header = "client,recorded_at,protocol,side,point_cm,circumference,unit\n";

// One row per side and point of an arm-4cm session; `scale` makes it bigger.
std::vector<std::string> session_rows(const std::string& client, const std::string& at, double scale = 1.0) {
    std::vector<std::string> out;
    for (const char* side : {"left", "right"})
        for (int p = 0; p <= 40; p += 4)
            out.push_back(client + "," + at + ",arm-4cm," + side + "," + std::to_string(p) + "," +
                          format_exact((16.0 + p * 0.35) * scale * (side[0] == 'l' ? 1.06 : 1.0)) + ",cm\n");
    return out;
}

// `days` daily sessions of `client` from 1 January 2024, slowly rising (each plausible).
std::vector<std::string> daily_rows(const std::string& client, int days) {
    std::vector<std::string> out;
    for (int d = 0; d < days; ++d) {
        auto day = date::sys_days{date::year{2024} / 1 / 1} + date::days{d};
        auto rows = session_rows(client, date::format("%Y-%m-%dT08:00Z", day), 1.0 + d * 0.0001);
        out.insert(out.end(), rows.begin(), rows.end());
    }
    return out;
}

std::string join(const std::vector<std::string>& rows) {
    std::string out = header;
    for (const auto& r : rows) out += r;
    return out;
}

struct Fixture {
    TempDir dir;
    Store store{dir / "db"};
    Fixture() {
        import_text(store,
                    "name,limb,affected,baseline,unit\nAnna Berg,arm,left,,cm\nBea Cole,arm,right,,cm\n"
                    "Cleo Dunn,arm,both,,cm\n",
                    "clients.csv");
    }
    std::int64_t sessions() {
        std::int64_t n = 0;
        for (const auto& c : store.list_clients(true)) n += store.session_count(c.id);
        return n;
    }
    std::int64_t values() {
        std::int64_t n = 0;
        for (const auto& c : store.list_clients(true))
            for (const auto& s : store.load_history(c.id))
                for (const auto* side : {&s.left_mm, &s.right_mm})
                    for (const auto& v : *side) n += v.has_value();
        return n;
    }
    UserError refused(const std::string& text, const std::string& source = "big.csv") {
        auto before = sessions();
        try {
            import_file(store, file(text, source));
        } catch (const UserError& e) {
            CHECK(sessions() == before);  // nothing written
            return e;
        }
        FAIL("accepted");
        throw std::logic_error("unreachable");
    }
    std::filesystem::path file(const std::string& text, const std::string& name = "big.csv") {
        auto p = dir / name;
        write_file(p, text);
        return p;
    }
};

}  // namespace

TEST_CASE("the streaming CSV reader gives the records the in-memory one gives, across its read windows") {
    // Records cut at every kind of place by the 1 MiB windows: CRLF line ends, quoted fields with
    // line ends and "" escapes, blank lines, a long quoted field of 1.5 MiB.
    std::string text =
        "\xEF\xBB\xBF"
        "a,b,c\r\n";
    std::mt19937 rng(7);
    while (text.size() < (7u << 19)) {
        switch (rng() % 5) {
            case 0:
                text += "plain," + std::to_string(rng()) + ",x\r\n";
                break;
            case 1:
                text += "\"two\nlines\",\"a \"\"quote\"\"\",y\n";
                break;
            case 2:
                text += "\n\r\n";
                break;
            case 3:
                text += "é,ü,\"\r\n\"\n";
                break;
            default:
                if (text.size() > (1 << 20) && text.size() < (3 << 19))
                    text += "\"" + std::string(3 << 19, 'z') + "\",,\n";
                break;
        }
    }
    text += "last,row,without line end";
    csv::Reader whole(text, "t.csv");
    std::istringstream in(text);
    csv::Reader streamed(in, "t.csv");
    csv::Record a, b;
    std::size_t records = 0;
    for (;;) {
        bool more_a = whole.next(a), more_b = streamed.next(b);
        REQUIRE(more_a == more_b);
        if (!more_a) break;
        ++records;
        REQUIRE(a.line == b.line);
        REQUIRE(a.fields.size() == b.fields.size());
        for (std::size_t i = 0; i < a.fields.size(); ++i) REQUIRE(a.fields[i] == b.fields[i]);
    }
    CHECK(records > 10000);
    CHECK(a.line > 10000);
}

TEST_CASE("a streamed record that never ends is refused at its line, not read to the end of the file") {
    std::string text = "a,b\n1,2\n3,\"open" + std::string(csv::Reader::max_record_bytes + 100, 'x') + "\n4,5\n";
    std::istringstream in(text);
    csv::Reader r(in, "t.csv");
    csv::Record rec;
    REQUIRE(r.next(rec));
    REQUIRE(r.next(rec));
    CHECK_THROWS_WITH(r.next(rec), Catch::Contains("t.csv line 3") && Catch::Contains("never closed"));
}

TEST_CASE("measurement rows in any order, a session's rows megabytes apart, import as the sorted file does") {
    // Anna's and Cleo's daily rows shuffled together; Bea's one session with its left side first
    // in the file and its right side last, almost 2 MB of rows between them.
    auto anna = daily_rows("Anna Berg", 700);
    auto cleo = daily_rows("Cleo Dunn", 700);
    anna.insert(anna.end(), cleo.begin(), cleo.end());
    std::shuffle(anna.begin(), anna.end(), std::mt19937(42));
    auto bea = session_rows("Bea Cole", "2025-02-01T08:00Z");
    std::vector<std::string> rows(bea.begin(), bea.begin() + 11);
    rows.insert(rows.end(), anna.begin(), anna.end());
    rows.insert(rows.end(), bea.begin() + 11, bea.end());
    auto text = join(rows);
    REQUIRE(text.size() > (3u << 19));  // 1.5 MiB: more than the reader's window

    Fixture shuffled, sorted;
    auto s = import_file(shuffled.store, shuffled.file(text));
    CHECK(s.sessions_added == 1401);
    CHECK(s.values_added == 1401 * 22);
    CHECK(s.implausible_kept == 0);
    auto in_order = daily_rows("Anna Berg", 700);
    in_order.insert(in_order.end(), bea.begin(), bea.end());
    in_order.insert(in_order.end(), cleo.begin(), cleo.end());
    import_file(sorted.store, sorted.file(join(in_order)));
    for (const char* name : {"Anna Berg", "Bea Cole", "Cleo Dunn"}) {
        auto a = shuffled.store.load_history(shuffled.store.find_client(name)->id);
        auto b = sorted.store.load_history(sorted.store.find_client(name)->id);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].recorded_at.utc == b[i].recorded_at.utc);
            CHECK(a[i].left_mm == b[i].left_mm);
            CHECK(a[i].right_mm == b[i].right_mm);
        }
    }
    CHECK(shuffled.values() == 1401 * 22);

    // The same shuffled file again: every session, Bea's split one too, is already present.
    auto again = import_file(shuffled.store, shuffled.file(text));
    CHECK(again.sessions_added == 0);
    CHECK(again.sessions_already_present == 1401);
}

TEST_CASE("a split session's second value for a point, megabytes apart, is refused at its row") {
    Fixture f;
    auto bea = session_rows("Bea Cole", "2025-02-01T08:00Z");
    auto rows = bea;
    auto anna = daily_rows("Anna Berg", 300);
    rows.insert(rows.end(), anna.begin(), anna.end());
    rows.push_back("Bea Cole,2025-02-01T08:00Z,arm-4cm,right,8,18.9,cm\n");
    auto e = f.refused(join(rows));
    const auto line = 1 + rows.size();
    CHECK_THAT(e.what(), Catch::Contains("big.csv line " + std::to_string(line) + ", column 5 (point_cm)") &&
                             Catch::Contains("second value for the right side at 8 cm"));
}

TEST_CASE("an error on the last line of a large file leaves nothing written") {
    Fixture f;
    auto rows = daily_rows("Anna Berg", 500);
    rows.push_back("Cleo Dunn,2025-03-01T08:00Z,arm-4cm,left,0,151,cm\n");
    auto e = f.refused(join(rows));
    CHECK_THAT(e.what(),
               Catch::Contains("big.csv line " + std::to_string(rows.size() + 1) + ", column 6 (circumference)"));
    CHECK(f.sessions() == 0);
    // Invalid UTF-8 at the end is found before anything is read.
    rows.back() = "Cleo \xC3(Dunn,2025-03-01T08:00Z,arm-4cm,left,0,15,cm\n";
    CHECK_THAT(f.refused(join(rows)).what(),
               Catch::Contains("line " + std::to_string(rows.size() + 1) + ", byte 6") && Catch::Contains("0xC3"));
}

TEST_CASE("a re-import that gives only part of a stored session, or changes it, is refused") {
    Fixture f;
    auto bea = session_rows("Bea Cole", "2025-02-01T08:00Z");
    import_text(f.store, join(bea), "first.csv");
    auto anna = daily_rows("Anna Berg", 10);
    // Only the left side of the stored session: refused at its first row, nothing else written.
    std::vector<std::string> half(bea.begin(), bea.begin() + 11);
    half.insert(half.begin(), anna.begin(), anna.end());
    auto e = f.refused(join(half));
    CHECK_THAT(e.what(), Catch::Contains("big.csv line 222") &&
                             Catch::Contains("'Bea Cole' already has a different session at 2025-02-01"));
    // Its two halves far apart, one value changed in the second: refused.
    std::vector<std::string> split(bea.begin(), bea.begin() + 11);
    split.insert(split.end(), anna.begin(), anna.end());
    split.insert(split.end(), bea.begin() + 11, bea.end());
    split.back() = "Bea Cole,2025-02-01T08:00Z,arm-4cm,right,40,30.1,cm\n";
    CHECK_THAT(f.refused(join(split)).what(), Catch::Contains("already has a different session"));
    CHECK(f.sessions() == 1);
}

TEST_CASE("the plausibility report lists the first 500 values in file order and counts the rest") {
    Fixture f;
    // 40 sessions, each 30% bigger or smaller than the one before: 22 points + 2 volumes each, all
    // refused (the first against nothing, so 39 sessions), in reverse time order in the file.
    std::vector<std::vector<std::string>> sessions;
    for (int d = 0; d < 40; ++d) {
        auto day = date::sys_days{date::year{2024} / 1 / 1} + date::days{d};
        sessions.push_back(session_rows("Cleo Dunn", date::format("%Y-%m-%dT08:00Z", day), d % 2 ? 1.3 : 1.0));
    }
    std::vector<std::string> rows;
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) rows.insert(rows.end(), it->begin(), it->end());
    auto e = f.refused(join(rows));
    CHECK_THAT(e.what(), Catch::Contains("big.csv: 39 session(s) look like a mistake"));
    const auto& details = e.details();
    REQUIRE(details.size() == 501);
    // The file's first session is the 40th day (9 February), compared with the 39th.
    CHECK_THAT(details.front(),
               Catch::Contains("big.csv line 2: Cleo Dunn, 2024-02-09 08:00: Left arm, 0 cm from the wrist (point 1)"));
    CHECK(details.back() == "and " + std::to_string(39 * 24 - 500) +
                                " more value(s) that look like a mistake (the first 500 are listed)");
    // Confirmed, all 40 are written.
    auto kept = import_file(f.store, f.file(join(rows)), [] {
        ImportChecks c;
        c.keep_implausible = true;
        return c;
    }());
    CHECK(kept.sessions_added == 40);
    CHECK(kept.implausible_kept == 39);
}

TEST_CASE("JSON is read one client at a time, protocols listed after the clients still count") {
    Fixture f;
    std::string sessions;
    for (int d = 1; d <= 3; ++d)
        sessions += std::string(d > 1 ? "," : "") + R"({"recorded_at": "2024-05-0)" + std::to_string(d) +
                    R"(T08:00Z", "protocol": "short", "left_mm": [200, 250], "right_mm": [190, 240]})";
    auto json = R"({"format": "swelltrack", "version": 1, "clients": [
        {"name": "Dan Eck", "limb": "arm", "affected": "left", "sessions": [)" +
                sessions + R"(]},
        {"name": "Eva Fox", "limb": "arm", "affected": "right", "sessions": [)" +
                sessions + R"(]}],
        "protocols": [{"name": "short", "limb": "arm", "points_cm": [0, 10]}]})";
    auto s = import_file(f.store, f.file(json, "late.json"));
    CHECK(s.clients_added == 2);
    CHECK(s.sessions_added == 6);

    // A mistake in the second client: nothing of the first is written either.
    auto bad = R"({"format": "swelltrack", "version": 1, "clients": [
        {"name": "Finn Gray", "limb": "arm", "affected": "left", "sessions": [
          {"recorded_at": "2024-05-01T08:00Z", "protocol": "arm-4cm", "left_mm": [170]}]},
        {"name": "Gus Hale", "limb": "arm", "affected": "left", "sessions": [
          {"recorded_at": "2024-05-01T08:00Z", "protocol": "short", "left_mm": [200, 1600]}]}]})";
    auto before = f.store.list_clients(true).size();
    auto e = f.refused(bad, "bad.json");
    CHECK_THAT(e.what(), Catch::Contains("bad.json at $.clients[0].sessions[0].left_mm"));
    CHECK(f.store.list_clients(true).size() == before);
    auto bad2 = R"({"format": "swelltrack", "version": 1, "clients": [
        {"name": "Finn Gray", "limb": "arm", "affected": "left", "sessions": []},
        {"name": "Gus Hale", "limb": "arm", "affected": "left", "sessions": [
          {"recorded_at": "2024-05-01T08:00Z", "protocol": "short", "left_mm": [200, 1600]}]}]})";
    CHECK_THAT(f.refused(bad2, "bad2.json").what(),
               Catch::Contains("bad2.json at $.clients[1].sessions[0].left_mm[1]"));
    CHECK(f.store.list_clients(true).size() == before);
}
