#include "swelltrack/store_writer.h"

#include "store_impl.h"

namespace swelltrack {

struct StoreWriter::Transaction {
    explicit Transaction(Store::Impl& impl) : sql(impl.begin_write()) {}
    SQLite::Transaction sql;
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

void StoreWriter::begin() {
    impl_.guard([&] { transaction_ = std::make_unique<Transaction>(impl_); });
}

void StoreWriter::insert_protocol(const Protocol& protocol) {
    impl_.guard([&] { impl_.insert_protocol(protocol); });
}

std::int64_t StoreWriter::insert_client(const Client& client) {
    return impl_.guard([&] { return impl_.insert_client(client); });
}

std::int64_t StoreWriter::insert_session(const Session& session) {
    return impl_.guard([&] { return impl_.insert_session(session); });
}

void StoreWriter::commit() {
    impl_.guard([&] { transaction_->sql.commit(); });
}

}  // namespace swelltrack
