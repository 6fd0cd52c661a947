#pragma once
// Fewer vertices for long series: a chart needs about one per horizontal point, the numbers need all.
#include <cstddef>
#include <vector>

#include "swelltrack/chart.h"

namespace swelltrack::chart {

/// Min/max downsampling into `buckets` equal x intervals: each bucket keeps its lowest and highest
/// value (in x order), so spikes stay visible. A gap inside a bucket is kept once, splitting it.
/// Input sorted by x; short input is returned unchanged. Output has at most 5 entries per bucket
/// (min/max, gap, min/max) and never more than the input.
std::vector<XY> downsample_minmax(const std::vector<XY>& points, std::size_t buckets);

}  // namespace swelltrack::chart
