// Recording, correcting, deleting and restoring a session: the one path every face takes.
#include <stdexcept>
#include <utility>

#include "swelltrack/actions.h"
#include "swelltrack/exchange.h"
#include "swelltrack/records.h"

namespace swelltrack::actions {
namespace {

// The client's history and status after a write, and where `session` stands in it.
Outcome reread(const Store& store, const Client& client, Session session, bool find) {
    auto history = store.load_analyzed(client);
    std::optional<std::size_t> index;
    if (find)
        for (std::size_t i = history.sessions.size(); i-- > 0;)
            if (history.sessions[i].id == session.id) {
                index = i;
                break;
            }
    auto status = summarize(history, now_local().utc);
    return {std::move(session), std::move(history), index, std::move(status)};
}

// The checks a session passes on every way in, in this order: the one stored form, then the store's
// gate (a value out of range is named before any question of plausibility, which compares only
// valid values). Confirmed values skip the question; the write passes the gate again.
std::vector<Implausible> intake(const Store& store, Session& s, const Protocol& protocol, const Client& client,
                                bool confirm) {
    normalize_session(s);
    return confirm ? std::vector<Implausible>{} : store.implausible(s, protocol, client);
}

}  // namespace

Protocol protocol_for_new_session(const Store& store, const Client& client,
                                  const std::optional<std::string>& requested) {
    if (requested) return store.get_protocol(*requested);
    return store.get_protocol(swelltrack::protocol_for_new_session(client, store.last_session(client.id)));
}

std::variant<Outcome, Doubtful> record_session(Store& store, const Client& client, NewSession input,
                                               const Actor& actor) {
    auto again = [&](std::int64_t id) -> std::optional<Outcome> {
        auto first = store.session_by_id(id);
        if (!first || first->client_id != client.id) return std::nullopt;
        auto out = reread(store, client, std::move(*first), true);
        out.repeated = true;
        return out;
    };
    if (!input.request.empty())
        if (auto id = store.session_for_request(input.request))
            if (auto out = again(*id)) return std::move(*out);
    Session s = std::move(input.values);
    s.client_id = client.id;
    s.recorded_at = input.at ? *input.at : now_local();  // a future time is refused by validate_session
    const auto protocol = protocol_for_new_session(store, client, input.protocol);
    s.protocol = protocol.name;
    if (auto found = intake(store, s, protocol, client, input.confirm); !found.empty())
        return Doubtful{std::move(found)};
    store.set_actor(actor.name);
    const auto recorded = store.record_session_once(s, input.request);
    if (recorded.repeated) {  // the same request, sent twice at once: the other copy stored it
        auto out = again(recorded.id);
        if (!out) throw std::logic_error("a request named for a session of another client");
        return std::move(*out);
    }
    s.id = recorded.id;
    return reread(store, client, std::move(s), true);
}

std::variant<Corrected, Doubtful> correct_session(Store& store, const Client& client, Correction input,
                                                  const Actor& actor) {
    Session s = std::move(input.corrected);
    s.id = input.old.id;
    s.client_id = client.id;
    // Plausibility judges circumferences: a correction that leaves them where and when they were
    // (a symptom, a note) is not asked about values accepted, perhaps confirmed, before.
    normalize_session(s);
    const auto& old = input.old;
    const bool same_values = s.left_mm == old.left_mm && s.right_mm == old.right_mm && s.protocol == old.protocol &&
                             s.recorded_at.utc == old.recorded_at.utc;
    if (auto found = intake(store, s, store.get_protocol(s.protocol), client, input.confirm || same_values);
        !found.empty())
        return Doubtful{std::move(found)};
    auto before = store.load_analyzed(client);
    store.set_actor(actor.name);
    store.correct_session(s, input.reason);
    return Corrected{std::move(before), reread(store, client, std::move(s), true)};
}

Outcome delete_session(Store& store, const Client& client, const Session& session, std::string_view reason,
                       const Actor& actor) {
    store.set_actor(actor.name);
    store.delete_session(session.id, reason);
    return reread(store, client, session, false);
}

std::optional<AuditEntry> find_deletion(const Store& store, const Client& client, const SessionTime& at) {
    auto trail = store.audit_trail(client.id);
    for (auto it = trail.rbegin(); it != trail.rend(); ++it)
        if (it->action == "session.delete" && at.matches(parse_datetime(it->subject))) return *it;
    return std::nullopt;
}

Outcome restore_session(Store& store, const Client& client, const AuditEntry& deletion, std::string_view reason,
                        const Actor& actor) {
    check_reason(reason);
    // Through the JSON import: the one reader of the record format.
    auto doc = records::Json{{"format", "swelltrack"}, {"version", 1}, {"clients", records::Json::array()}};
    auto c = records::client(client);
    auto session = records::Json::parse(deletion.old_value);
    c["sessions"] = records::Json::array({session});
    doc["clients"].push_back(std::move(c));
    ImportChecks checks;
    checks.keep_implausible = true;
    checks.action = "session.restore";
    checks.reason = std::string(reason);
    store.set_actor(actor.name);
    auto summary = import_text(store, doc.dump(), "audit entry " + std::to_string(deletion.id), checks);
    if (summary.sessions_added == 0)
        throw UserError("at", deletion.subject,
                        client.name + "'s session of " + deletion.subject +
                            " is stored already (restored before?); nothing was changed");
    const auto at = parse_datetime(deletion.subject);
    auto back = store.load_history(client.id, at, at);  // the session just restored, with its new id
    Session restored = back.empty() ? Session{} : back.back();
    return reread(store, client, std::move(restored), !back.empty());
}

}  // namespace swelltrack::actions
