// Photos of the skin: received, cleaned, kept, deleted and restored: the one path every face takes.
#include <algorithm>
#include <map>

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

Photo add_photo(Store& store, const Client& client, const NewPhoto& input, const Actor& actor) {
    if (!client.photo_consent) throw no_photo_consent(client.name);
    Photo p;
    p.client_id = client.id;
    p.site = normalize_site(input.site);
    validate_photo_site(p.site);
    p.taken_at = input.at ? *input.at : now_local();
    check_when_taken(p.taken_at, "taken_at", "photo");
    const auto in = imaging::take_in(input.file);
    p.width = in.image.width;
    p.height = in.image.height;
    store.set_actor(actor.name);
    return store.add_photo(p, in.image.jpeg, in.thumbnail.jpeg);
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
    std::vector<PhotoPair> out;
    std::map<std::string, Photo> last_of_site;
    for (const auto& p : store.photos(client.id)) {
        PhotoPair pair{p, std::nullopt};
        if (auto it = last_of_site.find(p.site); it != last_of_site.end()) pair.before = it->second;
        last_of_site.insert_or_assign(p.site, p);
        out.push_back(std::move(pair));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace swelltrack::actions
