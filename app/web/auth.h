#pragma once
// Passwords, session cookies and the login throttle of `swelltrack serve` (docs/security.md).
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/account.h"

namespace swelltrack::web {

/// Argon2id cost (libsodium crypto_pwhash, docs/security.md): 3 passes over 64 MiB, about 0.1-0.2 s
/// on one core here. At most two hashes run at once (login_slots), so a flood of logins cannot take
/// more than 128 MiB or every core.
inline constexpr unsigned long long argon2_passes = 3;
inline constexpr std::size_t argon2_memory_bytes = 64u << 20;

/// The Argon2id hash of `password` in libsodium's string form ("$argon2id$v=19$m=65536,t=3,p=1$...").
std::string hash_password(std::string_view password);
/// True when `password` matches `hash`; false for a wrong password or a hash this program cannot read.
bool verify_password(const std::string& hash, std::string_view password);
/// Spends the time of one verify_password, so an unknown login answers as slowly as a known one.
void verify_nothing(std::string_view password);

/// 32 random bytes (libsodium's CSPRNG) as 43 URL-safe base64 characters.
std::string random_token();
/// The SHA-256 of `token` as 64 lowercase hex digits (libsodium): how an invitation's token is
/// stored, so that a copy of the database opens no link.
std::string token_hash(std::string_view token);
/// Compares two secrets in time that depends only on their lengths.
bool same_secret(std::string_view a, std::string_view b);

/// Who a session cookie belongs to, as checked on each request.
struct SignedIn {
    std::string login;
    Role role = Role::client;
    std::optional<std::int64_t> client_id;
    std::string csrf;           // this session's CSRF token (docs/security.md#csrf)
    std::string password_hash;  // as at login: a changed password ends the session
};

/// The server's sessions, in memory: a restart signs everyone out. A session ends `idle` after its
/// last request, `lifetime` after login, or at logout.
class Sessions {
   public:
    using Clock = std::chrono::steady_clock;
    Sessions(std::chrono::seconds idle, std::chrono::seconds lifetime) : idle_(idle), lifetime_(lifetime) {}
    /// A new session for `user`; returns the cookie's value.
    std::string open(const User& user);
    /// The session of cookie value `token`, if it is open and not expired (and marks it used).
    std::optional<SignedIn> find(std::string_view token);
    void close(std::string_view token);
    std::size_t size();

   private:
    struct Entry {
        SignedIn who;
        Clock::time_point opened, last_used;
    };
    void prune(Clock::time_point now);  // drops expired sessions
    std::chrono::seconds idle_, lifetime_;
    std::mutex mutex_;
    std::map<std::string, Entry, std::less<>> sessions_;
};

/// `limit` wrong passwords for a key (5 unless said: a login from one address; 20 for an address,
/// whatever the logins), each within `block` of the one before, block it for `block` (429).
class LoginThrottle {
   public:
    using Clock = std::chrono::steady_clock;
    static constexpr int max_failures = 5;           // a login from one address
    static constexpr int max_address_failures = 20;  // an address, whatever the logins
    explicit LoginThrottle(std::chrono::seconds block) : block_(block) {}
    /// Seconds until `key` may try again; 0 when it may now.
    long long blocked_for(const std::string& key);
    /// One try for `key`, counted as a failure before its password is checked (a right one then
    /// calls succeeded() or forgive()), so tries sent at once cannot pass `limit` while the first
    /// are still being checked. Returns blocked_for(key) and counts nothing when `key` is blocked.
    long long attempt(const std::string& key, int limit = max_failures);
    void failed(const std::string& key, int limit = max_failures);
    /// The row ends: the count starts again.
    void succeeded(const std::string& key);
    /// One try counted by attempt() was not a failure; the others stay (an address that guessed
    /// keeps its count when it also signs in to a login of its own).
    void forgive(const std::string& key);

   private:
    struct Count {
        int failures = 0, limit = max_failures;
        Clock::time_point last;   // the latest failure: a count older than `block` starts again
        Clock::time_point until;  // blocked until, after `limit` failures
    };
    long long blocked_for_locked(const std::string& key, Clock::time_point now);
    void failed_locked(const std::string& key, int limit, Clock::time_point now);
    std::chrono::seconds block_;
    std::mutex mutex_;
    std::map<std::string, Count> counts_;
};

/// Wrong passwords for one login from many addresses slow it, never lock it: after `slow_after`
/// failures in a row (from anywhere), an address it has not signed in from gets one try per `pace`
/// among all such addresses, while an address it signed in from (its owner's, since the server
/// started) tries as usual.
class LoginPace {
   public:
    using Clock = std::chrono::steady_clock;
    static constexpr int slow_after = 5;
    static constexpr std::size_t known_addresses = 8;  // per login, the latest
    explicit LoginPace(std::chrono::seconds pace) : pace_(pace) {}
    /// Seconds until `address` may try `login`; 0 when it may now, and then the try is counted as a
    /// failure before the password is checked (succeeded() clears it).
    long long attempt(const std::string& login, const std::string& address);
    /// `login` signed in from `address`: its count starts again, and `address` is known to it.
    void succeeded(const std::string& login, const std::string& address);

   private:
    struct Entry {
        int failures = 0;
        Clock::time_point last_paced;  // the latest try let through while slowed
        std::vector<std::string> known;
    };
    std::chrono::seconds pace_;
    std::mutex mutex_;
    std::map<std::string, Entry, std::less<>> logins_;
};

}  // namespace swelltrack::web
