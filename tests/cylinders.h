#pragma once
// A session whose arms are cylinders, for figures worked by hand in the report tests.
#include <string>

#include "swelltrack/datetime.h"
#include "swelltrack/session.h"

namespace swelltrack::testing {

/// Arm cylinders 40 cm long (arm-4cm, 11 points 4 cm apart): each frustum is h*C^2/(4 pi), so a
/// side's volume is V = 40 * C^2 / (4 pi) = 10 C^2 / pi mL for C in cm.
inline Session cylinders(const std::string& at, double left_cm, double right_cm) {
    Session s;
    s.protocol = "arm-4cm";
    s.recorded_at = parse_datetime(at);
    s.left_mm.assign(11, left_cm * 10);
    s.right_mm.assign(11, right_cm * 10);
    return s;
}

}  // namespace swelltrack::testing
