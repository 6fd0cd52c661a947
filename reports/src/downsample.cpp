#include "downsample.h"

#include <algorithm>
#include <cmath>

namespace swelltrack::chart {

namespace {
// The extremes of a run of values inside one bucket.
struct Extremes {
    const XY* min = nullptr;
    const XY* max = nullptr;
    void add(const XY& p) {
        if (!min || *p.y < *min->y) min = &p;
        if (!max || *p.y > *max->y) max = &p;
    }
    void flush(std::vector<XY>& out) {
        if (!min) return;
        const XY* first = min->x <= max->x ? min : max;
        const XY* second = first == min ? max : min;
        out.push_back(*first);
        if (second != first) out.push_back(*second);
        min = max = nullptr;
    }
    bool empty() const { return min == nullptr; }
};
}  // namespace

std::vector<XY> downsample_minmax(const std::vector<XY>& points, std::size_t buckets) {
    if (buckets == 0 || points.size() <= 2 * buckets) return points;
    double x0 = points.front().x, x1 = points.back().x;
    double span = x1 > x0 ? x1 - x0 : 1.0;
    std::vector<XY> out;
    out.reserve(std::min(points.size(), 5 * buckets));
    Extremes run;
    std::size_t bucket = 0;
    bool gap_in_bucket = false;
    for (const auto& p : points) {
        auto b = static_cast<std::size_t>(
            std::clamp((p.x - x0) / span * static_cast<double>(buckets), 0.0, static_cast<double>(buckets - 1)));
        if (b != bucket) {
            run.flush(out);
            bucket = b;
            gap_in_bucket = false;
        }
        if (p.y) {
            run.add(p);
        } else if (!gap_in_bucket) {
            run.flush(out);
            if (!out.empty() && out.back().y) out.push_back(p);  // one gap marker; leading gaps dropped
            gap_in_bucket = true;
        }
    }
    run.flush(out);
    return out;
}

}  // namespace swelltrack::chart
