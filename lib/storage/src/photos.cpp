// Photos of the skin: kept with the client's consent, each change audited, a deletion restorable.
#include <SQLiteCpp/SQLiteCpp.h>

#include "store_impl.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"
#include "swelltrack/records.h"

namespace swelltrack {
namespace {

constexpr const char* photo_columns =
    "SELECT id, client_id, taken_at_utc, utc_offset_min, site, session_id, added_by, width, height, bytes, "
    "deleted_at_utc FROM photos ";

date::sys_seconds instant(std::int64_t utc) { return date::sys_seconds{std::chrono::seconds{utc}}; }

Photo photo_row(SQLite::Statement& q) {
    Photo p;
    p.id = q.getColumn(0).getInt64();
    p.client_id = q.getColumn(1).getInt64();
    p.taken_at = DateTime{instant(q.getColumn(2).getInt64()), std::chrono::minutes{q.getColumn(3).getInt()}};
    p.site = q.getColumn(4).getString();
    if (!q.isColumnNull(5)) p.session_id = q.getColumn(5).getInt64();
    p.added_by = q.getColumn(6).getString();
    p.width = q.getColumn(7).getInt();
    p.height = q.getColumn(8).getInt();
    p.bytes = q.getColumn(9).getInt64();
    if (!q.isColumnNull(10)) p.deleted_at = instant(q.getColumn(10).getInt64());
    return p;
}

std::int64_t utc_seconds(const DateTime& t) { return t.utc.time_since_epoch().count(); }

// The client's session recorded in the same minute as `at`, if any; of two in that minute, the one
// nearest to `at` (the session form's photo has its session's very time).
std::optional<std::int64_t> session_in_minute(SQLite::Database& db, std::int64_t client_id, const DateTime& at) {
    const auto minute = utc_seconds(at) - (utc_seconds(at) % 60 + 60) % 60;
    SQLite::Statement q(db,
                        "SELECT id FROM sessions WHERE client_id = ? AND recorded_at_utc BETWEEN ? AND ? "
                        "ORDER BY abs(recorded_at_utc - ?), recorded_at_utc LIMIT 1");
    q.bind(1, client_id);
    q.bind(2, minute);
    q.bind(3, minute + 59);
    q.bind(4, utc_seconds(at));
    if (q.executeStep()) return q.getColumn(0).getInt64();
    return std::nullopt;
}

}  // namespace

std::string photo_json(Store::Impl& impl, const Photo& p) {
    std::optional<DateTime> at;
    if (p.session_id)
        if (auto s = impl.session_by_id(*p.session_id)) at = s->recorded_at;
    return records::photo(p, at).dump();
}

void check_photo(const Photo& p, std::string_view image, std::string_view thumbnail) {
    validate_photo_site(p.site);
    check_when_taken(p.taken_at, "taken_at", "photo");
    if (image.empty() || thumbnail.empty())
        throw std::invalid_argument("add_photo: a photo needs its image and thumbnail");
}

Photo Store::Impl::insert_photo(Photo p, const Client& client, std::string_view image, std::string_view thumbnail) {
    if (!client.photo_consent) throw no_photo_consent(client.name);
    p.id = 0;
    p.client_id = client.id;
    if (p.added_by.empty()) p.added_by = actor;
    p.bytes = static_cast<std::int64_t>(image.size());
    p.deleted_at.reset();
    p.session_id = session_in_minute(db, client.id, p.taken_at);
    SQLite::Statement q(db,
                        "INSERT INTO photos (client_id, taken_at_utc, utc_offset_min, site, session_id, "
                        "added_by, width, height, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, client.id);
    q.bind(2, utc_seconds(p.taken_at));
    q.bind(3, static_cast<int>(p.taken_at.offset.count()));
    q.bind(4, p.site);
    if (p.session_id)
        q.bind(5, *p.session_id);
    else
        q.bind(5);
    q.bind(6, p.added_by);
    q.bind(7, p.width);
    q.bind(8, p.height);
    q.bind(9, p.bytes);
    q.exec();
    p.id = db.getLastInsertRowid();
    SQLite::Statement images(db, "INSERT INTO photo_images (photo_id, image, thumbnail) VALUES (?, ?, ?)");
    images.bind(1, p.id);
    images.bindNoCopy(2, image.data(), static_cast<int>(image.size()));
    images.bindNoCopy(3, thumbnail.data(), static_cast<int>(thumbnail.size()));
    images.exec();
    audit("photo.add", &client, photo_label(p), {}, photo_json(*this, p), {});
    return p;
}

Photo Store::add_photo(const Photo& given, std::string_view image, std::string_view thumbnail) {
    Photo p = given;
    p.added_by.clear();  // this Store's actor
    p.site = normalize_site(p.site);
    check_photo(p, image, thumbnail);
    return impl_->guard([&] {
        auto t = impl_->begin_write();
        auto client = impl_->client_by_id(p.client_id);
        if (!client)
            throw UserError("client", std::to_string(p.client_id),
                            "client: no client with id " + std::to_string(p.client_id));
        p = impl_->insert_photo(p, *client, image, thumbnail);
        t.commit();
        return p;
    });
}

std::vector<Photo> Store::Impl::photos(std::int64_t client_id, bool deleted) {
    SQLite::Statement q(db, std::string(photo_columns) + "WHERE client_id = ? AND deleted_at_utc IS " +
                                (deleted ? "NOT NULL" : "NULL") + " ORDER BY taken_at_utc, id");
    q.bind(1, client_id);
    std::vector<Photo> out;
    while (q.executeStep()) out.push_back(photo_row(q));
    return out;
}

std::string Store::Impl::photo_image(std::int64_t photo_id, bool thumbnail) {
    SQLite::Statement q(
        db, std::string("SELECT ") + (thumbnail ? "thumbnail" : "image") + " FROM photo_images WHERE photo_id = ?");
    q.bind(1, photo_id);
    if (!q.executeStep()) return std::string();
    const auto& c = q.getColumn(0);
    return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

std::vector<Photo> Store::photos(std::int64_t client_id, bool deleted) const {
    return impl_->guard([&] { return impl_->photos(client_id, deleted); });
}

std::optional<Photo> Store::find_photo(std::int64_t client_id, std::int64_t photo_id) const {
    return impl_->guard([&]() -> std::optional<Photo> {
        SQLite::Statement q(impl_->db, std::string(photo_columns) + "WHERE client_id = ? AND id = ?");
        q.bind(1, client_id);
        q.bind(2, photo_id);
        if (q.executeStep()) return photo_row(q);
        return std::nullopt;
    });
}

std::string Store::photo_image(std::int64_t photo_id, bool thumbnail) const {
    return impl_->guard([&] { return impl_->photo_image(photo_id, thumbnail); });
}

namespace {

// Sets or clears a photo's deletion, audited as `action` with `reason`.
void mark_deleted(Store::Impl& impl, std::int64_t photo_id, bool deleted, std::string_view action,
                  std::string_view reason) {
    check_reason(reason);
    impl.guard([&] {
        auto t = impl.begin_write();
        SQLite::Statement q(impl.db, std::string(photo_columns) + "WHERE id = ?");
        q.bind(1, photo_id);
        if (!q.executeStep())
            throw UserError("photo", std::to_string(photo_id), "photo: no photo with id " + std::to_string(photo_id));
        const Photo p = photo_row(q);
        q.reset();
        if (p.deleted_at.has_value() == deleted)
            throw UserError("photo", std::to_string(photo_id),
                            "photo: photo " + std::to_string(photo_id) + " (" + photo_label(p) + ") is " +
                                (deleted ? "deleted already" : "not deleted"));
        auto client = impl.client_by_id(p.client_id);
        // Bringing a photo back keeps it again: only while she consents.
        if (!deleted && client && !client->photo_consent) throw no_photo_consent(client->name);
        SQLite::Statement u(impl.db, "UPDATE photos SET deleted_at_utc = " +
                                         std::string(deleted ? "strftime('%s', 'now')" : "NULL") + " WHERE id = ?");
        u.bind(1, photo_id);
        u.exec();
        const auto described = photo_json(impl, p);
        impl.audit(action, client ? &*client : nullptr, photo_label(p), deleted ? described : "",
                   deleted ? "" : described, reason);
        t.commit();
    });
}

}  // namespace

void Store::delete_photo(std::int64_t photo_id, std::string_view reason) {
    mark_deleted(*impl_, photo_id, true, "photo.delete", reason);
}

void Store::restore_photo(std::int64_t photo_id, std::string_view reason) {
    mark_deleted(*impl_, photo_id, false, "photo.restore", reason);
}

}  // namespace swelltrack
