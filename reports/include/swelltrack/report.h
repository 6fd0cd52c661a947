#pragma once
// PDF reports: a client's trend report and the clinic summary.
// Input is loaded domain values only; reports/ never touches SQL.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "swelltrack/analysis.h"
#include "swelltrack/course.h"
#include "swelltrack/photo.h"
#include "swelltrack/status.h"

namespace swelltrack {

enum class Paper { a4, letter };
Paper parse_paper(std::string_view text);  // "a4" | "letter", UserError otherwise

struct ReportOptions {
    Paper paper = Paper::a4;
    std::optional<date::year_month_day> from, to;  // narrow what is shown; figures still use all data
    std::string generated_at;                      // e.g. format_datetime(now_local()), printed in footers
    /// The instant attention is judged at (infection signs of the 14 days before it; days since
    /// the last session); none: the moment the report is drawn.
    std::optional<date::sys_seconds> now;
    std::string program_version = SWELLTRACK_VERSION;
    std::string author = "swelltrack";  // the PDF's Author field, e.g. the clinic or therapist
    /// User-defined protocols the sessions use, for the per-point profile's distances; built-ins are
    /// found by name. A session whose protocol is in neither is profiled by point number.
    std::vector<Protocol> protocols;
    /// Listed under "Corrections (from the audit trail)", each a sentence as the audit trail words
    /// it (what changed, why, by whom, when), wrapped and never cut; "No corrections recorded."
    /// when empty.
    std::vector<std::string> corrections;
    /// Charts for the client herself: titles, legends and notes in plain words ("the start", "your
    /// left arm"), without codes (RVC, WAC) or formulas. The report is always the clinician's.
    bool plain_words = false;
    /// The client's treatment courses with their figures (course_figures over the same History the
    /// report is given), for the section "Treatment courses and their effect"; none: no section.
    std::vector<CourseFigures> courses;
    /// Photos of the skin for the section "Photos of the skin", by site and date (JPEGs to embed,
    /// e.g. 1024 px); none: no section. `photos_left_out`: how many more the period has.
    std::vector<PhotoImage> photos;
    std::size_t photos_left_out = 0;
};

/// The whole trend report as PDF bytes. `history` holds every session of the client.
std::string render_trend_report(const History& history, const ReportOptions& options);

/// The clinic summary as PDF bytes: one row per client, worst first as given.
std::string render_clinic_summary(const std::vector<ClientStatus>& statuses, const ReportOptions& options);

/// Writes bytes to `path` created 0600 and replaced atomically (swelltrack/file.h); refuses to
/// replace an existing file unless `overwrite` (UserError naming the path and --force).
void write_private_file(const std::filesystem::path& path, const std::string& bytes, bool overwrite);

}  // namespace swelltrack
