#pragma once
// What an import has read of its file so far. The readers hand each client, protocol and session
// to a Batch as they read it; the Batch checks it and writes it inside the import's one
// transaction at once, so memory does not grow with the file (the database is the index of what
// the file held). import.cpp checks plausibility against the rows written, then commits, or
// throws and the transaction rolls back: all or nothing as before.
#include <cstdint>
#include <deque>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "swelltrack/store_writer.h"

namespace swelltrack::exchange {

struct ClientRef {
    Client client;          // id set when stored (or once written)
    bool existing = false;  // already in the database before this import
    std::string where;      // where it was defined, for messages
    // The newest instant (UTC seconds) stored for the client, this import's included: a session
    // after it is new without asking the database. Unknown until first needed.
    std::optional<std::int64_t> newest;
};

/// Where the sessions of a second reading were: what the plausibility report names.
struct Locations {
    struct Key {
        std::int64_t client_id;
        std::int64_t utc;
        auto operator<=>(const Key&) const = default;
    };
    std::map<Key, std::string> where;  // filled for the keys asked for, empty until found
};

class Batch {
   public:
    /// Writes as it reads: begins the import's transaction on `store`.
    Batch(StoreWriter& store, std::string source, const ImportChecks& checks);
    /// Reads again only to find where the sessions in `locations` are; writes nothing.
    Batch(StoreWriter& store, std::string source, const ImportChecks& checks, Locations& locations);

    StoreWriter& store() { return store_; }
    const std::string& source() const { return source_; }
    const ImportChecks& checks() const { return checks_; }
    /// A row was refused with `e`: a dry run notes it (the first reading) and returns true to go on;
    /// an import returns false, and the caller rethrows.
    bool note_refused(const UserError& e);

    /// A known client (defined earlier in this file, or stored); nullopt if neither.
    std::optional<std::size_t> find_client(std::string_view name);
    /// Defines a client from the file: reuses an identical stored or earlier one; a different one
    /// with the same name is an error at `where`. A new one is inserted.
    std::size_t define_client(Client c, const std::string& where);
    /// A protocol known to the store or defined earlier in this file, or nullptr.
    const Protocol* find_protocol(std::string_view name);
    /// Defines a user protocol: identical to a known one is fine, different is an error; a new one is inserted.
    void define_protocol(Protocol p, const std::string& where);

    /// A treatment course of the client (JSON): one identical to a stored one is already present;
    /// another that shares a day with one of hers is an error at `where`.
    void define_course(std::size_t client, Course course, const std::string& where);

    /// A photo of the client (JSON) with its JPEG as the file carries it: taken in as stored
    /// (imaging::take_in_stored: kept byte for byte when swelltrack made it, cleaned otherwise). One
    /// already stored at that time and site with the same image is present; without her consent,
    /// an error at `where`.
    void define_photo(std::size_t client, Photo photo, std::string_view jpeg, const std::string& where);
    /// The measurement CSV's rows of one session may be anywhere in the file: what earlier rows
    /// gave for the session of `client` at `at`, or nullptr when this is its first row. (Valid
    /// until the next call.)
    const Session* so_far(std::size_t client, const DateTime& at);
    /// One session, or (`values_only`, the measurement CSV) all the file has given of it so far:
    /// normalised, passed through the store's gate (errors name `where`), compared with a stored
    /// one at its instant (identical: already present; different: an error), and written.
    void add(std::size_t client, Session s, const std::string& where, bool values_only);
    /// After the last session: a stored session the file gave only part of is an error.
    void finish();

    const ClientRef& client(std::size_t index) const { return clients_[index]; }
    /// The client with this id among those the file named.
    const ClientRef* client_by_id(std::int64_t id) const;
    /// Sessions with a greater id were written by this import.
    std::int64_t newest_before() const { return newest_before_; }
    ImportSummary summary;

   private:
    struct Stored {
        enum Kind { none, this_import, before } kind = none;
        std::optional<Session> session;
    };
    Stored stored_at(std::size_t client, date::sys_seconds utc);
    bool present(std::int64_t id) const { return id < static_cast<std::int64_t>(present_.size()) && present_[id]; }

    StoreWriter& store_;
    std::string source_;
    const ImportChecks& checks_;
    Locations* locate_ = nullptr;  // the second reading
    std::int64_t newest_before_ = 0;
    std::vector<ClientRef> clients_;
    std::unordered_map<std::string, std::size_t> client_index_;
    std::unordered_map<std::int64_t, std::size_t> client_by_id_;
    std::deque<Protocol> protocols_;  // defined by this file (stable addresses)
    // The last look-up of so_far, which add then needs again.
    std::size_t last_client_ = static_cast<std::size_t>(-1);
    std::int64_t last_utc_ = 0;
    Stored last_;
    // Stored sessions the file gave in full (by id: a bit each), and those it gave part of so far.
    std::vector<bool> present_;
    struct Part {
        Session session;
        std::string where;
        std::uint64_t order;
    };
    std::map<std::int64_t, Part> parts_;
    std::uint64_t parts_made_ = 0;
};

/// "<source> line L, column C (name): <message>"
[[noreturn]] void fail_at(const std::string& where, const std::string& message, std::string field = {},
                          std::string value = {}, Remedy remedy = Remedy::none);

/// Reads the CSV formats from `in` into `batch` (the format is told by the header).
void read_csv(Batch& batch, std::istream& in);
/// Reads the JSON format from `in` into `batch`, one client at a time.
void read_json(Batch& batch, std::istream& in);

/// Two sessions hold the same data (values only: protocol and circumferences).
bool same_session(const Session& a, const Session& b, bool values_only);
bool same_client(const Client& a, const Client& b);

}  // namespace swelltrack::exchange
