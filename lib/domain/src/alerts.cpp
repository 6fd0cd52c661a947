#include "swelltrack/alerts.h"

#include <cmath>

#include "swelltrack/error.h"
#include "swelltrack/limits.h"

namespace swelltrack {

void validate_thresholds(const AlertThresholds& t) {
    check(limits::watch_pct, t.change_watch_pct);
    // The range threshold is at least the watch threshold: its lower end moves with it.
    auto range = limits::range_pct;
    range.lo = t.change_watch_pct;
    check(range, t.change_range_pct);
    check(limits::point_difference_cm, t.point_difference_cm);
    check(limits::rapid_rise_pct, t.rapid_rise_pct);
    check(limits::rapid_rise_days, t.rapid_rise_days);
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
