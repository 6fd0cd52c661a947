// Web logins, invitations, report links and calendar feed tokens (store.h): what `swelltrack user`
// and `serve` keep.
#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include "store_impl.h"
#include "swelltrack/error.h"
#include "swelltrack/records.h"

namespace swelltrack {

namespace {

constexpr const char* user_columns =
    "SELECT u.login, u.role, u.client_id, COALESCE(c.name, ''), u.password_hash FROM users u "
    "LEFT JOIN clients c ON c.id = u.client_id ";

User read_user(SQLite::Statement& q) {
    User u;
    u.login = q.getColumn(0).getString();
    u.role = parse_enum<Role>(q.getColumn(1).getString(), "role");
    if (!q.isColumnNull(2)) u.client_id = q.getColumn(2).getInt64();
    u.client_name = q.getColumn(3).getString();
    u.password_hash = q.getColumn(4).getString();
    return u;
}

std::optional<User> user_by_login(SQLite::Database& db, std::string_view login) {
    SQLite::Statement q(db, std::string(user_columns) + "WHERE u.login = ?");
    q.bind(1, normalize_login(login));
    if (q.executeStep()) return read_user(q);
    return std::nullopt;
}

UserError no_such_login(std::string_view login) {
    return UserError("login", std::string(login), "login: there is no login '" + std::string(login) + "'")
        .with_remedy(Remedy::list_logins);
}

}  // namespace

namespace {

UserError login_in_use(const std::string& login) {
    return UserError("login", login, "login: '" + login + "' is in use; choose another");
}

// The client a login or an invitation is for (its name set in `client_name`); none for a therapist.
std::optional<Client> linked_client(Store::Impl& impl, const std::optional<std::int64_t>& id,
                                    std::string& client_name) {
    if (!id) return std::nullopt;
    auto client = impl.client_by_id(*id);
    if (!client) throw UserError("client", std::to_string(*id), "client: no client with id " + std::to_string(*id));
    client_name = client->name;
    return client;
}

// Inserts a validated login, audited ("user.add"); within the caller's transaction.
void insert_user(Store::Impl& impl, User& u) {
    if (user_by_login(impl.db, u.login)) throw login_in_use(u.login);
    auto client = linked_client(impl, u.client_id, u.client_name);
    SQLite::Statement q(impl.db,
                        "INSERT INTO users (login, role, client_id, password_hash, created_at_utc) "
                        "VALUES (?, ?, ?, ?, ?)");
    q.bind(1, u.login);
    q.bind(2, std::string(to_string(u.role)));
    if (u.client_id)
        q.bind(3, *u.client_id);
    else
        q.bind(3);
    q.bind(4, u.password_hash);
    q.bind(5, static_cast<std::int64_t>(now_local().utc.time_since_epoch().count()));
    q.exec();
    impl.audit("user.add", client ? &*client : nullptr, u.login, {}, records::user(u).dump(), {});
}

}  // namespace

void Store::add_user(const User& given) {
    User u = given;
    u.login = normalize_login(u.login);
    validate_user(u);
    impl_->guard([&] {
        auto t = impl_->begin_write();
        insert_user(*impl_, u);
        t.commit();
    });
}

std::optional<User> Store::find_user(std::string_view login) const {
    return impl_->guard([&] { return user_by_login(impl_->db, login); });
}

std::vector<User> Store::list_users() const {
    return impl_->guard([&] {
        SQLite::Statement q(impl_->db, std::string(user_columns) + "ORDER BY u.login");
        std::vector<User> out;
        while (q.executeStep()) out.push_back(read_user(q));
        return out;
    });
}

namespace {
// A client login's password changed or the login removed: the calendar address made for her stops
// working too (a phone that was hers may be someone else's now). Within the caller's transaction.
void revoke_calendar_feed(Store::Impl& impl, const std::optional<Client>& client) {
    if (!client) return;
    SQLite::Statement q(impl.db, "DELETE FROM calendar_feeds WHERE client_id = ?");
    q.bind(1, client->id);
    if (q.exec() > 0) impl.audit("calendar.revoke", &*client, {}, {}, {}, {});
}
}  // namespace

void Store::set_password_hash(std::string_view login, const std::string& hash) {
    impl_->guard([&] {
        auto t = impl_->begin_write();
        auto u = user_by_login(impl_->db, login);
        if (!u) throw no_such_login(login);
        SQLite::Statement q(impl_->db, "UPDATE users SET password_hash = ? WHERE login = ?");
        q.bind(1, hash);
        q.bind(2, u->login);
        q.exec();
        auto client = u->client_id ? impl_->client_by_id(*u->client_id) : std::nullopt;
        impl_->audit("user.passwd", client ? &*client : nullptr, u->login, {}, {}, {});
        revoke_calendar_feed(*impl_, client);
        t.commit();
    });
}

void Store::remove_user(std::string_view login) {
    impl_->guard([&] {
        auto t = impl_->begin_write();
        auto u = user_by_login(impl_->db, login);
        if (!u) throw no_such_login(login);
        SQLite::Statement q(impl_->db, "DELETE FROM users WHERE login = ?");
        q.bind(1, u->login);
        q.exec();
        auto client = u->client_id ? impl_->client_by_id(*u->client_id) : std::nullopt;
        impl_->audit("user.remove", client ? &*client : nullptr, u->login, records::user(*u).dump(), {}, {});
        revoke_calendar_feed(*impl_, client);
        t.commit();
    });
}

// ---- Invitations ----------------------------------------------------------------------------

namespace {

constexpr const char* invitation_columns =
    "SELECT i.id, i.login, i.role, i.client_id, COALESCE(c.name, ''), i.created_at_utc, i.expires_at_utc, "
    "i.used_at_utc, i.created_by FROM invitations i LEFT JOIN clients c ON c.id = i.client_id ";

DateTime local_at(std::int64_t utc_seconds) {
    const date::sys_seconds at{std::chrono::seconds(utc_seconds)};
    return DateTime{at, local_utc_offset(at)};
}

std::int64_t seconds_of(const DateTime& t) { return static_cast<std::int64_t>(t.utc.time_since_epoch().count()); }

struct FoundInvitation {
    std::int64_t id = 0;
    Invitation invitation;
};

std::optional<FoundInvitation> invitation_where(SQLite::Database& db, const std::string& where,
                                                const std::string& value) {
    SQLite::Statement q(db, std::string(invitation_columns) + where);
    q.bind(1, value);
    if (!q.executeStep()) return std::nullopt;
    FoundInvitation f;
    f.id = q.getColumn(0).getInt64();
    auto& i = f.invitation;
    i.login = q.getColumn(1).getString();
    i.role = parse_enum<Role>(q.getColumn(2).getString(), "role");
    if (!q.isColumnNull(3)) i.client_id = q.getColumn(3).getInt64();
    i.client_name = q.getColumn(4).getString();
    i.created_at = local_at(q.getColumn(5).getInt64());
    i.expires_at = local_at(q.getColumn(6).getInt64());
    if (!q.isColumnNull(7)) i.used_at = local_at(q.getColumn(7).getInt64());
    i.created_by = q.getColumn(8).getString();
    return f;
}

// Withdraws the open invitation for `login`, audited; within the caller's transaction.
bool withdraw_open(Store::Impl& impl, const std::string& login) {
    auto open = invitation_where(impl.db, "WHERE i.login = ? AND i.used_at_utc IS NULL", login);
    if (!open) return false;
    SQLite::Statement q(impl.db, "DELETE FROM invitations WHERE id = ?");
    q.bind(1, open->id);
    q.exec();
    auto client = open->invitation.client_id ? impl.client_by_id(*open->invitation.client_id) : std::nullopt;
    impl.audit("user.invite.revoke", client ? &*client : nullptr, login, {}, {}, {});
    return true;
}

}  // namespace

void Store::add_invitation(const Invitation& given, const std::string& token_sha256) {
    Invitation inv = given;
    inv.login = normalize_login(inv.login);
    validate_user(User{inv.login, inv.role, inv.client_id, inv.client_name, {}});
    impl_->guard([&] {
        auto t = impl_->begin_write();
        if (user_by_login(impl_->db, inv.login)) throw login_in_use(inv.login);
        auto client = linked_client(*impl_, inv.client_id, inv.client_name);
        withdraw_open(*impl_, inv.login);
        inv.created_by = impl_->actor;
        SQLite::Statement q(impl_->db,
                            "INSERT INTO invitations (token_sha256, login, role, client_id, created_at_utc, "
                            "expires_at_utc, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, token_sha256);
        q.bind(2, inv.login);
        q.bind(3, std::string(to_string(inv.role)));
        if (inv.client_id)
            q.bind(4, *inv.client_id);
        else
            q.bind(4);
        q.bind(5, seconds_of(inv.created_at));
        q.bind(6, seconds_of(inv.expires_at));
        q.bind(7, inv.created_by);
        q.exec();
        impl_->audit("user.invite", client ? &*client : nullptr, inv.login, {}, records::invitation(inv).dump(), {});
        t.commit();
    });
}

std::optional<Invitation> Store::find_invitation(const std::string& token_sha256) const {
    return impl_->guard([&]() -> std::optional<Invitation> {
        auto found = invitation_where(impl_->db, "WHERE i.token_sha256 = ?", token_sha256);
        if (!found) return std::nullopt;
        return found->invitation;
    });
}

User Store::accept_invitation(const std::string& token_sha256, const std::string& password_hash,
                              date::sys_seconds now) {
    return impl_->guard([&] {
        auto t = impl_->begin_write();
        auto found = invitation_where(impl_->db, "WHERE i.token_sha256 = ?", token_sha256);
        check_invitation_open(found ? std::optional(found->invitation) : std::nullopt, now);
        const auto& inv = found->invitation;
        User u{inv.login, inv.role, inv.client_id, inv.client_name, password_hash};
        insert_user(*impl_, u);
        SQLite::Statement q(impl_->db, "UPDATE invitations SET used_at_utc = ? WHERE id = ? AND used_at_utc IS NULL");
        q.bind(1, static_cast<std::int64_t>(now.time_since_epoch().count()));
        q.bind(2, found->id);
        if (q.exec() != 1) throw std::runtime_error("an invitation was used twice at once");
        auto client = inv.client_id ? impl_->client_by_id(*inv.client_id) : std::nullopt;
        impl_->audit("user.invite.use", client ? &*client : nullptr, inv.login, {}, {}, {});
        t.commit();
        return u;
    });
}

bool Store::revoke_invitation(std::string_view login) {
    return impl_->guard([&] {
        auto t = impl_->begin_write();
        const bool done = withdraw_open(*impl_, normalize_login(login));
        t.commit();
        return done;
    });
}

// ---- Report links ----------------------------------------------------------------------------

namespace {

constexpr const char* report_link_columns =
    "SELECT l.id, l.client_id, c.name, l.label, l.created_at_utc, l.expires_at_utc, l.revoked_at_utc, "
    "l.created_by FROM report_links l JOIN clients c ON c.id = l.client_id ";

ReportLink report_link_row(SQLite::Statement& q) {
    ReportLink l;
    l.id = q.getColumn(0).getInt64();
    l.client_id = q.getColumn(1).getInt64();
    l.client_name = q.getColumn(2).getString();
    l.label = q.getColumn(3).getString();
    l.created_at = local_at(q.getColumn(4).getInt64());
    l.expires_at = local_at(q.getColumn(5).getInt64());
    if (!q.isColumnNull(6)) l.revoked_at = local_at(q.getColumn(6).getInt64());
    l.created_by = q.getColumn(7).getString();
    return l;
}

}  // namespace

ReportLink Store::add_report_link(const ReportLink& given, const std::string& token_sha256) {
    validate_share_label(given.label);
    return impl_->guard([&] {
        auto t = impl_->begin_write();
        ReportLink l = given;
        auto client = impl_->client_by_id(l.client_id);
        if (!client)
            throw UserError("client", std::to_string(l.client_id),
                            "client: no client with id " + std::to_string(l.client_id));
        l.client_name = client->name;
        l.created_by = impl_->actor;
        l.revoked_at.reset();
        SQLite::Statement q(impl_->db,
                            "INSERT INTO report_links (client_id, token_sha256, label, created_at_utc, expires_at_utc, "
                            "created_by) VALUES (?, ?, ?, ?, ?, ?)");
        q.bind(1, l.client_id);
        q.bind(2, token_sha256);
        q.bind(3, l.label);
        q.bind(4, seconds_of(l.created_at));
        q.bind(5, seconds_of(l.expires_at));
        q.bind(6, l.created_by);
        q.exec();
        l.id = impl_->db.getLastInsertRowid();
        impl_->audit("share.make", &*client, l.label, {}, records::report_link(l).dump(), {});
        t.commit();
        return l;
    });
}

std::vector<ReportLink> Store::report_links(std::int64_t client_id) const {
    return impl_->guard([&] {
        SQLite::Statement q(impl_->db, std::string(report_link_columns) + "WHERE l.client_id = ? ORDER BY l.id DESC");
        q.bind(1, client_id);
        std::vector<ReportLink> out;
        while (q.executeStep()) out.push_back(report_link_row(q));
        return out;
    });
}

std::optional<ReportLink> Store::open_report_link(const std::string& token_sha256, date::sys_seconds now,
                                                  std::string_view what) {
    return impl_->guard([&]() -> std::optional<ReportLink> {
        auto t = impl_->begin_write();
        SQLite::Statement q(impl_->db, std::string(report_link_columns) + "WHERE l.token_sha256 = ?");
        q.bind(1, token_sha256);
        if (!q.executeStep()) return std::nullopt;
        auto link = report_link_row(q);
        q.reset();
        if (!link.open_at(now)) return std::nullopt;  // expired or revoked: as unknown
        auto client = impl_->client_by_id(link.client_id);
        auto entry = records::report_link(link);
        entry.erase("expires_at");
        entry["opened"] = std::string(what);
        impl_->audit("share.open", client ? &*client : nullptr, link.label, {}, entry.dump(), {});
        t.commit();
        return link;
    });
}

bool Store::revoke_report_link(std::int64_t client_id, std::int64_t id, date::sys_seconds now) {
    return impl_->guard([&] {
        auto t = impl_->begin_write();
        SQLite::Statement q(impl_->db, std::string(report_link_columns) + "WHERE l.id = ? AND l.client_id = ?");
        q.bind(1, id);
        q.bind(2, client_id);
        if (!q.executeStep()) return false;
        auto link = report_link_row(q);
        q.reset();
        if (!link.open_at(now)) return false;
        SQLite::Statement u(impl_->db, "UPDATE report_links SET revoked_at_utc = ? WHERE id = ?");
        u.bind(1, static_cast<std::int64_t>(now.time_since_epoch().count()));
        u.bind(2, id);
        u.exec();
        auto client = impl_->client_by_id(client_id);
        impl_->audit("share.revoke", client ? &*client : nullptr, link.label, {}, records::report_link(link).dump(),
                     {});
        t.commit();
        return true;
    });
}

std::optional<std::string> Store::calendar_token(std::int64_t client_id) const {
    return impl_->guard([&]() -> std::optional<std::string> {
        SQLite::Statement q(impl_->db, "SELECT token FROM calendar_feeds WHERE client_id = ?");
        q.bind(1, client_id);
        if (q.executeStep()) return q.getColumn(0).getString();
        return std::nullopt;
    });
}

void Store::set_calendar_token(std::int64_t client_id, const std::optional<std::string>& token) {
    impl_->guard([&] {
        auto t = impl_->begin_write();
        auto client = impl_->client_by_id(client_id);
        if (!client)
            throw UserError("client", std::to_string(client_id),
                            "client: no client with id " + std::to_string(client_id));
        if (token) {
            SQLite::Statement q(impl_->db,
                                "INSERT INTO calendar_feeds (client_id, token, created_at_utc) VALUES (?, ?, ?) "
                                "ON CONFLICT (client_id) DO UPDATE SET token = excluded.token, "
                                "created_at_utc = excluded.created_at_utc");
            q.bind(1, client_id);
            q.bind(2, *token);
            q.bind(3, static_cast<std::int64_t>(now_local().utc.time_since_epoch().count()));
            q.exec();
        } else {
            SQLite::Statement q(impl_->db, "DELETE FROM calendar_feeds WHERE client_id = ?");
            q.bind(1, client_id);
            q.exec();
        }
        impl_->audit(token ? "calendar.token" : "calendar.revoke", &*client, {}, {}, {}, {});
        t.commit();
    });
}

std::optional<Client> Store::client_by_calendar_token(std::string_view token) const {
    return impl_->guard([&]() -> std::optional<Client> {
        SQLite::Statement q(impl_->db, "SELECT client_id FROM calendar_feeds WHERE token = ?");
        q.bind(1, std::string(token));
        if (!q.executeStep()) return std::nullopt;
        return impl_->client_by_id(q.getColumn(0).getInt64());
    });
}

}  // namespace swelltrack
