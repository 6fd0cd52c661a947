// Routing, sign-in, roles, CSRF, security headers and the JSON API (web_app.h).
#include "web_app.h"

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

#include "pages.h"
#include "remedy.h"
#include "replies.h"
#include "request.h"
#include "swelltrack/display.h"
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

void WebApp::security_headers(http::Response& res, bool tls, bool cacheable) {
    res.set_header("Content-Security-Policy", content_security_policy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
    res.set_header("Cache-Control", cacheable ? "public, max-age=3600" : "no-store");
    if (tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
}

void json_reply(http::Response& res, int status, const Json& body) {
    res.status = status;
    // A message may quote what the request said (its method, say), which need not be UTF-8: such
    // bytes become U+FFFD rather than making dump() throw and the answer a 500.
    res.set_content(body.dump(2, ' ', false, Json::error_handler_t::replace) + "\n", "application/json; charset=utf-8");
}

Json error_body(std::string_view message, std::string_view field) {
    return Json{{"error", message}, {"field", field.empty() ? Json(nullptr) : Json(field)}};
}

namespace {

/// How deep a request's JSON may nest: a session needs 2 (its object, then "left"/"right"/"skin").
constexpr int max_json_depth = 4;

bool is_post(const http::Request& req) { return req.method == "POST"; }

bool content_type_is(const http::Request& req, std::string_view type) {
    auto value = req.get_header_value("Content-Type");
    return value.substr(0, value.find(';')) == type;
}

/// A session's per-point values as the API sends them: an array, one number (or numeric text) or
/// null per point, in the client's unit. An error names the point as a person does ("Left arm,
/// 12 cm", by `protocol`'s distances) and has the array's key as its field.
PointValues side_values(const Json& j, const Client& client, Side side, const Protocol& protocol) {
    const std::string key(to_string(side));
    if (!j.is_array()) throw UserError(key, j.dump(), key + ": expected an array with one value (or null) per point");
    PointValues out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const auto& v = j[i];
        std::string point = i < protocol.point_count()
                                ? display::point_name(side, client.limb, protocol.positions_cm[i])
                                : display::limb_name(side, client.limb) + ", point " + std::to_string(i + 1);
        try {
            if (v.is_null())
                out.emplace_back(std::nullopt);
            else if (v.is_number() || v.is_string())
                out.emplace_back(
                    parse_circumference_mm(v.is_string() ? v.get<std::string>() : v.dump(), client.unit, point));
            else
                throw UserError(key, v.dump(), point + ": " + v.dump() + " is not a number");
        } catch (const UserError& e) {
            throw UserError(key, e.value(), e.what());
        }
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
      throttle_(options_.login_block),
      pace_(options_.login_pace) {
    verify_nothing("");  // the dummy hash is made now: the first unknown login costs what any login does
}

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

std::optional<SignedIn> WebApp::signed_in(const http::Request& req) {
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

std::size_t WebApp::body_limit(const http::Request& req) {
    const auto path = path_segments(req.target);
    if (req.method != "POST" || !path || !content_type_is(req, "multipart/form-data")) return max_body_bytes;
    const auto& p = *path;
    const bool upload = (p.size() == 3 && p[0] == "clients" && (p[2] == "photos" || p[2] == "log")) ||
                        (p.size() == 4 && p[0] == "api" && p[1] == "clients" && p[3] == "photos");
    if (!upload) return max_body_bytes;
    try {  // on the server's polling thread: a busy database is a small limit, never an exception
        return signed_in(req) ? max_photo_body_bytes : max_body_bytes;
    } catch (const std::exception&) {
        return max_body_bytes;
    }
}

void WebApp::handle(const http::Request& req, http::Response& res) {
    auto path = path_segments(req.target);
    Call c{req, res, path ? *path : std::vector<std::string>{}, path && !path->empty() && path->front() == "api", {},
           {},  {}};
    if (is_post(req) && content_type_is(req, "application/x-www-form-urlencoded")) {
        if (auto form = parse_form(req.body)) c.form = std::move(*form);
    } else if (is_post(req) && content_type_is(req, "multipart/form-data")) {
        if (auto parts = parse_multipart(req.get_header_value("Content-Type"), req.body))
            for (auto& part : *parts) {
                if (part.file)
                    c.files.emplace(part.name, std::move(part));
                else
                    c.form.emplace(std::move(part.name), std::move(part.body));
            }
    }
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
        res = http::Response{};
        res.status = 500;
        if (c.api)
            json_reply(res, 500, error_body("internal error"));
        else
            res.set_content("Something went wrong; nothing was saved.\n", "text/plain; charset=utf-8");
    }
    security_headers(res, options_.tls, cacheable && res.status == 200);
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
    const std::string login = normalize_login(c.form["login"]);
    const std::string& password = c.form["password"];
    // A login longer than any real one counts under one key, so made-up logins cannot grow the table.
    const bool plausible_login = !login.empty() && static_cast<double>(login.size()) <= limits::login_bytes.hi;
    const std::string login_key = plausible_login ? login : std::string("(not a login)");
    const std::string by_address = "address " + c.req.remote_addr,
                      by_pair = "login " + login_key + " from " + c.req.remote_addr;
    // Each try is counted before the slow check (attempt); a right password clears the pair's and
    // the login's counts, and takes only itself off the address's (docs/security.md#sign-in).
    auto wait = std::max(throttle_.blocked_for(by_address), throttle_.blocked_for(by_pair));
    if (wait == 0) wait = pace_.attempt(login_key, c.req.remote_addr);
    if (wait == 0)
        wait = std::max(throttle_.attempt(by_address, LoginThrottle::max_address_failures), throttle_.attempt(by_pair));
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
    throttle_.forgive(by_address);
    throttle_.succeeded(by_pair);
    const auto next = safe_next(c.form["next"]);
    start_session(c, *user, next.empty() ? "/" : next);
}

void WebApp::start_session(Call& c, const User& user, const std::string& location) {
    pace_.succeeded(user.login, c.req.remote_addr);  // an address it signed in from tries as usual
    auto token = sessions_.open(user);
    c.res.set_header("Set-Cookie", cookie_name() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
                                       (options_.tls ? "; Secure" : ""));
    c.res.status = 303;
    c.res.set_header("Location", location);
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
    auto now = now_local().utc;
    const auto minute = std::chrono::floor<std::chrono::minutes>(now).time_since_epoch().count();
    std::lock_guard lock(status_mutex_);
    // A connection of its own: its data_version changes once per commit of any other connection,
    // ours or another process's. (generation_ is bumped by each thread's connection as it notices
    // a commit, up to once per thread for one write: a rebuild each, one after the other.)
    if (!status_store_) status_store_ = std::make_unique<Store>(options_.db);
    const auto version = status_store_->data_version();
    if (!status_ || status_version_ != version || status_minute_ != minute) {
        // Only the statuses stored since the last update are read (Store::update_statuses).
        status_store_->update_statuses(status_list_, now);
        auto snapshot = std::make_shared<StatusSnapshot>();
        snapshot->statuses = status_list_.statuses();
        snapshot->check_in_days = status_store_->thresholds().check_in_days;
        for (const auto& client : status_store_->list_clients(true)) snapshot->archived += client.archived;
        status_ = std::move(snapshot);
        status_version_ = version;
        status_minute_ = minute;
    }
    return status_;
}

const std::string& WebApp::StatusSnapshot::json() const {
    std::call_once(json_once_, [&] { json_ = records::statuses_json(statuses, true) + "\n"; });
    return json_;
}

actions::Actor WebApp::actor(const Call& c) { return actor_of(c.who->login); }

actions::Actor WebApp::actor_of(const std::string& login) { return {login + " (web)"}; }

std::variant<actions::Outcome, actions::Doubtful> WebApp::record(Call& c, const Client& client,
                                                                 actions::NewSession input, std::string_view key) {
    if (!key.empty()) input.request = c.who->login + "\n" + std::to_string(client.id) + "\n" + std::string(key);
    auto result = actions::record_session(store(), client, std::move(input), actor(c));
    if (std::holds_alternative<actions::Outcome>(result)) ++generation_;
    return result;
}

void WebApp::api_status(Call& c) {  // Access::therapist: the route's filter checked the role
    auto snapshot = status_snapshot();
    c.res.status = 200;
    c.res.set_content(snapshot->json(), "application/json; charset=utf-8");
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

namespace {

// The pinned baseline a back-dated complete session is earlier than ("2026-04-05T09:00:00+02:00"),
// or null: such a session is never compared with it (pinned_baseline_after).
Json earlier_than_baseline(const actions::Outcome& done) {
    if (!done.index) return nullptr;
    auto b = pinned_baseline_after(done.history, *done.index);
    return b ? Json(format_datetime(done.history.sessions[*b].recorded_at)) : Json(nullptr);
}

// A JSON value of a session field as the text apply_session_field reads; the skin flags also as an
// array (["redness", "warmth"] as well as "redness,warmth").
std::string field_text(const std::string& key, const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number() || v.is_boolean()) return v.dump();
    if (v.is_array() && key == "skin") {
        std::string joined;
        for (const auto& x : v)
            joined += (joined.empty() ? "" : ",") + (x.is_string() ? x.get<std::string>() : x.dump());
        return joined;
    }
    throw UserError(key, v.dump(), key + ": " + v.dump() + " is not a number or text");
}

bool confirm_value(const Json& value) {
    if (!value.is_boolean()) throw UserError("confirm", value.dump(), "confirm: expected true or false");
    return value.get<bool>();
}

// The API's JSON fields of a session's values into `s` (docs/web-api.md); null is "not given". The
// keys that are not values (recorded_at, protocol, confirm, reason) go to `other`, false for a key
// it does not take. UserError naming the key.
template <class Other>
void read_session_fields(const Json& body, const Client& client, const Protocol& protocol, Session& s, Other other) {
    for (const auto& [key, value] : body.items()) {
        if (value.is_null()) continue;
        if (key == "left")
            s.left_mm = side_values(value, client, Side::left, protocol);
        else if (key == "right")
            s.right_mm = side_values(value, client, Side::right, protocol);
        else if (!other(key, value) && !apply_session_field(s, key, field_text(key, value)))
            throw UserError(key, "", key + ": not a field of a session; docs/web-api.md lists them");
    }
}

// The protocol a body names ("protocol"), if it names one.
std::optional<std::string> protocol_named(const Json& body) {
    auto it = body.find("protocol");
    return it != body.end() && !it->is_null() ? std::optional(field_text("protocol", *it)) : std::nullopt;
}

// The API's JSON object as a new session.
actions::NewSession session_from_json(const Json& body, const Client& client, const Store& store) {
    actions::NewSession input;
    const auto protocol = actions::protocol_for_new_session(store, client, protocol_named(body));
    read_session_fields(body, client, protocol, input.values, [&](const std::string& key, const Json& value) {
        if (key == "recorded_at")
            input.at = parse_local_datetime(field_text(key, value), "recorded_at");
        else if (key == "protocol")
            input.protocol = field_text(key, value);
        else if (key == "confirm")
            input.confirm = confirm_value(value);
        else
            return false;
        return true;
    });
    return input;
}

// The API's JSON object as a correction of `old`: only the fields given change.
actions::Correction correction_from_json(const Json& body, const Client& client, Store& store, const Session& old) {
    actions::Correction c{old, old, {}, false};
    const auto protocol = store.get_protocol(protocol_named(body).value_or(old.protocol));
    read_session_fields(body, client, protocol, c.corrected, [&](const std::string& key, const Json& value) {
        if (key == "recorded_at")
            c.corrected.recorded_at = parse_local_datetime(field_text(key, value), "recorded_at");
        else if (key == "protocol")
            c.corrected.protocol = store.get_protocol(field_text(key, value)).name;
        else if (key == "confirm")
            c.confirm = confirm_value(value);
        else if (key == "reason")
            c.reason = field_text(key, value);
        else
            return false;
        return true;
    });
    return c;
}

// What a write left, as the API answers it: the session's figures (as in history) and the status.
Json outcome_body(const Client& client, const actions::Outcome& done) {
    return Json{{"client", client.name},
                {"session", done.index ? records::history_entry(done.history, *done.index) : Json(nullptr)},
                {"attention", to_number(done.status.attention)},
                {"reason", done.status.reason}};
}

// A 422's body for values that look like a mistake: the sentence, the first field, and every one.
Json implausible_body(const std::vector<Implausible>& found) {
    auto e = implausible_error(found, "send it again with \"confirm\": true");
    auto list = Json::array();
    for (const auto& f : found) list.push_back(Json{{"field", f.field}, {"message", f.message}});
    auto out = error_body(e.what(), e.field());
    out["implausible"] = list;
    return out;
}

// The request's body as one JSON object, or the answer that refuses it (400, 415). A session is an
// object of values and arrays of values; deeper nesting is refused while parsing: an error message
// dumps the value it names, and dump() recurses once per level, so a 1 MiB body of '[' inside a
// field would overflow a worker's stack and end the whole server.
std::optional<Json> json_object(const http::Request& req, http::Response& res) {
    if (!content_type_is(req, "application/json")) {
        json_reply(res, 415, error_body("send the session as JSON (Content-Type: application/json)"));
        return std::nullopt;
    }
    bool too_deep = false;
    auto body = Json::parse(
        req.body,
        [&too_deep](int depth, Json::parse_event_t, Json&) {
            if (depth > max_json_depth) too_deep = true;
            return !too_deep;
        },
        false);
    if (too_deep)
        json_reply(res, 400,
                   error_body("the JSON is nested more than " + std::to_string(max_json_depth) + " levels deep"));
    else if (body.is_discarded() || !body.is_object())
        json_reply(res, 400, error_body("the body is not a JSON object"));
    else
        return body;
    return std::nullopt;
}

}  // namespace

bool WebApp::may_change(const Call& c, const Session& s) {
    return c.who->role == Role::therapist || s.recorded_by == "self";
}

std::optional<Session> WebApp::session_to_change(Call& c, const Client& client) {
    // The segment after "sessions": /api/clients/{name}/sessions/{id}, /clients/{name}/sessions/{id}/edit.
    auto at = std::find(c.path.begin(), c.path.end(), "sessions");
    const std::string id_text = at != c.path.end() && at + 1 != c.path.end() ? *(at + 1) : "";
    std::optional<Session> s;
    if (auto id = record_id(id_text)) s = store().session_by_id(*id);
    auto refuse = [&](int status, const std::string& why) {
        if (c.api) return json_reply(c.res, status, error_body(why, "id"));
        c.res.status = status;
        c.res.set_content(why + "\n", "text/plain; charset=utf-8");
    };
    if (!s || s->client_id != client.id) {
        refuse(404, "no such session of " + client.name);
        return std::nullopt;
    }
    // A client corrects what she measured herself; what her therapist measured is the therapist's.
    if (!may_change(c, *s)) {
        refuse(403, "measured by " + s->recorded_by + ": only your therapist can change it");
        return std::nullopt;
    }
    return s;
}

void WebApp::api_edit_session(Call& c, const Client& client) {
    auto old = session_to_change(c, client);
    if (!old) return;
    auto body = json_object(c.req, c.res);
    if (!body) return;
    try {
        auto result = correct(c, client, correction_from_json(*body, client, store(), *old));
        if (const auto* doubtful = std::get_if<actions::Doubtful>(&result))
            return json_reply(c.res, 422, implausible_body(doubtful->found));
        json_reply(c.res, 200, outcome_body(client, std::get<actions::Corrected>(result).after));
    } catch (const UserError& e) {
        json_reply(c.res, 422, error_body(error_text(e, client.limb), e.field()));
    }
}

void WebApp::api_delete_session(Call& c, const Client& client) {
    auto old = session_to_change(c, client);
    if (!old) return;
    auto body = json_object(c.req, c.res);
    if (!body) return;
    try {
        const auto reason = body->contains("reason") ? field_text("reason", (*body)["reason"]) : std::string();
        auto answer = outcome_body(client, actions::delete_session(store(), client, *old, reason, actor(c)));
        ++generation_;
        answer.erase("session");
        answer["deleted"] = old->id;
        json_reply(c.res, 200, answer);
    } catch (const UserError& e) {
        json_reply(c.res, 422, error_body(error_text(e, client.limb), e.field()));
    }
}

std::variant<actions::Corrected, actions::Doubtful> WebApp::correct(Call& c, const Client& client,
                                                                    actions::Correction input) {
    auto result = actions::correct_session(store(), client, std::move(input), actor(c));
    if (std::holds_alternative<actions::Corrected>(result)) ++generation_;
    return result;
}

void WebApp::api_add_session(Call& c, const Client& client) {
    // A retry with the same Idempotency-Key (same login, same client) stores nothing and gets the
    // first answer again (docs/web-api.md).
    const auto key = c.req.get_header_value("Idempotency-Key");
    if (c.req.has_header("Idempotency-Key") &&
        (key.empty() || key.size() > 200 ||
         !std::all_of(key.begin(), key.end(), [](char ch) { return ch > 0x20 && ch < 0x7f; })))
        return json_reply(
            c.res, 400, error_body("Idempotency-Key: 1-200 visible ASCII characters, e.g. a UUID", "Idempotency-Key"));
    auto body = json_object(c.req, c.res);
    if (!body) return;
    try {
        auto result = record(c, client, session_from_json(*body, client, store()), key);
        if (const auto* doubtful = std::get_if<actions::Doubtful>(&result))
            return json_reply(c.res, 422, implausible_body(doubtful->found));
        const auto& done = std::get<actions::Outcome>(result);
        if (done.repeated) c.res.set_header("Idempotent-Replayed", "true");
        c.res.set_header("Location", "/api/clients/" + percent_encode(client.name) + "/history");
        auto answer = outcome_body(client, done);
        answer["earlier_than_baseline"] = earlier_than_baseline(done);
        json_reply(c.res, 201, answer);
    } catch (const UserError& e) {
        json_reply(c.res, 422, error_body(error_text(e, client.limb), e.field()));
    }
}

}  // namespace swelltrack::web
