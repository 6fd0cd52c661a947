#include <catch2/catch.hpp>
#include <sstream>

#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::TempDir;

namespace {

void check_same_session(const Session& a, const Session& b) {
    INFO(format_datetime(a.recorded_at));
    CHECK(format_datetime(a.recorded_at) == format_datetime(b.recorded_at));
    CHECK(a.protocol == b.protocol);
    CHECK(a.left_mm == b.left_mm);  // exact doubles
    CHECK(a.right_mm == b.right_mm);
    CHECK(a.recorded_by == b.recorded_by);
    CHECK(a.context == b.context);
    CHECK(a.weight_kg == b.weight_kg);
    CHECK(a.compression == b.compression);
    CHECK(a.treatment == b.treatment);
    CHECK(a.symptoms.heaviness == b.symptoms.heaviness);
    CHECK(a.symptoms.tightness == b.symptoms.tightness);
    CHECK(a.symptoms.pain == b.symptoms.pain);
    CHECK(a.symptoms.swelling == b.symptoms.swelling);
    CHECK(a.symptoms.pitting_grade == b.symptoms.pitting_grade);
    CHECK(a.symptoms.pitting_depth_mm == b.symptoms.pitting_depth_mm);
    CHECK(a.symptoms.pitting_rebound_s == b.symptoms.pitting_rebound_s);
    CHECK(a.symptoms.stemmer == b.symptoms.stemmer);
    CHECK(a.symptoms.isl_stage == b.symptoms.isl_stage);
    CHECK(a.skin == b.skin);
    CHECK(a.skin_note == b.skin_note);
    CHECK(a.notes == b.notes);
}

void check_same_database(Store& a, Store& b) {
    auto ca = a.list_clients(true), cb = b.list_clients(true);
    REQUIRE(ca.size() == cb.size());
    for (std::size_t i = 0; i < ca.size(); ++i) {
        INFO(ca[i].name);
        CHECK(ca[i].name == cb[i].name);
        CHECK(ca[i].birth_year == cb[i].birth_year);
        CHECK(ca[i].condition == cb[i].condition);
        CHECK(ca[i].limb == cb[i].limb);
        CHECK(ca[i].affected == cb[i].affected);
        CHECK(ca[i].baseline_date == cb[i].baseline_date);
        CHECK(ca[i].unit == cb[i].unit);
        CHECK(ca[i].notes == cb[i].notes);
        CHECK(ca[i].archived == cb[i].archived);
        auto ha = a.load_history(ca[i].id), hb = b.load_history(cb[i].id);
        REQUIRE(ha.size() == hb.size());
        for (std::size_t k = 0; k < ha.size(); ++k) check_same_session(ha[k], hb[k]);
    }
    auto pa = a.list_protocols(), pb = b.list_protocols();
    REQUIRE(pa.size() == pb.size());
    for (std::size_t i = 0; i < pa.size(); ++i) {
        CHECK(pa[i].name == pb[i].name);
        CHECK(pa[i].positions_cm == pb[i].positions_cm);
        CHECK(pa[i].limb == pb[i].limb);
    }
}

// A database with the awkward cases: UTF-8 names, commas, quotes and newlines in notes, missing
// points, a side not measured, inches, every optional field, a user protocol, an archived client
// and a client without sessions.
void fill(Store& store) {
    store.add_protocol({"hand-5", LimbKind::arm, {0, 2.5, 5, 7.5, 10.25}, false});
    auto maria = testing::arm_client("Maria Keller");
    maria.birth_year = 1968;
    maria.notes = "right-handed; \"prefers\" mornings,\nsecond line";
    auto maria_id = store.add_client(maria);
    auto dorothy = testing::arm_client("Dorothy Evans", Affected::right);
    dorothy.unit = LengthUnit::in;
    auto dorothy_id = store.add_client(dorothy);
    auto wang = testing::arm_client("王芳", Affected::right);
    wang.condition = "继发性淋巴水肿";
    wang.archived = true;
    auto wang_id = store.add_client(wang);
    Client jonas;
    jonas.name = "Jonas Weber";
    jonas.limb = LimbKind::leg;
    jonas.affected = Affected::both;
    store.add_client(jonas);  // no sessions

    std::mt19937 rng(42);
    std::uniform_real_distribution<double> cm(15.0, 40.0), inch(6.0, 16.0);
    for (int d = 0; d < 30; ++d) {
        auto s = testing::arm_session(maria_id, "2025-01-01T08:00+01:00");
        s.recorded_at.utc += std::chrono::hours{24 * d} + std::chrono::minutes{d};
        for (auto& v : s.left_mm) v = canonical_mm(std::round(cm(rng) * 10) / 10 * 10);  // 0.1 cm steps
        for (auto& v : s.right_mm) v = canonical_mm(cm(rng) * 10);                       // full precision
        if (d % 5 == 0) s.left_mm[d % 11].reset();
        if (d % 7 == 0) s.right_mm.clear();
        if (d % 3 == 0) {
            s.symptoms.heaviness = d % 11;
            s.symptoms.pitting_grade = d % 5;
            s.symptoms.pitting_depth_mm = 0.1 * d;
            s.symptoms.stemmer = StemmerSign::negative;
        }
        if (d == 12) {
            s.skin.set(SkinFlag::redness);
            s.skin.set(SkinFlag::warmth);
            s.skin.set(SkinFlag::fever);
            s.skin_note = "red, hot; \"angry\" looking\nsince Tuesday";
            s.compression = {CompressionKind::bandage, std::nullopt, std::nullopt, std::nullopt, true};
            s.treatment = {60, true, true};
            s.context = SessionContext::before_treatment;
            s.recorded_by = "Physio, Anna";
        }
        if (d == 13) s.compression = {CompressionKind::garment, std::nullopt, 20, 30, true};
        if (d == 14) s.compression = {CompressionKind::none, std::nullopt, std::nullopt, std::nullopt, true};
        if (d % 4 == 0) s.weight_kg = 60.0 + d * 0.37;
        s.notes = d % 2 ? "" : "note, with comma and \"quotes\" — and ünïcödé";
        store.record_session(s);
    }
    for (int d = 0; d < 10; ++d) {
        auto s = testing::arm_session(dorothy_id, "2024-06-01T19:30-04:00");
        s.recorded_at.utc += std::chrono::hours{24 * 7 * d};
        for (auto& v : s.left_mm) v = canonical_mm(std::round(inch(rng) * 100) / 100 * mm_per_inch);  // typed in inches
        for (auto& v : s.right_mm) v = canonical_mm(inch(rng) * mm_per_inch);
        store.record_session(s);
    }
    Session hand;
    hand.client_id = wang_id;
    hand.recorded_at = parse_datetime("2025-02-03T10:15+08:00");
    hand.protocol = "hand-5";
    hand.left_mm = {170.0, 181.5, std::nullopt, 201.25, 210.0};
    hand.right_mm = {168.0, 180.0, 190.0, 199.0, 209.5};
    store.record_session(hand);
}

// fill()'s circumferences are random across 15-40 cm, so most sessions are far from the one
// before: imported into an empty database they are confirmed, as a user would confirm them.
const ImportChecks confirmed = [] {
    ImportChecks c;
    c.keep_implausible = true;
    return c;
}();

}  // namespace

TEST_CASE("export to CSV then import into an empty database reproduces every value exactly") {
    TempDir dir;
    Store original(dir / "a.db");
    fill(original);
    std::ostringstream out;
    export_clients(original, original.list_clients(true), ExportFormat::csv, out);
    Store copy(dir / "b.db");
    auto s = import_text(copy, out.str(), "export.csv", confirmed);
    CHECK(s.clients_added == 4);
    CHECK(s.sessions_added == 41);
    check_same_database(original, copy);
    // And the export of the copy is the same text.
    std::ostringstream again;
    export_clients(copy, copy.list_clients(true), ExportFormat::csv, again);
    CHECK(again.str() == out.str());
    // Importing the export into the database it came from adds nothing, and asks no confirmation:
    // sessions already stored are not checked again.
    auto twice = import_text(original, out.str(), "export.csv");
    CHECK(twice.sessions_added == 0);
    CHECK(twice.sessions_already_present == 41);
}

TEST_CASE("export to JSON then import into an empty database reproduces every value exactly") {
    TempDir dir;
    Store original(dir / "a.db");
    fill(original);
    std::ostringstream out;
    export_clients(original, original.list_clients(true), ExportFormat::json, out);
    Store copy(dir / "b.db");
    auto s = import_text(copy, out.str(), "export.json", confirmed);
    CHECK(s.clients_added == 4);
    CHECK(s.sessions_added == 41);
    check_same_database(original, copy);
    std::ostringstream again;
    export_clients(copy, copy.list_clients(true), ExportFormat::json, again);
    CHECK(again.str() == out.str());
    CHECK(import_text(copy, out.str(), "export.json").sessions_already_present == 41);
}

TEST_CASE("treatment courses travel in the JSON, sessions and wide exports, once, and an overlapping one is refused") {
    struct Case {
        const char *file, *from, *where;
        ExportFormat format;
        CsvLayout layout;
    };
    // Where each file names the maintenance course's first day, and where the refusal points.
    const auto [file, from, where, format, layout] = GENERATE(
        Case{"export.json", "\"from\": \"2025-03-29\"", ".courses[1]", ExportFormat::json, CsvLayout::sessions},
        Case{"export.csv", ",2025-03-29,", "export.csv line ", ExportFormat::csv, CsvLayout::sessions},
        Case{"wide.csv", ",2025-03-29,", "wide.csv line ", ExportFormat::csv, CsvLayout::wide});
    CAPTURE(file);
    TempDir dir;
    Store original(dir / "a.db");
    fill(original);
    const auto client = original.list_clients(true).front();
    Course intensive;
    intensive.client_id = client.id;
    intensive.kind = CourseKind::cdt_intensive;
    intensive.from = parse_date("2025-03-03");
    intensive.to = parse_date("2025-03-28");
    intensive.note = "MLD daily, \"short-stretch\" bandaging";
    original.add_course(intensive);
    Course maintenance = intensive;
    maintenance.kind = CourseKind::maintenance;
    maintenance.from = parse_date("2025-03-29");
    maintenance.to.reset();
    maintenance.note.clear();
    original.add_course(maintenance);
    std::ostringstream out;
    export_clients(original, original.list_clients(true), format, out, {}, layout);
    Store copy(dir / "b.db");
    auto s = import_text(copy, out.str(), file, confirmed);
    CHECK(s.courses_added == 2);
    const auto back = copy.courses(copy.get_client(client.name).id);
    REQUIRE(back.size() == 2);
    CHECK(back[0].kind == CourseKind::cdt_intensive);
    CHECK(back[0].note == intensive.note);
    CHECK(back[1].from == parse_date("2025-03-29"));
    CHECK_FALSE(back[1].to);
    // Again: present, nothing added.
    CHECK(import_text(copy, out.str(), file).courses_added == 0);
    CHECK(copy.courses(back[0].client_id).size() == 2);
    // A file whose course shares a day with a stored one: refused, naming where.
    auto text = out.str();
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    const auto day = text.find("2025-03-29", at);
    text.replace(day, 10, "2025-03-20");
    try {
        import_text(copy, text, file);
        FAIL("accepted");
    } catch (const UserError& e) {
        CHECK_THAT(e.what(),
                   Catch::Contains(where) &&
                       Catch::Contains("shares days with the client's cdt-intensive 2025-03-03 to 2025-03-28"));
    }
    CHECK(copy.courses(back[0].client_id).size() == 2);
    if (format == ExportFormat::csv) {
        // A CSV course row of a kind not known, or without a client: refused, naming the column.
        Store empty(dir / "c.db");
        auto bad_kind = out.str();
        bad_kind.replace(bad_kind.find(",maintenance,"), 13, ",massage,");
        CHECK_THROWS_WITH(import_text(empty, bad_kind, file), Catch::Contains("(course_kind)") &&
                                                                  Catch::Contains("'massage'") &&
                                                                  Catch::Contains("cdt-intensive, maintenance, other"));
        auto no_client = out.str();
        const auto row = no_client.rfind("\n" + client.name + ",", no_client.find(",maintenance,"));
        no_client.erase(row + 1, client.name.size());
        CHECK_THROWS_WITH(import_text(empty, no_client, file),
                          Catch::Contains("(client)") && Catch::Contains("a treatment course needs a client"));
        CHECK(empty.list_clients(true).empty());
    }
    if (layout == CsvLayout::sessions && format == ExportFormat::csv) {
        // A course row is named at the column of its fault: a note over 4000 bytes, a note without a
        // kind. The sessions CSV's row: the client, 37 empty columns to every_days, then the course's 4.
        const auto row = client.name + std::string(37, ',');
        Store empty(dir / "d.db");
        CHECK_THROWS_WITH(
            import_text(empty, out.str() + row + ",other,2026-01-01,," + std::string(4001, 'x') + "\n", file),
            Catch::Contains("(course_note)") && Catch::Contains("4000"));
        CHECK_THROWS_WITH(import_text(empty, out.str() + row + ",,,,a note\n", file), Catch::Contains("(course_kind)"));
        CHECK(empty.list_clients(true).empty());
    }
}

TEST_CASE("the plain clients and measurement CSVs round-trip the values") {
    TempDir dir;
    Store original(dir / "a.db");
    fill(original);
    std::ostringstream clients, values;
    export_clients_csv(original.list_clients(true), clients);
    export_measurements_csv(original, original.list_clients(true), values);
    Store copy(dir / "b.db");
    copy.add_protocol(original.get_protocol("hand-5"));
    import_text(copy, clients.str(), "clients.csv");
    import_text(copy, values.str(), "measurements.csv", confirmed);
    for (const auto& c : original.list_clients(true)) {
        auto ha = original.load_history(c.id), hb = copy.load_history(copy.get_client(c.name).id);
        REQUIRE(ha.size() == hb.size());
        for (std::size_t k = 0; k < ha.size(); ++k) {
            CHECK(ha[k].recorded_at.utc == hb[k].recorded_at.utc);
            CHECK(ha[k].left_mm == hb[k].left_mm);
            CHECK(ha[k].right_mm == hb[k].right_mm);
        }
    }
}

TEST_CASE("export formats are named csv and json") {
    CHECK(parse_export_format("CSV") == ExportFormat::csv);
    CHECK(parse_export_format("json") == ExportFormat::json);
    CHECK_THROWS_AS(parse_export_format("xml"), UserError);
}

TEST_CASE("a database of plausible sessions round-trips without confirmation") {
    TempDir dir;
    Store original(dir / "a.db");
    auto id = original.add_client(testing::arm_client("Maria Keller"));
    for (int d = 0; d < 20; ++d) {  // the left arm 0.5% bigger each day: 10% over the 20 days
        auto s = testing::arm_session(id, "2025-01-01T08:00+01:00", 1.0 + 0.005 * d);
        s.recorded_at.utc += std::chrono::hours{24 * d};
        original.record_session(s);
    }
    for (auto format : {ExportFormat::csv, ExportFormat::json}) {
        std::ostringstream out;
        export_clients(original, original.list_clients(true), format, out);
        TempDir other;
        Store copy(other / "b.db");
        auto s = import_text(copy, out.str(), "export");
        CHECK(s.sessions_added == 20);
        CHECK(s.implausible_kept == 0);
    }
}
