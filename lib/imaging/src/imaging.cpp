// Photos on their way in, with libvips: the only file that includes it.
#include "swelltrack/imaging.h"

#include <array>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <vips/vips8>

#include "swelltrack/error.h"
#include "swelltrack/limits.h"

namespace swelltrack::imaging {
namespace {

using vips::VImage;
using vips::VOption;

void start_vips() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("swelltrack") != 0)
            throw std::runtime_error("libvips did not start: " + std::string(vips_error_buffer()));
        // Each photo is read once: nothing to gain from libvips' operation cache but memory held.
        vips_cache_set_max(0);
        // Loaders libvips marks untrusted (ImageMagick, PDF, ...) never run, whatever a file claims.
        vips_block_untrusted_set(TRUE);
        // A damaged upload is refused with a message of ours; libvips' own warnings about it would
        // only fill the server's log.
        g_log_set_handler(
            "VIPS", G_LOG_LEVEL_WARNING, [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    });
}

// The loaders a phone's picture needs. libvips can read many more formats (SVG, PDF, TIFF, FITS,
// ImageMagick's); each is more code an upload could reach, so those are refused by name.
constexpr std::array<std::string_view, 4> allowed_loaders{"VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer",
                                                          "VipsForeignLoadHeifBuffer", "VipsForeignLoadWebpBuffer"};

std::string megabytes(double bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", bytes / (1024.0 * 1024.0));
    return text;
}

std::string megapixels(double pixels) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f megapixels", pixels / 1e6);
    return text;
}

UserError refused(const std::string& value, const std::string& why) {
    return UserError("photo", value, "photo: " + why);
}

// The loader for `bytes`, if it is one of the allowed ones; a UserError otherwise.
std::string_view loader_of(std::string_view bytes) {
    const char* found = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
    vips_error_clear();
    if (found)
        for (auto name : allowed_loaders)
            if (name == found) return name;
    throw refused(found ? found : "unknown",
                  "this file is not a picture swelltrack takes: send a JPEG, PNG, HEIC or WebP photo");
}

}  // namespace

void check_size(std::uint64_t bytes) {
    if (bytes == 0) throw refused("0", "the file is empty");
    if (static_cast<double>(bytes) > limits::photo_bytes.hi)
        throw refused(std::to_string(bytes), "the file is " + megabytes(static_cast<double>(bytes)) + "; at most " +
                                                 megabytes(limits::photo_bytes.hi) + " is taken");
}

namespace {

// The byte and pixel caps, from the file's size and its header alone (nothing decoded yet).
void check_caps(std::string_view bytes) {
    check_size(bytes.size());
    loader_of(bytes);
    VImage header;
    try {
        header = VImage::new_from_buffer(bytes.data(), bytes.size(), "",
                                         VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR));
    } catch (const vips::VError&) {
        vips_error_clear();
        throw refused("damaged", "the picture cannot be read: the file is damaged or incomplete");
    }
    const double pixels = static_cast<double>(header.width()) * header.height();
    if (pixels > limits::photo_pixels.hi)
        throw refused(std::to_string(header.width()) + "x" + std::to_string(header.height()),
                      "the picture is " + std::to_string(header.width()) + " x " + std::to_string(header.height()) +
                          " pixels (" + megapixels(pixels) + "); at most " + megapixels(limits::photo_pixels.hi) +
                          " are taken");
}

// A VipsBlob over `bytes` without a copy; `bytes` outlives it.
struct Blob {
    VipsBlob* blob;
    explicit Blob(std::string_view bytes) : blob(vips_blob_new(nullptr, bytes.data(), bytes.size())) {}
    ~Blob() { vips_area_unref(VIPS_AREA(blob)); }
    Blob(const Blob&) = delete;
    Blob& operator=(const Blob&) = delete;
};

// sRGB, 8 bits, three bands: what a JPEG for any browser and for the report holds.
VImage as_srgb(VImage image) {
    if (image.has_alpha())
        image = image.flatten(VImage::option()->set("background", std::vector<double>{255, 255, 255}));
    if (image.interpretation() != VIPS_INTERPRETATION_sRGB) image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    return image;
}

Picture encode(const VImage& image, int quality) {
    VipsBlob* out = image.jpegsave_buffer(
        VImage::option()->set("Q", quality)->set("strip", true)->set("optimize_coding", true)->set("interlace", false));
    std::size_t length = 0;
    const void* data = vips_blob_get(out, &length);
    Picture p{std::string(static_cast<const char*>(data), length), image.width(), image.height()};
    vips_area_unref(VIPS_AREA(out));
    return p;
}

// Scaled to fit a `side` x `side` square (never up), upright.
VImage fitted(std::string_view bytes, int side) {
    Blob blob(bytes);
    return VImage::thumbnail_buffer(
        blob.blob, side,
        VImage::option()->set("height", side)->set("size", VIPS_SIZE_DOWN)->set("option_string", "fail_on=truncated"));
}

template <class F>
auto guarded(F&& work) {
    try {
        return work();
    } catch (const vips::VError&) {
        vips_error_clear();
        throw refused("damaged", "the picture cannot be read: the file is damaged or incomplete");
    }
}

Picture thumbnail_of(std::string_view jpeg) { return encode(as_srgb(fitted(jpeg, limits::photo_thumbnail_px)), 80); }

// The fields of an image libvips reads that are not pixels' own description.
bool metadata_field(std::string_view name) {
    constexpr std::array<std::string_view, 14> pixel_fields{
        "width",   "height", "bands", "format",   "coding",      "interpretation", "xoffset",
        "yoffset", "xres",   "yres",  "filename", "vips-loader", "jpeg-multiscan", "jpeg-chroma-subsample"};
    for (auto f : pixel_fields)
        if (f == name) return false;
    return true;
}

}  // namespace

Intake take_in(std::string_view bytes) {
    start_vips();
    check_caps(bytes);
    return guarded([&] {
        Intake in;
        in.image = encode(as_srgb(fitted(bytes, limits::photo_long_side_px)), 85);
        in.thumbnail = thumbnail_of(in.image.jpeg);
        return in;
    });
}

Picture scaled(std::string_view jpeg, int side) {
    start_vips();
    check_caps(jpeg);
    return guarded([&] { return encode(as_srgb(fitted(jpeg, side)), 85); });
}

bool has_no_metadata(std::string_view bytes) {
    start_vips();
    check_caps(bytes);
    return guarded([&] {
        VImage image = VImage::new_from_buffer(bytes.data(), bytes.size(), "");
        gchar** names = vips_image_get_fields(image.get_image());
        bool clean = true;
        for (gchar** n = names; *n; ++n)
            if (metadata_field(*n)) clean = false;
        g_strfreev(names);
        return clean;
    });
}

Intake take_in_stored(std::string_view jpeg) {
    start_vips();
    check_caps(jpeg);
    const bool keep = loader_of(jpeg) == "VipsForeignLoadJpegBuffer" && has_no_metadata(jpeg) && guarded([&] {
                          VImage image = VImage::new_from_buffer(jpeg.data(), jpeg.size(), "");
                          return std::max(image.width(), image.height()) <= limits::photo_long_side_px &&
                                 image.interpretation() == VIPS_INTERPRETATION_sRGB && image.bands() == 3;
                      });
    if (!keep) return take_in(jpeg);
    return guarded([&] {
        VImage image =
            VImage::new_from_buffer(jpeg.data(), jpeg.size(), "", VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR));
        image.avg();  // decodes every pixel: a damaged file fails here, not on a page
        Intake in;
        in.image = Picture{std::string(jpeg), image.width(), image.height()};
        in.thumbnail = thumbnail_of(jpeg);
        return in;
    });
}

}  // namespace swelltrack::imaging
