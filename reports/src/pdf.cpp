#include "swelltrack/pdf.h"

#include <hpdf.h>

namespace swelltrack::pdf {
std::string haru_version() { return HPDF_GetVersion(); }
}  // namespace swelltrack::pdf
