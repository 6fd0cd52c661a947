#pragma once
// What an import file holds once parsed and checked, before anything is written: new protocols,
// clients (new or already stored) and sessions that refer to them. import.cpp writes a batch in one
// transaction; the CSV and JSON readers only fill it.
#include <cstdint>
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
    bool existing = false;  // already in the database
    std::string where;      // where it was defined, for messages
};

struct PendingSession {
    Session session;           // client_id filled at write time from `client`
    std::size_t client = 0;    // index into Batch::clients
    bool values_only = false;  // from the measurement CSV: compare only protocol and values on re-import
    std::string where;
};

class Batch {
   public:
    Batch(StoreWriter& store, std::string source) : store_(store), source_(std::move(source)) {}

    StoreWriter& store() { return store_; }
    const std::string& source() const { return source_; }

    /// A known client (defined earlier in this file, or stored); nullopt if neither.
    std::optional<std::size_t> find_client(std::string_view name);
    /// Defines a client from the file: reuses an identical stored or earlier one; a different one
    /// with the same name is an error at `where`.
    std::size_t define_client(Client c, const std::string& where);
    /// A protocol known to the store or defined earlier in this file, or nullptr.
    const Protocol* find_protocol(std::string_view name);
    /// Defines a user protocol: identical to a known one is fine, different is an error.
    void define_protocol(Protocol p, const std::string& where);
    /// The session of this client at this instant in the file so far, or a new one.
    PendingSession& session_for(std::size_t client, const DateTime& at, const std::string& protocol,
                                const std::string& where, bool* created = nullptr);

    std::vector<ClientRef> clients;
    std::vector<Protocol> protocols;  // new user protocols
    std::vector<std::string> protocol_where;
    std::vector<PendingSession> sessions;

   private:
    StoreWriter& store_;
    std::string source_;
    std::unordered_map<std::string, std::size_t> client_index_;
    struct KeyHash {
        std::size_t operator()(const std::pair<std::size_t, std::int64_t>& k) const {
            return std::hash<std::int64_t>{}(k.second * 1000003 + static_cast<std::int64_t>(k.first));
        }
    };
    std::unordered_map<std::pair<std::size_t, std::int64_t>, std::size_t, KeyHash> session_index_;
};

/// "<source> line L, column C (name): <message>"
[[noreturn]] void fail_at(const std::string& where, const std::string& message, std::string field = {},
                          std::string value = {}, Remedy remedy = Remedy::none);

/// Parses the CSV formats into `batch` (the format is told by the header).
void read_csv(Batch& batch, std::string_view text);
/// Parses the JSON format into `batch`.
void read_json(Batch& batch, std::string_view text);

/// Two sessions hold the same data (values only: protocol and circumferences).
bool same_session(const Session& a, const Session& b, bool values_only);
bool same_client(const Client& a, const Client& b);

}  // namespace swelltrack::exchange
