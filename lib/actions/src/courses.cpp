// Treatment courses: adding, changing and ending one, and their figures: the one path every face takes.
#include "swelltrack/actions.h"
#include "swelltrack/datetime.h"

namespace swelltrack::actions {

Course add_course(Store& store, const Client& client, Course course, const Actor& actor) {
    course.client_id = client.id;
    store.set_actor(actor.name);
    return store.add_course(course);
}

Course find_course(const Store& store, const Client& client, std::int64_t id) {
    const auto all = store.courses(client.id);
    for (const auto& c : all)
        if (c.id == id) return c;
    std::string ids;
    for (const auto& c : all) ids += (ids.empty() ? "" : ", ") + std::to_string(c.id);
    throw UserError("id", std::to_string(id),
                    "id: " + client.name + " has no course " + std::to_string(id) +
                        (ids.empty() ? "; she has no courses yet" : "; her courses are " + ids));
}

Course current_course(const Store& store, const Client& client) {
    const auto all = store.courses(client.id);
    if (all.empty()) throw UserError("course", client.name, "course: " + client.name + " has no courses yet");
    for (const auto& c : all)
        if (!c.to) return c;
    return all.back();
}

Course edit_course(Store& store, const Client& client, const Course& stored, Course changed, const Actor& actor) {
    changed.id = stored.id;
    changed.client_id = client.id;
    store.set_actor(actor.name);
    store.update_course(changed);
    return find_course(store, client, stored.id);
}

Course end_course(Store& store, const Client& client, const Course& stored, date::year_month_day last_day,
                  const Actor& actor) {
    if (stored.to)
        throw UserError("course", std::to_string(stored.id),
                        "course: " + course_span(stored) + " ended already; change its last day with an edit");
    Course ended = stored;
    ended.client_id = client.id;
    ended.to = last_day;
    store.set_actor(actor.name);
    store.update_course(ended, "course.end");
    return find_course(store, client, stored.id);
}

CourseOverview course_overview(const Store& store, const Client& client, date::year_month_day today) {
    CourseOverview out{store.load_analyzed(client), {}};
    for (const auto& c : store.courses(client.id)) out.courses.push_back(course_figures(out.history, c, today));
    return out;
}

}  // namespace swelltrack::actions
