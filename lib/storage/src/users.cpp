// Web logins and calendar feed tokens (store.h): what `swelltrack user` and `serve` keep.
#include <SQLiteCpp/SQLiteCpp.h>

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

void Store::add_user(const User& given) {
    User u = given;
    u.login = normalize_login(u.login);
    validate_user(u);
    impl_->guard([&] {
        auto t = impl_->begin_write();
        if (user_by_login(impl_->db, u.login))
            throw UserError("login", u.login, "login: '" + u.login + "' is in use; choose another");
        std::optional<Client> client;
        if (u.client_id) {
            client = impl_->client_by_id(*u.client_id);
            if (!client)
                throw UserError("client", std::to_string(*u.client_id),
                                "client: no client with id " + std::to_string(*u.client_id));
            u.client_name = client->name;
        }
        SQLite::Statement q(impl_->db,
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
        impl_->audit("user.add", client ? &*client : nullptr, u.login, {}, records::user(u).dump(), {});
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
