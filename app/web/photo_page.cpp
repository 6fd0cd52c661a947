// Photos of the skin on the web (docs/architecture.md#photos): the camera on the session form and
// on her page, her photos beside the one before of the same site, each image served only to who may
// see the client, and the therapist's record of her consent; all through the actions `swelltrack
// photo` takes.
#include <map>
#include <set>

#include "client_page.h"
#include "form.h"
#include "pages.h"
#include "remedy.h"
#include "replies.h"
#include "request.h"
#include "swelltrack/actions.h"
#include "swelltrack/datetime.h"
#include "swelltrack/display.h"
#include "swelltrack/entry.h"
#include "swelltrack/records.h"
#include "web_app.h"

namespace swelltrack::web {

namespace {

std::string photo_path(const Client& client, const Photo& p, bool thumbnail) {
    return client_path(client.name, "photos/" + std::to_string(p.id) + (thumbnail ? "/thumbnail" : ""));
}

std::string trimmed(const Form& f, const std::string& key) {
    auto it = f.find(key);
    return it == f.end() ? std::string() : std::string(detail::trim(it->second));
}

// One thumbnail that opens the photo, with its day and site under it; with `deletable`, a link to
// delete it.
void figure(Html& b, const Client& client, const Photo& p, std::string_view what, bool deletable = false) {
    const auto when = format_date(p.taken_at.local_date());
    // The thumbnail's own size: the longer side 320 px, the other in proportion (as imaging.h cuts it).
    const int longer = std::max(p.width, p.height), side = limits::photo_thumbnail_px;
    const auto w = std::to_string(p.width >= p.height ? side : (p.width * side + longer / 2) / longer);
    const auto h = std::to_string(p.height >= p.width ? side : (p.height * side + longer / 2) / longer);
    b.open("figure", {{"class", "photo"}})
        .open("a", {{"href", photo_path(client, p, false)}})
        .leaf("img", {{"src", photo_path(client, p, true)},
                      {"alt", std::string(what) + ": " + p.site + ", " + when},
                      {"width", w},
                      {"height", h},
                      {"loading", "lazy"}})
        .close("a")
        .el("figcaption", std::string(what) + ", " + when);
    if (deletable)
        b.open("p", {{"class", "changes"}})
            .el("a",
                {{"href", photo_path(client, p, false) + "/delete"},
                 {"aria-label", "Delete the photo of " + p.site + ", " + when}},
                "Delete")
            .close("p");
    b.close("figure");
}

// Her sites so far, for the site field's suggestions: the same words each time pair the photos.
std::vector<std::string> sites_of(const std::vector<Photo>& photos) {
    std::set<std::string> seen;
    std::vector<std::string> out;
    for (auto it = photos.rbegin(); it != photos.rend(); ++it)
        if (seen.insert(it->site).second) out.push_back(it->site);
    return out;
}

}  // namespace

void photo_fields(Html& b, const FormState& st, const std::vector<Photo>& photos, bool plain, bool optional) {
    const auto sites = sites_of(photos);
    FormWriter w(b, st);
    b.open("fieldset", {{"class", "photo-fields"}})
        .el("legend", !optional ? "The photo"
                      : plain   ? "A photo of your skin (optional)"
                                : "A photo of the skin (optional)")
        .open("div", {{"class", "field"}})
        .el("label", {{"for", "photo"}}, "Photo")
        .leaf("input", {{"id", "photo"},
                        {"name", "photo"},
                        {"type", "file"},
                        {"accept", "image/jpeg,image/png,image/heic,image/webp,image/*"},
                        {"capture", "environment"},
                        {"aria-invalid", w.invalid("photo") ? "true" : "false"},
                        {"aria-describedby", w.described_by("photo-hint", "photo")}})
        .el("span", {{"class", "hint muted"}, {"id", "photo-hint"}},
            "Take it with the camera or choose one. Where and when it was taken, and the camera, are removed "
            "before it is kept.")
        .close("div")
        .open("div", {{"class", "field"}})
        .el("label", {{"for", "photo_site"}}, "Where on the body")
        .leaf("input", {{"id", "photo_site"},
                        {"name", "photo_site"},
                        {"type", "text"},
                        {"list", "photo-sites"},
                        {"value", w.value("photo_site")},
                        {"aria-invalid", w.invalid("photo_site") ? "true" : "false"},
                        {"aria-describedby", w.described_by("photo_site-hint", "photo_site")}})
        .el("span", {{"class", "hint muted"}, {"id", "photo_site-hint"}},
            "e.g. left forearm; the same words each time put the photos side by side.")
        .open("datalist", {{"id", "photo-sites"}});
    for (const auto& s : sites) b.leaf("option", {{"value", s}});
    b.close("datalist").close("div").close("fieldset");
}

std::optional<actions::NewPhoto> photo_sent(const WebApp::Call& c) {
    auto it = c.files.find("photo");
    if (it == c.files.end() || (it->second.filename.empty() && it->second.body.empty())) return std::nullopt;
    actions::NewPhoto input;
    input.file = it->second.body;
    input.site = trimmed(c.form, c.form.count("photo_site") ? "photo_site" : "site");
    return input;
}

std::string photo_field(const UserError& e) {
    if (e.field() == "site") return "photo_site";
    if (e.field() == "photo" || e.field() == "photo consent" || e.field() == "taken_at") return "photo";
    return e.field();
}

// The photos part of a client's page: each photo with the one before of the same site, the newest
// first; the form to add one; without her consent, how it is recorded.
void WebApp::photos_part(Html& b, Call& c, const Client& client) {
    const bool plain = c.who->role == Role::client;
    b.el("h2", {{"id", "photos"}}, plain ? "Photos of your skin" : "Photos");
    if (!client.photo_consent) {
        if (plain) {
            b.el("p", {{"class", "muted"}},
                 "Photos of your skin are kept only if you agree. Tell your therapist if you do.");
            return;
        }
        b.el("p", {{"class", "muted"}}, "She has not agreed that photos of her skin are kept. Once she agrees:");
        b.open("form", {{"method", "post"}, {"action", client_path(client.name, "photo-consent")}})
            .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
            .leaf("input", {{"type", "hidden"}, {"name", "consent"}, {"value", "yes"}})
            .el("button", {{"type", "submit"}}, "Record her consent to photos")
            .close("form");
        return;
    }
    const auto pairs = actions::photo_pairs(store(), client);
    if (pairs.empty())
        b.el("p", {{"class", "muted"}}, "No photos yet.");
    else
        b.el("p", {{"class", "muted small"}},
             plain ? "The newest photo of each place beside the one before it."
                   : "Each site's newest photo beside the one before it. A photo taken with a session is also "
                     "shown with it below.");
    constexpr std::size_t shown = 6;  // sites
    b.open("ul", {{"class", "photos"}});
    for (std::size_t i = 0; i < pairs.size() && i < shown; ++i) {
        const auto& pair = pairs[i];
        b.open("li", {{"class", "card"}}).el("h3", {{"dir", "auto"}}, pair.photo.site).open("div", {{"class", "pair"}});
        if (pair.before) figure(b, client, *pair.before, "Before", may_delete(c, *pair.before));
        figure(b, client, pair.photo, pair.before ? "Then" : "Photo", may_delete(c, pair.photo));
        b.close("div").close("li");
    }
    b.close("ul");
    if (pairs.size() > shown)
        b.el("p", {{"class", "muted small"}},
             "Photos of " + std::to_string(pairs.size() - shown) + " more site(s) are in the PDF report.");
    b.el("h3", {{"id", "add-photo"}}, "Add a photo");
    FormState st;
    b.open("form", {{"method", "post"},
                    {"action", client_path(client.name, "photos")},
                    {"enctype", "multipart/form-data"},
                    {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    photo_fields(b, st, store().photos(client.id), plain, false);
    b.el("button", {{"type", "submit"}}, "Keep the photo").close("form");
    if (!plain)
        b.open("form", {{"method", "post"}, {"action", client_path(client.name, "photo-consent")}})
            .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
            .leaf("input", {{"type", "hidden"}, {"name", "consent"}, {"value", "no"}})
            .el("button", {{"type", "submit"}, {"class", "secondary"}}, "She withdrew her consent: keep no new photos")
            .close("form");
}

std::map<std::int64_t, std::vector<Photo>> photos_by_session(const Store& store, const Client& client) {
    std::map<std::int64_t, std::vector<Photo>> out;
    for (auto& p : store.photos(client.id))
        if (p.session_id) out[*p.session_id].push_back(std::move(p));
    return out;
}

void session_photos(Html& b, const Client& client, const std::vector<Photo>& photos) {
    b.open("div", {{"class", "pair"}});
    for (const auto& p : photos) figure(b, client, p, "Photo");
    b.close("div");
}

// POST /clients/{name}/photos (multipart: photo, photo_site): kept, or the form again with why not.
void WebApp::photo_add(Call& c, const Client& client) {
    FormState st;
    st.values = c.form;
    try {
        const auto input = photo_sent(c);
        if (!input) throw UserError("photo", "", "photo: choose a photo, or take one with the camera");
        const auto p = actions::add_photo(store(), client, *input, actor(c));
        ++generation_;
        c.res.status = 303;
        c.res.set_header("Location", client_path(client.name, "") + "?photo=" + std::to_string(p.id) + "#photos");
        return;
    } catch (const UserError& e) {
        st.error = error_text(e, client.limb);
        st.error_field = photo_field(e);
    }
    Html b;
    b.el("h1", "Add a photo: " + client.name);
    error_box(b, st);
    b.open("form", {{"method", "post"},
                    {"action", client_path(client.name, "photos")},
                    {"enctype", "multipart/form-data"},
                    {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    photo_fields(b, st, store().photos(client.id), c.who->role == Role::client, false);
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}}, "Keep the photo")
        .el("a", {{"href", client_path(client.name, "") + "#photos"}, {"class", "button secondary"}}, "Back")
        .close("p")
        .close("form");
    reply_page(c, 422, "Add a photo", b);
}

// GET /clients/{name}/photos/{id}[/thumbnail]: the JPEG, to who may see the client, never cached.
void WebApp::photo_file(Call& c, const Client& client) {
    const bool thumbnail = c.path.back() == "thumbnail";
    std::optional<Photo> p;
    if (auto id = record_id(c.path[3])) {
        try {
            p = actions::find_photo(store(), client, *id);
        } catch (const UserError&) {  // not hers, deleted, or none: as for a name that does not exist
        }
    }
    if (!p) {
        c.res.status = 404;
        return c.res.set_content("No such photo of " + client.name + "\n", "text/plain; charset=utf-8");
    }
    c.res.status = 200;
    c.res.set_content(actions::photo_jpeg(store(), *p, thumbnail), "image/jpeg");
    c.res.set_header("Content-Disposition", "inline; filename=\"photo-" + std::to_string(p->id) + ".jpg\"");
}

bool WebApp::may_delete(const Call& c, const Photo& p) {
    return c.who->role == Role::therapist || p.added_by == actor(c).name;
}

// GET /clients/{name}/photos/{id}/delete: the photo and a reason to give; POST: deleted (kept, with
// the reason, for `photo restore`). Her therapist deletes any; she the ones she added.
void WebApp::photo_delete(Call& c, const Client& client) {
    std::optional<Photo> p;
    if (auto id = record_id(c.path[3])) {
        try {
            p = actions::find_photo(store(), client, *id);
        } catch (const UserError&) {
        }
    }
    if (!p) {
        c.res.status = 404;
        return c.res.set_content("No such photo of " + client.name + "\n", "text/plain; charset=utf-8");
    }
    if (!may_delete(c, *p)) {
        c.res.status = 403;
        return c.res.set_content("Only your therapist may delete a photo you did not add.\n",
                                 "text/plain; charset=utf-8");
    }
    FormState st;
    if (c.req.method == "POST") {
        st.values = c.form;
        try {
            actions::delete_photo(store(), client, *p, st.values["reason"], actor(c));
            ++generation_;
            c.res.status = 303;
            c.res.set_header("Location", client_path(client.name, "") + "#photos");
            return;
        } catch (const UserError& e) {
            st.error = error_text(e, client.limb);
            st.error_field = e.field();
        }
    }
    Html b;
    b.el("h1", "Delete the photo of " + photo_label(*p) + "?");
    b.el("p",
         "It is no longer shown, nor in reports and exports. It is kept, with your reason, and her therapist "
         "can bring it back.");
    figure(b, client, *p, "Photo");
    error_box(b, st);
    FormWriter w(b, st);
    b.open("form", {{"method", "post"}, {"action", photo_path(client, *p, false) + "/delete"}, {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    w.text("reason", "Why delete it (e.g. blurred, the wrong arm)", true);
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}, {"class", "danger"}}, "Delete the photo")
        .el("a", {{"href", client_path(client.name, "") + "#photos"}, {"class", "button secondary"}}, "Keep it")
        .close("p")
        .close("form");
    reply_page(c, st.error.empty() ? 200 : 422, "Delete a photo", b);
}

// POST /clients/{name}/photo-consent (consent=yes|no): the therapist records her consent, audited
// as a change of her details.
void WebApp::photo_consent(Call& c, const Client& client) {
    Client changed = client;
    try {
        changed.photo_consent = parse_yes_no(trimmed(c.form, "consent"), "consent");
        actions::edit_client(store(), client, changed, {}, actor(c));
    } catch (const UserError& e) {
        c.res.status = 422;
        return c.res.set_content(error_text(e) + "\n", "text/plain; charset=utf-8");
    }
    ++generation_;
    c.res.status = 303;
    c.res.set_header("Location", client_path(client.name, "") + "#photos");
}

// GET /api/clients/{name}/photos: her photos as `photo list --format json` gives them.
void WebApp::api_photos(Call& c, const Client& client) {
    auto out = nlohmann::json::array();
    for (const auto& p : store().photos(client.id)) {
        std::optional<DateTime> session_at;
        if (p.session_id)
            if (auto s = store().session_by_id(*p.session_id)) session_at = s->recorded_at;
        out.push_back(nlohmann::json::parse(records::photo(p, session_at).dump()));
    }
    json_reply(c.res, 200, out);
}

// POST /api/clients/{name}/photos (multipart: photo, site, taken_at): 201 {"id": ...}.
void WebApp::api_add_photo(Call& c, const Client& client) {
    if (c.req.get_header_value("Content-Type").rfind("multipart/form-data", 0) != 0)
        return json_reply(c.res, 415, error_body("send multipart/form-data with the field photo", "Content-Type"));
    try {
        auto input = photo_sent(c);
        if (!input) throw UserError("photo", "", "photo: the field photo (a file) is missing");
        if (auto at = trimmed(c.form, "taken_at"); !at.empty()) input->at = parse_local_datetime(at, "taken_at");
        const auto p = actions::add_photo(store(), client, *input, actor(c));
        ++generation_;
        c.res.set_header("Location", "/api/clients/" + percent_encode(client.name) + "/photos");
        json_reply(c.res, 201,
                   {{"id", p.id},
                    {"width", p.width},
                    {"height", p.height},
                    {"bytes", p.bytes},
                    {"taken_at", format_datetime(p.taken_at)},
                    {"site", p.site}});
    } catch (const UserError& e) {
        json_reply(c.res, 422, error_body(error_text(e), e.field()));
    }
}

}  // namespace swelltrack::web
