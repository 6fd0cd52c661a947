#include "swelltrack/photo.h"

#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"

namespace swelltrack {

std::string normalize_site(std::string_view site) { return std::string(detail::trim(site)); }

void validate_photo_site(std::string_view site) {
    if (detail::trim(site).empty())
        throw UserError("site", std::string(site),
                        "site: say where on the body the photo was taken, e.g. \"left forearm\"");
    check_text(limits::photo_site_bytes, site, true);
}

UserError no_photo_consent(std::string_view client_name) {
    return UserError("photo consent", "no",
                     "photo consent: " + std::string(client_name) + " has not agreed that photos of her skin are kept")
        .with_remedy(Remedy::record_consent);
}

std::string photo_label(const Photo& p) { return p.site + ", " + display::minute(p.taken_at); }

}  // namespace swelltrack
