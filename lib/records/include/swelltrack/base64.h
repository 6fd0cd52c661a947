#pragma once
// Base64 (RFC 4648, the standard alphabet, with padding): how the JSON export and FHIR carry a
// photo's JPEG.
#include <optional>
#include <string>
#include <string_view>

namespace swelltrack::records {

std::string base64_encode(std::string_view bytes);
/// The bytes, or nullopt when `text` is not canonical base64 (a character outside the alphabet,
/// a wrong length or padding).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace swelltrack::records
