#include "swelltrack/clinical.h"

#include <cmath>

namespace swelltrack {

// Inter-limb difference and % excess: Armer & Stewart 2005 (Lymphat Res Biol 3:208);
// docs/clinical.md#inter-limb-difference-and-percent-excess.
double interlimb_difference_ml(double affected_ml, double unaffected_ml) { return affected_ml - unaffected_ml; }

double excess_percent(double affected_ml, double unaffected_ml) {
    return (affected_ml - unaffected_ml) / unaffected_ml * 100.0;
}

// Relative volume change: Ancukiewicz et al. 2011, Int J Radiat Oncol Biol Phys 79(5):1436.
double relative_volume_change_percent(double a1_ml, double u1_ml, double a2_ml, double u2_ml) {
    return ((a2_ml * u1_ml) / (u2_ml * a1_ml) - 1.0) * 100.0;
}

// Weight-adjusted change: Ancukiewicz et al. 2012, BMC Cancer 12:385 (for bilateral disease).
double weight_adjusted_change_percent(double a1_ml, double w1_kg, double a2_ml, double w2_kg) {
    return ((a2_ml * w1_kg) / (w2_kg * a1_ml) - 1.0) * 100.0;
}

double volume_change_percent(double v1_ml, double v2_ml) { return (v2_ml / v1_ml - 1.0) * 100.0; }

std::optional<PointDifference> largest_point_difference(const PointValues& first_mm, const PointValues& second_mm) {
    std::optional<PointDifference> best;
    for (std::size_t i = 0; i < first_mm.size() && i < second_mm.size(); ++i) {
        if (!first_mm[i] || !second_mm[i]) continue;
        double d = (*first_mm[i] - *second_mm[i]) / 10.0;
        if (!best || std::abs(d) > std::abs(best->difference_cm)) best = PointDifference{i, d};
    }
    return best;
}

// CTCAE v3.0 (NCI 2006), "Lymphedema": grade 1 5-10%, grade 2 >10-30%, grade 3 >30% inter-limb discrepancy.
int ctcae_grade(double excess_pct) {
    if (excess_pct > 30.0) return 3;
    if (excess_pct > 10.0) return 2;
    if (excess_pct >= 5.0) return 1;
    return 0;
}

std::string_view ctcae_label(int grade) {
    switch (grade) {
        case 0:
            return "below grade 1 (<5%)";
        case 1:
            return "grade 1 (5-10%)";
        case 2:
            return "grade 2 (>10-30%)";
        default:
            return "grade 3 (>30%)";
    }
}

// ISL 2020 Consensus Document: severity by excess volume, <20% mild, 20-40% moderate, >40% severe.
IslSeverity isl_severity(double excess_pct) {
    if (excess_pct > 40.0) return IslSeverity::severe;
    if (excess_pct >= 20.0) return IslSeverity::moderate;
    return IslSeverity::mild;
}

std::string_view to_string(IslSeverity severity) {
    switch (severity) {
        case IslSeverity::mild:
            return "mild (<20%)";
        case IslSeverity::moderate:
            return "moderate (20-40%)";
        case IslSeverity::severe:
            return "severe (>40%)";
    }
    return "";
}

}  // namespace swelltrack
