#pragma once
// A photo of a client's skin (docs/architecture.md#photos): what is known of it beside its pixels.
// The pixels are a JPEG that imaging.h made (upright, without metadata); the store keeps it with
// a thumbnail.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "swelltrack/datetime.h"
#include "swelltrack/error.h"

namespace swelltrack {

struct Photo {
    std::int64_t id = 0;  // 0 until stored
    std::int64_t client_id = 0;
    DateTime taken_at;  // when it was taken, with the client's offset; the session form's time
    std::string site;   // where on the body, as typed: "left forearm", "back of the hand"
    // The session of hers recorded in the same minute, when there is one (the session form's photo);
    // none when that session is deleted.
    std::optional<std::int64_t> session_id;
    std::string added_by;                         // who added it, as the audit trail names them
    int width = 0, height = 0;                    // of the stored image, in pixels
    std::int64_t bytes = 0;                       // of the stored image
    std::optional<date::sys_seconds> deleted_at;  // set while deleted (it can be restored)
    friend bool operator==(const Photo&, const Photo&) = default;
};

/// A photo with a JPEG of it to show (a report's own rendition, or the stored image).
struct PhotoImage {
    Photo photo;
    std::string jpeg;
    int width = 0, height = 0;  // of `jpeg`
};

/// The site as typed: surrounding spaces removed.
std::string normalize_site(std::string_view site);
/// Throws UserError unless the site is 1-100 bytes of UTF-8 on one line (limits::photo_site_bytes).
void validate_photo_site(std::string_view site);
/// The refusal of a photo of a client who has not consented (Client::photo_consent).
UserError no_photo_consent(std::string_view client_name);
/// "left forearm, 2026-11-30 09:15": a photo as a message names it.
std::string photo_label(const Photo& p);

}  // namespace swelltrack
