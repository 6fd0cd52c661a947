// libFuzzer target: a photo's intake never crashes, and what it keeps is always a JPEG within the
// size limits; anything else is a UserError.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "swelltrack/error.h"
#include "swelltrack/imaging.h"
#include "swelltrack/limits.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto in = swelltrack::imaging::take_in(bytes);
        const auto fits = [](const swelltrack::imaging::Picture& p, int side) {
            return p.width >= 1 && p.height >= 1 && p.width <= side && p.height <= side &&
                   p.jpeg.substr(0, 3) == "\xFF\xD8\xFF";
        };
        if (!fits(in.image, swelltrack::limits::photo_long_side_px) ||
            !fits(in.thumbnail, swelltrack::limits::photo_thumbnail_px))
            std::abort();
    } catch (const swelltrack::UserError&) {
    }
    return 0;
}
