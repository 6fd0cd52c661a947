// The point guide (point_guide.h): the limb's outline from a few widths, the protocol's points on it
// to one scale, their labels moved apart where they would touch.
#include "point_guide.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>
#include <vector>

#include "swelltrack/svg.h"
#include "swelltrack/units.h"

namespace swelltrack::web {

namespace {

constexpr double text_px = 13;       // at the drawing's own size, which a 360 px phone shows whole
constexpr double label_gap = 15;     // between two labels' middles: any closer and they touch
constexpr double max_limb_px = 420;  // from the landmark up, unless the labels need more room

// The limb's outline is its width at a few heights, each a narrowest or widest place (wrist,
// forearm, elbow, upper arm, shoulder): a curve through them, upright at each, is the limb's shape,
// and its width at any height is known exactly (half_width), for a tape line to span it.
struct Station {
    double at;          // the share of the drawn length from the landmark up
    double half_width;  // px
};
// The hand or foot: cubic curves from the landmark's right round to its left, x in px from the limb's
// middle, y as a share of the hand's or foot's drawn height below the landmark.
struct Curve {
    double x1, y1, x2, y2, x, y;
};
struct Shape {
    double length_cm;  // an adult's, from the landmark to the top of the drawing
    std::span<const Station> stations;
    double cap;                             // how far the top (shoulder, hip) rounds up, px
    double end_cm, end_min_px, end_max_px;  // the hand's or foot's height, and its bounds on screen
    std::span<const Curve> end;
    std::string_view limb;
};

constexpr Station arm_stations[] = {{0, 12}, {0.33, 19}, {0.5, 16}, {0.72, 20}, {1, 24}};
constexpr Curve hand[] = {{13, 0.15, 18, 0.25, 18, 0.45},  {18, 0.7, 15, 0.95, 7, 1},
                          {0, 1.03, -9, 1, -11, 0.88},     {-13, 0.75, -13, 0.62, -13, 0.52},
                          {-17, 0.56, -25, 0.5, -24, 0.4}, {-23, 0.28, -15, 0.14, -12, 0}};
constexpr Station leg_stations[] = {{0, 11}, {0.4, 21}, {0.6, 17}, {1, 30}};
constexpr Curve foot[] = {{12, 0.45, 18, 0.75, 14, 1},
                          {0, 1.02, -40, 1, -54, 1},
                          {-64, 1, -65, 0.62, -56, 0.55},
                          {-40, 0.45, -15, 0.3, -11, 0}};
const Shape arm_shape{55, arm_stations, 18, 18, 50, 80, hand, "arm"};
const Shape leg_shape{75, leg_stations, 10, 8, 24, 34, foot, "leg"};
const Shape& shape_of(LimbKind limb) { return limb == LimbKind::arm ? arm_shape : leg_shape; }

std::string num(double v, int decimals = 1) { return svg::number(v, decimals); }

std::string attr(std::string_view name, const std::string& value) {
    return " " + std::string(name) + "=\"" + svg::escape(value) + "\"";
}

/// Everything drawn so far, and the box around it (for the viewBox).
struct Canvas {
    std::string out;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    /// "x,y", the point taken into the box.
    std::string pt(double x, double y) {
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        return num(x) + "," + num(y);
    }
};

/// The limb as drawn: its shape, how far up it reaches and the scale, y = 0 at the landmark.
struct Limb {
    const Shape& shape;
    double top_cm;
    double px_per_cm;
    double y(double cm) const { return -cm * px_per_cm; }
    double station_y(const Station& s) const { return y(s.at * top_cm); }
    double half_width(double cm) const {
        const auto st = shape.stations;
        const double at = std::clamp(cm / top_cm, 0.0, 1.0);
        std::size_t i = 1;
        while (i + 1 < st.size() && st[i].at < at) ++i;
        const double t = (at - st[i - 1].at) / (st[i].at - st[i - 1].at);
        // The curve's width between two stations: smoothstep, as the cubic in outline() draws it.
        return st[i - 1].half_width + (st[i].half_width - st[i - 1].half_width) * t * t * (3 - 2 * t);
    }
    /// Where the point lines end on the right: just past the limb's widest place.
    double right() const {
        double w = 0;
        for (const auto& s : shape.stations) w = std::max(w, s.half_width);
        return w + 4;
    }
};

// How many px a cm is: each label beside its line where the points are far enough apart, no taller
// than max_limb_px; but tall enough for every label to fit between the first point and the last,
// where that is within max_limb_px too (beyond it, only some points are labelled).
double px_per_cm(const std::vector<double>& cm, double top_cm) {
    double closest = cm.back() - cm.front();
    for (std::size_t i = 1; i < cm.size(); ++i) closest = std::min(closest, cm[i] - cm[i - 1]);
    const double most = max_limb_px / top_cm;
    const double fits_all = static_cast<double>(cm.size() - 1) * label_gap / (cm.back() - cm.front());
    return std::max(std::min(std::clamp(label_gap / closest, 2.5, 5.0), most), std::min(fits_all, most));
}

// Which points get a label: all where they fit between the first and the last, else as many as fit,
// evenly chosen, the first and last among them.
std::vector<std::size_t> labelled(const std::vector<double>& cm, double px_per_cm) {
    const int n = static_cast<int>(cm.size());
    const int room = static_cast<int>((cm.back() - cm.front()) * px_per_cm / label_gap + 1e-9) + 1;
    const int m = std::clamp(room, 2, n);
    std::vector<std::size_t> out;
    for (int j = 0; j < m; ++j) out.push_back(static_cast<std::size_t>(std::lround(j * (n - 1.0) / (m - 1))));
    return out;
}

// Labels' heights (px, up) given where each would sit (increasing): each where it would sit if it
// has room, else runs of labels that would touch are spaced label_gap apart, centred on where they
// would sit on average.
std::vector<double> spread(const std::vector<double>& want) {
    struct Run {
        int count;
        double sum;
        double low() const { return sum / count - (count - 1) * label_gap / 2; }
        double high() const { return low() + (count - 1) * label_gap; }
    };
    std::vector<Run> runs;
    for (double w : want) {
        runs.push_back({1, w});
        while (runs.size() > 1) {
            auto& a = runs[runs.size() - 2];
            const auto& b = runs.back();
            if (b.low() - a.high() >= label_gap - 1e-6) break;
            a.count += b.count, a.sum += b.sum;
            runs.pop_back();
        }
    }
    std::vector<double> out;
    for (const auto& r : runs)
        for (int k = 0; k < r.count; ++k) out.push_back(r.low() + k * label_gap);
    return out;
}

// The limb's outline, one closed path: up the left side, over the top, down the right, round the
// hand or foot. Between stations a cubic with upright tangents, whose width is half_width's smoothstep.
void outline(Canvas& c, const Limb& limb) {
    const auto st = limb.shape.stations;
    auto segment = [&](const Station& a, const Station& b, double side) {
        const double ya = limb.station_y(a), yb = limb.station_y(b);
        return " C" + c.pt(side * a.half_width, ya + (yb - ya) / 3) + " " +
               c.pt(side * b.half_width, ya + 2 * (yb - ya) / 3) + " " + c.pt(side * b.half_width, yb);
    };
    std::string d = "M" + c.pt(-st.front().half_width, 0);
    for (std::size_t i = 1; i < st.size(); ++i) d += segment(st[i - 1], st[i], -1);
    // A cubic whose two control points stand 4/3 of `cap` above its ends peaks at `cap`.
    const double top = limb.station_y(st.back()), w = st.back().half_width, lift = top - limb.shape.cap * 4 / 3;
    d += " C" + c.pt(-w, lift) + " " + c.pt(w, lift) + " " + c.pt(w, top);
    for (std::size_t i = st.size() - 1; i > 0; --i) d += segment(st[i], st[i - 1], 1);
    const double h = std::clamp(limb.shape.end_cm * limb.px_per_cm, limb.shape.end_min_px, limb.shape.end_max_px);
    for (const auto& e : limb.shape.end)
        d += " C" + c.pt(e.x1, e.y1 * h) + " " + c.pt(e.x2, e.y2 * h) + " " + c.pt(e.x, e.y * h);
    c.out += "<path class=\"limb\" d=\"" + d +
             " Z\" fill=\"currentColor\" fill-opacity=\"0.07\" stroke=\"currentColor\" stroke-width=\"1.5\" "
             "stroke-linejoin=\"round\"/>";
}

// The landmark: a line across the limb at 0 cm, out to the left under its name.
void landmark_mark(Canvas& c, const Limb& limb, std::string_view name) {
    const double w = limb.half_width(0), width = svg::text_width(name, chart::Face::regular, text_px);
    const double start = -w - 6 - width;
    c.out += "<line class=\"landmark\" x1=\"" + num(start) + "\" y1=\"0\" x2=\"" + num(w) +
             "\" y2=\"0\" stroke=\"currentColor\"/>";
    c.pt(start, -text_px - 3);
    c.out += "<text class=\"landmark\" x=\"" + num(start) + "\" y=\"-4\">" + svg::escape(name) + "</text>";
}

// A line across the limb at each point, and the labels to its right, a leader to those moved.
void points(Canvas& c, const Limb& limb, const std::vector<double>& cm) {
    const auto which = labelled(cm, limb.px_per_cm);
    std::vector<double> want;
    for (auto i : which) want.push_back(cm[i] * limb.px_per_cm);
    const auto at = spread(want);
    const double right = limb.right(), text_x = right + 11;
    std::string texts;     // after the lines, outside their group's stroke
    std::size_t next = 0;  // the next label, in `which` and `at`
    c.out += "<g class=\"tapes\" stroke=\"currentColor\" stroke-width=\"1.5\" fill=\"none\">";
    for (std::size_t i = 0; i < cm.size(); ++i) {
        const double y = limb.y(cm[i]);
        const bool has_label = next < which.size() && which[next] == i;
        const double label_y = has_label ? -at[next] : y;
        const bool moved = std::abs(label_y - y) > 0.05;
        c.out += "<line class=\"tape\" x1=\"" + num(-limb.half_width(cm[i])) + "\" y1=\"" + num(y) + "\" x2=\"" +
                 num(has_label && !moved ? right + 8 : right) + "\" y2=\"" + num(y) + "\"/>";
        if (!has_label) continue;
        if (moved)
            c.out += "<polyline class=\"leader\" points=\"" + c.pt(right, y) + " " + c.pt(right + 8, label_y) + "\"/>";
        const std::string text = format_exact(cm[i]) + " cm";
        c.pt(text_x + svg::text_width(text, chart::Face::regular, text_px), label_y - text_px / 2 - 1);
        c.pt(text_x, label_y + text_px / 2 + 1);
        texts += "<text class=\"point\" x=\"" + num(text_x) + "\" y=\"" + num(label_y + 0.36 * text_px) + "\">" +
                 svg::escape(text) + "</text>";
        ++next;
    }
    c.out += "</g>" + texts;
}

// The points in words: "Where to measure: 0 cm at the wrist, then every 4 cm up to 40 cm." when they
// are evenly spaced, else each distance.
std::string describe(const Protocol& p) {
    const auto& cm = p.positions_cm;
    const std::string from(landmark(p.limb));
    const double step = cm[1] - cm[0];
    bool even = cm.size() >= 3;
    for (std::size_t i = 1; i < cm.size(); ++i) even = even && std::abs(cm[i] - cm[i - 1] - step) < 1e-6;
    std::string out = "Where to measure: ";
    if (even)
        return out + (cm[0] == 0 ? "0 cm at the " + from : format_exact(cm[0]) + " cm from the " + from) +
               ", then every " + num(step, 2) + " cm up to " + format_exact(cm.back()) + " cm.";
    out += "at ";
    for (std::size_t i = 0; i < cm.size(); ++i)
        out += (i == 0 ? "" : i + 1 == cm.size() ? " and " : ", ") + format_exact(cm[i]);
    return out + " cm from the " + from + ".";
}

}  // namespace

Svg point_guide_svg(const Protocol& protocol) {
    const auto& shape = shape_of(protocol.limb);
    const auto& cm = protocol.positions_cm;
    if (cm.size() < 2) return {};  // no protocol: validate_protocol asks for two points or more
    const double top_cm = std::max(shape.length_cm, cm.back() * 1.1 + 3);  // a protocol reaching further: longer
    const Limb limb{shape, top_cm, px_per_cm(cm, top_cm)};
    Canvas c;
    outline(c, limb);
    landmark_mark(c, limb, landmark(protocol.limb));
    points(c, limb, cm);
    const double pad = 3, w = c.x1 - c.x0 + 2 * pad, h = c.y1 - c.y0 + 2 * pad;
    const std::string title = "Points of " + protocol.name + " on the " + std::string(shape.limb);
    return Svg{"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"point-guide\"" +
               attr("viewBox", num(c.x0 - pad) + " " + num(c.y0 - pad) + " " + num(w) + " " + num(h)) +
               attr("width", num(w)) + attr("height", num(h)) + " role=\"img\"" + attr("aria-label", title) +
               attr("font-size", num(text_px)) + " fill=\"currentColor\"><title>" + svg::escape(title) +
               "</title><desc>" + svg::escape(describe(protocol)) + "</desc>" + c.out + "</svg>"};
}

void point_guide(Html& b, const Protocol& protocol) {
    auto drawing = point_guide_svg(protocol);
    if (drawing.markup.empty()) return;
    const std::string limb(shape_of(protocol.limb).limb), from(landmark(protocol.limb));
    b.open("details", {{"class", "guide"}}).el("summary", "Where to measure");
    b.svg(drawing);
    b.el("p", {{"class", "muted small"}},
         "Lay the tape along the " + limb + " from the " + from + " and mark each distance; then measure round the " +
             limb + " at each mark.");
    b.close("details");
}

}  // namespace swelltrack::web
