// photo add | list | export | delete | restore: photos of the skin (docs/architecture.md#photos).
#include "../format.h"
#include "commands.h"
#include "swelltrack/actions.h"
#include "swelltrack/datetime.h"
#include "swelltrack/display.h"
#include "swelltrack/file.h"
#include "swelltrack/imaging.h"
#include "swelltrack/limits.h"
#include "swelltrack/records.h"
#include "swelltrack/report.h"

namespace swelltrack::cli {
namespace {

struct AddOptions {
    std::string name, file, site, at;
};
struct ListOptions {
    std::string name, format = "table";
};
struct ExportOptions {
    std::string name, output;
    Flag id;
    bool force = false, thumbnail = false;
};
struct DeleteOptions {
    std::string name, reason;
    Flag id;
};

actions::Actor actor_of(Store& store) { return actions::Actor{store.actor()}; }

std::string size_text(const Photo& p) {
    return std::to_string(p.width) + " x " + std::to_string(p.height) + ", " + std::to_string((p.bytes + 512) / 1024) +
           " KB";
}

void run_photo_add(Context& ctx, const AddOptions& o) {
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    actions::NewPhoto input;
    input.site = o.site;
    if (!o.at.empty()) input.at = parse_local_datetime(o.at, "--at");
    if (!client.photo_consent) throw no_photo_consent(client.name);  // before reading a large file
    input.file = read_file_bounded(o.file, static_cast<std::uint64_t>(limits::photo_bytes.hi), imaging::check_size);
    const auto p = actions::add_photo(store, client, input, actor_of(store));
    ctx.out << "photo " << p.id << " added for " << display::terminal_text(client.name) << ": "
            << display::terminal_text(photo_label(p)) << " (" << size_text(p) << ", upright, without metadata)"
            << (p.session_id ? "; it belongs to the session of " + display::minute(p.taken_at) : "") << "\n";
}

void run_photo_list(Context& ctx, const ListOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    const auto photos = store.photos(client.id);
    if (format == Format::json) {
        auto out = records::Json::array();
        for (const auto& p : photos) {
            std::optional<DateTime> session_at;
            if (p.session_id)
                if (auto s = store.session_by_id(*p.session_id)) session_at = s->recorded_at;
            out.push_back(records::photo(p, session_at));
        }
        return print_json(ctx, out);
    }
    if (photos.empty()) {
        ctx.out << display::terminal_text(client.name) << " has no photos."
                << (client.photo_consent ? "" : " Her consent is not recorded.") << "\n";
        return;
    }
    Table t({"id", "taken", "site", "size", "session"}, {true, false, false, false, false});
    for (const auto& p : photos)
        t.add({std::to_string(p.id), display::minute(p.taken_at), display::terminal_text(p.site), size_text(p),
               p.session_id ? "yes" : ""});
    ctx.out << t.str();
}

void run_photo_export(Context& ctx, const ExportOptions& o) {
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    const auto p = actions::find_photo(store, client, *flag_whole(record_id, o.id));
    const auto jpeg = actions::photo_jpeg(store, p, o.thumbnail);
    if (o.output == "-") {
        ctx.out << jpeg;
        return;
    }
    write_private_file(o.output, jpeg, o.force);
    ctx.out << "photo " << p.id << " (" << display::terminal_text(photo_label(p)) << ") written to " << o.output
            << "\n";
}

void run_photo_delete(Context& ctx, const DeleteOptions& o) {
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    const auto p = actions::find_photo(store, client, *flag_whole(record_id, o.id));
    actions::delete_photo(store, client, p, o.reason, actor_of(store));
    ctx.out << "photo " << p.id << " (" << display::terminal_text(photo_label(p)) << ") of "
            << display::terminal_text(client.name) << " deleted; 'swelltrack photo restore \""
            << display::terminal_text(client.name) << "\" " << p.id << " --reason TEXT' brings it back\n";
}

void run_photo_restore(Context& ctx, const DeleteOptions& o) {
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    const auto p = actions::restore_photo(store, client, *flag_whole(record_id, o.id), o.reason, actor_of(store));
    ctx.out << "photo " << p.id << " (" << display::terminal_text(photo_label(p)) << ") of "
            << display::terminal_text(client.name) << " restored\n";
}

constexpr const char* id_help = "The photo's id, as 'swelltrack photo list' shows it";

}  // namespace

void setup_photo(CLI::App& app, Context& ctx) {
    auto* photo = add_group(app, "photo", "Photos of the skin, kept upright and without metadata (GPS, camera, time)");

    auto [add, a] = add_command(*photo, ctx, run_photo_add, "add",
                                "Add a photo (JPEG, PNG, HEIC or WebP) of a client who agreed to it");
    add->add_option("name", a->name, "Client name")->required();
    add->add_option("file", a->file, "The picture ('-': standard input)")->required();
    add->add_option("--site", a->site, "Where on the body, e.g. \"left forearm\" (1-100 bytes)")->required();
    add->add_option("--at", a->at,
                    "When it was taken, YYYY-MM-DDTHH:MM[+HH:MM] (default: now); a session in the same minute "
                    "gets it");

    auto [list, l] = add_command(*photo, ctx, run_photo_list, "list", "A client's photos, oldest first");
    list->add_option("name", l->name, "Client name")->required();
    list->add_option("--format", l->format, "table (default) or json (id, taken_at, site, size, session)");

    auto [exp, e] = add_command(*photo, ctx, run_photo_export, "export", "Write a photo to a JPEG file");
    exp->add_option("name", e->name, "Client name")->required();
    exp->add_option("id", e->id, id_help)->required();
    exp->add_flag("--thumbnail", e->thumbnail, "The thumbnail (320 px) instead of the photo");
    add_output_options(exp, e->output, e->force, "The JPEG file to write (created 0600; '-': standard output)");
    exp->get_option("-o")->required();

    auto [del, d] = add_command(*photo, ctx, run_photo_delete, "delete",
                                "Delete a photo (kept, with the reason, for 'photo restore')");
    del->add_option("name", d->name, "Client name")->required();
    del->add_option("id", d->id, id_help)->required();
    del->add_option("--reason", d->reason, "Why (goes into the audit trail)")->required();

    auto [res, r] = add_command(*photo, ctx, run_photo_restore, "restore", "Bring back a deleted photo");
    res->add_option("name", r->name, "Client name")->required();
    res->add_option("id", r->id, "The deleted photo's id, as 'swelltrack audit' shows it")->required();
    res->add_option("--reason", r->reason, "Why (goes into the audit trail)")->required();
}

}  // namespace swelltrack::cli
