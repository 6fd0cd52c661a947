#pragma once
// Thin start of the report library; the report issue fills it.
#include <string>

namespace swelltrack::pdf {
/// The libharu version this program was built against.
std::string haru_version();
}  // namespace swelltrack::pdf
