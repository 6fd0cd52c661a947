// Logins and roles for the web face (swelltrack/account.h).
#include "swelltrack/account.h"

#include "swelltrack/client.h"
#include "swelltrack/limits.h"

namespace swelltrack {

namespace {
constexpr detail::EnumName<Role> role_names[] = {{Role::therapist, "therapist"}, {Role::client, "client"}};
}  // namespace

detail::EnumTable<Role> enum_table(Role) { return {"role", role_names}; }

std::string normalize_login(std::string_view login) { return normalize_name(login); }

void validate_login(std::string_view login) {
    if (login.empty())
        throw UserError("login", "", "login: a login is needed (" + range_text(limits::login_bytes) + ", one word)");
    check_text(limits::login_bytes, login, true);
    for (char c : login)
        if (c == ' ' || c == '/')
            throw UserError("login", std::string(login),
                            "login: '" + std::string(login) + "' has a " + (c == ' ' ? "space" : "'/'") +
                                "; a login is one word (letters, digits, '.', '-', '_', '@')");
}

void validate_password(std::string_view password) {
    if (!within(limits::password_bytes, static_cast<double>(password.size())))
        throw UserError("password", "(not shown)",
                        "password: " + std::to_string(password.size()) + " bytes is outside the allowed range " +
                            range_text(limits::password_bytes));
}

void validate_user(const User& user) {
    validate_login(user.login);
    if (user.role == Role::client && !user.client_id)
        throw UserError("client", "", "client: a client's login needs the client it may see")
            .with_remedy(Remedy::link_client);
    if (user.role == Role::therapist && user.client_id)
        throw UserError("client", user.client_name, "client: a therapist's login sees every client")
            .with_remedy(Remedy::unlink_client);
}

}  // namespace swelltrack
