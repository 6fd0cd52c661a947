#pragma once
// Comparisons between limbs and over time (docs/clinical.md). All percentages are in percent.
#include <optional>
#include <string_view>
#include <vector>

#include "swelltrack/session.h"

namespace swelltrack {

/// Affected minus unaffected, in mL.
double interlimb_difference_ml(double affected_ml, double unaffected_ml);
/// (affected - unaffected) / unaffected * 100.
double excess_percent(double affected_ml, double unaffected_ml);
/// Relative volume change since baseline, unilateral: (A2*U1)/(U2*A1) - 1, in percent.
double relative_volume_change_percent(double a1_ml, double u1_ml, double a2_ml, double u2_ml);
/// Weight-adjusted volume change of one limb: (A2*W1)/(W2*A1) - 1, in percent.
double weight_adjusted_change_percent(double a1_ml, double w1_kg, double a2_ml, double w2_kg);
/// One limb's own volume change from one session to another: V2/V1 - 1, in percent (the rapid
/// rise; two sessions compared side by side).
double volume_change_percent(double v1_ml, double v2_ml);

/// The point where the two sides differ most (by absolute value); nullopt if no point has both.
struct PointDifference {
    std::size_t point_index = 0;
    double difference_cm = 0.0;  // first minus second side (signed)
    friend bool operator==(const PointDifference&, const PointDifference&) = default;
};
std::optional<PointDifference> largest_point_difference(const PointValues& first_mm, const PointValues& second_mm);

/// CTCAE v3 lymphedema grade from the inter-limb difference in percent: 0 under 5%.
int ctcae_grade(double excess_pct);
std::string_view ctcae_label(int grade);  // "below grade 1 (<5%)", "grade 1 (5-10%)", ...

enum class IslSeverity { mild, moderate, severe };
/// ISL severity band from % excess: under 20 mild, 20-40 moderate, over 40 severe.
IslSeverity isl_severity(double excess_pct);
std::string_view to_string(IslSeverity severity);

}  // namespace swelltrack
