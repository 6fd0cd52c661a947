// Passwords (Argon2id through libsodium), session cookies and the login throttle (auth.h).
#include "auth.h"

#include <sodium.h>

#include <algorithm>
#include <semaphore>
#include <stdexcept>

namespace swelltrack::web {

namespace {

void init_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not start (no source of randomness?)");
}

/// At most two Argon2id computations at once (memory: 2 x 64 MiB).
std::counting_semaphore<2>& login_slots() {
    static std::counting_semaphore<2> slots(2);
    return slots;
}

struct Slot {
    Slot() { login_slots().acquire(); }
    ~Slot() { login_slots().release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
};

}  // namespace

std::string hash_password(std::string_view password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    Slot slot;
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), argon2_passes, argon2_memory_bytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
    init_sodium();
    Slot slot;
    // An empty view may have no data pointer at all; libsodium's may not be null.
    return crypto_pwhash_str_verify(hash.c_str(), password.empty() ? "" : password.data(), password.size()) == 0;
}

void verify_nothing(std::string_view password) {
    // A hash of a random password, made once with the same cost as every stored one.
    static const std::string dummy = hash_password(random_token());
    (void)verify_password(dummy, password);
}

std::string random_token() {
    init_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char out[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string token_hash(std::string_view token) {
    init_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// ---- Sessions -------------------------------------------------------------------------------

std::string Sessions::open(const User& user) {
    auto now = Clock::now();
    Entry e{{user.login, user.role, user.client_id, random_token(), user.password_hash}, now, now};
    auto token = random_token();
    std::lock_guard lock(mutex_);
    prune(now);
    sessions_.emplace(token, std::move(e));
    return token;
}

std::optional<SignedIn> Sessions::find(std::string_view token) {
    auto now = Clock::now();
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token);
    if (it == sessions_.end()) return std::nullopt;
    if (now - it->second.last_used > idle_ || now - it->second.opened > lifetime_) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_used = now;
    return it->second.who;
}

void Sessions::close(std::string_view token) {
    std::lock_guard lock(mutex_);
    if (auto it = sessions_.find(token); it != sessions_.end()) sessions_.erase(it);
}

std::size_t Sessions::size() {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

void Sessions::prune(Clock::time_point now) {
    for (auto it = sessions_.begin(); it != sessions_.end();)
        if (now - it->second.last_used > idle_ || now - it->second.opened > lifetime_)
            it = sessions_.erase(it);
        else
            ++it;
}

// ---- Throttle -------------------------------------------------------------------------------

long long LoginThrottle::blocked_for(const std::string& key) {
    std::lock_guard lock(mutex_);
    return blocked_for_locked(key, Clock::now());
}

long long LoginThrottle::attempt(const std::string& key, int limit) {
    auto now = Clock::now();
    std::lock_guard lock(mutex_);  // one lock for the check and the count: no try slips between them
    if (auto wait = blocked_for_locked(key, now); wait > 0) return wait;
    failed_locked(key, limit, now);
    return 0;
}

void LoginThrottle::failed(const std::string& key, int limit) {
    std::lock_guard lock(mutex_);
    failed_locked(key, limit, Clock::now());
}

void LoginThrottle::forgive(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = counts_.find(key);
    if (it == counts_.end() || it->second.failures == 0) return;
    if (--it->second.failures < it->second.limit) it->second.until = {};  // the try that blocked was right
}

long long LoginThrottle::blocked_for_locked(const std::string& key, Clock::time_point now) {
    auto it = counts_.find(key);
    if (it == counts_.end() || it->second.until <= Clock::time_point{}) return 0;
    if (now >= it->second.until) {
        counts_.erase(it);  // the block is over: five more tries
        return 0;
    }
    return std::chrono::ceil<std::chrono::seconds>(it->second.until - now).count();
}

void LoginThrottle::failed_locked(const std::string& key, int limit, Clock::time_point now) {
    // Bounded memory under a flood of made-up logins: forget counts that are not blocking.
    if (counts_.size() > 100000)
        for (auto it = counts_.begin(); it != counts_.end();)
            it = it->second.until <= Clock::time_point{} || now >= it->second.until ? counts_.erase(it) : std::next(it);
    auto& c = counts_[key];
    if (c.failures > 0 && now - c.last > block_) c.failures = 0;  // an old count starts again
    c.last = now;
    c.limit = limit;
    if (++c.failures >= limit && c.until <= Clock::time_point{}) c.until = now + block_;
}

void LoginThrottle::succeeded(const std::string& key) {
    std::lock_guard lock(mutex_);
    counts_.erase(key);
}

// ---- Pace -----------------------------------------------------------------------------------

long long LoginPace::attempt(const std::string& login, const std::string& address) {
    auto now = Clock::now();
    std::lock_guard lock(mutex_);
    // Bounded memory: forget logins that are neither slowed nor known anywhere.
    if (logins_.size() > 100000)
        for (auto it = logins_.begin(); it != logins_.end();)
            it = it->second.failures < slow_after && it->second.known.empty() ? logins_.erase(it) : std::next(it);
    auto& e = logins_[login];
    const bool known = std::find(e.known.begin(), e.known.end(), address) != e.known.end();
    if (e.failures >= slow_after && !known) {
        if (now - e.last_paced < pace_)
            return std::chrono::ceil<std::chrono::seconds>(pace_ - (now - e.last_paced)).count();
        e.last_paced = now;
    }
    ++e.failures;
    return 0;
}

void LoginPace::succeeded(const std::string& login, const std::string& address) {
    std::lock_guard lock(mutex_);
    auto& e = logins_[login];
    e.failures = 0;
    if (std::find(e.known.begin(), e.known.end(), address) != e.known.end()) return;
    if (e.known.size() >= known_addresses) e.known.erase(e.known.begin());
    e.known.push_back(address);
}

}  // namespace swelltrack::web
