#include "format.h"

namespace swelltrack::pdf {

double chart_day(const DateTime& t) { return static_cast<double>(t.local().time_since_epoch().count()) / 86400.0; }

}  // namespace swelltrack::pdf
