#pragma once
// The inside of Store, private to lib/storage: the SQL lives here and in the sources beside it.
// Import reaches a few of these methods through StoreWriter (lib/storage/internal), never this header.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "swelltrack/store.h"

namespace swelltrack {

/// A client's status as the store keeps it (client_status): the facts, and the first instant a
/// read may use them at (the newest session's; nullopt: any).
struct StoredStatus {
    StatusFacts facts;
    std::optional<std::int64_t> valid_from_utc;
};

struct Store::Impl {
    explicit Impl(const std::filesystem::path& file);

    std::filesystem::path path;
    SQLite::Database db;
    int version = 0;
    std::string actor = "swelltrack";  // who changes are by (audit trail)

    /// Throws UserError, changing nothing, unless the file is empty or swelltrack's (its
    /// application id, or a swelltrack schema from before the id).
    int refuse_foreign();  // returns the file's application id

    /// Turns an SQLite error the user can act on (busy, read-only, not a database, disk full)
    /// into a UserError naming the file; anything else becomes a runtime_error with context.
    [[noreturn]] void fail(const SQLite::Exception& e) const;
    /// Runs `f`, translating SQLite errors with fail().
    template <class F>
    auto guard(F&& f) const -> decltype(f()) {
        try {
            return f();
        } catch (const SQLite::Exception& e) {
            fail(e);
        }
    }

    /// A write transaction of the Store: IMMEDIATE, so a writer waits for the busy timeout up front
    /// rather than failing halfway; commit() first recomputes every status the write made stale
    /// (refresh_statuses), so a committed write always leaves the stored statuses current.
    class WriteTransaction {
       public:
        explicit WriteTransaction(Impl& impl) : impl_(impl), sql_(impl.db, SQLite::TransactionBehavior::IMMEDIATE) {}
        void commit() {
            impl_.refresh_statuses();
            sql_.commit();
        }

       private:
        Impl& impl_;
        SQLite::Transaction sql_;
    };
    WriteTransaction begin_write() { return WriteTransaction(*this); }

    // Stored statuses (statuses.cpp; docs/architecture.md#stored-statuses).
    struct StatusSettings {
        std::vector<Protocol> protocols;
        VolumeMethod method = VolumeMethod::frustum;
        AlertThresholds thresholds;
    };
    StatusSettings status_settings();
    AlertThresholds read_thresholds();
    VolumeMethod read_volume_method();
    /// The client's status facts from its sessions, as of its newest session.
    StoredStatus compute_status(const Client& client, const StatusSettings& settings);
    void put_status(std::int64_t client_id, const StoredStatus& status);  // no transaction
    /// A row of the client columns then the status columns (`clients c LEFT JOIN client_status
    /// st`): the status at `now` and, with `keep_facts`, the stored facts it was finished from.
    /// A row written for a later instant than `now` (a session in the future) may lack an
    /// infection-signs session that counts at `now`: computed afresh, as is a stale or missing
    /// row, and then there are no facts. `settings` are read when first needed.
    struct RowStatus {
        std::optional<StatusFacts> facts;
        ClientStatus status;
    };
    RowStatus read_status(SQLite::Statement& q, date::sys_seconds now, bool keep_facts,
                          std::optional<StatusSettings>& settings);
    /// Recomputes and stores every status marked stale (by the schema's triggers); no transaction.
    void refresh_statuses();

    // Protocols (cached; user-defined ones reloaded when a name is not found).
    const Protocol* find_protocol(std::string_view name);
    const std::vector<Protocol>& user_protocols();
    void insert_protocol(const Protocol& p);  // no validation, no transaction

    // Clients.
    std::optional<Client> client_by_name(std::string_view name);
    std::optional<Client> client_by_id(std::int64_t id);
    std::int64_t insert_client(const Client& c);  // no validation, no transaction; audited
    // Treatment courses (courses.cpp). No transaction: callers write them inside their own.
    std::vector<Course> courses(std::int64_t client_id);
    /// A UserError naming the course of the client that shares a day with `c`, if one does.
    void check_no_overlap(const Course& c);
    /// Inserts `c` (validated, no overlap checked here: check_no_overlap first); audited
    /// ("course.add"). Returns its id.
    std::int64_t insert_course(const Course& c, const Client& client);

    // Photos (photos.cpp). No transaction: callers write them inside their own.
    /// Inserts a photo of `client` (checked with check_photo), refused without her consent; linked
    /// to her session in the same minute; audited ("photo.add"). Returns it as stored.
    Photo insert_photo(Photo p, const Client& client, std::string_view image, std::string_view thumbnail);
    std::vector<Photo> photos(std::int64_t client_id, bool deleted);  // Store::photos
    std::string photo_image(std::int64_t photo_id, bool thumbnail);   // Store::photo_image
    // Sessions. Writes neither validate nor open a transaction: callers do both.
    /// Throws UserError unless `s` is a valid session of `protocol` for `client` (validate_session):
    /// the gate of record, correct, import and check.
    void admit(const Session& s, const Protocol& protocol, const Client& client) const;
    std::int64_t insert_session(const Session& s);
    void update_session_row(const Session& s);  // same id: every field, values and symptoms replaced
    void delete_session_rows(std::int64_t session_id);
    std::optional<Session> session_at(std::int64_t client_id, date::sys_seconds utc);
    std::optional<Session> session_by_id(std::int64_t session_id);
    std::vector<std::int64_t> session_instants(std::int64_t client_id);  // utc seconds, ascending
    /// Sessions with from <= utc <= to, oldest first, at most `limit` (-1: all), with every value.
    std::vector<Session> load_range(std::int64_t client_id, std::int64_t from_utc, std::int64_t to_utc,
                                    std::int64_t limit = -1);
    std::optional<std::int64_t> newest_instant(std::int64_t client_id);
    /// The sessions in `protocol` before `before_utc` a new session is compared with, per side and
    /// per point (plausibility.h's PreviousSessions), oldest first: Store::previous_sessions.
    std::vector<Session> previous_sessions(std::int64_t client_id, const std::string& protocol,
                                           std::int64_t before_utc);

    // Settings (key/value text).
    std::optional<std::string> setting(const std::string& key);
    void put_setting(const std::string& key, const std::string& value);  // no transaction
    std::string settings_json();                                         // every setting as one JSON object
    /// Runs `change` (put_setting calls) and audits the settings before and after, if they differ.
    template <class F>
    void audit_settings(F&& change) {
        auto before = settings_json();
        change();
        if (auto after = settings_json(); after != before) audit("settings", nullptr, {}, before, after, {});
    }

    // Audit trail and baselines. No transaction: callers write them inside the change's own.
    /// Appends one entry by `actor`, now. Values are JSON text (swelltrack/records.h); "" = none.
    void audit(std::string_view action, const Client* client, std::string_view subject, const std::string& old_value,
               const std::string& new_value, std::string_view reason);
    std::vector<BaselinePin> pins(std::int64_t client_id);
    /// Pins `session_id` as the client's baseline in `protocol` (replacing a pin there); not audited.
    void put_pin(std::int64_t client_id, const std::string& protocol, std::int64_t session_id, std::string_view reason);
    /// Pins, for each protocol of the client's sessions (only `protocol` when given) that has no
    /// baseline yet, baseline_candidate's session; each pin is audited.
    void pin_missing(const Client& client, const std::string& protocol = {});

   private:
    void insert_session_prepare();
    void bind_session_fields(SQLite::Statement& q, const Session& s);
    void insert_details(std::int64_t id, const Session& s);  // side values and symptoms
    std::vector<Protocol> user_protocols_;
    bool protocols_loaded_ = false;
    std::unique_ptr<SQLite::Statement> insert_session_, insert_side_, insert_symptoms_, select_sessions_,
        select_measurements_, insert_audit_;
    std::unique_ptr<SQLite::Statement> select_previous_;
};

/// Throws UserError unless the photo's site and offset are valid; both JPEGs must be given.
void check_photo(const Photo& p, std::string_view image, std::string_view thumbnail);
/// A photo as the audit trail keeps it (records::photo, with its session's time).
std::string photo_json(Store::Impl& impl, const Photo& p);

/// The store as status reads it: the domain decides which sessions (status_sessions), storage loads them.
class ImplReader final : public SessionReader {
   public:
    explicit ImplReader(Store::Impl& impl) : impl_(impl) {}
    std::vector<Session> sessions_between(std::int64_t client_id, std::int64_t from_utc, std::int64_t to_utc,
                                          std::int64_t limit) override {
        return impl_.load_range(client_id, from_utc, to_utc, limit);
    }
    std::optional<std::int64_t> newest_utc(std::int64_t client_id) override { return impl_.newest_instant(client_id); }
    std::optional<Session> session_by_id(std::int64_t session_id) override { return impl_.session_by_id(session_id); }

   private:
    Store::Impl& impl_;
};

/// Reads that span several statements see one snapshot (and take the file lock once): begins a
/// read transaction unless one is already open, and ends it on destruction.
class ReadSnapshot {
   public:
    explicit ReadSnapshot(SQLite::Database& db) : db_(db), owns_(sqlite3_get_autocommit(db.getHandle()) != 0) {
        if (owns_) db_.exec("BEGIN DEFERRED");
    }
    ~ReadSnapshot() {
        if (owns_ && sqlite3_get_autocommit(db_.getHandle()) == 0)
            sqlite3_exec(db_.getHandle(), "COMMIT", nullptr, nullptr, nullptr);
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

   private:
    SQLite::Database& db_;
    bool owns_;
};

namespace storage {
/// "c.id, c.name, ...": the client columns of `clients c` that read_client reads, first in a row.
extern const char* const client_select_columns;
inline constexpr int client_column_count = 14;
Client read_client(SQLite::Statement& q);
/// The client_status columns of `client_status st` that status_row reads, from its `stale`.
extern const char* const status_columns;
/// The stored status in the row's columns from `first` (status_columns), or nullopt when the
/// client has no row or it is stale.
std::optional<StoredStatus> status_row(SQLite::Statement& q, int first, Client client);
/// PRAGMA application_id of every swelltrack database: "SWTK" read as a big-endian integer.
inline constexpr int application_id = 0x5357544B;
/// Brings `db` from `from_version` to current_schema_version() in one transaction.
void migrate(SQLite::Database& db, int from_version);
/// The SQL that makes schema version `v` from `v - 1` (1-based); for tests that build old databases.
const char* migration_sql(int v);
/// One side's circumferences as stored (schema 4): little-endian float64 mm, NaN = not measured.
std::string pack_mm(const PointValues& values);
PointValues unpack_mm(const void* data, std::size_t bytes);
}  // namespace storage

}  // namespace swelltrack
