// Logins made by invitation: a therapist invites, the holder of the link sets her own password
// (actions.h, docs/security.md#invitations).
#include "swelltrack/actions.h"

namespace swelltrack::actions {

namespace {
// The longest token looked up: a real one is 43 characters; anything much longer names none.
constexpr std::size_t max_token_bytes = 128;

std::optional<Invitation> find(const Store& store, std::string_view token, const Secrets& secrets) {
    if (token.empty() || token.size() > max_token_bytes) return std::nullopt;
    return store.find_invitation(secrets.token_hash(token));
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

}  // namespace swelltrack::actions
