// A catalogue of bad input, through the real binary: every case must fail with the right exit
// code (1 a mistake in what was given, 2 a usage error), one line on stderr that starts with
// "swelltrack: " and names the field (flag, column or JSON path) and the offending value (and the
// allowed range or choices where there are any), and must leave the database exactly as it was.
//
// The database is built once (sample-data clients.csv + sessions.csv: Maria Keller, left arm, cm;
// Jonas Weber, both legs; Dorothy Evans, right arm, inches; 王芳) and copied for every case.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "run_binary.h"
#include "temp_dir.h"

namespace fs = std::filesystem;

namespace {

using swelltrack::testing::quote;
using swelltrack::testing::Run;
using swelltrack::testing::slurp;

/// One bad input: what to run, and how it must fail.
struct Case {
    std::string name;
    std::vector<std::string> args;                             // after --db DB
    std::optional<std::string> input = std::nullopt;           // standard input (else empty)
    std::vector<std::pair<std::string, std::string>> files{};  // written into the case's folder first
    int code = 1;                                              // 1 bad value, 2 usage error
    std::vector<std::string> expect{};                         // substrings of the error line
};

/// Runs swelltrack in `dir` (so files are named relative to it) on the database `db`.
Run run_in(const fs::path& dir, const fs::path& db, const std::vector<std::string>& args,
           const std::optional<std::string>& input = std::nullopt) {
    return swelltrack::testing::run_swelltrack(dir, db.string(), args, input);
}

/// Everything in a database that a command could change: the full export and the settings
/// (which the export leaves out). Byte-equal before and after = nothing changed.
std::string snapshot(const fs::path& dir, const fs::path& db) {
    auto exported = run_in(dir, db, {"export", "--all", "--format", "json"});
    auto settings = run_in(dir, db, {"settings", "show"});
    auto trail = run_in(dir, db, {"audit", "--format", "json"});  // a refused change leaves no entry either
    REQUIRE(exported.code == 0);
    REQUIRE(settings.code == 0);
    REQUIRE(trail.code == 0);
    return exported.out + "\n--- settings ---\n" + settings.out + "\n--- audit ---\n" + trail.out;
}

/// The sample database, built once per test run; each case works on a copy.
class Sample {
   public:
    static const Sample& get() {
        static const Sample sample;
        return sample;
    }
    const fs::path& db() const { return db_; }
    const std::string& before() const { return before_; }

   private:
    Sample() : db_(tmp_ / "sample.db") {
        auto r = run_in(tmp_.path(), db_,
                        {"import", SWELLTRACK_SOURCE_DIR "/sample-data/clients.csv",
                         SWELLTRACK_SOURCE_DIR "/sample-data/sessions.csv"});
        if (r.code != 0) throw std::runtime_error("cannot build the sample database: " + r.err);
        before_ = snapshot(tmp_.path(), db_);
    }
    swelltrack::testing::TempDir tmp_{"bad-input-sample"};
    fs::path db_;
    std::string before_;
};

/// Runs one case on a fresh copy of the sample database and checks everything the catalogue
/// promises about it.
void check_case(const Case& c) {
    INFO("case: " << c.name);
    const auto& sample = Sample::get();
    swelltrack::testing::TempDir tmp{"bad-input"};
    auto db = tmp / "clinic.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::path from = sample.db().string() + suffix;
        if (fs::exists(from)) fs::copy_file(from, db.string() + suffix);
    }
    for (const auto& [name, content] : c.files) std::ofstream(tmp / name, std::ios::binary) << content;

    auto r = run_in(tmp.path(), db, c.args, c.input);
    INFO("stderr: " << r.err);
    CHECK(r.code == c.code);
    CHECK(r.err.rfind("swelltrack: ", 0) == 0);  // starts with the program's name
    CHECK(!r.err.empty());
    CHECK(r.err.find('\n') == r.err.size() - 1);  // exactly one line
    for (const auto& s : c.expect) CHECK_THAT(r.err, Catch::Matchers::Contains(s));
    CHECK(snapshot(tmp.path(), db) == sample.before());  // nothing was written
}

void check_all(const std::vector<Case>& cases) {
    for (const auto& c : cases) check_case(c);
}

// Values that are right, so that a case fails only for the one wrong thing it names.
const std::string maria = "Maria Keller";                      // left arm, cm, arm-4cm (11 points)
const std::string arm11 = "16,17,18,19,20,21,22,23,24,25,26";  // cm
const std::string dorothy = "Dorothy Evans";                   // right arm, inches
const std::string in11 = "6,7,8,9,9.5,9.5,9.7,10,11,11.5,12";  // inches
const std::string past = "2025-03-02T08:05:00+01:00";          // no session of anyone at this instant
const std::string existing = "2023-11-05T08:00:00+01:00";      // Maria Keller's first session

/// arm11 with point `index` (1-based) replaced.
std::string arm_with(std::size_t index, const std::string& value) {
    std::string out;
    std::istringstream in(arm11);
    std::string item;
    for (std::size_t i = 1; std::getline(in, item, ','); ++i) out += (i > 1 ? "," : "") + (i == index ? value : item);
    return out;
}
std::string in_with(std::size_t index, const std::string& value) {
    std::string out;
    std::istringstream in(in11);
    std::string item;
    for (std::size_t i = 1; std::getline(in, item, ','); ++i) out += (i > 1 ? "," : "") + (i == index ? value : item);
    return out;
}

/// `log` for Maria Keller with a note (so there is something to record) and `extra` flags.
std::vector<std::string> log_maria(std::vector<std::string> extra) {
    std::vector<std::string> args{"log", maria, "--at", past, "--note", "checked"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

const std::string clients_header = "name,limb,affected,baseline,unit\n";
const std::string measurements_header = "client,recorded_at,protocol,side,point_cm,circumference,unit\n";
const std::string sessions_header = "client,recorded_at,protocol,left,right";
const std::string semi11 = "16;17;18;19;20;21;22;23;24;25;26";

/// A measurement CSV row for Maria Keller at `past`.
std::string measurement(const std::string& side, const std::string& point, const std::string& value,
                        const std::string& unit = "cm") {
    return maria + "," + past + ",arm-4cm," + side + "," + point + "," + value + "," + unit + "\n";
}

/// A sessions CSV with one extra column `column` = `value` on a valid session of Maria Keller.
std::string session_with(const std::string& column, const std::string& value) {
    return sessions_header + "," + column + "\n" + maria + "," + past + ",arm-4cm," + semi11 + "," + semi11 + "," +
           value + "\n";
}

/// A JSON export with one new client "New" holding the session fields `session` (or no session).
std::string json_session(const std::string& session) {
    return R"({"format":"swelltrack","version":1,"protocols":[],"clients":[{"name":"New","limb":"arm","affected":"left","sessions":[{)" +
           session + "}]}]}\n";
}
const std::string json_values =
    R"("recorded_at":"2025-03-02T08:05:00+01:00","protocol":"arm-4cm","left_mm":[160,170,180,190,200,210,220,230,240,250,260],"right_mm":[160,170,180,190,200,210,220,230,240,250,260])";

}  // namespace

TEST_CASE("log refuses symptom, weight and treatment numbers that are out of range, not numbers or not whole") {
    check_all({
        {"pain above 10", log_maria({"--pain", "11"}), {}, {}, 1, {"pain", "11", "0-10"}},
        {"pain not a number", log_maria({"--pain", "abc"}), {}, {}, 1, {"pain", "'abc'", "0-10"}},
        {"pain not whole", log_maria({"--pain", "2.5"}), {}, {}, 1, {"pain", "'2.5'", "whole", "0-10"}},
        {"pain huge", log_maria({"--pain", "1e300"}), {}, {}, 1, {"pain", "1e+300", "0-10"}},
        {"pain NaN", log_maria({"--pain", "nan"}), {}, {}, 1, {"pain", "'nan'", "0-10"}},
        {"heaviness negative", log_maria({"--heaviness", "-1"}), {}, {}, 1, {"heaviness", "-1", "0-10"}},
        {"heaviness above 10", log_maria({"--heaviness", "11"}), {}, {}, 1, {"heaviness", "11", "0-10"}},
        {"tightness not whole", log_maria({"--tightness", "10.5"}), {}, {}, 1, {"tightness", "'10.5'", "0-10"}},
        {"tightness letters", log_maria({"--tightness", "x"}), {}, {}, 1, {"tightness", "'x'", "0-10"}},
        {"swelling above 10", log_maria({"--swelling", "99"}), {}, {}, 1, {"swelling", "99", "0-10"}},
        {"swelling infinite", log_maria({"--swelling", "inf"}), {}, {}, 1, {"swelling", "'inf'", "0-10"}},
        {"pitting above 4", log_maria({"--pitting", "5"}), {}, {}, 1, {"pitting", "5", "0-4"}},
        {"pitting as 2+", log_maria({"--pitting", "2+"}), {}, {}, 1, {"pitting", "'2+'", "0-4"}},
        {"isl stage above 3", log_maria({"--isl-stage", "4"}), {}, {}, 1, {"isl stage", "4", "0-3"}},
        {"isl stage roman", log_maria({"--isl-stage", "IIb"}), {}, {}, 1, {"isl stage", "'IIb'", "0-3"}},
        {"weight below 2 kg", log_maria({"--weight", "1"}), {}, {}, 1, {"weight", "1 kg", "2-400 kg"}},
        {"weight above 400 kg", log_maria({"--weight", "401"}), {}, {}, 1, {"weight", "401 kg", "2-400 kg"}},
        {"weight huge", log_maria({"--weight", "1e300"}), {}, {}, 1, {"weight", "1e+300 kg", "2-400 kg"}},
        {"weight infinite", log_maria({"--weight", "inf"}), {}, {}, 1, {"weight", "'inf'", "2-400 kg"}},
        {"weight NaN", log_maria({"--weight", "-nan"}), {}, {}, 1, {"weight", "'-nan'", "2-400 kg"}},
        {"weight with a unit", log_maria({"--weight", "70kg"}), {}, {}, 1, {"weight", "'70kg'", "2-400 kg"}},
        {"garment class 0", log_maria({"--garment-class", "0"}), {}, {}, 1, {"compression class", "0", "1-4"}},
        {"garment class 5", log_maria({"--garment-class", "5"}), {}, {}, 1, {"compression class", "5", "1-4"}},
        {"garment class roman", log_maria({"--garment-class", "II"}), {}, {}, 1, {"compression class", "'II'", "1-4"}},
        {"mld minutes above 600", log_maria({"--mld-minutes", "601"}), {}, {}, 1, {"mld minutes", "601", "0-600"}},
        {"mld minutes negative", log_maria({"--mld-minutes", "-5"}), {}, {}, 1, {"mld minutes", "-5", "0-600"}},
        {"mld minutes not whole", log_maria({"--mld-minutes", "30.5"}), {}, {}, 1, {"mld minutes", "'30.5'", "0-600"}},
    });
}

TEST_CASE("log refuses circumferences of the wrong count, out of range in cm or inches, or not lengths") {
    check_all({
        {"too few values",
         {"log", maria, "--at", past, "--left", "16,17,18", "--right", arm11},
         {},
         {},
         1,
         {"left", "3 value(s)", "'arm-4cm'", "11 points"}},
        {"too many values",
         {"log", maria, "--at", past, "--left", arm11 + ",27", "--right", arm11},
         {},
         {},
         1,
         {"left", "12 value(s)", "11 points"}},
        {"negative",
         {"log", maria, "--at", past, "--left", arm_with(2, "-17")},
         {},
         {},
         1,
         {"--left point 2", "'-17'", "5-150 cm"}},
        {"zero",
         {"log", maria, "--at", past, "--left", arm_with(2, "0")},
         {},
         {},
         1,
         {"--left point 2", "'0'", "5-150 cm"}},
        {"above 150 cm",
         {"log", maria, "--at", past, "--right", arm_with(3, "180")},
         {},
         {},
         1,
         {"--right point 3", "'180'", "5-150 cm"}},
        {"below 5 cm",
         {"log", maria, "--at", past, "--left", arm_with(3, "4")},
         {},
         {},
         1,
         {"--left point 3", "'4'", "5-150 cm"}},
        {"huge",
         {"log", maria, "--at", past, "--left", arm_with(3, "1e300")},
         {},
         {},
         1,
         {"--left point 3", "'1e300'", "5-150 cm"}},
        {"letters",
         {"log", maria, "--at", past, "--left", arm_with(3, "abc")},
         {},
         {},
         1,
         {"--left point 3", "'abc'", "not a length", "38.5"}},
        {"NaN",
         {"log", maria, "--at", past, "--left", arm_with(3, "nan")},
         {},
         {},
         1,
         {"--left point 3", "'nan'", "not a length"}},
        {"a unit that is not one",
         {"log", maria, "--at", past, "--left", arm_with(3, "38furlongs")},
         {},
         {},
         1,
         {"--left point 3", "'38furlongs'", "furlongs", "cm or in"}},
        {"above 59.06 in",
         {"log", dorothy, "--at", past, "--right", in_with(3, "60")},
         {},
         {},
         1,
         {"--right point 3", "'60'", "1.97-59.06 in"}},
        {"below 1.97 in",
         {"log", dorothy, "--at", past, "--right", in_with(3, "1.5")},
         {},
         {},
         1,
         {"--right point 3", "'1.5'", "1.97-59.06 in"}},
        {"inches: feet",
         {"log", dorothy, "--at", past, "--right", in_with(5, "9ft")},
         {},
         {},
         1,
         {"--right point 5", "'9ft'", "cm or in"}},
    });
}

TEST_CASE("log refuses impossible, malformed and future --at times") {
    auto at = [](const std::string& when) {
        return std::vector<std::string>{"log", maria, "--note", "x", "--at", when};
    };
    check_all({
        {"February 30", at("2025-02-30T09:00"), {}, {}, 1, {"--at", "'2025-02-30T09:00'", "not a real calendar date"}},
        {"February 29 of a common year", at("2023-02-29T09:00"), {}, {}, 1, {"--at", "'2023-02-29T09:00'", "calendar"}},
        {"month 13", at("2025-13-01T09:00"), {}, {}, 1, {"--at", "'2025-13-01T09:00'", "calendar"}},
        {"hour 24", at("2025-01-01T24:00"), {}, {}, 1, {"--at", "'2025-01-01T24:00'", "00:00-23:59"}},
        {"minute 60", at("2025-01-01T09:60"), {}, {}, 1, {"--at", "'2025-01-01T09:60'", "00:00-23:59"}},
        {"offset beyond +14:00", at("2025-01-01T09:00+14:30"), {}, {}, 1, {"--at", "+14:30", "-14:00..+14:00"}},
        {"offset beyond -14:00", at("2025-01-01T09:00-15:00"), {}, {}, 1, {"--at", "-15:00", "-14:00..+14:00"}},
        {"text after the offset",
         at("2025-01-01T09:00+01:00junk"),
         {},
         {},
         1,
         {"--at", "'2025-01-01T09:00+01:00junk'"}},
        {"text after the time",
         at("2025-01-01T09:00 tomorrow"),
         {},
         {},
         1,
         {"--at", "'2025-01-01T09:00 tomorrow'", "unexpected text", "YYYY-MM-DDTHH:MM"}},
        {"in the future", at("2099-01-01T09:00"), {}, {}, 1, {"recorded_at", "2099-01-01T09:00", "future"}},
        {"in the future, UTC", at("2099-06-01T09:00Z"), {}, {}, 1, {"recorded_at", "2099-06-01T09:00", "future"}},
        {"a word", at("tomorrow"), {}, {}, 1, {"--at", "'tomorrow'", "YYYY-MM-DD"}},
        {"slashes", at("2025/01/01T09:00"), {}, {}, 1, {"--at", "'2025/01/01T09:00'", "YYYY-MM-DD"}},
        {"before 1900", at("1850-01-01T09:00"), {}, {}, 1, {"--at", "'1850-01-01T09:00'", "1900-2200"}},
    });
}

TEST_CASE("log refuses unknown clients and protocols, wrong choices, over-long text and repeated instants") {
    check_all({
        {"unknown client", {"log", "Nobody", "--note", "x"}, {}, {}, 1, {"client", "'Nobody'"}},
        {"unknown protocol", log_maria({"--protocol", "nope"}), {}, {}, 1, {"protocol", "'nope'", "arm-4cm, leg-4cm"}},
        {"leg protocol for an arm client",
         log_maria({"--protocol", "leg-4cm"}),
         {},
         {},
         1,
         {"protocol", "'leg-4cm'", "leg", "Maria Keller", "arm"}},
        {"arm protocol for a leg client",
         {"log", "Jonas Weber", "--at", past, "--note", "x", "--protocol", "arm-4cm"},
         {},
         {},
         1,
         {"protocol", "'arm-4cm'", "Jonas Weber", "leg"}},
        {"context", log_maria({"--context", "during"}), {}, {}, 1, {"--context", "'during'", "before, after, routine"}},
        {"stemmer",
         log_maria({"--stemmer", "maybe"}),
         {},
         {},
         1,
         {"--stemmer", "'maybe'", "negative, positive, not-checked"}},
        {"skin flag", log_maria({"--skin", "redness,itchy"}), {}, {}, 1, {"--skin", "'itchy'", "redness, warmth"}},
        {"compression",
         log_maria({"--compression", "sleeve"}),
         {},
         {},
         1,
         {"--compression", "'sleeve'", "none, bandage, garment"}},
        {"garment class with a bandage",
         log_maria({"--compression", "bandage", "--garment-class", "2"}),
         {},
         {},
         1,
         {"compression class", "'bandage'", "garment"}},
        {"garment class with no compression",
         log_maria({"--compression", "none", "--garment-class", "2"}),
         {},
         {},
         1,
         {"compression class", "'none'", "garment"}},
        {"note over 4000 bytes",
         {"log", maria, "--at", past, "--note", std::string(4001, 'n')},
         {},
         {},
         1,
         {"note", "4001 bytes", "0-4000 bytes"}},
        {"skin note over 1000 bytes",
         log_maria({"--skin-note", std::string(1001, 's')}),
         {},
         {},
         1,
         {"skin note", "1001 bytes", "0-1000 bytes"}},
        {"--by with a newline", log_maria({"--by", "Ann\nBob"}), {}, {}, 1, {"recorded by", "0x0A"}},
        {"--by over 100 bytes",
         log_maria({"--by", std::string(101, 'b')}),
         {},
         {},
         1,
         {"recorded by", "101 bytes", "0-100 bytes"}},
        {"note with a control character",
         {"log", maria, "--at", past, "--note", "a\x01z"},
         {},
         {},
         1,
         {"note", "0x01"}},
        {"note not UTF-8",
         {"log", maria, "--at", past, "--note",
          "a\xff"
          "z"},
         {},
         {},
         1,
         {"note", "UTF-8"}},
        {"nothing to record", {"log", maria, "--at", past}, {}, {}, 1, {"nothing to record"}},
        {"an instant that already has a session",
         {"log", maria, "--at", existing, "--note", "x"},
         {},
         {},
         1,
         {"recorded_at", "Maria Keller", "2023-11-05T08:00:00+01:00", "already has a session"}},
        {"the same instant written in UTC",
         {"log", maria, "--at", "2023-11-05T07:00Z", "--note", "x"},
         {},
         {},
         1,
         {"recorded_at", "2023-11-05T07:00", "already has a session"}},
    });
}

TEST_CASE("client add and edit refuse bad names, duplicates and bad details") {
    auto add = [](const std::string& name, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"client", "add", name, "--limb", "arm", "--affected", "left"};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    auto edit = [](std::vector<std::string> extra) {
        std::vector<std::string> args{"client", "edit", maria};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    check_all({
        {"add: empty name", add(""), {}, {}, 1, {"name", "1-200 bytes"}},
        {"add: blank name", add("   "), {}, {}, 1, {"name", "1-200 bytes"}},
        {"add: name over 200 bytes", add(std::string(201, 'n')), {}, {}, 1, {"name", "201 bytes", "1-200 bytes"}},
        {"add: name with a tab", add("Ann\tLee"), {}, {}, 1, {"name", "Ann", "control character"}},
        {"add: name with an escape", add("Ann\x1b[31m"), {}, {}, 1, {"name", "Ann", "control character"}},
        {"add: name not UTF-8", add("Ann\xff"), {}, {}, 1, {"name", "UTF-8"}},
        {"add: duplicate name", add(maria), {}, {}, 1, {"name", "'Maria Keller'", "already exists"}},
        {"add: limb",
         {"client", "add", "New", "--limb", "hand", "--affected", "left"},
         {},
         {},
         1,
         {"--limb", "'hand'", "arm, leg"}},
        {"add: affected",
         {"client", "add", "New", "--limb", "arm", "--affected", "middle"},
         {},
         {},
         1,
         {"--affected", "'middle'", "left, right, both"}},
        {"add: unit", add("New", {"--unit", "mm"}), {}, {}, 1, {"--unit", "'mm'", "cm, in"}},
        {"add: impossible baseline",
         add("New", {"--baseline", "2025-02-30"}),
         {},
         {},
         1,
         {"--baseline", "'2025-02-30'", "calendar"}},
        {"add: baseline not ISO",
         add("New", {"--baseline", "12/03/2024"}),
         {},
         {},
         1,
         {"--baseline", "'12/03/2024'", "YYYY-MM-DD"}},
        {"add: birth year before 1900",
         add("New", {"--birth-year", "1850"}),
         {},
         {},
         1,
         {"birth year", "1850", "1900-"}},
        {"add: birth year in the future",
         add("New", {"--birth-year", "2090"}),
         {},
         {},
         1,
         {"birth year", "2090", "1900-"}},
        {"add: birth year negative",
         add("New", {"--birth-year", "-1970"}),
         {},
         {},
         1,
         {"birth year", "-1970", "1900-"}},
        {"add: condition over 500 bytes",
         add("New", {"--condition", std::string(501, 'c')}),
         {},
         {},
         1,
         {"condition", "501 bytes", "0-500 bytes"}},
        {"edit: unknown client", {"client", "edit", "Nobody", "--limb", "arm"}, {}, {}, 1, {"client", "'Nobody'"}},
        {"edit: rename to an existing name",
         edit({"--rename", "Jonas Weber"}),
         {},
         {},
         1,
         {"name", "'Jonas Weber'", "already exists"}},
        {"edit: rename with a newline", edit({"--rename", "a\nb"}), {}, {}, 1, {"name", "control character"}},
        {"edit: limb", edit({"--limb", "foot"}), {}, {}, 1, {"--limb", "'foot'", "arm, leg"}},
        {"edit: affected", edit({"--affected", "none"}), {}, {}, 1, {"--affected", "'none'", "left, right, both"}},
        {"edit: impossible baseline", edit({"--baseline", "2024-02-31"}), {}, {}, 1, {"--baseline", "'2024-02-31'"}},
        {"edit: birth year", edit({"--birth-year", "1899"}), {}, {}, 1, {"birth year", "1899", "1900-"}},
        {"edit: notes over 4000 bytes",
         edit({"--notes", std::string(4001, 'c')}),
         {},
         {},
         1,
         {"notes", "4001 bytes", "0-4000 bytes"}},
    });
}

TEST_CASE("protocol add refuses bad names and bad point lists") {
    auto add = [](const std::string& name, const std::string& points, const std::string& limb = "arm") {
        return std::vector<std::string>{"protocol", "add", name, "--limb", limb, "--points", points};
    };
    check_all({
        {"name with a space", add("Hand 5", "0,5,10"), {}, {}, 1, {"protocol name", "'Hand 5'", "a-z, 0-9"}},
        {"empty name", add("", "0,5,10"), {}, {}, 1, {"protocol name", "''", "1-40 characters"}},
        {"name over 40 characters",
         add(std::string(41, 'p'), "0,5,10"),
         {},
         {},
         1,
         {"protocol name", "1-40 characters"}},
        {"upper case name", add("ARM-4CM", "0,5,10"), {}, {}, 1, {"protocol name", "'ARM-4CM'", "a-z"}},
        {"name with a slash", add("hand/5", "0,5,10"), {}, {}, 1, {"protocol name", "'hand/5'"}},
        {"name of a built-in", add("arm-4cm", "0,5,10"), {}, {}, 1, {"protocol name", "'arm-4cm'", "already in use"}},
        {"limb", add("hand-5", "0,5,10", "wing"), {}, {}, 1, {"--limb", "'wing'", "arm, leg"}},
        {"one point", add("hand-5", "5"), {}, {}, 1, {"points", "1 point", "at least 2"}},
        {"no points", add("hand-5", ""), {}, {}, 1, {"points", "''"}},
        {"a repeated point",
         add("hand-5", "0,5,5,10"),
         {},
         {},
         1,
         {"points", "position 3 = 5 cm", "strictly increase"}},
        {"decreasing", add("hand-5", "0,10,5"), {}, {}, 1, {"points", "position 3 = 5 cm", "strictly increase"}},
        {"above 200 cm", add("hand-5", "0,5,201"), {}, {}, 1, {"points", "position 3 = 201 cm", "0-200 cm"}},
        {"negative", add("hand-5", "-1,5,10"), {}, {}, 1, {"points", "position 1 = -1 cm", "0-200 cm"}},
        {"letters", add("hand-5", "0,five,10"), {}, {}, 1, {"points", "'five'", "not a number"}},
        {"NaN", add("hand-5", "0,5,nan"), {}, {}, 1, {"points", "'nan'", "not a number"}},
        {"an empty item", add("hand-5", "0,,10"), {}, {}, 1, {"points", "''", "not a number"}},
        {"101 points",
         add("hand-5",
             [] {
                 std::string s;
                 for (int i = 0; i <= 100; ++i) s += (i ? "," : "") + std::to_string(i);
                 return s;
             }()),
         {},
         {},
         1,
         {"points", "101 points", "2-100 points"}},
    });
}

TEST_CASE("import of a clients CSV with one bad row imports nothing and names line, column and value") {
    auto file = [](const std::string& content) {
        return std::vector<std::pair<std::string, std::string>>{{"clients.csv", content}};
    };
    const std::vector<std::string> import{"import", "clients.csv"};
    check_all({
        {"unknown column",
         import,
         {},
         file("name,limb,affected,colour\nNew,arm,left,red\n"),
         1,
         {"clients.csv line 1, column 4", "'colour'", "not a column"}},
        {"missing column", import, {}, file("name,limb\nNew,arm\n"), 1, {"clients.csv line 1", "'affected'"}},
        {"unbalanced quote",
         import,
         {},
         file("name,limb,affected\n\"New,arm,left\n"),
         1,
         {"clients.csv line 2, column 1", "never closed", "'\"'"}},
        {"invalid UTF-8",
         import,
         {},
         file("name,limb,affected\nNe\xff"
              "w,arm,left\n"),
         1,
         {"clients.csv line 2", "0xFF", "UTF-8"}},
        {"empty file", import, {}, file(""), 1, {"clients.csv", "empty"}},
        {"only a BOM and blank lines", import, {}, file("\xef\xbb\xbf\n\n"), 1, {"clients.csv", "empty"}},
        {"birth year before 1900",
         import,
         {},
         file("name,limb,affected,birth_year\nNew,arm,left,1850\n"),
         1,
         {"clients.csv line 2, column 4 (birth_year)", "1850", "1900-"}},
        {"birth year in the future",
         import,
         {},
         file("name,limb,affected,birth_year\nNew,arm,left,2100\n"),
         1,
         {"clients.csv line 2", "birth year", "2100", "1900-"}},
        {"bad affected on the second row",
         import,
         {},
         file(clients_header + "New,arm,left,,cm\nOther,arm,sideways,,cm\n"),
         1,
         {"clients.csv line 3, column 3 (affected)", "'sideways'", "left, right, both"}},
        {"bad unit",
         import,
         {},
         file(clients_header + "New,arm,left,,mm\n"),
         1,
         {"clients.csv line 2, column 5 (unit)", "'mm'", "cm, in"}},
        {"bad baseline",
         import,
         {},
         file(clients_header + "New,arm,left,2025-02-30,cm\n"),
         1,
         {"clients.csv line 2, column 4 (baseline)", "'2025-02-30'"}},
        {"bad archived",
         import,
         {},
         file("name,limb,affected,archived\nNew,arm,left,maybe\n"),
         1,
         {"clients.csv line 2, column 4 (archived)", "'maybe'", "yes, no"}},
        {"conflicts with a stored client",
         import,
         {},
         file("name,limb,affected\nMaria Keller,leg,both\n"),
         1,
         {"clients.csv line 2", "'Maria Keller'", "different details"}},
        {"a row with an extra field",
         import,
         {},
         file("name,limb,affected\nNew,arm,left,extra\n"),
         1,
         {"clients.csv line 2", "4 field(s)", "header has 3"}},
        {"name over 200 bytes",
         import,
         {},
         file(clients_header + std::string(201, 'n') + ",arm,left,,cm\n"),
         1,
         {"clients.csv line 2", "name", "201 bytes", "1-200 bytes"}},
        {"from standard input",
         {"import", "-"},
         "name,limb,affected\nNew,arm,elbow\n",
         {},
         1,
         {"standard input line 2, column 3 (affected)", "'elbow'", "left, right, both"}},
    });
}

TEST_CASE("import of a measurement CSV with one bad row imports nothing and names line, column and value") {
    auto file = [](const std::string& rows) {
        return std::vector<std::pair<std::string, std::string>>{{"m.csv", measurements_header + rows}};
    };
    const std::vector<std::string> import{"import", "m.csv"};
    check_all({
        {"negative circumference",
         import,
         {},
         file(measurement("left", "0", "-3")),
         1,
         {"m.csv line 2, column 6 (circumference)", "'-3 cm'", "5-150 cm"}},
        {"circumference out of range on line 3",
         import,
         {},
         file(measurement("left", "0", "16.3") + measurement("left", "4", "200")),
         1,
         {"m.csv line 3, column 6 (circumference)", "'200 cm'", "5-150 cm"}},
        {"inches out of range",
         import,
         {},
         file(dorothy + "," + past + ",arm-4cm,right,0,60,in\n"),
         1,
         {"m.csv line 2, column 6 (circumference)", "60", "1.97-59.06 in"}},
        {"NaN circumference",
         import,
         {},
         file(measurement("left", "0", "nan")),
         1,
         {"m.csv line 2, column 6 (circumference)", "'nan'"}},
        {"unknown client",
         import,
         {},
         file("Nobody," + past + ",arm-4cm,left,0,16.3,cm\n"),
         1,
         {"m.csv line 2, column 1 (client)", "'Nobody'"}},
        {"a session in 2099",
         import,
         {},
         file(maria + ",2099-03-02T08:05:00+01:00,arm-4cm,left,0,16.3,cm\n"),
         1,
         {"m.csv line 2", "recorded_at", "2099-03-02T08:05:00+01:00", "future"}},
        {"impossible date",
         import,
         {},
         file(maria + ",2025-02-30T08:05:00+01:00,arm-4cm,left,0,16.3,cm\n"),
         1,
         {"m.csv line 2, column 2 (recorded_at)", "'2025-02-30T08:05:00+01:00'"}},
        {"a point not in the protocol",
         import,
         {},
         file(measurement("left", "3", "16.3")),
         1,
         {"m.csv line 2, column 5 (point_cm)", "'3'", "0, 4, 8"}},
        {"unknown side",
         import,
         {},
         file(measurement("middle", "0", "16.3")),
         1,
         {"m.csv line 2, column 4 (side)", "'middle'", "left, right"}},
        {"unknown unit",
         import,
         {},
         file(measurement("left", "0", "16.3", "furlong")),
         1,
         {"m.csv line 2, column 7 (unit)", "'furlong'"}},
        {"leg protocol for an arm client",
         import,
         {},
         file(maria + "," + past + ",leg-4cm,left,0,16.3,cm\n"),
         1,
         {"m.csv line 2", "'leg-4cm'", "Maria Keller", "arm"}},
        {"a point given twice",
         import,
         {},
         file(measurement("left", "0", "16.3") + measurement("left", "0", "16.4")),
         1,
         {"m.csv line 3, column 5 (point_cm)", "second value", "0 cm"}},
        {"a short row",
         import,
         {},
         file(measurement("left", "0", "16.3") + maria + "," + past + ",arm-4cm,left,4\n"),
         1,
         {"m.csv line 3", "5 field(s)", "header has 7"}},
    });
}

TEST_CASE("import of a sessions CSV with one bad row imports nothing and names line, column and value") {
    auto file = [](const std::string& content) {
        return std::vector<std::pair<std::string, std::string>>{{"s.csv", content}};
    };
    auto row = [](const std::string& client, const std::string& at, const std::string& left) {
        return sessions_header + "\n" + client + "," + at + ",arm-4cm," + left + "," + semi11 + "\n";
    };
    const std::vector<std::string> import{"import", "s.csv"};
    check_all({
        {"wrong point count",
         import,
         {},
         file(row(maria, past, "16;17;18")),
         1,
         {"s.csv line 2, column 4 (left)", "3 value(s)", "11 points"}},
        {"a letter among the values",
         import,
         {},
         file(row(maria, past, "16;17;18;19;20;21;22;23;24;25;x")),
         1,
         {"s.csv line 2, column 4 (left)", "point 11", "'x'"}},
        {"a session in 2099",
         import,
         {},
         file(row(maria, "2099-03-02T08:05:00+01:00", semi11)),
         1,
         {"s.csv line 2", "recorded_at", "2099-03-02T08:05:00+01:00", "future"}},
        {"unknown client",
         import,
         {},
         file(row("Nobody", past, semi11)),
         1,
         {"s.csv line 2, column 1 (client)", "'Nobody'"}},
        {"missing column",
         import,
         {},
         file("client,recorded_at,protocol,left\n" + maria + "," + past + ",arm-4cm," + semi11 + "\n"),
         1,
         {"s.csv line 1", "'right'"}},
        {"unknown protocol",
         import,
         {},
         file(sessions_header + "\n" + maria + "," + past + ",nope," + semi11 + "," + semi11 + "\n"),
         1,
         {"s.csv line 2, column 3 (protocol)", "'nope'"}},
        {"a different session at a stored instant",
         import,
         {},
         file(row(maria, existing, semi11)),
         1,
         {"s.csv line 2", "'Maria Keller'", "2023-11-05T08:00:00+01:00", "different session"}},
        {"pain above 10",
         import,
         {},
         file(session_with("pain", "11")),
         1,
         {"s.csv line 2, column 6 (pain)", "11", "0-10"}},
        {"weight huge",
         import,
         {},
         file(session_with("weight_kg", "1e300")),
         1,
         {"s.csv line 2", "weight", "2-400 kg"}},
        {"pitting 5+",
         import,
         {},
         file(session_with("pitting", "5+")),
         1,
         {"s.csv line 2, column 6 (pitting)", "5", "0-4"}},
        {"skin flag",
         import,
         {},
         file(session_with("skin", "\"redness,itch\"")),
         1,
         {"s.csv line 2, column 6 (skin)", "'itch'", "redness, warmth"}},
        {"values unit",
         import,
         {},
         file(session_with("values_unit", "ft")),
         1,
         {"s.csv line 2, column 6 (values_unit)", "'ft'", "cm, in"}},
        {"context",
         import,
         {},
         file(session_with("context", "during")),
         1,
         {"s.csv line 2, column 6 (context)", "'during'", "before, after, routine"}},
        {"note over 4000 bytes",
         import,
         {},
         file(session_with("notes", std::string(4001, 'n'))),
         1,
         {"s.csv line 2", "note", "4001 bytes", "0-4000 bytes"}},
        {"class with a bandage",
         import,
         {},
         file(sessions_header + ",compression,compression_class\n" + maria + "," + past + ",arm-4cm," + semi11 + "," +
              semi11 + ",bandage,2\n"),
         1,
         {"s.csv line 2", "compression class", "'bandage'"}},
        {"a protocol with a repeated point",
         import,
         {},
         file(sessions_header + ",protocol_limb,protocol_points_cm\n,,hand-5,,,arm,0;5;5\n"),
         1,
         {"s.csv line 2", "points", "position 3 = 5 cm", "strictly increase"}},
    });
}

TEST_CASE("import of a JSON file with one bad value imports nothing and names the JSON path and value") {
    auto file = [](const std::string& content) {
        return std::vector<std::pair<std::string, std::string>>{{"e.json", content}};
    };
    const std::vector<std::string> import{"import", "e.json"};
    const std::string s0 = "e.json at $.clients[0].sessions[0]";
    check_all({
        {"unknown field",
         import,
         {},
         file(json_session(json_values + R"(,"colour":1)")),
         1,
         {s0 + ".colour", "'colour'", "not a field"}},
        {"a value of the wrong type",
         import,
         {},
         file(json_session(json_values + R"(,"weight_kg":"seventy")")),
         1,
         {s0 + ".weight_kg", "expected a number", "\"seventy\""}},
        {"weight huge",
         import,
         {},
         file(json_session(json_values + R"(,"weight_kg":1e300)")),
         1,
         {s0, "weight", "1e+300 kg", "2-400 kg"}},
        {"a session in 2099",
         import,
         {},
         file(json_session(R"("recorded_at":"2099-03-02T08:05:00+01:00","protocol":"arm-4cm","notes":"x")")),
         1,
         {s0, "recorded_at", "2099-03-02T08:05:00+01:00", "future"}},
        {"wrong point count",
         import,
         {},
         file(
             json_session(R"("recorded_at":"2025-03-02T08:05:00+01:00","protocol":"arm-4cm","left_mm":[160,170,180])")),
         1,
         {s0, "3 value(s)", "11 points"}},
        {"negative circumference",
         import,
         {},
         file(json_session(
             R"("recorded_at":"2025-03-02T08:05:00+01:00","protocol":"arm-4cm","left_mm":[160,-170,180,190,200,210,220,230,240,250,260])")),
         1,
         {s0 + ".left_mm[1]", "-170", "5-150 cm"}},
        {"pain above 10",
         import,
         {},
         file(json_session(json_values + R"(,"symptoms":{"pain":11})")),
         1,
         {s0 + ".symptoms.pain", "11", "0-10"}},
        {"pain not whole",
         import,
         {},
         file(json_session(json_values + R"(,"symptoms":{"pain":2.5})")),
         1,
         {s0 + ".symptoms.pain", "whole number", "2.5"}},
        {"class with a bandage",
         import,
         {},
         file(json_session(json_values + R"(,"compression":{"kind":"bandage","class":2})")),
         1,
         {s0, "compression class", "'bandage'"}},
        {"NUL in a note",
         import,
         {},
         file(json_session(json_values + R"(,"notes":"a\u0000b")")),
         1,
         {s0, "note", "0x00"}},
        {"missing affected",
         import,
         {},
         file(R"({"format":"swelltrack","version":1,"clients":[{"name":"New","limb":"arm"}]})"),
         1,
         {"e.json at $.clients[0].affected", "left, right, both"}},
        {"birth year not whole",
         import,
         {},
         file(
             R"({"format":"swelltrack","version":1,"clients":[{"name":"New","limb":"arm","affected":"left","birth_year":1970.5}]})"),
         1,
         {"e.json at $.clients[0].birth_year", "whole number", "1970.5"}},
        {"a protocol of one point",
         import,
         {},
         file(
             R"({"format":"swelltrack","version":1,"protocols":[{"name":"hand-5","limb":"arm","points_cm":[0]}],"clients":[]})"),
         1,
         {"e.json at $.protocols[0]", "'hand-5'", "1 point", "at least 2"}},
        {"syntax error",
         import,
         {},
         file(R"({"format":"swelltrack","version":1,"clients":[{"name":"X","limb":"arm","affected":"left",}]})"),
         1,
         {"e.json line 1, column", "not valid JSON"}},
        {"text after the JSON",
         import,
         {},
         file(R"({"format":"swelltrack","version":1,"clients":[]} trailing)"),
         1,
         {"e.json line 1, column", "not valid JSON"}},
        {"version 2",
         import,
         {},
         file(R"({"format":"swelltrack","version":2,"clients":[]})"),
         1,
         {"e.json at $.version", "version 1", "2"}},
        {"another format",
         import,
         {},
         file(R"({"format":"other","version":1,"clients":[]})"),
         1,
         {"e.json at $.format", "\"swelltrack\"", "\"other\""}},
        {"nested 100 levels deep",
         import,
         {},
         file(R"({"format":"swelltrack","version":1,"clients":[{"name":"X","limb":"arm","affected":"left","notes":)" +
              std::string(100, '[') + std::string(100, ']') + "}]}"),
         1,
         {"e.json", "nested more than 32 levels"}},
    });
}

TEST_CASE("history, report and export refuse unknown clients, bad formats and bad date ranges") {
    check_all({
        {"history: unknown client", {"history", "Nobody"}, {}, {}, 1, {"client", "'Nobody'"}},
        {"history: format",
         {"history", maria, "--format", "xml"},
         {},
         {},
         1,
         {"--format", "'xml'", "table, json, csv"}},
        {"history: --from after --to",
         {"history", maria, "--from", "2025-01-01", "--to", "2024-01-01"},
         {},
         {},
         1,
         {"--from", "2025-01-01", "--to 2024-01-01"}},
        {"history: impossible --from",
         {"history", maria, "--from", "2025-02-30"},
         {},
         {},
         1,
         {"--from", "'2025-02-30'"}},
        {"history: impossible --to", {"history", maria, "--to", "2025-13-01"}, {}, {}, 1, {"--to", "'2025-13-01'"}},
        {"history: --from a word",
         {"history", maria, "--from", "yesterday"},
         {},
         {},
         1,
         {"--from", "'yesterday'", "YYYY-MM-DD"}},
        {"report: unknown client", {"report", "Nobody", "-o", "r.pdf"}, {}, {}, 1, {"client", "'Nobody'"}},
        {"report: NAME and --clinic", {"report", maria, "--clinic", "-o", "r.pdf"}, {}, {}, 1, {"NAME", "--clinic"}},
        {"report: neither NAME nor --clinic", {"report", "-o", "r.pdf"}, {}, {}, 1, {"NAME", "--clinic"}},
        {"report: --from after --to",
         {"report", maria, "--from", "2025-01-01", "--to", "2024-01-01", "-o", "r.pdf"},
         {},
         {},
         1,
         {"--from", "2025-01-01", "2024-01-01"}},
        {"report: impossible --from",
         {"report", maria, "--from", "2024-04-31", "-o", "r.pdf"},
         {},
         {},
         1,
         {"--from", "'2024-04-31'"}},
        {"report: paper",
         {"report", maria, "--paper", "a3", "-o", "r.pdf"},
         {},
         {},
         1,
         {"paper", "'a3'", "a4, letter"}},
        {"export: neither NAME nor --all", {"export"}, {}, {}, 1, {"NAME", "--all"}},
        {"export: NAME and --all", {"export", maria, "--all"}, {}, {}, 1, {"NAME", "--all"}},
        {"export: unknown client", {"export", "Nobody"}, {}, {}, 1, {"client", "'Nobody'"}},
        {"export: format", {"export", "--all", "--format", "xml"}, {}, {}, 1, {"format", "'xml'", "csv, json"}},
        {"status: format", {"status", "--format", "xml"}, {}, {}, 1, {"--format", "'xml'", "table, json"}},
        {"client list: format", {"client", "list", "--format", "csv"}, {}, {}, 1, {"--format", "'csv'", "table, json"}},
    });
}

TEST_CASE("corrections, baselines and schedules refuse what is missing or wrong and change nothing") {
    const std::string first = "2023-11-05T08:00";  // Maria Keller's first session: her arm-4cm baseline
    check_all({
        {"delete without a reason", {"session", "delete", maria, "--at", first}, {}, {}, 2, {"--reason"}},
        {"delete with a blank reason",
         {"session", "delete", maria, "--at", "2023-11-12T08:13", "--reason", "  "},
         {},
         {},
         1,
         {"reason", "none given", "give a reason with --reason TEXT"}},
        {"a reason over 500 bytes",
         {"session", "delete", maria, "--at", "2023-11-12T08:13", "--reason", std::string(501, 'x')},
         {},
         {},
         1,
         {"reason", "501 bytes", "1-500 bytes"}},
        {"a reason on two lines",
         {"session", "edit", maria, "--at", "2023-11-12T08:13", "--weight", "70", "--reason", "typo\nreally"},
         {},
         {},
         1,
         {"reason", "control character"}},
        {"the pinned baseline deleted",
         {"session", "delete", maria, "--at", first, "--reason", "typo"},
         {},
         {},
         1,
         {"is the baseline of arm-4cm", "client baseline"}},
        {"no session at that minute",
         {"session", "delete", maria, "--at", "2023-11-05T08:01", "--reason", "typo"},
         {},
         {},
         1,
         {"--at", "no session at 2023-11-05T08:01"}},
        {"an impossible --at",
         {"session", "show", maria, "--at", "2023-02-30T08:00"},
         {},
         {},
         1,
         {"--at", "2023-02-30"}},
        {"an edit to a value out of range",
         {"session", "edit", maria, "--at", "2023-11-12T08:13", "--weight", "401", "--reason", "typo"},
         {},
         {},
         1,
         {"weight", "401", "2-400 kg"}},
        {"an edit onto another session's time",
         {"session", "edit", maria, "--at", "2023-11-12T08:13", "--move-to", existing, "--reason", "typo"},
         {},
         {},
         1,
         {"already has a session at"}},
        {"a restore of nothing deleted",
         {"session", "restore", maria, "--at", first, "--reason", "back"},
         {},
         {},
         1,
         {"no deleted session"}},
        {"a --by name over 100 bytes",
         {"client", "baseline", maria, "--at", "2023-11-05T08:00", "--reason", "x", "--by", std::string(101, 'b')},
         {},
         {},
         1,
         {"by", "101 bytes"}},
        {"a schedule of 0 days", {"client", "edit", maria, "--every", "0d"}, {}, {}, 1, {"--every", "0", "1-365 days"}},
        {"a schedule of 53 weeks", {"client", "edit", maria, "--every", "53w"}, {}, {}, 1, {"--every", "371", "1-365"}},
        {"a schedule in months", {"client", "edit", maria, "--every", "1m"}, {}, {}, 1, {"--every", "1m"}},
        {"the affected side under sessions without a reason",
         {"client", "edit", maria, "--affected", "right"},
         {},
         {},
         1,
         {"affected: Maria Keller", "--reason", "goes from"}},
        {"the limb under sessions, even with a reason",
         {"client", "edit", maria, "--limb", "leg", "--reason", "wrong at intake"},
         {},
         {},
         1,
         {"limb", "add a new client instead"}},
    });
}

TEST_CASE("settings set refuses thresholds below the noise floor, inverted ranges and unknown methods") {
    auto set = [](std::vector<std::string> extra) {
        std::vector<std::string> args{"settings", "set"};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    check_all({
        {"watch below 3.5%", set({"--watch-pct", "3.4"}), {}, {}, 1, {"watch threshold %", "3.4", "3.5-100", "noise"}},
        {"watch above 100%", set({"--watch-pct", "101"}), {}, {}, 1, {"watch threshold %", "101", "3.5-100"}},
        {"watch NaN", set({"--watch-pct", "nan"}), {}, {}, 1, {"watch threshold %", "nan", "3.5-100"}},
        {"watch infinite", set({"--watch-pct", "inf"}), {}, {}, 1, {"watch threshold %", "inf", "3.5-100"}},
        {"range below the stored watch", set({"--range-pct", "4"}), {}, {}, 1, {"range threshold %", "4", "5-100"}},
        {"range below the new watch",
         set({"--watch-pct", "8", "--range-pct", "6"}),
         {},
         {},
         1,
         {"range threshold %", "6", "8-100", "at least the watch threshold"}},
        {"range above 100%", set({"--range-pct", "200"}), {}, {}, 1, {"range threshold %", "200", "-100"}},
        {"point difference below 0.5 cm",
         set({"--point-cm", "0.4"}),
         {},
         {},
         1,
         {"point difference cm", "0.4", "0.5-20"}},
        {"point difference above 20 cm", set({"--point-cm", "21"}), {}, {}, 1, {"point difference cm", "21", "0.5-20"}},
        {"rapid rise below 3.5%", set({"--rise-pct", "2"}), {}, {}, 1, {"rapid rise %", "2", "3.5-100"}},
        {"rapid rise days 0", set({"--rise-days", "0"}), {}, {}, 1, {"rapid rise days", "0", "1-90"}},
        {"rapid rise days 91", set({"--rise-days", "91"}), {}, {}, 1, {"rapid rise days", "91", "1-90"}},
        {"method", set({"--method", "cylinder"}), {}, {}, 1, {"--method", "'cylinder'", "frustum, disk"}},
        {"a valid change with a bad one",
         set({"--point-cm", "3", "--rise-days", "0"}),
         {},
         {},
         1,
         {"rapid rise days", "0", "1-90"}},
        {"plausible point under 1 cm",
         set({"--plausible-point-cm", "0.5"}),
         {},
         {},
         1,
         {"plausible point cm", "0.5", "1-50 cm", "noise"}},
        {"plausible point over 50 cm", set({"--plausible-point-cm", "51"}), {}, {}, 1, {"plausible point cm", "51"}},
        {"plausible point under 5%",
         set({"--plausible-point-pct", "4"}),
         {},
         {},
         1,
         {"plausible point %", "4", "5-100"}},
        {"plausible volume over 100%",
         set({"--plausible-volume-pct", "101"}),
         {},
         {},
         1,
         {"plausible volume %", "101", "5-100"}},
        {"plausible volume letters",
         set({"--plausible-volume-pct", "abc"}),
         {},
         {},
         1,
         {"plausible volume %", "'abc'", "5-100"}},
        {"plausible point empty", set({"--plausible-point-pct", ""}), {}, {}, 1, {"plausible point %", "''"}},
    });
}

// Cases that showed real bugs when the catalogue was written (each fixed since; "was:" says how it
// went wrong), kept so that they stay fixed.
TEST_CASE("once bugs: empty flags, CLI11-parsed numbers, a limb changed under sessions, usage errors") {
    check_all({
        // was: an empty value for a numeric flag is taken as "not given": with anything else to
        // record the session is stored (exit 0, database changed) instead of refusing --pain ''.
        {"log: empty --pain", log_maria({"--pain", ""}), {}, {}, 1, {"pain", "''", "0-10"}},
        // was: as above for --weight: exit 0, a session is stored without the weight asked for.
        {"log: empty --weight", log_maria({"--weight", ""}), {}, {}, 1, {"weight", "''", "2-400 kg"}},
        // was: as above for --mld-minutes.
        {"log: empty --mld-minutes", log_maria({"--mld-minutes", ""}), {}, {}, 1, {"mld minutes", "''", "0-600"}},
        // was: --at '' (e.g. an unset shell variable) silently records the session at "now".
        {"log: empty --at", {"log", maria, "--note", "x", "--at", ""}, {}, {}, 1, {"--at", "''", "YYYY-MM-DD"}},
        // was: --birth-year is parsed by CLI11 as an int: letters are a usage error (exit 2) with
        // "Could not convert: --birth-year = abc" on two lines, without "swelltrack: " or the range.
        {"client add: birth year letters",
         {"client", "add", "New", "--limb", "arm", "--affected", "left", "--birth-year", "abc"},
         {},
         {},
         1,
         {"birth year", "'abc'", "1900-"}},
        // was: as above for a decimal birth year (exit 2, CLI11's message).
        {"client add: birth year not whole",
         {"client", "add", "New", "--limb", "arm", "--affected", "left", "--birth-year", "1970.5"},
         {},
         {},
         1,
         {"birth year", "'1970.5'", "1900-"}},
        // was: --birth-year 0 is taken as "not given" (0 is the sentinel): exit 0, client added.
        {"client add: birth year 0",
         {"client", "add", "New", "--limb", "arm", "--affected", "left", "--birth-year", "0"},
         {},
         {},
         1,
         {"birth year", "0", "1900-"}},
        // was: --rename '' is ignored and "updated client Maria Keller" printed (exit 0).
        {"client edit: rename to empty", {"client", "edit", maria, "--rename", ""}, {}, {}, 1, {"name", "1-200 bytes"}},
        // was: an arm client with 80 arm-4cm sessions is turned into a leg client (exit 0, database
        // changed): every stored session then has a protocol for the other limb, which log and
        // import refuse ("'leg-4cm' is for a leg, but Maria Keller is measured on the arm").
        {"client edit: limb of a client with sessions",
         {"client", "edit", maria, "--limb", "leg"},
         {},
         {},
         1,
         {"limb", "leg", "arm-4cm"}},
        // was: settings numbers are parsed by CLI11: letters are a usage error (exit 2), message
        // "Could not convert: --watch-pct = abc" on two lines, no "swelltrack: ", no range.
        {"settings: watch letters",
         {"settings", "set", "--watch-pct", "abc"},
         {},
         {},
         1,
         {"watch", "'abc'", "3.5-100"}},
        // was: as above; and a decimal comma, accepted by log and import, is refused here.
        {"settings: watch below the noise floor with a decimal comma",
         {"settings", "set", "--watch-pct", "2,5"},
         {},
         {},
         1,
         {"watch", "2.5", "3.5-100"}},
        {"settings: rise days not whole",
         {"settings", "set", "--rise-days", "2.5"},
         {},
         {},
         1,
         {"rapid rise days", "'2.5'", "1-90"}},
        // was: --watch-pct '' is ignored: exit 0, the settings printed as if set.
        {"settings: empty watch", {"settings", "set", "--watch-pct", ""}, {}, {}, 1, {"watch", "''", "3.5-100"}},
        // was: --method '' is ignored: exit 0.
        {"settings: empty method", {"settings", "set", "--method", ""}, {}, {}, 1, {"--method", "''", "frustum, disk"}},
        // was: importing a folder reads it as a file: "swelltrack: could not finish: std::bad_alloc".
        {"import: a folder", {"import", "."}, {}, {}, 1, {"'.'", "folder"}},
        // was: a JSON object with a repeated key keeps the last one silently: the first "clients"
        // (with client "New") is dropped and the import reports success (exit 0, nothing added).
        {"import: JSON with a repeated key",
         {"import", "e.json"},
         {},
         {{"e.json",
           R"({"format":"swelltrack","version":1,"clients":[{"name":"New","limb":"arm","affected":"left"}],"clients":[]})"}},
         1,
         {"e.json", "clients", "twice"}},
        // was: the message does not name the value: "s.csv line 2: compression mmHg: the range must
        // be low-high, e.g. 20-30" (no column, no '30-20').
        {"import: inverted mmHg range",
         {"import", "s.csv"},
         {},
         {{"s.csv", session_with("compression_mmhg", "30-20")}},
         1,
         {"s.csv line 2", "compression_mmhg", "'30-20'"}},
        // was: usage errors print CLI11's two lines ("... / Run with --help for more information.")
        // without "swelltrack: "; an unknown command is not even named ("A subcommand is required").
        {"usage: unknown command", {"frobnicate"}, {}, {}, 2, {"frobnicate"}},
        // was: as above ("A subcommand is required" for a typo in a subcommand's name).
        {"usage: unknown client subcommand", {"client", "frob"}, {}, {}, 2, {"frob"}},
        // was: as above: the message is "The following argument was not expected: --bogus" + a 2nd line.
        {"usage: unknown flag", {"status", "--bogus"}, {}, {}, 2, {"--bogus"}},
        // was: as above ("The following arguments were not expected: 1 --bogus").
        {"usage: unknown flag of log", {"log", maria, "--bogus", "1"}, {}, {}, 2, {"--bogus"}},
        // was: as above ("name is required").
        {"usage: missing client name", {"log"}, {}, {}, 2, {"name", "required"}},
        // was: as above ("--pain: 1 required TEXT missing").
        {"usage: flag without its value", {"log", maria, "--pain"}, {}, {}, 2, {"--pain"}},
        // was: as above ("--limb is required").
        {"usage: missing required flag",
         {"client", "add", "New", "--affected", "left"},
         {},
         {},
         2,
         {"--limb", "required"}},
        // was: as above ("files is required").
        {"usage: import without files", {"import"}, {}, {}, 2, {"files", "required"}},
        // was: as above ("The following argument was not expected: Jonas Weber").
        {"usage: two client names", {"log", maria, "Jonas Weber", "--note", "x"}, {}, {}, 2, {"Jonas Weber"}},
    });
}

// Values within the input limits that are probably a mistake (docs/clinical.md#plausibility):
// refused like any other bad value, naming the point and both values, until confirmed.
TEST_CASE("log refuses values far from the previous session or in the other unit, unless confirmed") {
    // Maria Keller's previous session (2025-02-23 08:09) has 16.7 cm at the left wrist; Dorothy
    // Evans is measured in inches.
    check_all({
        {"log: a whole arm far from the previous session",
         {"log", maria, "--at", past, "--left", arm11, "--right", arm11},
         {},
         {},
         1,
         {"Left arm, 8 cm from the wrist (point 3): 18.0 cm, previously 22.6 cm on 2025-02-23 08:09",
          "more than 3 cm and 15% from the previous session", "and 17 more", "add --confirm to keep it"}},
        {"log: inches for a client in cm",
         {"log", maria, "--at", past, "--left", in11},
         {},
         {},
         1,
         {"Left arm, 0 cm from the wrist (point 1): 6.0 cm, previously 16.7 cm", "look like inches", "add --confirm"}},
        {"log: cm for a client in inches",
         {"log", dorothy, "--at", past, "--right", arm11},
         {},
         {},
         1,
         {"Right arm, 0 cm from the wrist (point 1): 16.00 in", "look like cm", "Dorothy Evans is measured in inches"}},
    });
}
