// Stored statuses (docs/architecture.md#stored-statuses): after every kind of write, what
// load_statuses reads from the client_status rows is what a fresh analysis of every session gives
// (summarize over load_analyzed), at several times after the write; and no row is left stale.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

#include "swelltrack/actions.h"
#include "swelltrack/exchange.h"
#include "swelltrack/records.h"
#include "swelltrack/store.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::TempDir;

namespace {

const actions::Actor tester{"tester"};

// One side's values as the schema stores them (docs/architecture.md#storage): little-endian float64 mm.
std::string pack_mm(const PointValues& values) {
    std::string out;
    for (const auto& v : values) {
        auto bits = std::bit_cast<std::uint64_t>(v.value_or(std::numeric_limits<double>::quiet_NaN()));
        for (int b = 0; b < 8; ++b) out += static_cast<char>((bits >> (8 * b)) & 0xFF);
    }
    return out;
}

int stale_rows(const std::filesystem::path& file) {
    SQLite::Database raw(file, SQLite::OPEN_READONLY);
    return raw.execAndGet("SELECT COUNT(*) FROM client_status WHERE stale = 1").getInt();
}

std::string offset_of(const std::optional<SessionRef>& r) {
    return r ? format_datetime(r->recorded_at) + " #" + std::to_string(r->id) + " " + r->protocol : "-";
}

// Every field of two statuses, the instants with their offsets.
void check_same(const ClientStatus& stored, const ClientStatus& fresh) {
    INFO(stored.client.name);
    CHECK(records::status(stored).dump() == records::status(fresh).dump());
    CHECK(stored.client == fresh.client);
    CHECK(offset_of(stored.latest) == offset_of(fresh.latest));
    CHECK(offset_of(stored.compared) == offset_of(fresh.compared));
    CHECK(stored.figures == fresh.figures);
    CHECK((stored.baseline_at ? format_datetime(*stored.baseline_at) : "-") ==
          (fresh.baseline_at ? format_datetime(*fresh.baseline_at) : "-"));
    CHECK(stored.baseline_reason == fresh.baseline_reason);
    CHECK(stored.alerts == fresh.alerts);
    CHECK(stored.change_pct == fresh.change_pct);
    CHECK(stored.attention == fresh.attention);
    CHECK(stored.reason == fresh.reason);
    CHECK(stored.days_since_last == fresh.days_since_last);
    CHECK(stored.overdue == fresh.overdue);
}

// Every active client's status as a fresh analysis of all of her sessions gives it, worst first.
std::vector<ClientStatus> fresh_statuses(const Store& store, date::sys_seconds now) {
    std::vector<ClientStatus> out;
    for (const auto& c : store.list_clients(false)) out.push_back(summarize(store.load_analyzed(c), now));
    sort_worst_first(out);
    return out;
}

// The stored statuses are current (no row stale) and read as the fresh ones, on the day after
// the newest session and at later times that cross the infection window and schedules.
void check_current(const Store& store, std::string_view after) {
    INFO("after " << after);
    CHECK(stale_rows(store.path()) == 0);
    std::int64_t newest = 0;
    for (const auto& c : store.list_clients(true))
        if (auto s = store.last_session(c.id)) newest = std::max(newest, s->recorded_at.utc.time_since_epoch().count());
    for (int days : {0, 1, 6, 13, 15, 40}) {
        INFO(days << " days after the newest session");
        const date::sys_seconds now{std::chrono::seconds{newest + days * 86400 + 3600}};
        auto stored = store.load_statuses(now);
        auto fresh = fresh_statuses(store, now);
        REQUIRE(stored.size() == fresh.size());
        for (std::size_t i = 0; i < stored.size(); ++i) check_same(stored[i], fresh[i]);
    }
}

const Protocol arm8{"arm-8cm", LimbKind::arm, {0, 8, 16, 24, 32, 40}, false};

// A messy history: two protocols, partial and one-sided sessions, weights (for WAC), infection
// signs now and then, days apart at random; the affected side swelling slowly.
void log_sessions(Store& store, const Client& c, std::mt19937& rng, int count, date::sys_seconds from) {
    std::uniform_real_distribution<double> u(0, 1);
    auto t = from;
    for (int i = 0; i < count; ++i) {
        t += std::chrono::hours{6 + static_cast<int>(u(rng) * 24 * 9)};
        Session s;
        s.client_id = c.id;
        s.recorded_at = DateTime{t, std::chrono::minutes{u(rng) < 0.5 ? 60 : -300}};
        const bool leg = c.limb == LimbKind::leg;
        s.protocol = leg ? "leg-4cm" : (u(rng) < 0.8 ? "arm-4cm" : "arm-8cm");
        const std::size_t points = leg ? 16 : s.protocol == "arm-4cm" ? 11 : 6;
        const double grow = 1.0 + 0.004 * i * u(rng), kind = u(rng);
        auto side = [&](double factor) {
            PointValues v;
            for (std::size_t p = 0; p < points; ++p)
                v.push_back(canonical_mm((170.0 + 12.0 * static_cast<double>(p)) * factor));
            return v;
        };
        const bool left_swells = c.affected != Affected::right, right_swells = c.affected != Affected::left;
        if (kind < 0.85) s.left_mm = side(left_swells ? grow : 1.0);
        if (kind < 0.6 || kind >= 0.85) s.right_mm = side(right_swells ? grow * 1.01 : 1.0);
        if (kind >= 0.6 && kind < 0.7 && !s.left_mm.empty()) s.left_mm[points / 2].reset();
        if (u(rng) < 0.5) s.weight_kg = std::round(700 + u(rng) * 40) / 10.0;
        if (u(rng) < 0.08) s.skin.set(SkinFlag::redness), s.skin.set(SkinFlag::warmth);
        if (u(rng) < 0.2) s.symptoms.heaviness = static_cast<int>(u(rng) * 10);
        store.record_session(s);
    }
}

}  // namespace

TEST_CASE("stored statuses read as a fresh analysis after every kind of write") {
    TempDir dir;
    const auto file = dir / "messy.db";
    Store store(file);
    std::mt19937 rng(21);
    const auto start = parse_datetime("2024-03-02T08:00Z").utc;

    // The sample clients, imported (a file's clients and sessions in one transaction).
    import_file(store, std::filesystem::path(SWELLTRACK_SAMPLE_DIR) / "sessions.csv");
    check_current(store, "an import");

    store.add_protocol(arm8);
    std::vector<Client> clients;
    for (auto [name, affected, limb] :
         {std::tuple{"Ada Left", Affected::left, LimbKind::arm},
          std::tuple{"Bea Right", Affected::right, LimbKind::arm},
          std::tuple{"Cleo Both", Affected::both, LimbKind::arm}, std::tuple{"Dora Leg", Affected::left, LimbKind::leg},
          std::tuple{"Eve Nothing", Affected::left, LimbKind::arm}}) {
        Client c = testing::arm_client(name, affected);
        c.limb = limb;
        if (c.name == "Ada Left") c.every_days = 7;
        c.id = store.add_client(c);
        clients.push_back(c);
    }
    check_current(store, "new clients");
    for (std::size_t i = 0; i + 1 < clients.size(); ++i) log_sessions(store, clients[i], rng, 40, start);
    check_current(store, "logging sessions");

    auto& ada = clients[0];
    auto history = store.load_history(ada.id);

    SECTION("a session logged through the use case, then edited, deleted and restored") {
        actions::NewSession input;
        input.values = testing::arm_session(ada.id, "2026-01-01T09:00Z", 1.12);
        input.values.skin.set(SkinFlag::redness), input.values.skin.set(SkinFlag::warmth);
        input.at = input.values.recorded_at;
        input.protocol = "arm-4cm";
        input.confirm = true;
        auto outcome = std::get<actions::Outcome>(actions::record_session(store, ada, input, tester));
        check_current(store, "a session logged");

        Session edited = *store.session_by_id(outcome.session.id);
        edited.left_mm = testing::arm_session(ada.id, "2026-01-01T09:00Z", 1.02).left_mm;
        edited.skin = {};
        store.correct_session(edited, "typo");
        check_current(store, "a session edited");

        actions::delete_session(store, ada, edited, "wrong client", tester);
        check_current(store, "a session deleted");

        auto deletion = actions::find_deletion(store, ada, parse_session_time("2026-01-01T09:00Z"));
        REQUIRE(deletion);
        actions::restore_session(store, ada, *deletion, "right client after all", tester);
        check_current(store, "a session restored");
    }
    SECTION("a baseline moved") {
        auto later = std::find_if(history.rbegin(), history.rend(),
                                  [](const Session& s) { return s.protocol == "arm-4cm" && both_sides_complete(s); });
        REQUIRE(later != history.rend());
        store.pin_baseline(later->id, "after surgery");
        check_current(store, "a baseline moved");
    }
    SECTION("a client edited: schedule, side, archived") {
        Client c = ada;
        c.every_days = 3;
        store.update_client(c);
        check_current(store, "a schedule changed");
        c.affected = Affected::right;
        store.update_client(c, "the other arm was operated");
        check_current(store, "the affected side changed");
        store.set_archived(clients[1].id, true);
        check_current(store, "a client archived");
        store.set_archived(clients[1].id, false);
        check_current(store, "a client unarchived");
    }
    SECTION("settings changed: thresholds, then the volume method") {
        AlertThresholds t;
        t.change_watch_pct = 4;
        t.change_range_pct = 8;
        t.rapid_rise_days = 30;
        store.set_thresholds(t);
        check_current(store, "thresholds changed");
        store.set_volume_method(VolumeMethod::disk);
        check_current(store, "the volume method changed");
    }
    SECTION("an import of more sessions for clients already there") {
        std::string csv = "client,recorded_at,protocol,side,point_cm,circumference,unit\n";
        for (int p = 0; p <= 40; p += 4) {
            csv += "Ada Left,2026-02-01T09:00:00Z,arm-4cm,left," + std::to_string(p) + "," +
                   std::to_string(19.0 + p * 0.2) + ",cm\n";
            csv += "Ada Left,2026-02-01T09:00:00Z,arm-4cm,right," + std::to_string(p) + "," +
                   std::to_string(17.0 + p * 0.14) + ",cm\n";
        }
        ImportChecks confirm;
        confirm.keep_implausible = true;
        import_text(store, csv, "more.csv", confirm);
        check_current(store, "an import of more sessions");
    }
}

TEST_CASE("a stored status read 15 days after infection signs no longer says act now, and becomes overdue") {
    TempDir dir;
    Store store(dir / "db");
    Client c = testing::arm_client("Ada");
    c.every_days = 7;
    c.id = store.add_client(c);
    store.record_session(testing::arm_session(c.id, "2025-05-01T09:00Z", 1.01));  // the baseline
    auto infected = testing::arm_session(c.id, "2025-05-02T09:00Z", 1.01);
    infected.skin.set(SkinFlag::redness), infected.skin.set(SkinFlag::warmth);
    store.record_session(infected);
    REQUIRE(stale_rows(store.path()) == 0);  // stored when written: what follows reads the row

    auto at = [&](const char* when) {
        auto all = store.load_statuses(parse_datetime(when).utc);
        REQUIRE(all.size() == 1);
        return all[0];
    };
    auto next_day = at("2025-05-03T09:00Z");
    CHECK(next_day.attention == Attention::act_now);
    REQUIRE(next_day.alerts.size() == 1);
    CHECK(next_day.alerts[0].code == AlertCode::infection_signs);
    CHECK(next_day.days_since_last == 1);
    CHECK_FALSE(next_day.overdue);

    auto later = at("2025-05-17T09:00Z");  // 15 days after the infection signs
    CHECK(later.attention == Attention::none);
    CHECK(later.alerts.empty());
    CHECK(later.days_since_last == 15);
    CHECK(later.overdue);                                         // every 7 days
    CHECK(later.reason == "RVC 0.0% since baseline; no alerts");  // a zero has no sign
}

TEST_CASE("a status row marked stale behind the store's back is computed afresh on read and stored at the next write") {
    TempDir dir;
    const auto file = dir / "db";
    Store store(file);
    Client c = testing::arm_client("Ada");
    c.id = store.add_client(c);
    store.record_session(testing::arm_session(c.id, "2025-05-01T09:00Z", 1.01));
    store.record_session(testing::arm_session(c.id, "2025-05-08T09:00Z", 1.01));
    const auto now = parse_datetime("2025-05-09T09:00Z").utc;
    {
        // Another program changes a session (the values grow by 12 %); the trigger marks the row stale.
        SQLite::Database raw(file, SQLite::OPEN_READWRITE);
        auto blob = pack_mm(testing::arm_session(c.id, "2025-05-08T09:00Z", 1.12).left_mm);
        SQLite::Statement q(raw,
                            "UPDATE side_values SET circumference_mm = ? WHERE side = 'left' AND session_id = "
                            "(SELECT MAX(id) FROM sessions)");
        q.bind(1, blob.data(), static_cast<int>(blob.size()));
        q.exec();
        CHECK(raw.execAndGet("SELECT stale FROM client_status").getInt() == 1);
    }
    auto read = store.load_statuses(now);
    REQUIRE(read.size() == 1);
    CHECK(read[0].attention == Attention::act_now);  // RVC over 10 %, computed on read
    check_same(read[0], summarize(store.load_analyzed(c), now));
    CHECK(stale_rows(file) == 1);  // a read writes nothing
    store.add_client(testing::arm_client("Bea"));
    CHECK(stale_rows(file) == 0);  // any write stores every stale status
    check_same(store.load_statuses(now)[0], summarize(store.load_analyzed(c), now));
}

namespace {

// Brings `list` up to date through `reader` (another connection, as the web face's) and checks it
// against a full read at the same time.
void check_list(const Store& reader, StatusList& list, date::sys_seconds now, std::string_view after) {
    INFO("after " << after);
    reader.update_statuses(list, now);
    auto full = reader.load_statuses(now);
    REQUIRE(list.statuses().size() == full.size());
    for (std::size_t i = 0; i < full.size(); ++i) check_same(list.statuses()[i], full[i]);
}

}  // namespace

TEST_CASE("a status list brought up to date after every kind of write reads as a full read") {
    TempDir dir;
    const auto file = dir / "list.db";
    Store store(file);
    std::mt19937 rng(8);
    const auto start = parse_datetime("2024-03-02T08:00Z").utc;
    import_file(store, std::filesystem::path(SWELLTRACK_SAMPLE_DIR) / "sessions.csv");
    store.add_protocol(arm8);
    std::vector<Client> clients;
    for (auto name : {"Ada", "Bea", "Cleo", "Dora"}) {
        Client c = testing::arm_client(name, name == std::string("Cleo") ? Affected::both : Affected::left);
        if (c.name == "Bea") c.every_days = 5;
        c.id = store.add_client(c);
        log_sessions(store, c, rng, 30, start);
        clients.push_back(c);
    }
    const Store reader(file);
    StatusList list;
    auto now = store.last_session(clients[0].id)->recorded_at.utc + std::chrono::hours{1};
    check_list(reader, list, now, "the first update");
    check_list(reader, list, now, "an update with nothing changed");

    // A session logged through the use case, edited, deleted and restored.
    actions::NewSession input;
    input.values = testing::arm_session(clients[0].id, "2026-01-01T09:00Z", 1.12);
    input.values.skin.set(SkinFlag::redness), input.values.skin.set(SkinFlag::warmth);
    input.at = input.values.recorded_at;
    input.protocol = "arm-4cm";
    input.confirm = true;
    auto outcome = std::get<actions::Outcome>(actions::record_session(store, clients[0], input, tester));
    now = parse_datetime("2026-01-01T10:00Z").utc;
    check_list(reader, list, now, "a session logged");
    Session edited = *store.session_by_id(outcome.session.id);
    edited.left_mm = testing::arm_session(clients[0].id, "2026-01-01T09:00Z", 1.02).left_mm;
    store.correct_session(edited, "typo");
    check_list(reader, list, now, "a session edited");
    actions::delete_session(store, clients[0], edited, "wrong client", tester);
    check_list(reader, list, now, "a session deleted");
    auto deletion = actions::find_deletion(store, clients[0], parse_session_time("2026-01-01T09:00Z"));
    REQUIRE(deletion);
    actions::restore_session(store, clients[0], *deletion, "right client after all", tester);
    check_list(reader, list, now, "a session restored");

    // Clients archived, unarchived, edited and added; two writes between updates.
    store.set_archived(clients[1].id, true);
    check_list(reader, list, now, "a client archived");
    store.set_archived(clients[1].id, false);
    Client cleo = clients[2];
    cleo.every_days = 2;
    store.update_client(cleo);
    check_list(reader, list, now, "a client unarchived and another edited");
    Client eve = testing::arm_client("Eve");
    eve.id = store.add_client(eve);
    check_list(reader, list, now, "a client added");

    // A settings change marks every row.
    AlertThresholds t;
    t.change_watch_pct = 4;
    t.change_range_pct = 8;
    store.set_thresholds(t);
    check_list(reader, list, now, "thresholds changed");

    // Time passes without writes: the time-dependent parts (days since, overdue, infection signs).
    for (int minutes : {1, 60 * 24 * 3, 60 * 24 * 15, 60 * 24 * 40})
        check_list(reader, list, now + std::chrono::minutes{minutes}, std::to_string(minutes) + " minutes later");
    now += std::chrono::minutes{60 * 24 * 40};

    // A session in the future holds only from its time on: computed afresh until then.
    store.record_session(testing::arm_session(clients[3].id, "2026-03-01T09:00Z", 1.2));
    check_list(reader, list, parse_datetime("2026-02-20T09:00Z").utc, "a session in the future");
    check_list(reader, list, parse_datetime("2026-03-02T09:00Z").utc, "the future session's time passed");

    {
        // Behind the store's back: a row marked stale, then a row deleted and a client added.
        SQLite::Database raw(file, SQLite::OPEN_READWRITE);
        raw.exec("UPDATE client_status SET stale = 1 WHERE client_id = " + std::to_string(clients[0].id));
        check_list(reader, list, now, "a row marked stale");
        check_list(reader, list, now + std::chrono::minutes{5}, "a stale row, minutes later");
        raw.exec("DELETE FROM client_status WHERE client_id = " + std::to_string(clients[2].id));
        raw.exec(
            "INSERT INTO clients (name, affected, limb, unit) SELECT 'Fay', affected, limb, unit FROM clients WHERE id "
            "= " +
            std::to_string(clients[3].id));
        check_list(reader, list, now, "a status row deleted and a client added");
    }
    store.add_client(testing::arm_client("Gus"));  // stores the stale and missing rows
    check_list(reader, list, now, "the rows stored again");
}
