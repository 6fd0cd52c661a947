// Photos on their way in (swelltrack/imaging.h): upright, without a trace of the phone's metadata,
// and refused when they are no picture, too large or a decompression bomb. Real files, read back
// with exiftool and libvips.
#include "swelltrack/imaging.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "photo_files.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"

using namespace swelltrack;
using namespace swelltrack::testing;
using vips::VImage;

namespace {

VImage read(std::string_view jpeg) { return VImage::new_from_buffer(jpeg.data(), jpeg.size(), ""); }

// Red, as the test pictures' corner square is, at (x, y).
bool red_at(const VImage& image, int x, int y) {
    auto p = image.getpoint(x, y);
    return p.at(0) > 180 && p.at(1) < 60 && p.at(2) < 60;
}

std::string bytes_of(const VImage& image, const char* suffix) {
    void* buf = nullptr;
    std::size_t length = 0;
    if (vips_image_write_to_buffer(image.get_image(), suffix, &buf, &length, nullptr) != 0)
        throw std::runtime_error("cannot write a test picture");
    std::string out(static_cast<const char*>(buf), length);
    g_free(buf);
    return out;
}

}  // namespace

TEST_CASE("a phone's JPEG comes out upright, with no GPS, camera, time, thumbnail, XMP or IPTC left") {
    TempDir dir("imaging");
    phone_jpeg(dir / "phone.jpg");
    // The test file is what a phone writes: all of these are there before intake.
    const auto before = exif_tags(dir / "phone.jpg");
    CHECK_THAT(before, Catch::Contains("[GPS]           GPSLatitude                     : 47.3769"));
    CHECK_THAT(before, Catch::Contains("Phone 15 Pro"));
    CHECK_THAT(before, Catch::Contains("2026:11:30 21:14:05"));
    CHECK_THAT(before, Catch::Contains("ThumbnailImage"));
    CHECK_THAT(before, Catch::Contains("Zurich"));
    CHECK_THAT(before, Catch::Contains("[IFD0]          Orientation                     : 6"));
    CHECK(metadata_groups(dir / "phone.jpg") ==
          std::set<std::string>{"ExifIFD", "GPS", "IFD0", "IFD1", "IPTC", "XMP-dc", "XMP-x"});
    const auto original = slurp(dir / "phone.jpg");
    CHECK_FALSE(imaging::has_no_metadata(original));

    const auto in = imaging::take_in(original);
    write_file(dir / "kept.jpg", in.image.jpeg);
    write_file(dir / "thumb.jpg", in.thumbnail.jpeg);
    // exiftool finds nothing but the file's own description in either.
    CHECK(metadata_groups(dir / "kept.jpg").empty());
    CHECK(metadata_groups(dir / "thumb.jpg").empty());
    CHECK(imaging::has_no_metadata(in.image.jpeg));
    CHECK(imaging::has_no_metadata(in.thumbnail.jpeg));
    for (std::string_view gone : {"47.3769", "8.5417", "Phone", "21:14:05", "F1X2Y3", "Maria", "Zurich", "Exif"}) {
        CAPTURE(gone);
        CHECK(in.image.jpeg.find(gone) == std::string::npos);
        CHECK(in.thumbnail.jpeg.find(gone) == std::string::npos);
    }
    // Orientation 6: stored 600 x 400, shown turned 90 degrees clockwise: 400 wide, 600 high, the
    // stored top-left corner now top-right.
    CHECK(in.image.width == 400);
    CHECK(in.image.height == 600);
    const auto kept = read(in.image.jpeg);
    CHECK(kept.width() == 400);
    CHECK(kept.height() == 600);
    CHECK(red_at(kept, 400 - 20, 20));
    CHECK_FALSE(red_at(kept, 20, 20));
    // The thumbnail: 320 on the longer side, 600:400 kept (400 * 320 / 600 = 213.3, rounded).
    CHECK(in.thumbnail.height == 320);
    CHECK(in.thumbnail.width == 213);
    CHECK(red_at(read(in.thumbnail.jpeg), 213 - 10, 10));
}

TEST_CASE("a 12-megapixel photo is kept at 2048 px on its longer side") {
    const auto photo = bytes_of(skin_picture(4032, 3024), ".jpg[Q=90]");
    const auto in = imaging::take_in(photo);
    // 4032 x 3024 scaled by 2048 / 4032: 3024 * 2048 / 4032 = 1536 exactly.
    CHECK(in.image.width == 2048);
    CHECK(in.image.height == 1536);
    CHECK(read(in.image.jpeg).width() == 2048);
    CHECK(in.thumbnail.width == 320);
    CHECK(in.thumbnail.height == 240);  // 3024 * 320 / 4032 = 240
    // A smaller photo is never scaled up.
    const auto small = imaging::take_in(bytes_of(skin_picture(640, 480), ".jpg"));
    CHECK(small.image.width == 640);
    CHECK(small.image.height == 480);
}

TEST_CASE("PNG, WebP and HEIC are taken in as JPEG, transparency on white") {
    // A PNG with an alpha band, fully transparent: white once flattened.
    VImage rgba = skin_picture(300, 200).bandjoin_const({0});
    const auto png = imaging::take_in(bytes_of(rgba, ".png"));
    CHECK(png.image.jpeg.substr(0, 3) == "\xFF\xD8\xFF");
    auto white = read(png.image.jpeg).getpoint(150, 150);
    CHECK(white.at(0) > 245);
    CHECK(white.at(1) > 245);
    CHECK(white.at(2) > 245);
    // 16 bits per channel, as some cameras' PNGs.
    VImage deep = (skin_picture(300, 200).cast(VIPS_FORMAT_USHORT) * 256)
                      .cast(VIPS_FORMAT_USHORT)
                      .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_RGB16));
    const auto png16 = imaging::take_in(bytes_of(deep, ".png"));
    CHECK(red_at(read(png16.image.jpeg), 5, 5));
    const auto webp = imaging::take_in(bytes_of(skin_picture(300, 200), ".webp"));
    CHECK(webp.image.width == 300);
    // HEIC, as an iPhone saves it.
    const auto heic = imaging::take_in(bytes_of(skin_picture(300, 200), ".heic"));
    CHECK(heic.image.width == 300);
    CHECK(heic.image.height == 200);
    CHECK(red_at(read(heic.image.jpeg), 10, 10));
}

TEST_CASE("a decompression bomb, a huge file, a non-image and a damaged JPEG are refused with a clear message") {
    // 10,000 x 10,000 black pixels: a small PNG that would decode to 300 MB.
    const auto bomb = bytes_of(VImage::black(10000, 10000), ".png");
    CHECK(bomb.size() < 1024 * 1024);
    CHECK_THROWS_WITH(imaging::take_in(bomb),
                      "photo: the picture is 10000 x 10000 pixels (100.0 megapixels); at most "
                      "50.0 megapixels are taken");
    // Just past the byte limit: refused before it is read.
    std::string huge(static_cast<std::size_t>(limits::photo_bytes.hi) + 1, '\0');
    CHECK_THROWS_WITH(imaging::take_in(huge), "photo: the file is 25.0 MB; at most 25.0 MB is taken");
    CHECK_THROWS_WITH(imaging::take_in(""), "photo: the file is empty");
    const std::string refused =
        "photo: this file is not a picture swelltrack takes: send a JPEG, PNG, HEIC or WebP photo";
    CHECK_THROWS_WITH(imaging::take_in("date,left_1\n2026-01-01,21.5\n"), refused);
    CHECK_THROWS_WITH(imaging::take_in("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n"), refused);
    CHECK_THROWS_WITH(imaging::take_in("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"),
                      refused);
    CHECK_THROWS_WITH(imaging::take_in(bytes_of(skin_picture(50, 50), ".tif")), refused);
    // A JPEG cut off halfway.
    const auto whole = bytes_of(skin_picture(600, 400), ".jpg");
    CHECK_THROWS_WITH(imaging::take_in(whole.substr(0, whole.size() / 2)),
                      "photo: the picture cannot be read: the file is damaged or incomplete");
    try {
        imaging::take_in(bomb);
    } catch (const UserError& e) {
        CHECK(e.field() == "photo");
        CHECK(e.value() == "10000x10000");
    }
}

TEST_CASE("a photo swelltrack stored comes back byte for byte, one from elsewhere is cleaned") {
    TempDir dir("imaging");
    phone_jpeg(dir / "phone.jpg");
    const auto first = imaging::take_in(slurp(dir / "phone.jpg"));
    const auto again = imaging::take_in_stored(first.image.jpeg);
    CHECK(again.image.jpeg == first.image.jpeg);
    CHECK(again.image.width == 400);
    CHECK(again.image.height == 600);
    CHECK(again.thumbnail.jpeg == first.thumbnail.jpeg);
    // A file with the phone's tags in it, handed in as if stored: cleaned and turned.
    const auto tagged = imaging::take_in_stored(slurp(dir / "phone.jpg"));
    CHECK(imaging::has_no_metadata(tagged.image.jpeg));
    CHECK(tagged.image.width == 400);
}
