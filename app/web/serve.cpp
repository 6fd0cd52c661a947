// The threaded HTTP(S) server around WebApp (serve.h).
#include "serve.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "swelltrack/error.h"
#include "tls.h"
#include "web_app.h"

namespace swelltrack::web {

namespace {

struct Address {
    std::string host;
    int port = 0;
};

Address parse_listen(const std::string& text) {
    auto bad = [&](const std::string& why) {
        return UserError("--listen", text,
                         "--listen: '" + text + "' " + why + "; expected ADDR:PORT, e.g. 127.0.0.1:8600 or [::1]:8600");
    };
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) throw bad("has no port");
    std::string host = text.substr(0, colon), port = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.back() != ']') throw bad("has an unclosed '['");
        host = host.substr(1, host.size() - 2);
    }
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
        throw bad("has no port number");
    int n = std::stoi(port);
    if (n > 65535) throw bad("has a port above 65535");
    return {host, n};
}

std::string url_host(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

// The library's request as WebApp reads it (http.h).
http::Request from_library(const httplib::Request& req) {
    http::Request out;
    out.method = req.method;
    out.target = req.target;
    out.body = req.body;
    out.remote_addr = req.remote_addr;
    for (const auto& [name, value] : req.headers) out.headers.emplace(name, value);
    return out;
}

// WebApp's answer into the library's response; `keep` leaves headers the library set alone.
void to_library(const http::Response& from, httplib::Response& res, bool keep = false) {
    res.status = from.status;
    std::string type;
    for (const auto& [name, value] : from.headers) {
        if (http::same_name(name, "Content-Type"))
            type = value;
        else if (!keep || !res.has_header(name))
            res.set_header(name, value);
    }
    if (!type.empty()) res.set_content(from.body, type);
}

// The headers every answer carries, on an answer the library made itself (a refused body).
void library_security_headers(httplib::Response& res, bool tls) {
    http::Response headers;
    WebApp::security_headers(headers, tls);
    headers.status = res.status;
    to_library(headers, res, true);
}

}  // namespace

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    in_addr a{};
    return inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

namespace {

// The server, plain or TLS, with its limits: body size, refused encodings, timeouts, pool size.
std::unique_ptr<httplib::Server> make_server(const ServeOptions& o, const CertificateFiles& files, bool tls) {
    std::unique_ptr<httplib::Server> server;
    if (tls)
        server = std::make_unique<httplib::SSLServer>(files.cert.c_str(), files.key.c_str());
    else
        server = std::make_unique<httplib::Server>();
    if (!server->is_valid())
        throw UserError(
            "--tls-cert", files.cert.string(),
            "--tls-cert: cannot load the certificate " + files.cert.string() + " with key " + files.key.string());
    server->new_task_queue = [threads = o.threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    server->set_payload_max_length(max_body_bytes);
    // cpp-httplib 0.11 holds a body to that cap only by its Content-Length: a chunked body, or a
    // gzip/deflate/brotli one (which it inflates), would be read into memory whatever its size (a
    // few KB of gzip make gigabytes). Such bodies are refused before they are read; browsers and
    // our pages send neither. Runs before any body is read.
    server->set_pre_routing_handler([tls](const httplib::Request& req, httplib::Response& res) {
        const auto encoding = req.get_header_value("Content-Encoding");
        if (req.has_header("Transfer-Encoding"))
            res.status = 411;  // Length Required
        else if (!encoding.empty() && encoding != "identity")
            res.status = 415;
        else
            return httplib::Server::HandlerResponse::Unhandled;
        res.set_header("Connection", "close");  // the body is still unread on this connection
        res.set_content(res.status == 411 ? "Send the body with a Content-Length (at most 1 MiB), not chunked.\n"
                                          : "Send the body uncompressed (no Content-Encoding).\n",
                        "text/plain; charset=utf-8");
        library_security_headers(res, tls);
        return httplib::Server::HandlerResponse::Handled;
    });
    server->set_read_timeout(o.read_timeout_s);
    server->set_write_timeout(5);
    server->set_keep_alive_timeout(3);
    server->set_keep_alive_max_count(1000);
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm holds the
    // body until the browser's delayed ACK, 40 ms on every page or answer larger than a packet.
    server->set_tcp_nodelay(true);
    return server;
}

// Every request goes to `app`; what the server refuses itself gets the security headers too.
void route_to(httplib::Server& server, WebApp& app, bool tls) {
    auto handler = [&app](const httplib::Request& req, httplib::Response& res) {
        http::Response answer;
        app.handle(from_library(req), answer);
        to_library(answer, res);
        // cpp-httplib 0.11 compresses a text answer after this handler returns, with Brotli at its
        // slowest quality (11) whenever the browser accepts "br", as Chrome does over HTTPS: 60 ms of
        // CPU for a 60 KB page. gzip (zlib's default level) does it in about 1 ms and saves nearly as
        // much. The request is httplib's own non-const object, handed to us as const.
        auto& headers = const_cast<httplib::Request&>(req).headers;
        if (auto it = headers.find("Accept-Encoding");
            it != headers.end() && it->second.find("br") != std::string::npos)
            it->second = it->second.find("gzip") != std::string::npos ? "gzip" : "identity";
    };
    server.Get(".*", handler).Post(".*", handler).Put(".*", handler).Delete(".*", handler);
    server.Patch(".*", handler).Options(".*", handler);
    server.set_error_handler([tls](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) res.set_content("Request refused (" + std::to_string(res.status) + ")\n", "text/plain");
        if (!res.has_header("Content-Security-Policy")) library_security_headers(res, tls);
    });
}

// Serves until SIGINT or SIGTERM (blocked in every thread, waited for by one); the requests in
// flight finish first.
void run_until_signalled(httplib::Server& server, const sigset_t& stop_signals) {
    std::atomic<bool> signalled{false}, listened{false};
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        signalled = true;
        // stop() does nothing until listen_after_bind() has started (is_running): a signal that
        // comes right after the lines above would be lost and the server would run on.
        while (!server.is_running() && !listened) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        server.stop();
    });
    server.listen_after_bind();  // returns after stop(), once the workers have finished
    listened = true;
    if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);  // the server ended otherwise: wake the waiter
    waiter.join();
}

}  // namespace

int serve(const ServeOptions& o, std::ostream& out) {
    const auto where = parse_listen(o.listen);
    const bool tls = !is_loopback(where.host) || !o.tls_cert.empty() || !o.tls_key.empty();
    if (o.tls_cert.empty() != o.tls_key.empty())
        throw UserError("--tls-cert", o.tls_cert, "--tls-cert and --tls-key go together; give both or neither");
    CertificateFiles files{o.tls_cert, o.tls_key};
    bool made = false;
    if (tls && o.tls_cert.empty()) {
        files = self_signed_paths(o.db);
        made = ensure_self_signed(files, {where.host, "localhost"});
    }

    // Signals go to one waiting thread (blocked everywhere else, the workers included).
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto server = make_server(o, files, tls);
    const int port = where.port == 0                                ? server->bind_to_any_port(where.host)
                     : server->bind_to_port(where.host, where.port) ? where.port
                                                                    : -1;
    if (port < 0)
        throw UserError("--listen", o.listen,
                        "--listen: cannot listen on " + o.listen + " (in use, or not an address of this machine)");
    WebOptions web{o.db, tls, {}};
    if (is_loopback(where.host)) {
        // Only our own names: a page elsewhere whose name points at 127.0.0.1 is refused.
        const auto p = std::to_string(port);
        web.allowed_hosts = {"127.0.0.1:" + p, "localhost:" + p, "[::1]:" + p};
    }
    WebApp app(web);
    route_to(*server, app, tls);

    out << "swelltrack serve: listening on " << (tls ? "https://" : "http://") << url_host(where.host) << ":" << port
        << " (database " << o.db.string() << ")\n";
    if (tls) {
        if (made) out << "Made a self-signed certificate: " << files.cert.string() << "\n";
        out << "Certificate SHA-256 fingerprint: " << certificate_fingerprint(files.cert)
            << "\nCheck that a phone shows this fingerprint before signing in.\n";
    }
    out << "Stop with Ctrl-C (requests in progress finish first).\n" << std::flush;
    run_until_signalled(*server, stop_signals);
    out << "swelltrack serve: stopped\n" << std::flush;
    return 0;
}

}  // namespace swelltrack::web
