#pragma once
// Treatment courses (complete decongestive therapy: an intensive phase of daily treatment, then
// maintenance) and what the client's sessions say they did: the reduction of excess volume over
// the course, the immediate effect of one treatment, how much of the reduction lasted, and what was
// done. The definitions, with their sources, are in docs/clinical.md#treatment-courses.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "swelltrack/alerts.h"
#include "swelltrack/analysis.h"
#include "swelltrack/client.h"
#include "swelltrack/detail/enum_table.h"

namespace swelltrack {

enum class CourseKind { cdt_intensive, maintenance, other };
detail::EnumTable<CourseKind> enum_table(CourseKind);  // cdt-intensive, maintenance, other

struct Course {
    std::int64_t id = 0;  // 0 until stored
    std::int64_t client_id = 0;
    CourseKind kind = CourseKind::cdt_intensive;
    date::year_month_day from;
    std::optional<date::year_month_day> to;  // none: still running
    std::string note;
    friend bool operator==(const Course&, const Course&) = default;
};

/// The course ends on or after it begins and its note fits limits::note_bytes; a UserError naming
/// the field, the value and the rule otherwise.
void validate_course(const Course& course);
/// The first of `others` (one client's courses; `course` itself, by id, is left out) sharing a day
/// with `course` (a running course lasts until further notice), or nullptr.
const Course* overlapping_course(const Course& course, const std::vector<Course>& others);
/// "cdt-intensive 2025-03-03 to 2025-03-28", "maintenance since 2025-04-01 (running)".
std::string course_span(const Course& course);

/// How many days before and after a course's first and last day a session may be to stand for its
/// start and end, and how near a durability horizon a session must be.
inline constexpr int course_start_days_before = 14, course_start_days_after = 7;
inline constexpr int course_end_days_before = 7, course_end_days_after = 14;
inline constexpr int durability_weeks[] = {4, 12, 26};
/// Days either side of a durability horizon: a quarter of its weeks, at least 7.
int durability_window_days(int weeks);

/// The excess volume of one affected limb in one session: over the unaffected limb (one side
/// affected), or over its own baseline volume scaled by body weight (both sides affected).
struct LimbExcess {
    double ml = 0;
    double pct = 0;  // of the reference: the unaffected limb, or the weight-adjusted baseline volume
};

/// Start and end of the course for one affected limb. A figure that cannot be given has `missing`
/// saying which and why.
struct CourseReduction {
    Side side = Side::left;
    std::optional<std::size_t> start, end;  // sessions (History indices)
    std::optional<LimbExcess> start_excess, end_excess;
    std::optional<double> reduction_ml;   // start excess - end excess
    std::optional<double> reduction_pct;  // of the start excess
    std::string missing;
};

/// The after-minus-before change of one affected limb's volume on the days both were measured.
struct ImmediateEffect {
    Side side = Side::left;
    int pairs = 0;
    std::vector<std::pair<std::size_t, std::size_t>> paired;  // each pair's (before, after) History indices
    std::optional<double> mean_ml, sd_ml;                     // sd: sample standard deviation, from 2 pairs
    std::optional<double> mean_pct;                           // of the before volume
};

/// How much of the course's reduction one affected limb kept some weeks after the course ended.
struct Durability {
    int weeks = 0;
    Side side = Side::left;
    std::optional<std::size_t> session;
    std::optional<LimbExcess> excess;
    std::optional<double> reduction_pct;  // (start excess - excess then) / start excess
    std::optional<double> kept_pct;       // (start excess - excess then) / (start excess - end excess)
    std::string missing;
};

/// A rise alert (RVC or WAC over a threshold, a rapid or a sustained rise: alerts.h) on a session
/// after the course's last day and its end session, that the end session did not carry.
struct Rebound {
    std::size_t session = 0;
    AlertCode code = AlertCode::rvc_5;
};

/// What was done on the course's days, from its sessions.
struct CourseWork {
    int sessions = 0;
    int treatment_days = 0;  // days with a session before or after treatment, MLD or bandaging
    int mld_minutes = 0;     // per day the most any session recorded, summed
    int bandaging_days = 0;
    int compression_days = 0;        // days a garment or bandage was recorded as worn
    int compression_known_days = 0;  // days compression was recorded at all
};

struct CourseFigures {
    Course course;
    bool running = false;                    // no last day, or one still to come: the figures are "so far"
    date::year_month_day until;              // the last day counted: the last day, or today (before `from`: not begun)
    std::vector<std::size_t> sessions;       // those inside the course, oldest first
    std::string reference;                   // what excess is measured against, in words
    std::vector<CourseReduction> reduction;  // one per affected side
    std::vector<ImmediateEffect> immediate;  // one per affected side
    std::vector<Durability> durability;      // per horizon, then per affected side
    std::vector<Rebound> rebounds;           // the first of each, up to the 26-week horizon
    CourseWork work;
};

/// The course's figures from the client's analysed history (any protocol, any unit: volumes are mL).
CourseFigures course_figures(const History& history, const Course& course, date::year_month_day today);

}  // namespace swelltrack
