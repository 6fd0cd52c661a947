// Routing, sign-in, roles, CSRF, security headers and the JSON API (web_app.h).
#include "web_app.h"

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

#include "pages.h"
#include "request.h"
#include "swelltrack/entry.h"
#include "swelltrack/error.h"
#include "swelltrack/plausibility.h"
#include "swelltrack/records.h"
#include "swelltrack/units.h"

namespace swelltrack::web {

using Json = nlohmann::json;

namespace {

// Every response: nothing from another origin, no inline script or style, no framing, no sniffing,
// no referrer (a client's name is in our URLs). docs/security.md#headers.
constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace

void WebApp::security_headers(httplib::Response& res, bool tls, bool cacheable) {
    res.set_header("Content-Security-Policy", content_security_policy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
    res.set_header("Cache-Control", cacheable ? "public, max-age=3600" : "no-store");
    if (tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
}

namespace {

void json_reply(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    // A message may quote what the request said (its method, say), which need not be UTF-8: such
    // bytes become U+FFFD rather than making dump() throw and the answer a 500.
    res.set_content(body.dump(2, ' ', false, Json::error_handler_t::replace) + "\n", "application/json; charset=utf-8");
}

Json error_body(std::string_view message, std::string_view field = {}) {
    return Json{{"error", message}, {"field", field.empty() ? Json(nullptr) : Json(field)}};
}

/// How deep a request's JSON may nest: a session needs 2 (its object, then "left"/"right"/"skin").
constexpr int max_json_depth = 4;

bool is_post(const httplib::Request& req) { return req.method == "POST"; }

bool content_type_is(const httplib::Request& req, std::string_view type) {
    auto value = req.get_header_value("Content-Type");
    return value.substr(0, value.find(';')) == type;
}

/// A session's per-point values as the API sends them: an array, one number (or numeric text) or
/// null per point, in the client's unit.
PointValues side_values(const Json& j, LengthUnit unit, std::string_view side) {
    if (!j.is_array())
        throw UserError(std::string(side), j.dump(),
                        std::string(side) + ": expected an array with one value (or null) per point");
    PointValues out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const auto& v = j[i];
        std::string field = std::string(side) + " point " + std::to_string(i + 1);
        if (v.is_null())
            out.emplace_back(std::nullopt);
        else if (v.is_number() || v.is_string())
            out.emplace_back(parse_circumference_mm(v.is_string() ? v.get<std::string>() : v.dump(), unit, field));
        else
            throw UserError(std::string(side), v.dump(), field + ": " + v.dump() + " is not a number");
    }
    return out;
}

}  // namespace

// ---- Which session fields the API and the form take ------------------------------------------

namespace {
/// Sets one field of `e` from its text; false for an unknown key.
bool set_entry_field(SessionEntry& e, std::string_view key, std::string value) {
    static const std::map<std::string_view, Typed SessionEntry::*, std::less<>> typed{
        {"weight", &SessionEntry::weight},
        {"heaviness", &SessionEntry::heaviness},
        {"tightness", &SessionEntry::tightness},
        {"pain", &SessionEntry::pain},
        {"swelling", &SessionEntry::swelling},
        {"pitting", &SessionEntry::pitting},
        {"isl_stage", &SessionEntry::isl_stage},
        {"mld_minutes", &SessionEntry::mld_minutes},
        {"garment_class", &SessionEntry::garment_class},
        {"skin_note", &SessionEntry::skin_note},
        {"note", &SessionEntry::note}};
    static const std::map<std::string_view, std::string SessionEntry::*, std::less<>> text{
        {"skin", &SessionEntry::skin},
        {"context", &SessionEntry::context},
        {"by", &SessionEntry::by},
        {"compression", &SessionEntry::compression},
        {"stemmer", &SessionEntry::stemmer}};
    static const std::map<std::string_view, bool SessionEntry::*, std::less<>> flags{
        {"bandaging", &SessionEntry::bandaging}, {"exercise", &SessionEntry::exercise}};
    if (auto it = typed.find(key); it != typed.end()) {
        e.*(it->second) = std::move(value);
    } else if (auto t = text.find(key); t != text.end()) {
        e.*(t->second) = std::move(value);
    } else if (auto f = flags.find(key); f != flags.end()) {
        if (value != "true" && value != "false" && value != "on")
            throw UserError(std::string(key), value, std::string(key) + ": '" + value + "' is not true or false");
        e.*(f->second) = value != "false";
    } else {
        return false;
    }
    return true;
}
}  // namespace

bool apply_session_field(Session& s, std::string_view key, const std::string& value) {
    SessionEntry one;
    if (!set_entry_field(one, key, value)) return false;
    try {
        apply_entry(one, s, FieldNames::api);  // alone, so that an error names this key
    } catch (const UserError& e) {
        throw UserError(std::string(key), e.value(), e.what());
    }
    return true;
}

// ---- The app ----------------------------------------------------------------------------------

std::shared_ptr<const std::string> ClientCache::find(std::int64_t client_id, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(client_id);
    return it != entries_.end() && it->second.generation == generation ? it->second.text : nullptr;
}

void ClientCache::put(std::int64_t client_id, std::uint64_t generation, std::shared_ptr<const std::string> text) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_clients && !entries_.count(client_id)) entries_.clear();  // simple, and bounded
    entries_[client_id] = {generation, std::move(text)};
}

WebApp::WebApp(WebOptions options)
    : options_(std::move(options)),
      sessions_(options_.session_idle, options_.session_lifetime),
      throttle_(options_.login_block) {}

Store& WebApp::store() {
    struct Connection {
        std::unique_ptr<Store> store;
        std::int64_t data_version = 0;
    };
    thread_local std::map<std::string, Connection> connections;
    auto& c = connections[options_.db.string()];
    if (!c.store) {
        c.store = std::make_unique<Store>(options_.db);
        c.data_version = c.store->data_version();
        // What the other connections computed may predate a write this one cannot know of (its
        // data_version starts now): count it as a change.
        ++generation_;
    } else if (auto v = c.store->data_version(); v != c.data_version) {
        c.data_version = v;  // another connection wrote: what was computed before may be stale
        ++generation_;
    }
    return *c.store;
}

std::optional<SignedIn> WebApp::signed_in(const httplib::Request& req) {
    auto token = cookie_value(req.get_header_value("Cookie"), cookie_name());
    if (!token) return std::nullopt;
    auto who = sessions_.find(*token);
    if (!who) return std::nullopt;
    auto user = store().find_user(who->login);
    if (!user || !same_secret(user->password_hash, who->password_hash) || user->role != who->role ||
        user->client_id != who->client_id) {
        sessions_.close(*token);
        return std::nullopt;
    }
    return who;
}

void WebApp::handle(const httplib::Request& req, httplib::Response& res) {
    auto path = path_segments(req.target);
    Call c{req, res, path ? *path : std::vector<std::string>{}, path && !path->empty() && path->front() == "api", {}};
    bool cacheable = false;
    try {
        if (!path) {
            res.status = 404;
            res.set_content("Not found\n", "text/plain; charset=utf-8");
        } else if (!options_.allowed_hosts.empty() &&
                   std::find(options_.allowed_hosts.begin(), options_.allowed_hosts.end(),
                             req.get_header_value("Host")) == options_.allowed_hosts.end()) {
            // A page elsewhere whose name resolves to this machine (DNS rebinding) is not us.
            res.status = 421;
            res.set_content("This server answers only to its own address\n", "text/plain; charset=utf-8");
        } else {
            cacheable = !c.path.empty() && c.path.front() == "assets";
            route(c);
        }
    } catch (const std::exception& e) {
        std::cerr << "swelltrack serve: " << req.method << " request failed: " << e.what() << "\n";
        res = httplib::Response{};
        res.status = 500;
        if (c.api)
            json_reply(res, 500, error_body("internal error"));
        else
            res.set_content("Something went wrong; nothing was saved.\n", "text/plain; charset=utf-8");
    }
    security_headers(res, options_.tls, cacheable && res.status == 200);
}

void WebApp::route(Call& c) {
    const auto& p = c.path;
    const auto& method = c.req.method;
    auto only = [&](std::initializer_list<const char*> methods) {
        for (const char* m : methods)
            if (method == m) return true;
        std::string allow;
        for (const char* m : methods) allow += (allow.empty() ? "" : ", ") + std::string(m);
        c.res.set_header("Allow", allow);
        if (c.api)
            json_reply(c.res, 405, error_body(method + " is not allowed here; allowed: " + allow));
        else {
            c.res.status = 405;
            c.res.set_content("Method not allowed\n", "text/plain; charset=utf-8");
        }
        return false;
    };

    // A form posted from another site is refused before anything else (the CSRF token below is
    // the main defence; this also covers the login form, which has no session yet). Browsers send
    // "Origin: null" for our own forms (Referrer-Policy: no-referrer), and Sec-Fetch-Site tells.
    if (is_post(c.req)) {
        auto origin = c.req.get_header_value("Origin");
        auto site = c.req.get_header_value("Sec-Fetch-Site");
        if ((!origin.empty() && origin != "null" && origin != this->origin(c)) || site == "cross-site" ||
            site == "same-site") {
            if (c.api) return json_reply(c.res, 403, error_body("a request from another site is refused"));
            c.res.status = 403;
            return c.res.set_content("A form from another site is refused.\n", "text/plain; charset=utf-8");
        }
    }

    if (p.size() == 2 && p[0] == "assets") {
        if (!only({"GET"})) return;
        const auto* asset = find_asset(p[1]);
        if (!asset) {
            c.res.status = 404;
            return c.res.set_content("Not found\n", "text/plain; charset=utf-8");
        }
        c.res.status = 200;
        return c.res.set_content(std::string(asset->body), asset->content_type);
    }
    if (p.size() == 1 && p[0] == "login") {
        if (!only({"GET", "POST"})) return;
        return method == "GET" ? page_login(c, 200, "") : login(c);
    }

    // A phone's calendar cannot sign in: the feed is reached by the secret in its URL.
    if (p.size() == 3 && p[0] == "clients" && p[2] == "schedule.ics") {
        if (only({"GET"})) calendar_feed(c, p[1]);
        return;
    }

    c.who = signed_in(c.req);
    if (!c.who) {
        if (c.api) return json_reply(c.res, 401, error_body("sign in first: POST /login"));
        c.res.status = 303;
        c.res.set_header("Location", "/login");
        return;
    }
    // Every state change carries this session's CSRF token (docs/security.md#csrf).
    if (is_post(c.req)) {
        std::string token = c.req.get_header_value("X-CSRF-Token");
        if (token.empty() && content_type_is(c.req, "application/x-www-form-urlencoded"))
            if (auto form = parse_form(c.req.body))
                if (auto it = form->find("csrf"); it != form->end()) token = it->second;
        if (!same_secret(token, c.who->csrf)) {
            if (c.api)
                return json_reply(c.res, 403,
                                  error_body("missing or wrong CSRF token: send X-CSRF-Token from GET /api/csrf"));
            c.res.status = 403;
            return c.res.set_content("This form has expired; go back, reload the page and send it again.\n",
                                     "text/plain; charset=utf-8");
        }
    }

    if (p.size() == 1 && p[0] == "logout") {
        if (only({"POST"})) logout(c);
        return;
    }
    if (c.api) {
        if (p.size() == 2 && p[1] == "csrf") {
            if (only({"GET"})) api_csrf(c);
            return;
        }
        if (p.size() == 2 && p[1] == "status") {
            if (only({"GET"})) api_status(c);
            return;
        }
        if (p.size() == 4 && p[1] == "clients" && (p[3] == "history" || p[3] == "sessions")) {
            if (!only({p[3] == "history" ? "GET" : "POST"})) return;
            auto client = visible_client(c, p[2]);
            if (!client) return;
            return p[3] == "history" ? api_history(c, *client) : api_add_session(c, *client);
        }
        return json_reply(c.res, 404, error_body("no such API call; docs/web-api.md lists them"));
    }
    if (p.empty()) {
        if (only({"GET"})) page_home(c);
        return;
    }
    if (p[0] == "clients" &&
        (p.size() == 2 || (p.size() == 3 && (p[2] == "log" || p[2] == "report.pdf" || p[2] == "calendar")))) {
        const std::string what = p.size() == 2 ? "" : p[2];
        if (!only(what == "log"        ? std::initializer_list<const char*>{"GET", "POST"}
                  : what == "calendar" ? std::initializer_list<const char*>{"POST"}
                                       : std::initializer_list<const char*>{"GET"}))
            return;
        auto client = visible_client(c, p[1]);
        if (!client) return;
        if (what.empty()) return page_client(c, *client);
        if (what == "log") return page_log(c, *client);
        if (what == "report.pdf") return report_pdf(c, *client);
        return calendar_change(c, *client);
    }
    c.res.status = 404;
    c.res.set_content("Not found\n", "text/plain; charset=utf-8");
}

std::optional<Client> WebApp::visible_client(Call& c, const std::string& name) {
    std::optional<Client> client;
    if (name.size() <= max_url_name_bytes) client = store().find_client(name);
    if (client && c.who->role == Role::client && c.who->client_id != client->id) client.reset();
    if (!client) {
        if (c.api)
            json_reply(c.res, 404, error_body("no such client", "name"));
        else {
            c.res.status = 404;
            c.res.set_content("No such client\n", "text/plain; charset=utf-8");
        }
    }
    return client;
}

// ---- Sign in and out --------------------------------------------------------------------------

void WebApp::login(Call& c) {
    std::map<std::string, std::string> form;
    if (content_type_is(c.req, "application/x-www-form-urlencoded"))
        if (auto parsed = parse_form(c.req.body)) form = std::move(*parsed);
    const std::string login = normalize_login(form["login"]);
    const std::string& password = form["password"];
    // A login longer than any real one counts under one key, so made-up logins cannot grow the table.
    const bool plausible_login = !login.empty() && static_cast<double>(login.size()) <= limits::login_bytes.hi;
    const std::string by_address = "address " + c.req.remote_addr,
                      by_login = plausible_login ? "login " + login : std::string("login (not a login)");
    // Each try is counted before the slow check (LoginThrottle::attempt); a right password clears it.
    auto wait = std::max(throttle_.blocked_for(by_address), throttle_.blocked_for(by_login));
    if (wait == 0) wait = std::max(throttle_.attempt(by_address), throttle_.attempt(by_login));
    if (wait > 0) {
        c.res.set_header("Retry-After", std::to_string(wait));
        return page_login(c, 429,
                          "Too many wrong passwords. Try again in " + std::to_string((wait + 59) / 60) + " minute(s).");
    }
    std::optional<User> user;
    if (plausible_login) user = store().find_user(login);
    bool ok = false;
    if (user)
        ok = verify_password(user->password_hash, password);
    else
        verify_nothing(password);  // the same time whether or not the login exists
    // A wrong password was counted above; a right one clears the counts.
    if (!ok) return page_login(c, 401, "Wrong login or password.");
    throttle_.succeeded(by_address);
    throttle_.succeeded(by_login);
    auto token = sessions_.open(*user);
    c.res.set_header("Set-Cookie", cookie_name() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
                                       (options_.tls ? "; Secure" : ""));
    c.res.status = 303;
    c.res.set_header("Location", "/");
}

void WebApp::logout(Call& c) {
    if (auto token = cookie_value(c.req.get_header_value("Cookie"), cookie_name())) sessions_.close(*token);
    c.res.set_header("Set-Cookie", cookie_name() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
                                       (options_.tls ? "; Secure" : ""));
    c.res.status = 303;
    c.res.set_header("Location", "/login");
}

// ---- The JSON API -------------------------------------------------------------------------------

void WebApp::api_csrf(Call& c) { json_reply(c.res, 200, Json{{"token", c.who->csrf}}); }

std::shared_ptr<const WebApp::StatusSnapshot> WebApp::status_snapshot() {
    auto& db = store();  // first: notices another process's writes
    auto now = now_local().utc;
    const auto minute = std::chrono::floor<std::chrono::minutes>(now).time_since_epoch().count();
    std::lock_guard lock(status_mutex_);
    const auto generation = generation_.load();
    if (!status_ || status_generation_ != generation || status_minute_ != minute) {
        auto snapshot = std::make_shared<StatusSnapshot>();
        snapshot->statuses = db.load_statuses(now);
        auto out = Json::array();
        for (const auto& st : snapshot->statuses) out.push_back(records::status(st));
        snapshot->json = out.dump(2) + "\n";
        status_ = std::move(snapshot);
        status_generation_ = generation;
        status_minute_ = minute;
    }
    return status_;
}

void WebApp::record(Call& c, const Session& s) {
    auto& db = store();
    db.set_actor(c.who->login + " (web)");
    db.record_session(s);
    ++generation_;
}

void WebApp::api_status(Call& c) {
    if (c.who->role != Role::therapist)
        return json_reply(c.res, 403, error_body("only a therapist sees every client's status"));
    auto snapshot = status_snapshot();
    c.res.status = 200;
    c.res.set_content(snapshot->json, "application/json; charset=utf-8");
}

void WebApp::api_history(Call& c, const Client& client) {
    auto& db = store();  // first: notices another process's writes
    const auto generation = generation_.load();
    auto text = history_json_.find(client.id, generation);
    if (!text) {
        auto h = db.load_analyzed(client);
        std::vector<std::size_t> all(h.sessions.size());
        std::iota(all.begin(), all.end(), std::size_t{0});
        text = std::make_shared<const std::string>(records::history_json(h, all) + "\n");
        history_json_.put(client.id, generation, text);
    }
    c.res.status = 200;
    c.res.set_content(*text, "application/json; charset=utf-8");
}

void WebApp::api_add_session(Call& c, const Client& client) {
    if (!content_type_is(c.req, "application/json"))
        return json_reply(c.res, 415, error_body("send the session as JSON (Content-Type: application/json)"));
    // A session is an object of values and arrays of values. Deeper nesting is refused while parsing:
    // an error message dumps the value it names, and dump() recurses once per level, so a 1 MiB body
    // of '[' inside a field would overflow a worker's stack and end the whole server.
    bool too_deep = false;
    auto body = Json::parse(
        c.req.body,
        [&too_deep](int depth, Json::parse_event_t, Json&) {
            if (depth > max_json_depth) too_deep = true;
            return !too_deep;
        },
        false);
    if (too_deep)
        return json_reply(
            c.res, 400, error_body("the JSON is nested more than " + std::to_string(max_json_depth) + " levels deep"));
    if (body.is_discarded() || !body.is_object())
        return json_reply(c.res, 400, error_body("the body is not a JSON object"));
    auto& db = store();
    try {
        Session s;
        s.client_id = client.id;
        bool confirm = false;
        std::optional<std::string> protocol;
        std::optional<DateTime> at;
        for (const auto& [key, value] : body.items()) {
            if (value.is_null()) continue;  // not given
            auto text_of = [&, k = key](const Json& v) {
                if (v.is_string()) return v.get<std::string>();
                if (v.is_number() || v.is_boolean()) return v.dump();
                if (v.is_array() && k == "skin") {  // ["redness", "warmth"] as well as "redness,warmth"
                    std::string joined;
                    for (const auto& x : v)
                        joined += (joined.empty() ? "" : ",") + (x.is_string() ? x.get<std::string>() : x.dump());
                    return joined;
                }
                throw UserError(k, v.dump(), k + ": " + v.dump() + " is not a number or text");
            };
            if (key == "recorded_at")
                at = parse_local_datetime(text_of(value), "recorded_at");
            else if (key == "protocol")
                protocol = text_of(value);
            else if (key == "left")
                s.left_mm = side_values(value, client.unit, "left");
            else if (key == "right")
                s.right_mm = side_values(value, client.unit, "right");
            else if (key == "confirm") {
                if (!value.is_boolean()) throw UserError("confirm", value.dump(), "confirm: expected true or false");
                confirm = value.get<bool>();
            } else {
                if (!apply_session_field(s, key, text_of(value)))
                    throw UserError(key, "", key + ": not a field of a session; docs/web-api.md lists them");
            }
        }
        s.recorded_at = at ? *at : now_local();
        s.protocol = protocol ? *protocol : protocol_for_new_session(client, db.last_session(client.id));
        auto p = db.get_protocol(s.protocol);
        normalize_session(s);
        validate_session(s, p, client);
        if (!confirm)
            if (auto found = db.implausible(s, p, client); !found.empty()) {
                auto e = implausible_error(found, "send it again with \"confirm\": true");
                auto list = Json::array();
                for (const auto& f : found) list.push_back(Json{{"field", f.field}, {"message", f.message}});
                auto out = error_body(e.what(), e.field());
                out["implausible"] = list;
                return json_reply(c.res, 422, out);
            }
        record(c, s);
        auto h = db.load_analyzed(client);
        auto i = h.index_of(s.recorded_at);
        auto st = summarize(h, now_local().utc);
        c.res.set_header("Location", "/api/clients/" + percent_encode(client.name) + "/history");
        json_reply(c.res, 201,
                   Json{{"client", client.name},
                        {"session", i ? records::history_entry(h, *i) : Json(nullptr)},
                        {"attention", to_number(st.attention)},
                        {"reason", st.reason}});
    } catch (const UserError& e) {
        json_reply(c.res, 422, error_body(e.what(), e.field()));
    }
}

}  // namespace swelltrack::web
