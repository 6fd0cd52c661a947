// Photos of the skin: received, cleaned, kept, deleted and restored: the one path every face takes.
#include <algorithm>
#include <map>
#include <tuple>

#include "swelltrack/actions.h"
#include "swelltrack/datetime.h"
#include "swelltrack/imaging.h"

namespace swelltrack::actions {
namespace {

// "3, 5 and 8"-style list of ids, or what to say when there are none.
std::string id_list(const std::vector<Photo>& photos) {
    std::string ids;
    for (const auto& p : photos) ids += (ids.empty() ? "" : ", ") + std::to_string(p.id);
    return ids;
}

}  // namespace

PreparedPhoto prepare_photo(const Client& client, const NewPhoto& input) {
    if (!client.photo_consent) throw no_photo_consent(client.name);
    PreparedPhoto out;
    auto& p = out.photo;
    p.client_id = client.id;
    p.site = normalize_site(input.site);
    validate_photo_site(p.site);
    p.taken_at = input.at ? *input.at : now_local();
    check_when_taken(p.taken_at, "taken_at", "photo");
    auto in = imaging::take_in(input.file);
    p.width = in.image.width;
    p.height = in.image.height;
    out.image = std::move(in.image.jpeg);
    out.thumbnail = std::move(in.thumbnail.jpeg);
    return out;
}

Photo keep_photo(Store& store, const PreparedPhoto& prepared, const Actor& actor, const std::optional<DateTime>& at) {
    Photo p = prepared.photo;
    if (at) p.taken_at = *at;
    store.set_actor(actor.name);
    return store.add_photo(p, prepared.image, prepared.thumbnail);
}

Photo add_photo(Store& store, const Client& client, const NewPhoto& input, const Actor& actor) {
    return keep_photo(store, prepare_photo(client, input), actor);
}

Photo find_photo(const Store& store, const Client& client, std::int64_t id) {
    if (auto p = store.find_photo(client.id, id); p && !p->deleted_at) return *p;
    const auto ids = id_list(store.photos(client.id));
    throw UserError("id", std::to_string(id),
                    "id: " + client.name + " has no photo " + std::to_string(id) +
                        (ids.empty() ? "; she has no photos" : "; her photos are " + ids));
}

void delete_photo(Store& store, const Client& client, const Photo& photo, std::string_view reason, const Actor& actor) {
    if (photo.client_id != client.id) find_photo(store, client, photo.id);  // another client's: refused
    store.set_actor(actor.name);
    store.delete_photo(photo.id, reason);
}

Photo restore_photo(Store& store, const Client& client, std::int64_t id, std::string_view reason, const Actor& actor) {
    auto p = store.find_photo(client.id, id);
    if (!p || !p->deleted_at) {
        const auto ids = id_list(store.photos(client.id, true));
        throw UserError("id", std::to_string(id),
                        "id: " + client.name + " has no deleted photo " + std::to_string(id) +
                            (ids.empty() ? "; none of hers is deleted" : "; her deleted photos are " + ids));
    }
    store.set_actor(actor.name);
    store.restore_photo(id, reason);
    return find_photo(store, client, id);
}

std::string photo_jpeg(const Store& store, const Photo& photo, bool thumbnail) {
    return store.photo_image(photo.id, thumbnail);
}

std::vector<PhotoPair> photo_pairs(const Store& store, const Client& client) {
    std::map<std::string, PhotoPair> by_site;  // oldest first in: each site ends with its newest two
    for (const auto& p : store.photos(client.id)) {
        auto [it, fresh] = by_site.try_emplace(p.site, PhotoPair{p, std::nullopt});
        if (!fresh) it->second = PhotoPair{p, it->second.photo};
    }
    std::vector<PhotoPair> out;
    for (auto& [site, pair] : by_site) out.push_back(std::move(pair));
    std::sort(out.begin(), out.end(), [](const PhotoPair& a, const PhotoPair& b) {
        return std::tie(b.photo.taken_at.utc, b.photo.id) < std::tie(a.photo.taken_at.utc, a.photo.id);
    });
    return out;
}

ReportPhotos report_photos(const Store& store, const Client& client, std::optional<date::year_month_day> from,
                           std::optional<date::year_month_day> to, std::size_t most, int side) {
    std::vector<Photo> in_period;
    for (auto& p : store.photos(client.id)) {
        const auto day = p.taken_at.local_date();
        if ((!from || day >= *from) && (!to || day <= *to)) in_period.push_back(std::move(p));
    }
    ReportPhotos out;
    if (in_period.size() > most) {
        out.left_out = in_period.size() - most;
        in_period.erase(in_period.begin(), in_period.begin() + static_cast<std::ptrdiff_t>(out.left_out));
    }
    for (auto& p : in_period) {
        const auto rendition = imaging::scaled(store.photo_image(p.id), side);
        out.photos.push_back(PhotoImage{std::move(p), rendition.jpeg, rendition.width, rendition.height});
    }
    return out;
}

}  // namespace swelltrack::actions
