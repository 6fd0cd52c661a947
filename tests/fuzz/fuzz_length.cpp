// libFuzzer target: the circumference parser never crashes and never returns an out-of-range value.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "swelltrack/error.h"
#include "swelltrack/limits.h"
#include "swelltrack/units.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (auto unit : {swelltrack::LengthUnit::cm, swelltrack::LengthUnit::in}) {
        try {
            double mm = swelltrack::parse_circumference_mm(text, unit);
            if (!swelltrack::within(swelltrack::limits::circumference_mm, mm)) std::abort();
            if (swelltrack::canonical_mm(mm) != mm) std::abort();
        } catch (const swelltrack::UserError&) {
        }
    }
    return 0;
}
