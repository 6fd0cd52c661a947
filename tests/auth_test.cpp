// Passwords, sessions and the login throttle (app/web/auth.h), without a server. Expiry is tested
// with durations of a second, so this unit sleeps about four seconds in all.
#include "auth.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using swelltrack::Role;
using swelltrack::User;
using swelltrack::web::hash_password;
using swelltrack::web::LoginPace;
using swelltrack::web::LoginThrottle;
using swelltrack::web::random_token;
using swelltrack::web::same_secret;
using swelltrack::web::Sessions;
using swelltrack::web::verify_nothing;
using swelltrack::web::verify_password;

namespace {

User maria() {
    User u;
    u.login = "maria";
    u.role = Role::client;
    u.client_id = 3;
    u.password_hash = "$argon2id$stand-in";  // Sessions only copies it
    return u;
}

}  // namespace

TEST_CASE("hash_password - Argon2id with the documented cost, salted, and verify_password round trips") {
    auto hash = hash_password("correct horse battery");
    CHECK_THAT(hash, Catch::Matchers::StartsWith("$argon2id$v=19$m=65536,t=3,p=1$"));
    CHECK(hash.find("correct horse") == std::string::npos);
    CHECK(verify_password(hash, "correct horse battery"));
    CHECK_FALSE(verify_password(hash, "correct horse batterY"));
    CHECK_FALSE(verify_password(hash, "correct horse battery "));
    CHECK_FALSE(verify_password(hash, ""));
    CHECK(hash_password("correct horse battery") != hash);  // a fresh salt each time

    // Bytes a password may hold: NUL inside, non-ASCII.
    std::string odd("pa\0ss\xC3\xA9word", 11);
    auto odd_hash = hash_password(odd);
    CHECK(verify_password(odd_hash, odd));
    CHECK_FALSE(verify_password(odd_hash, "pa"));  // not cut at the NUL
}

TEST_CASE("verify_password - false for a hash it cannot read, never a throw") {
    auto good = hash_password("password-one");
    for (std::string bad :
         {std::string(), std::string("not a hash"), std::string("$argon2id$"),
          std::string("$argon2id$v=19$m=65536,t=3,p=1$AAAA$BBBB"), good.substr(0, good.size() - 5), good.substr(0, 30),
          std::string("$2y$10$abcdefghijklmnopqrstuu5Zp9oNw1Z1iZpT2zJ5v6h7Uq9a8b"), std::string(5000, '$')}) {
        INFO(bad);
        CHECK_FALSE(verify_password(bad, "password-one"));
        CHECK_FALSE(verify_password(bad, ""));
    }
    verify_nothing("anything");  // spends the time, answers nothing, does not throw
}

TEST_CASE("random_token - 43 URL-safe characters, never the same twice") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        auto t = random_token();
        REQUIRE(t.size() == 43);
        CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
              std::string::npos);
        seen.insert(t);
    }
    CHECK(seen.size() == 200);
}

TEST_CASE("same_secret - equal bytes and equal length only") {
    CHECK(same_secret("abc", "abc"));
    CHECK_FALSE(same_secret("abc", "abd"));
    CHECK_FALSE(same_secret("abc", "Abc"));
    CHECK_FALSE(same_secret("abc", "abcd"));
    CHECK_FALSE(same_secret("abc", ""));
    CHECK_FALSE(same_secret("", "abc"));
    CHECK_FALSE(same_secret(std::string("a\0c", 3), std::string("a\0d", 3)));
    CHECK(same_secret(std::string("a\0c", 3), std::string("a\0c", 3)));
    auto t = random_token();
    CHECK(same_secret(t, std::string(t)));
    auto flipped = t;
    flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
    CHECK_FALSE(same_secret(t, flipped));
}

TEST_CASE("Sessions - open, find, close, every session its own cookie and CSRF token") {
    Sessions s(3600s, 3600s);
    auto a = s.open(maria()), b = s.open(maria());
    CHECK(a != b);
    CHECK(a.size() == 43);
    CHECK(s.size() == 2);
    auto who = s.find(a);
    REQUIRE(who);
    CHECK(who->login == "maria");
    CHECK(who->role == Role::client);
    CHECK(who->client_id == 3);
    CHECK(who->password_hash == "$argon2id$stand-in");
    CHECK(who->csrf.size() == 43);
    CHECK(who->csrf != a);  // the CSRF token is not the cookie
    REQUIRE(s.find(b));
    CHECK(s.find(b)->csrf != who->csrf);
    CHECK(s.find(a)->csrf == who->csrf);  // stable for the session's life

    CHECK_FALSE(s.find(""));
    CHECK_FALSE(s.find("nonsense"));
    CHECK_FALSE(s.find(a.substr(0, 42)));
    CHECK_FALSE(s.find(a + "x"));
    CHECK_FALSE(s.find(who->csrf));  // the CSRF token does not open the session

    s.close(a);
    CHECK_FALSE(s.find(a));
    CHECK(s.find(b));
    CHECK(s.size() == 1);
    s.close(a);  // twice: harmless
    s.close("unknown");
    CHECK(s.size() == 1);
}

TEST_CASE("Sessions - a session ends when idle too long, each request keeps it alive") {
    Sessions s(1s, 3600s);
    auto t = s.open(maria());
    std::this_thread::sleep_for(600ms);
    CHECK(s.find(t));  // used: idle time starts again
    std::this_thread::sleep_for(600ms);
    CHECK(s.find(t));  // 1.2 s since login, 0.6 s idle
    std::this_thread::sleep_for(1100ms);
    CHECK_FALSE(s.find(t));
    CHECK(s.size() == 0);  // dropped, not just hidden
}

TEST_CASE("Sessions - a session ends at its lifetime however busy") {
    Sessions s(3600s, 1s);
    auto t = s.open(maria());
    for (int i = 0; i < 4; ++i) {
        CHECK(s.find(t));
        std::this_thread::sleep_for(200ms);
    }
    std::this_thread::sleep_for(300ms);
    CHECK_FALSE(s.find(t));
    // Expired sessions are pruned when the next one opens.
    Sessions p(0s, 3600s);
    auto old = p.open(maria());
    std::this_thread::sleep_for(5ms);
    (void)p.open(maria());
    CHECK(p.size() == 1);
    CHECK_FALSE(p.find(old));
}

TEST_CASE("LoginThrottle - five failures in a row block a key, for that key only, until the block ends") {
    LoginThrottle t(1s);
    const std::string key = "login maria", other = "address 127.0.0.1";
    for (int i = 0; i < LoginThrottle::max_failures - 1; ++i) {
        t.failed(key);
        CHECK(t.blocked_for(key) == 0);
    }
    t.failed(key);  // the fifth
    CHECK(t.blocked_for(key) == 1);
    CHECK(t.blocked_for(other) == 0);
    t.failed(key);  // more failures while blocked: still blocked
    CHECK(t.blocked_for(key) >= 1);

    std::this_thread::sleep_for(1100ms);
    CHECK(t.blocked_for(key) == 0);
    // After the block: a fresh count, so four more failures do not block again.
    for (int i = 0; i < LoginThrottle::max_failures - 1; ++i) t.failed(key);
    CHECK(t.blocked_for(key) == 0);
    t.failed(key);
    CHECK(t.blocked_for(key) == 1);
}

TEST_CASE("LoginThrottle - a success ends the row, Retry-After is the whole block") {
    LoginThrottle t(900s);
    for (int i = 0; i < 4; ++i) t.failed("k");
    t.succeeded("k");
    for (int i = 0; i < 4; ++i) t.failed("k");
    CHECK(t.blocked_for("k") == 0);
    t.failed("k");
    auto wait = t.blocked_for("k");
    CHECK(wait > 895);
    CHECK(wait <= 900);
    CHECK(t.blocked_for("K") == 0);  // keys are exact; the caller normalizes logins
}

TEST_CASE("LoginThrottle - attempt counts a try before it is checked, and counts nothing while blocked") {
    LoginThrottle t(900s);
    for (int i = 0; i < LoginThrottle::max_failures; ++i) CHECK(t.attempt("k") == 0);  // the fifth try may run
    CHECK(t.blocked_for("k") > 0);  // but blocks whatever comes after it
    CHECK(t.attempt("k") > 0);
    t.succeeded("k");  // the fifth was the right password
    CHECK(t.blocked_for("k") == 0);
    CHECK(t.attempt("k") == 0);
}

TEST_CASE("LoginThrottle - a limit per key, counts older than the block start again, forgive takes back one try") {
    LoginThrottle t(900s);
    for (int i = 0; i < 19; ++i) CHECK(t.attempt("address a", LoginThrottle::max_address_failures) == 0);
    CHECK(t.blocked_for("address a") == 0);                                   // 19 of 20
    CHECK(t.attempt("address a", LoginThrottle::max_address_failures) == 0);  // the 20th may run...
    CHECK(t.blocked_for("address a") > 0);                                    // ...and blocks
    t.forgive("address a");  // it was a right password: one try off, the block with it
    CHECK(t.blocked_for("address a") == 0);
    CHECK(t.attempt("address a", LoginThrottle::max_address_failures) == 0);  // 20 again
    CHECK(t.blocked_for("address a") > 0);
    // A count whose latest failure is older than the block starts again.
    LoginThrottle quick(1s);
    for (int i = 0; i < LoginThrottle::max_failures - 1; ++i) quick.failed("k");
    std::this_thread::sleep_for(1100ms);
    quick.failed("k");  // the fifth, but the four are stale: a count of one
    CHECK(quick.blocked_for("k") == 0);
}

TEST_CASE("LoginPace - after five failures new addresses share one try per pace, known ones are not slowed") {
    LoginPace pace(1s);
    CHECK(pace.attempt("maria", "home") == 0);
    pace.succeeded("maria", "home");  // home is known to maria
    for (int i = 0; i < LoginPace::slow_after; ++i) CHECK(pace.attempt("maria", "a" + std::to_string(i)) == 0);
    CHECK(pace.attempt("maria", "b") == 0);  // slowed: the first try of this second
    CHECK(pace.attempt("maria", "c") == 1);  // the next waits
    CHECK(pace.attempt("maria", "b") == 1);
    CHECK(pace.attempt("maria", "home") == 0);  // her own address: as usual
    CHECK(pace.attempt("jonas", "c") == 0);     // another login: not slowed
    std::this_thread::sleep_for(1100ms);
    CHECK(pace.attempt("maria", "c") == 0);  // a new second, a new try
    pace.succeeded("maria", "d");            // the right password ends the slowing
    CHECK(pace.attempt("maria", "e") == 0);
    CHECK(pace.attempt("maria", "f") == 0);
}
