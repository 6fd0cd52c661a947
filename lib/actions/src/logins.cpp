// Logins made by invitation: a therapist invites, the holder of the link sets her own password
// (actions.h, docs/security.md#invitations). And report links: a clinician reads one client's
// report by a secret address (docs/security.md#report-links).
#include "swelltrack/actions.h"
#include "swelltrack/detail/text.h"

namespace swelltrack::actions {

namespace {
// The longest token looked up: a real one is 43 characters; anything much longer names none.
constexpr std::size_t max_token_bytes = 128;

// The hash a token is stored under; none for text that cannot be a token (nothing is looked up).
std::optional<std::string> stored_hash(std::string_view token, const Secrets& secrets) {
    if (token.empty() || token.size() > max_token_bytes) return std::nullopt;
    return secrets.token_hash(token);
}

std::optional<Invitation> find(const Store& store, std::string_view token, const Secrets& secrets) {
    auto hash = stored_hash(token, secrets);
    return hash ? store.find_invitation(*hash) : std::nullopt;
}
}  // namespace

Invited invite(Store& store, const NewInvitation& input, const Secrets& secrets, const Actor& actor) {
    Invitation inv;
    inv.login = normalize_login(input.login);
    validate_login(inv.login);
    inv.role = input.role;
    if (input.client) {
        inv.client_id = input.client->id;
        inv.client_name = input.client->name;
    }
    validate_user(User{inv.login, inv.role, inv.client_id, inv.client_name, {}});
    check(limits::invite_hours, static_cast<double>(input.valid_for.count()));
    inv.created_at = now_local();
    const auto expires = inv.created_at.utc + input.valid_for;
    inv.expires_at = DateTime{expires, local_utc_offset(expires)};
    Invited out{inv, secrets.new_token()};
    store.set_actor(actor.name);
    store.add_invitation(inv, secrets.token_hash(out.token));
    out.invitation.created_by = actor.name;
    return out;
}

Invitation open_invitation(const Store& store, std::string_view token, const Secrets& secrets) {
    auto found = find(store, token, secrets);
    check_invitation_open(found, now_local().utc);
    return *found;
}

User accept_invitation(Store& store, std::string_view token, std::string_view password, const Secrets& secrets,
                       const Actor& actor) {
    open_invitation(store, token, secrets);  // before the slow hash: a dead link costs nothing
    validate_password(password);
    const auto hash = secrets.password_hash(password);
    store.set_actor(actor.name);
    // The store checks the invitation again inside the transaction that uses it: two sent at once
    // make one login.
    return store.accept_invitation(secrets.token_hash(token), hash, now_local().utc);
}

Shared share_report(Store& store, const NewReportLink& input, const Secrets& secrets, const Actor& actor) {
    ReportLink link;
    link.client_id = input.client.id;
    link.label = std::string(detail::trim(input.label));
    validate_share_label(link.label);
    check(limits::share_days, input.days_valid);
    link.created_at = now_local();
    const auto expires = link.created_at.utc + std::chrono::days(input.days_valid);
    link.expires_at = DateTime{expires, local_utc_offset(expires)};
    Shared out{link, secrets.new_token()};
    store.set_actor(actor.name);
    out.link = store.add_report_link(link, secrets.token_hash(out.token));
    return out;
}

std::vector<ReportLink> report_links(const Store& store, const Client& client) { return store.report_links(client.id); }

bool revoke_report_link(Store& store, const Client& client, std::int64_t id, const Actor& actor) {
    store.set_actor(actor.name);
    return store.revoke_report_link(client.id, id, now_local().utc);
}

std::optional<ReportLink> open_report_link(Store& store, std::string_view token, SharedPart part,
                                           const Secrets& secrets) {
    auto hash = stored_hash(token, secrets);
    if (!hash) return std::nullopt;
    store.set_actor(report_link_actor.name);
    return store.open_report_link(*hash, now_local().utc, part == SharedPart::pdf ? "pdf" : "page");
}

}  // namespace swelltrack::actions
