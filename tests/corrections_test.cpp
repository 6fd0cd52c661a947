// Figures a therapist can act on, through the real binary: pinned baselines, attention from the
// newest comparable session, corrections with an audit trail, the schedule. Every scenario is one
// that went wrong when the program was tried as a new user would.
//
// The worked example: an arm measured with the same circumference at every arm-4cm point. Each
// frustum segment is then h*(C^2 + C*C + C^2)/(12*pi) = h*C^2/(4*pi), so a side's volume is
// proportional to C^2 and RVC = (A2*U1)/(U2*A1) - 1 reduces to (Ca2/Ca1)^2 * (Cu1/Cu2)^2 - 1.
// Baseline both arms 20 cm; later the left (affected) arm 20.5 cm, the right 20 cm:
// RVC = (20.5/20)^2 - 1 = 420.25/400 - 1 = 0.050625 = +5.0625%, printed "+5.1%": rvc_5 (watch)
// once a second session in a row is over 5% too.
#include <date/date.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "report_test_util.h"
#include "run_binary.h"

using Catch::Matchers::Contains;
using nlohmann::json;
using swelltrack::testing::Run;
using swelltrack::testing::Sandbox;

namespace {

std::string all(const char* cm, int points = 11) {
    std::string s;
    for (int i = 0; i < points; ++i) s += (i ? "," : "") + std::string(cm);
    return s;
}

Run ok(const Sandbox& sb, const std::vector<std::string>& args, const std::optional<std::string>& input = {}) {
    auto r = sb.run(args, input);
    INFO("swelltrack " << args.front() << ": " << r.err);
    REQUIRE(r.code == 0);
    return r;
}

// Maria Keller, left arm affected, baseline date 2024-01-01: a complete baseline on 2 January and
// the +5.0625% session on 10 January, confirmed by the same figures measured earlier that morning
// (two sessions in a row over 5%; 8 days after the baseline, so no rapid rise).
void maria_on_watch(const Sandbox& sb, std::vector<std::string> add = {}) {
    std::vector<std::string> args{"client",     "add",  "Maria Keller", "--limb",    "arm",
                                  "--affected", "left", "--baseline",   "2024-01-01"};
    args.insert(args.end(), add.begin(), add.end());
    ok(sb, args);
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-02T09:00+01:00", "--left", all("20"), "--right", all("20")});
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-10T07:30+01:00", "--left", all("20.5"), "--right", all("20")});
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-10T09:00+01:00", "--left", all("20.5"), "--right", all("20")});
}

json status_of(const Sandbox& sb, const std::string& name) {
    for (const auto& e : json::parse(ok(sb, {"status", "--format", "json"}).out))
        if (e["name"] == name) return e;
    FAIL("no status for " << name);
    return {};
}

json history(const Sandbox& sb, const std::string& name) {
    return json::parse(ok(sb, {"history", name, "--format", "json"}).out);
}

const json& at(const json& h, const std::string& recorded_at) {
    for (const auto& e : h)
        if (e["recorded_at"] == recorded_at) return e;
    FAIL("no session at " << recorded_at);
    return h;
}

void is_on_watch(const json& st) {
    CHECK(st["attention"] == 1);
    CHECK(st["alerts"] == json::array({"rvc_5"}));
    CHECK(st["change_pct"].get<double>() == 5.06);  // status JSON: 2 decimals, as history (5.0625 -> 5.06)
}

// Midnight UTC `days` before today: between `days` and `days` + 1 days ago.
std::string days_ago(int days) {
    auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - std::chrono::days{days};
    date::year_month_day ymd{day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT00:00Z", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

}  // namespace

TEST_CASE("a symptoms-only or partial session after a watch keeps the client on watch") {
    Sandbox sb;
    maria_on_watch(sb);
    is_on_watch(status_of(sb, "Maria Keller"));
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-11T20:00+01:00", "--heaviness", "4"});
    is_on_watch(status_of(sb, "Maria Keller"));
    auto partial = all("20");
    partial.replace(partial.find("20,20"), 5, "20,-");  // point 2 not measured
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-12T09:00+01:00", "--left", partial, "--right", all("20")});
    auto st = status_of(sb, "Maria Keller");
    is_on_watch(st);
    CHECK(st["last_session"] == "2024-01-12T09:00:00+01:00");
    CHECK_THAT(st["reason"].get<std::string>(), Contains("watch closely) (2024-01-10)"));  // that session's alert
    // client show and the clinic count say the same.
    auto show = ok(sb, {"client", "show", "Maria Keller"}).out;
    CHECK_THAT(show, Contains("Attention (as in status): watch"));
    CHECK_THAT(show, Contains("[rvc_5] Relative volume change +5.1% since baseline"));
}

TEST_CASE("a session in another protocol neither becomes the comparison point nor clears earlier alerts") {
    Sandbox sb;
    maria_on_watch(sb);
    ok(sb, {"protocol", "add", "arm-10cm", "--limb", "arm", "--points", "0,10,20,30,40"});
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-13T09:00+01:00", "--protocol", "arm-10cm", "--left", all("20", 5),
            "--right", all("20", 5)});
    auto h = history(sb, "Maria Keller");
    const auto& watch = at(h, "2024-01-10T09:00:00+01:00");
    CHECK(watch["rvc_pct"] == 5.06);  // history JSON rounds to 2 places
    CHECK(watch["alerts"] == json::array({"rvc_5"}));
    // The arm-10cm session is that protocol's own baseline (0% against itself), carrying on from
    // 10 January's +5.0625% (docs/clinical.md#protocol-change): (1.050625 x 1) - 1 = +5.06%.
    const auto& other = at(h, "2024-01-13T09:00:00+01:00");
    CHECK(other["baseline"] == true);
    CHECK(other["rvc_pct"] == 5.06);
    is_on_watch(status_of(sb, "Maria Keller"));
    // The next arm-10cm session measures as that baseline: 0% since it, +5.06% carried. The watch
    // stands, confirmed by 10 January (the comparable session before it, in arm-4cm); it used to
    // drop to "no alerts" here, the arm as much larger as before.
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-20T09:00+01:00", "--protocol", "arm-10cm", "--left", all("20", 5),
            "--right", all("20", 5)});
    const auto after = history(sb, "Maria Keller");
    const auto& next = at(after, "2024-01-20T09:00:00+01:00");
    CHECK(next["rvc_pct"] == 5.06);
    CHECK(next["alerts"] == json::array({"rvc_5"}));
    is_on_watch(status_of(sb, "Maria Keller"));
    CHECK_THAT(ok(sb, {"history", "Maria Keller"}).out,
               Contains("Volumes are compared only within a protocol; arm-10cm's changes carry on from arm-4cm's "
                        "session of 2024-01-10 09:00 (+5.1%).\n"));
}

TEST_CASE("a back-dated session does not move the pinned baseline") {
    Sandbox sb;
    maria_on_watch(sb);
    // Old paper records: a complete session months earlier with a smaller left arm. As the
    // baseline it would read (20.5/19)^2 - 1 = +16.4%; pinned, 10 January stays +5.0625%.
    ok(sb, {"log", "Maria Keller", "--at", "2023-06-01T09:00+02:00", "--left", all("19"), "--right", all("20")});
    auto h = history(sb, "Maria Keller");
    CHECK(at(h, "2024-01-10T09:00:00+01:00")["rvc_pct"] == 5.06);
    CHECK(at(h, "2023-06-01T09:00:00+02:00")["rvc_pct"].is_null());  // before the baseline: not compared
    CHECK(at(h, "2024-01-02T09:00:00+01:00")["baseline"] == true);
    // status names the baseline and why it is the baseline.
    auto base = status_of(sb, "Maria Keller")["baseline"];
    CHECK(base["recorded_at"] == "2024-01-02T09:00:00+01:00");
    CHECK(base["reason"] == "first complete session in arm-4cm on or after the baseline date 2024-01-01");
}

TEST_CASE("an import of old records names the sessions dated before the pinned baseline") {
    Sandbox sb;
    maria_on_watch(sb);
    std::string twenty = "20";
    for (int i = 1; i < 11; ++i) twenty += ";20";
    auto r = ok(sb, {"import", "-"},
                "client,recorded_at,protocol,left,right\n"
                "Maria Keller,2023-12-01T09:00+01:00,arm-4cm," +
                    twenty + "," + twenty + "\n");
    CHECK_THAT(r.out, Contains("  note: 1 complete session(s) dated before the client's pinned baseline, so not "
                               "compared with it:\n    Maria Keller, 2023-12-01 09:00 (arm-4cm baseline 2024-01-02 "
                               "09:00)\n  'swelltrack client baseline NAME --at ...' moves a baseline\n"));
}

TEST_CASE("only client baseline moves a baseline, and the move is audited") {
    Sandbox sb;
    maria_on_watch(sb);
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-20T09:00+01:00", "--left", all("21"), "--right", all("20")});
    ok(sb, {"client", "baseline", "Maria Keller", "--at", "2024-01-10T09:00", "--reason",
            "the first session was measured over a bandage", "--by", "anna"});
    // Against 10 January (20.5 cm): (21/20.5)^2 - 1 = 441/420.25 - 1 = +4.9375% -> 4.94.
    auto h = history(sb, "Maria Keller");
    CHECK(at(h, "2024-01-20T09:00:00+01:00")["rvc_pct"] == 4.94);
    CHECK(at(h, "2024-01-10T09:00:00+01:00")["baseline"] == true);
    auto trail = json::parse(ok(sb, {"audit", "Maria Keller", "--format", "json"}).out);
    const auto& last = trail.back();
    CHECK(last["action"] == "baseline.pin");
    CHECK(last["by"] == "anna");
    CHECK(last["subject"] == "arm-4cm");
    CHECK(last["old"] == "2024-01-02T09:00:00+01:00");
    CHECK(last["new"] == "2024-01-10T09:00:00+01:00");
    CHECK(last["reason"] == "the first session was measured over a bandage");
}

TEST_CASE("a session is deleted with a reason, kept in the trail, and restored from it") {
    Sandbox sb;
    maria_on_watch(sb);
    const auto before = sb.snapshot();
    // Another client's values, kept past the plausibility check.
    ok(sb, {"log", "Maria Keller", "--at", "2024-01-12T09:00+01:00", "--left", all("30"), "--right", all("20"),
            "--confirm"});
    // Without a reason: refused, nothing changed.
    auto no_reason = sb.run({"session", "delete", "Maria Keller", "--at", "2024-01-12T09:00"});
    CHECK(no_reason.code == 2);
    CHECK_THAT(no_reason.err, Contains("--reason is required"));
    auto r = ok(
        sb, {"session", "delete", "Maria Keller", "--at", "2024-01-12T09:00", "--reason", "another client's values"});
    CHECK(sb.snapshot() == before);  // gone, exactly as before it was logged
    auto trail = json::parse(ok(sb, {"audit", "Maria Keller", "--format", "json"}).out);
    const auto& del = trail.back();
    CHECK(del["action"] == "session.delete");
    CHECK(del["reason"] == "another client's values");
    CHECK(del["old"]["left_mm"][0] == 300.0);
    CHECK(del["new"].is_null());
    ok(sb, {"session", "restore", "Maria Keller", "--at", "2024-01-12T09:00", "--reason", "it was hers after all"});
    auto h = history(sb, "Maria Keller");
    REQUIRE(h.size() == 4);  // the baseline, the two of 10 January and this one
    auto restored = json::parse(ok(sb, {"audit", "Maria Keller", "--format", "json"}).out).back();
    CHECK(restored["action"] == "session.restore");
    CHECK(restored["reason"] == "it was hers after all");
    // A second restore finds it stored and changes nothing.
    auto again = sb.run({"session", "restore", "Maria Keller", "--at", "2024-01-12T09:00", "--reason", "again"});
    CHECK(again.code == 1);
    CHECK_THAT(again.err, Contains("is stored already"));
    CHECK(at(h, "2024-01-12T09:00:00+01:00")["volume_ml"]["left"].get<double>() > 0);
}

TEST_CASE("the pinned baseline cannot be deleted or moved in time until another is pinned") {
    Sandbox sb;
    maria_on_watch(sb);
    auto moved = sb.run({"session", "edit", "Maria Keller", "--at", "2024-01-02T09:00", "--move-to",
                         "2024-01-20T09:00+01:00", "--reason", "wrong date"});
    CHECK(moved.code == 1);
    CHECK_THAT(moved.err, Contains("is the baseline of arm-4cm"));
    // Its values may be corrected: the pin stays, every later figure follows. Left 20 -> 20.25 cm:
    // 10 January reads (20.5/20.25)^2 - 1 = 420.25/410.0625 - 1 = +2.48%.
    ok(sb, {"session", "edit", "Maria Keller", "--at", "2024-01-02T09:00", "--left", all("20.25"), "--reason",
            "misread the tape"});
    CHECK(at(history(sb, "Maria Keller"), "2024-01-10T09:00:00+01:00")["rvc_pct"] == 2.48);
    auto r = sb.run({"session", "delete", "Maria Keller", "--at", "2024-01-02T09:00", "--reason", "typo"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Contains("is the baseline of arm-4cm"));
    CHECK_THAT(r.err, Contains("client baseline"));
    CHECK(history(sb, "Maria Keller").size() == 3);
    CHECK(at(history(sb, "Maria Keller"), "2024-01-02T09:00:00+01:00")["baseline"] == true);
}

TEST_CASE("a session is named by its recorded time to the minute, an unknown time is refused") {
    Sandbox sb;
    maria_on_watch(sb);
    auto shown = ok(sb, {"session", "show", "Maria Keller", "--at", "2024-01-10T09:00", "--format", "json"}).out;
    CHECK(json::parse(shown)["recorded_at"] == "2024-01-10T09:00:00+01:00");
    auto missing = sb.run({"session", "show", "Maria Keller", "--at", "2024-01-10T09:01"});
    CHECK(missing.code == 1);
    CHECK_THAT(missing.err, Contains("has no session at 2024-01-10T09:01"));
    // With an offset that does not match the stored one: not that session.
    CHECK(sb.run({"session", "show", "Maria Keller", "--at", "2024-01-10T09:00+02:00"}).code == 1);
}

TEST_CASE("sessions that share a minute are named by id: show, edit, delete and baseline take --id") {
    // A form saved three times in one minute (Save, Back, Save) left three sessions no --at could
    // tell apart, even with the offset. maria_on_watch stores ids 1-3; these are 4, 5 and 6.
    Sandbox sb;
    maria_on_watch(sb);
    for (const char* second : {"10", "20", "30"})
        ok(sb, {"log", "Maria Keller", "--at", "2024-01-20T07:23:" + std::string(second) + "+01:00", "--left",
                all("20.5"), "--right", all("20")});
    auto h = history(sb, "Maria Keller");
    REQUIRE(h.size() == 6);
    std::set<long> ids;
    for (const auto& e : h) {
        CHECK(e.at("id").is_number_integer());  // 4, not 4.0
        ids.insert(e.at("id").get<long>());
    }
    CHECK(ids == std::set<long>{1, 2, 3, 4, 5, 6});
    CHECK_THAT(ok(sb, {"history", "Maria Keller"}).out,
               Contains("\n 6  2024-01-20 07:23 ") && Contains("\n 1  2024-01-02 09:00 B "));

    auto which = sb.run({"session", "delete", "Maria Keller", "--at", "2024-01-20T07:23+01:00", "--reason", "twice"});
    CHECK(which.code == 1);
    CHECK_THAT(which.err, Contains("--at: Maria Keller has 3 sessions at 2024-01-20T07:23+01:00 (id 4 at "
                                   "2024-01-20T07:23:10+01:00, id 5 at 2024-01-20T07:23:20+01:00, id 6 at "
                                   "2024-01-20T07:23:30+01:00); name one with --id"));

    ok(sb, {"session", "delete", "Maria Keller", "--id", "5", "--reason", "saved twice"});
    ok(sb, {"session", "edit", "Maria Keller", "--id", "6", "--reason", "a typo", "--pain", "3"});
    auto after = history(sb, "Maria Keller");
    REQUIRE(after.size() == 5);
    ids.clear();
    for (const auto& e : after) ids.insert(e.at("id").get<long>());
    CHECK(ids == std::set<long>{1, 2, 3, 4, 6});
    auto six = json::parse(ok(sb, {"session", "show", "Maria Keller", "--id", "6", "--format", "json"}).out);
    CHECK(six["symptoms"]["pain"] == 3);
    ok(sb, {"client", "baseline", "Maria Keller", "--id", "2", "--reason", "the first steady one"});
    CHECK(at(history(sb, "Maria Keller"), "2024-01-10T07:30:00+01:00")["baseline"] == true);

    // Another client's id, a deleted one, a bad number, neither or both: refused, nothing changed.
    ok(sb, {"client", "add", "Jonas Weber", "--limb", "arm", "--affected", "right"});
    ok(sb, {"log", "Jonas Weber", "--left", all("20"), "--right", all("20")});  // id 7
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    for (const auto& [args, says] : std::vector<Case>{
             {{"--id", "7"},
              "--id: Maria Keller has no session with id 7; 'swelltrack history \"Maria Keller\"' lists them"},
             {{"--id", "5"}, "--id: Maria Keller has no session with id 5"},
             {{"--id", "0"}, "id: 0 is below the allowed range 1-2147483647"},
             {{"--id", "x"}, "id: 'x' is not a whole number; allowed 1-2147483647"},
             {{}, "--at or --id: name the session by its time or its id"},
             {{"--id", "4", "--at", "2024-01-20T07:23"}, "excludes"},
         }) {
        std::vector<std::string> words{"session", "delete", "Maria Keller", "--reason", "x"};
        words.insert(words.end(), args.begin(), args.end());
        auto r = sb.run(words);
        INFO(r.err);
        CHECK(r.code != 0);
        CHECK_THAT(r.err, Contains(says));
    }
    CHECK(history(sb, "Maria Keller").size() == 5);
    CHECK(history(sb, "Jonas Weber").size() == 1);
}

TEST_CASE("changing the affected side under sessions says what it changes and needs a reason") {
    Sandbox sb;
    maria_on_watch(sb);
    const auto before = sb.snapshot();
    auto r = sb.run({"client", "edit", "Maria Keller", "--affected", "right"});
    CHECK(r.code == 1);
    // Read with the right arm affected, 10 January is (20/20)^2*(20/20.5)^2 - 1 = 400/420.25 - 1
    // = -4.8186% -> "-4.8%".
    CHECK_THAT(r.err, Contains("goes from +5.1% to -4.8%"));
    CHECK_THAT(r.err, Contains("--reason"));
    CHECK(sb.snapshot() == before);
    ok(sb, {"client", "edit", "Maria Keller", "--affected", "right", "--reason", "intake form had the sides swapped"});
    auto trail = json::parse(ok(sb, {"audit", "Maria Keller", "--format", "json"}).out);
    CHECK(trail.back()["action"] == "client.edit");
    CHECK(trail.back()["old"]["affected"] == "left");
    CHECK(trail.back()["new"]["affected"] == "right");
    // The limb cannot change under arm sessions at all.
    auto limb = sb.run({"client", "edit", "Maria Keller", "--limb", "leg", "--reason", "x"});
    CHECK(limb.code == 1);
    CHECK_THAT(limb.err, Contains("add a new client instead"));
}

TEST_CASE("every change is in the audit trail: log, import, settings, archive") {
    Sandbox sb;
    maria_on_watch(sb);
    ok(sb, {"settings", "set", "--watch-pct", "6"});
    ok(sb, {"client", "archive", "Maria Keller"});
    ok(sb, {"protocol", "add", "hand-3", "--limb", "arm", "--points", "0,3,6"});
    auto trail = json::parse(ok(sb, {"audit", "--format", "json"}).out);
    std::vector<std::string> actions;
    for (const auto& e : trail) actions.push_back(e["action"]);
    CHECK(actions == std::vector<std::string>{"client.add", "session.add", "baseline.pin", "session.add", "session.add",
                                              "settings", "client.edit", "protocol.add"});
    CHECK(trail[7]["new"]["points_cm"] == json::array({0, 3, 6}));
    // Only the setting that changed is written: the others stay defaults, and the entry names one.
    CHECK(trail[5]["old"] == json::object());
    CHECK(trail[5]["new"] == json{{"change_watch_pct", "6"}});
    CHECK(trail[5]["text"].get<std::string>().rfind(
              "Settings changed: Watch threshold (% change since baseline): default -> 6 - by ", 0) == 0);
    CHECK(trail[6]["new"]["archived"] == true);
    CHECK(trail[6]["text"].get<std::string>().rfind("Client details changed: Archived: no -> yes - by ", 0) == 0);
    // Who: the login name unless --by says otherwise.
    CHECK_FALSE(trail[0]["by"].get<std::string>().empty());
}

TEST_CASE("infection signs keep a client at act now for 14 days, a schedule marks her overdue") {
    Sandbox sb;
    ok(sb, {"client", "add", "Ada", "--limb", "arm", "--affected", "left", "--every", "7d"});
    ok(sb, {"log", "Ada", "--at", days_ago(30), "--left", all("20"), "--right", all("20")});
    ok(sb, {"log", "Ada", "--at", days_ago(21), "--left", all("20.5"), "--right", all("20")});
    ok(sb, {"log", "Ada", "--at", days_ago(20), "--left", all("20.5"), "--right", all("20")});  // confirms +5.06%
    ok(sb, {"log", "Ada", "--at", days_ago(10), "--skin", "redness,warmth"});
    auto st = status_of(sb, "Ada");
    CHECK(st["attention"] == 2);
    CHECK(st["alerts"] == json::array({"rvc_5", "infection_signs"}));
    CHECK(st["days_since_last"] == 10);
    CHECK(st["overdue"] == true);  // 10 days > every 7 days
    ok(sb, {"client", "edit", "Ada", "--every", "2w"});
    CHECK(status_of(sb, "Ada")["overdue"] == false);  // 10 days <= 14
}

TEST_CASE("a typo is refused as implausible, kept with --confirm, then corrected with a reason") {
    Sandbox sb;
    maria_on_watch(sb);
    // 25.0 typed for 20.5 at point 5 (16 cm from the wrist): 4.5 cm from 10 January's 20.5 cm,
    // more than the 3 cm the plausibility check allows.
    auto typo = all("20.5");
    typo.replace(4 * 5, 4, "25.0");  // "20.5," is 5 characters: point 5 starts at offset 20
    REQUIRE(typo.substr(0, 30) == "20.5,20.5,20.5,20.5,25.0,20.5,");
    const auto before = sb.snapshot();
    auto refused =
        sb.run({"log", "Maria Keller", "--at", "2024-01-12T09:00+01:00", "--left", typo, "--right", all("20")});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Contains("Left arm, 16 cm from the wrist (point 5): 25.0 cm, previously 20.5 cm"));
    CHECK_THAT(refused.err, Contains("--confirm"));
    CHECK(sb.snapshot() == before);
    ok(sb,
       {"log", "Maria Keller", "--at", "2024-01-12T09:00+01:00", "--left", typo, "--right", all("20"), "--confirm"});
    // The correction: only the left side given; everything else stays.
    auto r = ok(sb, {"session", "edit", "Maria Keller", "--at", "2024-01-12T09:00", "--left", all("20.5"), "--weight",
                     "71.5", "--reason", "typed 25.0 for 20.5", "--by", "Th. Brandt"});
    CHECK_THAT(r.out, Contains("RVC"));
    auto h = history(sb, "Maria Keller");
    const auto& fixed = at(h, "2024-01-12T09:00:00+01:00");
    CHECK(fixed["rvc_pct"] == 5.06);  // (20.5/20)^2 - 1 again, as on 10 January
    CHECK(fixed["weight_kg"] == 71.5);
    auto trail = json::parse(ok(sb, {"audit", "Maria Keller", "--format", "json"}).out);
    const auto& edit = trail.back();
    CHECK(edit["action"] == "session.edit");
    CHECK(edit["by"] == "Th. Brandt");            // --by names who corrects...
    CHECK(edit["new"]["recorded_by"] == "self");  // ...not who measured (--measured-by)
    CHECK(edit["reason"] == "typed 25.0 for 20.5");
    CHECK(edit["old"]["left_mm"][4] == 250.0);
    CHECK(edit["new"]["left_mm"][4] == 205.0);
    CHECK(edit["old"]["weight_kg"].is_null());
    // A correction without a reason changes nothing.
    const auto corrected = sb.snapshot();
    auto no_reason = sb.run({"session", "edit", "Maria Keller", "--at", "2024-01-12T09:00", "--weight", "80"});
    CHECK(no_reason.code == 2);
    CHECK_THAT(no_reason.err, Contains("--reason is required"));
    CHECK(sb.snapshot() == corrected);
    // Moving a session to a wrong date is a correction too.
    ok(sb, {"session", "edit", "Maria Keller", "--at", "2024-01-12T09:00", "--move-to", "2024-01-13T09:00+01:00",
            "--reason", "logged the next morning"});
    CHECK(history(sb, "Maria Keller").back()["recorded_at"] == "2024-01-13T09:00:00+01:00");
}

TEST_CASE("a new baseline date never moves a pinned baseline, and says so") {
    Sandbox sb;
    maria_on_watch(sb);
    auto r = ok(sb, {"client", "edit", "Maria Keller", "--baseline", "2024-01-05"});
    CHECK_THAT(r.out, Contains("note: the baseline in arm-4cm stays the session of 2024-01-02 09:00"));
    CHECK_THAT(r.out, Contains("swelltrack client baseline \"Maria Keller\" --at DATETIME --reason TEXT"));
    CHECK(at(history(sb, "Maria Keller"), "2024-01-10T09:00:00+01:00")["rvc_pct"] == 5.06);
}

TEST_CASE("the therapist's findings are shown in history and client show, the clinic summary counts the watch") {
    Sandbox sb;
    maria_on_watch(sb);
    ok(sb, {"log",
            "Maria Keller",
            "--at",
            "2024-01-11T10:00+01:00",
            "--pitting",
            "2",
            "--stemmer",
            "positive",
            "--isl-stage",
            "2",
            "--compression",
            "garment",
            "--garment-class",
            "2",
            "--mld-minutes",
            "45",
            "--bandaging",
            "--by",
            "Th. Brandt",
            "--context",
            "after"});
    const std::string findings =
        "pitting 2+, Stemmer +, ISL II, garment class II, MLD 45 min, bandaging, by Th. Brandt, after treatment";
    auto h = history(sb, "Maria Keller");
    CHECK(at(h, "2024-01-11T10:00:00+01:00")["findings"] == findings);
    CHECK(at(h, "2024-01-10T09:00:00+01:00")["findings"] == "");
    CHECK_THAT(ok(sb, {"history", "Maria Keller"}).out, Contains(findings));
    CHECK_THAT(ok(sb, {"client", "show", "Maria Keller"}).out, Contains("Latest findings (2024-01-11): " + findings));
    // The findings-only session keeps her on watch, in the clinic summary too.
    ok(sb, {"report", "--clinic", "-o", "clinic.pdf"});
    std::string text;  // the PDF's text with every run of white space as one space (lines wrap)
    for (char c : report_test::text_of(sb.dir() / "clinic.pdf"))
        if (!std::isspace(static_cast<unsigned char>(c)))
            text += c;
        else if (!text.empty() && text.back() != ' ')
            text += ' ';
    CHECK_THAT(text,
               Contains("1 active client(s): 0 with a range-level or infection-sign alert, 1 with a watch-level"));
}
