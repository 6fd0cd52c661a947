#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::TempDir;

namespace {

constexpr const char* clients_csv =
    "name,limb,affected,baseline,unit\n"
    "Maria Keller,arm,left,2023-11-02,cm\n"
    "Dorothy Evans,arm,right,,in\n"
    "王芳,arm,right,2024-01-15,cm\n";

std::string measurement_rows(const std::string& client, const std::string& at, double scale = 1.0) {
    std::string out;
    for (const char* side : {"left", "right"})
        for (int p = 0; p <= 40; p += 4)
            out += client + "," + at + ",arm-4cm," + side + "," + std::to_string(p) + "," +
                   format_exact((16.0 + p * 0.35) * scale * (side[0] == 'l' ? 1.06 : 1.0)) + ",cm\n";
    return out;
}

const std::string header = "client,recorded_at,protocol,side,point_cm,circumference,unit\n";

struct Counts {
    std::size_t clients = 0, sessions = 0;
    friend bool operator==(const Counts&, const Counts&) = default;
};

Counts counts(Store& store) {
    Counts c;
    for (const auto& client : store.list_clients(true)) {
        ++c.clients;
        c.sessions += static_cast<std::size_t>(store.session_count(client.id));
    }
    return c;
}

// A store with the three clients and one good session, to which bad files must add nothing.
struct Fixture {
    TempDir dir;
    Store store{dir / "db"};
    Fixture() {
        import_text(store, clients_csv, "clients.csv");
        import_text(store, header + measurement_rows("Maria Keller", "2025-01-06T08:00+01:00"), "good.csv");
    }
    // Imports `text`, expects a UserError containing every `parts`, and checks nothing was written.
    void rejects(const std::string& text, std::initializer_list<std::string> parts) {
        auto before = counts(store);
        try {
            import_text(store, text, "bad.csv");
            FAIL("accepted: " << text.substr(0, 200));
        } catch (const UserError& e) {
            for (const auto& p : parts) CHECK_THAT(e.what(), Catch::Contains(p));
            CHECK(std::string(e.what()).find('\n') == std::string::npos);
        }
        CHECK(counts(store) == before);
    }
};

}  // namespace

TEST_CASE("the plain clients and measurement CSVs import, in any column order") {
    TempDir dir;
    Store store(dir / "db");
    auto s = import_text(store, clients_csv, "clients.csv");
    CHECK(s.clients_added == 3);
    CHECK(store.get_client("Dorothy Evans").unit == LengthUnit::in);
    CHECK_FALSE(store.get_client("Dorothy Evans").baseline_date);
    // Columns reordered, one point missing, inches, quoted name.
    std::string text = "unit,circumference,point_cm,side,protocol,recorded_at,client\n";
    for (const char* side : {"left", "right"})
        for (int p = 0; p <= 40; p += 4)
            if (p != 12)
                text +=
                    "in,6.5," + std::to_string(p) + "," + side + ",arm-4cm,2025-02-01T07:45-05:00,\"Dorothy Evans\"\n";
    auto m = import_text(store, text, "m.csv");
    CHECK(m.sessions_added == 1);
    CHECK(m.values_added == 20);
    auto h = store.load_history(store.get_client("Dorothy Evans").id);
    REQUIRE(h.size() == 1);
    CHECK(h[0].left_mm.size() == 11);
    CHECK_FALSE(h[0].left_mm[3]);
    CHECK(h[0].left_mm[0] == 165.1);
    CHECK(format_datetime(h[0].recorded_at) == "2025-02-01T07:45:00-05:00");
}

TEST_CASE("a BOM, CRLF line ends and comma decimals are accepted") {
    TempDir dir;
    Store store(dir / "db");
    std::string clients = "\xEF\xBB\xBFname,limb,affected,baseline,unit\r\nMaria Keller,arm,left,2023-11-02,cm\r\n";
    CHECK(import_text(store, clients, "c.csv").clients_added == 1);
    std::string rows = header;
    rows += "Maria Keller,2025-01-06T08:00+01:00,arm-4cm,left,0,\"16,5\",cm\r\n";
    rows += "Maria Keller,2025-01-06T08:00+01:00,arm-4cm,left,4,17.5,cm\r\n";
    CHECK(import_text(store, rows, "m.csv").values_added == 2);
}

TEST_CASE("re-importing the same file adds nothing and counts the sessions already present") {
    Fixture f;
    auto text = header + measurement_rows("Maria Keller", "2025-01-06T08:00+01:00") +
                measurement_rows("Maria Keller", "2025-01-13T08:00+01:00", 1.01);
    auto first = import_text(f.store, text, "m.csv");
    CHECK(first.sessions_added == 1);
    CHECK(first.sessions_already_present == 1);
    auto again = import_text(f.store, text, "m.csv");
    CHECK(again.sessions_added == 0);
    CHECK(again.sessions_already_present == 2);
    CHECK(again.values_added == 0);
    CHECK(import_text(f.store, clients_csv, "clients.csv").clients_added == 0);
}

TEST_CASE("a different session at an instant already stored is an error naming the line") {
    Fixture f;
    f.rejects(header + measurement_rows("Maria Keller", "2025-02-01T08:00Z") +
                  measurement_rows("Maria Keller", "2025-01-06T07:00Z", 1.02),
              {"bad.csv line 24", "already has a different session at 2025-01-06T07:00:00+00:00"});
}

TEST_CASE("rejected: a header swelltrack does not know, a missing column, an extra column") {
    Fixture f;
    f.rejects("colour,size\nA,3\n", {"bad.csv line 1", "not one swelltrack knows"});
    // Names a person types are read as swelltrack's (patient = client, date = recorded_at, value =
    // circumference), so what is missing is named.
    f.rejects("patient,date,value\nA,2025-01-01,3\n", {"bad.csv line 1", "needs a column 'protocol'"});
    f.rejects("client,recorded_at,protocol,side,point_cm,circumference\nMaria Keller,2025-01-01,arm-4cm,left,0,17\n",
              {"bad.csv line 1", "needs a column 'unit'"});
    f.rejects("client,recorded_at,protocol,side,point_cm,circumference,unit,mood\n",
              {"column 8", "'mood' is not a column"});
    f.rejects(header + "Maria Keller,2025-03-01,arm-4cm,left,0,17,cm,extra\n", {"bad.csv line 2", "8 field(s)"});
    f.rejects("name,limb,limb,affected\n", {"column 3", "appears twice"});
}

TEST_CASE("rejected: unbalanced quotes, invalid UTF-8, an empty file") {
    Fixture f;
    f.rejects(header + "\"Maria Keller,2025-03-01,arm-4cm,left,0,17,cm\n",
              {"bad.csv line 2, column 1", "never closed"});
    f.rejects(header +
                  "Maria Keller,2025-03-01,arm-4cm,left,0,17,cm\nMaria \xFF"
                  "Keller,2025-03-01,arm-4cm,left,4,17,cm\n",
              {"bad.csv line 3", "0xFF", "not valid UTF-8"});
    f.rejects("", {"bad.csv", "empty"});
    f.rejects("\xEF\xBB\xBF\r\n", {"bad.csv", "empty"});
}

TEST_CASE("rejected: NaN, infinity, negative, zero, out of range and non-numeric circumferences") {
    Fixture f;
    for (std::string v : {"nan", "inf", "-17", "0", "151", "abc", ""}) {
        INFO(v);
        f.rejects(header + measurement_rows("Maria Keller", "2025-03-01T08:00Z") +
                      "Maria Keller,2025-03-02T08:00Z,arm-4cm,left,0," + v + ",cm\n",
                  {"bad.csv line 24, column 6 (circumference)"});
    }
    f.rejects(header + "Maria Keller,2025-03-02T08:00Z,arm-4cm,left,0,200,cm\n", {"allowed range 5-150 cm"});
    f.rejects(header + "Maria Keller,2025-03-02T08:00Z,arm-4cm,left,0,17,furlong\n", {"column 7 (unit)", "furlong"});
}

TEST_CASE("rejected: impossible dates, unknown protocol, unknown point, unknown side, unknown client") {
    Fixture f;
    f.rejects(header + "Maria Keller,2025-02-30T08:00Z,arm-4cm,left,0,17,cm\n",
              {"line 2, column 2 (recorded_at)", "2025-02-30", "not a real calendar date"});
    f.rejects(header + "Maria Keller,2025-03-01T25:00Z,arm-4cm,left,0,17,cm\n", {"column 2 (recorded_at)"});
    f.rejects(header + "Maria Keller,2025-03-01T08:00Z,arm-3cm,left,0,17,cm\n", {"column 3 (protocol)", "arm-3cm"});
    f.rejects(header + "Maria Keller,2025-03-01T08:00Z,arm-4cm,left,42,17,cm\n",
              {"column 5 (point_cm)", "'42' is not a point of protocol 'arm-4cm'"});
    f.rejects(header + "Maria Keller,2025-03-01T08:00Z,arm-4cm,middle,0,17,cm\n", {"column 4 (side)", "middle"});
    f.rejects(header + "Mario Keller,2025-03-01T08:00Z,arm-4cm,left,0,17,cm\n",
              {"line 2, column 1 (client)", "'Mario Keller' is not in the database"});
    f.rejects(header + "Maria Keller,2025-03-01T08:00Z,leg-4cm,left,0,17,cm\n", {"bad.csv line 2", "is for a leg"});
}

TEST_CASE("rejected: a point given twice in one session, two protocols at one instant") {
    Fixture f;
    f.rejects(header +
                  "Maria Keller,2025-03-01T08:00Z,arm-4cm,left,0,17,cm\nMaria "
                  "Keller,2025-03-01T08:00Z,arm-4cm,left,0,17.1,cm\n",
              {"line 3", "second value for the left side at 0 cm"});
    f.rejects(header +
                  "Maria Keller,2025-03-01T08:00Z,arm-4cm,left,0,17,cm\n"
                  "Maria Keller,2025-03-01T09:00+01:00,leg-4cm,left,0,17,cm\n",
              {"line 3, column 3 (protocol)", "already uses protocol 'arm-4cm'"});
}

TEST_CASE("rejected in the clients CSV: an unknown limb, a bad baseline date, a clash with a stored client") {
    Fixture f;
    f.rejects("name,limb,affected,baseline,unit\nNew One,tail,left,,cm\n", {"line 2, column 2 (limb)", "tail"});
    f.rejects("name,limb,affected,baseline,unit\nNew One,arm,left,2024-13-01,cm\n", {"column 4 (baseline)"});
    f.rejects("name,limb,affected,baseline,unit\nNew One,arm,left,,cm\nMaria Keller,leg,both,,cm\n",
              {"bad.csv line 3", "'Maria Keller' is already defined"});
}

TEST_CASE("rejected in the sessions CSV: a wrong point count, a score out of range, an unknown skin flag") {
    Fixture f;
    const std::string h = "client,recorded_at,protocol,left,right,heaviness,skin\n";
    f.rejects(h + "Maria Keller,2025-03-01T08:00Z,arm-4cm,17;18;19,,,\n",
              {"line 2, column 4 (left)", "3 value(s) given", "11 points"});
    f.rejects(h + "Maria Keller,2025-03-01T08:00Z,arm-4cm,,,11,\n", {"column 6 (heaviness)", "0-10"});
    f.rejects(h + "Maria Keller,2025-03-01T08:00Z,arm-4cm,,,3,\"redness,itch\"\n", {"column 7 (skin)", "itch"});
    f.rejects(h + "Maria Keller,2025-03-01T08:00Z,arm-4cm,,,,\n", {"line 2", "nothing to record"});
}

TEST_CASE("rejected JSON names the path of the bad value, and syntax errors name line and column") {
    Fixture f;
    f.rejects(
        "{\"format\": \"swelltrack\", \"clients\": [\n {\"name\": \"X\", \"limb\": \"arm\", \"affected\": \"left\", "
        "\"sessions\": [{\"recorded_at\": \"2025-01-01T08:00Z\", \"protocol\": \"arm-4cm\", \"left_mm\": [1e999]}]}]}",
        {"bad.csv", "not valid JSON", "1e999"});
    f.rejects("{\"clients\": [\n  {\"name\": \"X\",, }]}", {"bad.csv line 2, column", "not valid JSON"});
    f.rejects(
        "{\"clients\": [{\"name\": \"X\", \"limb\": \"arm\", \"affected\": \"left\", \"sessions\": "
        "[{\"recorded_at\": \"2025-01-01T08:00Z\", \"protocol\": \"arm-4cm\", "
        "\"left_mm\": [160,170,180,190,200,210,220,230,240,250,-3]}]}]}",
        {"$.clients[0].sessions[0].left_mm[10]", "is below the allowed range 5-150 cm"});
    f.rejects("{\"clients\": [{\"name\": \"X\", \"limb\": \"arm\", \"affected\": \"left\", \"colour\": 1}]}",
              {"$.clients[0].colour", "not a field"});
}

TEST_CASE("a large generated measurement file imports in one go") {
    TempDir dir;
    Store store(dir / "db");
    std::string clients = "name,limb,affected,baseline,unit\n";
    std::string rows = header;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> noise(-0.3, 0.3);
    const int n_clients = 10, days = 910;  // 10 x 910 x 22 = 200,200 values
    for (int c = 0; c < n_clients; ++c) {
        auto name = "Client " + std::to_string(c);
        clients += name + ",arm,left,2023-01-01,cm\n";
        auto day0 = date::sys_days{date::year{2023} / 1 / 2};
        for (int d = 0; d < days; ++d) {
            auto at = format_datetime(DateTime{day0 + date::days{d} + std::chrono::hours{7}, std::chrono::minutes{60}});
            for (const char* side : {"left", "right"})
                for (int p = 0; p <= 40; p += 4) {
                    double cm = 16.0 + p * 0.35 + noise(rng);
                    rows += name + "," + at + ",arm-4cm," + side + "," + std::to_string(p) + "," +
                            format_exact(std::round(cm * 10) / 10) + ",cm\n";
                }
        }
    }
    import_text(store, clients, "clients.csv");
    auto s = import_text(store, rows, "big.csv");
    CHECK(s.sessions_added == n_clients * days);
    CHECK(s.values_added == n_clients * days * 22);
    auto h = store.load_history(store.get_client("Client 3").id);
    CHECK(h.size() == static_cast<std::size_t>(days));
    CHECK(store.check().empty());
}

TEST_CASE("import_file reads a file and names it in messages") {
    TempDir dir;
    Store store(dir / "db");
    testing::write_file(dir / "clients.csv", clients_csv);
    CHECK(import_file(store, dir / "clients.csv").clients_added == 3);
    testing::write_file(dir / "bad.csv", "nonsense\n");
    CHECK_THROWS_WITH(import_file(store, dir / "bad.csv"), Catch::Contains("bad.csv line 1"));
    CHECK_THROWS_AS(import_file(store, dir / "missing.csv"), UserError);
}

TEST_CASE("rejected: a huge field is named by line and column without echoing it") {
    TempDir dir;
    Store store(dir / "huge.db");
    store.add_client(testing::arm_client("Maria Keller"));
    std::string text = "client,recorded_at,protocol,side,point_cm,circumference,unit\n";
    text += std::string(3'000'000, 'A') + ",2025-01-01T08:00Z,arm-4cm,left,0,20,cm\n";
    try {
        import_text(store, text, "huge.csv");
        FAIL("a 3 MB field was accepted");
    } catch (const UserError& e) {
        std::string message = e.what();
        CHECK_THAT(message, Catch::Contains("huge.csv line 2, column 1 (client)"));
        CHECK_THAT(message, Catch::Contains("3000000 bytes") && Catch::Contains("65536"));
        CHECK(message.size() < 300);
    }
    CHECK(store.session_count(store.get_client("Maria Keller").id) == 0);
}

TEST_CASE("a compression class implies a garment on import, and contradicts a bandage") {
    Fixture f;
    const std::string h = "client,recorded_at,protocol,left,right,heaviness,compression,compression_class\n";
    // Class 2 with nothing said about what was worn: a garment (the one rule log applies too).
    auto s = import_text(f.store, h + "Maria Keller,2025-03-01T08:00Z,arm-4cm,,,2,,2\n", "class.csv");
    CHECK(s.sessions_added == 1);
    auto stored = f.store.load_history(f.store.get_client("Maria Keller").id);
    REQUIRE(stored.size() == 2);
    CHECK(stored[1].compression.kind == CompressionKind::garment);
    CHECK(stored[1].compression.worn_known);
    CHECK(stored[1].compression.ral_class == 2);
    f.rejects(h + "Maria Keller,2025-03-02T08:00Z,arm-4cm,,,2,bandage,2\n",
              {"bad.csv line 2", "compression class", "compression is 'bandage'"});
    // JSON without "known": a class alone is a garment too.
    auto json =
        std::string("{\"clients\": [{\"name\": \"Maria Keller\", \"limb\": \"arm\", \"affected\": \"left\", ") +
        "\"baseline\": \"2023-11-02\", \"unit\": \"cm\", \"sessions\": [{\"recorded_at\": " +
        "\"2025-03-03T08:00Z\", \"protocol\": \"arm-4cm\", \"notes\": \"x\", \"compression\": {\"class\": 3}}]}]}";
    CHECK(import_text(f.store, json, "class.json").sessions_added == 1);
    stored = f.store.load_history(f.store.get_client("Maria Keller").id);
    REQUIRE(stored.size() == 3);
    CHECK(stored[2].compression.kind == CompressionKind::garment);
}

TEST_CASE("a row stored before the garment rule is the same session as its re-import") {
    Fixture f;
    const std::string file =
        "client,recorded_at,protocol,left,right,heaviness,compression,compression_class\n"
        "Maria Keller,2025-03-01T08:00Z,arm-4cm,,,2,,2\n";
    import_text(f.store, file, "class.csv");
    {
        // As an earlier version stored it: class 2, what was worn not recorded.
        SQLite::Database raw(f.store.path(), SQLite::OPEN_READWRITE);
        CHECK(raw.exec("UPDATE sessions SET compression = 'none', compression_known = 0 "
                       "WHERE compression_class = 2") == 1);
    }
    Store reopened(f.store.path());
    auto again = import_text(reopened, file, "class.csv");
    CHECK(again.sessions_added == 0);
    CHECK(again.sessions_already_present == 1);
}

TEST_CASE("rejected: JSON nested a hundred thousand levels deep, without a crash") {
    Fixture f;
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    f.rejects(deep, {"bad.csv", "nested more than 32 levels"});
    f.rejects("{\"clients\": " + std::string(40, '[') + std::string(40, ']') + "}", {"nested more than 32 levels"});
}

TEST_CASE("rejected: a session dated 2099, as log refuses it") {
    Fixture f;
    f.rejects(header + measurement_rows("Maria Keller", "2099-01-06T08:00+01:00"),
              {"bad.csv line 2", "2099-01-06T08:00:00+01:00 is in the future"});
}

namespace {

// The import's UserError for sessions that look like a mistake, or FAIL.
UserError implausible(Store& store, const std::string& text, const std::string& source = "new.csv") {
    try {
        import_text(store, text, source);
    } catch (const UserError& e) {
        return e;
    }
    FAIL("accepted: " << text.substr(0, 200));
    throw std::logic_error("unreachable");
}

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
    return std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("import refuses sessions far from the previous one, in the database or in the file, listing every one") {
    // Stored: Maria Keller on 6 January, wrist 16 x 1.06 = 16.96 cm on the left.
    Fixture f;
    auto before = counts(f.store);
    // 13 January as before (plausible); 20 January 25% bigger everywhere (refused against the 13th);
    // 27 January back again (refused against the 20th, its previous in the file).
    auto text = header + measurement_rows("Maria Keller", "2025-01-13T08:00+01:00") +
                measurement_rows("Maria Keller", "2025-01-20T08:00+01:00", 1.25) +
                measurement_rows("Maria Keller", "2025-01-27T08:00+01:00");
    auto e = implausible(f.store, text);
    CHECK_THAT(e.what(),
               Catch::Contains("new.csv: 2 session(s) look like a mistake") && Catch::Contains("nothing was imported"));
    CHECK(e.remedy() == Remedy::confirm);  // the face says how: --confirm on the command line
    const auto& rows = e.details();
    // Each of the 22 points of each session, and each side's volume: 2 x (22 + 2) rows.
    CHECK(rows.size() == 48);
    // The 20th starts on line 24 (after the header and the 13th's 22 rows), the 27th on line 46.
    CHECK(
        rows.front() ==
        "new.csv line 24: Maria Keller, 2025-01-20 08:00: Left arm, 0 cm from the wrist (point 1): 21.2 cm, previously "
        "17.0 cm on 2025-01-13 08:00 (+4.2 cm, +25.0%): more than 3 cm and 15% from the previous session");
    CHECK(any_contains(rows,
                       "new.csv line 46: Maria Keller, 2025-01-27 08:00: Left arm, 0 cm from the wrist (point 1): "
                       "17.0 cm, previously 21.2 cm on 2025-01-20 08:00 (-4.2 cm, -20.0%)"));
    CHECK(any_contains(rows, "Left arm volume:"));
    CHECK(counts(f.store) == before);  // nothing written

    // Confirmed, all three are imported; imported again, they are already present and not checked.
    auto kept = import_text(f.store, text, "new.csv", [] {
        ImportChecks c;
        c.keep_implausible = true;
        return c;
    }());
    CHECK(kept.sessions_added == 3);
    CHECK(kept.implausible_kept == 2);
    auto again = import_text(f.store, text, "new.csv");
    CHECK(again.sessions_added == 0);
    CHECK(again.sessions_already_present == 3);
}

TEST_CASE("import compares with the stored previous session, and sessions in any order in the file") {
    Fixture f;  // Maria Keller, 6 January
    // The 13th 20% bigger than the stored 6th: refused, naming the stored session.
    auto e = implausible(f.store, header + measurement_rows("Maria Keller", "2025-01-13T08:00+01:00", 1.2));
    CHECK(any_contains(e.details(), "previously 17.0 cm on 2025-01-06 08:00"));

    // The 27th listed before the 20th: compared in time order (20th against the stored 6th, the
    // 27th against the 20th), so a slow rise is plausible.
    auto slow = header + measurement_rows("Maria Keller", "2025-01-27T08:00+01:00", 1.10) +
                measurement_rows("Maria Keller", "2025-01-20T08:00+01:00", 1.05);
    CHECK(import_text(f.store, slow, "slow.csv").sessions_added == 2);

    // A session earlier than every stored one has no previous: only later ones are compared with it.
    CHECK(import_text(f.store, header + measurement_rows("Maria Keller", "2025-01-01T08:00+01:00", 1.3), "early.csv")
              .sessions_added == 1);

    // Another client's sessions are never the previous ones.
    CHECK(import_text(f.store, header + measurement_rows("王芳", "2025-01-02T08:00+08:00", 1.3), "wang.csv")
              .sessions_added == 1);
}

TEST_CASE("an import names the complete sessions dated before a pinned baseline") {
    Fixture f;  // Maria Keller: 6 January 2025 08:00+01:00, her pinned arm-4cm baseline
    // Old paper records: a complete session on 1 January and a partial one on 2 January (not a
    // candidate: never compared anyway), and one after the baseline (13 January): only 1 January.
    auto partial = measurement_rows("Maria Keller", "2025-01-02T08:00+01:00");
    partial = partial.substr(partial.find('\n') + 1);  // the left wrist not measured
    auto s = import_text(f.store,
                         header + measurement_rows("Maria Keller", "2025-01-01T08:00+01:00") + partial +
                             measurement_rows("Maria Keller", "2025-01-13T08:00+01:00"),
                         "paper.csv");
    CHECK(s.sessions_added == 3);
    CHECK(s.earlier_than_baseline_count == 1);
    REQUIRE(s.earlier_than_baseline.size() == 1);
    CHECK(s.earlier_than_baseline[0].client == "Maria Keller");
    CHECK(s.earlier_than_baseline[0].protocol == "arm-4cm");
    CHECK(s.earlier_than_baseline[0].at == parse_datetime("2025-01-01T08:00+01:00"));
    CHECK(s.earlier_than_baseline[0].baseline == parse_datetime("2025-01-06T08:00+01:00"));
    // A new client's first complete session becomes her baseline: nothing of hers is earlier.
    auto wang = import_text(f.store, header + measurement_rows("王芳", "2025-01-02T08:00+08:00"), "wang.csv");
    CHECK(wang.earlier_than_baseline_count == 0);
}

TEST_CASE("an import compares each point with the last session in the file or stored that measured it") {
    Fixture f;  // Maria Keller, 6 January: left wrist 16.96 cm, right 16 cm
    // 13 January the whole left arm (point 5: 22.9 cm); 15 January only the left wrist; 20 January
    // 32.9 typed for 22.9 at point 5: +10.0 cm against 13 January, 10/22.9 = +43.7%.
    auto sessions_csv =
        "client,recorded_at,protocol,left,right\n"
        "Maria Keller,2025-01-13T08:00+01:00,arm-4cm,16.9;18.4;19.9;21.4;22.9;24.5;26;27.5;29;30.5;32,\n"
        "Maria Keller,2025-01-15T08:00+01:00,arm-4cm,16.9;-;-;-;-;-;-;-;-;-;-,\n"
        "Maria Keller,2025-01-20T08:00+01:00,arm-4cm,16.9;18.4;19.9;21.4;32.9;24.5;26;27.5;29;30.5;32,\n";
    auto e = implausible(f.store, sessions_csv, "sessions.csv");
    REQUIRE(e.details().size() == 1);
    CHECK(e.details()[0] ==
          "sessions.csv line 4: Maria Keller, 2025-01-20 08:00: Left arm, 16 cm from the wrist (point 5): 32.9 cm, "
          "previously 22.9 cm on 2025-01-13 08:00 (+10.0 cm, +43.7%): more than 3 cm and 15% from the previous "
          "session");
}

TEST_CASE("the sessions CSV and JSON imports name the line or JSON path of an implausible session") {
    Fixture f;  // Maria Keller, 6 January: left wrist 16.96 cm, right 16 cm
    auto sessions_csv =
        "client,recorded_at,protocol,left,right\n"
        "Maria Keller,2025-01-13T08:00+01:00,arm-4cm,16.9;18.4;19.9;21.4;22.9;24.5;26;27.5;29;30.5;32,\n"
        "Maria Keller,2025-01-20T08:00+01:00,arm-4cm,16.9;18.4;19.9;21.4;26.9;24.5;26;27.5;29;30.5;32,\n";
    auto e = implausible(f.store, sessions_csv, "sessions.csv");
    REQUIRE(e.details().size() == 1);
    CHECK(e.details()[0] ==
          "sessions.csv line 3: Maria Keller, 2025-01-20 08:00: Left arm, 16 cm from the wrist (point 5): 26.9 cm, "
          "previously 22.9 cm on 2025-01-13 08:00 (+4.0 cm, +17.5%): more than 3 cm and 15% from the previous "
          "session");

    // Inches for a client in cm, in JSON (millimetres): about 1/2.54 of the stored 6 January.
    std::string left = "[", right = "[";
    for (int p = 0; p <= 40; p += 4) {
        left += (p ? "," : "") + format_exact(std::round((16.0 + p * 0.35) * 1.06 / 2.54 * 10.0));
        right += (p ? "," : "") + format_exact(std::round((16.0 + p * 0.35) / 2.54 * 10.0));
    }
    auto json = R"({"format": "swelltrack", "version": 1, "clients": [{"name": "Maria Keller", "limb": "arm",
        "affected": "left", "baseline": "2023-11-02", "unit": "cm", "sessions": [
        {"recorded_at": "2025-01-13T08:00+01:00", "protocol": "arm-4cm", "left_mm": )" +
                left + R"(], "right_mm": )" + right + "]}]}]}";
    auto j = implausible(f.store, json, "export.json");
    REQUIRE(j.details().size() == 1);
    CHECK_THAT(j.details()[0],
               Catch::Contains("export.json at $.clients[0].sessions[0]: Maria Keller, 2025-01-13 "
                               "08:00: Left arm, 0 cm from the wrist (point 1): 6.7 cm, previously 17.0 cm") &&
                   Catch::Contains("they look like inches, but Maria Keller is measured in cm"));
}
