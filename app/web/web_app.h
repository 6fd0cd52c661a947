#pragma once
// Everything `swelltrack serve` answers, without sockets: routing, sign-in, roles, CSRF, the
// security headers, the JSON API and the pages (docs/security.md, docs/web-api.md). serve.cpp puts
// it behind the HTTP server library; the tests and the fuzzer call handle() directly too.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth.h"
#include "form.h"
#include "html.h"
#include "http.h"
#include "request.h"
#include "swelltrack/actions.h"
#include "swelltrack/limits.h"
#include "swelltrack/store.h"

namespace swelltrack::web {

struct WebOptions {
    std::filesystem::path db;
    bool tls = false;                        // cookies get Secure (and the __Host- prefix), HSTS is sent
    std::vector<std::string> allowed_hosts;  // Host headers accepted ("127.0.0.1:8600"); empty = any
    std::string public_origin;               // behind a proxy: the origin browsers use ("https://swell.example.org")
    std::chrono::seconds session_idle{2 * 3600}, session_lifetime{12 * 3600};
    std::chrono::seconds login_block{15 * 60};  // after LoginThrottle::max_failures wrong passwords
    std::chrono::seconds login_pace{10};        // a login's tries from new addresses once slowed (LoginPace)
};

/// The longest client name looked up from a URL: limits::client_name_bytes, with room for NFC to
/// grow it; anything longer names no client and is not looked up.
inline constexpr auto max_url_name_bytes = static_cast<std::size_t>(4 * limits::client_name_bytes.hi);

/// The largest request body read (a session form is a few KB).
inline constexpr std::size_t max_body_bytes = 1u << 20;
/// The largest body of a photo upload: the photo (limits::photo_bytes) and the form around it.
inline constexpr std::size_t max_photo_body_bytes = static_cast<std::size_t>(limits::photo_bytes.hi) + (1u << 20);

/// The photo fields of a form (photo_page.cpp): a file input that offers the phone's camera, and
/// the site, with her sites so far to choose from.
void photo_fields(Html& b, const FormState& st, const std::vector<Photo>& photos, bool plain, bool optional);
/// The client's photos taken with a session, by the session's id.
std::map<std::int64_t, std::vector<Photo>> photos_by_session(const Store& store, const Client& client);
/// Thumbnails of a session's photos, each opening the photo (her page's list of sessions).
void session_photos(Html& b, const Client& client, const std::vector<Photo>& photos);

/// Sets one field of a session from its text, by the key the API and the form use (weight, pain,
/// skin, ...: docs/web-api.md), with log's ranges; a UserError names the key. False for an unknown key.
bool apply_session_field(Session& s, std::string_view key, const std::string& value);

/// Text computed from one client's data, kept until any write (generation) and bounded in size: the
/// history JSON of a client with years of daily sessions costs ~8 ms, its charts a few more.
class ClientCache {
   public:
    static constexpr std::size_t max_clients = 64;
    /// The text for `client_id` made at `generation`, if kept.
    std::shared_ptr<const std::string> find(std::int64_t client_id, std::uint64_t generation);
    void put(std::int64_t client_id, std::uint64_t generation, std::shared_ptr<const std::string> text);

   private:
    struct Entry {
        std::uint64_t generation = 0;
        std::shared_ptr<const std::string> text;
    };
    std::mutex mutex_;
    std::map<std::int64_t, Entry> entries_;
};

/// The web face's cryptography, as the use cases ask for it (libsodium, auth.h): invitations and
/// report links (invite_page.cpp).
actions::Secrets secrets();

class WebApp {
   public:
    explicit WebApp(WebOptions options);
    /// Answers one request; never throws (an unexpected failure is a 500 that names nothing inside).
    void handle(const http::Request& req, http::Response& res);

    const WebOptions& options() const { return options_; }
    /// The headers every response carries (docs/security.md#headers); `cacheable` only for assets.
    static void security_headers(http::Response& res, bool tls, bool cacheable = false);
    std::string cookie_name() const { return options_.tls ? "__Host-swelltrack" : "swelltrack"; }

    /// One request being answered.
    struct Call {
        const http::Request& req;
        http::Response& res;
        std::vector<std::string> path;  // decoded segments (request.h)
        bool api = false;               // under /api/: errors are JSON, no redirects
        std::optional<SignedIn> who;
        /// A POSTed url-encoded or multipart form's fields, parsed once for every filter and
        /// handler (empty otherwise, or when it does not decode).
        std::map<std::string, std::string> form;
        /// A multipart form's files by field name (the first of each name).
        std::map<std::string, FormPart> files;
    };

    /// The largest body a request may send: max_body_bytes, or for a photo upload by a signed-in
    /// login (the session form, her page's photo form, the API) max_photo_body_bytes. Decided from
    /// the headers alone, before a byte of the body is read.
    std::size_t body_limit(const http::Request& req);

   private:
    /// Who may reach a route: checked by route()'s filters before the handler runs.
    enum class Access { anyone, signed_in, therapist };
    /// A handler: of the request alone, of the client its path names (the caller may see it), or
    /// of a name in its path that is not a client's to look up (an asset, a calendar feed).
    using Plain = void (WebApp::*)(Call&);
    using OfClient = void (WebApp::*)(Call&, const Client&);
    using OfName = void (WebApp::*)(Call&, const std::string&);
    struct Route {
        std::vector<std::string_view> pattern;  // path segments; "*" matches any one segment
        std::string_view method;
        Access access;
        std::variant<Plain, OfClient, OfName> handler;
    };
    /// Every page and API call, declared once (routes.cpp).
    static const std::vector<Route>& routes();
    /// Finds the route, runs the filters (another site's form, sign-in, role, CSRF), then the handler.
    void route(Call& c);
    Store& store();  // this thread's connection to options_.db
    /// The signed-in login of the request's cookie, if its session is open and the login still
    /// exists with the same password (user remove / user passwd end its sessions).
    std::optional<SignedIn> signed_in(const http::Request& req);

    void login(Call& c);
    /// Signs `user` in as POST /login does (a session, its cookie) and answers 303 to `location`.
    void start_session(Call& c, const User& user, const std::string& location);
    void logout(Call& c);
    void asset(Call& c, const std::string& name);
    void api_csrf(Call& c);
    void api_status(Call& c);
    void api_history(Call& c, const Client& client);
    void api_add_session(Call& c, const Client& client);
    void api_edit_session(Call& c, const Client& client);    // PATCH .../sessions/{id}
    void api_delete_session(Call& c, const Client& client);  // DELETE .../sessions/{id}
    /// The client `name` names, if the caller may see it; otherwise answers 404 and returns nullopt
    /// (the same answer whether the client exists or not: a client login learns nothing of others).
    std::optional<Client> visible_client(Call& c, const std::string& name);

    // Pages (pages.cpp, client_page.cpp, log_page.cpp).
    void page_login(Call& c, int status, const std::string& message);
    void page_login_form(Call& c) { page_login(c, 200, ""); }
    void page_home(Call& c);
    void page_clients(Call& c);  // the therapist's home: every client (client_list.cpp)
    // The therapist's tools for a client: a baseline move, the schedule, the archive.
    void page_new_client(Call& c);                     // new_client.cpp
    void page_settings(Call& c);                       // settings_page.cpp
    void page_compare(Call& c, const Client& client);  // compare_page.cpp
    void page_baseline(Call& c, const Client& client);
    void page_restore(Call& c, const Client& client);
    void schedule_change(Call& c, const Client& client);
    void archive_change(Call& c, const Client& client);
    void care_tools(Html& b, Call& c, const Client& client);
    void course_tools(Html& b, Call& c, const Client& client);  // course_page.cpp: "Add a treatment course"
    void course_add(Call& c, const Client& client);             // POST .../courses
    void page_course(Call& c, const Client& client);            // .../courses/{id}: change or end it
    void page_client(Call& c, const Client& client);
    // Photos (photo_page.cpp, docs/architecture.md#photos).
    void photos_part(Html& b, Call& c, const Client& client);  // her page's photos and the camera
    void photo_add(Call& c, const Client& client);             // POST .../photos (multipart)
    void photo_file(Call& c, const Client& client);            // GET .../photos/{id}[/thumbnail]
    void photo_consent(Call& c, const Client& client);         // POST .../photo-consent
    void photo_delete(Call& c, const Client& client);          // GET/POST .../photos/{id}/delete
    /// A therapist deletes any photo; a client those she added.
    static bool may_delete(const Call& c, const Photo& p);
    void api_photos(Call& c, const Client& client);     // GET /api/clients/{name}/photos
    void api_add_photo(Call& c, const Client& client);  // POST /api/clients/{name}/photos
    /// The client's charts as SVG figures, her treatment courses shaded, drawn once per generation of
    /// the data (chart_svgs_); `plain`: in her own words (plain_chart_svgs_).
    std::shared_ptr<const std::string> chart_markup(const Client& client, const actions::CourseOverview& overview,
                                                    std::uint64_t generation, bool plain);
    void reminders(Html& b, Call& c, const Client& client);         // the calendar part of her page
    void calendar_address(Html& b, Call& c, const Client& client);  // ... its feed's address
    void reminders_change(Call& c, const Client& client);           // POST: her days and time
    void page_log(Call& c, const Client& client);
    bool save_logged(Call& c, const Client& client, FormState& st, const Protocol& protocol);  // its POST
    void page_edit(Call& c, const Client& client);    // .../sessions/{id}/edit: the form, filled in
    void page_delete(Call& c, const Client& client);  // .../sessions/{id}/delete: a reason, then gone
    void report_pdf(Call& c, const Client& client);
    /// The trend report as the therapist downloads it; with her photos, or (a report link's) without.
    void send_report_pdf(Call& c, const Client& client, bool with_photos);
    void calendar_feed(Call& c, const std::string& name);  // by the token in the URL, no sign-in
    void calendar_change(Call& c, const Client& client);   // POST: a new link, or none
    // Invitations (invite_page.cpp, docs/security.md#invitations).
    void login_part(Html& b, Call& c, const Client& client);  // the therapist's "Give her a login" form
    void invite_make(Call& c, const Client& client);          // POST: the one-time link, shown once
    void page_invite(Call& c, const std::string& token);      // GET /invite/{token}: set a password
    void invite_accept(Call& c, const std::string& token);    // POST: the login made, signed in
    /// The invitation `token` opens, counted against the address's tries (as the sign-in is);
    /// otherwise answers 429 or a 404 that says nothing of why, and returns nullopt.
    std::optional<Invitation> invitation_for(Call& c, const std::string& token);
    /// Counts a try at a link by secret under `key` (the address's, LoginThrottle): true, having
    /// answered 429, when the address has followed too many dead links lately.
    bool too_many_tries(Call& c, const std::string& key);
    void invite_form(Call& c, int status, const std::string& token, const Invitation& inv, const std::string& error);
    // Report links for a clinician (share_page.cpp, docs/security.md#report-links).
    void share_part(Html& b, Call& c, const Client& client);  // the therapist's form and list of links
    void share_make(Call& c, const Client& client);           // POST: the link, shown once
    void share_revoke(Call& c, const Client& client);         // POST: one link revoked
    void page_shared(Call& c, const std::string& token);      // GET /shared/{token}: the read-only page
    void shared_pdf(Call& c, const std::string& token);       // GET /shared/{token}/report.pdf
    /// The client of the open link `token` (its opening audited as `part`), counted against the
    /// address's tries; otherwise answers 429 or one 404 that says nothing of why, and returns nullopt.
    std::optional<std::pair<ReportLink, Client>> shared_client(Call& c, const std::string& token,
                                                               actions::SharedPart part);
    /// The document with the header (who is signed in, sign out) around `body`; without
    /// `site_links` the header links nowhere (a report link's page: no way into the site).
    void reply_page(Call& c, int status, std::string_view title, const Html& body, bool site_links = true);
    /// The scheme and host the browser used ("https://192.168.1.5:8600"), for links shown to copy.
    std::string origin(const Call& c) const;

    /// Every active client's status, worst first: computed once per change of the data (ours or
    /// another process's) or of the minute, and shared by GET /api/status and the therapist's list.
    struct StatusSnapshot {
        std::vector<ClientStatus> statuses;
        int check_in_days = AlertThresholds{}.check_in_days;  // the clinic's, when the list was read
        std::size_t archived = 0;                             // how many clients are archived
        /// GET /api/status's body, written on the first call (the list page never needs it: with
        /// 10,000 clients it costs more than reading the statuses).
        const std::string& json() const;

       private:
        mutable std::once_flag json_once_;
        mutable std::string json_;
    };
    std::shared_ptr<const StatusSnapshot> status_snapshot();
    /// The signed-in login as the audit trail names it: "<login> (web)".
    static actions::Actor actor(const Call& c);
    static actions::Actor actor_of(const std::string& login);
    /// Records `input` for `client` as this login through the one path every face takes
    /// (actions::record_session) and, when it was stored, marks what was computed before as stale.
    /// `key` (a form's one-time token, an API call's Idempotency-Key; "" for none) names the request
    /// with the login and the client: sent again, it stores nothing and its outcome is the first
    /// session, `repeated`.
    std::variant<actions::Outcome, actions::Doubtful> record(Call& c, const Client& client, actions::NewSession input,
                                                             std::string_view key);
    /// Corrects a session as this login (actions::correct_session), as record does.
    std::variant<actions::Corrected, actions::Doubtful> correct(Call& c, const Client& client,
                                                                actions::Correction input);
    /// The session the path's last segment names (an id), if it is `client`'s and the caller may
    /// change it (a client what she measured herself); otherwise answers 404 or 403.
    std::optional<Session> session_to_change(Call& c, const Client& client);
    /// A therapist changes any session; a client what she measured herself (recorded_by "self").
    static bool may_change(const Call& c, const Session& s);

    WebOptions options_;
    Sessions sessions_;
    LoginThrottle throttle_;
    LoginPace pace_;

    std::atomic<std::uint64_t> generation_{1};  // bumped by every write seen (ours or another process's)
    // Every active client's status, kept current from the stored statuses through a connection
    // of its own: when its data_version changes, only the statuses written since are read again;
    // when the minute changes, the time-dependent part of each. A snapshot of the list is shared
    // until then.
    std::mutex status_mutex_;
    std::unique_ptr<Store> status_store_;
    StatusList status_list_;
    std::int64_t status_version_ = 0;
    std::int64_t status_minute_ = 0;
    std::shared_ptr<const StatusSnapshot> status_;
    ClientCache history_json_, chart_svgs_, plain_chart_svgs_;
};

/// The photo a form or an API call sent (the file field "photo"; its site from "photo_site" or
/// "site"), if a file was chosen.
std::optional<actions::NewPhoto> photo_sent(const WebApp::Call& c);
/// The form field a photo's error belongs to ("photo_site" for its site, "photo" for the rest).
std::string photo_field(const UserError& e);

}  // namespace swelltrack::web
