// Logins and roles for the web face (swelltrack/account.h).
#include "swelltrack/account.h"

#include "swelltrack/client.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
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

void check_invitation_open(const std::optional<Invitation>& found, date::sys_seconds now) {
    if (!found)
        throw UserError("invitation", "(not shown)",
                        "invitation: this link is not a known invitation; ask for a new one");
    if (found->used_at)
        throw UserError("invitation", found->login,
                        "invitation: the link for login " + found->login + " was used on " +
                            display::minute(*found->used_at) + "; it works once");
    if (now >= found->expires_at.utc)
        throw UserError("invitation", found->login,
                        "invitation: the link for login " + found->login + " expired on " +
                            display::minute(found->expires_at) + "; ask for a new one");
}

std::chrono::hours parse_invite_expiry(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    int factor = 24;  // a bare number is days, as a schedule's
    if (!t.empty() && (t.back() == 'h' || t.back() == 'd' || t.back() == 'w')) {
        factor = t.back() == 'h' ? 1 : t.back() == 'd' ? 24 : 7 * 24;
        t.pop_back();
    }
    const bool digits = !t.empty() && t.size() <= 6 && t.find_first_not_of("0123456789") == std::string::npos;
    if (!digits)
        throw UserError(std::string(field), std::string(text),
                        std::string(field) + ": '" + std::string(text) +
                            "' is not a duration; give hours (12h), days (7d) or weeks (2w), " +
                            range_text(limits::invite_hours));
    const int n = std::stoi(t);
    check(limits::invite_hours, static_cast<double>(n) * factor, field);
    return std::chrono::hours(n * factor);
}

void validate_share_label(std::string_view label) { check_text(limits::share_label_bytes, label, true); }

}  // namespace swelltrack
