#pragma once
// A course's figures in words, as every face shows them: the terminal (`course show`), the
// therapist's page, the client's page (plain words) and the trend report.
#include <string>
#include <vector>

#include "swelltrack/course.h"

namespace swelltrack::course_words {

/// "Intensive phase (CDT)", "Maintenance phase", "Course".
std::string kind_name(CourseKind kind);
/// What the client calls it: "intensive treatment", "maintenance phase", "treatment".
std::string plain_kind(CourseKind kind);
/// What the figures mean, for a reader without the software; `reference` is what excess is measured
/// against (CourseFigures::reference).
std::string explanation(const std::string& reference);
/// The rebound line of an ended course without one: "none up to 26 weeks after, as far as measured".
std::string no_rebound();

/// "Intensive phase (CDT) 2025-03-03 to 2025-03-28: 26 days, 6 sessions" or "... since 2025-03-03
/// (running, figures so far): 10 days, 4 sessions".
std::string heading(const CourseFigures& f);

/// One labelled figure of a limb.
struct Line {
    std::string label, value;
};
/// The k-th affected limb's figures: start, end (or "so far"), reduction, immediate effect, and
/// each durability horizon; a missing figure says why.
std::vector<Line> limb_lines(const History& h, const CourseFigures& f, std::size_t k);

/// "3 treatment days, 115 min of MLD, bandaging on 2 days, compression worn on 2 of the 2 days it
/// was recorded".
std::string work(const CourseWork& w);

/// "2025-04-25 09:00: rvc_5 (relative volume change ...)" per rebound; empty when none.
std::vector<std::string> rebounds(const History& h, const CourseFigures& f);

/// The client's own words, one sentence per affected limb: "During your intensive treatment from
/// 2025-03-03 to 2025-03-28, the extra swelling of your left arm went down by 52%. 4 weeks after it
/// ended, 39% of it was still gone." ("Since your maintenance phase began on ..." while running.)
/// Empty when the figures are not known.
std::vector<std::string> plain(const History& h, const CourseFigures& f);

}  // namespace swelltrack::course_words
