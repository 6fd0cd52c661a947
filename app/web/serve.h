#pragma once
// `swelltrack serve`: WebApp behind cpp-httplib's threaded server, plain HTTP on loopback and TLS
// anywhere else; SIGTERM or SIGINT lets the requests in flight finish, then returns 0.
#include <filesystem>
#include <ostream>
#include <string>

namespace swelltrack::web {

struct ServeOptions {
    std::filesystem::path db;
    std::string listen = "127.0.0.1:8600";  // ADDR:PORT or [IPv6]:PORT; port 0 = any free port
    std::string tls_cert, tls_key;          // PEM files; off loopback without them: self-signed
    int threads = 8;                        // worker threads, each with its own database connection
    int read_timeout_s = 5;                 // a request not fully read by then (a stalled client) is cut off
};

/// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

/// Runs the server until SIGTERM/SIGINT; prints where it listens (and the certificate's fingerprint)
/// to `out` first. UserError for a bad --listen, a port in use, or TLS files that do not load.
int serve(const ServeOptions& options, std::ostream& out);

}  // namespace swelltrack::web
