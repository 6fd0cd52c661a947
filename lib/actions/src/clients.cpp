// Adding and editing clients, moving a baseline, archiving: the one path every face takes.
#include <utility>

#include "swelltrack/actions.h"

namespace swelltrack::actions {

Client add_client(Store& store, Client client, const Actor& actor) {
    store.set_actor(actor.name);
    client.id = store.add_client(client);
    return store.get_client(normalize_name(client.name));
}

ClientEdited edit_client(Store& store, const Client& stored, Client changed, std::string_view reason,
                         const Actor& actor) {
    changed.id = stored.id;
    store.set_actor(actor.name);
    store.update_client(changed, reason);
    ClientEdited out{store.get_client(normalize_name(changed.name)), {}};
    // A new baseline date pins the protocols that have no baseline yet; it never moves a pinned one.
    if (changed.baseline_date != stored.baseline_date && changed.baseline_date) {
        auto h = store.load_analyzed(out.client);
        for (const auto& b : h.baselines)
            if (b.pinned && h.sessions[b.index].recorded_at.local_date() < *changed.baseline_date)
                out.pins_before_date.push_back({b.protocol, h.sessions[b.index].recorded_at});
    }
    return out;
}

void move_baseline(Store& store, const Client& client, const Session& session, std::string_view reason,
                   const Actor& actor) {
    if (session.client_id != client.id)
        throw UserError("session", std::to_string(session.id), "session: not a session of " + client.name);
    store.set_actor(actor.name);
    store.pin_baseline(session.id, reason);
}

void change_settings(Store& store, const SettingsChange& change, const Actor& actor) {
    store.set_actor(actor.name);
    store.update_settings(change);
}

void set_archived(Store& store, const Client& client, bool archived, const Actor& actor) {
    store.set_actor(actor.name);
    store.set_archived(client.id, archived);
}

}  // namespace swelltrack::actions
