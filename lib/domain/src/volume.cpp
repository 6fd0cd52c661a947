#include "swelltrack/volume.h"

#include <numbers>

#include "swelltrack/detail/enum_table.h"
#include "swelltrack/error.h"

namespace swelltrack {

namespace {
constexpr detail::EnumName<VolumeMethod> method_names[] = {{VolumeMethod::frustum, "frustum"},
                                                           {VolumeMethod::disk, "disk"}};
}  // namespace

detail::EnumTable<VolumeMethod> enum_table(VolumeMethod) { return {"method", method_names}; }

std::string_view describe(VolumeMethod method) {
    if (method == VolumeMethod::frustum)
        return "Volume: truncated-cone (frustum) model, V = h(C1^2 + C1C2 + C2^2)/(12 pi) summed over segments";
    return "Volume: disk model, V = C^2 h/(4 pi) per segment, C at the segment's lower point";
}

bool side_complete(const PointValues& circumference_mm) {
    if (circumference_mm.size() < 2) return false;
    for (const auto& c : circumference_mm)
        if (!c) return false;
    return true;
}

std::optional<LimbVolume> limb_volume(const std::vector<double>& positions_cm, const PointValues& circumference_mm,
                                      VolumeMethod method) {
    if (positions_cm.size() < 2 || circumference_mm.size() != positions_cm.size()) return std::nullopt;
    LimbVolume out;
    out.segments_total = static_cast<int>(positions_cm.size() - 1);
    for (std::size_t i = 0; i + 1 < positions_cm.size(); ++i) {
        const auto& a = circumference_mm[i];
        const auto& b = circumference_mm[i + 1];
        if (!a || !b) {
            out.partial = true;  // a segment without both ends is skipped, never guessed
            continue;
        }
        double h = positions_cm[i + 1] - positions_cm[i];
        double c1 = *a / 10.0, c2 = *b / 10.0;  // cm, so cm^3 = mL
        if (method == VolumeMethod::frustum) {
            // Truncated cone (Sitzia 1997, "Volume measurement in lymphoedema treatment"):
            // V = h (C1^2 + C1 C2 + C2^2) / (12 pi)
            out.volume_ml += h * (c1 * c1 + c1 * c2 + c2 * c2) / (12.0 * std::numbers::pi);
        } else {
            // Disk / cylinder summation (Kuhnke 1976): V = C^2 h / (4 pi), C at the segment's lower point.
            out.volume_ml += c1 * c1 * h / (4.0 * std::numbers::pi);
        }
        ++out.segments_used;
    }
    for (const auto& c : circumference_mm) out.partial = out.partial || !c.has_value();
    if (out.segments_used == 0) return std::nullopt;
    return out;
}

}  // namespace swelltrack
