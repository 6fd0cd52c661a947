// serve: the web pages and the JSON API (docs/web-api.md, docs/security.md).
#include <memory>

#include "../web_module.h"
#include "commands.h"
#include "swelltrack/limits.h"

namespace swelltrack::cli {
namespace {

struct ServeOptions {
    std::string listen = "127.0.0.1:8600", tls_cert, tls_key, public_url;
    std::vector<std::string> trusted_proxies;
    Flag threads, read_timeout, request_timeout;
};

constexpr Limit server_threads{"threads", 1, 64, {}, true};
constexpr Limit read_timeout{"read-timeout", 1, 300, "s", true};
constexpr Limit request_timeout{"request-timeout", 1, 3600, "s", true};

void run_serve(Context& ctx, const ServeOptions& o) {
    web::ServeOptions s;
    s.db = ctx.store().path();  // must exist: serve never creates an empty database
    s.listen = o.listen;
    s.tls_cert = o.tls_cert;
    s.tls_key = o.tls_key;
    s.public_url = o.public_url;
    s.trusted_proxies = o.trusted_proxies;
    if (auto n = flag_whole(server_threads, o.threads)) s.threads = *n;
    if (auto n = flag_whole(read_timeout, o.read_timeout)) s.read_timeout_s = *n;
    if (auto n = flag_whole(request_timeout, o.request_timeout)) s.request_timeout_s = *n;
    web_module().serve(s, ctx.out);
}

}  // namespace

void setup_serve(CLI::App& app, Context& ctx) {
    auto [cmd, o] = add_command(app, ctx, run_serve, "serve",
                                "Serve the web pages and the JSON API (loopback only, unless --listen says otherwise)");
    cmd->add_option("--listen", o->listen,
                    "ADDR:PORT to listen on (default 127.0.0.1:8600); any address other than loopback uses TLS");
    cmd->add_option("--tls-cert", o->tls_cert,
                    "PEM certificate (default off loopback: a self-signed one made beside the database)");
    cmd->add_option("--tls-key", o->tls_key, "PEM private key of --tls-cert");
    cmd->add_option("--public-url", o->public_url,
                    "Behind a reverse proxy: the address browsers use, e.g. https://swell.example.org");
    cmd->add_option("--trusted-proxy", o->trusted_proxies,
                    "Address of a reverse proxy whose X-Forwarded-For names the client (repeatable)")
        ->take_all();
    cmd->add_option("--threads", o->threads,
                    help_text(server_threads, "Worker threads, each with its own connection:"));
    cmd->add_option("--read-timeout", o->read_timeout,
                    help_text(read_timeout, "Seconds a connection may stay silent (default 5):"));
    cmd->add_option("--request-timeout", o->request_timeout,
                    help_text(request_timeout, "Seconds a client may take to send one request whole (default 30):"));
}

}  // namespace swelltrack::cli
