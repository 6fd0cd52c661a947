// swelltrack-web-bench: latency of `swelltrack serve` under concurrent use, as a user runs it.
// Bar (docs/performance.md): p99 under 50 ms for GET /api/status and GET /api/clients/{name}/history
// with 1,000 clients x 2 years of daily sessions and 8 concurrent keep-alive connections on loopback;
// and for the therapist's list (GET /) with 10,000 clients x 0.1 year while sessions are logged
// through the API, including the first read after each write (the mixed case).
//
// It starts the real binary (`swelltrack --db <db> serve --listen 127.0.0.1:0`) as a child process
// on a copy of the cached 1,000 x 2 years database with a therapist login added (both cached under
// build/<preset>/bench-data), signs in 8 connections (POST /login, the cookie reused), and sends each
// endpoint N requests per connection, all connections at once. Prints requests/s, p50, p90, p99 and
// max per endpoint, and the first (uncached) /api/status and history on a fresh server.
// Exit 1 when a p99 is at or over the bar (or a request fails).
//
// The mixed case: on a copy of the cached 10,000 x 0.1 year (37 daily sessions each) database, one connection logs a
// session (POST /api/clients/{name}/sessions, a different client each time) and then reads the list, the first read
// after that write; the other connections read the list all the while. Skipped with
// --no-mixed.
//
// The attack mix: the sign-in page and /api/status again while 50 slow clients and 4 header floods
// run (printed, not held to the bar). Skipped with --no-attack.
//
// Usage: swelltrack-web-bench [--requests N] [--connections C] [--bar-ms MS] [--client NAME] [--writes W]
//                             [--no-mixed] [--no-attack]
// Run by: bash .ci/bench
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <latch>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "auth.h"
#include "bench_data.h"
#include "request.h"
#include "swelltrack/records.h"
#include "swelltrack/store.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace swelltrack;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* bench_login = "bench";
constexpr const char* bench_password = "bench-password-1";

struct Options {
    int requests = 500, connections = 8, writes = 200;
    double bar_ms = 50;
    bool mixed = true, attack = true;
    std::string client;  // default: the client with the most sessions
};

/// The cached clients x years database plus a therapist login (the Argon2id hash made once).
fs::path web_db(int clients = 1000, double years = 2) {
    auto db = bench::data_dir() / ("web-" + bench::data_set_name(clients, years) + ".db");
    if (fs::exists(db)) return db;
    auto source = bench::generated_db(clients, years);
    auto tmp = fs::path(db.string() + ".partial");
    fs::remove(tmp);
    fs::copy_file(source, tmp);
    {
        Store store(tmp);
        User u;
        u.login = bench_login;
        u.role = Role::therapist;
        u.password_hash = web::hash_password(bench_password);
        store.add_user(u);
    }
    fs::remove(fs::path(tmp.string() + "-wal"));
    fs::remove(fs::path(tmp.string() + "-shm"));
    fs::rename(tmp, db);
    return db;
}

/// `swelltrack serve` as a child process; SIGTERM and wait on destruction.
class Server {
   public:
    explicit Server(const fs::path& db) {
        int out[2];
        if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        std::string binary = SWELLTRACK_BINARY, db_arg = db.string();
        std::vector<char*> argv{binary.data(),
                                const_cast<char*>("--db"),
                                db_arg.data(),
                                const_cast<char*>("serve"),
                                const_cast<char*>("--listen"),
                                const_cast<char*>("127.0.0.1:0"),
                                nullptr};
        int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        if (rc != 0) throw std::runtime_error("cannot start " + binary);
        out_ = ::fdopen(out[0], "r");
        // "swelltrack serve: listening on http://127.0.0.1:PORT (database ...)"
        char line[4096];
        while (std::fgets(line, sizeof line, out_)) {
            std::string l(line);
            auto at = l.find("http://127.0.0.1:");
            if (at != std::string::npos) {
                port_ = std::stoi(l.substr(at + 17));
                break;
            }
        }
        if (port_ == 0) throw std::runtime_error("swelltrack serve did not say where it listens");
    }
    ~Server() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        if (out_) std::fclose(out_);
    }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    int port() const { return port_; }

   private:
    pid_t pid_ = 0;
    FILE* out_ = nullptr;
    int port_ = 0;
};

/// A keep-alive connection signed in as the bench therapist.
struct Connection {
    std::unique_ptr<httplib::Client> http;
    httplib::Headers headers;  // the session cookie

    explicit Connection(int port) : http(std::make_unique<httplib::Client>("127.0.0.1", port)) {
        http->set_keep_alive(true);
        http->set_tcp_nodelay(true);  // as browsers do
        http->set_read_timeout(30);
        auto res = http->Post("/login", std::string("login=") + bench_login + "&password=" + bench_password,
                              "application/x-www-form-urlencoded");
        if (!res || res->status != 303) throw std::runtime_error("sign-in failed");
        auto cookie = res->get_header_value("Set-Cookie");
        headers = {{"Cookie", cookie.substr(0, cookie.find(';'))}};
    }
    /// One POST of a JSON body with the session's CSRF token; returns its time in ms, throws unless `expect`.
    double post_json(const std::string& path, const std::string& body, int expect) {
        if (csrf.empty()) {
            auto res = http->Get("/api/csrf", headers);
            if (!res || res->status != 200) throw std::runtime_error("GET /api/csrf failed");
            csrf = nlohmann::json::parse(res->body).at("token").get<std::string>();
        }
        auto h = headers;
        h.emplace("X-CSRF-Token", csrf);
        auto start = Clock::now();
        auto res = http->Post(path.c_str(), h, body, "application/json");
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (!res || res->status != expect)
            throw std::runtime_error(
                "POST " + path +
                " failed: " + (res ? std::to_string(res->status) + " " + res->body : httplib::to_string(res.error())));
        return ms;
    }
    std::string csrf;

    /// One GET; returns its time in ms, throws unless 200 with a body.
    double get(const std::string& path) {
        auto start = Clock::now();
        auto res = http->Get(path.c_str(), headers);
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (!res || res->status != 200 || res->body.empty())
            throw std::runtime_error(
                "GET " + path + " failed: " + (res ? std::to_string(res->status) : httplib::to_string(res.error())));
        return ms;
    }
};

struct Result {
    std::string name;
    double per_s = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
    std::size_t count = 0;
};

double percentile(const std::vector<double>& sorted, double p) {
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
}

Result summary(std::string name, std::vector<double> all, double seconds) {
    std::sort(all.begin(), all.end());
    Result r;
    r.name = std::move(name);
    r.count = all.size();
    r.per_s = static_cast<double>(all.size()) / seconds;
    r.p50 = percentile(all, 50);
    r.p90 = percentile(all, 90);
    r.p99 = percentile(all, 99);
    r.max = all.back();
    return r;
}

/// Every connection sends `n` GETs at once, the k-th of connection i to path(i, k); every latency recorded.
Result run(std::vector<Connection>& connections, const std::string& name,
           const std::function<std::string(std::size_t, int)>& path, int n) {
    std::vector<std::vector<double>> times(connections.size());
    std::vector<std::string> errors(connections.size());
    std::latch go(static_cast<std::ptrdiff_t>(connections.size()) + 1);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < connections.size(); ++i)
        threads.emplace_back([&, i] {
            times[i].reserve(static_cast<std::size_t>(n));
            go.arrive_and_wait();
            try {
                for (int k = 0; k < n; ++k) times[i].push_back(connections[i].get(path(i, k)));
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
        });
    go.arrive_and_wait();
    auto start = Clock::now();
    for (auto& t : threads) t.join();
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (const auto& e : errors)
        if (!e.empty()) throw std::runtime_error(e);
    std::vector<double> all;
    for (const auto& t : times) all.insert(all.end(), t.begin(), t.end());
    return summary(name, std::move(all), seconds);
}

/// A session for `client` as the API takes it (cm, her limb's built-in protocol), kept even though
/// it differs from her last one (confirm): what is measured is the list's latency, not the check.
std::string session_body(const Client& client, int k) {
    const bool leg = client.limb == LimbKind::leg;
    const int points = leg ? 16 : 11;
    auto side = [&](double grow) {
        std::string out = "[";
        for (int p = 0; p < points; ++p)
            out += (p ? "," : "") + std::to_string((leg ? 22.0 + 2.0 * p : 16.0 + 1.3 * p) * grow);
        return out + "]";
    };
    return std::string("{\"protocol\":\"") + (leg ? "leg-4cm" : "arm-4cm") +
           "\",\"left\":" + side(1.0 + 0.001 * (k % 50)) + ",\"right\":" + side(1.0) + ",\"confirm\":true}";
}

/// The mixed case: `writer` logs `writes` sessions, each for another client, and reads the list
/// after each; `readers` read the list until the writer is done. Three results: the writes, the
/// list right after a write (the writer's reads), the list during the writes (the readers').
std::vector<Result> mixed(std::vector<Connection>& readers, Connection& writer, const std::vector<Client>& clients,
                          int writes) {
    std::atomic<bool> done{false};
    std::vector<std::vector<double>> times(readers.size());
    std::vector<std::string> errors(readers.size() + 1);
    std::vector<double> posts, after_write;
    std::latch go(static_cast<std::ptrdiff_t>(readers.size()) + 2);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < readers.size(); ++i)
        threads.emplace_back([&, i] {
            go.arrive_and_wait();
            try {
                while (!done) times[i].push_back(readers[i].get("/"));
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
        });
    threads.emplace_back([&] {
        go.arrive_and_wait();
        try {
            for (int k = 0; k < writes; ++k) {
                const auto& c = clients[(static_cast<std::size_t>(k) * 7919) % clients.size()];
                posts.push_back(writer.post_json("/api/clients/" + web::percent_encode(c.name) + "/sessions",
                                                 session_body(c, k), 201));
                after_write.push_back(writer.get("/"));
            }
        } catch (const std::exception& e) {
            errors.back() = e.what();
        }
        done = true;
    });
    go.arrive_and_wait();
    auto start = Clock::now();
    for (auto& t : threads) t.join();
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (const auto& e : errors)
        if (!e.empty()) throw std::runtime_error(e);
    std::vector<double> during;
    for (const auto& t : times) during.insert(during.end(), t.begin(), t.end());
    return {summary("POST session", std::move(posts), seconds),
            summary("GET / after write", std::move(after_write), seconds),
            summary("GET / during", std::move(during), seconds)};
}

/// A raw connection from `from` (an address of 127.0.0.0/8: to the server, a client of its own).
int raw_connection(int port, const std::string& from) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in local{}, addr{};
    local.sin_family = addr.sin_family = AF_INET;
    ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        throw std::runtime_error("cannot connect from " + from);
    return fd;
}

/// The attack mix (docs/security.md#server-limits): 50 slow clients (10 from each of 5 addresses)
/// each send half a request and then one header byte a second (and connect again when the request
/// timeout cuts them off), and 4 threads flood 8 KB header lines on new connections, while the
/// connections measure the sign-in page and /api/status.
std::vector<Result> under_attack(std::vector<Connection>& connections, int port, int n) {
    std::atomic<bool> done{false};
    std::atomic<long> flooded{0};
    long reconnected = 0;
    std::vector<int> slow(50, -1);
    auto start_slow = [&](int k) {
        if (slow[k] >= 0) ::close(slow[k]);
        slow[k] = raw_connection(port, "127.0.0." + std::to_string(2 + k / 10));
        const std::string half = "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
        ::send(slow[k], half.data(), half.size(), MSG_NOSIGNAL);
    };
    for (int k = 0; k < 50; ++k) start_slow(k);
    std::vector<std::thread> attackers;
    attackers.emplace_back([&] {  // the slow ones: a byte a second each
        while (!done) {
            for (int k = 0; k < 50; ++k)
                if (::send(slow[k], "a", 1, MSG_NOSIGNAL) <= 0) {
                    start_slow(k);
                    ++reconnected;
                }
            for (int t = 0; t < 10 && !done; ++t) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    for (int f = 0; f < 4; ++f)
        attackers.emplace_back([&, f] {
            const std::string line = "X-Pad: " + std::string(8000, 'a') + "\r\n";
            while (!done) {
                int fd = raw_connection(port, "127.0.0." + std::to_string(10 + f));
                ::send(fd, "GET / HTTP/1.1\r\n", 16, MSG_NOSIGNAL);
                while (!done && ::send(fd, line.data(), line.size(), MSG_NOSIGNAL) > 0) flooded += 8;
                ::close(fd);
            }
        });
    auto login = run(
        connections, "login, attacked", [](std::size_t, int) { return std::string("/login"); }, n);
    auto status = run(
        connections, "status, attacked", [](std::size_t, int) { return std::string("/api/status"); }, n);
    done = true;
    for (auto& t : attackers) t.join();
    for (int fd : slow) ::close(fd);
    std::printf(
        "attack: 50 slow connections (%ld connected again after the request timeout), 4 header floods (%ld KB of "
        "header lines sent meanwhile)\n",
        reconnected, flooded.load());
    return {login, status};
}

/// Where one history answer's time goes, in this process on one thread (the server does the same
/// steps in WebApp::api_history): the best of 20 of each step, in ms.
void history_breakdown(const fs::path& db, const std::string& name) {
    Store store(db);
    auto client = store.get_client(name);
    double load = 1e9, text = 1e9;
    std::size_t bytes = 0;
    auto ms_since = [](Clock::time_point t) {
        return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
    };
    for (int k = 0; k < 20; ++k) {
        auto t0 = Clock::now();
        auto h = store.load_analyzed(client);
        load = std::min(load, ms_since(t0));
        auto t1 = Clock::now();
        std::vector<std::size_t> all(h.sessions.size());
        std::iota(all.begin(), all.end(), std::size_t{0});
        bytes = records::history_json(h, all).size() + 1;
        text = std::min(text, ms_since(t1));
    }
    std::printf("history in-process, one thread (best of 20): load_analyzed %.1f ms, JSON text %.1f ms; %.0f KB\n",
                load, text, static_cast<double>(bytes) / 1024.0);
}

Options parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--requests")
            o.requests = std::stoi(value());
        else if (a == "--connections")
            o.connections = std::stoi(value());
        else if (a == "--bar-ms")
            o.bar_ms = std::stod(value());
        else if (a == "--client")
            o.client = value();
        else if (a == "--writes")
            o.writes = std::stoi(value());
        else if (a == "--no-mixed")
            o.mixed = false;
        else if (a == "--no-attack")
            o.attack = false;
        else
            throw std::runtime_error("unknown argument " + a +
                                     "; usage: swelltrack-web-bench [--requests N] [--connections C] [--bar-ms MS] "
                                     "[--client NAME] [--writes W] [--no-mixed] [--no-attack]");
    }
    if (o.requests < 1 || o.connections < 1 || o.writes < 1)
        throw std::runtime_error("--requests, --connections and --writes must be >= 1");
    return o;
}

}  // namespace

int main(int argc, char** argv) try {
    auto o = parse_args(argc, argv);
    auto db = web_db();
    std::size_t sessions = 0;
    {
        Store store(db);
        if (o.client.empty()) {
            for (const auto& c : store.list_clients())
                if (auto n = static_cast<std::size_t>(store.session_count(c.id)); n > sessions) {
                    sessions = n;
                    o.client = c.name;
                }
        } else {
            sessions = static_cast<std::size_t>(store.session_count(store.get_client(o.client).id));
        }
    }
    const std::string history = "/api/clients/" + web::percent_encode(o.client) + "/history";

    history_breakdown(db, o.client);
    Server server(db);
    std::printf("swelltrack serve on 127.0.0.1:%d, database %s (1,000 clients x 2 years)\n", server.port(), db.c_str());
    Connection first(server.port());
    double status_first = first.get("/api/status"), status_second = first.get("/api/status");
    double history_first = first.get(history), history_second = first.get(history);
    std::printf("first GET /api/status (uncached, 1,000 statuses): %.1f ms; the next (cached): %.1f ms\n", status_first,
                status_second);
    std::printf("first GET %s (%zu sessions): %.1f ms; the next: %.1f ms\n", history.c_str(), sessions, history_first,
                history_second);

    std::vector<Connection> connections;
    for (int i = 0; i < o.connections; ++i) connections.emplace_back(server.port());
    std::printf("%d connections x %d requests each, keep-alive, at once; latency in ms\n", o.connections, o.requests);
    // One client again and again (what a therapist reviewing her does; the server keeps the answer
    // until the data changes), and a different client on every request (nothing kept helps).
    std::vector<std::string> names;
    {
        Store store(db);
        for (const auto& c : store.list_clients()) names.push_back(web::percent_encode(c.name));
    }
    auto any = [&](std::size_t i, int k) {
        return names[(i * 7919 + static_cast<std::size_t>(k) * 104729) % names.size()];
    };
    const std::string page = "/clients/" + web::percent_encode(o.client);
    std::vector<Result> results{
        run(
            connections, "GET /api/status", [](std::size_t, int) { return std::string("/api/status"); }, o.requests),
        run(
            connections, "GET .../history", [&](std::size_t, int) { return history; }, o.requests),
        run(
            connections, "history, any client",
            [&](std::size_t i, int k) { return "/api/clients/" + any(i, k) + "/history"; }, o.requests),
        run(
            connections, "GET /clients/NAME", [&](std::size_t, int) { return page; }, o.requests),
        run(
            connections, "page, any client", [&](std::size_t i, int k) { return "/clients/" + any(i, k); }, o.requests),
        run(
            connections, "GET / (the list)", [](std::size_t, int) { return std::string("/"); }, o.requests)};
    bool ok = true;
    auto print = [&](const std::vector<Result>& rs, bool barred) {
        std::printf("%-18s %9s %10s %8s %8s %8s %8s\n", "endpoint", "requests", "req/s", "p50", "p90", "p99", "max");
        for (const auto& r : rs) {
            const bool over = barred && r.name.rfind("POST", 0) != 0 && r.p99 >= o.bar_ms;
            std::printf("%-18s %9zu %10.1f %8.2f %8.2f %8.2f %8.2f%s\n", r.name.c_str(), r.count, r.per_s, r.p50, r.p90,
                        r.p99, r.max, over ? "  <- p99 over the bar" : "");
            ok = ok && !over;
        }
    };
    print(results, true);
    if (o.attack) print(under_attack(connections, server.port(), o.requests), false);

    if (o.mixed) {
        auto big = fs::path(web_db(10000, 0.1).string() + ".run");  // a copy: the writes must not pile up in the cache
        fs::copy_file(web_db(10000, 0.1), big, fs::copy_options::overwrite_existing);
        std::vector<Client> clients;
        {
            Store store(big);
            clients = store.list_clients();
        }
        Server server10k(big);
        std::printf("\nswelltrack serve on 127.0.0.1:%d, database %s (10,000 clients x 0.1 year)\n", server10k.port(),
                    big.c_str());
        Connection one(server10k.port());
        double list_first = one.get("/"), list_second = one.get("/");
        std::printf("first GET / (10,000 statuses read): %.1f ms; the next (kept): %.1f ms\n", list_first, list_second);
        std::vector<Connection> lists;
        for (int i = 0; i < o.connections; ++i) lists.emplace_back(server10k.port());
        std::vector<Result> big_results{run(
            lists, "GET / (10,000)", [](std::size_t, int) { return std::string("/"); }, o.requests)};
        std::vector<Connection> readers;
        for (int i = 0; i + 1 < o.connections; ++i) readers.emplace_back(server10k.port());
        Connection writer(server10k.port());
        std::printf(
            "mixed: 1 connection logs %d sessions (each for another client) and reads the list after each; "
            "%d read the list meanwhile\n",
            o.writes, o.connections - 1);
        auto m = mixed(readers, writer, clients, o.writes);
        big_results.insert(big_results.end(), m.begin(), m.end());
        print(big_results, true);
        fs::remove(big);
        fs::remove(fs::path(big.string() + "-wal"));
        fs::remove(fs::path(big.string() + "-shm"));
    }
    std::printf("bar: p99 < %.0f ms: %s\n", o.bar_ms, ok ? "met" : "NOT MET");
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "swelltrack-web-bench: %s\n", e.what());
    return 2;
}
