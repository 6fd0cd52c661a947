// The trend report's charts, built from the domain's figures (never recomputed); no libharu.
#include "swelltrack/trend_charts.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "swelltrack/baseline_summary.h"
#include "swelltrack/course_words.h"
#include "swelltrack/display.h"

namespace swelltrack::charts {

using chart::Dash;
using chart::grey;
using chart::Series;

namespace {

constexpr Rgb watch_fill{1.0, 0.93, 0.75};
constexpr Rgb range_fill{1.0, 0.84, 0.84};
constexpr Rgb noise_fill{0.93, 0.93, 0.93};
constexpr Rgb watch_line{0.85, 0.55, 0.0};
constexpr Rgb range_line{0.8, 0.1, 0.1};

// Whether a line may join two sessions' values: more than max_joined_gap_days apart it may not,
// nor across a change of protocol unless the figure is on one scale across it (`scale`).
enum class Scale { per_protocol, carried, shared };

bool joined(const TrendView& v, std::size_t a, std::size_t b, Scale scale) {
    if (chart_day(v.session(b).recorded_at) - chart_day(v.session(a).recorded_at) > max_joined_gap_days) return false;
    const auto& pa = v.session(a).protocol;
    const auto& pb = v.session(b).protocol;
    if (pa == pb || scale == Scale::shared) return true;
    const auto* own = v.history.baseline_of(pb);  // carried: the new protocol's changes carry on
    return scale == Scale::carried && own && own->carried_from;
}

// A line through the sessions that have a value, skipping those without one (symptoms only,
// partial): a gap only where `joined` says the line must not go on.
class Line {
   public:
    Line(Series& s, const TrendView& v, Scale scale) : s_(s), v_(v), scale_(scale) {}
    void add(std::size_t i, std::optional<double> y) {
        if (!y) return;
        const double x = chart_day(v_.session(i).recorded_at);
        if (prev_ != none && !joined(v_, prev_, i, scale_))
            s_.points.push_back({(chart_day(v_.session(prev_).recorded_at) + x) / 2, std::nullopt});
        s_.points.push_back({x, y});
        prev_ = i;
    }

   private:
    Series& s_;
    const TrendView& v_;
    Scale scale_;
    // The last session added; an index rather than an optional, which GCC 12 at -O3 takes for
    // "maybe used uninitialized".
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::size_t prev_ = none;
};

// Volumes cover another stretch of limb in another protocol: never joined across one.
Series side_series(const TrendView& v, Side side, Rgb color) {
    Series s{display::limb_name(side, v.client().limb), color, {}};
    if (!v.client().bilateral()) s.label += side == *v.client().affected_side() ? " (affected)" : "";
    s.markers = true;
    Line line(s, v, Scale::per_protocol);
    for (auto i : v.shown)
        if (!v.figures(i).partial) line.add(i, v.figures(i).volume_ml(side));
    return s;
}

constexpr Rgb gap_fill{0.90, 0.90, 0.96};

// A shaded span over each stretch of more than max_joined_gap_days without a shown session.
void mark_gaps(Chart& c, const TrendView& v) {
    for (std::size_t k = 1; k < v.shown.size(); ++k) {
        const double a = chart_day(v.session(v.shown[k - 1]).recorded_at),
                     b = chart_day(v.session(v.shown[k]).recorded_at);
        if (b - a > max_joined_gap_days) c.spans.push_back({a, b, gap_fill, "no sessions (over 6 months)"});
    }
}

std::string pct_text(double v) { return display::pct(v).substr(1); }  // "5.0%" without the sign

// Partial volumes leave segments out, so they read low: the lines skip them (the table lists them).
std::string partial_note(const TrendView& v) {
    std::size_t n = 0;
    for (auto i : v.shown) n += v.figures(i).partial ? 1 : 0;
    if (n == 0) return {};
    if (v.options.plain_words)
        return n == 1 ? "1 session with a point not measured is not drawn."
                      : std::to_string(n) + " sessions with a point not measured are not drawn.";
    return std::to_string(n) + " partial session(s) (a point not measured) are not drawn; they are in the table.";
}

// "your left arm": the client's own words for a limb, on her charts.
std::string your(const Client& c, Side side) {
    auto name = display::limb_name(side, c.limb);
    name[0] = static_cast<char>(name[0] - 'A' + 'a');
    return "your " + name;
}

constexpr Rgb infection_fill{1.0, 0.80, 0.80};
constexpr Rgb treatment_mark{0.10, 0.50, 0.25};
constexpr Rgb intensive_fill{0.80, 0.92, 0.83};  // pale green, the treatment marks' hue
constexpr Rgb course_fill{0.90, 0.96, 0.92};

// The client's treatment courses, each shaded from its first day to the end of its last (a running
// one to the day its figures run to), one legend entry per kind.
void course_spans(Chart& c, const TrendView& v) {
    const bool plain = v.options.plain_words;
    for (const auto& f : v.options.courses) {
        const double from = static_cast<double>(date::sys_days{f.course.from}.time_since_epoch().count());
        const double to = static_cast<double>(date::sys_days{f.until}.time_since_epoch().count()) + 1;
        if (to <= from) continue;  // not begun
        const bool intensive = f.course.kind == CourseKind::cdt_intensive;
        std::string label = course_words::kind_name(f.course.kind);
        label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
        if (plain) label = "your " + course_words::plain_kind(f.course.kind);
        c.spans.push_back({from, to, intensive ? intensive_fill : course_fill, label});
    }
}

void use_time_axis(Chart& c, const TrendView& v) {
    auto axis = time_axis(v);
    c.x_lo = axis.lo;
    c.x_hi = axis.hi;
}

// The affected limb's volume at which RVC reaches `pct` at each session with an RVC: the alert's
// own rule, RVC = (A2 U1) / (U2 A1) - 1, solved for A2 = A1 (U2 / U1) (1 + pct), which is
// A2 (1 + pct) / (1 + RVC) in the session's own figures. It moves with the unaffected limb.
Series threshold_series(const TrendView& v, Side affected, double pct, const std::string& label, Rgb color) {
    Series s{label, color, {}};
    s.dash = Dash::dashed;
    s.width_pt = 0.8;
    Line line(s, v, Scale::per_protocol);
    for (auto i : v.shown) {
        const auto& f = v.figures(i);
        if (!f.rvc_pct || f.partial) continue;
        line.add(i, *f.volume_ml(affected) * (1 + pct / 100) / (1 + *f.rvc_pct / 100));
    }
    return s;
}

// A vertical line at the first shown session of each protocol that takes over from another
// (docs/clinical.md#protocol-change): volume lines break there (another stretch of limb); changes
// run on where the new protocol carries them on. Where `baseline_drawn`, the baseline's own line
// names a change at the baseline.
void mark_protocol_changes(Chart& c, const TrendView& v, bool baseline_drawn) {
    for (std::size_t k = 1; k < v.shown.size(); ++k) {
        const Session& s = v.session(v.shown[k]);
        if (s.protocol == v.session(v.shown[k - 1]).protocol || (baseline_drawn && v.shown[k] == v.history.baseline))
            continue;
        c.lines.push_back({chart_day(s.recorded_at), true, grey, "protocol " + s.protocol, Dash::dashed});
    }
}

}  // namespace

TrendView trend_view(const History& history, const ReportOptions& options) {
    TrendView view{history, options, {}};
    for (std::size_t i = 0; i < history.sessions.size(); ++i)
        if (display::on_days(history.sessions[i].recorded_at, options.from, options.to)) view.shown.push_back(i);
    return view;
}

double chart_day(const DateTime& t) { return static_cast<double>(t.local().time_since_epoch().count()) / 86400.0; }

std::optional<ReportPeriod> report_period(const TrendView& v) {
    if (v.shown.empty() && !(v.options.from && v.options.to)) return std::nullopt;
    return ReportPeriod{v.options.from.value_or(v.session(v.shown.front()).recorded_at.local_date()),
                        v.options.to.value_or(v.session(v.shown.back()).recorded_at.local_date())};
}

std::string period_text(const TrendView& v) {
    auto p = report_period(v);
    return p ? format_date(p->first) + " to " + format_date(p->last) : "no sessions in range";
}

TimeAxis time_axis(const TrendView& v) {
    auto day = [](date::year_month_day d) { return static_cast<double>(date::sys_days{d}.time_since_epoch().count()); };
    if (!report_period(v)) return {};
    // Within the period's days: the first and last session's times where no bound was asked.
    double lo = v.options.from ? day(*v.options.from) : chart_day(v.session(v.shown.front()).recorded_at);
    double hi = v.options.to ? day(*v.options.to) + 1 : chart_day(v.session(v.shown.back()).recorded_at);
    double pad = hi > lo ? (hi - lo) * 0.02 : 3.0;
    return {lo - pad, hi + pad};
}

bool infection_signs(const TrendView& v, std::size_t i) { return v.session(i).skin.infection_signs(); }

// The baseline's lines on the volume chart: its day, the affected limb's volume then, and the watch
// and range lines the alerts use; the note that explains them.
std::string baseline_lines(Chart& c, const TrendView& v) {
    const auto& h = v.history;
    const auto& t = h.thresholds;
    const bool plain = v.options.plain_words;
    if (!h.baseline) return {};
    std::string note;
    const auto& b = h.figures[*h.baseline];
    const auto* own = h.baseline_of(h.sessions[*h.baseline].protocol);
    c.lines.push_back({chart_day(h.sessions[*h.baseline].recorded_at), true, grey,
                       plain                           ? "the start"
                       : own && h.baselines.size() > 1 ? "baseline, protocol " + own->protocol
                                                       : "baseline",
                       Dash::dotted});
    if (auto a = h.client.affected_side(); a && plain) {
        c.lines.push_back({*b.volume_ml(*a), false, grey, your(h.client, *a) + " at the start", Dash::dotted});
        c.series.push_back(threshold_series(v, *a, t.change_watch_pct,
                                            "watched from here (+" + pct_text(t.change_watch_pct) + ")", watch_line));
        c.series.push_back(threshold_series(v, *a, t.change_range_pct,
                                            "see your therapist (+" + pct_text(t.change_range_pct) + ")", range_line));
        note = "The dashed lines: where " + your(h.client, *a) + " would be " + pct_text(t.change_watch_pct) + " and " +
               pct_text(t.change_range_pct) + " larger than at the start, allowing for your other " +
               std::string(to_string(h.client.limb)) + ".";
    } else if (a) {
        c.lines.push_back({*b.volume_ml(*a), false, grey, "affected limb at baseline", Dash::dotted});
        c.series.push_back(threshold_series(v, *a, t.change_watch_pct,
                                            "RVC +" + pct_text(t.change_watch_pct) + " (watch)", watch_line));
        c.series.push_back(threshold_series(v, *a, t.change_range_pct,
                                            "RVC +" + pct_text(t.change_range_pct) + " (range)", range_line));
        note =
            "Watch and range lines: the affected limb's volume at which the relative volume change (RVC) "
            "reaches " +
            pct_text(t.change_watch_pct) + " and " + pct_text(t.change_range_pct) +
            " given that session's unaffected limb: affected at baseline x (unaffected now / unaffected at "
            "baseline) x (1 + threshold), the rule the alerts use, so they move with the unaffected limb. A "
            "point on or above a line has reached that threshold.";
    } else if (plain) {
        note = "What your therapist watches is on the next chart: the change of each " +
               std::string(to_string(h.client.limb)) + " allowing for your body weight.";
    } else {
        note =
            "Both limbs are affected: the alert thresholds apply to the weight-adjusted change (WAC) of each "
            "limb, drawn on the next chart, not to these volumes.";
    }
    return note;
}

Chart volume_chart(const TrendView& v) {
    const auto& h = v.history;
    const bool plain = v.options.plain_words;
    Chart c;
    c.title = plain ? "Volume of each " + std::string(to_string(h.client.limb)) + " over time"
                    : "Limb volume over time (" + std::string(to_string(h.method)) + " model)";
    c.y_label = "volume (mL)";
    c.y_include_lines = true;
    use_time_axis(c, v);
    c.series.push_back(side_series(v, Side::left, left_color));
    c.series.push_back(side_series(v, Side::right, right_color));
    std::string note = baseline_lines(c, v);
    std::vector<double> treated;
    for (auto i : v.shown) {
        const auto& tr = v.session(i).treatment;
        if ((tr.mld_minutes && *tr.mld_minutes > 0) || tr.bandaging)
            treated.push_back(chart_day(v.session(i).recorded_at));
    }
    if (!treated.empty())
        c.marks.push_back(
            {std::move(treated), treatment_mark, plain ? "treatment given" : "treatment given (MLD, bandaging)"});
    course_spans(c, v);
    // An episode: consecutive shown sessions with infection signs, shaded from the first to the last.
    for (std::size_t k = 0; k < v.shown.size(); ++k) {
        if (!infection_signs(v, v.shown[k])) continue;
        std::size_t end = k;
        while (end + 1 < v.shown.size() && infection_signs(v, v.shown[end + 1])) ++end;
        c.spans.push_back({chart_day(v.session(v.shown[k]).recorded_at), chart_day(v.session(v.shown[end]).recorded_at),
                           infection_fill, "possible infection (redness with warmth)"});
        k = end;
    }
    mark_protocol_changes(c, v, true);
    mark_gaps(c, v);
    std::string partial = partial_note(v);
    c.note = partial.empty() ? note : note.empty() ? partial : note + " " + partial;
    return c;
}

// The change chart's bands: measurement noise, watch and range, as the alerts use them.
void change_bands(Chart& c, const AlertThresholds& t, bool plain) {
    c.bands.push_back({-smallest_real_difference_pct, smallest_real_difference_pct, noise_fill,
                       "within measurement noise (±" + pct_text(smallest_real_difference_pct) + ")"});
    c.bands.push_back(
        {t.change_watch_pct, t.change_range_pct, watch_fill,
         (plain ? "watched (" : "watch (") + pct_text(t.change_watch_pct) + "-" + pct_text(t.change_range_pct) + ")"});
    c.bands.push_back({t.change_range_pct, 1e9, range_fill,
                       (plain ? "see your therapist (>= " : "range (>= ") + pct_text(t.change_range_pct) + ")"});
}

Chart change_chart(const TrendView& v) {
    const auto& h = v.history;
    const auto& t = h.thresholds;
    const bool plain = v.options.plain_words;
    const std::string limb(to_string(h.client.limb));
    Chart c;
    use_time_axis(c, v);
    change_bands(c, t, plain);
    c.lines.push_back({0.0, false, grey, "", Dash::solid});
    if (!h.client.bilateral()) {
        const Side a = *h.client.affected_side();
        c.title = plain ? "How much " + your(h.client, a) + " has changed since the start"
                        : "Relative volume change (RVC) and % excess over time";
        Series rvc{
            plain ? "change since the start, allowing for your other " + limb : "RVC since baseline", left_color, {}},
            excess{plain ? "how much larger than your other " + limb : "% excess over unaffected limb", grey, {}};
        rvc.markers = true;
        excess.dash = Dash::dashed;
        excess.width_pt = 0.9;
        Line rvc_line(rvc, v, Scale::carried), excess_line(excess, v, Scale::shared);  // excess: within a session
        for (auto i : v.shown) {
            if (v.figures(i).partial) continue;
            rvc_line.add(i, v.figures(i).rvc_pct);
            excess_line.add(i, v.figures(i).excess_pct);
        }
        c.series = {rvc, excess};
    } else {
        c.title = plain ? "How much each " + limb + " has changed since the start, allowing for your weight"
                        : "Weight-adjusted volume change (WAC) of each limb over time";
        c.empty_text = plain ? "This needs your body weight at the start and at later sessions"
                             : "WAC needs body weight at the baseline session and at later sessions";
        for (Side side : {Side::left, Side::right}) {
            Series s{(plain ? "" : "WAC ") + display::limb_name(side, h.client.limb),
                     side == Side::left ? left_color : right_color,
                     {}};
            s.markers = true;
            Line line(s, v, Scale::carried);
            for (auto i : v.shown) {
                if (v.figures(i).partial) continue;
                const auto& w = v.figures(i).wac_pct;
                auto it = w.find(side);
                line.add(i, it == w.end() ? std::nullopt : std::optional<double>(it->second));
            }
            c.series.push_back(std::move(s));
        }
    }
    c.y_label = "change (%)";
    mark_protocol_changes(c, v, false);
    mark_gaps(c, v);
    c.note = partial_note(v);
    // Always show the noise band and both threshold bands, however small the changes are.
    double lo = -smallest_real_difference_pct - 1, hi = t.change_range_pct + 3;
    for (const auto& s : c.series)
        for (const auto& p : s.points)
            if (p.y) lo = std::min(lo, *p.y), hi = std::max(hi, *p.y);
    double step = hi - lo > 60 ? 10 : hi - lo > 30 ? 5 : 2;
    c.y_lo = std::floor(lo / step) * step;
    c.y_hi = std::ceil(hi / step) * step;
    return c;
}

// A protocol's distances from the landmark (cm), user-defined or built-in; empty when unknown.
std::vector<double> positions_of(const TrendView& v, const Session& s) {
    for (const auto& p : v.options.protocols)
        if (p.name == s.protocol) return p.positions_cm;
    if (const auto* b = find_builtin_protocol(s.protocol)) return b->positions_cm;
    return {};
}

// Which session "latest" is, in the summary's words.
std::string profile_note(const History& h, const display::BaselineSummary& summary) {
    if (!h.comparable(summary.latest))
        return "Latest: the newest session shown, " + summary.latest_day +
               "; none shown is comparable with the baseline, as the summary says.";
    return "Latest: the session the summary compares, " + summary.latest_day + ", the newest shown with both " +
           std::string(to_string(h.client.limb)) + "s measured in full after its protocol's baseline" +
           (summary.later > 0 ? "; later sessions (partial, symptoms only or another protocol) are in the table."
                              : ".");
}

// The two sessions the summary compares (display::baseline_summary: the newest comparable shown
// session and its protocol's baseline), so that chart and summary never disagree. A side not
// measured in a session has no line and no legend entry.
Chart profile_chart(const TrendView& v) {
    const auto& h = v.history;
    Chart c;
    c.x_dates = false;
    c.title = v.options.plain_words ? "Each point measured: at the start and the latest"
                                    : "Circumference at each point: baseline and latest";
    c.y_label = "circumference (" + std::string(to_string(h.client.unit)) + ")";
    const auto summary = display::baseline_summary(h, v.shown);
    if (!summary) return c;
    const Session& base = h.sessions[summary->baseline];
    const Session& latest = h.sessions[summary->latest];
    double per_mm = h.client.unit == LengthUnit::cm ? 1.0 / mm_per_cm : 1.0 / mm_per_inch;
    bool by_index = positions_of(v, base).empty() || positions_of(v, latest).empty();
    c.x_label = by_index ? "measurement point"
                         : "distance from the " + std::string(landmark(h.client.limb)) +
                               (v.options.plain_words ? " (cm)" : " (cm, protocol " + latest.protocol + ")");
    auto add = [&](const Session& s, Side side, const std::string& when, Rgb color, Dash d) {
        Series out{
            display::limb_name(side, h.client.limb) + ", " + when + " " + display::day(s.recorded_at), color, {}};
        out.dash = d;
        out.markers = true;
        auto pos = positions_of(v, s);
        const auto& mm = s.side_mm(side);
        for (std::size_t k = 0; k < mm.size(); ++k) {
            double x = by_index || k >= pos.size() ? static_cast<double>(k + 1) : pos[k];
            out.points.push_back({x, mm[k] ? std::optional<double>(*mm[k] * per_mm) : std::nullopt});
        }
        if (std::any_of(out.points.begin(), out.points.end(), [](const auto& p) { return p.y.has_value(); }))
            c.series.push_back(std::move(out));
    };
    const std::string start = v.options.plain_words ? "the start" : "baseline";
    add(base, Side::left, start, {0.55, 0.70, 0.88}, Dash::dashed);
    add(base, Side::right, start, {0.98, 0.72, 0.45}, Dash::dashed);
    add(latest, Side::left, "latest", left_color, Dash::solid);
    add(latest, Side::right, "latest", right_color, Dash::solid);
    if (!v.options.plain_words) c.note = profile_note(h, *summary);
    return c;
}

Chart symptoms_chart(const TrendView& v) {
    Chart c;
    c.title = "Symptoms as felt (0 = none, 10 = worst)";
    c.y_label = "score";
    c.y_lo = 0;
    c.y_hi = 10;
    c.empty_text = "no symptom scores recorded in this range";
    use_time_axis(c, v);
    struct Kind {
        const char* label;
        std::optional<int> Symptoms::*score;
        Rgb color;
    };
    const Kind kinds[] = {{"heaviness", &Symptoms::heaviness, {0.45, 0.25, 0.65}},
                          {"tightness", &Symptoms::tightness, {0.15, 0.55, 0.30}},
                          {"pain", &Symptoms::pain, {0.80, 0.15, 0.15}},
                          {"swelling", &Symptoms::swelling, {0.55, 0.40, 0.20}}};
    for (const auto& k : kinds) {
        Series s{k.label, k.color, {}};
        s.markers = true;
        Line line(s, v, Scale::shared);
        for (auto i : v.shown)  // scores are occasional: join the ones recorded
            if (auto score = v.session(i).symptoms.*k.score) line.add(i, static_cast<double>(*score));
        if (!s.points.empty()) c.series.push_back(std::move(s));
    }
    mark_gaps(c, v);
    return c;
}

}  // namespace swelltrack::charts
