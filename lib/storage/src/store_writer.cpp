#include "swelltrack/store_writer.h"

#include <limits>

#include "store_impl.h"
#include "swelltrack/records.h"

namespace swelltrack {

struct StoreWriter::Transaction {
    explicit Transaction(Store::Impl& impl) : sql(impl.begin_write()) {}
    Store::Impl::WriteTransaction sql;
};

StoreWriter::StoreWriter(Store& store) : impl_(*store.impl_) {}
StoreWriter::~StoreWriter() = default;

const Protocol* StoreWriter::find_protocol(std::string_view name) {
    return impl_.guard([&] { return impl_.find_protocol(name); });
}

std::optional<Client> StoreWriter::client_by_name(std::string_view name) {
    return impl_.guard([&] { return impl_.client_by_name(name); });
}

std::vector<std::int64_t> StoreWriter::session_instants(std::int64_t client_id) {
    return impl_.guard([&] { return impl_.session_instants(client_id); });
}

std::optional<Session> StoreWriter::session_at(std::int64_t client_id, date::sys_seconds utc) {
    return impl_.guard([&] { return impl_.session_at(client_id, utc); });
}

std::vector<Session> StoreWriter::previous_sessions(std::int64_t client_id, const std::string& protocol,
                                                    date::sys_seconds before) {
    return impl_.guard([&] { return impl_.previous_sessions(client_id, protocol, before.time_since_epoch().count()); });
}

std::int64_t StoreWriter::newest_session_id() {
    return impl_.guard([&] {
        SQLite::Statement q(impl_.db, "SELECT COALESCE(MAX(id), 0) FROM sessions");
        q.executeStep();
        return q.getColumn(0).getInt64();
    });
}

std::optional<std::int64_t> StoreWriter::newest_instant(std::int64_t client_id) {
    return impl_.guard([&] { return impl_.newest_instant(client_id); });
}

std::vector<Session> StoreWriter::sessions_from(std::int64_t client_id, date::sys_seconds from, std::int64_t limit) {
    return impl_.guard([&] {
        return impl_.load_range(client_id, from.time_since_epoch().count(), std::numeric_limits<std::int64_t>::max(),
                                limit);
    });
}

std::vector<std::pair<std::string, DateTime>> StoreWriter::pinned_instants(std::int64_t client_id) {
    return impl_.guard([&] {
        SQLite::Statement q(impl_.db,
                            "SELECT b.protocol, s.recorded_at_utc, s.utc_offset_min FROM baselines b JOIN sessions s "
                            "ON s.id = b.session_id WHERE b.client_id = ? ORDER BY b.protocol");
        q.bind(1, client_id);
        std::vector<std::pair<std::string, DateTime>> out;
        while (q.executeStep())
            out.emplace_back(q.getColumn(0).getString(),
                             DateTime{date::sys_seconds{std::chrono::seconds{q.getColumn(1).getInt64()}},
                                      std::chrono::minutes{q.getColumn(2).getInt()}});
        return out;
    });
}

std::vector<std::pair<std::int64_t, date::sys_seconds>> StoreWriter::inserted_for() const {
    std::vector<std::pair<std::int64_t, date::sys_seconds>> out;
    for (const auto& [client_id, t] : touched_) out.emplace_back(client_id, t.first.utc);
    return out;
}

void StoreWriter::begin() {
    impl_.guard([&] { transaction_ = std::make_unique<Transaction>(impl_); });
}

void StoreWriter::check_session(const Session& session, const Protocol& protocol, const Client& client) const {
    impl_.admit(session, protocol, client);
}

void StoreWriter::insert_protocol(const Protocol& protocol) {
    impl_.guard([&] { impl_.insert_protocol(protocol); });
}

std::int64_t StoreWriter::insert_client(const Client& client) {
    return impl_.guard([&] { return impl_.insert_client(client); });
}

std::vector<Course> StoreWriter::courses(std::int64_t client_id) {
    return impl_.guard([&] { return impl_.courses(client_id); });
}

void StoreWriter::insert_course(const Course& course, const Client& client) {
    validate_course(course);
    impl_.guard([&] {
        impl_.check_no_overlap(course);
        impl_.insert_course(course, client);
    });
}

std::vector<Photo> StoreWriter::photos(std::int64_t client_id) {
    return impl_.guard([&] { return impl_.photos(client_id, false); });
}

std::string StoreWriter::photo_image(std::int64_t photo_id) {
    return impl_.guard([&] { return impl_.photo_image(photo_id, false); });
}

void StoreWriter::insert_photo(const Photo& photo, const Client& client, std::string_view image,
                               std::string_view thumbnail) {
    Photo p = photo;
    p.site = normalize_site(p.site);
    check_photo(p, image, thumbnail);
    impl_.guard([&] { impl_.insert_photo(p, client, image, thumbnail); });
}

std::int64_t StoreWriter::insert_session(const Session& session) {
    return impl_.guard([&] {
        auto id = impl_.insert_session(session);
        auto& t = touched_[session.client_id];
        ++t.sessions;
        if (t.sessions == 1 || session.recorded_at < t.first) t.first = session.recorded_at;
        if (t.sessions == 1 || t.last < session.recorded_at) t.last = session.recorded_at;
        return id;
    });
}

void StoreWriter::update_session(const Session& session) {
    impl_.guard([&] { impl_.update_session_row(session); });
}

void StoreWriter::commit(std::string_view source, std::string_view action, std::string_view reason) {
    impl_.guard([&] {
        // One audit entry per client and import (not per session: an import may hold years of
        // them); then each protocol without a baseline gets its first one.
        for (const auto& [client_id, t] : touched_) {
            auto client = impl_.client_by_id(client_id);
            records::Json what{{"source", std::string(source)},
                               {"sessions", t.sessions},
                               {"first", format_datetime(t.first)},
                               {"last", format_datetime(t.last)}};
            impl_.audit(action, &*client, {}, {}, what.dump(), reason);
            impl_.pin_missing(*client);
        }
        transaction_->sql.commit();
    });
}

}  // namespace swelltrack
