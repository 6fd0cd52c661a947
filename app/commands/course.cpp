// course add | list | show | edit | end: treatment courses and what they did
// (docs/clinical.md#treatment-courses).
#include <algorithm>

#include "../format.h"
#include "commands.h"
#include "swelltrack/actions.h"
#include "swelltrack/course_words.h"
#include "swelltrack/datetime.h"
#include "swelltrack/display.h"
#include "swelltrack/records.h"

namespace swelltrack::cli {
namespace {

struct AddOptions {
    std::string name, kind, from, to, note;
};
struct ListOptions {
    std::string name, format = "table";
};
struct ShowOptions {
    std::string name, format = "table";
    Flag id;
};
struct EditOptions {
    std::string name, kind, from, to, note;
    Flag id;
    bool running = false;
};
struct EndOptions {
    std::string name, on;
    Flag id;
};

date::year_month_day today() { return now_local().local_date(); }

actions::Actor actor_of(Store& store) { return actions::Actor{store.actor()}; }

// The course --id names, or the client's current one (running, else the newest).
Course named_course(Store& store, const Client& client, const Flag& id) {
    if (auto n = flag_whole(record_id, id)) return actions::find_course(store, client, *n);
    return actions::current_course(store, client);
}

void run_course_add(Context& ctx, const AddOptions& o) {
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    Course c;
    c.kind = parse_enum<CourseKind>(o.kind, "--kind");
    c.from = parse_date(o.from, "--from");
    c.to = optional_date(o.to, "--to");
    c.note = o.note;
    c = actions::add_course(store, client, c, actor_of(store));
    ctx.out << "course " << c.id << " added for " << display::terminal_text(client.name) << ": " << course_span(c)
            << "\n";
}

void run_course_list(Context& ctx, const ListOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    auto overview = actions::course_overview(store, client, today());
    if (format == Format::json) {
        auto out = records::Json::array();
        for (const auto& f : overview.courses) out.push_back(records::course_figures(overview.history, f));
        return print_json(ctx, out);
    }
    if (overview.courses.empty()) {
        ctx.out << display::terminal_text(client.name) << " has no courses yet. Add one: swelltrack course add \""
                << display::terminal_text(client.name) << "\" --kind cdt-intensive --from YYYY-MM-DD\n";
        return;
    }
    Table t({"id", "kind", "from", "to", "sessions", "excess change"}, {true, false, false, false, true, false});
    for (const auto& f : overview.courses) {
        std::string reduction;
        for (const auto& r : f.reduction)
            reduction += (reduction.empty() ? "" : "; ") + std::string(to_string(r.side)) + " " +
                         (r.reduction_pct ? display::pct(-*r.reduction_pct) : std::string(display::missing));
        t.add({std::to_string(f.course.id), std::string(to_string(f.course.kind)), format_date(f.course.from),
               f.course.to ? format_date(*f.course.to) : "(running)", std::to_string(f.sessions.size()), reduction});
    }
    ctx.out << t.str();
}

void print_course(Context& ctx, const History& h, const CourseFigures& f) {
    ctx.out << "Course " << f.course.id << ": " << course_words::heading(f) << "\n";
    if (!f.course.note.empty()) ctx.out << "  note: " << display::terminal_text(f.course.note) << "\n";
    ctx.out << "  Excess volume is measured against " << f.reference << ".\n";
    for (std::size_t k = 0; k < f.reduction.size(); ++k) {
        ctx.out << "  " << display::limb_name(f.reduction[k].side, h.client.limb) << "\n";
        const auto lines = course_words::limb_lines(h, f, k);
        std::size_t width = 0;
        for (const auto& line : lines) width = std::max(width, display_width(line.label));
        for (const auto& line : lines)
            ctx.out << "    " << line.label << std::string(width - display_width(line.label) + 2, ' ')
                    << display::terminal_text(line.value) << "\n";
    }
    auto rebounds = course_words::rebounds(h, f);
    if (!f.running) {
        ctx.out << "  Rebound after the course (rise alerts its end did not have): "
                << (rebounds.empty() ? "none so far" : "") << "\n";
        for (const auto& r : rebounds) ctx.out << "    " << r << "\n";
    }
    ctx.out << "  What was done: " << course_words::work(f.work) << ".\n";
}

void run_course_show(Context& ctx, const ShowOptions& o) {
    auto format = parse_format(o.format, {Format::table, Format::json});
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    const auto course = named_course(store, client, o.id);
    auto overview = actions::course_overview(store, client, today());
    for (const auto& f : overview.courses) {
        if (f.course.id != course.id) continue;
        if (format == Format::json) return print_json(ctx, records::course_figures(overview.history, f));
        ctx.out << display::terminal_text(client.name) << "\n";
        return print_course(ctx, overview.history, f);
    }
}

void run_course_edit(Context& ctx, const EditOptions& o) {
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    const auto stored = named_course(store, client, o.id);
    Course changed = stored;
    if (!o.kind.empty()) changed.kind = parse_enum<CourseKind>(o.kind, "--kind");
    if (!o.from.empty()) changed.from = parse_date(o.from, "--from");
    if (!o.to.empty()) changed.to = parse_date(o.to, "--to");
    if (o.running) changed.to.reset();
    if (!o.note.empty()) changed.note = o.note == "-" ? "" : o.note;
    auto c = actions::edit_course(store, client, stored, changed, actor_of(store));
    ctx.out << "course " << c.id << " of " << display::terminal_text(client.name) << ": " << course_span(c) << "\n";
}

void run_course_end(Context& ctx, const EndOptions& o) {
    auto& store = ctx.store();
    const auto client = store.get_client(o.name);
    const auto stored = named_course(store, client, o.id);
    const auto last_day = o.on.empty() ? today() : parse_date(o.on, "--on");
    auto c = actions::end_course(store, client, stored, last_day, actor_of(store));
    ctx.out << "course " << c.id << " of " << display::terminal_text(client.name) << " ended: " << course_span(c)
            << "\n";
}

constexpr const char* id_help = "The course's id, as 'swelltrack course list' shows it (default: the current one)";

}  // namespace

void setup_course(CLI::App& app, Context& ctx) {
    auto* course = add_group(app, "course", "Treatment courses (CDT intensive phase, maintenance) and their effect");

    auto [add, a] = add_command(*course, ctx, run_course_add, "add", "Add a course of treatment for a client");
    add->add_option("name", a->name, "Client name")->required();
    add->add_option("--kind", a->kind, detail::choices<CourseKind>())->required();
    add->add_option("--from", a->from, "First day, YYYY-MM-DD")->required();
    add->add_option("--to", a->to, "Last day, YYYY-MM-DD (leave out while it runs; 'course end' ends it)");
    add->add_option("--note", a->note, "What the course is (e.g. MLD daily, bandaging)");

    auto [list, l] =
        add_command(*course, ctx, run_course_list, "list", "A client's courses and their excess reduction");
    list->add_option("name", l->name, "Client name")->required();
    list->add_option("--format", l->format, "table (default) or json (every course with its figures)");

    auto [show, s] =
        add_command(*course, ctx, run_course_show, "show",
                    "What a course did: excess before and after, the immediate effect, how long it lasted");
    show->add_option("name", s->name, "Client name")->required();
    show->add_option("--id", s->id, id_help);
    show->add_option("--format", s->format, "table (default) or json");

    auto [edit, e] = add_command(*course, ctx, run_course_edit, "edit", "Change a course's kind, days or note");
    edit->add_option("name", e->name, "Client name")->required();
    edit->add_option("--id", e->id, id_help);
    edit->add_option("--kind", e->kind, detail::choices<CourseKind>());
    edit->add_option("--from", e->from, "First day, YYYY-MM-DD");
    auto* to = edit->add_option("--to", e->to, "Last day, YYYY-MM-DD");
    edit->add_flag("--running", e->running, "The course has not ended (clears its last day)")->excludes(to);
    edit->add_option("--note", e->note, "A new note ('-' clears it)");

    auto [end, n] = add_command(*course, ctx, run_course_end, "end", "End the running course");
    end->add_option("name", n->name, "Client name")->required();
    end->add_option("--id", n->id, id_help);
    end->add_option("--on", n->on, "Its last day, YYYY-MM-DD (default: today)");
}

}  // namespace swelltrack::cli
