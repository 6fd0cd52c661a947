// Treatment courses on the web (docs/clinical.md#treatment-courses): their figures on the
// therapist's view of a client and on a clinician's shared page, her own sentences on hers, and the
// therapist's forms to add, change and end a course, through the actions `swelltrack course` takes.
#include <algorithm>

#include "client_page.h"
#include "form.h"
#include "pages.h"
#include "remedy.h"
#include "request.h"
#include "swelltrack/actions.h"
#include "swelltrack/course_words.h"
#include "swelltrack/datetime.h"
#include "swelltrack/display.h"
#include "web_app.h"

namespace swelltrack::web {

namespace {

std::string form_value(const Form& f, const std::string& key) {
    auto it = f.find(key);
    return it == f.end() ? std::string() : std::string(detail::trim(it->second));
}

// The course the form describes (kind, from, to, note), parsed as `course add` parses its flags.
Course course_of(const Form& f) {
    Course c;
    c.kind = parse_enum<CourseKind>(form_value(f, "kind"), "kind");
    c.from = parse_date(form_value(f, "from"), "from");
    if (auto to = form_value(f, "to"); !to.empty()) c.to = parse_date(to, "to");
    c.note = f.count("note") ? f.at("note") : std::string();
    return c;
}

Form form_of(const Course& c) {
    return {{"kind", std::string(to_string(c.kind))},
            {"from", format_date(c.from)},
            {"to", c.to ? format_date(*c.to) : std::string()},
            {"note", c.note}};
}

// The fields of a course: its kind, first and last day, and a note.
void course_fields(Html& b, const FormState& st) {
    FormWriter w(b, st);
    b.open("div", {{"class", "field"}})
        .el("label", {{"for", "kind"}}, display::field_label("kind", LimbKind::arm))
        .open("select", {{"id", "kind"}, {"name", "kind"}, {"aria-invalid", w.invalid("kind") ? "true" : "false"}});
    for (const auto& name : names_of<CourseKind>()) {
        const auto label = course_words::kind_name(parse_enum<CourseKind>(name));
        if (w.value("kind") == name)
            b.el("option", {{"value", name}, {"selected", "selected"}}, label);
        else
            b.el("option", {{"value", name}}, label);
    }
    b.close("select").close("div");
    w.date("from", display::field_label("from", LimbKind::arm), "The first day of treatment.");
    w.date("to", display::field_label("to", LimbKind::arm),
           "Empty while the course runs; its figures are then the figures so far.");
    w.text("note", "What the course is (e.g. daily MLD and bandaging, Monday to Friday)", true);
}

// A course's figures for one limb as a two-column table of labelled lines.
void limb_table(Html& b, const History& h, const CourseFigures& f, std::size_t k) {
    b.open("div", {{"class", "scroll"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", display::limb_name(f.reduction[k].side, h.client.limb)}})
        .open("table", {{"class", "summary course"}})
        .el("caption", display::limb_name(f.reduction[k].side, h.client.limb))
        .open("tbody");
    for (const auto& line : course_words::limb_lines(h, f, k))
        b.open("tr").el("th", {{"scope", "row"}}, line.label).el("td", {{"class", "words"}}, line.value).close("tr");
    b.close("tbody").close("table").close("div");
}

}  // namespace

void courses_part(Html& b, const History& h, const std::vector<CourseFigures>& courses,
                  const std::string& change_path) {
    b.el("h2", {{"id", "courses"}}, "Treatment courses");
    if (courses.empty()) {
        b.el("p", {{"class", "muted"}}, "No treatment course recorded.");
        return;
    }
    b.el("p", {{"class", "muted small"}}, course_words::explanation(courses.front().reference));
    for (auto it = courses.rbegin(); it != courses.rend(); ++it) {  // the newest first
        const auto& f = *it;
        const auto id = "course-" + std::to_string(f.course.id);
        b.open("section", {{"class", "course"}, {"aria-labelledby", id}})
            .el("h3", {{"id", id}}, course_words::heading(f));
        if (!f.course.note.empty()) b.el("p", {{"class", "note"}, {"dir", "auto"}}, f.course.note);
        for (std::size_t k = 0; k < f.reduction.size(); ++k) limb_table(b, h, f, k);
        if (!f.running) {
            const auto rebounds = course_words::rebounds(h, f);
            if (rebounds.empty()) b.el("p", "Rebound: " + course_words::no_rebound() + ".");
            for (const auto& r : rebounds) b.el("p", {{"class", "alert"}}, "Rebound: " + r);
        }
        b.el("p", {{"class", "muted"}}, "What was done: " + course_words::work(f.work) + ".");
        if (!change_path.empty())
            b.open("p", {{"class", "changes"}})
                .el("a",
                    {{"href", change_path + std::to_string(f.course.id)},
                     {"aria-label", "Change or end: " + course_words::heading(f)}},
                    f.course.to ? "Change" : "Change or end")
                .close("p");
        b.close("section");
    }
}

void plain_courses(Html& b, const History& h, const std::vector<CourseFigures>& courses) {
    std::vector<std::string> sentences;
    for (auto it = courses.rbegin(); it != courses.rend(); ++it)  // the newest course first
        for (auto& s : course_words::plain(h, *it)) sentences.push_back(std::move(s));
    if (sentences.empty()) return;
    b.el("h2", {{"id", "courses"}}, "Your treatment");
    for (const auto& s : sentences) b.el("p", s);
    b.el("p", {{"class", "muted small"}},
         "The extra swelling is how much larger your affected limb is than it should be; your therapist "
         "has the details.");
}

// The therapist's "Add a treatment course" form on a client's page.
void WebApp::course_tools(Html& b, Call& c, const Client& client) {
    b.el("h3", {{"id", "add-course"}}, "Add a treatment course");
    FormState st;
    st.values = {{"kind", "cdt-intensive"}, {"from", format_date(now_local().local_date())}};
    b.open("form", {{"method", "post"}, {"action", client_path(client.name, "courses")}, {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    course_fields(b, st);
    b.el("button", {{"type", "submit"}}, "Add the course").close("form");
}

// POST /clients/{name}/courses: a new course, or the form again with what was wrong.
void WebApp::course_add(Call& c, const Client& client) {
    FormState st;
    st.values = c.form;
    try {
        auto added = actions::add_course(store(), client, course_of(c.form), actor(c));
        ++generation_;
        c.res.status = 303;
        c.res.set_header("Location", client_path(client.name, "") + "#course-" + std::to_string(added.id));
        return;
    } catch (const UserError& e) {
        st.error = error_text(e, client.limb);
        st.error_field = e.field();
    }
    Html b;
    b.el("h1", "Add a treatment course for " + client.name);
    error_box(b, st);
    b.open("form", {{"method", "post"}, {"action", client_path(client.name, "courses")}, {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    course_fields(b, st);
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}}, "Add the course")
        .el("a", {{"href", client_path(client.name, "") + "#courses"}, {"class", "button secondary"}}, "Back")
        .close("p")
        .close("form");
    reply_page(c, 422, "Add a treatment course", b);
}

// GET /clients/{name}/courses/{id}: the course's form filled in, and for a running one, its end.
// POST: action=save changes it, action=end ends it on the day `on` says.
void WebApp::page_course(Call& c, const Client& client) {
    std::optional<Course> stored;
    if (auto id = record_id(c.path.back())) {
        try {
            stored = actions::find_course(store(), client, *id);
        } catch (const UserError&) {  // not hers, or none: as for a name that does not exist
        }
    }
    if (!stored) {
        c.res.status = 404;
        return c.res.set_content("No such course of " + client.name + "\n", "text/plain; charset=utf-8");
    }
    FormState st, end_st;
    st.values = form_of(*stored);
    end_st.values = {{"on", format_date(now_local().local_date())}};
    if (c.req.method == "POST") {
        const bool ending = form_value(c.form, "action") == "end";
        auto& state = ending ? end_st : st;
        state.values = c.form;
        try {
            if (ending)
                actions::end_course(store(), client, *stored, parse_date(form_value(c.form, "on"), "to"), actor(c));
            else
                actions::edit_course(store(), client, *stored, course_of(c.form), actor(c));
            ++generation_;
            c.res.status = 303;
            c.res.set_header("Location", client_path(client.name, "") + "#course-" + std::to_string(stored->id));
            return;
        } catch (const UserError& e) {
            state.error = error_text(e, client.limb);
            state.error_field = ending ? "on" : e.field();  // the end form's one field
        }
    }
    const auto path = client_path(client.name, "courses/" + std::to_string(stored->id));
    Html b;
    b.el("h1", "Change the course " + course_span(*stored));
    b.el("p", {{"class", "muted"}},
         "Of " + client.name + ". The change and the values before it go into the record of changes.");
    error_box(b, st);
    b.open("form", {{"method", "post"}, {"action", path}, {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
        .leaf("input", {{"type", "hidden"}, {"name", "action"}, {"value", "save"}});
    course_fields(b, st);
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}}, "Save the course")
        .el("a",
            {{"href", client_path(client.name, "") + "#course-" + std::to_string(stored->id)},
             {"class", "button secondary"}},
            "Keep it as it is")
        .close("p")
        .close("form");
    if (!stored->to || !end_st.error.empty()) {
        b.el("h2", {{"id", "end"}}, "End the course");
        error_box(b, end_st);
        FormWriter w(b, end_st);
        b.open("form", {{"method", "post"}, {"action", path + "#end"}, {"class", "log"}})
            .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
            .leaf("input", {{"type", "hidden"}, {"name", "action"}, {"value", "end"}});
        w.date("on", "Its last day", "The last day of treatment; its figures are then final.");
        b.el("button", {{"type", "submit"}}, "End the course").close("form");
    }
    reply_page(c, st.error.empty() && end_st.error.empty() ? 200 : 422, "Change a treatment course", b);
}

}  // namespace swelltrack::web
