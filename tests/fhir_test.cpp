// FHIR export of the sample clients through the real binary: validated by a real FHIR validator
// (FHIR.js, the npm package fhir, run by tests/fhir/validate.js), and every measured value found
// exactly once with its client, side, unit and time.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "photo_files.h"
#include "report_test_util.h"
#include "run_binary.h"
#include "swelltrack/base64.h"

using Catch::Matchers::Contains;
using nlohmann::json;
using swelltrack::testing::Sandbox;

namespace {

constexpr const char* local = "urn:swelltrack:fhir:codes";

struct Exported {
    json fhir, records;  // the FHIR Bundle, and the same clients in swelltrack's JSON export
};

// The sample clients (sample-data/sessions.csv) imported into `sb` and exported both ways, as files
// in `sb`'s folder: bundle.json (FHIR) and records.json (swelltrack's JSON).
void export_sample(const Sandbox& sb, const std::vector<std::string>& extra = {}) {
    auto imported = sb.run({"import", SWELLTRACK_SOURCE_DIR "/sample-data/sessions.csv"});
    REQUIRE(imported.code == 0);
    std::vector<std::string> args{"export", "--all", "--format", "fhir", "-o", "bundle.json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = sb.run(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    REQUIRE(sb.run({"export", "--all", "--format", "json", "-o", "records.json"}).code == 0);
}

// The folder holding the sample clients exported both ways. Under ctest the plain export is made
// once per run by the fixture test below, in $SWELLTRACK_FHIR_SAMPLE; run alone, or with `extra`
// flags, it is made here, in `sb`'s folder.
std::filesystem::path sample_folder(const Sandbox& sb, const std::vector<std::string>& extra = {}) {
    const char* made = std::getenv("SWELLTRACK_FHIR_SAMPLE");
    if (extra.empty() && made && std::filesystem::exists(std::filesystem::path(made) / "records.json")) return made;
    export_sample(sb, extra);
    return sb.dir();
}

Exported sample(const Sandbox& sb, const std::vector<std::string>& extra = {}) {
    auto from = sample_folder(sb, extra);
    return {json::parse(swelltrack::testing::slurp(from / "bundle.json")),
            json::parse(swelltrack::testing::slurp(from / "records.json"))};
}

std::string code_of(const json& c) { return c["coding"][0]["code"]; }
std::string system_of(const json& c) { return c["coding"][0]["system"]; }

// SNOMED CT codes of each limb with laterality, as docs/fhir.md lists them.
std::string site(const std::string& side, const std::string& limb) {
    if (limb == "arm") return side == "left" ? "80768000" : "6921000";
    return side == "left" ? "32153003" : "62175007";
}

bool complete(const json& values) {
    if (values.size() < 2) return false;
    for (const auto& v : values)
        if (v.is_null()) return false;
    return true;
}

}  // namespace

// ctest's fixture (tests/CMakeLists.txt): exports the sample clients once per run into
// $SWELLTRACK_FHIR_SAMPLE for the tests that read them. Hidden ("[.]"): not one of the tests listed.
TEST_CASE("export the sample clients for this run", "[.make-sample]") {
    const char* to = std::getenv("SWELLTRACK_FHIR_SAMPLE");
    REQUIRE(to != nullptr);
    std::filesystem::remove_all(to);
    Sandbox sb;
    export_sample(sb);
    const std::filesystem::path partial = std::string(to) + ".partial";
    std::filesystem::remove_all(partial);
    std::filesystem::create_directories(partial);
    for (const auto* file : {"bundle.json", "records.json"}) std::filesystem::copy(sb.dir() / file, partial / file);
    std::filesystem::rename(partial, to);  // whole, or not there
}

TEST_CASE("the FHIR export of every sample client passes the FHIR validator") {
    Sandbox sb;
    auto r = report_test::run("cd '" + sample_folder(sb).string() +
                              "' && node '" SWELLTRACK_SOURCE_DIR "/tests/fhir/validate.js' bundle.json");
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Contains("valid=true, 0 problem(s)"));
}

TEST_CASE("the example Bundle in docs/fhir.md passes the validator too") {
    auto r = report_test::run("node '" SWELLTRACK_SOURCE_DIR "/tests/fhir/validate.js' '" SWELLTRACK_SOURCE_DIR
                              "/docs/fhir-example.json'");
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Contains("fhir: 9 entries, valid=true, 0 problem(s)"));
}

TEST_CASE("the validator fails a bundle that breaks R4, naming what breaks it") {
    // The tests above can fail: each of these is caught, and named. (A test that looked only at the
    // exit status would pass when node or the validator cannot run at all.)
    Sandbox sb;
    auto [fhir, records] = sample(sb);
    // A Bundle of the first Patient and its first Observation, small enough to validate quickly.
    json small = fhir;
    small["entry"] = json::array();
    for (const auto* type : {"Patient", "Observation"})
        for (const auto& e : fhir["entry"])
            if (e["resource"]["resourceType"] == type) {
                small["entry"].push_back(e);
                break;
            }
    REQUIRE(small["entry"].size() == 2);
    REQUIRE(small["entry"][1]["resource"]["subject"]["reference"] == small["entry"][0]["fullUrl"]);
    const std::size_t obs = 1;
    auto validate = [&](const json& bundle) {
        std::ofstream(sb.dir() / "bad.json") << bundle.dump();
        return report_test::run("cd '" + sb.dir().string() +
                                "' && node '" SWELLTRACK_SOURCE_DIR "/tests/fhir/validate.js' bad.json");
    };
    auto whole = validate(small);  // as exported, it passes
    INFO(whole.out);
    REQUIRE(whole.status == 0);
    REQUIRE_THAT(whole.out, Contains("fhir: 2 entries, valid=true, 0 problem(s)"));
    struct Break {
        std::function<void(json&)> change;
        std::string named;
    };
    for (const auto& b : std::vector<Break>{
             // A status outside R4's required ObservationStatus value set.
             {[](json& r) { r["status"] = "done"; }, "error: Observation.status: Code \"done\" not found in value set"},
             // A number written as a string.
             {[](json& r) { r["valueQuantity"]["value"] = "12.5"; },
              "error: Observation.valueQuantity.value: Number type expected but string received"},
             // A misspelt element.
             {[](json& r) { r["effectiveDatetime"] = r["effectiveDateTime"], r.erase("effectiveDateTime"); },
              "warning: Observation.effectiveDatetime: Unexpected property"},
         }) {
        json bad = small;
        b.change(bad["entry"][obs]["resource"]);
        auto r = validate(bad);
        INFO(r.out);
        CHECK(r.status != 0);
        CHECK_THAT(r.out, Contains(b.named));
        CHECK_THAT(r.out, Contains(", 1 problem(s)"));  // that one, nothing else
    }
}

TEST_CASE("every measured value of every sample client appears exactly once, in cm, with its side and time") {
    Sandbox sb;
    auto [fhir, records] = sample(sb);
    REQUIRE(fhir["resourceType"] == "Bundle");
    REQUIRE(fhir["type"] == "collection");

    std::map<std::string, std::string> patient_of;  // fullUrl -> client name
    std::set<std::string> urls;
    for (const auto& e : fhir["entry"]) {
        urls.insert(e["fullUrl"].get<std::string>());
        if (e["resource"]["resourceType"] == "Patient") patient_of[e["fullUrl"]] = e["resource"]["name"][0]["text"];
    }
    CHECK(urls.size() == fhir["entry"].size());  // every fullUrl unique
    REQUIRE(patient_of.size() == records["clients"].size());

    // (client, recorded_at, side, point) -> value in cm, from the FHIR side; each key once.
    std::map<std::tuple<std::string, std::string, std::string, int>, double> found;
    std::map<std::tuple<std::string, std::string, std::string>, int> volumes;
    for (const auto& e : fhir["entry"]) {
        const auto& o = e["resource"];
        if (o["resourceType"] != "Observation") continue;
        const std::string client = patient_of.at(o["subject"]["reference"]);  // --all keeps clients apart
        std::set<std::string> derived;
        for (const auto& ref : o.value("derivedFrom", json::array())) {
            CHECK(urls.count(ref["reference"]) == 1);
            CHECK(derived.insert(ref["reference"].get<std::string>()).second);  // each reference once
        }
        if (o.contains("partOf")) continue;  // a treatment course's figure: the course test below
        CHECK(o["status"] == "final");
        if (system_of(o["code"]) != local) continue;
        const std::string at = o["effectiveDateTime"];
        if (code_of(o["code"]) == "limb-volume") {
            CHECK(o["valueQuantity"]["code"] == "mL");
            ++volumes[{client, at, o["bodySite"]["text"].get<std::string>().substr(0, 4) == "left" ? "left" : "right"}];
        }
        if (code_of(o["code"]) != "limb-circumference") continue;
        const auto& q = o["valueQuantity"];
        CHECK(q["system"] == "http://unitsofmeasure.org");
        CHECK(q["code"] == "cm");
        int point = -1;
        for (const auto& c : o["component"])
            if (code_of(c["code"]) == "point-index") point = c["valueInteger"];
        const std::string side = o["bodySite"]["text"].get<std::string>().substr(0, 4) == "left" ? "left" : "right";
        auto key = std::make_tuple(client, at, side, point);
        CHECK(found.count(key) == 0);
        found[key] = q["value"];
        CHECK(code_of(o["bodySite"]) ==
              site(side, o["bodySite"]["text"].get<std::string>().find("arm") != std::string::npos ? "arm" : "leg"));
    }

    std::size_t measured = 0;
    bool saw_inches = false, saw_partial = false;
    for (const auto& c : records["clients"]) {
        const std::string name = c["name"];
        saw_inches = saw_inches || c["unit"] == "in";
        for (const auto& s : c["sessions"]) {
            for (const char* side : {"left", "right"}) {
                const auto& values = s[std::string(side) + "_mm"];
                for (std::size_t k = 0; k < values.size(); ++k) {
                    if (values[k].is_null()) continue;
                    ++measured;
                    auto key =
                        std::make_tuple(name, s["recorded_at"].get<std::string>(), side, static_cast<int>(k) + 1);
                    INFO(name << " " << s["recorded_at"] << " " << side << " point " << k + 1);
                    REQUIRE(found.count(key) == 1);
                    // Stored in mm (whole micrometres), exported in cm: mm / 10.
                    CHECK(found[key] == Approx(values[k].get<double>() / 10.0).margin(1e-9));
                }
                // A volume only for a side with every point measured: partial sides have none.
                auto vkey = std::make_tuple(name, s["recorded_at"].get<std::string>(), std::string(side));
                CHECK(volumes[vkey] == (complete(values) ? 1 : 0));
                saw_partial = saw_partial || (!values.empty() && !complete(values));
            }
        }
    }
    CHECK(found.size() == measured);  // nothing extra either
    // The sample's values (import prints the count): Maria Keller 106 sessions x 22 - 1 not measured
    // = 2331; Jonas Weber 26 x 32 (16-point legs) = 832; Dorothy Evans 26 x 22 = 572; 王芳 30 x 22 - 3
    // = 657. 2331 + 832 + 572 + 657 = 4392.
    CHECK(measured == 4392);
    CHECK(saw_inches);  // Dorothy Evans measures in inches: converted through mm to cm
    CHECK(saw_partial);
}

TEST_CASE("body weight is LOINC 29463-7 in kg, lymphedema a SNOMED CT Condition, derived figures cite their sources") {
    Sandbox sb;
    auto [fhir, records] = sample(sb);
    int weights = 0, conditions = 0, rvc = 0;
    for (const auto& e : fhir["entry"]) {
        const auto& r = e["resource"];
        if (r["resourceType"] == "Condition") {
            ++conditions;
            CHECK(system_of(r["code"]) == "http://snomed.info/sct");
            CHECK(code_of(r["code"]) == "234097001");
        }
        if (r["resourceType"] != "Observation") continue;
        if (code_of(r["code"]) == "29463-7") {
            ++weights;
            CHECK(system_of(r["code"]) == "http://loinc.org");
            CHECK(r["valueQuantity"]["code"] == "kg");
        }
        if (code_of(r["code"]) == "relative-volume-change") {
            ++rvc;
            CHECK(r["valueQuantity"]["code"] == "%");
            // Both volumes now and at the baseline; the baseline's own 0% comes from its two volumes.
            const bool at_baseline = r["valueQuantity"]["value"] == 0.0;
            CHECK(r["derivedFrom"].size() == (at_baseline ? 2u : 4u));
            CHECK(r["method"]["coding"][0]["code"] == "frustum-model");
        }
    }
    int weighed = 0;
    for (const auto& c : records["clients"])
        for (const auto& s : c["sessions"]) weighed += s["weight_kg"].is_null() ? 0 : 1;
    CHECK(weights == weighed);
    CHECK(conditions == 4);  // every sample client's condition names lymphedema
    CHECK(rvc > 0);
}

TEST_CASE("a pseudonymous export leaves every client's name out") {
    Sandbox sb;
    auto [fhir, records] = sample(sb, {"--pseudonymous"});
    const auto text = fhir.dump();
    for (const auto& c : records["clients"]) CHECK(text.find(c["name"].get<std::string>()) == std::string::npos);
    for (const auto& e : fhir["entry"])
        if (e["resource"]["resourceType"] == "Patient") {
            CHECK_FALSE(e["resource"].contains("name"));
            CHECK(e["resource"]["identifier"][0]["system"] == "urn:swelltrack:fhir:codes:client");
        }
    auto refused = sb.run({"export", "--all", "--format", "json", "--pseudonymous"});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Contains("--pseudonymous: only for --format fhir"));
}

TEST_CASE("every quantity is in the UCUM unit of what it measures, and unit, system and code agree") {
    Sandbox sb;
    auto [fhir, records] = sample(sb);
    // What each swelltrack or LOINC code measures, in UCUM (docs/fhir.md). A quantity under a code
    // missing here fails: a new quantity says its unit here first.
    const std::map<std::string, std::string> ucum_of{{"limb-circumference", "cm"},
                                                     {"distance-from-landmark", "cm"},
                                                     {"29463-7", "kg"},
                                                     {"limb-volume", "mL"},
                                                     {"limb-volume-excess", "%"},
                                                     {"relative-volume-change", "%"},
                                                     {"weight-adjusted-volume-change", "%"},
                                                     {"pitting-depth", "mm"},
                                                     {"pitting-rebound", "s"},
                                                     {"course-excess-reduction", "mL"},
                                                     {"course-excess-reduction-share", "%"},
                                                     {"course-start-excess", "mL"},
                                                     {"course-start-excess-share", "%"},
                                                     {"course-end-excess", "mL"},
                                                     {"course-end-excess-share", "%"},
                                                     {"course-immediate-effect", "mL"},
                                                     {"course-immediate-effect-sd", "mL"},
                                                     {"course-immediate-effect-share", "%"},
                                                     {"course-reduction-kept", "%"},
                                                     {"course-excess-still-gone", "%"},
                                                     {"weeks-after-course", "wk"}};
    std::map<std::string, int> seen;  // code -> quantities checked
    // (code of the Observation or component, client, time) -> value, for the values checked by hand.
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<double>> values;
    std::map<std::string, std::string> patient_of;
    for (const auto& e : fhir["entry"])
        if (e["resource"]["resourceType"] == "Patient") patient_of[e["fullUrl"]] = e["resource"]["name"][0]["text"];

    auto check = [&](const json& quantity, const std::string& code, const std::string& client, const std::string& at) {
        INFO(client << " " << at << " " << code << ": " << quantity.dump());
        REQUIRE(ucum_of.count(code) == 1);
        CHECK(quantity["system"] == "http://unitsofmeasure.org");
        CHECK(quantity["unit"] == ucum_of.at(code));
        CHECK(quantity["code"] == ucum_of.at(code));
        REQUIRE(quantity["value"].is_number());
        ++seen[code];
        values[{code, client, at}].push_back(quantity["value"].get<double>());
    };
    for (const auto& e : fhir["entry"]) {
        const auto& o = e["resource"];
        if (o["resourceType"] != "Observation") continue;
        const std::string client = patient_of.at(o["subject"]["reference"]);
        const std::string at = o.contains("effectivePeriod") ? o["effectivePeriod"]["start"] : o["effectiveDateTime"];
        if (o.contains("valueQuantity")) check(o["valueQuantity"], code_of(o["code"]), client, at);
        for (const auto& c : o.value("component", json::array()))
            if (c.contains("valueQuantity")) check(c["valueQuantity"], code_of(c["code"]), client, at);
    }
    for (const auto& [code, unit] : ucum_of) {
        INFO(code);
        CHECK(seen[code] > 0);  // the sample data holds every kind, so none of these checks is empty
    }

    // By hand, from sample-data/sessions.csv: Jonas Weber, 2024-03-05T17:30:00+01:00, pitting grade 2
    // with a dent 4 mm deep that rebounds in 20 s, weight 94.2 kg, left leg point 1 (at the ankle)
    // 26.5 cm. The export writes the stored value in the stored unit: 4 mm stays 4 (not 0.4 cm), and
    // circumferences are stored in mm and written in cm: 265 mm / 10 = 26.5.
    const std::string jonas = "Jonas Weber", first = "2024-03-05T17:30:00+01:00";
    CHECK(values[{"pitting-depth", jonas, first}] == std::vector<double>{4.0});
    CHECK(values[{"pitting-rebound", jonas, first}] == std::vector<double>{20.0});
    CHECK(values[{"29463-7", jonas, first}] == std::vector<double>{94.2});
    const auto& circumferences = values[{"limb-circumference", jonas, first}];
    REQUIRE(circumferences.size() == 32);  // leg-4cm: 16 points on each leg, left first
    CHECK(circumferences[0] == Approx(26.5).margin(1e-9));
    // From 2024-07-23 the dent is 2 mm and rebounds in 8 s.
    CHECK(values[{"pitting-depth", jonas, "2024-07-23T17:30:00+02:00"}] == std::vector<double>{2.0});
    CHECK(values[{"pitting-rebound", jonas, "2024-07-23T17:30:00+02:00"}] == std::vector<double>{8.0});
}

TEST_CASE("each client's current alerts are Flags with the sentence status gives them") {
    // In the sample, Maria Keller alone needs attention: one rvc_5 (watch), whose sentence is her
    // status reason. The other three clients have no alert, so no Flag.
    Sandbox sb;
    auto bundle = sample(sb).fhir;
    REQUIRE(sb.run({"import", SWELLTRACK_SOURCE_DIR "/sample-data/sessions.csv"}).code == 0);
    auto statuses = json::parse(sb.run({"status", "--format", "json"}).out);
    std::vector<json> flags;
    for (const auto& e : bundle["entry"])
        if (e["resource"]["resourceType"] == "Flag") flags.push_back(e["resource"]);
    REQUIRE(flags.size() == 1);
    const auto& maria = statuses.at(0);
    REQUIRE(maria["name"] == "Maria Keller");
    REQUIRE(maria["alerts"] == json::array({"rvc_5"}));
    CHECK(flags[0]["status"] == "active");
    CHECK(code_of(flags[0]["category"][0]) == "clinical");
    CHECK(system_of(flags[0]["code"]) == "urn:swelltrack:fhir:codes:alert");
    CHECK(code_of(flags[0]["code"]) == "rvc_5");
    CHECK(flags[0]["code"]["text"] == maria["reason"]);
    // The Flag's subject is Maria's Patient.
    std::string patient;
    for (const auto& e : bundle["entry"])
        if (e["resource"]["resourceType"] == "Patient" && e["resource"]["name"][0]["text"] == "Maria Keller")
            patient = e["fullUrl"];
    CHECK(flags[0]["subject"]["reference"] == patient);
}

TEST_CASE("an RVC carried across a change of protocol is derived from the RVC it carries on from") {
    // arm-4cm baseline and a +6.09% session ((206/200)^2 - 1), then arm-10cm: its baseline and a
    // session, each +6.09% carried on from the arm-4cm session. Their RVC Observations cite that
    // session's RVC Observation besides their own volumes; the bundle still validates.
    Sandbox sb;
    auto all = [](const char* mm, int n) {
        std::string s = mm;
        for (int i = 1; i < n; ++i) s += std::string(",") + mm;
        return s;
    };
    REQUIRE(sb.run({"client", "add", "Ada", "--limb", "arm", "--affected", "left"}).code == 0);
    REQUIRE(sb.run({"protocol", "add", "arm-10cm", "--limb", "arm", "--points", "0,10,20,30,40"}).code == 0);
    REQUIRE(
        sb.run({"log", "Ada", "--at", "2026-01-05T09:00Z", "--left", all("20", 11), "--right", all("20", 11)}).code ==
        0);
    REQUIRE(
        sb.run({"log", "Ada", "--at", "2026-01-12T09:00Z", "--left", all("20.6", 11), "--right", all("20", 11)}).code ==
        0);
    for (const char* at : {"2026-01-19T09:00Z", "2026-01-26T09:00Z"})
        REQUIRE(sb.run({"log", "Ada", "--at", at, "--protocol", "arm-10cm", "--left", all("20.6", 5), "--right",
                        all("20", 5)})
                    .code == 0);
    REQUIRE(sb.run({"export", "Ada", "--format", "fhir", "-o", "switch.json"}).code == 0);
    auto bundle = json::parse(swelltrack::testing::slurp(sb.dir() / "switch.json"));
    std::map<std::string, std::string> rvc_url;  // effectiveDateTime -> fullUrl
    std::map<std::string, json> rvc;
    for (const auto& e : bundle["entry"])
        if (e["resource"]["resourceType"] == "Observation" &&
            code_of(e["resource"]["code"]) == "relative-volume-change") {
            rvc_url[e["resource"]["effectiveDateTime"]] = e["fullUrl"];
            rvc[e["resource"]["effectiveDateTime"]] = e["resource"];
        }
    REQUIRE(rvc.size() == 4);
    const std::string arm4 = "2026-01-12T09:00:00+00:00";
    for (const char* later : {"2026-01-19T09:00:00+00:00", "2026-01-26T09:00:00+00:00"}) {
        INFO(later);
        CHECK(rvc[later]["valueQuantity"]["value"] == 6.09);
        std::set<std::string> cited;
        for (const auto& d : rvc[later]["derivedFrom"]) cited.insert(d["reference"]);
        CHECK(cited.count(rvc_url[arm4]) == 1);
    }
    CHECK(rvc[arm4]["derivedFrom"].size() == 4);  // its own: both volumes now and at the baseline
    auto r = report_test::run("cd '" + sb.dir().string() +
                              "' && node '" SWELLTRACK_SOURCE_DIR "/tests/fhir/validate.js' switch.json");
    INFO(r.out);
    CHECK_THAT(r.out, Contains("valid=true, 0 problem(s)"));
}

TEST_CASE("each treatment course is a Procedure, its figures Observations partOf it and derived from the volumes") {
    // Maria Keller's intensive phase, worked by hand in sample_data_test: excess +270.836 mL
    // (13.556%) on 2024-09-30 09:00, +134.221 mL (6.715%) on 2024-10-18 09:06, 136.615 mL = 50.44%
    // less; 96.81, 106.49 and 73.53% of it kept (48.83, 53.71 and 37.09% still gone) at 4, 12 and 26
    // weeks; after minus before on 15 days, mean -31.455 mL, sd 6.564, -1.448% of the volume before.
    Sandbox sb;
    auto bundle = sample(sb).fhir;
    std::map<std::string, json> by_url;
    for (const auto& e : bundle["entry"]) by_url[e["fullUrl"]] = e["resource"];
    std::string maria, condition;
    for (const auto& [url, r] : by_url)
        if (r["resourceType"] == "Patient" && r["name"][0]["text"] == "Maria Keller") maria = url;
    for (const auto& [url, r] : by_url)
        if (r["resourceType"] == "Condition" && r["subject"]["reference"] == maria) condition = url;
    REQUIRE((!maria.empty() && !condition.empty()));
    std::vector<std::pair<std::string, json>> procedures;
    for (const auto& [url, r] : by_url)
        if (r["resourceType"] == "Procedure") procedures.emplace_back(url, r);
    REQUIRE(procedures.size() == 2);  // only Maria Keller has courses
    std::sort(procedures.begin(), procedures.end(), [](const auto& a, const auto& b) {
        return a.second["performedPeriod"]["start"] < b.second["performedPeriod"]["start"];
    });
    const auto& [intensive, p] = procedures[0];
    CHECK(p["status"] == "completed");
    CHECK(code_of(p["code"]) == "course-cdt-intensive");
    CHECK(p["subject"]["reference"] == maria);
    CHECK(p["performedPeriod"] == json{{"start", "2024-09-30"}, {"end", "2024-10-18"}});
    CHECK(code_of(p["bodySite"][0]) == "80768000");  // left upper limb
    CHECK(p["reasonReference"][0]["reference"] == condition);
    CHECK(p["note"].back()["text"] ==
          "What was done: 15 treatment days, 675 min of MLD, bandaging on 15 days, compression worn on 15 of the 15 "
          "days it was recorded.");
    CHECK(procedures[1].second["status"] == "in-progress");
    CHECK_FALSE(procedures[1].second["performedPeriod"].contains("end"));

    // A figure's derivedFrom: limb volume Observations of the sessions at `times`, both sides.
    auto sources = [&](const json& o) {
        std::set<std::string> out;
        for (const auto& ref : o["derivedFrom"]) {
            const auto& v = by_url.at(ref["reference"]);
            CHECK(code_of(v["code"]) == "limb-volume");
            out.insert(v["effectiveDateTime"].get<std::string>().substr(0, 16) + " " +
                       v["bodySite"]["text"].get<std::string>());
        }
        return out;
    };
    auto component = [](const json& o, const std::string& code) {
        for (const auto& c : o["component"])
            if (code_of(c["code"]) == code)
                return c.contains("valueQuantity") ? c["valueQuantity"]["value"] : c["valueInteger"];
        FAIL("no component " + code);
        return json();
    };
    std::map<std::string, std::vector<json>> figures;  // by code, for the intensive phase
    for (const auto& [url, r] : by_url)
        if (r["resourceType"] == "Observation" && r.contains("partOf") && r["partOf"][0]["reference"] == intensive)
            figures[code_of(r["code"])].push_back(r);
    REQUIRE(figures["course-excess-reduction"].size() == 1);
    const auto& reduction = figures["course-excess-reduction"][0];
    CHECK(reduction["status"] == "final");
    CHECK(reduction["valueQuantity"]["value"] == 136.6);
    CHECK(component(reduction, "course-excess-reduction-share") == 50.44);
    CHECK(component(reduction, "course-start-excess") == 270.8);
    CHECK(component(reduction, "course-start-excess-share") == 13.56);
    CHECK(component(reduction, "course-end-excess") == 134.2);
    CHECK(component(reduction, "course-end-excess-share") == 6.72);
    CHECK(reduction["effectivePeriod"] ==
          json{{"start", "2024-09-30T09:00:00+02:00"}, {"end", "2024-10-18T09:06:00+02:00"}});
    CHECK(sources(reduction) == std::set<std::string>{"2024-09-30T09:00 left arm", "2024-09-30T09:00 right arm",
                                                      "2024-10-18T09:06 left arm", "2024-10-18T09:06 right arm"});

    auto kept = figures["course-reduction-kept"];
    REQUIRE(kept.size() == 3);
    std::sort(kept.begin(), kept.end(), [&](const json& a, const json& b) {
        return component(a, "weeks-after-course").get<double>() < component(b, "weeks-after-course").get<double>();
    });
    const double weeks[] = {4, 12, 26}, kept_pct[] = {96.81, 106.49, 73.53}, gone[] = {48.83, 53.71, 37.09};
    const char* when[] = {"2024-11-17T08:02:00+01:00", "2025-01-12T08:06:00+01:00", "2025-04-20T08:13:00+02:00"};
    for (std::size_t k = 0; k < 3; ++k) {
        CAPTURE(k);
        CHECK(component(kept[k], "weeks-after-course") == weeks[k]);
        CHECK(kept[k]["valueQuantity"]["value"] == kept_pct[k]);
        CHECK(component(kept[k], "course-excess-still-gone") == gone[k]);
        CHECK(kept[k]["effectiveDateTime"] == when[k]);
        CHECK(sources(kept[k]).size() == 6);  // both arms then, at the start and at the end
        CHECK(sources(kept[k]).count(std::string(when[k]).substr(0, 16) + " left arm") == 1);
    }

    REQUIRE(figures["course-immediate-effect"].size() == 1);
    const auto& immediate = figures["course-immediate-effect"][0];
    CHECK(immediate["valueQuantity"]["value"] == -31.5);
    CHECK(component(immediate, "course-immediate-effect-sd") == 6.6);
    CHECK(component(immediate, "course-immediate-effect-share") == -1.45);
    CHECK(component(immediate, "course-treatment-pairs") == 15);
    const auto paired = sources(immediate);
    CHECK(paired.size() == 30);  // the left arm before and after, on 15 days
    CHECK(paired.count("2024-09-30T09:00 left arm") == 1);
    CHECK(paired.count("2024-09-30T10:00 left arm") == 1);

    // The maintenance, still running: its figures so far are preliminary.
    for (const auto& [url, r] : by_url)
        if (r["resourceType"] == "Observation" && r.contains("partOf") &&
            r["partOf"][0]["reference"] == procedures[1].first)
            CHECK(r["status"] == "preliminary");
}

TEST_CASE("a photo of the skin is a Media: the stored JPEG, its site, partOf the volumes of its session, valid R4") {
    Sandbox sb;
    REQUIRE(sb.run({"import", SWELLTRACK_SOURCE_DIR "/sample-data/sessions.csv"}).code == 0);
    REQUIRE(sb.run({"client", "edit", "Maria Keller", "--photo-consent", "yes"}).code == 0);
    swelltrack::testing::phone_jpeg(sb.dir() / "phone.jpg");
    // Her newest session (sample-data): 2025-04-27 08:01 (+02:00); the photo in its minute is its.
    REQUIRE(sb.run({"photo", "add", "Maria Keller", "phone.jpg", "--site", "left forearm", "--at",
                    "2025-04-27T08:01:30+02:00"})
                .code == 0);
    REQUIRE(sb.run({"photo", "export", "Maria Keller", "1", "-o", "kept.jpg"}).code == 0);
    REQUIRE(sb.run({"export", "Maria Keller", "--format", "fhir", "-o", "bundle.json"}).code == 0);
    const auto bundle = json::parse(swelltrack::testing::slurp(sb.dir() / "bundle.json"));
    std::map<std::string, json> by_url;
    for (const auto& e : bundle["entry"]) by_url[e["fullUrl"]] = e["resource"];
    std::vector<json> media;
    std::string patient;
    for (const auto& [url, r] : by_url) {
        if (r["resourceType"] == "Media") media.push_back(r);
        if (r["resourceType"] == "Patient") patient = url;
    }
    REQUIRE(media.size() == 1);
    const auto& m = media[0];
    CHECK(m["status"] == "completed");
    CHECK(code_of(m["type"]) == "image");
    CHECK(m["subject"]["reference"] == patient);
    CHECK(m["createdDateTime"] == "2025-04-27T08:01:30+02:00");
    CHECK(m["bodySite"]["text"] == "left forearm");
    CHECK(m["width"] == 400);  // 600 x 400 stored with orientation 6: upright 400 x 600
    CHECK(m["height"] == 600);
    CHECK(m["content"]["contentType"] == "image/jpeg");
    const auto kept = swelltrack::testing::slurp(sb.dir() / "kept.jpg");
    CHECK(m["content"]["size"] == kept.size());
    CHECK(swelltrack::records::base64_decode(m["content"]["data"].get<std::string>()) == kept);
    // partOf: the two volume Observations of the session of 2025-04-27 08:01.
    REQUIRE(m["partOf"].size() == 2);
    for (const auto& ref : m["partOf"]) {
        const auto& o = by_url.at(ref["reference"].get<std::string>());
        CHECK(code_of(o["code"]) == "limb-volume");
        CHECK(o["effectiveDateTime"] == "2025-04-27T08:01:00+02:00");
    }
    // The Patient, the session's volumes and the Media: valid R4 for the validator.
    json small = bundle;
    small["entry"] = json::array();
    for (const auto& e : bundle["entry"])
        if (e["fullUrl"] == patient || e["resource"]["resourceType"] == "Media" ||
            (e["resource"]["resourceType"] == "Observation" && code_of(e["resource"]["code"]) == "limb-volume" &&
             e["resource"]["effectiveDateTime"] == "2025-04-27T08:01:00+02:00"))
            small["entry"].push_back(e);
    REQUIRE(small["entry"].size() == 4);
    for (auto& e : small["entry"]) e["resource"].erase("derivedFrom");  // its circumferences are not in it
    std::ofstream(sb.dir() / "small.json") << small.dump();
    auto r = report_test::run("cd '" + sb.dir().string() +
                              "' && node '" SWELLTRACK_SOURCE_DIR "/tests/fhir/validate.js' small.json");
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Contains("fhir: 4 entries, valid=true, 0 problem(s)"));
    // A pseudonymous export has no photo: one can name a person.
    REQUIRE(sb.run({"export", "Maria Keller", "--format", "fhir", "--pseudonymous", "-o", "pseudo.json"}).code == 0);
    CHECK(swelltrack::testing::slurp(sb.dir() / "pseudo.json").find("\"Media\"") == std::string::npos);
}
