// Invitations on the web (web_app.h, docs/security.md#invitations): the therapist's "Give her a
// login" form on a client's page, the one-time link it shows once, and the public page where the
// holder of the link sets her password and is signed in.
#include "pages.h"
#include "remedy.h"
#include "request.h"
#include "swelltrack/actions.h"
#include "swelltrack/display.h"
#include "web_app.h"

namespace swelltrack::web {

namespace {

constexpr const char* text_plain = "text/plain; charset=utf-8";

std::string invite_path(std::string_view token) { return "/invite/" + percent_encode(token); }

/// A dead link, whatever the reason (never known, used, expired): one sentence, the same for all.
void link_gone(WebApp::Call& c) {
    c.res.status = 404;
    c.res.set_content("This link does not work. Ask your therapist for a new one.\n", text_plain);
}

}  // namespace

actions::Secrets secrets() { return {random_token, token_hash, hash_password}; }

// On a client's page, for her therapist: her logins, and a form that makes a one-time link.
void WebApp::login_part(Html& b, Call& c, const Client& client) {
    std::string logins;
    for (const auto& u : store().list_users())
        if (u.client_id == client.id) logins += (logins.empty() ? "" : ", ") + u.login;
    b.el("h2", {{"id", "login-h"}}, "Give " + client.name + " a login");
    b.el("p", {{"class", "muted"}},
         (logins.empty() ? client.name + " has no login yet. " : "Logins of " + client.name + ": " + logins + ". ") +
             "A one-time link lets the client set a password of their own; it works once, for " +
             std::to_string(limits::invite_default_hours / 24) + " days.");
    b.open("form", {{"method", "post"}, {"action", client_path(client.name, "invite")}, {"class", "invite"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
        .open("div", {{"class", "field"}})
        .el("label", {{"for", "invite-login"}}, "Login")
        .leaf("input", {{"id", "invite-login"},
                        {"name", "login"},
                        {"type", "text"},
                        {"autocomplete", "off"},
                        {"autocapitalize", "none"},
                        {"spellcheck", "false"},
                        {"required", "required"}})
        .close("div")
        .el("button", {{"type", "submit"}}, "Make a one-time link")
        .close("form");
}

void WebApp::invite_make(Call& c, const Client& client) {
    actions::NewInvitation in;
    in.login = c.form.count("login") ? c.form.at("login") : std::string();
    in.client = client;
    Html b;
    try {
        auto made = actions::invite(store(), in, secrets(), actor(c));
        const auto url = origin(c) + invite_path(made.token);
        b.el("h1", "A login for " + client.name)
            .el("p",
                "Give her this link, in person or in a message only she reads. With it she sets her own "
                "password for the login " +
                    made.invitation.login + ".")
            .open("div", {{"class", "field"}})
            .el("label", {{"for", "invite-url"}}, "One-time link")
            .leaf("input", {{"id", "invite-url"}, {"type", "text"}, {"readonly", "readonly"}, {"value", url}})
            .close("div")
            .open("p", {{"class", "actions"}})
            .el("button",
                {{"type", "button"}, {"class", "secondary"}, {"data-copy", "invite-url"}, {"hidden", "hidden"}},
                "Copy the link")
            .close("p")
            .el("p", {{"class", "muted"}},
                "It works once, until " + display::minute(made.invitation.expires_at) +
                    ". It is not shown again: a lost link is replaced by making a new one.")
            .el("a", {{"href", client_path(client.name, "")}}, "Back to " + client.name);
        return reply_page(c, 200, "A login for " + client.name, b);
    } catch (const UserError& e) {
        b.el("h1", "A login for " + client.name)
            .el("p", {{"class", "message error"}, {"role", "alert"}}, error_text(e, client.limb))
            .el("a", {{"href", client_path(client.name, "") + "#login-h"}}, "Back to " + client.name);
        return reply_page(c, 422, "A login for " + client.name, b);
    }
}

bool WebApp::too_many_tries(Call& c, const std::string& key) {
    const auto wait = throttle_.attempt(key, LoginThrottle::max_address_failures);
    if (wait <= 0) return false;
    c.res.status = 429;
    c.res.set_header("Retry-After", std::to_string(wait));
    c.res.set_content("Too many tries. Try again in " + std::to_string((wait + 59) / 60) + " minute(s).\n", text_plain);
    return true;
}

std::optional<Invitation> WebApp::invitation_for(Call& c, const std::string& token) {
    // Tries count as a sign-in's do (LoginThrottle), under a key of their own: a dead link
    // followed 20 times blocks this page for the address, never the sign-in.
    const std::string key = "invite from " + c.req.remote_addr;
    if (too_many_tries(c, key)) return std::nullopt;
    try {
        auto inv = actions::open_invitation(store(), token, secrets());
        throttle_.forgive(key);
        return inv;
    } catch (const UserError&) {
        link_gone(c);
        return std::nullopt;
    }
}

void WebApp::invite_form(Call& c, int status, const std::string& token, const Invitation& inv,
                         const std::string& error) {
    Html b;
    b.open("div", {{"class", "login"}}).el("h1", "Set your password");
    if (!error.empty()) b.el("p", {{"class", "message error"}, {"role", "alert"}}, error);
    b.el("p", "Choose a password for your login; then you are signed in. " + range_text(limits::password_bytes) +
                  "; a few words in a row make a good one.")
        .open("form", {{"method", "post"}, {"action", invite_path(token)}})
        .el("label", {{"for", "login"}}, "Login")
        .leaf("input", {{"id", "login"},
                        {"name", "login"},
                        {"type", "text"},
                        {"value", inv.login},
                        {"readonly", "readonly"},
                        {"autocomplete", "username"}})
        .el("label", {{"for", "password"}}, "Password")
        .leaf("input", {{"id", "password"},
                        {"name", "password"},
                        {"type", "password"},
                        {"autocomplete", "new-password"},
                        {"required", "required"}})
        .el("label", {{"for", "password2"}}, "The same password again")
        .leaf("input", {{"id", "password2"},
                        {"name", "password2"},
                        {"type", "password"},
                        {"autocomplete", "new-password"},
                        {"required", "required"}})
        .open("p")
        .el("button", {{"type", "submit"}}, "Set the password and sign in")
        .close("p")
        .close("form")
        .close("div");
    reply_page(c, status, "Set your password", b);
}

void WebApp::page_invite(Call& c, const std::string& token) {
    if (auto inv = invitation_for(c, token)) invite_form(c, 200, token, *inv, "");
}

void WebApp::invite_accept(Call& c, const std::string& token) {
    auto inv = invitation_for(c, token);
    if (!inv) return;
    const std::string& password = c.form["password"];
    if (password != c.form["password2"])
        return invite_form(c, 422, token, *inv, "Password: the two entries differ; type the same password twice.");
    std::optional<User> user;
    try {
        user = actions::accept_invitation(store(), token, password, secrets(), actor_of(inv->login));
    } catch (const UserError& e) {
        if (e.field() == "invitation") return link_gone(c);  // used or expired meanwhile
        return invite_form(c, 422, token, *inv, error_text(e));
    }
    start_session(c, *user, user->client_id ? client_path(user->client_name, "") : "/");
}

}  // namespace swelltrack::web
