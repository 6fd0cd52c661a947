#include "http.h"

#include <algorithm>

namespace swelltrack::web::http {
namespace {
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool NameLess::operator()(std::string_view a, std::string_view b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
}

bool same_name(std::string_view a, std::string_view b) { return !NameLess{}(a, b) && !NameLess{}(b, a); }

std::string Request::get_header_value(std::string_view name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Response::get_header_value(std::string_view name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

void Response::set_content(std::string content, std::string_view content_type) {
    body = std::move(content);
    headers.erase("Content-Type");
    headers.emplace("Content-Type", std::string(content_type));
}

}  // namespace swelltrack::web::http
