// The HTTP(S) server around WebApp (serve.h): libmicrohttpd, event-driven, with a limit on every
// resource a stranger can hold (docs/security.md#server-limits).
#include "serve.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "request.h"
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

// --public-url: "https://swell.example.org" (a port may follow the host; a default one is dropped,
// as browsers drop it from Host and Origin).
struct PublicUrl {
    std::string scheme, authority;
};

PublicUrl parse_public_url(const std::string& text) {
    static const std::regex url(R"(^(https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?/?$)");
    std::smatch m;
    if (!std::regex_match(text, m, url))
        throw UserError("--public-url", text,
                        "--public-url: '" + text +
                            "' is not the address browsers use; expected a scheme, a host and perhaps a port, "
                            "e.g. https://swell.example.org");
    PublicUrl u{m[1], m[2]};
    std::transform(u.authority.begin(), u.authority.end(), u.authority.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    const std::string port = m[3];
    if (!port.empty() && port != (u.scheme == "https" ? ":443" : ":80")) u.authority += port;
    return u;
}

// --trusted-proxy: each an address, in the canonical form forwarded_client compares.
std::vector<std::string> trusted_proxies(const ServeOptions& o) {
    std::vector<std::string> out;
    for (const auto& text : o.trusted_proxies) {
        auto address = ip_address(text);
        if (!address)
            throw UserError("--trusted-proxy", text,
                            "--trusted-proxy: '" + text + "' is not an IP address, e.g. 127.0.0.1 or ::1");
        out.push_back(*address);
    }
    if (!o.public_url.empty() && out.empty())
        throw UserError("--public-url", o.public_url,
                        "--public-url needs --trusted-proxy, the proxy's address (e.g. 127.0.0.1): without it "
                        "every sign-in would count against that one address");
    return out;
}

}  // namespace

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    in_addr a{};
    return inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

namespace {

// What a connection may hold at once, and for how long (docs/security.md#server-limits).
constexpr std::size_t connection_memory_bytes = 32 * 1024;  // request line and headers: beyond, 431
constexpr unsigned max_connections = 256;
constexpr unsigned max_connections_per_address = 32;
constexpr unsigned max_requests_per_connection = 1000;

// TLS 1.3, and TLS 1.2 with forward secrecy (ECDHE) and AEAD ciphers only (GnuTLS priority string).
constexpr const char* tls_priorities =
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305:"
    "-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:%SERVER_PRECEDENCE";

// One request on its way in: made when its request line arrives, filled by its headers and body.
struct Exchange {
    http::Request request;
    bool headers_read = false;  // and so counted in flight until it is answered
    bool too_large = false;
    std::size_t limit = max_body_bytes;    // WebApp::body_limit, from the headers
    bool handed_over = false;              // to a worker; the connection is suspended meanwhile
    std::optional<http::Response> answer;  // the worker's, sent when the connection resumes
};

// The threads WebApp runs on, each with its own database connection: the polling thread hands a
// request over, so that a slow answer (a report, a history) never holds up other connections.
class Workers {
   public:
    explicit Workers(int count) {
        for (int i = 0; i < count; ++i) threads_.emplace_back([this] { work(); });
    }
    ~Workers() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        for (auto& t : threads_) t.join();
    }
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    void post(std::function<void()> job) {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
        }
        ready_.notify_one();
    }

   private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (jobs_.empty()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            job();
        }
    }

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

// One connection: how many requests it has sent, and since when it is sending the current one.
struct ConnectionState {
    int fd = -1;
    unsigned requests = 0;
    std::chrono::steady_clock::time_point since;
    bool receiving = true;  // a request is on its way in (or awaited on a kept-alive connection)
    int stretch = 1;        // this request may take this many request timeouts (a photo upload)
};

// Every open connection, so that one that takes longer than the request timeout to send a request
// whole is closed: the idle timeout alone lets a client that trickles a byte every few seconds hold
// its slot forever. A sweeper looks once every quarter of a second.
class Deadlines {
   public:
    explicit Deadlines(std::chrono::seconds limit) : limit_(limit), sweeper_([this] { sweep(); }) {}
    ~Deadlines() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        sweeper_.join();
    }
    Deadlines(const Deadlines&) = delete;
    Deadlines& operator=(const Deadlines&) = delete;

    void opened(ConnectionState* c, int fd) {
        std::lock_guard lock(mutex_);
        c->fd = fd;
        c->since = std::chrono::steady_clock::now();
        open_.insert(c);
    }
    // libmicrohttpd says a connection is closed before it closes the socket: once this returns,
    // the sweeper never touches that socket (whose number the next connection may get).
    void closed(ConnectionState* c) {
        std::lock_guard lock(mutex_);
        open_.erase(c);
    }
    /// The request may take `times` request timeouts: a photo upload of `times` MiB, sent at least as
    /// fast as a 1 MiB form must be.
    void stretch(ConnectionState* c, int times) {
        std::lock_guard lock(mutex_);
        c->stretch = std::max(1, times);
    }
    /// The request is in (or refused): what follows is our work and the answer, not the client's.
    void received(ConnectionState* c) {
        std::lock_guard lock(mutex_);
        c->receiving = false;
    }
    /// The answer is sent: the next request's time starts.
    void answered(ConnectionState* c) {
        std::lock_guard lock(mutex_);
        c->receiving = true;
        c->stretch = 1;
        c->since = std::chrono::steady_clock::now();
    }

   private:
    void sweep() {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_; })) {
            const auto now = std::chrono::steady_clock::now();
            for (auto* c : open_)
                if (c->receiving && now - c->since > limit_ * c->stretch) {
                    ::shutdown(c->fd, SHUT_RDWR);  // libmicrohttpd sees the end and closes it
                    c->receiving = false;
                }
        }
    }

    const std::chrono::seconds limit_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::unordered_set<ConnectionState*> open_;
    bool stopping_ = false;
    std::thread sweeper_;  // last: started once the rest is made
};

class Server {
   public:
    Server(WebApp& app, bool tls, int workers, std::chrono::seconds request_timeout, std::vector<std::string> proxies)
        : app_(app), tls_(tls), proxies_(std::move(proxies)), deadlines_(request_timeout), workers_(workers) {}

    // The request line is in: the raw target, before libmicrohttpd splits off and decodes the query.
    static void* begin(void*, const char* uri, MHD_Connection*) {
        auto* ex = new Exchange;
        ex->request.target = uri;
        return ex;
    }

    // The answer is sent (or the connection lost).
    static void completed(void* cls, MHD_Connection* c, void** con_cls, MHD_RequestTerminationCode) {
        auto* server = static_cast<Server*>(cls);
        auto* ex = static_cast<Exchange*>(*con_cls);
        if (ex && ex->headers_read) --server->in_flight_;
        if (auto* state = state_of(c)) server->deadlines_.answered(state);
        delete ex;
        *con_cls = nullptr;
    }

    /// From now on every answer closes its connection: the requests under way finish, no new one
    /// comes on a kept-alive connection.
    void stopping() { stopping_ = true; }
    /// Requests whose headers have arrived and whose answer is not yet sent (a client stalled
    /// halfway through its headers is not waited for).
    int in_flight() const { return in_flight_; }
    /// Requests a worker is answering: their connections must outlive them.
    int working() const { return working_; }

    static void connection(void* cls, MHD_Connection* c, void** socket_context, MHD_ConnectionNotificationCode code) {
        auto& deadlines = static_cast<Server*>(cls)->deadlines_;
        if (code == MHD_CONNECTION_NOTIFY_STARTED) {
            auto* state = new ConnectionState;
            *socket_context = state;
            const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
            if (info) deadlines.opened(state, info->connect_fd);
        } else {
            auto* state = static_cast<ConnectionState*>(*socket_context);
            deadlines.closed(state);
            delete state;
        }
    }

    static MHD_Result access(void* cls, MHD_Connection* c, const char*, const char* method, const char*,
                             const char* upload, std::size_t* upload_size, void** con_cls) {
        return static_cast<Server*>(cls)->on_request(c, method, upload, upload_size, *static_cast<Exchange*>(*con_cls));
    }

   private:
    MHD_Result on_request(MHD_Connection* c, const char* method, const char* upload, std::size_t* upload_size,
                          Exchange& ex) {
        if (!ex.headers_read) {
            // The headers are in, no body yet: what cannot be read safely is refused now, and the
            // connection closed, so that an unread body is never taken for the next request.
            ex.headers_read = true;
            ++in_flight_;
            ex.request.method = std::strcmp(method, "HEAD") == 0 ? "GET" : method;  // libmicrohttpd drops the body
            MHD_get_connection_values(
                c, MHD_HEADER_KIND,
                [](void* headers, MHD_ValueKind, const char* name, const char* value) {
                    static_cast<http::Headers*>(headers)->emplace(name, value ? value : "");
                    return MHD_YES;
                },
                &ex.request.headers);
            std::vector<std::string> forwarded;
            for (auto [it, end] = ex.request.headers.equal_range("X-Forwarded-For"); it != end; ++it)
                forwarded.push_back(it->second);
            ex.request.remote_addr = forwarded_client(peer_address(c), forwarded, proxies_);
            ex.limit = app_.body_limit(ex.request);
            if (auto refusal = refuse_framing(ex.request, ex.limit)) return send(c, *refusal, true);
            if (ex.limit > max_body_bytes)
                if (auto* state = state_of(c))
                    deadlines_.stretch(state,
                                       static_cast<int>(std::min<std::uint64_t>(content_length(ex.request), ex.limit) /
                                                        max_body_bytes) +
                                           1);
            return MHD_YES;
        }
        if (*upload_size > 0) {
            if (ex.request.body.size() + *upload_size > ex.limit)
                ex.too_large = true;
            else
                ex.request.body.append(upload, *upload_size);
            *upload_size = 0;
            return MHD_YES;
        }
        if (ex.too_large) return send(c, too_large(ex.limit), true);
        if (!ex.handed_over) {
            ex.handed_over = true;
            ++working_;
            if (auto* state = state_of(c)) deadlines_.received(state);
            MHD_suspend_connection(c);
            workers_.post([this, c, &ex] {
                http::Response answer;
                try {
                    app_.handle(ex.request, answer);
                    compress_for(ex.request, answer);
                } catch (const std::exception& e) {  // out of memory, say: an answer, never a dead server
                    std::cerr << "swelltrack serve: " << ex.request.method << " request failed: " << e.what() << "\n";
                    answer = refusal(500, "Something went wrong; nothing was saved.\n");
                }
                ex.answer = std::move(answer);
                MHD_resume_connection(c);  // libmicrohttpd calls access() again: the answer goes out
                --working_;
            });
            return MHD_YES;
        }
        if (!ex.answer) return MHD_YES;
        return send(c, *ex.answer, false);
    }

    http::Response refusal(int status, std::string text) const {
        http::Response r;
        r.status = status;
        r.set_content(std::move(text), "text/plain; charset=utf-8");
        WebApp::security_headers(r, tls_);
        return r;
    }

    http::Response too_large(std::size_t limit) const {
        return refusal(413, "The body is larger than " + std::to_string(limit >> 20) + " MiB.\n");
    }

    static std::uint64_t content_length(const http::Request& req) {
        const auto v = req.get_header_value("Content-Length");
        return v.empty() ? 0 : std::stoull(v);  // digits only: refuse_framing checked it
    }

    // Strict framing (RFC 9112 section 6): one Content-Length of digits only, no Transfer-Encoding
    // (chunked bodies are not taken), no compressed bodies, at most `limit` (WebApp::body_limit).
    std::optional<http::Response> refuse_framing(const http::Request& req, std::size_t limit) const {
        const auto lengths = req.headers.equal_range("Content-Length");
        const auto count = std::distance(lengths.first, lengths.second);
        const auto encoding = req.get_header_value("Content-Encoding");
        if (req.has_header("Transfer-Encoding"))
            return refusal(count > 0 ? 400 : 411,
                           count > 0 ? "Content-Length and Transfer-Encoding together are refused.\n"
                                     : "Send the body with a Content-Length (at most 1 MiB), not chunked.\n");
        if (!encoding.empty() && encoding != "identity")
            return refusal(415, "Send the body uncompressed (no Content-Encoding).\n");
        if (count > 1) return refusal(400, "One Content-Length, please.\n");
        if (count == 1) {
            const auto& v = lengths.first->second;
            if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
                return refusal(400, "Content-Length must be a number of bytes.\n");
            // A body over the cap but within 16 MiB (a photo upload's: twice its cap) is read and dropped, then
            // refused: a client that writes its whole body before it reads gets the 413 rather than
            // a reset connection.
            if (std::stoull(v) > std::max(16 * max_body_bytes, 2 * limit)) return too_large(limit);
        }
        return std::nullopt;
    }

    // The answer as it goes out: gzipped for a client that takes it. On the worker, not on the
    // thread that polls every connection.
    static void compress_for(const http::Request& req, http::Response& r) {
        if (!compressible(r.get_header_value("Content-Type"), r.body.size()) || !accepts_gzip(req) || !gzip(r.body))
            return;
        r.set_header("Content-Encoding", "gzip");
        r.set_header("Vary", "Accept-Encoding");
    }

    MHD_Result send(MHD_Connection* c, const http::Response& r, bool close) {
        MHD_Response* res =
            MHD_create_response_from_buffer(r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
        if (!res) return MHD_NO;
        for (const auto& [name, value] : r.headers) MHD_add_response_header(res, name.c_str(), value.c_str());
        auto* state = state_of(c);
        if (state) deadlines_.received(state);
        if (close || stopping_ || !state || ++state->requests >= max_requests_per_connection)
            MHD_add_response_header(res, "Connection", "close");
        const MHD_Result queued = MHD_queue_response(c, static_cast<unsigned>(r.status), res);
        MHD_destroy_response(res);
        return queued;
    }

    // Text answers of a kilobyte or more go gzipped to a client that takes it (zlib's default
    // level: about a millisecond for a 60 KB page); PDFs and images are compressed already.
    static bool compressible(const std::string& type, std::size_t size) {
        if (size < 1024) return false;
        return type.starts_with("text/") || type.starts_with("application/json") ||
               type.starts_with("application/javascript") || type.starts_with("image/svg+xml") ||
               type.starts_with("application/fhir+json");
    }

    static bool accepts_gzip(const http::Request& req) {
        for (auto [it, end] = req.headers.equal_range("Accept-Encoding"); it != end; ++it)
            if (it->second.find("gzip") != std::string::npos) return true;
        return false;
    }

    static bool gzip(std::string& text) {
        z_stream z{};
        if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
        std::string out(deflateBound(&z, text.size()), '\0');
        z.next_in = reinterpret_cast<Bytef*>(text.data());
        z.avail_in = static_cast<uInt>(text.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        const bool done = deflate(&z, Z_FINISH) == Z_STREAM_END;
        out.resize(z.total_out);
        deflateEnd(&z);
        if (done) text = std::move(out);
        return done;
    }

    static ConnectionState* state_of(MHD_Connection* c) {
        const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        return info ? static_cast<ConnectionState*>(info->socket_context) : nullptr;
    }

    static std::string peer_address(MHD_Connection* c) {
        const auto* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (!info || !info->client_addr) return {};
        char text[INET6_ADDRSTRLEN] = {};
        const sockaddr* sa = info->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, text, sizeof text);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, text, sizeof text);
        return text;
    }

    WebApp& app_;
    bool tls_;
    const std::vector<std::string> proxies_;  // whose X-Forwarded-For is believed
    std::atomic<int> in_flight_{0}, working_{0};
    std::atomic<bool> stopping_{false};
    Deadlines deadlines_;
    Workers workers_;  // last: joined first, before what its jobs use
};

// A listening socket of our own: a port in use is an error (no SO_REUSEPORT, so a second server
// cannot share the port and its traffic), and port 0 picks a free one. Returns the socket and port.
std::pair<int, int> listen_on(const Address& where, const std::string& text) {
    addrinfo hints{}, *found = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    const std::string host = where.host == "localhost" ? "127.0.0.1" : where.host;
    if (getaddrinfo(host.c_str(), std::to_string(where.port).c_str(), &hints, &found) != 0 || !found)
        throw UserError("--listen", text, "--listen: '" + text + "' is not an address of this machine");
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, freeaddrinfo);
    const int fd = socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
    if (fd < 0) throw UserError("--listen", text, "--listen: cannot open a socket: " + std::string(strerror(errno)));
    const int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);  // a restart need not wait out TIME_WAIT
    if (found->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
    if (bind(fd, found->ai_addr, found->ai_addrlen) != 0 || listen(fd, 128) != 0) {
        const int error = errno;
        close(fd);
        throw UserError("--listen", text,
                        error == EADDRINUSE ? "--listen: cannot listen on " + text + ": address in use"
                                            : "--listen: cannot listen on " + text + " (" + strerror(error) +
                                                  "; not an address of this machine?)");
    }
    sockaddr_storage bound{};
    socklen_t size = sizeof bound;
    getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &size);
    const int port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                       : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    return {fd, port};
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The daemon on `fd`: a thread pool, each thread polling many connections (a slow client holds a
// little memory, not a thread), with every limit above.
MHD_Daemon* start(Server& server, int fd, const ServeOptions& o, const std::string& cert, const std::string& key,
                  bool tls) {
    // ITC: MHD_quiesce_daemon; suspend and resume: the workers answer.
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
    const unsigned polling_threads = 2;  // reading and writing only (and TLS): the workers do the rest
    std::vector<MHD_OptionItem> options{
        {MHD_OPTION_LISTEN_SOCKET, fd, nullptr},
        {MHD_OPTION_THREAD_POOL_SIZE, polling_threads, nullptr},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(connection_memory_bytes), nullptr},
        {MHD_OPTION_CONNECTION_LIMIT, max_connections, nullptr},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, max_connections_per_address, nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, o.read_timeout_s, nullptr},
        {MHD_OPTION_URI_LOG_CALLBACK, reinterpret_cast<intptr_t>(&Server::begin), &server},
        {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&Server::completed), &server},
        {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&Server::connection), &server},
    };
    if (tls) {
        flags |= MHD_USE_TLS;
        options.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(cert.c_str())});
        options.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(key.c_str())});
        options.push_back({MHD_OPTION_HTTPS_PRIORITIES, 0, const_cast<char*>(tls_priorities)});
    }
    options.push_back({MHD_OPTION_END, 0, nullptr});
    return MHD_start_daemon(flags, 0, nullptr, nullptr, &Server::access, &server, MHD_OPTION_ARRAY, options.data(),
                            MHD_OPTION_END);
}

// The certificate and key a TLS server is given, or made for it (self-signed) on first use.
struct TlsMaterial {
    CertificateFiles files;
    bool made = false;
    std::string cert, key;  // PEM
};

TlsMaterial tls_material(const ServeOptions& o, const Address& where) {
    if (o.tls_cert.empty() != o.tls_key.empty())
        throw UserError("--tls-cert", o.tls_cert, "--tls-cert and --tls-key go together; give both or neither");
    TlsMaterial m;
    m.files = {o.tls_cert, o.tls_key};
    if (o.tls_cert.empty()) {
        m.files = self_signed_paths(o.db);
        m.made = ensure_self_signed(m.files, {where.host, "localhost"});
    }
    m.cert = read_file(m.files.cert);
    m.key = read_file(m.files.key);
    return m;
}

// What WebApp answers to: the names it is known by, and whether browsers reach it over https.
WebOptions web_options(const std::filesystem::path& db, bool tls, const Address& where, int port,
                       const std::optional<PublicUrl>& public_url) {
    WebOptions web;
    web.db = db;
    web.tls = tls;
    if (public_url) {
        // Browsers know us by the proxy's name: only it is answered, and https there makes the
        // cookies Secure and sends HSTS, though the proxy talks to us in plain HTTP on loopback.
        web.tls = tls || public_url->scheme == "https";
        web.allowed_hosts = {public_url->authority};
        web.public_origin = public_url->scheme + "://" + public_url->authority;
    } else if (is_loopback(where.host)) {
        // Only our own names: a page elsewhere whose name points at 127.0.0.1 is refused.
        const auto p = std::to_string(port);
        web.allowed_hosts = {"127.0.0.1:" + p, "localhost:" + p, "[::1]:" + p};
    }
    return web;
}

}  // namespace

int serve(const ServeOptions& o, std::ostream& out) {
    const auto where = parse_listen(o.listen);
    const bool tls = !is_loopback(where.host) || !o.tls_cert.empty() || !o.tls_key.empty();
    const auto material = tls ? tls_material(o, where) : TlsMaterial{};
    const auto& files = material.files;

    // Signals go to this thread, which waits for them (blocked in the server's threads).
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto proxies = trusted_proxies(o);
    const auto public_url = o.public_url.empty() ? std::optional<PublicUrl>() : parse_public_url(o.public_url);
    const auto [fd, port] = listen_on(where, o.listen);
    const auto web = web_options(o.db, tls, where, port, public_url);
    WebApp app(web);
    Server server(app, tls, o.threads, std::chrono::seconds(o.request_timeout_s), std::move(proxies));
    MHD_Daemon* daemon = start(server, fd, o, material.cert, material.key, tls);
    if (!daemon) {
        close(fd);
        if (tls)
            throw UserError(
                "--tls-cert", files.cert.string(),
                "--tls-cert: cannot load the certificate " + files.cert.string() + " with key " + files.key.string());
        throw UserError("--listen", o.listen, "--listen: cannot serve on " + o.listen);
    }

    out << "swelltrack serve: listening on " << (tls ? "https://" : "http://") << url_host(where.host) << ":" << port
        << " (database " << o.db.string() << ")\n";
    if (public_url) out << "Behind a proxy: browsers use " << web.public_origin << "\n";
    if (tls) {
        if (material.made) out << "Made a self-signed certificate: " << files.cert.string() << "\n";
        out << "Certificate SHA-256 fingerprint: " << certificate_fingerprint(files.cert)
            << "\nCheck that a phone shows this fingerprint before signing in.\n";
    }
    out << "Stop with Ctrl-C (requests in progress finish first).\n" << std::flush;
    int sig = 0;
    sigwait(&stop_signals, &sig);
    // No new connection; the requests under way are answered (at most 30 s), then all close.
    MHD_quiesce_daemon(daemon);
    server.stopping();
    for (int waited = 0; (server.in_flight() > 0 && waited < 3000) || server.working() > 0; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    MHD_stop_daemon(daemon);
    close(fd);
    out << "swelltrack serve: stopped\n" << std::flush;
    return 0;
}

}  // namespace swelltrack::web
