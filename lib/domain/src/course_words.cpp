#include "swelltrack/course_words.h"

#include <cmath>
#include <iterator>

#include "swelltrack/datetime.h"
#include "swelltrack/display.h"

namespace swelltrack::course_words {

std::string kind_name(CourseKind kind) {
    switch (kind) {
        case CourseKind::cdt_intensive:
            return "Intensive phase (CDT)";
        case CourseKind::maintenance:
            return "Maintenance phase";
        case CourseKind::other:
            return "Course";
    }
    return "Course";
}

std::string plain_kind(CourseKind kind) {
    switch (kind) {
        case CourseKind::cdt_intensive:
            return "intensive treatment";
        case CourseKind::maintenance:
            return "maintenance phase";
        case CourseKind::other:
            return "treatment";
    }
    return "treatment";
}

std::string explanation(const std::string& reference) {
    return "Excess volume is the affected limb's volume above " + reference +
           ". A course's reduction is the excess at its start minus the excess at its end, also as a share of the "
           "start's excess. \"Still gone\" is that share some weeks after the course ended; \"kept\" is the share "
           "of the course's reduction still there then. The start and end are the sessions nearest to the course's "
           "first and last day, in one protocol; a session measured right after a treatment never stands for them, "
           "but gives the immediate effect of that treatment (after minus before, the same day).";
}

std::string no_rebound() {
    return "none up to " + std::to_string(std::end(durability_weeks)[-1]) + " weeks after, as far as measured";
}

namespace {

// A share in percent without a sign, one decimal (more by display::pct's rule near a whole percent).
std::string share(double pct) {
    auto text = display::pct(std::abs(pct));
    return text.front() == '+' ? text.substr(1) : text;
}

std::string excess_text(const History& h, std::size_t session, const LimbExcess& e) {
    return display::minute(h.sessions[session].recorded_at) + ": excess " + display::signed_ml_unit(e.ml) + " (" +
           display::pct(e.pct) + ")";
}

std::string reduction_text(const CourseReduction& r) {
    if (!r.reduction_ml) return r.missing;
    std::string out = *r.reduction_ml >= 0 ? display::ml_unit(*r.reduction_ml) + " less"
                                           : display::ml_unit(-*r.reduction_ml) + " more";
    if (r.reduction_pct)
        out += *r.reduction_pct >= 0
                   ? ": " + share(*r.reduction_pct) + " of the excess at the start"
                   : ": the excess rose by " + share(*r.reduction_pct) + " of what it was at the start";
    else if (!r.missing.empty())
        out += " (" + r.missing + ")";
    return out;
}

std::string immediate_text(const ImmediateEffect& e) {
    if (e.pairs == 0) return "no day with a session before and after treatment, both measured in full";
    std::string out =
        display::signed_ml_unit(*e.mean_ml) + " per treatment (" + display::pct(*e.mean_pct) + " of the limb's volume";
    if (e.sd_ml) out += "; spread " + display::ml_unit(*e.sd_ml);
    return out + "), " + std::to_string(e.pairs) + (e.pairs == 1 ? " day" : " days") + " measured before and after";
}

std::string durability_text(const History& h, const Durability& d) {
    if (!d.session) return d.missing;
    std::vector<std::string> parts;
    if (d.reduction_pct)
        parts.push_back(*d.reduction_pct >= 0 ? share(*d.reduction_pct) + " of the start's excess still gone"
                                              : "the excess " + share(*d.reduction_pct) + " above the start's");
    if (d.kept_pct) parts.push_back(share(*d.kept_pct) + " of the course's reduction kept");
    if (!d.missing.empty()) parts.push_back(d.missing);
    std::string out = display::minute(h.sessions[*d.session].recorded_at) + ":";
    for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? ", " : " ") + parts[k];
    return out;
}

std::string weeks_label(int weeks) { return std::to_string(weeks) + " weeks after"; }

}  // namespace

std::string heading(const CourseFigures& f) {
    const auto days = (date::sys_days{f.until} - date::sys_days{f.course.from}).count() + 1;
    std::string out = kind_name(f.course.kind) + " " + format_date(f.course.from);
    if (f.until < f.course.from)
        return out + (f.course.to ? " to " + format_date(*f.course.to) : "") + " (not begun yet)";
    if (!f.running)
        out += " to " + format_date(f.until);
    else if (f.course.to)
        out += " to " + format_date(*f.course.to) + " (under way, figures so far to " + format_date(f.until) + ")";
    else
        out += " (running, figures so far to " + format_date(f.until) + ")";
    out += ": " + std::to_string(days) + (days == 1 ? " day, " : " days, ") + std::to_string(f.sessions.size()) +
           (f.sessions.size() == 1 ? " session" : " sessions");
    return out;
}

std::vector<Line> limb_lines(const History& h, const CourseFigures& f, std::size_t k) {
    const auto& r = f.reduction.at(k);
    std::vector<Line> out;
    out.push_back({"start", r.start ? excess_text(h, *r.start, *r.start_excess) : r.missing});
    out.push_back(
        {f.running ? "so far" : "end", r.end ? excess_text(h, *r.end, *r.end_excess) : (r.start ? r.missing : "-")});
    out.push_back({"reduction", r.start && r.end ? reduction_text(r) : "-"});
    out.push_back({"immediate effect", immediate_text(f.immediate.at(k))});
    for (const auto& d : f.durability)
        if (d.side == r.side) out.push_back({weeks_label(d.weeks), durability_text(h, d)});
    return out;
}

std::string work(const CourseWork& w) {
    std::string out = std::to_string(w.treatment_days) + (w.treatment_days == 1 ? " treatment day" : " treatment days");
    out += ", " + std::to_string(w.mld_minutes) + " min of MLD";
    out += ", bandaging on " + std::to_string(w.bandaging_days) + (w.bandaging_days == 1 ? " day" : " days");
    if (w.compression_known_days == 0)
        out += ", compression not recorded";
    else
        out += ", compression worn on " + std::to_string(w.compression_days) + " of the " +
               std::to_string(w.compression_known_days) +
               (w.compression_known_days == 1 ? " day it was recorded" : " days it was recorded");
    return out;
}

std::vector<std::string> rebounds(const History& h, const CourseFigures& f) {
    std::vector<std::string> out;
    for (const auto& rb : f.rebounds) {
        std::string message;
        for (const auto& a : h.figures[rb.session].alerts)
            if (a.code == rb.code) message = a.message;
        out.push_back(display::minute(h.sessions[rb.session].recorded_at) + ": " + std::string(to_string(rb.code)) +
                      (message.empty() ? "" : " (" + message + ")"));
    }
    return out;
}

std::vector<std::string> plain(const History& h, const CourseFigures& f) {
    std::vector<std::string> out;
    const std::string limb(to_string(h.client.limb));
    for (const auto& r : f.reduction) {
        if (!r.reduction_pct) continue;
        const std::string what = "the extra swelling of your " + std::string(to_string(r.side)) + " " + limb;
        const auto kind = plain_kind(f.course.kind);
        std::string s = (f.running ? "Since your " + kind + " began on " : "During your " + kind + " from ") +
                        format_date(f.course.from) + (f.running ? "" : " to " + format_date(f.until)) + ", " + what +
                        (*r.reduction_pct >= 0 ? " went down by " : " went up by ") + share(*r.reduction_pct) + ".";
        for (const auto& d : f.durability)
            if (d.side == r.side && d.reduction_pct) {
                s += " " + std::to_string(d.weeks) + " weeks after it ended, " +
                     (*d.reduction_pct >= 0 ? share(*d.reduction_pct) + " of it was still gone."
                                            : "the extra swelling was " + share(*d.reduction_pct) +
                                                  " more than when your treatment began.");
                break;  // the first horizon measured; later ones are on the therapist's page
            }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace swelltrack::course_words
