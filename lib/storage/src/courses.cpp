// Treatment courses: stored per client, never two on one day, every change audited.
#include <SQLiteCpp/SQLiteCpp.h>

#include "store_impl.h"
#include "swelltrack/datetime.h"
#include "swelltrack/error.h"
#include "swelltrack/records.h"

namespace swelltrack {
namespace {

constexpr const char* course_columns = "SELECT id, client_id, kind, from_date, to_date, note FROM courses ";

Course course_row(SQLite::Statement& q) {
    Course c;
    c.id = q.getColumn(0).getInt64();
    c.client_id = q.getColumn(1).getInt64();
    c.kind = parse_enum<CourseKind>(q.getColumn(2).getString());
    c.from = parse_date(q.getColumn(3).getString(), "from");
    if (!q.isColumnNull(4)) c.to = parse_date(q.getColumn(4).getString(), "to");
    c.note = q.getColumn(5).getString();
    return c;
}

}  // namespace

std::vector<Course> Store::Impl::courses(std::int64_t client_id) {
    SQLite::Statement q(db, std::string(course_columns) + "WHERE client_id = ? ORDER BY from_date, id");
    q.bind(1, client_id);
    std::vector<Course> out;
    while (q.executeStep()) out.push_back(course_row(q));
    return out;
}

void Store::Impl::check_no_overlap(const Course& course) {
    const auto others = courses(course.client_id);
    if (const auto* o = overlapping_course(course, others))
        throw UserError("from", format_date(course.from),
                        "from: this course (" + course_span(course) + ") shares days with the client's " +
                            course_span(*o) +
                            "; courses of one client may not overlap: end that one first, or choose other days");
}

namespace {
void bind_course(SQLite::Statement& q, const Course& c) {
    q.bind(1, std::string(to_string(c.kind)));
    q.bind(2, format_date(c.from));
    if (c.to)
        q.bind(3, format_date(*c.to));
    else
        q.bind(3);
    q.bind(4, c.note);
}

}  // namespace

std::int64_t Store::Impl::insert_course(const Course& c, const Client& client) {
    SQLite::Statement q(db, "INSERT INTO courses (kind, from_date, to_date, note, client_id) VALUES (?, ?, ?, ?, ?)");
    bind_course(q, c);
    q.bind(5, client.id);
    q.exec();
    Course stored = c;
    stored.id = db.getLastInsertRowid();
    stored.client_id = client.id;
    audit("course.add", &client, course_span(stored), {}, records::course(stored).dump(), {});
    return stored.id;
}

Course Store::add_course(const Course& given) {
    validate_course(given);
    return impl_->guard([&] {
        auto t = impl_->begin_write();
        Course c = given;
        c.id = 0;
        auto client = impl_->client_by_id(c.client_id);
        if (!client)
            throw UserError("client", std::to_string(c.client_id),
                            "client: no client with id " + std::to_string(c.client_id));
        impl_->check_no_overlap(c);
        c.id = impl_->insert_course(c, *client);
        t.commit();
        return c;
    });
}

std::vector<Course> Store::courses(std::int64_t client_id) const {
    return impl_->guard([&] { return impl_->courses(client_id); });
}

void Store::update_course(const Course& course, std::string_view action) {
    validate_course(course);
    impl_->guard([&] {
        auto t = impl_->begin_write();
        SQLite::Statement old_q(impl_->db, std::string(course_columns) + "WHERE id = ?");
        old_q.bind(1, course.id);
        if (!old_q.executeStep())
            throw UserError("course", std::to_string(course.id),
                            "course: no course with id " + std::to_string(course.id));
        const Course old = course_row(old_q);
        old_q.reset();
        if (old.client_id != course.client_id)
            throw UserError("course", std::to_string(course.id),
                            "course: course " + std::to_string(course.id) + " is another client's");
        if (old == course) return;  // nothing changes: nothing to audit
        impl_->check_no_overlap(course);
        SQLite::Statement q(impl_->db,
                            "UPDATE courses SET kind = ?, from_date = ?, to_date = ?, note = ? WHERE id = ?");
        bind_course(q, course);
        q.bind(5, course.id);
        q.exec();
        auto client = impl_->client_by_id(course.client_id);
        impl_->audit(action, client ? &*client : nullptr, course_span(course), records::course(old).dump(),
                     records::course(course).dump(), {});
        t.commit();
    });
}

}  // namespace swelltrack
