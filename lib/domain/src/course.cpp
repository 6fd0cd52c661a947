#include "swelltrack/course.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "swelltrack/datetime.h"
#include "swelltrack/limits.h"

namespace swelltrack {
namespace {

constexpr detail::EnumName<CourseKind> kind_names[] = {{CourseKind::cdt_intensive, "cdt-intensive"},
                                                       {CourseKind::maintenance, "maintenance"},
                                                       {CourseKind::other, "other"},
                                                       {CourseKind::cdt_intensive, "cdt"},
                                                       {CourseKind::cdt_intensive, "intensive"}};

using date::sys_days;

sys_days day_of(const Session& s) { return sys_days{s.recorded_at.local_date()}; }

// "both arms measured in full" / "the left leg and its baseline measured in full"
std::string what_complete(const Client& c, Side side) {
    const std::string limb(to_string(c.limb));
    if (!c.bilateral()) return "both " + limb + "s measured in full";
    return "the " + std::string(to_string(side)) + " " + limb + " and its baseline measured in full";
}

// The excess of the limb on `side` in session i (nullopt when it cannot be computed): over the
// unaffected limb, or (both affected) over its baseline volume times current / baseline weight.
// One side affected: the analysis's difference and % excess (analysis.h). Both: WAC's comparison
// (the limb's baseline volume scaled by body weight, or unscaled without both weights), in mL too;
// only from the protocol's baseline on, as every comparison with a baseline.
std::optional<LimbExcess> excess_of(const History& h, std::size_t i, Side side) {
    const auto& f = h.figures[i];
    if (!f.complete(side)) return std::nullopt;
    if (!h.client.bilateral()) {
        if (!f.diff_ml || !f.excess_pct) return std::nullopt;
        return LimbExcess{*f.diff_ml, *f.excess_pct};
    }
    const auto* base = h.baseline_of(h.sessions[i].protocol);
    if (!base || !h.figures[base->index].complete(side) ||
        h.sessions[i].recorded_at.utc < h.sessions[base->index].recorded_at.utc)
        return std::nullopt;
    double reference = *h.figures[base->index].volume_ml(side);
    const auto &w_now = h.sessions[i].weight_kg, &w_base = h.sessions[base->index].weight_kg;
    if (w_now && w_base) reference *= *w_now / *w_base;
    if (reference <= 0) return std::nullopt;
    const double volume = *f.volume_ml(side);
    return LimbExcess{volume - reference, (volume - reference) / reference * 100.0};
}

// A session that may stand for the state of the limb on a day: not measured right after a
// treatment (that shows the minutes after a massage, not the course), with the excess computable.
bool stands_for_state(const History& h, std::size_t i, Side side) {
    return h.sessions[i].context != SessionContext::after_treatment && excess_of(h, i, side).has_value();
}

struct Window {
    sys_days target, lo, hi;
    const std::string* protocol = nullptr;  // only sessions in it, when set
    std::optional<std::size_t> after;       // only sessions later than this one
};

// The session standing for the state nearest to the window's target day (the earlier on a tie).
// Session i is in the window and stands for the limb's state.
bool in_window(const History& h, Side side, const Window& w, std::size_t i) {
    const auto day = day_of(h.sessions[i]);
    if (day < w.lo || day > w.hi || !stands_for_state(h, i, side)) return false;
    if (w.protocol && h.sessions[i].protocol != *w.protocol) return false;
    return !w.after || h.sessions[i].recorded_at.utc > h.sessions[*w.after].recorded_at.utc;
}

std::optional<std::size_t> nearest(const History& h, Side side, const Window& w) {
    std::optional<std::size_t> best;
    long best_distance = 0;
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        if (!in_window(h, side, w, i)) continue;
        const long distance = std::labs((day_of(h.sessions[i]) - w.target).count());
        if (!best || distance < best_distance) {
            best = i;
            best_distance = distance;
        }
    }
    return best;
}

// The newest session standing for the state in [lo, hi] (a running course's end so far).
std::optional<std::size_t> newest(const History& h, Side side, const Window& w) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < h.sessions.size(); ++i)
        if (in_window(h, side, w, i)) found = i;
    return found;
}

std::string days_text(int days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

// Why no session stands for the end: none near it, or none in the start's protocol.
std::string no_end(const History& h, const CourseFigures& out, Side side, const Window& w) {
    const auto& protocol = *w.protocol;
    Window any = w;
    any.protocol = nullptr;
    std::string why = out.running
                          ? "no later session with " + what_complete(h.client, side) + " so far"
                          : "no session with " + what_complete(h.client, side) + " within " +
                                days_text(course_end_days_before) + " before or " + days_text(course_end_days_after) +
                                " after the end (" + format_date(*out.course.to) + ")";
    if (auto other = out.running ? newest(h, side, any) : nearest(h, side, any))
        why += " in " + protocol + ", the protocol of the start; the protocol changed to " +
               h.sessions[*other].protocol + " during the course, and volumes of two protocols are not compared";
    return why;
}

CourseReduction reduction_of(const History& h, const CourseFigures& out, Side side) {
    CourseReduction r;
    r.side = side;
    const sys_days from{out.course.from};
    r.start = nearest(h, side,
                      {from, from - date::days{course_start_days_before}, from + date::days{course_start_days_after},
                       nullptr, std::nullopt});
    if (!r.start) {
        r.missing = "no session with " + what_complete(h.client, side) + " within " +
                    days_text(course_start_days_before) + " before or " + days_text(course_start_days_after) +
                    " after the start (" + format_date(out.course.from) + ")";
        return r;
    }
    const auto& protocol = h.sessions[*r.start].protocol;
    Window end;
    if (out.running) {
        end = {sys_days{out.until}, from, sys_days{out.until}, &protocol, r.start};
        r.end = newest(h, side, end);
    } else {
        const sys_days to{*out.course.to};
        end = {to, to - date::days{course_end_days_before}, to + date::days{course_end_days_after}, &protocol, r.start};
        r.end = nearest(h, side, end);
    }
    r.start_excess = excess_of(h, *r.start, side);
    if (!r.end) {
        r.missing = no_end(h, out, side, end);
        return r;
    }
    r.end_excess = excess_of(h, *r.end, side);
    r.reduction_ml = r.start_excess->ml - r.end_excess->ml;
    if (r.start_excess->ml > 0)
        r.reduction_pct = *r.reduction_ml / r.start_excess->ml * 100.0;
    else
        r.missing = "no excess volume at the start, so no reduction in percent";
    return r;
}

ImmediateEffect immediate_of(const History& h, const CourseFigures& out, Side side) {
    ImmediateEffect e;
    e.side = side;
    std::vector<double> ml, pct;
    std::vector<sys_days> paired;  // one pair a day: the first after-treatment session that has a before
    for (std::size_t a : out.sessions) {
        const auto& after = h.sessions[a];
        if (after.context != SessionContext::after_treatment || !h.figures[a].complete(side)) continue;
        if (std::find(paired.begin(), paired.end(), day_of(after)) != paired.end()) continue;
        std::optional<std::size_t> before;  // the last before-treatment session earlier that day
        for (std::size_t b : out.sessions) {
            const auto& s = h.sessions[b];
            if (s.context == SessionContext::before_treatment && day_of(s) == day_of(after) &&
                s.recorded_at.utc < after.recorded_at.utc && s.protocol == after.protocol &&
                h.figures[b].complete(side))
                before = b;
        }
        if (!before) continue;
        paired.push_back(day_of(after));
        e.paired.emplace_back(*before, a);
        const double v0 = *h.figures[*before].volume_ml(side), v1 = *h.figures[a].volume_ml(side);
        ml.push_back(v1 - v0);
        pct.push_back((v1 - v0) / v0 * 100.0);
    }
    e.pairs = static_cast<int>(ml.size());
    if (ml.empty()) return e;
    auto mean = [](const std::vector<double>& v) {
        double sum = 0;
        for (double x : v) sum += x;
        return sum / static_cast<double>(v.size());
    };
    e.mean_ml = mean(ml);
    e.mean_pct = mean(pct);
    if (ml.size() >= 2) {
        double squares = 0;
        for (double x : ml) squares += (x - *e.mean_ml) * (x - *e.mean_ml);
        e.sd_ml = std::sqrt(squares / static_cast<double>(ml.size() - 1));
    }
    return e;
}

Durability durability_of(const History& h, const CourseFigures& out, const CourseReduction& r, int weeks,
                         date::year_month_day today) {
    Durability d;
    d.weeks = weeks;
    d.side = r.side;
    if (!r.end) {
        d.missing = "the course's reduction is not known";
        return d;
    }
    const sys_days target = sys_days{*out.course.to} + date::days{7 * weeks};
    const int window = durability_window_days(weeks);
    const auto& protocol = h.sessions[*r.start].protocol;
    d.session =
        nearest(h, r.side, {target, target - date::days{window}, target + date::days{window}, &protocol, r.end});
    if (!d.session) {
        d.missing = target + date::days{window} > sys_days{today}
                        ? "not yet: due about " + format_date(date::year_month_day{target})
                        : "no session with " + what_complete(h.client, r.side) + " within " + days_text(window) +
                              " of " + format_date(date::year_month_day{target});
        return d;
    }
    d.excess = excess_of(h, *d.session, r.side);
    const double start = r.start_excess->ml, then = d.excess->ml, reduction = *r.reduction_ml;
    if (start > 0) d.reduction_pct = (start - then) / start * 100.0;
    if (reduction > 0)
        d.kept_pct = (start - then) / reduction * 100.0;
    else
        d.missing = "the course reduced no excess, so none is kept";
    return d;
}

bool is_rise(AlertCode code) {
    switch (code) {
        case AlertCode::rvc_5:
        case AlertCode::rvc_10:
        case AlertCode::wac_5:
        case AlertCode::wac_10:
        case AlertCode::rapid_rise:
        case AlertCode::sustained_rise:
            return true;
        case AlertCode::point_2cm:
        case AlertCode::infection_signs:
            return false;
    }
    return false;
}

// The first of each rise alert after the course's end that its end sessions did not carry: the limb
// rising again, by the rules every session is judged by.
std::vector<Rebound> rebounds_after(const History& h, const Course& course, const std::vector<CourseReduction>& ends) {
    std::vector<Rebound> out;
    auto at_end = [&](AlertCode code) {
        for (const auto& r : ends)
            if (r.end)
                for (const auto& a : h.figures[*r.end].alerts)
                    if (a.code == code) return true;
        return false;
    };
    const sys_days end{*course.to};
    const sys_days last = end + date::days{7 * 26 + durability_window_days(26)};
    // After the course's last day and after its end session (which may come up to 14 days later):
    // a session before the end session is part of the reduction, not after it.
    std::optional<date::sys_seconds> after;
    for (const auto& r : ends)
        if (r.end && (!after || h.sessions[*r.end].recorded_at.utc > *after))
            after = h.sessions[*r.end].recorded_at.utc;
    for (std::size_t i = 0; i < h.sessions.size(); ++i) {
        const auto day = day_of(h.sessions[i]);
        if (day <= end || day > last || (after && h.sessions[i].recorded_at.utc <= *after)) continue;
        // RVC and WAC alerts measure the distance from the baseline: a rebound only where the excess
        // is above the end's again. A rapid or sustained rise is a rise in itself.
        bool above_end = false;
        for (const auto& r : ends)
            if (r.end_excess && h.sessions[i].protocol == h.sessions[*r.end].protocol)
                if (auto e = excess_of(h, i, r.side); e && e->ml > r.end_excess->ml) above_end = true;
        for (const auto& alert : h.figures[i].alerts)
            if (is_rise(alert.code) && !at_end(alert.code) &&
                (above_end || alert.code == AlertCode::rapid_rise || alert.code == AlertCode::sustained_rise) &&
                std::none_of(out.begin(), out.end(), [&](const Rebound& r) { return r.code == alert.code; }))
                out.push_back({i, alert.code});
    }
    return out;
}

CourseWork work_of(const History& h, const std::vector<std::size_t>& sessions) {
    struct Day {
        bool treatment = false, bandaging = false, compression = false, compression_known = false;
        int mld = 0;
    };
    std::map<sys_days, Day> days;
    for (std::size_t i : sessions) {
        const auto& s = h.sessions[i];
        auto& d = days[day_of(s)];
        d.treatment |=
            s.context != SessionContext::routine || s.treatment.mld_minutes.value_or(0) > 0 || s.treatment.bandaging;
        d.bandaging |= s.treatment.bandaging;
        d.mld = std::max(d.mld, s.treatment.mld_minutes.value_or(0));
        if (s.compression.worn_known) {
            d.compression_known = true;
            d.compression |= s.compression.kind != CompressionKind::none;
        }
    }
    CourseWork w;
    w.sessions = static_cast<int>(sessions.size());
    for (const auto& [day, d] : days) {
        w.treatment_days += d.treatment;
        w.bandaging_days += d.bandaging;
        w.mld_minutes += d.mld;
        w.compression_days += d.compression;
        w.compression_known_days += d.compression_known;
    }
    return w;
}

std::string reference_text(const History& h) {
    const std::string limb(to_string(h.client.limb));
    if (!h.client.bilateral())
        return "the unaffected " + std::string(to_string(*h.client.unaffected_side())) + " " + limb;
    return "each " + limb +
           "'s own baseline volume, scaled by body weight (now / at baseline) where both weights "
           "are recorded";
}

}  // namespace

detail::EnumTable<CourseKind> enum_table(CourseKind) { return {"kind", kind_names}; }

void validate_course(const Course& course) {
    if (!course.from.ok()) throw UserError("from", "", "from: not a date");
    if (course.to && *course.to < course.from)
        throw UserError("to", format_date(*course.to),
                        "to: " + format_date(*course.to) + " is before the course's start " + format_date(course.from) +
                            "; a course ends on or after the day it begins");
    check_text(limits::note_bytes, course.note, false);
}

const Course* overlapping_course(const Course& course, const std::vector<Course>& others) {
    const sys_days from{course.from};
    const auto to = course.to ? sys_days{*course.to} : sys_days::max();
    for (const auto& o : others) {
        if (course.id != 0 && o.id == course.id) continue;
        const sys_days o_from{o.from};
        const auto o_to = o.to ? sys_days{*o.to} : sys_days::max();
        if (from <= o_to && o_from <= to) return &o;
    }
    return nullptr;
}

std::string course_span(const Course& course) {
    std::string kind(to_string(course.kind));
    if (!course.to) return kind + " since " + format_date(course.from) + " (running)";
    return kind + " " + format_date(course.from) + " to " + format_date(*course.to);
}

int durability_window_days(int weeks) { return std::max(7, weeks * 7 / 4); }

CourseFigures course_figures(const History& history, const Course& course, date::year_month_day today) {
    CourseFigures out;
    out.course = course;
    // A course whose last day is still to come is under way: its figures are so far, as a running one's.
    out.running = !course.to || *course.to > today;
    out.until = out.running ? today : *course.to;
    for (std::size_t i = 0; i < history.sessions.size(); ++i) {
        const auto day = day_of(history.sessions[i]);
        if (day >= sys_days{course.from} && day <= sys_days{out.until}) out.sessions.push_back(i);
    }
    out.reference = reference_text(history);
    for (Side side : affected_sides(history.client)) {
        out.reduction.push_back(reduction_of(history, out, side));
        out.immediate.push_back(immediate_of(history, out, side));
    }
    if (!out.running) {
        for (int weeks : durability_weeks)
            for (const auto& r : out.reduction) out.durability.push_back(durability_of(history, out, r, weeks, today));
        out.rebounds = rebounds_after(history, course, out.reduction);
    }
    out.work = work_of(history, out.sessions);
    return out;
}

}  // namespace swelltrack
