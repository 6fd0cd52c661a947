#pragma once
// Limb volume from circumferences (docs/clinical.md#limb-volume).
#include <optional>
#include <string_view>
#include <vector>

#include "swelltrack/detail/enum_table.h"
#include "swelltrack/session.h"

namespace swelltrack {

enum class VolumeMethod { frustum, disk };
detail::EnumTable<VolumeMethod> enum_table(VolumeMethod);  // frustum, disk
/// One sentence for reports, e.g. "truncated-cone (frustum) model over 4 cm segments".
std::string_view describe(VolumeMethod method);

struct LimbVolume {
    double volume_ml = 0.0;
    bool partial = false;  // at least one segment skipped for a missing end point
    int segments_used = 0;
    int segments_total = 0;
};

/// Every point of the side was measured (and there are at least 2): its volume is not partial.
/// Only such volumes are compared between sides or over time.
bool side_complete(const PointValues& circumference_mm);

/// Volume of one limb. `positions_cm` and `circumference_mm` have one entry per point.
/// Returns nullopt when no segment has both end points (nothing can be computed).
std::optional<LimbVolume> limb_volume(const std::vector<double>& positions_cm, const PointValues& circumference_mm,
                                      VolumeMethod method = VolumeMethod::frustum);

}  // namespace swelltrack
