#pragma once
// `swelltrack serve`: WebApp behind libmicrohttpd, plain HTTP on loopback and TLS anywhere else;
// SIGTERM or SIGINT lets the requests in flight finish, then returns 0.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace swelltrack::web {

struct ServeOptions {
    std::filesystem::path db;
    std::string listen = "127.0.0.1:8600";  // ADDR:PORT or [IPv6]:PORT; port 0 = any free port
    std::string tls_cert, tls_key;          // PEM files; off loopback without them: self-signed
    int threads = 8;                        // server threads, each polling many connections, each its own database
    int read_timeout_s = 5;                 // a connection silent for this long (a stalled client) is closed
    int request_timeout_s = 30;             // a request not in whole this long after it began is closed
    // Behind a reverse proxy (docs/security.md#behind-a-reverse-proxy): the address browsers use
    // ("https://swell.example.org"), and the proxies whose X-Forwarded-For names the client.
    std::string public_url;
    std::vector<std::string> trusted_proxies;
};

/// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

/// Runs the server until SIGTERM/SIGINT; prints where it listens (and the certificate's fingerprint)
/// to `out` first. UserError for a bad --listen, a port in use, or TLS files that do not load.
int serve(const ServeOptions& options, std::ostream& out);

}  // namespace swelltrack::web
