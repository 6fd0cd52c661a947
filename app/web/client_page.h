#pragma once
// Parts of the therapist's view of a client's page that the read-only report page for a clinician
// shows as well (client_page.cpp, share_page.cpp).
#include <string>

#include "html.h"
#include "swelltrack/analysis.h"
#include "swelltrack/course.h"
#include "swelltrack/status.h"

namespace swelltrack::web {

/// "arm, affected: left, measured in cm, baseline date 2026-03-02": the line under her name.
std::string client_about(const Client& client);
/// How volumes are computed and what change is noise: the last line of the therapist's view.
std::string noise_note(const History& h);
/// The therapist's "How things stand": the badge and reason, every alert, the schedule.
void clinical_overview(Html& b, const History& h, const ClientStatus& st);
/// The baseline table as `client show` has it, with each protocol's baseline; or why there is none.
void baseline_part(Html& b, const History& h);
/// Each treatment course (the newest first) with its figures in the words `course show` uses; with
/// `change_path` (".../courses/"), a link to change or end each (course_page.cpp).
void courses_part(Html& b, const History& h, const std::vector<CourseFigures>& courses,
                  const std::string& change_path = {});
/// Her courses in her own words (course_words::plain); nothing when no figure is known yet.
void plain_courses(Html& b, const History& h, const std::vector<CourseFigures>& courses);

}  // namespace swelltrack::web
