#pragma once
// Pictures for the photo tests, drawn with libvips and tagged by exiftool as a phone tags them: real
// files in a temp folder, made afresh by each test (nothing binary is committed).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vips/vips8>

#include "temp_dir.h"

namespace swelltrack::testing {

inline void start_test_vips() {
    static const bool started = VIPS_INIT("swelltrack-test") == 0;
    if (!started) throw std::runtime_error("libvips did not start");
}

/// A `width` x `height` picture of skin-coloured noise with a red square in its stored top-left
/// corner (so a test can tell which way up it came out).
inline vips::VImage skin_picture(int width, int height) {
    start_test_vips();
    using vips::VImage;
    VImage noise = VImage::gaussnoise(width, height, VImage::option()->set("sigma", 12.0)->set("mean", 0.0));
    VImage skin = (noise.bandjoin(noise).bandjoin(noise) + std::vector<double>{224, 172, 150})
                      .cast(VIPS_FORMAT_UCHAR)
                      .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    const int side = std::min(width, height) / 4;
    skin = skin.copy_memory();
    skin.draw_rect(std::vector<double>{220, 0, 0}, 0, 0, side, side, VImage::option()->set("fill", true));
    return skin;
}

/// Runs a shell command; its standard output. Throws when it fails.
inline std::string shell(const std::string& command) {
    TempDir dir("shell");
    const auto out = dir / "out";
    if (std::system((command + " > " + quote(out.string()) + " 2>&1").c_str()) != 0)
        throw std::runtime_error(command + " failed: " + slurp(out));
    return slurp(out);
}

/// A phone's JPEG (600 x 400 stored, to be shown turned 90 degrees clockwise: EXIF orientation 6)
/// with what a phone writes beside the pixels: GPS coordinates, the camera, the time, a lens serial,
/// an embedded thumbnail, XMP and IPTC. Written to `path`.
inline void phone_jpeg(const std::filesystem::path& path, int width = 600, int height = 400) {
    skin_picture(width, height).jpegsave(path.c_str(), vips::VImage::option()->set("Q", 90));
    const auto thumb = path.string() + ".thumb.jpg";
    skin_picture(160, 120).jpegsave(thumb.c_str());
    shell(
        "exiftool -q -overwrite_original -n -Orientation=6 -GPSLatitude=47.3769 -GPSLatitudeRef=N "
        "-GPSLongitude=8.5417 -GPSLongitudeRef=E -Make=Phonemaker -Model='Phone 15 Pro' "
        "-DateTimeOriginal='2026:11:30 21:14:05' -LensSerialNumber=F1X2Y3 -XMP-dc:Creator='Maria Keller' "
        "-IPTC:City=Zurich '-ThumbnailImage<=" +
        thumb + "' " + quote(path.string()));
    std::filesystem::remove(thumb);
}

/// exiftool's reading of `path`: every tag with its group, one per line ("[GPS] GPSLatitude : ...").
inline std::string exif_tags(const std::filesystem::path& path) {
    return shell("exiftool -a -G1 -s -n " + quote(path.string()));
}

/// The exiftool groups of `path` other than the file's own description (File, JFIF, Composite,
/// ExifTool, System): what a photo carries beyond its pixels (GPS, IFD0, ExifIFD, XMP-*, IPTC, ...).
inline std::set<std::string> metadata_groups(const std::filesystem::path& path) {
    std::set<std::string> groups;
    std::istringstream lines(exif_tags(path));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] != '[') continue;
        auto group = line.substr(1, line.find(']') - 1);
        if (group != "ExifTool" && group != "System" && group != "File" && group != "JFIF" && group != "Composite")
            groups.insert(group);
    }
    return groups;
}

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace swelltrack::testing
