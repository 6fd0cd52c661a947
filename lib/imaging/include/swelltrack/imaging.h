#pragma once
// Photos on their way in (docs/architecture.md#photos): a phone's picture is decoded with libvips,
// turned upright, and re-encoded without a byte of what the camera wrote beside the pixels (GPS,
// device, time, embedded thumbnails), so that none of it ever reaches the database, a page or a
// report. libvips lives in this library only.
#include <cstdint>
#include <string>
#include <string_view>

namespace swelltrack::imaging {

/// A JPEG as swelltrack keeps it: baseline sRGB, no metadata, its size in pixels.
struct Picture {
    std::string jpeg;
    int width = 0;
    int height = 0;
};

/// What a photo becomes: the image (longest side at most limits::photo_long_side_px) and its
/// thumbnail for pages (longest side limits::photo_thumbnail_px).
struct Intake {
    Picture image;
    Picture thumbnail;
};

/// Refuses a file of `bytes` bytes (a UserError naming "photo") when it is empty or larger than
/// limits::photo_bytes: what take_in checks first, for a face that knows the size before it reads.
void check_size(std::uint64_t bytes);

/// Takes in a picture as it came (JPEG, PNG, HEIC or WebP): refuses more than limits::photo_bytes,
/// anything else, and more than limits::photo_pixels decoded (a decompression bomb) with a UserError
/// naming "photo", before it decodes a pixel; a damaged image is refused too. Then applies the EXIF
/// orientation, flattens transparency onto white, converts to sRGB, scales down to fit
/// limits::photo_long_side_px and re-encodes as JPEG with no metadata at all.
Intake take_in(std::string_view bytes);

/// A JPEG swelltrack stored before (an export, a backup read back): kept byte for byte when it is
/// one take_in could have made (a JPEG within the size limits, without metadata), with a thumbnail
/// made afresh; anything else goes through take_in. So a round trip loses nothing, and a file
/// edited by hand cannot bring metadata in.
Intake take_in_stored(std::string_view jpeg);

/// A picture (one take_in made) scaled down to fit a `side` x `side` square (never up) and encoded
/// again without metadata: a smaller rendition, e.g. for a report.
Picture scaled(std::string_view jpeg, int side);

/// True when `bytes` carry none of the blocks take_in removes (EXIF, XMP, IPTC, ICC, comments):
/// libvips' reading of them, for tests and `check`.
bool has_no_metadata(std::string_view bytes);

}  // namespace swelltrack::imaging
