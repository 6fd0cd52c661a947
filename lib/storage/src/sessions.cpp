// Sessions: recording, loading a client's history (two range queries merged in order), and what
// `status` needs without loading every session.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>

#include "store_impl.h"
#include "swelltrack/analysis.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"
#include "swelltrack/plausibility.h"
#include "swelltrack/records.h"
#include "swelltrack/status.h"
#include "swelltrack/units.h"
#include "swelltrack/volume.h"

namespace swelltrack {
namespace {

// A session row's fields after its client, in the order insert_session binds and session_from_row reads
// them. The symptoms table shares none of these names, so they need no table prefix in a join.
constexpr const char* session_fields =
    "recorded_at_utc, utc_offset_min, protocol, recorded_by, context, weight_kg, notes, compression, "
    "compression_known, compression_class, compression_mmhg_low, compression_mmhg_high, mld_minutes, bandaging, "
    "exercise, skin_flags, skin_note";

std::int64_t seconds(const DateTime& t) { return t.utc.time_since_epoch().count(); }

bool has_symptom_row(const Symptoms& y) { return y.any() || y.pitting_depth_mm || y.pitting_rebound_s; }

template <class T>
void bind_opt(SQLite::Statement& q, int i, const std::optional<T>& v) {
    if (v)
        q.bind(i, *v);
    else
        q.bind(i);
}

std::optional<int> opt_int(SQLite::Statement& q, int col) {
    if (q.isColumnNull(col)) return std::nullopt;
    return q.getColumn(col).getInt();
}
std::optional<double> opt_double(SQLite::Statement& q, int col) {
    if (q.isColumnNull(col)) return std::nullopt;
    return q.getColumn(col).getDouble();
}

// A client's sessions in a time range with their symptoms, oldest first, as session_from_row reads them.
std::string select_sessions_sql() {
    return std::string("SELECT s.id, ") + session_fields +
           ", "
           "y.heaviness, y.tightness, y.pain, y.swelling, y.pitting_grade, y.pitting_depth_mm, "
           "y.pitting_rebound_s, y.stemmer, y.isl_stage "
           "FROM sessions s LEFT JOIN symptoms y ON y.session_id = s.id "
           "WHERE s.client_id = ?1 AND s.recorded_at_utc BETWEEN ?2 AND ?3 ORDER BY s.recorded_at_utc LIMIT ?4";
}

// The side values of the same sessions, in the same order, as side_values_from_row reads them.
constexpr const char* select_measurements_sql =
    "SELECT v.session_id, v.side, v.circumference_mm "
    "FROM sessions s JOIN side_values v ON v.session_id = s.id "
    "WHERE s.client_id = ?1 AND s.recorded_at_utc BETWEEN ?2 AND ?3 "
    "ORDER BY s.recorded_at_utc, v.side";

// The symptoms of a row of select_sessions_sql (all null when the session has none).
void symptoms_from_row(SQLite::Statement& q, Symptoms& y) {
    y.heaviness = opt_int(q, 18);
    y.tightness = opt_int(q, 19);
    y.pain = opt_int(q, 20);
    y.swelling = opt_int(q, 21);
    y.pitting_grade = opt_int(q, 22);
    y.pitting_depth_mm = opt_double(q, 23);
    y.pitting_rebound_s = opt_double(q, 24);
    if (!q.isColumnNull(25)) y.stemmer = parse_enum<StemmerSign>(q.getColumn(25).getText());
    y.isl_stage = opt_int(q, 26);
}

// A session from a row of select_sessions_sql, without its side values.
Session session_from_row(SQLite::Statement& q, std::int64_t client_id) {
    Session s;
    s.id = q.getColumn(0).getInt64();
    s.client_id = client_id;
    s.recorded_at.utc = date::sys_seconds{std::chrono::seconds{q.getColumn(1).getInt64()}};
    s.recorded_at.offset = std::chrono::minutes{q.getColumn(2).getInt()};
    s.protocol = q.getColumn(3).getString();
    s.recorded_by = q.getColumn(4).getString();
    s.context = parse_enum<SessionContext>(q.getColumn(5).getText());
    s.weight_kg = opt_double(q, 6);
    s.notes = q.getColumn(7).getString();
    s.compression.kind = parse_enum<CompressionKind>(q.getColumn(8).getText());
    s.compression.worn_known = q.getColumn(9).getInt() != 0;
    s.compression.ral_class = opt_int(q, 10);
    s.compression.mmhg_low = opt_int(q, 11);
    s.compression.mmhg_high = opt_int(q, 12);
    s.treatment.mld_minutes = opt_int(q, 13);
    s.treatment.bandaging = q.getColumn(14).getInt() != 0;
    s.treatment.exercise = q.getColumn(15).getInt() != 0;
    s.skin.bits = q.getColumn(16).getUInt();
    s.skin_note = q.getColumn(17).getString();
    symptoms_from_row(q, s.symptoms);
    return s;
}

// Unpacks a row of select_measurements_sql into its side of `s`; returns that side's values.
PointValues& side_values_from_row(SQLite::Statement& m, Session& s) {
    const char* side = m.getColumn(1).getText();
    auto& values = side[0] == 'l' ? s.left_mm : s.right_mm;
    auto blob = m.getColumn(2);
    values = storage::unpack_mm(blob.getBlob(), static_cast<std::size_t>(blob.getBytes()));
    return values;
}

}  // namespace

// ---- Impl: session rows -----------------------------------------------------------------------

void Store::Impl::insert_session_prepare() {
    if (!insert_session_) {
        insert_session_ = std::make_unique<SQLite::Statement>(
            db, std::string("INSERT INTO sessions (client_id, ") + session_fields +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert_side_ = std::make_unique<SQLite::Statement>(
            db, "INSERT INTO side_values (session_id, side, circumference_mm) VALUES (?, ?, ?)");
        insert_symptoms_ = std::make_unique<SQLite::Statement>(
            db,
            "INSERT INTO symptoms (session_id, heaviness, tightness, pain, swelling, pitting_grade, "
            "pitting_depth_mm, pitting_rebound_s, stemmer, isl_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
}

std::int64_t Store::Impl::insert_session(const Session& s) {
    insert_session_prepare();
    auto& q = *insert_session_;
    q.bind(1, s.client_id);
    bind_session_fields(q, s);
    q.exec();
    q.reset();
    const std::int64_t id = db.getLastInsertRowid();
    insert_details(id, s);
    return id;
}

// Binds session_fields to parameters 2..18.
void Store::Impl::bind_session_fields(SQLite::Statement& q, const Session& s) {
    q.bind(2, seconds(s.recorded_at));
    q.bind(3, static_cast<int>(s.recorded_at.offset.count()));
    q.bind(4, s.protocol);
    q.bind(5, s.recorded_by);
    q.bindNoCopy(6, to_string(s.context).data());  // static text: no copy per row
    bind_opt(q, 7, s.weight_kg);
    q.bind(8, s.notes);
    q.bindNoCopy(9, to_string(s.compression.kind).data());
    q.bind(10, s.compression.worn_known ? 1 : 0);
    bind_opt(q, 11, s.compression.ral_class);
    bind_opt(q, 12, s.compression.mmhg_low);
    bind_opt(q, 13, s.compression.mmhg_high);
    bind_opt(q, 14, s.treatment.mld_minutes);
    q.bind(15, s.treatment.bandaging ? 1 : 0);
    q.bind(16, s.treatment.exercise ? 1 : 0);
    q.bind(17, s.skin.bits);
    q.bind(18, s.skin_note);
}

void Store::Impl::insert_details(std::int64_t id, const Session& s) {
    auto& m = *insert_side_;
    for (Side side : {Side::left, Side::right}) {
        const auto& values = s.side_mm(side);
        // A side with no value at all has no row; a missing point is NaN in the blob, never zero.
        if (!has_values(values)) continue;
        PointValues canonical(values.size());
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i]) canonical[i] = canonical_mm(*values[i]);
        auto blob = storage::pack_mm(canonical);
        m.bind(1, id);
        m.bindNoCopy(2, side == Side::left ? "left" : "right");
        m.bindNoCopy(3, blob.data(), static_cast<int>(blob.size()));
        m.exec();
        m.reset();
    }
    if (has_symptom_row(s.symptoms)) {
        auto& y = *insert_symptoms_;
        const auto& sy = s.symptoms;
        y.bind(1, id);
        bind_opt(y, 2, sy.heaviness);
        bind_opt(y, 3, sy.tightness);
        bind_opt(y, 4, sy.pain);
        bind_opt(y, 5, sy.swelling);
        bind_opt(y, 6, sy.pitting_grade);
        bind_opt(y, 7, sy.pitting_depth_mm);
        bind_opt(y, 8, sy.pitting_rebound_s);
        y.bind(9, std::string(to_string(sy.stemmer)));
        bind_opt(y, 10, sy.isl_stage);
        y.exec();
        y.reset();
    }
}

void Store::Impl::update_session_row(const Session& s) {
    insert_session_prepare();
    SQLite::Statement q(db, std::string("UPDATE sessions SET (") + session_fields +
                                ") = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
                                "WHERE id = ?1");
    q.bind(1, s.id);
    bind_session_fields(q, s);
    q.exec();
    for (const char* table : {"side_values", "symptoms"}) {
        SQLite::Statement d(db, std::string("DELETE FROM ") + table + " WHERE session_id = ?");
        d.bind(1, s.id);
        d.exec();
    }
    insert_details(s.id, s);
}

void Store::Impl::delete_session_rows(std::int64_t session_id) {
    SQLite::Statement d(db, "DELETE FROM sessions WHERE id = ?");  // values and symptoms cascade
    d.bind(1, session_id);
    d.exec();
}

std::vector<Session> Store::Impl::load_range(std::int64_t client_id, std::int64_t from_utc, std::int64_t to_utc,
                                             std::int64_t limit) {
    ReadSnapshot snapshot(db);  // the sessions and their values from one snapshot
    if (!select_sessions_) {
        select_sessions_ = std::make_unique<SQLite::Statement>(db, select_sessions_sql());
        select_measurements_ = std::make_unique<SQLite::Statement>(db, select_measurements_sql);
    }
    std::vector<Session> out;
    auto& q = *select_sessions_;
    q.bind(1, client_id);
    q.bind(2, from_utc);
    q.bind(3, to_utc);
    q.bind(4, limit);
    while (q.executeStep()) out.push_back(session_from_row(q, client_id));
    q.reset();
    if (out.empty()) return out;

    // Measurements for exactly these sessions, in the same order: walk both lists together.
    auto& m = *select_measurements_;
    m.bind(1, client_id);
    m.bind(2, seconds(out.front().recorded_at));
    m.bind(3, seconds(out.back().recorded_at));
    std::size_t k = 0;
    while (m.executeStep()) {
        const std::int64_t session_id = m.getColumn(0).getInt64();
        while (k < out.size() && out[k].id != session_id) ++k;
        if (k == out.size()) break;  // cannot happen: both lists follow recorded_at
        Session& s = out[k];
        auto& values = side_values_from_row(m, s);
        // Trailing points not measured may be absent from an old (version 3) row: pad to the protocol.
        if (const auto* p = find_protocol(s.protocol); p && values.size() < p->point_count())
            values.resize(p->point_count());
    }
    m.reset();
    return out;
}

std::optional<Session> Store::Impl::session_at(std::int64_t client_id, date::sys_seconds utc) {
    auto t = utc.time_since_epoch().count();
    auto v = load_range(client_id, t, t, 1);
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::optional<Session> Store::Impl::session_by_id(std::int64_t session_id) {
    SQLite::Statement q(db, "SELECT client_id, recorded_at_utc FROM sessions WHERE id = ?");
    q.bind(1, session_id);
    if (!q.executeStep()) return std::nullopt;
    return session_at(q.getColumn(0).getInt64(), date::sys_seconds{std::chrono::seconds{q.getColumn(1).getInt64()}});
}

std::vector<std::int64_t> Store::Impl::session_instants(std::int64_t client_id) {
    std::vector<std::int64_t> out;
    SQLite::Statement q(db, "SELECT recorded_at_utc FROM sessions WHERE client_id = ? ORDER BY recorded_at_utc");
    q.bind(1, client_id);
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
}

std::optional<std::int64_t> Store::Impl::newest_instant(std::int64_t client_id) {
    SQLite::Statement q(db, "SELECT MAX(recorded_at_utc) FROM sessions WHERE client_id = ?");
    q.bind(1, client_id);
    if (q.executeStep() && !q.isColumnNull(0)) return q.getColumn(0).getInt64();
    return std::nullopt;
}

std::vector<Session> Store::Impl::previous_sessions(std::int64_t client_id, const std::string& protocol,
                                                    std::int64_t before_utc) {
    // Newest first through the (client, instant) index, until every point of both sides has an
    // earlier value (usually the session just before), or previous_sessions_read sessions.
    if (!select_previous_)
        select_previous_ = std::make_unique<SQLite::Statement>(
            db,
            "SELECT recorded_at_utc FROM sessions WHERE client_id = ?1 AND recorded_at_utc < ?2 AND protocol = ?3 "
            "ORDER BY recorded_at_utc DESC LIMIT " +
                std::to_string(previous_sessions_read));
    ReadSnapshot snapshot(db);
    auto& q = *select_previous_;
    q.bind(1, client_id);
    q.bind(2, before_utc);
    q.bind(3, protocol);
    std::vector<std::int64_t> instants;
    while (q.executeStep()) instants.push_back(q.getColumn(0).getInt64());
    q.reset();
    std::deque<Session> read;  // newest first; a deque keeps the addresses PreviousSessions holds
    PreviousSessions previous;
    std::size_t points = 0;
    for (auto t : instants) {
        auto s = session_at(client_id, date::sys_seconds{std::chrono::seconds{t}});
        if (!s) continue;
        points = std::max({points, s->left_mm.size(), s->right_mm.size()});
        previous.offer(read.emplace_back(std::move(*s)));
        if (previous.covers(points)) break;
    }
    return still_compared({std::make_move_iterator(read.rbegin()), std::make_move_iterator(read.rend())});
}

// ---- Store: sessions --------------------------------------------------------------------------

namespace {
std::string session_json(const Session& s) { return records::session(s).dump(); }

// The stored session with this id, or a UserError.
Session stored(const Store& store, std::int64_t id) {
    auto s = store.session_by_id(id);
    if (!s) throw UserError("session", std::to_string(id), "session: no session " + std::to_string(id));
    return *s;
}

// A change that would move a pinned baseline (delete it, move it in time or to another protocol,
// make it incomplete) is refused: another session must be pinned first.
[[noreturn]] void refuse_pinned(const Session& s, const BaselinePin& pin, std::string_view what) {
    throw UserError("session", format_datetime(s.recorded_at),
                    "session: the session of " + format_datetime(s.recorded_at) + " is the baseline of " +
                        pin.protocol + "; " + std::string(what))
        .with_remedy(Remedy::pin_baseline_first);
}

// One session per client and instant: `at` is refused when another session than `self` has it.
void refuse_taken_instant(Store::Impl& impl, const Client& client, const DateTime& at, std::int64_t self) {
    if (auto other = impl.session_at(client.id, at.utc); other && other->id != self)
        throw UserError("recorded_at", format_datetime(at),
                        "recorded_at: " + client.name + " already has a session at " + format_datetime(at) +
                            "; choose another time");
}
}  // namespace

std::vector<BaselinePin> Store::Impl::pins(std::int64_t client_id) {
    SQLite::Statement q(db, "SELECT protocol, session_id, reason FROM baselines WHERE client_id = ? ORDER BY protocol");
    q.bind(1, client_id);
    std::vector<BaselinePin> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getString()});
    return out;
}

void Store::Impl::put_pin(std::int64_t client_id, const std::string& protocol, std::int64_t session_id,
                          std::string_view reason) {
    SQLite::Statement q(db,
                        "INSERT INTO baselines (client_id, protocol, session_id, reason, pinned_at_utc) "
                        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (client_id, protocol) DO UPDATE SET "
                        "session_id = ?3, reason = ?4, pinned_at_utc = ?5");
    q.bind(1, client_id);
    q.bind(2, protocol);
    q.bind(3, session_id);
    q.bind(4, std::string(reason));
    q.bind(5, static_cast<std::int64_t>(now_local().utc.time_since_epoch().count()));
    q.exec();
}

void Store::Impl::pin_missing(const Client& client, const std::string& protocol) {
    auto pinned = pins(client.id);
    auto has_pin = [&](const std::string& p) {
        return std::any_of(pinned.begin(), pinned.end(), [&](const BaselinePin& b) { return b.protocol == p; });
    };
    // The common case on every complete log: its protocol is pinned already; no scan of the client's sessions.
    if (!protocol.empty() && has_pin(protocol)) return;
    std::vector<std::string> wanted;
    SQLite::Statement used(db, "SELECT DISTINCT protocol FROM sessions WHERE client_id = ?");
    used.bind(1, client.id);
    while (used.executeStep()) {
        auto p = used.getColumn(0).getString();
        if (!protocol.empty() && p != protocol) continue;
        if (!has_pin(p)) wanted.push_back(std::move(p));
    }
    if (wanted.empty()) return;
    auto sessions = load_range(client.id, first_utc, last_utc);
    for (const auto& p : wanted) {
        auto i = baseline_candidate(sessions, p, client.baseline_date);
        if (!i) continue;
        const auto& b = sessions[*i];
        auto reason = automatic_baseline_reason(p, client.baseline_date);
        put_pin(client.id, p, b.id, reason);
        audit("baseline.pin", &client, p, {}, records::Json(format_datetime(b.recorded_at)).dump(), reason);
    }
}

std::int64_t Store::record_session(const Session& session) { return record_session_once(session, {}).id; }

namespace {
constexpr std::int64_t request_kept_s = 7 * 24 * 3600;

std::optional<std::int64_t> stored_for(SQLite::Database& db, std::string_view request) {
    SQLite::Statement q(db, "SELECT session_id FROM request_keys WHERE request = ?");
    q.bind(1, std::string(request));
    if (q.executeStep()) return q.getColumn(0).getInt64();
    return std::nullopt;
}

std::int64_t utc_now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}
}  // namespace

std::optional<std::int64_t> Store::session_for_request(std::string_view request) const {
    return impl_->guard([&] { return stored_for(impl_->db, request); });
}

Store::Recorded Store::record_session_once(const Session& session, std::string_view request) {
    if (request.size() > 512)
        throw UserError("request", std::string(request.substr(0, 40)), "request: a name of at most 512 bytes");
    return impl_->guard([&]() -> Recorded {
        auto client = impl_->client_by_id(session.client_id);
        if (!client)
            throw UserError("client", std::to_string(session.client_id),
                            "client: no client with id " + std::to_string(session.client_id));
        const auto* protocol = impl_->find_protocol(session.protocol);
        if (!protocol) get_protocol(session.protocol);  // throws, naming the known ones
        impl_->admit(session, *protocol, *client);
        auto t = impl_->begin_write();
        if (!request.empty())
            if (auto first = stored_for(impl_->db, request)) return {*first, true};
        refuse_taken_instant(*impl_, *client, session.recorded_at, 0);
        auto id = impl_->insert_session(session);
        impl_->audit("session.add", &*client, format_datetime(session.recorded_at), {}, session_json(session), {});
        if (both_sides_complete(session)) impl_->pin_missing(*client, session.protocol);
        if (!request.empty()) {
            const auto now = utc_now_s();
            SQLite::Statement forget(impl_->db, "DELETE FROM request_keys WHERE at_utc < ?");
            forget.bind(1, now - request_kept_s);
            forget.exec();
            SQLite::Statement keep(impl_->db,
                                   "INSERT INTO request_keys (request, session_id, at_utc) VALUES (?, ?, ?)");
            keep.bind(1, std::string(request));
            keep.bind(2, id);
            keep.bind(3, now);
            keep.exec();
        }
        t.commit();
        return {id, false};
    });
}

std::vector<Session> Store::sessions_at(std::int64_t client_id, const SessionTime& at) const {
    return impl_->guard([&] {
        // Offsets reach 14 hours either way: the instants that can show this local minute.
        const std::int64_t local = at.minute.time_since_epoch().count();
        auto near = impl_->load_range(client_id, local - 14 * 3600, local + 14 * 3600 + 59);
        std::erase_if(near, [&](const Session& s) { return !at.matches(s.recorded_at); });
        return near;
    });
}

std::optional<Session> Store::session_by_id(std::int64_t session_id) const {
    return impl_->guard([&] { return impl_->session_by_id(session_id); });
}

void Store::correct_session(const Session& corrected, std::string_view reason) {
    check_reason(reason);
    impl_->guard([&] {
        auto t = impl_->begin_write();
        const auto old = stored(*this, corrected.id);
        if (old.client_id != corrected.client_id)
            throw UserError("session", std::to_string(corrected.id),
                            "session: no session " + std::to_string(corrected.id) + " of this client");
        auto client = impl_->client_by_id(corrected.client_id);
        const auto* protocol = impl_->find_protocol(corrected.protocol);
        if (!protocol) get_protocol(corrected.protocol);
        impl_->admit(corrected, *protocol, *client);
        refuse_taken_instant(*impl_, *client, corrected.recorded_at, corrected.id);
        // A correction of the pinned session's values is allowed (audited); moving it in time, to
        // another protocol, or making it incomplete would move the baseline.
        for (const auto& pin : impl_->pins(corrected.client_id))
            if (pin.session_id == corrected.id &&
                (corrected.protocol != pin.protocol || !both_sides_complete(corrected) ||
                 !(corrected.recorded_at == old.recorded_at)))
                refuse_pinned(old, pin, "it stays complete, in that protocol and at its time");
        impl_->update_session_row(corrected);
        impl_->audit("session.edit", &*client, format_datetime(old.recorded_at), session_json(old),
                     session_json(corrected), reason);
        impl_->pin_missing(*client);
        t.commit();
    });
}

void Store::delete_session(std::int64_t session_id, std::string_view reason) {
    check_reason(reason);
    impl_->guard([&] {
        auto t = impl_->begin_write();
        const auto old = stored(*this, session_id);
        auto client = impl_->client_by_id(old.client_id);
        for (const auto& pin : impl_->pins(old.client_id))
            if (pin.session_id == session_id) refuse_pinned(old, pin, "it cannot be deleted");
        impl_->delete_session_rows(session_id);
        impl_->audit("session.delete", &*client, format_datetime(old.recorded_at), session_json(old), {}, reason);
        t.commit();
    });
}

std::vector<BaselinePin> Store::baselines(std::int64_t client_id) const {
    return impl_->guard([&] { return impl_->pins(client_id); });
}

void Store::pin_baseline(std::int64_t session_id, std::string_view reason) {
    check_reason(reason);
    impl_->guard([&] {
        auto t = impl_->begin_write();
        const auto session = stored(*this, session_id);
        auto client = impl_->client_by_id(session.client_id);
        if (!both_sides_complete(session))
            throw UserError("session", format_datetime(session.recorded_at),
                            "session: the session of " + format_datetime(session.recorded_at) +
                                " cannot be a baseline: a baseline needs every point of both sides measured");
        std::string before;
        for (const auto& pin : impl_->pins(client->id))
            if (pin.protocol == session.protocol)
                if (auto old = impl_->session_by_id(pin.session_id))
                    before = records::Json(format_datetime(old->recorded_at)).dump();
        impl_->put_pin(client->id, session.protocol, session_id, reason);
        impl_->audit("baseline.pin", &*client, session.protocol, before,
                     records::Json(format_datetime(session.recorded_at)).dump(), reason);
        t.commit();
    });
}

std::vector<Session> Store::load_history(std::int64_t client_id, std::optional<DateTime> from,
                                         std::optional<DateTime> to) const {
    return impl_->guard(
        [&] { return impl_->load_range(client_id, from ? seconds(*from) : first_utc, to ? seconds(*to) : last_utc); });
}

std::optional<Session> Store::last_session(std::int64_t client_id) const {
    return impl_->guard([&]() -> std::optional<Session> {
        auto newest = impl_->newest_instant(client_id);
        if (!newest) return std::nullopt;
        return impl_->session_at(client_id, date::sys_seconds{std::chrono::seconds{*newest}});
    });
}

std::vector<Session> Store::load_status_sessions(std::int64_t client_id, int window_days, date::sys_seconds now) const {
    return impl_->guard([&] {
        ImplReader reader(*impl_);
        auto client = impl_->client_by_id(client_id);
        if (!client) return std::vector<Session>{};
        return status_sessions(reader, *client, impl_->pins(client_id), window_days, now);
    });
}

std::int64_t Store::session_count(std::int64_t client_id) const {
    return impl_->guard([&] {
        SQLite::Statement q(impl_->db, "SELECT COUNT(*) FROM sessions WHERE client_id = ?");
        q.bind(1, client_id);
        q.executeStep();
        return q.getColumn(0).getInt64();
    });
}

History Store::load_analyzed(const Client& client, std::optional<DateTime> from, std::optional<DateTime> to) const {
    return impl_->guard([&] {
        ReadSnapshot snapshot(impl_->db);
        auto sessions = load_history(client.id, from, to);
        return analyze_history(client, std::move(sessions), list_protocols(), volume_method(), thresholds(),
                               impl_->pins(client.id));
    });
}

std::vector<Session> Store::previous_sessions(std::int64_t client_id, std::string_view protocol,
                                              const DateTime& before) const {
    return impl_->guard([&] { return impl_->previous_sessions(client_id, std::string(protocol), seconds(before)); });
}

// The one gate every session passes on its way in (record, correct, import) and that `check` applies
// to what is stored: the domain's rules for a session of this protocol and client.
void Store::Impl::admit(const Session& s, const Protocol& protocol, const Client& client) const {
    validate_session(s, protocol, client);
}

std::vector<Implausible> Store::implausible(const Session& s, const Protocol& protocol, const Client& client) const {
    impl_->admit(s, protocol, client);  // a value out of range is named before any question of plausibility
    auto earlier = previous_sessions(client.id, s.protocol, s.recorded_at);
    return check_plausibility(s, find_previous(s, earlier), protocol, client, volume_method(), plausibility_limits());
}

}  // namespace swelltrack
