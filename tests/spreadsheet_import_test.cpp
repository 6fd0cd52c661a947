// Spreadsheet files: what Excel and LibreOffice write in a German or French locale (';', comma
// decimals, BOM, CRLF), the wide layout (a row per session and side, a column per point), headers
// as a person types them, --columns' map, the dry run, and the wide export read back.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "swelltrack/datetime.h"
#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::read_file;
using swelltrack::testing::TempDir;
using swelltrack::testing::write_file;

namespace {

constexpr const char* clients_csv = "name,limb,affected,baseline,unit\nAnna Berg,arm,left,2025-01-01,cm\n";
const std::string bom = "\xEF\xBB\xBF";

// The arm-4cm points: 0, 4, ..., 40 cm.
std::vector<int> points() {
    std::vector<int> p;
    for (int cm = 0; cm <= 40; cm += 4) p.push_back(cm);
    return p;
}

// Eleven cells of one value, written with `decimal` as the separator ("30,0").
std::string cells(const std::string& value, char sep) {
    std::string out;
    for (std::size_t i = 0; i < points().size(); ++i) out += sep + value;
    return out;
}

// Anna's two sessions as a German spreadsheet writes them: ';', comma decimals, BOM, CRLF, headers
// typed by a person, a note holding the separator (so quoted).
std::string german_wide() {
    std::string head = bom + "Client;Recorded At;Protocol;Side;Unit";
    for (int p : points()) head += ";" + std::to_string(p);
    head += ";Heaviness;Notes\r\n";
    return head +  //
           "Anna Berg;2025-03-01 09:00+01:00;arm-4cm;left;cm" + cells("30,0", ';') + ";3;\"after MLD; calm\"\r\n" +
           "Anna Berg;2025-03-01 09:00+01:00;arm-4cm;right;cm" + cells("28,0", ';') + ";;\r\n" +
           "Anna Berg;2025-03-08 09:00+01:00;arm-4cm;left;cm" + cells("29,5", ';') + ";;\r\n" +
           "Anna Berg;2025-03-08 09:00+01:00;arm-4cm;right;cm" + cells("28,0", ';') + ";;\r\n";
}

// The same values in the long layout (the measurement CSV: a row per value, '.' decimals).
std::string long_layout() {
    std::string out = "client,recorded_at,protocol,side,point_cm,circumference,unit\n";
    for (auto [at, left] : {std::pair{"2025-03-01T09:00+01:00", "30.0"}, std::pair{"2025-03-08T09:00+01:00", "29.5"}})
        for (auto [side, value] : {std::pair{"left", left}, std::pair{"right", "28.0"}})
            for (int p : points())
                out += std::string("Anna Berg,") + at + ",arm-4cm," + side + "," + std::to_string(p) + "," + value +
                       ",cm\n";
    return out;
}

std::string values_of(const Store& store) {
    std::ostringstream out;
    export_measurements_csv(store, store.list_clients(true), out);
    return out.str();
}

std::string everything(const Store& store) {
    std::ostringstream out;
    export_clients(store, store.list_clients(true), ExportFormat::csv, out);
    return out.str();
}

std::string wide_of(const Store& store) {
    std::ostringstream out;
    export_wide_csv(store, store.list_clients(true), out);
    return out.str();
}

// The error `text` is refused with (nothing written: checked by the caller's counts).
std::string refusal(Store& store, const std::string& text, const ImportChecks& checks = {}) {
    try {
        import_text(store, text, "sheet.csv", checks);
    } catch (const UserError& e) {
        return e.what();
    }
    FAIL("accepted: " << text.substr(0, 300));
    return {};
}

std::filesystem::path put(const TempDir& dir, const std::string& name, const std::string& text) {
    write_file(dir / name, text);
    return dir / name;
}

std::int64_t sessions(const Store& store) {
    std::int64_t n = 0;
    for (const auto& c : store.list_clients(true)) n += store.session_count(c.id);
    return n;
}

}  // namespace

TEST_CASE(
    "a semicolon file with comma decimals BOM and CRLF, a row per session and side, gives the long format's figures") {
    TempDir dir;
    Store wide(dir / "wide.db"), longer(dir / "long.db");
    for (Store* s : {&wide, &longer}) import_text(*s, clients_csv, "clients.csv");
    auto summary = import_text(wide, german_wide(), "sheet.csv");
    CHECK(summary.sessions_added == 2);
    CHECK(summary.values_added == 44);  // 2 sessions x 2 sides x 11 points
    import_text(longer, long_layout(), "long.csv");
    CHECK(values_of(wide) == values_of(longer));

    auto history = wide.load_analyzed(*wide.find_client("Anna Berg"));
    REQUIRE(history.sessions.size() == 2);
    // "30,0" is 300 mm; every point of a side alike makes each 4 cm segment a cylinder, C^2 h / (4 pi):
    // left 30^2 * 4 / (4 pi) * 10 segments = 9000/pi = 2864.79 mL; right 28^2 ... = 7840/pi = 2495.55 mL.
    CHECK(history.sessions[0].left_mm[3] == Approx(300.0));
    CHECK(*history.figures[0].left_ml == Approx(9000.0 / M_PI).epsilon(1e-9));
    CHECK(*history.figures[0].right_ml == Approx(7840.0 / M_PI).epsilon(1e-9));
    // Excess: (30^2 - 28^2) / 28^2 = 116/784 = 14.80%; a week later (29.5^2 - 28^2) / 28^2 = 86.25/784 = 11.00%.
    CHECK(*history.figures[0].excess_pct == Approx(14.7959).epsilon(1e-5));
    CHECK(*history.figures[1].excess_pct == Approx(11.0013).epsilon(1e-5));
    auto other = longer.load_analyzed(*longer.find_client("Anna Berg"));
    CHECK(*other.figures[1].excess_pct == Approx(*history.figures[1].excess_pct).epsilon(1e-12));
    // The session's details came from its left row; the note kept its ';'.
    CHECK(history.sessions[0].symptoms.heaviness == 3);
    CHECK(history.sessions[0].notes == "after MLD; calm");
    // Again: nothing added.
    CHECK(import_text(wide, german_wide(), "sheet.csv").sessions_already_present == 2);
}

TEST_CASE(
    "a tab file, and a semicolon file with a row per session and side-named point columns, read the same values") {
    TempDir dir;
    Store tabbed(dir / "tab.db"), sided(dir / "sided.db"), reference(dir / "ref.db");
    for (Store* s : {&tabbed, &sided, &reference}) import_text(*s, clients_csv, "clients.csv");
    import_text(reference, long_layout(), "long.csv");

    std::string tab = "client\trecorded_at\tprotocol\tside\tunit";
    for (int p : points()) tab += "\t" + std::to_string(p) + " cm";
    tab += "\n";
    for (auto [at, left] : {std::pair{"2025-03-01T09:00+01:00", "30,0"}, std::pair{"2025-03-08T09:00+01:00", "29,5"}})
        for (auto [side, value] : {std::pair{"right", "28,0"}, std::pair{"left", left}})
            tab += std::string("Anna Berg\t") + at + "\tarm-4cm\t" + side + "\tcm" + cells(value, '\t') + "\n";
    import_text(tabbed, tab, "sheet.tsv");
    CHECK(values_of(tabbed) == values_of(reference));

    // One row per session, as a German spreadsheet writes it: ';', comma decimals, BOM, CRLF, and
    // point columns that name their side ("Left 0" ... and "R0" ...).
    std::string row = bom + "Client;Date;Protocol";  // "Date" is recorded_at
    for (int p : points()) row += ";Left " + std::to_string(p);
    for (int p : points()) row += ";R" + std::to_string(p);
    row += "\r\n";
    for (auto [at, left] : {std::pair{"2025-03-01 09:00+01:00", "30"}, std::pair{"2025-03-08 09:00+01:00", "29,5"}})
        row += std::string("Anna Berg;") + at + ";arm-4cm" + cells(left, ';') + cells("28,0", ';') + "\r\n";
    import_text(sided, row, "sheet.csv");
    CHECK(values_of(sided) == values_of(reference));
}

TEST_CASE("the wide layout's columns must match the protocol's points, and an empty cell is a point not measured") {
    TempDir dir;
    Store store(dir / "db");
    import_text(store, clients_csv, "clients.csv");
    const std::string at = "2025-03-01T09:00+01:00";

    // No column for 40 cm: the first point of the protocol without one is named.
    std::string short_head = "client,recorded_at,protocol,side,unit,0,4,8,12,16,20,24,28,32,36\n";
    auto e = refusal(store, short_head + "Anna Berg," + at + ",arm-4cm,left,cm,16,18,20,22,23,24,25,26,27,28\n");
    CHECK_THAT(e, Catch::Contains("sheet.csv line 2") &&
                      Catch::Contains("protocol 'arm-4cm' has a point at 40 cm, but the file has no column for it"));

    // Columns up to 60 cm (a leg's), a value at 44 cm in an arm's row: named, with the arm's points.
    std::string long_head = "client,recorded_at,protocol,side,unit";
    for (int p = 0; p <= 60; p += 4) long_head += "," + std::to_string(p);
    auto arm_row = "Anna Berg," + at + ",arm-4cm,left,cm" + cells("30", ',');
    e = refusal(store, long_head + "\n" + arm_row + ",31,,,,\n");
    CHECK_THAT(e, Catch::Contains("sheet.csv line 2, column 17 (44)") &&
                      Catch::Contains("not a point of protocol 'arm-4cm' (its points: 0, 4, 8, 12, 16, 20, 24, 28, "
                                      "32, 36, 40 cm)"));
    // Empty there (and '-' for a point skipped): accepted; the point is missing, never zero.
    std::string partial = "Anna Berg," + at + ",arm-4cm,right,cm,28,28,-,28,28,28,28,28,28,28,28";
    import_text(store, long_head + "\n" + arm_row + ",,,,,\n" + partial + ",,,,,\n", "sheet.csv");
    auto s = store.load_history(store.find_client("Anna Berg")->id);
    REQUIRE(s.size() == 1);
    CHECK(s[0].left_mm.size() == 11);
    CHECK(s[0].right_mm[1] == Approx(280.0));
    CHECK_FALSE(s[0].right_mm[2].has_value());

    // A value without a side, and one side given twice.
    e = refusal(store, short_head.substr(0, short_head.size() - 1) +
                           ",40\nAnna Berg,2025-03-02T09:00+01:00,arm-4cm,,cm" + cells("30", ',') + "\n");
    CHECK_THAT(e, Catch::Contains("(side)") && Catch::Contains("give left or right"));
    auto twice = long_head + "\n" + "Anna Berg,2025-03-02T09:00+01:00,arm-4cm,left,cm" + cells("30", ',') + ",,,,,\n" +
                 "Anna Berg,2025-03-02T09:00+01:00,arm-4cm,left,cm" + cells("30", ',') + ",,,,,\n";
    e = refusal(store, twice);
    CHECK_THAT(e, Catch::Contains("sheet.csv line 3") && Catch::Contains("a second value for the left side at 0 cm"));
    CHECK(sessions(store) == 1);
}

TEST_CASE("headers are matched loosely, an unknown one is named with those expected, and a map renames a sheet's own") {
    TempDir dir;
    Store store(dir / "db");
    import_text(store, clients_csv, "clients.csv");
    std::string head = "Patient Name;DATUM;protocol;Seite;unit";
    for (int p : points()) head += ";" + std::to_string(p);
    const std::string german = head + ";Gewicht\nAnna Berg;2025-03-01 09:00+01:00;arm-4cm;left;cm" +
                               cells("30,0", ';') + ";68,5\nAnna Berg;2025-03-01 09:00+01:00;arm-4cm;right;cm" +
                               cells("28,0", ';') + ";\n";

    auto e = refusal(store, german);
    CHECK_THAT(e, Catch::Contains("sheet.csv line 1, column 2: 'DATUM' is not a column of the wide CSV") &&
                      Catch::Contains("its columns are client, recorded_at, protocol") &&
                      Catch::Contains("optional: side, unit, recorded_by") && Catch::Contains("weight_kg"));

    ImportChecks mapped;
    mapped.columns = parse_column_map("Datum=recorded_at, seite=side,Gewicht=weight_kg");
    REQUIRE(mapped.columns.size() == 3);
    import_text(store, german, "sheet.csv", mapped);
    auto s = store.load_history(store.find_client("Anna Berg")->id);
    REQUIRE(s.size() == 1);
    CHECK(*s[0].weight_kg == Approx(68.5));
    CHECK(s[0].right_mm[0] == Approx(280.0));

    // A map that names a header the file lacks, and maps that are not header=column.
    ImportChecks wrong;
    wrong.columns = parse_column_map("Datum=recorded_at,Seite=side,Date=recorded_at");
    CHECK_THAT(refusal(store, german, wrong), Catch::Contains("columns: the file has no column 'Date'"));
    CHECK_THROWS_WITH(parse_column_map("Datum"), Catch::Contains("'Datum' is not header=column"));
    CHECK_THROWS_WITH(
        parse_column_map("Datum=wann"),
        Catch::Contains("'wann' (for 'Datum') is not a column swelltrack knows") && Catch::Contains("recorded_at"));
    CHECK(parse_column_map("Links 4=left 4").front().second == "left 4");
    // A header takes the first pair naming it; the pairs do not chain ("Gewicht" -> weight_kg, never
    // on to a pair for "weight_kg"), and each pair must find its own header.
    ImportChecks chained;
    chained.columns = parse_column_map("Datum=recorded_at,Seite=side,Gewicht=weight_kg,weight_kg=notes");
    CHECK_THAT(refusal(store, german, chained), Catch::Contains("columns: the file has no column 'weight_kg'"));
    CHECK(sessions(store) == 1);
}

TEST_CASE(
    "a dry run reads and checks everything, lists what it would add and refuse, and leaves the database "
    "byte-identical") {
    TempDir dir;
    const auto db = dir / "db";
    {
        Store store(db);
        import_text(store, clients_csv, "clients.csv");
        import_text(store, long_layout(), "long.csv");
    }
    const auto before = read_file(db);
    REQUIRE(!before.empty());

    std::string head = "client,recorded_at,protocol,side,unit";
    for (int p : points()) head += "," + std::to_string(p);
    head += ",limb,affected\n";
    const std::string sheet =
        head +
        // line 2-3: a new client, defined by limb and affected, with one session
        "Jonas Weber,2025-04-01T09:00+02:00,arm-4cm,left,cm" + cells("25", ',') + ",arm,right\n" +
        "Jonas Weber,2025-04-01T09:00+02:00,arm-4cm,right,cm" + cells("26", ',') + ",arm,right\n" +
        // line 4: 300 cm is out of range: refused
        "Anna Berg,2025-03-15T09:00+01:00,arm-4cm,left,cm,300" + cells("29.5", ',').substr(5) + ",,\n" +
        // line 5: an unknown protocol: refused
        "Anna Berg,2025-03-16T09:00+01:00,arm-9,left,cm" + cells("29.5", ',') + ",,\n" +
        // lines 6-7: 35 cm after 29.5 cm a week before: looks like a mistake
        "Anna Berg,2025-03-22T09:00+01:00,arm-4cm,left,cm" + cells("35", ',') + ",,\n" +
        "Anna Berg,2025-03-22T09:00+01:00,arm-4cm,right,cm" + cells("28", ',') + ",,\n";
    ImportSummary s;
    {
        Store store(db);
        DryRun trial(&store);
        s = trial.file(put(dir, "sheet.csv", sheet), {});
    }
    CHECK(read_file(db) == before);
    CHECK(s.dry_run);
    CHECK(s.clients_added == 1);
    CHECK(s.new_clients == std::vector<std::string>{"Jonas Weber"});
    CHECK(s.sessions_added == 2);  // Jonas's and Anna's of the 22nd (the refused rows add nothing)
    CHECK(s.values_added == 44);
    for (const auto& r : s.refused) UNSCOPED_INFO(r.message);
    REQUIRE(s.refused_count == 2);
    CHECK_THAT(s.refused[0].message, Catch::Contains("sheet.csv line 4, column 6 (0)") &&
                                         Catch::Contains("above the allowed range 5-150 cm"));
    CHECK_THAT(s.refused[1].message, Catch::Contains("sheet.csv line 5") && Catch::Contains("'arm-9' is not known"));
    CHECK(s.refused[1].remedy == Remedy::add_protocol);
    CHECK(s.implausible_sessions == 1);
    REQUIRE(!s.implausible.empty());
    CHECK_THAT(s.implausible[0], Catch::Contains("sheet.csv line 6: Anna Berg, 2025-03-22 09:00"));

    // The library's dry run in the database itself: its transaction rolls back.
    {
        Store store(db);
        ImportChecks dry;
        dry.dry_run = true;
        auto direct = import_text(store, sheet, "sheet.csv", dry);
        CHECK(direct.sessions_added == 2);
        CHECK(direct.refused_count == 2);
        CHECK(sessions(store) == 2);
    }
    CHECK(read_file(db) == before);
}

TEST_CASE("a dry run of several files lets the later ones see what the earlier ones add") {
    TempDir dir;
    std::string head = "client,recorded_at,protocol,side,unit";
    for (int p : points()) head += "," + std::to_string(p);
    const auto clients = put(dir, "clients.csv", clients_csv);
    const auto sheet =
        put(dir, "sheet.csv", head + "\nAnna Berg,2025-03-01T09:00+01:00,arm-4cm,left,cm" + cells("30", ',') + "\n");
    DryRun trial(nullptr);  // no database yet
    auto first = trial.file(clients, {});
    auto second = trial.file(sheet, {});
    CHECK(first.clients_added == 1);
    CHECK(second.refused_count == 0);
    CHECK(second.sessions_added == 1);
    CHECK(second.values_added == 11);
}

TEST_CASE(
    "the wide export reads back to the same database: inches, a user protocol, notes, symptoms only, a client without "
    "sessions") {
    TempDir dir;
    Store a(dir / "a.db"), b(dir / "b.db");
    import_text(
        a,
        "client,limb,affected,unit,recorded_at,protocol,protocol_limb,protocol_points_cm,left,right,heaviness,"
        "notes,values_unit\n"
        ",,,,,hand-5,arm,0;2.5;5;7.5;10.25,,,,,\n"
        "Dorothy Evans,arm,right,in,2025-01-06T09:00-05:00,arm-4cm,,,6.1;7.2;8.3;9.3;9.5;9.4;9.7;10.3;10.8;"
        "11.3;11.7,6.3;7.3;8.7;9.5;9.8;9.8;9.9;10.5;11;11.5;12,2,\"said \"\"tight\"\", then, a new line\nhere\","
        "in\n"
        "Dorothy Evans,,,,2025-01-07T09:00-05:00,arm-4cm,,,,,4,symptoms only,\n"
        "Dorothy Evans,,,,2025-01-08T09:00-05:00,hand-5,,,15.5;16;-;17;17.25,,,,cm\n"
        "Lea Roth,leg,both,cm,,,,,,,,,\n",
        "seed.csv");
    const auto wide = wide_of(a);
    // The point columns are those of arm-4cm and hand-5 (0, 2.5, 4, 5, 7.5, 8, 10.25, 12, ...) and
    // leg-4cm's for Lea. 6.1 in is 154.94 mm, which reads back exactly from "6.1": written in her unit. 15.5 cm is
    // 6.1024 in, which does not (6.1024 x 25.4 = 155.0010 mm): that row stays in cm.
    CHECK_THAT(wide, Catch::Contains("Dorothy Evans,2025-01-06T09:00:00-05:00,arm-4cm,left,in,6.1,,7.2,,,8.3,"));
    CHECK_THAT(wide, Catch::Contains("2025-01-08T09:00:00-05:00,hand-5,left,cm,15.5,"));
    import_text(b, wide, "wide.csv");
    CHECK(everything(b) == everything(a));
    CHECK(wide_of(b) == wide);
}

TEST_CASE("a sheet LibreOffice Calc saved as CSV in a German locale imports to the sample's figures") {
    struct Berlin {  // the sheet's times are Berlin wall-clock times
        std::string old = std::getenv("TZ") ? std::getenv("TZ") : "";
        bool had = std::getenv("TZ") != nullptr;
        Berlin() { ::setenv("TZ", "Europe/Berlin", 1), ::tzset(); }
        ~Berlin() { had ? ::setenv("TZ", old.c_str(), 1) : ::unsetenv("TZ"), ::tzset(); }
    } berlin;
    const std::filesystem::path samples = SWELLTRACK_SAMPLE_DIR;
    const std::filesystem::path sheet = SWELLTRACK_SPREADSHEETS "/libreoffice-de.csv";
    TempDir dir;
    Store calc(dir / "calc.db"), sample(dir / "sample.db");
    for (Store* s : {&calc, &sample}) import_file(*s, samples / "clients.csv");
    import_file(sample, samples / "measurements.csv");
    ImportChecks checks;
    checks.columns = parse_column_map("Datum=recorded_at,Protokoll=protocol,Seite=side,Einheit=unit");
    auto summary = import_file(calc, sheet, checks);
    const auto maria = *sample.find_client("Maria Keller");
    CHECK(summary.sessions_added == sample.session_count(maria.id));

    auto a = sample.load_analyzed(maria), b = calc.load_analyzed(*calc.find_client("Maria Keller"));
    REQUIRE(a.sessions.size() == b.sessions.size());
    for (std::size_t i = 0; i < a.sessions.size(); ++i) {
        INFO("session " << format_datetime(a.sessions[i].recorded_at));
        CHECK(b.sessions[i].recorded_at.utc == a.sessions[i].recorded_at.utc);
        CHECK(b.sessions[i].left_mm == a.sessions[i].left_mm);
        CHECK(b.sessions[i].right_mm == a.sessions[i].right_mm);
        CHECK(b.figures[i].left_ml == a.figures[i].left_ml);
        CHECK(b.figures[i].excess_pct == a.figures[i].excess_pct);
        CHECK(b.figures[i].rvc_pct == a.figures[i].rvc_pct);
    }
}

TEST_CASE("a wide row in mm that creates a client gives her cm, the values read as mm") {
    TempDir dir;
    Store store(dir / "db");
    std::string head = "client,recorded_at,protocol,side,unit";
    for (int p : points()) head += "," + std::to_string(p);
    const auto row = [](const char* side, const char* mm) {
        return std::string("Lea Roth,2025-03-01T09:00+01:00,arm-4cm,") + side + ",mm" + cells(mm, ',') + ",arm,left\n";
    };
    import_text(store, head + ",limb,affected\n" + row("left", "300") + row("right", "280"), "sheet.csv");
    const auto lea = store.get_client("Lea Roth");
    CHECK(lea.unit == LengthUnit::cm);
    CHECK(store.load_history(lea.id)[0].left_mm[0] == Approx(300.0));
}
