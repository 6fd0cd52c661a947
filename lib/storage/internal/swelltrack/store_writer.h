#pragma once
// The narrow door import uses into a store: look-ups, and raw inserts inside one write
// transaction. No SQLite type crosses it. Only lib/exchange includes it (an internal include
// folder), so the command line and the reports cannot write around the store's checks.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/store.h"

namespace swelltrack {

class StoreWriter {
   public:
    explicit StoreWriter(Store& store);
    ~StoreWriter();  // rolls back a transaction that was begun but not committed
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    /// Every call translates the database's errors like Store does (a UserError naming the file).
    const Protocol* find_protocol(std::string_view name);
    std::optional<Client> client_by_name(std::string_view name);
    /// Instants (UTC seconds) of a client's sessions, ascending.
    std::vector<std::int64_t> session_instants(std::int64_t client_id);
    std::optional<Session> session_at(std::int64_t client_id, date::sys_seconds utc);
    /// Store::previous_sessions, inside the import's transaction.
    std::vector<Session> previous_sessions(std::int64_t client_id, const std::string& protocol,
                                           date::sys_seconds before);

    /// The greatest session id stored (0: none). Sessions inserted after begin() have greater ids,
    /// in the order they were inserted.
    std::int64_t newest_session_id();
    /// The instant (UTC seconds) of a client's newest session, if it has any.
    std::optional<std::int64_t> newest_instant(std::int64_t client_id);
    /// Up to `limit` of a client's sessions from `from` on, oldest first, with their ids.
    std::vector<Session> sessions_from(std::int64_t client_id, date::sys_seconds from, std::int64_t limit);
    /// A client's pinned baselines: each protocol with its baseline session's time.
    std::vector<std::pair<std::string, DateTime>> pinned_instants(std::int64_t client_id);
    /// The clients that sessions were inserted for so far, each with the oldest of those sessions.
    std::vector<std::pair<std::int64_t, date::sys_seconds>> inserted_for() const;

    /// Begins the one write transaction (IMMEDIATE: waits for other writers up front).
    void begin();
    /// The store's gate for a session before it is written (Store::implausible's first step):
    /// throws UserError naming the field, value and allowed range. `client` may be one the import
    /// has not inserted yet.
    void check_session(const Session& session, const Protocol& protocol, const Client& client) const;
    /// Inserts without validating again: the caller has run normalize_session and check_session.
    void insert_protocol(const Protocol& protocol);
    std::int64_t insert_client(const Client& client);
    /// The client's courses as stored (with this import's).
    std::vector<Course> courses(std::int64_t client_id);
    /// Adds a course of the client (course.client_id) after validate_course and the overlap check
    /// (a UserError naming the course it would share a day with); audited ("course.add").
    void insert_course(const Course& course, const Client& client);
    /// The client's photos as stored (with this import's), and one's JPEG.
    std::vector<Photo> photos(std::int64_t client_id);
    std::string photo_image(std::int64_t photo_id);
    /// Adds a photo of `client` (its JPEGs as imaging::take_in_stored gives them; who added it kept
    /// when given), refused without her consent; audited ("photo.add").
    void insert_photo(const Photo& photo, const Client& client, std::string_view image, std::string_view thumbnail);
    std::int64_t insert_session(const Session& session);
    /// Replaces a session inserted by this writer (same id: one whose rows came in two parts).
    void update_session(const Session& session);
    /// Audits what was imported from `source` (one `action` entry per client, with `reason`), pins
    /// each protocol's first baseline where one is missing (Store::record_session's rule), and commits.
    void commit(std::string_view source, std::string_view action = "import", std::string_view reason = {});

   private:
    struct Transaction;
    struct Touched {
        std::int64_t sessions = 0;
        DateTime first, last;
    };
    Store::Impl& impl_;
    std::unique_ptr<Transaction> transaction_;
    std::map<std::int64_t, Touched> touched_;  // sessions inserted, by client id
};

}  // namespace swelltrack
