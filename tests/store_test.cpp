#include "swelltrack/store.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "file_size_limit.h"
#include "swelltrack/error.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::TempDir;

namespace {
unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777u;
}
}  // namespace

TEST_CASE("a new database and its WAL files are owner-only (0600), parent folders created (0700)") {
    TempDir dir;
    struct PermissiveUmask {  // the modes must not come from the umask, so test with the most permissive
        mode_t old = ::umask(0);
        ~PermissiveUmask() { ::umask(old); }
    } permissive;
    auto file = dir / "nested/deeper/clients.db";
    Store store(file);
    store.add_client(testing::arm_client("Ada"));  // a write, so -wal and -shm exist
    CHECK(mode_of(file) == 0600);
    for (auto suffix : {"-wal", "-shm"}) {
        auto side = std::filesystem::path(file.string() + suffix);
        REQUIRE(std::filesystem::exists(side));  // the store is open and has written: both exist
        CHECK(mode_of(side) == 0600);
    }
    CHECK(mode_of(dir / "nested") == 0700);
    CHECK(mode_of(dir / "nested/deeper") == 0700);
    CHECK(store.schema_version() == current_schema_version());
}

TEST_CASE("a client keeps every field, including a non-Latin name") {
    TempDir dir;
    Store store(dir / "db");
    Client c = testing::arm_client("王芳", Affected::right);
    c.birth_year = 1961;
    c.unit = LengthUnit::in;
    c.notes = "prefers \"mornings\", after coffee";
    c.id = store.add_client(c);
    auto back = store.get_client("王芳");
    CHECK(back.id == c.id);
    CHECK(back.name == c.name);
    CHECK(back.birth_year == 1961);
    CHECK(back.condition == c.condition);
    CHECK(back.affected == Affected::right);
    CHECK(back.baseline_date == c.baseline_date);
    CHECK(back.unit == LengthUnit::in);
    CHECK(back.notes == c.notes);
    CHECK_FALSE(back.archived);
}

TEST_CASE("a client name already in use is refused and an unknown name says how to list clients") {
    TempDir dir;
    Store store(dir / "db");
    store.add_client(testing::arm_client("Maria Keller"));
    CHECK_THROWS_WITH(store.add_client(testing::arm_client("Maria Keller")), Catch::Contains("already exists"));
    // The store states the facts and names the remedy; each face words it (no command in the sentence).
    try {
        store.get_client("Nobody");
        FAIL("no error for a client that does not exist");
    } catch (const UserError& e) {
        CHECK(std::string(e.what()) == "client: no client called 'Nobody'");
        CHECK(e.remedy() == Remedy::list_clients);
    }
    CHECK_FALSE(store.find_client("Nobody"));
}

TEST_CASE("renaming a client checks the new name and archived clients are listed only when asked") {
    TempDir dir;
    Store store(dir / "db");
    auto a = testing::arm_client("Anna");
    a.id = store.add_client(a);
    store.add_client(testing::arm_client("Berta"));
    a.name = "Berta";
    CHECK_THROWS_AS(store.update_client(a), UserError);
    a.name = "Anna Schmidt";
    store.update_client(a);
    CHECK(store.get_client("Anna Schmidt").id == a.id);
    store.set_archived(a.id, true);
    CHECK(store.list_clients().size() == 1);
    CHECK(store.list_clients(true).size() == 2);
    CHECK_THROWS_AS(store.set_archived(999, true), UserError);
}

TEST_CASE("user protocols come after the built-ins and keep exact positions") {
    TempDir dir;
    Store store(dir / "db");
    store.add_protocol({"hand-wrist", LimbKind::arm, {0, 2.5, 7.25, 10}, false});
    auto all = store.list_protocols();
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "arm-4cm");
    CHECK(all[2].name == "hand-wrist");
    CHECK(store.get_protocol("hand-wrist").positions_cm == std::vector<double>{0, 2.5, 7.25, 10});
    CHECK_THROWS_WITH(store.add_protocol({"arm-4cm", LimbKind::arm, {0, 4}, false}), Catch::Contains("in use"));
    CHECK_THROWS_WITH(store.get_protocol("nope"), Catch::Contains("arm-4cm, leg-4cm, hand-wrist"));
}

TEST_CASE("a session keeps every measurement, symptom, skin and treatment field") {
    TempDir dir;
    Store store(dir / "db");
    auto id = store.add_client(testing::arm_client("Maria Keller"));
    auto s = testing::arm_session(id, "2025-03-01T08:30+01:00");
    s.left_mm[3].reset();  // missing, never zero
    s.recorded_by = "Th. Brandt";
    s.context = SessionContext::after_treatment;
    s.weight_kg = 68.4;
    s.compression = {CompressionKind::garment, 2, 23, 32, true};
    s.treatment = {45, true, false};
    s.symptoms.heaviness = 4;
    s.symptoms.pain = 0;
    s.symptoms.pitting_grade = 2;
    s.symptoms.pitting_depth_mm = 3.5;
    s.symptoms.pitting_rebound_s = 12;
    s.symptoms.stemmer = StemmerSign::positive;
    s.symptoms.isl_stage = 2;
    s.skin.set(SkinFlag::redness);
    s.skin.set(SkinFlag::warmth);
    s.skin_note = "warm patch, forearm";
    s.notes = "felt tight after the flight, \"better\" by evening";
    s.id = store.record_session(s);

    auto h = store.load_history(id);
    REQUIRE(h.size() == 1);
    const auto& b = h[0];
    CHECK(b.id == s.id);
    CHECK(b.recorded_at.utc == s.recorded_at.utc);
    CHECK(b.recorded_at.offset == std::chrono::minutes{60});
    CHECK(b.left_mm == s.left_mm);
    CHECK(b.right_mm == s.right_mm);
    CHECK_FALSE(b.left_mm[3].has_value());
    CHECK(b.recorded_by == s.recorded_by);
    CHECK(b.context == s.context);
    CHECK(b.weight_kg == s.weight_kg);
    CHECK(b.compression == s.compression);
    CHECK(b.treatment == s.treatment);
    CHECK(b.symptoms.heaviness == 4);
    CHECK(b.symptoms.pain == 0);
    CHECK_FALSE(b.symptoms.tightness);
    CHECK(b.symptoms.pitting_depth_mm == 3.5);
    CHECK(b.symptoms.pitting_rebound_s == 12);
    CHECK(b.symptoms.stemmer == StemmerSign::positive);
    CHECK(b.symptoms.isl_stage == 2);
    CHECK(b.skin == s.skin);
    CHECK(b.skin_note == s.skin_note);
    CHECK(b.notes == s.notes);
    CHECK(store.last_session(id)->id == s.id);
    CHECK(store.session_count(id) == 1);
}

TEST_CASE("a request named twice stores one session, and its name goes with a deleted session") {
    TempDir dir;
    Store store(dir / "db");
    auto id = store.add_client(testing::arm_client("Maria Keller"));
    store.record_session(testing::arm_session(id, "2025-02-20T08:30+01:00"));  // the baseline, never deleted
    auto first = store.record_session_once(testing::arm_session(id, "2025-03-01T08:30+01:00"), "maria\n1\nk1");
    CHECK_FALSE(first.repeated);
    CHECK(store.session_for_request("maria\n1\nk1") == first.id);
    CHECK_FALSE(store.session_for_request("maria\n1\nk2"));
    // Again, even with other values and another time (inside the write: two copies at once store one).
    auto again = store.record_session_once(testing::arm_session(id, "2025-03-02T08:30+01:00"), "maria\n1\nk1");
    CHECK(again.repeated);
    CHECK(again.id == first.id);
    CHECK(store.session_count(id) == 2);
    // Deleted: the name goes with it, and the same request stores anew.
    store.delete_session(first.id, "saved by mistake");
    CHECK_FALSE(store.session_for_request("maria\n1\nk1"));
    auto anew = store.record_session_once(testing::arm_session(id, "2025-03-01T08:30+01:00"), "maria\n1\nk1");
    CHECK_FALSE(anew.repeated);
    CHECK(anew.id != first.id);
    CHECK_THROWS_AS(store.record_session_once(testing::arm_session(id, "2025-03-04T08:30Z"), std::string(513, 'k')),
                    UserError);
    CHECK(store.session_count(id) == 2);
}

TEST_CASE("a second session at the same instant, an unknown client and a leg protocol on an arm are refused") {
    TempDir dir;
    Store store(dir / "db");
    auto id = store.add_client(testing::arm_client("Maria Keller"));
    store.record_session(testing::arm_session(id, "2025-03-01T08:30+01:00"));
    // Same instant written with another offset.
    CHECK_THROWS_WITH(store.record_session(testing::arm_session(id, "2025-03-01T07:30Z")),
                      Catch::Contains("already has a session"));
    CHECK_THROWS_AS(store.record_session(testing::arm_session(id + 7, "2025-03-02T08:30Z")), UserError);
    auto leg = testing::arm_session(id, "2025-03-03T08:30Z");
    leg.protocol = "leg-4cm";
    leg.left_mm.resize(16, 300.0);
    leg.right_mm.resize(16, 300.0);
    CHECK_THROWS_WITH(store.record_session(leg), Catch::Contains("is for a leg"));
    CHECK(store.session_count(id) == 1);
}

TEST_CASE("history is a date range, oldest first, and status loads the baseline plus the recent window") {
    TempDir dir;
    Store store(dir / "db");
    auto id = store.add_client(testing::arm_client("Maria Keller"));
    // Two early sessions with only one side (no baseline yet), then 100 daily sessions.
    auto one_sided = testing::arm_session(id, "2024-01-01T08:00Z");
    one_sided.right_mm.clear();
    store.record_session(one_sided);
    one_sided.recorded_at = parse_datetime("2024-01-02T08:00Z");
    store.record_session(one_sided);
    auto day0 = parse_datetime("2024-02-01T08:00Z");
    for (int d = 0; d < 100; ++d) {
        auto s = testing::arm_session(id, "2024-02-01T08:00Z", 1.0 + d * 0.001);
        s.recorded_at.utc = day0.utc + std::chrono::hours{24 * d};
        store.record_session(s);
    }
    auto all = store.load_history(id);
    REQUIRE(all.size() == 102);
    CHECK(std::is_sorted(all.begin(), all.end(),
                         [](const Session& a, const Session& b) { return a.recorded_at < b.recorded_at; }));
    auto range = store.load_history(id, parse_datetime("2024-02-05T08:00Z"), parse_datetime("2024-02-09T08:00Z"));
    CHECK(range.size() == 5);
    CHECK(store.load_history(id, parse_datetime("2024-06-01")).empty());

    // The first two-sided session on or after the client's baseline date (2024-03-01, day 29 of
    // the daily ones) was pinned as the baseline when it was logged.
    const auto pinned = parse_datetime("2024-03-01T08:00Z");
    REQUIRE(store.baselines(id).size() == 1);
    CHECK(store.session_by_id(store.baselines(id)[0].session_id)->recorded_at == pinned);
    // Now = the newest session + 1 day: the window is min(newest - 14 days, now - 14 days), i.e.
    // 15 days of sessions, plus the pinned baseline.
    auto now = all.back().recorded_at.utc + std::chrono::hours{24};
    auto status = store.load_status_sessions(id, 14, now);
    REQUIRE(status.size() == 16);
    CHECK(status[0].recorded_at == pinned);
    CHECK(status.back().recorded_at == all.back().recorded_at);
    CHECK(status[1].recorded_at.utc == all.back().recorded_at.utc - std::chrono::hours{24 * 14});
    CHECK(store.load_status_sessions(id + 1, 14, now).empty());
}

TEST_CASE("thresholds and the volume method persist and are validated") {
    TempDir dir;
    auto file = dir / "db";
    {
        Store store(file);
        CHECK(store.volume_method() == VolumeMethod::frustum);
        AlertThresholds t;
        t.change_watch_pct = 4.5;
        t.rapid_rise_days = 10;
        store.set_thresholds(t);
        store.set_volume_method(VolumeMethod::disk);
        t.rapid_rise_pct = 1.0;  // below the smallest real difference
        CHECK_THROWS_AS(store.set_thresholds(t), UserError);
    }
    Store store(file);
    CHECK(store.thresholds().change_watch_pct == 4.5);
    CHECK(store.thresholds().rapid_rise_days == 10);
    CHECK(store.volume_method() == VolumeMethod::disk);
}

TEST_CASE("a backup is a consistent owner-only copy and is not overwritten unless asked") {
    TempDir dir;
    Store store(dir / "db");
    auto id = store.add_client(testing::arm_client("Maria Keller"));
    store.record_session(testing::arm_session(id, "2025-03-01T08:30+01:00"));
    auto copy = dir / "backups/copy.db";
    store.backup_to(copy);
    CHECK(mode_of(copy) == 0600);
    CHECK_THROWS_WITH(store.backup_to(copy), Catch::Contains("already exists"));
    store.backup_to(copy, true);
    Store restored(copy);
    CHECK(restored.session_count(restored.get_client("Maria Keller").id) == 1);
    CHECK(restored.check().empty());
}

TEST_CASE("a backup --force that fails (disk full) keeps the previous backup and names it") {
    TempDir dir;
    Store store(dir / "db");
    auto id = store.add_client(testing::arm_client("Maria Keller"));
    store.record_session(testing::arm_session(id, "2025-03-01T08:30+01:00"));
    auto copy = dir / "copy.db";
    store.backup_to(copy);
    auto previous = testing::read_file(copy);
    {
        testing::FileSizeLimit full(1024);  // smaller than one database page
        CHECK_THROWS_WITH(store.backup_to(copy, true),
                          Catch::Contains("cannot write " + copy.string()) && Catch::Contains("File too large"));
    }
    CHECK(testing::read_file(copy) == previous);
    // No temporary (nor its journal) is left next to the backup.
    std::vector<std::string> left;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        if (e.path().filename().string().starts_with("copy.db")) left.push_back(e.path().filename().string());
    CHECK(left == std::vector<std::string>{"copy.db"});
}

TEST_CASE("a file that is not a database is refused with a clear message") {
    TempDir dir;
    auto file = dir / "notes.txt";
    testing::write_file(file, std::string(4096, 'x'));
    CHECK_THROWS_WITH(Store(file), Catch::Contains("not a swelltrack database"));
    CHECK(testing::read_file(file) == std::string(4096, 'x'));
}

namespace {
// What a user who may read but not write `file` is told when adding a client: "" if it worked.
std::string write_refusal(const std::filesystem::path& file) {
    try {
        Store store(file);
        store.add_client(testing::arm_client("Ada"));
        return "";
    } catch (const UserError& e) {
        return e.what();
    }
}
}  // namespace

TEST_CASE("a read-only database reports that it is read-only") {
    TempDir dir;
    auto file = dir / "db";
    { Store store(file); }
    ::chmod(file.c_str(), 0444);
    std::string message;
    if (::geteuid() != 0) {
        message = write_refusal(file);
    } else {
        // Root may write anything: ask as an unprivileged user (nobody) in a child process.
        ::chmod(dir.path().c_str(), 0755);
        int out[2];
        REQUIRE(::pipe(out) == 0);
        pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
            auto m = write_refusal(file);
            if (::write(out[1], m.data(), m.size()) < 0) ::_exit(3);
            ::_exit(0);
        }
        ::close(out[1]);
        char buf[512];
        ssize_t n;
        while ((n = ::read(out[0], buf, sizeof buf)) > 0) message.append(buf, static_cast<std::size_t>(n));
        ::close(out[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 0);
    }
    INFO(message);
    CHECK_THAT(message, Catch::Contains("read-only") || Catch::Contains("cannot be opened"));
    CHECK_THAT(message, Catch::Contains(file.string()));
}

TEST_CASE("names are compared trimmed and in Unicode NFC, so lookalike duplicates are refused") {
    TempDir dir;
    Store store(dir / "db");
    store.add_client(testing::arm_client("Maria Keller"));
    CHECK_THROWS_WITH(store.add_client(testing::arm_client("Maria Keller ")), Catch::Contains("already exists"));
    CHECK(store.get_client("  Maria Keller").name == "Maria Keller");
    store.add_client(testing::arm_client("Jos\xc3\xa9"));  // é as one code point (U+00E9)
    // e followed by a combining acute accent (U+0301): the same name to a reader.
    CHECK_THROWS_WITH(store.add_client(testing::arm_client("Jose\xcc\x81")), Catch::Contains("already exists"));
    CHECK(store.get_client("Jose\xcc\x81").name == "Jos\xc3\xa9");
    CHECK(normalize_name(" Jose\xcc\x81\t") == "Jos\xc3\xa9");
}

TEST_CASE("plausibility settings persist, default to 3 cm, 15% and 15%, and are validated") {
    TempDir dir;
    auto file = dir / "db";
    {
        Store store(file);
        CHECK(store.plausibility_limits() == PlausibilityLimits{3.0, 15.0, 15.0});
        store.set_plausibility_limits({2.5, 12.0, 20.0});
        CHECK_THROWS_AS(store.set_plausibility_limits({0.5, 12.0, 20.0}), UserError);  // under 1 cm
    }
    Store store(file);
    CHECK(store.plausibility_limits() == PlausibilityLimits{2.5, 12.0, 20.0});
}

TEST_CASE("the previous sessions are, per side, the newest earlier ones in the same protocol") {
    TempDir dir;
    Store store(dir / "db");
    auto id = store.add_client(testing::arm_client("Maria Keller"));
    auto other = store.add_client(testing::arm_client("Other Client"));
    store.add_protocol({"arm-8cm", LimbKind::arm, {0, 8, 16, 24, 32, 40}, false});
    // 1 Jan both sides; 3 Jan the left side only; 4 Jan another protocol; 5 Jan another client.
    store.record_session(testing::arm_session(id, "2025-01-01T08:00Z"));
    auto left_only = testing::arm_session(id, "2025-01-03T08:00Z");
    left_only.right_mm.clear();
    store.record_session(left_only);
    Session eight = testing::arm_session(id, "2025-01-04T08:00Z");
    eight.protocol = "arm-8cm";
    eight.left_mm.resize(6);
    eight.right_mm.resize(6);
    store.record_session(eight);
    store.record_session(testing::arm_session(other, "2025-01-05T08:00Z"));

    auto now = testing::arm_session(id, "2025-01-06T08:00Z");
    auto earlier = store.previous_sessions(id, "arm-4cm", now.recorded_at);
    REQUIRE(earlier.size() == 2);  // oldest first: 1 Jan (the right side's), 3 Jan (the left side's)
    CHECK(earlier[0].recorded_at == parse_datetime("2025-01-01T08:00Z"));
    CHECK(earlier[1].recorded_at == parse_datetime("2025-01-03T08:00Z"));
    auto previous = find_previous(now, earlier);
    REQUIRE(previous.left);
    REQUIRE(previous.right);
    CHECK(previous.left->recorded_at == parse_datetime("2025-01-03T08:00Z"));
    CHECK(previous.right->recorded_at == parse_datetime("2025-01-01T08:00Z"));
    CHECK(previous.left->left_mm == left_only.left_mm);

    // Strictly before: the 3 Jan session is not its own previous; nothing before 1 Jan.
    CHECK(store.previous_sessions(id, "arm-4cm", parse_datetime("2025-01-03T08:00Z")).size() == 1);
    CHECK(store.previous_sessions(id, "arm-4cm", parse_datetime("2025-01-01T08:00Z")).empty());
    CHECK(store.previous_sessions(id, "arm-8cm", now.recorded_at).size() == 1);
}

TEST_CASE("the previous sessions reach back to the last value of every point, and a typo there is refused") {
    TempDir dir;
    Store store(dir / "db");
    auto id = store.add_client(testing::arm_client("Maria Keller"));
    // 1 Jan both arms complete; 2-4 Jan the left arm's first point only. A session of 5 Jan with a
    // 10 cm typo at point 3 of the left arm: that point was last measured on 1 Jan.
    auto full = testing::arm_session(id, "2025-01-01T08:00Z");
    store.record_session(full);
    for (const char* at : {"2025-01-02T08:00Z", "2025-01-03T08:00Z", "2025-01-04T08:00Z"}) {
        auto wrist = testing::arm_session(id, at);
        wrist.right_mm.clear();
        for (std::size_t i = 1; i < wrist.left_mm.size(); ++i) wrist.left_mm[i].reset();
        store.record_session(wrist);
    }
    auto now = testing::arm_session(id, "2025-01-05T08:00Z");
    auto earlier = store.previous_sessions(id, "arm-4cm", now.recorded_at);
    // Oldest first: 1 Jan (the right side, and left points 2-11), 4 Jan (the left side, point 1).
    REQUIRE(earlier.size() == 2);
    CHECK(earlier[0].recorded_at == parse_datetime("2025-01-01T08:00Z"));
    CHECK(earlier[1].recorded_at == parse_datetime("2025-01-04T08:00Z"));
    *now.left_mm[2] += 100;  // +10 cm
    auto found = store.implausible(now, *find_builtin_protocol("arm-4cm"), store.get_client("Maria Keller"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].field == "left point 3");
    CHECK_THAT(found[0].message, Catch::Contains("previously 19.7 cm on 2025-01-01 08:00"));  // 188 mm x 1.05
}

TEST_CASE(
    "logins: added, found after NFC and trimming, listed, password changed, removed; each audited without the hash") {
    TempDir dir;
    Store store(dir / "c.db");
    store.set_actor("th");
    auto ada = store.add_client(testing::arm_client("Ada"));
    store.add_user(User{"tess", Role::therapist, std::nullopt, "", "$argon2id$hash-1"});
    store.add_user(User{" Jose\xCC\x81 ", Role::client, ada, "", "$argon2id$hash-2"});  // "José" decomposed
    auto jose = store.find_user("Jos\xC3\xA9");                                         // composed: the same login
    REQUIRE(jose);
    CHECK(jose->login == "Jos\xC3\xA9");
    CHECK(jose->role == Role::client);
    CHECK(jose->client_id == ada);
    CHECK(jose->client_name == "Ada");
    auto users = store.list_users();
    REQUIRE(users.size() == 2);
    CHECK(users[0].login == "Jos\xC3\xA9");  // by login, bytewise
    CHECK(users[1].login == "tess");
    CHECK_THROWS_WITH(store.add_user(User{"tess", Role::therapist, std::nullopt, "", "h"}),
                      Catch::Contains("login: 'tess' is in use"));
    store.set_password_hash("tess", "$argon2id$hash-3");
    CHECK(store.find_user("tess")->password_hash == "$argon2id$hash-3");
    store.remove_user("tess");
    CHECK_FALSE(store.find_user("tess"));
    CHECK_THROWS_WITH(store.remove_user("tess"), Catch::Contains("there is no login 'tess'"));
    std::vector<std::string> actions;
    for (const auto& e : store.audit_trail()) {
        if (e.action.rfind("user.", 0) != 0) continue;
        actions.push_back(e.action + " " + e.subject);
        CHECK(e.old_value.find("argon2id") == std::string::npos);
        CHECK(e.new_value.find("argon2id") == std::string::npos);
    }
    CHECK(actions ==
          std::vector<std::string>{"user.add tess", "user.add Jos\xC3\xA9", "user.passwd tess", "user.remove tess"});
}

TEST_CASE("a login's role and client must agree, and a login is one word") {
    TempDir dir;
    Store store(dir / "c.db");
    auto ada = store.add_client(testing::arm_client("Ada"));
    CHECK_THROWS_WITH(store.add_user(User{"c1", Role::client, std::nullopt, "", "h"}),
                      Catch::Contains("a client's login needs the client it may see"));
    CHECK_THROWS_WITH(store.add_user(User{"t1", Role::therapist, ada, "", "h"}),
                      Catch::Contains("a therapist's login sees every client"));
    CHECK_THROWS_WITH(store.add_user(User{"two words", Role::therapist, std::nullopt, "", "h"}),
                      Catch::Contains("has a space"));
    CHECK_THROWS_WITH(store.add_user(User{"a/b", Role::therapist, std::nullopt, "", "h"}), Catch::Contains("'/'"));
    CHECK_THROWS_WITH(store.add_user(User{std::string(65, 'x'), Role::therapist, std::nullopt, "", "h"}),
                      Catch::Contains("login"));
    CHECK_THROWS_WITH(store.add_user(User{"c2", Role::client, ada + 1000, "", "h"}), Catch::Contains("no client"));
    CHECK(store.list_users().empty());  // nothing half-written
}

TEST_CASE("an invitation makes its login once and never after it expired or was withdrawn") {
    TempDir dir;
    Store store(dir / "c.db");
    store.set_actor("th");
    auto ada = store.add_client(testing::arm_client("Ada"));
    const auto now = parse_datetime("2026-12-04T10:00:00+01:00");
    auto invitation = [&](std::string login, std::chrono::hours valid) {
        Invitation i;
        i.login = std::move(login);
        i.client_id = ada;
        i.created_at = now;
        i.expires_at = DateTime{now.utc + valid, now.offset};
        return i;
    };
    const std::string first(64, '1'), second(64, '2'), third(64, '3');
    store.add_invitation(invitation("ada", std::chrono::hours(24)), first);
    CHECK(store.find_invitation(first)->created_by == "th");
    // A second invitation for the same login withdraws the first.
    store.add_invitation(invitation("ada", std::chrono::hours(24)), second);
    CHECK_THROWS_WITH(store.accept_invitation(first, "$argon2id$h", now.utc),
                      Catch::Contains("not a known invitation"));
    // Expired: a day later it opens nothing.
    CHECK_THROWS_WITH(store.accept_invitation(second, "$argon2id$h", now.utc + std::chrono::hours(24)),
                      Catch::Contains("the link for login ada expired on 2026-12-05"));
    CHECK_FALSE(store.find_user("ada"));
    auto made = store.accept_invitation(second, "$argon2id$h", now.utc + std::chrono::hours(1));
    CHECK(made.login == "ada");
    CHECK(made.client_name == "Ada");
    CHECK(store.find_user("ada")->password_hash == "$argon2id$h");
    CHECK(store.find_invitation(second)->used_at);
    CHECK_THROWS_WITH(store.accept_invitation(second, "$argon2id$other", now.utc + std::chrono::hours(2)),
                      Catch::Contains("was used on") && Catch::Contains("it works once"));
    CHECK(store.find_user("ada")->password_hash == "$argon2id$h");
    // A login in use cannot be invited; a withdrawn invitation opens nothing.
    CHECK_THROWS_WITH(store.add_invitation(invitation("ada", std::chrono::hours(24)), third),
                      Catch::Contains("login: 'ada' is in use"));
    store.add_invitation(invitation("bea", std::chrono::hours(24)), third);
    CHECK(store.revoke_invitation("bea"));
    CHECK_FALSE(store.revoke_invitation("bea"));
    CHECK_THROWS(store.accept_invitation(third, "$argon2id$h", now.utc));
    std::vector<std::string> actions;
    for (const auto& e : store.audit_trail()) {
        if (e.action.rfind("user.", 0) != 0) continue;
        actions.push_back(e.action + " " + e.subject);
        for (const auto& secret : {first, second, third}) CHECK(e.new_value.find(secret) == std::string::npos);
    }
    CHECK(actions == std::vector<std::string>{"user.invite ada", "user.invite.revoke ada", "user.invite ada",
                                              "user.add ada", "user.invite.use ada", "user.invite bea",
                                              "user.invite.revoke bea"});
}

TEST_CASE("a report link opens until it expires or is revoked and every opening is audited") {
    TempDir dir;
    Store store(dir / "c.db");
    store.set_actor("th");
    auto ada = store.add_client(testing::arm_client("Ada"));
    auto bea = store.add_client(testing::arm_client("Bea"));
    const auto now = parse_datetime("2026-12-04T10:00:00+01:00");
    auto link = [&](std::string label, std::chrono::hours valid) {
        ReportLink l;
        l.client_id = ada;
        l.label = std::move(label);
        l.created_at = now;
        l.expires_at = DateTime{now.utc + valid, now.offset};
        return l;
    };
    const std::string first(64, '1'), second(64, '2');
    const auto weber = store.add_report_link(link("Dr. Weber", std::chrono::hours(24)), first);
    CHECK(weber.created_by == "th");
    CHECK(weber.client_name == "Ada");
    const auto other = store.add_report_link(link("", std::chrono::hours(48)), second);
    // Open now; a day later the first has expired, and reads as unknown.
    CHECK(store.open_report_link(first, now.utc, "page")->label == "Dr. Weber");
    CHECK(store.open_report_link(first, now.utc + std::chrono::hours(1), "pdf"));
    CHECK_FALSE(store.open_report_link(first, now.utc + std::chrono::hours(24), "page"));
    CHECK_FALSE(store.open_report_link(std::string(64, '9'), now.utc, "page"));
    // Revoked: only by its own client, once.
    CHECK_FALSE(store.revoke_report_link(bea, other.id, now.utc));
    CHECK(store.revoke_report_link(ada, other.id, now.utc));
    CHECK_FALSE(store.revoke_report_link(ada, other.id, now.utc));
    CHECK_FALSE(store.open_report_link(second, now.utc, "page"));
    CHECK_FALSE(store.revoke_report_link(ada, weber.id, now.utc + std::chrono::hours(25)));  // expired already
    // Listed newest first, the revoked one marked.
    const auto listed = store.report_links(ada);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].id == other.id);
    CHECK(listed[0].revoked_at);
    CHECK_FALSE(listed[1].revoked_at);
    CHECK(store.report_links(bea).empty());
    // A label is one line within its limit; nothing is stored otherwise.
    CHECK_THROWS_WITH(store.add_report_link(link("two\nlines", std::chrono::hours(1)), std::string(64, '3')),
                      Catch::Contains("label"));
    CHECK_THROWS_WITH(store.add_report_link(link(std::string(201, 'x'), std::chrono::hours(1)), std::string(64, '3')),
                      Catch::Contains("label") && Catch::Contains("0-200 bytes"));
    CHECK(store.report_links(ada).size() == 2);
    std::vector<std::string> actions;
    for (const auto& e : store.audit_trail()) {
        if (e.action.rfind("share.", 0) != 0) continue;
        actions.push_back(e.action + " " + e.subject);
        for (const auto& secret : {first, second}) CHECK(e.new_value.find(secret) == std::string::npos);
    }
    CHECK(actions == std::vector<std::string>{"share.make Dr. Weber", "share.make ", "share.open Dr. Weber",
                                              "share.open Dr. Weber", "share.revoke "});
}

TEST_CASE("a client login's new password or removal turns her calendar feed off, audited") {
    TempDir dir;
    Store store(dir / "c.db");
    auto ada = store.add_client(testing::arm_client("Ada"));
    auto bea = store.add_client(testing::arm_client("Bea"));
    for (const auto& [login, client] : {std::pair{"ada", ada}, std::pair{"bea", bea}}) {
        User u;
        u.login = login;
        u.role = Role::client;
        u.client_id = client;
        u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
        store.add_user(u);
    }
    User thera;
    thera.login = "thera";
    thera.role = Role::therapist;
    thera.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
    store.add_user(thera);
    store.set_calendar_token(ada, "ada-feed");
    store.set_calendar_token(bea, "bea-feed");
    store.set_password_hash("thera", thera.password_hash);  // a therapist's password: no client's feed
    CHECK(store.client_by_calendar_token("ada-feed"));
    store.set_password_hash("ada", thera.password_hash);
    CHECK_FALSE(store.client_by_calendar_token("ada-feed"));
    CHECK_FALSE(store.calendar_token(ada));
    CHECK(store.client_by_calendar_token("bea-feed"));  // others keep theirs
    store.remove_user("bea");
    CHECK_FALSE(store.client_by_calendar_token("bea-feed"));
    for (auto id : {ada, bea}) {
        int revoked = 0;
        for (const auto& e : store.audit_trail(id)) revoked += e.action == "calendar.revoke";
        CHECK(revoked == 1);
    }
}

TEST_CASE("a calendar token opens its client's feed until it is replaced or turned off") {
    TempDir dir;
    Store store(dir / "c.db");
    auto ada = store.add_client(testing::arm_client("Ada"));
    CHECK_FALSE(store.client_by_calendar_token("t1"));
    store.set_calendar_token(ada, "t1");
    CHECK(store.calendar_token(ada) == "t1");
    CHECK(store.client_by_calendar_token("t1")->name == "Ada");
    store.set_calendar_token(ada, "t2");  // a new address: the old one stops working
    CHECK_FALSE(store.client_by_calendar_token("t1"));
    CHECK(store.client_by_calendar_token("t2")->id == ada);
    store.set_calendar_token(ada, std::nullopt);
    CHECK_FALSE(store.calendar_token(ada));
    CHECK_FALSE(store.client_by_calendar_token("t2"));
    int audited = 0;
    for (const auto& e : store.audit_trail(ada))
        if (e.action.rfind("calendar.", 0) == 0) {
            ++audited;
            CHECK(e.new_value.find("t2") == std::string::npos);  // never the token itself
        }
    CHECK(audited == 3);
}
