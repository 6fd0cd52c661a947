// libFuzzer target: one request through WebApp::handle (routing, sign-in by cookie, CSRF, the JSON
// API's parsing of a new session) and the pure parsers of request.h, over a small real database.
//
// Input layout:
//   byte 0     flags (below)
//   then       lines separated by '\n': method, target, Cookie, Content-Type, X-CSRF-Token, Origin,
//              Host; everything after the 7th '\n' is the body, verbatim (newlines included).
//              A missing or empty line leaves that header out (method and target stay empty).
//   flags      bits 0-1  Cookie: 0 = the line; 1 = the therapist's valid session cookie;
//                        2 = the client login's valid session cookie; 3 = the therapist's, then "; "
//                        and the line (a second cookie after ours)
//              bit 2     X-CSRF-Token: the chosen session's valid token instead of the line
//              bit 3     Host: "127.0.0.1:8600" (the one allowed) instead of the line
//              bits 4-5  Content-Type: 0 = the line; 1 = application/json; 2 = a form;
//                        3 = "application/json; charset=utf-8"
//              bit 6     Origin: "http://127.0.0.1:8600" (our own) instead of the line
//
// Start-up (once): a database in a temp dir with two clients with sessions, a therapist login and
// a client login (Argon2id hashes, ~0.1 s each), both signed in through handle() (POST /login, then
// GET /api/csrf for the token). After that, POST /login is skipped (each wrong password would cost
// an Argon2id verify and soon the throttle's 429) and so is /logout with a valid cookie (it would
// end the session the later inputs use).
//
// Writes: a valid POST /api/clients/{name}/sessions adds a session (rarely: a minute already taken
// or an implausible value is refused; about 5 in a 60 s run). To keep the database bounded however
// long the run, after every `writes_per_reset` sessions written it is restored in place from the
// pristine copy made at start-up with SQLite's backup API (no SQL), as another process restoring a
// backup would; WebApp notices that through data_version. The logins and their hashes are in the
// pristine copy, so the signed-in sessions stay valid. At exit: the counts, and the temp dir goes.
// SWELLTRACK_FUZZ_WEB_VERBOSE=1 prints each request and its status (to check the seeds).
//
// Properties (abort on violation): handle() never throws; every response has Content-Security-Policy
// and Cache-Control; the status is one the server uses (500, the catch-all for an unexpected
// exception, counts as a finding); a request under /api/ without a valid cookie gets 401, 403,
// 404, 405 or 421 and never data. The parsers: percent_decode gives UTF-8 without NUL and inverts
// percent_encode; path_segments never gives an empty, "." or ".." segment; parse_form keeps within
// max_form_fields; parse_multipart gives named parts of the body, fields in UTF-8, within
// max_form_fields; cookie_value gives a part of the header; forwarded_client gives an address.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "auth.h"
#include "request.h"
#include "swelltrack/client.h"
#include "swelltrack/datetime.h"
#include "swelltrack/store.h"
#include "swelltrack/units.h"
#include "temp_db.h"
#include "web_app.h"

namespace fs = std::filesystem;
using namespace swelltrack;

namespace {

constexpr const char* host = "127.0.0.1:8600";
constexpr const char* origin = "http://127.0.0.1:8600";
constexpr int writes_per_reset = 500;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "fuzz_web: %s %s\n", what, detail.c_str());
    std::abort();
}

struct Login {
    std::string cookie;  // "swelltrack=<token>"
    std::string csrf;
};

struct World {
    fs::path dir, db, pristine;
    std::unique_ptr<web::WebApp> app;
    Login therapist, client;
    int writes = 0;  // since the last restore
    long long total_writes = 0, restores = 0;
};

Client arm_client(std::string name, Affected affected) {
    auto c = testing::arm_client(std::move(name), affected);  // tests/temp_db.h, with a schedule
    c.every_days = 7;
    return c;
}

using testing::arm_session;

web::http::Request base_request(std::string method, std::string target) {
    web::http::Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.remote_addr = "127.0.0.1";
    req.headers.emplace("Host", host);
    return req;
}

Login sign_in(web::WebApp& app, const std::string& login, const std::string& password) {
    auto req = base_request("POST", "/login");
    req.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    req.headers.emplace("Origin", origin);
    req.body = "login=" + login + "&password=" + password;
    web::http::Response res;
    app.handle(req, res);
    auto set_cookie = res.get_header_value("Set-Cookie");
    if (res.status != 303 || set_cookie.empty()) fail("start-up sign-in failed for", login);
    Login out;
    out.cookie = set_cookie.substr(0, set_cookie.find(';'));

    auto get = base_request("GET", "/api/csrf");
    get.headers.emplace("Cookie", out.cookie);
    web::http::Response csrf;
    app.handle(get, csrf);
    if (csrf.status != 200) fail("start-up GET /api/csrf failed:", std::to_string(csrf.status));
    out.csrf = nlohmann::json::parse(csrf.body).at("token").get<std::string>();
    return out;
}

World& world() {
    static World w = [] {
        World w;
        char tmpl[] = "/tmp/swelltrack-fuzz-web-XXXXXX";
        if (!::mkdtemp(tmpl)) std::abort();
        w.dir = tmpl;
        w.db = w.dir / "fuzz.db";
        w.pristine = w.dir / "pristine.db";
        {
            Store s(w.db);
            auto maria = s.add_client(arm_client("Maria Keller", Affected::left));
            auto jose = s.add_client(arm_client("José Ñúñez", Affected::right));
            for (int day = 1; day <= 9; ++day) {
                auto d = "2025-03-0" + std::to_string(day);
                s.record_session(arm_session(maria, d + "T08:30+01:00", 1.05 + 0.005 * day));
                s.record_session(arm_session(jose, d + "T18:00Z", 0.97));
            }
            User t;
            t.login = "therapist";
            t.role = Role::therapist;
            t.password_hash = web::hash_password("fuzz-therapist-pw");
            s.add_user(t);
            User c;
            c.login = "maria";
            c.role = Role::client;
            c.client_id = maria;
            c.password_hash = web::hash_password("fuzz-client-pw");
            s.add_user(c);
        }  // closed: the WAL is checkpointed into fuzz.db
        fs::copy_file(w.db, w.pristine);
        web::WebOptions o;
        o.db = w.db;
        o.allowed_hosts = {host, "localhost:8600"};
        o.session_idle = o.session_lifetime = std::chrono::hours(24 * 365);  // a long run keeps its sessions
        w.app = std::make_unique<web::WebApp>(o);
        w.therapist = sign_in(*w.app, "therapist", "fuzz-therapist-pw");
        w.client = sign_in(*w.app, "maria", "fuzz-client-pw");
        return w;
    }();
    return w;
}

/// Puts the pristine database back into fuzz.db, under WebApp's open connection.
void restore_pristine(World& w) {
    SQLite::Database src(w.pristine.string(), SQLite::OPEN_READONLY);
    SQLite::Database dst(w.db.string(), SQLite::OPEN_READWRITE);
    SQLite::Backup backup(dst, src);
    backup.executeStep();  // all pages
    w.writes = 0;
    ++w.restores;
}

/// Splits off the next '\n'-terminated line of `rest`; the whole of `rest` when there is no '\n'.
std::string_view next_line(std::string_view& rest) {
    auto nl = rest.find('\n');
    auto line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    return line;
}

void check_parsers(std::string_view target, std::string_view cookie, std::string_view type, std::string_view body) {
    for (bool plus : {false, true}) {
        if (auto d = web::percent_decode(body, plus)) {
            if (d->find('\0') != std::string::npos || !is_valid_utf8(*d)) fail("percent_decode: NUL or not UTF-8");
            auto again = web::percent_decode(web::percent_encode(*d), plus);
            if (!again || *again != *d) fail("percent_decode(percent_encode(x)) != x");
        }
    }
    if (auto segments = web::path_segments(target))
        for (const auto& s : *segments)
            if (s.empty() || s == "." || s == ".." || s.size() > web::max_segment_bytes)
                fail("path_segments: a segment it should refuse:", s);
    if (auto form = web::parse_form(body))
        if (form->size() > web::max_form_fields) fail("parse_form: too many fields");
    (void)web::parse_form(target.substr(std::min(target.find('?'), target.size())));
    if (auto parts = web::parse_multipart(type, body)) {
        if (parts->size() > web::max_form_fields) fail("parse_multipart: too many parts");
        for (const auto& p : *parts) {
            if (p.name.empty()) fail("parse_multipart: a part without a name");
            if (!p.file && !is_valid_utf8(p.body)) fail("parse_multipart: a field that is not UTF-8");
            if (body.find(p.body) == std::string_view::npos) fail("parse_multipart: not part of the body");
        }
    }
    if (auto v = web::cookie_value(cookie, "swelltrack"))
        if (cookie.find(*v) == std::string_view::npos) fail("cookie_value: not part of the header");
    // The cookie's bytes as an X-Forwarded-For from a trusted proxy: the client is the proxy or an
    // address, never anything else.
    const std::string peer = "127.0.0.1";
    const auto client = web::forwarded_client(peer, {std::string(cookie)}, {peer});
    if (client != peer && !web::ip_address(client)) fail("forwarded_client: not an address", client);
}

bool is_api(const web::http::Request& req) {
    if (auto p = web::path_segments(req.target)) return !p->empty() && p->front() == "api";
    return std::string_view(req.target).starts_with("/api/");  // an undecodable /api/ path counts too
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    world();  // the Argon2id hashes and sign-ins before the first input, outside its timing
    std::atexit([] {
        auto& w = world();
        std::fprintf(stderr, "fuzz_web: %lld sessions written, database restored %lld times\n", w.total_writes,
                     w.restores);
        std::error_code ec;
        fs::remove_all(w.dir, ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    auto& w = world();
    const std::uint8_t flags = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    auto method = next_line(rest), target = next_line(rest), cookie = next_line(rest), type = next_line(rest),
         csrf = next_line(rest), origin_line = next_line(rest), host_line = next_line(rest);
    std::string_view body = rest;

    check_parsers(target, cookie, type, body);

    const int cookie_mode = flags & 3;
    const Login* who = cookie_mode == 0 ? nullptr : cookie_mode == 2 ? &w.client : &w.therapist;
    web::http::Request req;
    req.method = method;
    req.target = target;
    req.remote_addr = "127.0.0.1";
    req.body = body;
    auto header = [&](const char* name, std::string_view value) {
        if (!value.empty()) req.headers.emplace(name, std::string(value));
    };
    std::string cookie_header = who ? who->cookie : std::string(cookie);
    if (cookie_mode == 3 && !cookie.empty()) cookie_header += "; " + std::string(cookie);
    header("Cookie", cookie_header);
    header("X-CSRF-Token", (flags & 4) && who ? std::string_view(who->csrf) : csrf);
    header("Host", (flags & 8) ? std::string_view(host) : host_line);
    static constexpr std::string_view types[] = {"", "application/json", "application/x-www-form-urlencoded",
                                                 "application/json; charset=utf-8"};
    header("Content-Type", (flags >> 4) & 3 ? types[(flags >> 4) & 3] : type);
    header("Origin", (flags & 64) ? std::string_view(origin) : origin_line);

    // Skipped: Argon2id per wrong password (and the throttle), and the end of our own sessions.
    if (auto p = web::path_segments(target); p && p->size() == 1) {
        if ((*p)[0] == "login" && method == "POST") return 0;
        if ((*p)[0] == "logout" && who) return 0;
    }

    web::http::Response res;
    try {
        w.app->handle(req, res);
    } catch (const std::exception& e) {
        fail("handle() threw:", e.what());
    } catch (...) {
        fail("handle() threw something not a std::exception");
    }

    static const bool verbose = std::getenv("SWELLTRACK_FUZZ_WEB_VERBOSE") != nullptr;  // to check seeds
    if (verbose)
        std::fprintf(stderr, "%s %s -> %d %.200s\n", req.method.c_str(), req.target.c_str(), res.status,
                     res.body.c_str());

    static const std::set<int> statuses{200, 201, 303, 400, 401, 403, 404, 405, 415, 421, 422, 429};
    if (!statuses.count(res.status)) fail("unexpected status", std::to_string(res.status) + " " + res.body);
    if (!res.has_header("Content-Security-Policy")) fail("no Content-Security-Policy");
    if (!res.has_header("Cache-Control")) fail("no Cache-Control");
    if (!who && is_api(req)) {
        static const std::set<int> refusals{401, 403, 404, 405, 421};
        if (!refusals.count(res.status)) fail("/api/ answered without a valid cookie:", std::to_string(res.status));
    }

    if (res.status == 201) {
        ++w.total_writes;
        if (++w.writes >= writes_per_reset) restore_pristine(w);
    }
    return 0;
}
