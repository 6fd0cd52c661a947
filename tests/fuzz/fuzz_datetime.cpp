// libFuzzer target: the date-time parser never crashes, and what it accepts prints and parses back.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "swelltrack/datetime.h"
#include "swelltrack/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto t = swelltrack::parse_datetime(text);
        auto again = swelltrack::parse_datetime(swelltrack::format_datetime(t));
        if (!(again == t) || again.offset != t.offset) std::abort();
    } catch (const swelltrack::UserError&) {
    }
    try {
        auto d = swelltrack::parse_date(text);
        if (!d.ok() || swelltrack::parse_date(swelltrack::format_date(d)) != d) std::abort();
    } catch (const swelltrack::UserError&) {
    }
    return 0;
}
