// user: the logins of the web face (swelltrack serve): add, list, passwd, remove.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "../format.h"
#include "../web_module.h"
#include "commands.h"
#include "swelltrack/account.h"
#include "swelltrack/actions.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/records.h"

namespace swelltrack::cli {
namespace {

struct UserOptions {
    std::string login, role, client, format = "table";
    std::string expires;  // empty: limits::invite_default_hours
    bool withdraw = false;
};

/// Standard input's echo off while a password is typed, back on however this ends.
class NoEcho {
   public:
    NoEcho() : on_(::tcgetattr(STDIN_FILENO, &saved_) == 0) {
        if (!on_) return;
        termios quiet = saved_;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~NoEcho() {
        if (on_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

   private:
    termios saved_{};
    bool on_;
};

std::string read_line_quietly(const std::string& prompt) {
    std::cerr << prompt << std::flush;
    std::string line;
    bool ok;
    {
        NoEcho quiet;
        ok = static_cast<bool>(std::getline(std::cin, line));
    }
    std::cerr << "\n";
    if (!ok) throw Cancelled{};
    return line;
}

/// In a terminal: asked twice without echo. Otherwise: the first line of standard input (scripts,
/// tests), so a password never appears on a command line or in the shell's history.
std::string new_password(const std::string& login) {
    std::string password;
    if (stdin_is_terminal()) {
        password = read_line_quietly("New password for " + login + " (8 or more characters): ");
        if (read_line_quietly("Again: ") != password)
            throw UserError("password", "(not shown)", "password: the two entries differ; nothing was changed");
    } else if (!std::getline(std::cin, password)) {
        throw UserError("password", "",
                        "password: none given; type it when asked, or give it as the first line of standard input");
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    validate_password(password);
    return web_module().hash_password(password);  // Argon2id, in the web face
}

void run_add(Context& ctx, const UserOptions& o) {
    User u;
    u.login = normalize_login(o.login);
    validate_login(u.login);
    u.role = parse_enum<Role>(o.role, "--role");
    auto& store = ctx.store_creating();
    if (!o.client.empty()) {
        auto client = store.get_client(o.client);
        u.client_id = client.id;
        u.client_name = client.name;
    }
    validate_user(u);
    if (store.find_user(u.login))
        throw UserError("login", u.login, "login: '" + u.login + "' is in use; choose another");
    u.password_hash = new_password(u.login);
    store.add_user(u);
    ctx.out << "added " << to_string(u.role) << " login " << u.login
            << (u.client_id ? " for " + u.client_name : std::string()) << "\n";
}

// An invitation: the one-time path to give her (the token exists only in it), or --withdraw.
void run_invite(Context& ctx, const UserOptions& o) {
    if (o.withdraw) {
        const bool done = ctx.store().revoke_invitation(o.login);
        ctx.out << (done ? "withdrew the invitation for " : "no open invitation for ") << normalize_login(o.login)
                << "\n";
        return;
    }
    actions::NewInvitation in;
    in.login = o.login;
    if (!o.role.empty()) in.role = parse_enum<Role>(o.role, "--role");  // else a client login
    if (!o.expires.empty()) in.valid_for = parse_invite_expiry(o.expires, "--expires");
    auto& store = ctx.store();
    if (!o.client.empty()) in.client = store.get_client(o.client);
    const auto& m = web_module();
    const actions::Secrets secrets{m.random_token, m.token_hash, m.hash_password};
    auto made = actions::invite(store, in, secrets, {store.actor()});
    const auto& inv = made.invitation;
    ctx.out << "/invite/" << made.token << "\n"
            << "The " << to_string(inv.role) << " login " << inv.login
            << (inv.client_id ? " for " + inv.client_name : std::string())
            << " is made when this path, after the server's address, is opened and a password set. It works once, "
               "until "
            << display::minute(inv.expires_at) << "; it is not shown again.\n";
}

void run_list(Context& ctx, const UserOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto users = ctx.store().list_users();
    if (format == Format::json) {
        auto out = records::Json::array();
        for (const auto& u : users) out.push_back(records::user(u));
        ctx.out << out.dump(2) << "\n";
        return;
    }
    if (users.empty()) {
        ctx.out << "No logins yet. Add one: swelltrack user add LOGIN --role therapist\n";
        return;
    }
    Table t({"login", "role", "client"}, {false, false, false});
    for (const auto& u : users) t.add({u.login, std::string(to_string(u.role)), u.client_name});
    ctx.out << t.str();
}

void run_passwd(Context& ctx, const UserOptions& o) {
    auto& store = ctx.store();
    auto user = store.find_user(o.login);
    if (!user)
        throw UserError("login", o.login,
                        "login: there is no login '" + o.login + "'; 'swelltrack user list' lists them");
    store.set_password_hash(user->login, new_password(user->login));
    ctx.out << "changed the password of " << user->login << " (its open sessions end)\n";
}

void run_remove(Context& ctx, const UserOptions& o) {
    ctx.store().remove_user(o.login);
    ctx.out << "removed login " << normalize_login(o.login) << " (its open sessions end)\n";
}

}  // namespace

void setup_user(CLI::App& app, Context& ctx) {
    auto* group =
        add_group(app, "user", "Logins for the web pages (swelltrack serve): add, invite, list, passwd, remove");
    auto [add, a] = add_command(*group, ctx, run_add, "add",
                                "Add a login; the password is asked (or read from the first line of standard input)");
    add->add_option("login", a->login, "The login: one word, up to 64 bytes")->required();
    add->add_option("--role", a->role, "therapist (every client) or client (one client's own data)")->required();
    add->add_option("--client", a->client, "For --role client: the client this login sees");
    auto [invite, i] = add_command(*group, ctx, run_invite, "invite",
                                   "A one-time link (/invite/TOKEN) with which she sets her own password");
    invite->add_option("login", i->login, "The login to make: one word, up to 64 bytes")->required();
    invite->add_option("--client", i->client, "The client this login sees (for --role client, the default)");
    invite->add_option("--role", i->role, "client (default: one client's own data) or therapist (every client)");
    invite->add_option("--expires", i->expires,
                       "How long the link works: 12h, 7d, 2w (default " +
                           std::to_string(limits::invite_default_hours / 24) + "d); " +
                           range_text(limits::invite_hours));
    invite->add_flag("--withdraw", i->withdraw, "Withdraw the open invitation for this login instead");
    auto [list, l] = add_command(*group, ctx, run_list, "list", "Every login with its role and client");
    list->add_option("--format", l->format, "table (default) or json");
    auto [passwd, p] = add_command(*group, ctx, run_passwd, "passwd", "Change a login's password");
    passwd->add_option("login", p->login, "The login")->required();
    auto [remove, r] = add_command(*group, ctx, run_remove, "remove", "Remove a login");
    remove->add_option("login", r->login, "The login")->required();
}

}  // namespace swelltrack::cli
