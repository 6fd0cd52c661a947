#include "swelltrack/alerts.h"

#include <cmath>

#include "swelltrack/error.h"
#include "swelltrack/units.h"

namespace swelltrack {

namespace {
void check(double v, std::string_view field, double lo, double hi, std::string_view why = "") {
    if (!std::isfinite(v) || v < lo || v > hi)
        throw UserError(std::string(field), format_exact(v),
                        std::string(field) + ": " + format_exact(v) + " is outside the allowed range " +
                            format_exact(lo) + "-" + format_exact(hi) + std::string(why));
}
}  // namespace

void validate_thresholds(const AlertThresholds& t) {
    // Below the smallest real difference (~3.5%) an alert would fire on tape-measure noise.
    const char* srd = " (below 3.5% is measurement noise)";
    check(t.change_watch_pct, "watch threshold %", smallest_real_difference_pct, 100.0, srd);
    check(t.change_range_pct, "range threshold %", t.change_watch_pct, 100.0, " (at least the watch threshold)");
    check(t.point_difference_cm, "point difference cm", 0.5, 20.0);
    check(t.rapid_rise_pct, "rapid rise %", smallest_real_difference_pct, 100.0, srd);
    check(t.rapid_rise_days, "rapid rise days", 1, 90);
}

std::string_view to_string(AlertCode code) {
    switch (code) {
        case AlertCode::rvc_5:
            return "rvc_5";
        case AlertCode::rvc_10:
            return "rvc_10";
        case AlertCode::wac_5:
            return "wac_5";
        case AlertCode::wac_10:
            return "wac_10";
        case AlertCode::point_2cm:
            return "point_2cm";
        case AlertCode::rapid_rise:
            return "rapid_rise";
        case AlertCode::infection_signs:
            return "infection_signs";
    }
    return "";
}

int severity_rank(AlertCode code) {
    switch (code) {
        case AlertCode::rvc_10:
        case AlertCode::wac_10:
        case AlertCode::infection_signs:
            return 2;
        default:
            return 1;
    }
}

}  // namespace swelltrack
