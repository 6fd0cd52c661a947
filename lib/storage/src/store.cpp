// Opening a database (permissions, version check, migrations), clients, protocols, settings and
// maintenance. Sessions are in sessions.cpp.
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include "store_impl.h"
#include "swelltrack/datetime.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/file.h"
#include "swelltrack/limits.h"
#include "swelltrack/records.h"
#include "swelltrack/units.h"
#include "swelltrack/volume.h"

namespace swelltrack {
namespace {

constexpr int busy_timeout_ms = 5000;

// The folder `file` goes in; each missing folder on the way is created 0700 (health data), by an
// explicit mode rather than a process-wide umask. `field` is "database" or "backup".
void create_folder_of(const std::filesystem::path& file, const std::string& field) {
    if (!file.has_parent_path()) return;
    std::filesystem::path folder;
    for (const auto& part : file.parent_path()) {
        folder /= part;
        if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
            throw UserError(field, file.string(),
                            field + ": cannot create folder " + folder.string() + ": " + std::strerror(errno));
    }
}

SQLite::Database create_and_open(const std::filesystem::path& file) {
    create_folder_of(file, "database");
    create_owner_only(file);  // 0600; SQLite gives -wal and -shm the same mode as the database file
    try {
        // NOMUTEX: a Store is used by one thread at a time, so SQLite need not lock on every call.
        return SQLite::Database(file, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, busy_timeout_ms);
    } catch (const SQLite::Exception& e) {
        throw UserError("database", file.string(), "database: cannot open " + file.string() + ": " + e.getErrorStr());
    }
}

std::string join_positions(const std::vector<double>& positions_cm) {
    std::string out;
    for (double p : positions_cm) {
        if (!out.empty()) out += ',';
        out += format_exact(p);
    }
    return out;
}

}  // namespace

namespace storage {

const char* const client_select_columns =
    "c.id, c.name, c.birth_year, c.condition, c.limb, c.affected, c.baseline_date, c.unit, c.notes, c.archived, "
    "c.every_days, c.remind_weekdays, c.remind_minute, c.photo_consent";

Client read_client(SQLite::Statement& q) {
    Client c;
    c.id = q.getColumn(0).getInt64();
    c.name = q.getColumn(1).getString();
    if (!q.isColumnNull(2)) c.birth_year = q.getColumn(2).getInt();
    c.condition = q.getColumn(3).getString();
    c.limb = parse_enum<LimbKind>(q.getColumn(4).getString());
    c.affected = parse_enum<Affected>(q.getColumn(5).getString());
    if (!q.isColumnNull(6)) c.baseline_date = parse_date(q.getColumn(6).getString(), "baseline");
    c.unit = parse_enum<LengthUnit>(q.getColumn(7).getString());
    c.notes = q.getColumn(8).getString();
    c.archived = q.getColumn(9).getInt() != 0;
    if (!q.isColumnNull(10)) c.every_days = q.getColumn(10).getInt();
    c.remind_weekdays = static_cast<unsigned>(q.getColumn(11).getInt());
    if (!q.isColumnNull(12)) c.remind_minute = q.getColumn(12).getInt();
    c.photo_consent = q.getColumn(13).getInt() != 0;
    return c;
}

}  // namespace storage

namespace {

using storage::read_client;

constexpr const char* client_columns =
    "SELECT id, name, birth_year, condition, limb, affected, baseline_date, unit, notes, archived, every_days, "
    "remind_weekdays, remind_minute, photo_consent FROM clients ";

void bind_client(SQLite::Statement& q, const Client& c) {
    q.bind(1, c.name);
    if (c.birth_year)
        q.bind(2, *c.birth_year);
    else
        q.bind(2);
    q.bind(3, c.condition);
    q.bind(4, std::string(to_string(c.limb)));
    q.bind(5, std::string(to_string(c.affected)));
    if (c.baseline_date)
        q.bind(6, format_date(*c.baseline_date));
    else
        q.bind(6);
    q.bind(7, std::string(to_string(c.unit)));
    q.bind(8, c.notes);
    q.bind(9, c.archived ? 1 : 0);
    if (c.every_days)
        q.bind(10, *c.every_days);
    else
        q.bind(10);
    q.bind(11, static_cast<int>(c.remind_weekdays));
    if (c.remind_minute)
        q.bind(12, *c.remind_minute);
    else
        q.bind(12);
    q.bind(13, c.photo_consent ? 1 : 0);
}

std::string client_json(const Client& c) { return records::client(c).dump(); }

}  // namespace

// ---- Impl ---------------------------------------------------------------------------------------

Store::Impl::Impl(const std::filesystem::path& file) : path(file), db(create_and_open(file)) {
    guard([&] {
        db.exec("PRAGMA foreign_keys = ON");
        // Read the version before anything can write: a newer database must stay byte-identical.
        version = db.execAndGet("PRAGMA user_version").getInt();
        if (version > current_schema_version())
            throw UserError("database", path.string(),
                            "database " + path.string() + " was written by a newer swelltrack (schema " +
                                std::to_string(version) + ", this program knows " +
                                std::to_string(current_schema_version()) + "); upgrade swelltrack");
        if (version < 0)
            throw UserError("database", path.string(),
                            "database " + path.string() + " is not a swelltrack database (user_version " +
                                std::to_string(version) + ")");
        const int app = refuse_foreign();
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = FULL");
        // A larger page cache keeps a big import from spilling pages to the WAL mid-transaction.
        db.exec("PRAGMA cache_size = -32768");
        const int from = version;
        storage::migrate(db, version);
        version = current_schema_version();
        // Statuses are stored from schema 7 on, and computed again by the rules of schemas 9 and
        // 10: an upgraded database gets them now, once, so that the first status is not the slow
        // one (a read computes any missing or stale one afresh anyway).
        if (from < 10 && !sqlite3_db_readonly(db.getHandle(), "main")) begin_write().commit();
        // Databases made before swelltrack set its application id get it now (unless the file is
        // read-only, where a swelltrack schema already told them apart).
        if (app != storage::application_id && !sqlite3_db_readonly(db.getHandle(), "main"))
            db.exec("PRAGMA application_id = " + std::to_string(storage::application_id));
    });
}

int Store::Impl::refuse_foreign() {
    // Before anything writes: another program's SQLite file must stay byte-identical.
    const int app = db.execAndGet("PRAGMA application_id").getInt();
    if (app == storage::application_id) return app;
    auto refuse = [&](const std::string& why) {
        throw UserError(
            "database", path.string(),
            "database " + path.string() + " is not a swelltrack database (" + why + "); nothing was changed")
            .with_remedy(Remedy::choose_database);
    };
    if (app != 0) refuse("another program's application id " + std::to_string(app));
    // No id: a new, empty file, or a swelltrack database from before the id (its own tables).
    const bool empty = db.execAndGet("SELECT COUNT(*) FROM sqlite_master").getInt() == 0;
    if (!empty && (version == 0 || !db.tableExists("clients") || !db.tableExists("sessions")))
        refuse("it holds other tables");
    return app;
}

void Store::Impl::fail(const SQLite::Exception& e) const {
    const std::string file = path.string();
    switch (e.getErrorCode()) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw UserError("database", file,
                            "database " + file + " is locked by another program (waited " +
                                std::to_string(busy_timeout_ms / 1000) + " s); try again");
        case SQLITE_NOTADB:
            throw UserError("database", file,
                            "database " + file + " is not a swelltrack database (not an SQLite file)");
        case SQLITE_READONLY:
            throw UserError("database", file, "database " + file + " is read-only; check the file's permissions");
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            throw UserError("database", file, "database " + file + " cannot be opened; check the path and permissions");
        case SQLITE_FULL:
            throw UserError("database", file, "database " + file + ": the disk is full; nothing was written");
        case SQLITE_CORRUPT:
            throw UserError("database", file, "database " + file + " is damaged").with_remedy(Remedy::repair_database);
        default:
            throw std::runtime_error("database " + file + ": " + e.what());
    }
}

const std::vector<Protocol>& Store::Impl::user_protocols() {
    if (!protocols_loaded_) {
        user_protocols_.clear();
        SQLite::Statement q(db, "SELECT name, limb, positions_cm FROM protocols ORDER BY name");
        while (q.executeStep()) {
            Protocol p;
            p.name = q.getColumn(0).getString();
            p.limb = parse_enum<LimbKind>(q.getColumn(1).getString());
            p.positions_cm = parse_positions_cm(q.getColumn(2).getString());
            user_protocols_.push_back(std::move(p));
        }
        protocols_loaded_ = true;
    }
    return user_protocols_;
}

const Protocol* Store::Impl::find_protocol(std::string_view name) {
    if (const auto* b = find_builtin_protocol(name)) return b;
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (const auto& p : user_protocols())
            if (p.name == name) return &p;
        protocols_loaded_ = false;  // another process may have added it
    }
    return nullptr;
}

void Store::Impl::insert_protocol(const Protocol& p) {
    SQLite::Statement q(db, "INSERT INTO protocols (name, limb, positions_cm) VALUES (?, ?, ?)");
    q.bind(1, p.name);
    q.bind(2, std::string(to_string(p.limb)));
    q.bind(3, join_positions(p.positions_cm));
    q.exec();
    protocols_loaded_ = false;
    audit("protocol.add", nullptr, p.name, {}, records::protocol(p).dump(), {});  // its points make every volume
}

std::optional<Client> Store::Impl::client_by_name(std::string_view name) {
    SQLite::Statement q(db, std::string(client_columns) + "WHERE name = ?");
    q.bind(1, normalize_name(name));  // as stored: trimmed, NFC
    if (q.executeStep()) return read_client(q);
    return std::nullopt;
}

std::optional<Client> Store::Impl::client_by_id(std::int64_t id) {
    SQLite::Statement q(db, std::string(client_columns) + "WHERE id = ?");
    q.bind(1, id);
    if (q.executeStep()) return read_client(q);
    return std::nullopt;
}

std::int64_t Store::Impl::insert_client(const Client& c) {
    SQLite::Statement q(db,
                        "INSERT INTO clients (name, birth_year, condition, limb, affected, baseline_date, unit, "
                        "notes, archived, every_days, remind_weekdays, remind_minute, photo_consent) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_client(q, c);
    q.exec();
    Client stored = c;
    stored.id = db.getLastInsertRowid();
    audit("client.add", &stored, {}, {}, client_json(stored), {});
    return stored.id;
}

std::optional<std::string> Store::Impl::setting(const std::string& key) {
    SQLite::Statement q(db, "SELECT value FROM settings WHERE key = ?");
    q.bind(1, key);
    if (q.executeStep()) return q.getColumn(0).getString();
    return std::nullopt;
}

std::string Store::Impl::settings_json() {
    records::Json all = records::Json::object();
    SQLite::Statement q(db, "SELECT key, value FROM settings ORDER BY key");
    while (q.executeStep()) all[q.getColumn(0).getString()] = q.getColumn(1).getString();
    return all.dump();
}

void Store::Impl::put_setting(const std::string& key, const std::string& value) {
    SQLite::Statement q(db,
                        "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                        "ON CONFLICT (key) DO UPDATE SET value = ?2");
    q.bind(1, key);
    q.bind(2, value);
    q.exec();
}

// ---- Store: opening ---------------------------------------------------------------------------

Store::Store(const std::filesystem::path& path) : impl_(std::make_unique<Impl>(path)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const std::filesystem::path& Store::path() const { return impl_->path; }
int Store::schema_version() const { return impl_->version; }
std::int64_t Store::data_version() const {
    return impl_->guard([&] { return impl_->db.execAndGet("PRAGMA data_version").getInt64(); });
}

void Store::set_actor(std::string actor) {
    check_text(limits::actor_bytes, actor, true);
    if (detail::trim(actor).empty())
        throw UserError("by", actor, "by: give who makes the change (" + range_text(limits::actor_bytes) + ")");
    impl_->actor = std::move(actor);
}
const std::string& Store::actor() const { return impl_->actor; }

// ---- Audit trail ------------------------------------------------------------------------------

void Store::Impl::audit(std::string_view action, const Client* client, std::string_view subject,
                        const std::string& old_value, const std::string& new_value, std::string_view reason) {
    if (!insert_audit_)
        insert_audit_ = std::make_unique<SQLite::Statement>(
            db,
            "INSERT INTO audit (at_utc, actor, action, client_id, client_name, subject, old_value, new_value, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto& q = *insert_audit_;
    q.bind(1, static_cast<std::int64_t>(now_local().utc.time_since_epoch().count()));
    q.bind(2, actor);
    q.bind(3, std::string(action));
    if (client) {
        q.bind(4, client->id);
        q.bind(5, client->name);
    } else {
        q.bind(4);
        q.bind(5, std::string());
    }
    q.bind(6, std::string(subject));
    if (old_value.empty())
        q.bind(7);
    else
        q.bind(7, old_value);
    if (new_value.empty())
        q.bind(8);
    else
        q.bind(8, new_value);
    q.bind(9, std::string(reason));
    q.exec();
    q.reset();
}

std::vector<AuditEntry> Store::audit_trail(std::optional<std::int64_t> client_id) const {
    return impl_->guard([&] {
        SQLite::Statement q(impl_->db,
                            std::string("SELECT id, at_utc, actor, action, client_name, subject, old_value, new_value, "
                                        "reason FROM audit ") +
                                (client_id ? "WHERE client_id = ? " : "") + "ORDER BY id");
        if (client_id) q.bind(1, *client_id);
        std::vector<AuditEntry> out;
        while (q.executeStep()) {
            AuditEntry e;
            e.id = q.getColumn(0).getInt64();
            e.at = date::sys_seconds{std::chrono::seconds{q.getColumn(1).getInt64()}};
            e.actor = q.getColumn(2).getString();
            e.action = q.getColumn(3).getString();
            e.client_name = q.getColumn(4).getString();
            e.subject = q.getColumn(5).getString();
            e.old_value = q.getColumn(6).getString();  // NULL reads as ""
            e.new_value = q.getColumn(7).getString();
            e.reason = q.getColumn(8).getString();
            out.push_back(std::move(e));
        }
        return out;
    });
}

// ---- Clients ----------------------------------------------------------------------------------

std::int64_t Store::add_client(const Client& given) {
    Client client = given;
    client.name = normalize_name(client.name);
    validate_client(client);
    return impl_->guard([&] {
        auto t = impl_->begin_write();
        if (impl_->client_by_name(client.name))
            throw UserError("name", client.name,
                            "name: a client called '" + client.name + "' already exists; choose another name");
        auto id = impl_->insert_client(client);
        t.commit();
        return id;
    });
}

std::optional<Client> Store::find_client(std::string_view name) const {
    return impl_->guard([&] { return impl_->client_by_name(name); });
}

Client Store::get_client(std::string_view name) const {
    if (auto c = find_client(name)) return *c;
    throw UserError("client", std::string(name), "client: no client called '" + std::string(name) + "'")
        .with_remedy(Remedy::list_clients);
}

std::vector<Client> Store::list_clients(bool include_archived) const {
    return impl_->guard([&] {
        std::vector<Client> out;
        SQLite::Statement q(
            impl_->db, std::string(client_columns) + (include_archived ? "" : "WHERE archived = 0 ") + "ORDER BY name");
        while (q.executeStep()) out.push_back(read_client(q));
        return out;
    });
}

namespace {

// A client's stored sessions: how many, and the first of their protocols by name.
struct StoredSessions {
    std::int64_t count = 0;
    std::string first_protocol;
};

// Reads the client's StoredSessions from the database.
StoredSessions stored_sessions(SQLite::Database& db, std::int64_t client_id) {
    SQLite::Statement used(db, "SELECT COUNT(*), MIN(protocol) FROM sessions WHERE client_id = ?");
    used.bind(1, client_id);
    used.executeStep();
    return {used.getColumn(0).getInt64(), used.getColumn(1).getString()};  // NULL reads as ""
}

// Stored sessions were measured with protocols for the stored limb: another limb would misread
// every one of them (and check would report them all).
void refuse_limb_change(const Client& stored, const Client& client, const StoredSessions& sessions) {
    if (stored.limb == client.limb || sessions.count == 0) return;
    throw UserError("limb", std::string(to_string(client.limb)),
                    "limb: " + stored.name + " has " + std::to_string(sessions.count) + " session(s) measured on the " +
                        std::string(to_string(stored.limb)) + " (" + sessions.first_protocol +
                        "); the limb cannot change to " + std::string(to_string(client.limb)) +
                        " under them: add a new client instead");
}

// Another affected side re-reads every figure (which limb is compared with which): refused with
// what it does to the latest figure, so that it is done only with a reason.
[[noreturn]] void refuse_affected_change(const Store& store, Store::Impl& impl, const Client& stored,
                                         const Client& client, const StoredSessions& sessions) {
    auto history = impl.load_range(client.id, first_utc, last_utc);
    auto pins = impl.pins(client.id);
    const auto protocols = store.list_protocols();
    auto before = analyze_history(stored, history, protocols, store.volume_method(), store.thresholds(), pins);
    auto after =
        analyze_history(client, std::move(history), protocols, store.volume_method(), store.thresholds(), pins);
    std::string effect = "every figure is recomputed";
    if (before.current && after.current)
        effect = "at " + display::day(before.sessions[*before.current].recorded_at) +
                 " the change since baseline goes from " + display::change(stored, before.figures[*before.current]) +
                 " to " + display::change(client, after.figures[*after.current]) +
                 ", and every other figure is recomputed";
    throw UserError("affected", std::string(to_string(client.affected)),
                    "affected: " + stored.name + " has " + std::to_string(sessions.count) + " session(s) read with " +
                        std::string(to_string(stored.affected)) + " affected; " + effect)
        .with_remedy(Remedy::give_reason);
}

// Writes every field of the client's row but its id.
void update_client_row(SQLite::Database& db, const Client& client) {
    SQLite::Statement q(db,
                        "UPDATE clients SET name = ?, birth_year = ?, condition = ?, limb = ?, "
                        "affected = ?, baseline_date = ?, unit = ?, notes = ?, archived = ?, every_days = ?, "
                        "remind_weekdays = ?, remind_minute = ?, photo_consent = ? WHERE id = ?");
    bind_client(q, client);
    q.bind(14, client.id);
    q.exec();
}

}  // namespace

void Store::update_client(const Client& given, std::string_view reason) {
    Client client = given;
    client.name = normalize_name(client.name);
    validate_client(client);
    if (!reason.empty()) check_reason(reason);
    impl_->guard([&] {
        auto t = impl_->begin_write();
        auto stored = impl_->client_by_id(client.id);
        if (!stored)
            throw UserError("client", std::to_string(client.id),
                            "client: no client with id " + std::to_string(client.id));
        const auto sessions = stored_sessions(impl_->db, client.id);
        refuse_limb_change(*stored, client, sessions);
        if (stored->affected != client.affected && sessions.count > 0 && reason.empty())
            refuse_affected_change(*this, *impl_, *stored, client, sessions);
        if (auto other = impl_->client_by_name(client.name); other && other->id != client.id)
            throw UserError("name", client.name,
                            "name: a client called '" + client.name + "' already exists; choose another name");
        update_client_row(impl_->db, client);
        auto before = client_json(*stored), after = client_json(client);
        if (before != after) impl_->audit("client.edit", &client, {}, before, after, reason);
        // A new baseline date may let a protocol without a pin get its first one.
        impl_->pin_missing(client);
        t.commit();
    });
}

void Store::set_archived(std::int64_t client_id, bool archived) {
    impl_->guard([&] {
        auto t = impl_->begin_write();
        auto stored = impl_->client_by_id(client_id);
        if (!stored)
            throw UserError("client", std::to_string(client_id),
                            "client: no client with id " + std::to_string(client_id));
        SQLite::Statement q(impl_->db, "UPDATE clients SET archived = ? WHERE id = ?");
        q.bind(1, archived ? 1 : 0);
        q.bind(2, client_id);
        q.exec();
        if (stored->archived != archived) {
            auto after = *stored;
            after.archived = archived;
            impl_->audit("client.edit", &after, {}, client_json(*stored), client_json(after), {});
        }
        t.commit();
    });
}

// ---- Protocols --------------------------------------------------------------------------------

std::vector<Protocol> Store::list_protocols() const {
    return impl_->guard([&] {
        auto out = builtin_protocols();
        const auto& user = impl_->user_protocols();
        out.insert(out.end(), user.begin(), user.end());
        return out;
    });
}

Protocol Store::get_protocol(std::string_view name) const {
    return impl_->guard([&] {
        if (const auto* p = impl_->find_protocol(name)) return *p;
        std::string known;
        for (const auto& p : list_protocols()) known += (known.empty() ? "" : ", ") + p.name;
        throw UserError("protocol", std::string(name),
                        "protocol: '" + std::string(name) + "' is not known; known protocols: " + known);
    });
}

void Store::add_protocol(const Protocol& protocol) {
    validate_protocol(protocol);
    impl_->guard([&] {
        auto t = impl_->begin_write();
        if (impl_->find_protocol(protocol.name))
            throw UserError("protocol name", protocol.name,
                            "protocol name: '" + protocol.name + "' is already in use; choose another name");
        Protocol p = protocol;
        p.builtin = false;
        impl_->insert_protocol(p);
        t.commit();
    });
}

// ---- Settings ---------------------------------------------------------------------------------

AlertThresholds Store::Impl::read_thresholds() {
    AlertThresholds t;
    auto read = [&](const char* key, double& v) {
        if (auto s = setting(key)) v = parse_decimal(*s, key);
    };
    read("change_watch_pct", t.change_watch_pct);
    read("change_range_pct", t.change_range_pct);
    read("point_difference_cm", t.point_difference_cm);
    read("rapid_rise_pct", t.rapid_rise_pct);
    double days = t.rapid_rise_days;
    read("rapid_rise_days", days);
    swelltrack::check(limits::rapid_rise_days, days);  // edited past the program: no undefined cast
    t.rapid_rise_days = static_cast<int>(days);
    double weeks = t.sustained_weeks, sessions = t.sustained_sessions;
    read("sustained_weeks", weeks);
    read("sustained_sessions", sessions);
    swelltrack::check(limits::sustained_weeks, weeks);
    swelltrack::check(limits::sustained_sessions, sessions);
    t.sustained_weeks = static_cast<int>(weeks);
    t.sustained_sessions = static_cast<int>(sessions);
    read("sustained_pct", t.sustained_pct);
    double check_in = t.check_in_days;
    read("check_in_days", check_in);
    swelltrack::check(limits::check_in_days, check_in);
    t.check_in_days = static_cast<int>(check_in);
    return t;
}

AlertThresholds Store::thresholds() const {
    return impl_->guard([&] { return impl_->read_thresholds(); });
}

void Store::set_thresholds(const AlertThresholds& t) { update_settings({.thresholds = t}); }

std::string Store::clinic_name() const {
    return impl_->guard([&] { return impl_->setting("clinic_name").value_or(""); });
}

void Store::update_settings(const SettingsChange& change) {
    const auto& t = change.thresholds;
    const auto& method = change.method;
    const auto& l = change.plausibility;
    if (t) validate_thresholds(*t);
    if (l) validate_plausibility_limits(*l);
    if (change.clinic_name) check_text(limits::clinic_name_bytes, *change.clinic_name, true);
    const auto was_clinic = clinic_name();
    const auto was_l = plausibility_limits();
    impl_->guard([&] {
        auto tx = impl_->begin_write();
        const auto was_t = impl_->read_thresholds();
        const auto was_method = impl_->read_volume_method();
        // Only the values that change are written (a default stays a default until changed), so
        // the audit entry names just those.
        auto put = [&](const char* key, const std::string& now, const std::string& was) {
            if (now != was) impl_->put_setting(key, now);
        };
        auto put_number = [&](const char* key, double now, double was) {
            put(key, format_exact(now), format_exact(was));
        };
        impl_->audit_settings([&] {
            if (t) {
                put_number("change_watch_pct", t->change_watch_pct, was_t.change_watch_pct);
                put_number("change_range_pct", t->change_range_pct, was_t.change_range_pct);
                put_number("point_difference_cm", t->point_difference_cm, was_t.point_difference_cm);
                put_number("rapid_rise_pct", t->rapid_rise_pct, was_t.rapid_rise_pct);
                put_number("rapid_rise_days", t->rapid_rise_days, was_t.rapid_rise_days);
                put_number("sustained_weeks", t->sustained_weeks, was_t.sustained_weeks);
                put_number("sustained_sessions", t->sustained_sessions, was_t.sustained_sessions);
                put_number("sustained_pct", t->sustained_pct, was_t.sustained_pct);
                put_number("check_in_days", t->check_in_days, was_t.check_in_days);
            }
            if (method) put("volume_method", std::string(to_string(*method)), std::string(to_string(was_method)));
            if (change.clinic_name) put("clinic_name", *change.clinic_name, was_clinic);
            if (l) {
                put_number("plausible_point_cm", l->point_cm, was_l.point_cm);
                put_number("plausible_point_pct", l->point_pct, was_l.point_pct);
                put_number("plausible_volume_pct", l->volume_pct, was_l.volume_pct);
            }
        });
        tx.commit();
    });
}

VolumeMethod Store::Impl::read_volume_method() {
    auto s = setting("volume_method");
    return s ? parse_enum<VolumeMethod>(*s) : VolumeMethod::frustum;
}

VolumeMethod Store::volume_method() const {
    return impl_->guard([&] { return impl_->read_volume_method(); });
}

void Store::set_volume_method(VolumeMethod method) { update_settings({.method = method}); }

PlausibilityLimits Store::plausibility_limits() const {
    return impl_->guard([&] {
        PlausibilityLimits l;
        auto read = [&](const char* key, const Limit& limit, double& v) {
            if (auto s = impl_->setting(key)) v = parse_decimal(*s, key);
            swelltrack::check(limit, v);  // edited past the program: named, not used
        };
        read("plausible_point_cm", limits::plausible_point_cm, l.point_cm);
        read("plausible_point_pct", limits::plausible_point_pct, l.point_pct);
        read("plausible_volume_pct", limits::plausible_volume_pct, l.volume_pct);
        return l;
    });
}

void Store::set_plausibility_limits(const PlausibilityLimits& l) { update_settings({.plausibility = l}); }

// ---- Maintenance ------------------------------------------------------------------------------

void Store::backup_to(const std::filesystem::path& target, bool overwrite) const {
    // VACUUM INTO fills an empty 0600 temporary next to the target, which replaces the target only
    // once complete and synced: a failed backup (full disk) never removes the previous one.
    create_folder_of(target, "backup");
    try {
        AtomicFile file(target, overwrite ? Existing::replace : Existing::refuse);
        impl_->guard([&] {
            try {
                SQLite::Statement q(impl_->db, "VACUUM INTO ?");
                q.bind(1, file.temp_path().string());
                q.exec();
            } catch (const SQLite::Exception& e) {
                // Writing the copy failed: name the backup, not the database and not the temporary.
                int code = e.getErrorCode() & 0xff;
                if (code != SQLITE_FULL && code != SQLITE_IOERR && code != SQLITE_CANTOPEN) throw;
                int err = sqlite3_system_errno(impl_->db.getHandle());
                throw UserError(
                    "backup", target.string(),
                    "cannot write " + target.string() + ": " + (err != 0 ? std::strerror(err) : e.getErrorStr()));
            }
        });
        file.commit();
    } catch (const FileExists&) {
        throw UserError("backup", target.string(),
                        "backup: " + target.string() + " already exists; choose another file or allow overwriting");
    }
}

namespace {

// Every photo has its image and thumbnail, whole JPEGs (start and end markers) of the size its row
// says: a photo cut short by a damaged file shows up here.
void check_photos(SQLite::Database& db, std::vector<std::string>& problems) {
    SQLite::Statement photos(db,
                             "SELECT p.id, c.name, p.site, p.bytes, length(i.image), hex(substr(i.image, 1, 2)), "
                             "hex(substr(i.image, -2)), hex(substr(i.thumbnail, 1, 2)), "
                             "hex(substr(i.thumbnail, -2)) FROM photos p JOIN clients c ON c.id = p.client_id "
                             "LEFT JOIN photo_images i ON i.photo_id = p.id ORDER BY p.id");
    while (photos.executeStep()) {
        const auto what = "photo " + photos.getColumn(0).getString() + " (" + photos.getColumn(1).getString() + ", " +
                          photos.getColumn(2).getString() + "): ";
        if (photos.isColumnNull(4))
            problems.push_back(what + "its image is missing");
        else if (photos.getColumn(3).getInt64() != photos.getColumn(4).getInt64())
            problems.push_back(what + "its image is " + photos.getColumn(4).getString() + " bytes, not " +
                               photos.getColumn(3).getString());
        else if (photos.getColumn(5).getString() != "FFD8" || photos.getColumn(6).getString() != "FFD9" ||
                 photos.getColumn(7).getString() != "FFD8" || photos.getColumn(8).getString() != "FFD9")
            problems.push_back(what + "its image or thumbnail is not a whole JPEG");
    }
}

}  // namespace

std::vector<std::string> Store::check() const {
    return impl_->guard([&] {
        std::vector<std::string> problems;
        SQLite::Statement integrity(impl_->db, "PRAGMA integrity_check");
        while (integrity.executeStep())
            if (auto row = integrity.getColumn(0).getString(); row != "ok") problems.push_back("integrity: " + row);
        SQLite::Statement fk(impl_->db, "PRAGMA foreign_key_check");
        while (fk.executeStep())
            problems.push_back("foreign key: row " + fk.getColumn(1).getString() + " of table " +
                               fk.getColumn(0).getString() + " points to a missing " + fk.getColumn(2).getString());
        // Every session's protocol must be known, and its values fit the protocol and the range.
        SQLite::Statement used(impl_->db, "SELECT protocol, COUNT(*) FROM sessions GROUP BY protocol");
        while (used.executeStep())
            if (!impl_->find_protocol(used.getColumn(0).getString()))
                problems.push_back("protocol: " + used.getColumn(1).getString() + " session(s) use unknown protocol '" +
                                   used.getColumn(0).getString() + "'");
        check_photos(impl_->db, problems);
        // Every stored session must still pass the gate every path in passes (Impl::admit):
        // values written past the program, or a client edited since, show up here. Every pinned
        // baseline must be a complete session of its client in its protocol.
        ReadSnapshot snapshot(impl_->db);
        for (const auto& c : list_clients(true)) {
            auto sessions = impl_->load_range(c.id, first_utc, last_utc);
            for (const auto& pin : impl_->pins(c.id)) {
                auto it = std::find_if(sessions.begin(), sessions.end(),
                                       [&](const Session& s) { return s.id == pin.session_id; });
                if (it == sessions.end() || it->protocol != pin.protocol || !both_sides_complete(*it))
                    problems.push_back("baseline: " + c.name + "'s baseline in " + pin.protocol + " (session " +
                                       std::to_string(pin.session_id) +
                                       ") is not a complete session of hers in that protocol; pin another session "
                                       "as the baseline");
            }
            for (const auto& s : sessions) {
                const auto* p = impl_->find_protocol(s.protocol);
                if (!p) continue;  // reported above
                try {
                    impl_->admit(s, *p, c);
                } catch (const UserError& e) {
                    problems.push_back("session " + std::to_string(s.id) + " (" + c.name + ", " +
                                       display::minute(s.recorded_at) + "): " + e.what());
                }
            }
        }
        return problems;
    });
}

}  // namespace swelltrack
