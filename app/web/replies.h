#pragma once
// The JSON answers of the API: a body with its status, and the shape of every error.
#include <nlohmann/json.hpp>
#include <string_view>

#include "http.h"

namespace swelltrack::web {

/// `body` as the answer, with `status`; bytes that are not UTF-8 become U+FFFD.
void json_reply(http::Response& res, int status, const nlohmann::json& body);
/// {"error": message, "field": field or null}.
nlohmann::json error_body(std::string_view message, std::string_view field = {});

}  // namespace swelltrack::web
