#include "swelltrack/client.h"

#include <chrono>
#include <cstdint>
#include <cstring>

#include "swelltrack/detail/text.h"
#include "swelltrack/error.h"

namespace swelltrack {

std::string_view to_string(Side side) { return side == Side::left ? "left" : "right"; }

std::string_view to_string(Affected affected) {
    switch (affected) {
        case Affected::left:
            return "left";
        case Affected::right:
            return "right";
        case Affected::both:
            return "both";
    }
    return "both";
}

Side parse_side(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    if (t == "left" || t == "l") return Side::left;
    if (t == "right" || t == "r") return Side::right;
    throw UserError(std::string(field), std::string(text), detail::not_one_of(field, text, "left, right"));
}

Affected parse_affected(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    if (t == "left") return Affected::left;
    if (t == "right") return Affected::right;
    if (t == "both") return Affected::both;
    throw UserError(std::string(field), std::string(text), detail::not_one_of(field, text, "left, right, both"));
}

std::optional<Side> Client::affected_side() const {
    if (affected == Affected::left) return Side::left;
    if (affected == Affected::right) return Side::right;
    return std::nullopt;
}

std::optional<Side> Client::unaffected_side() const {
    if (affected == Affected::left) return Side::right;
    if (affected == Affected::right) return Side::left;
    return std::nullopt;
}

std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        // Fast path: 8 ASCII bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t extra;
        unsigned cp;
        if ((c >> 5) == 0x6) {
            extra = 1, cp = c & 0x1Fu;
        } else if ((c >> 4) == 0xE) {
            extra = 2, cp = c & 0x0Fu;
        } else if ((c >> 3) == 0x1E) {
            extra = 3, cp = c & 0x07u;
        } else {
            return i;
        }
        if (n - i <= extra) return i;
        for (std::size_t k = 1; k <= extra; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 0x2) return i;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        static constexpr unsigned min_cp[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += extra + 1;
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

void validate_client(const Client& client) {
    const auto& name = client.name;
    if (detail::trim(name).empty())
        throw UserError("name", name, "name: a client needs a name (any language, 1-200 bytes)");
    if (name.size() > 200)
        throw UserError("name", name.substr(0, 40) + "...",
                        "name: is " + std::to_string(name.size()) + " bytes long; the allowed length is 1-200 bytes");
    if (!is_valid_utf8(name)) throw UserError("name", name, "name: is not valid UTF-8 text");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7F)
            throw UserError("name", name, "name: '" + name + "' contains a control character (tab, newline, ...)");
    if (client.birth_year) {
        auto now = date::year_month_day{date::floor<date::days>(std::chrono::system_clock::now())};
        int this_year = static_cast<int>(now.year());
        if (*client.birth_year < 1900 || *client.birth_year > this_year)
            throw UserError("birth year", std::to_string(*client.birth_year),
                            "birth year: " + std::to_string(*client.birth_year) +
                                " is outside the allowed range 1900-" + std::to_string(this_year));
    }
    if (!is_valid_utf8(client.condition) || !is_valid_utf8(client.notes))
        throw UserError("notes", "", "condition/notes: not valid UTF-8 text");
}

}  // namespace swelltrack
