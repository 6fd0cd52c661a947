#include "swelltrack/client.h"

#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "swelltrack/detail/enum_table.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"

namespace swelltrack {

namespace {
constexpr detail::EnumName<Side> side_names[] = {
    {Side::left, "left"}, {Side::right, "right"}, {Side::left, "l"}, {Side::right, "r"}};
constexpr detail::EnumName<Affected> affected_names[] = {
    {Affected::left, "left"}, {Affected::right, "right"}, {Affected::both, "both"}};
}  // namespace

detail::EnumTable<Side> enum_table(Side) { return {"side", side_names}; }
detail::EnumTable<Affected> enum_table(Affected) { return {"affected", affected_names}; }

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

std::string normalize_name(std::string_view name) {
    std::string text(detail::trim(name));
    // utf8proc_NFC wants NUL-terminated text; a name with NUL or invalid UTF-8 is refused later.
    if (text.find('\0') != std::string::npos || !is_valid_utf8(text)) return text;
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> nfc(
        utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str())), &std::free);
    return nfc ? std::string(reinterpret_cast<const char*>(nfc.get())) : text;
}

std::optional<int> parse_schedule(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    if (t == "none") return std::nullopt;
    int factor = 1;
    if (!t.empty() && (t.back() == 'd' || t.back() == 'w')) {
        factor = t.back() == 'w' ? 7 : 1;
        t.pop_back();
    }
    auto days = parse_limited_int(limits::measure_every_days, t, field);
    if (!days)
        throw UserError(
            std::string(field), std::string(text),
            std::string(field) + ": '" + std::string(text) + "' is not a schedule; give days (7d), weeks (2w) or none");
    const int total = *days * factor;
    check(limits::measure_every_days, total, field);
    return total;
}

std::string schedule_text(const std::optional<int>& every_days) {
    if (!every_days) return "no schedule";
    return *every_days == 1 ? "every day" : "every " + std::to_string(*every_days) + " days";
}

namespace {
constexpr std::string_view weekday_names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};
}

unsigned parse_weekdays(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    if (t == "none") return 0;
    unsigned out = 0;
    std::size_t start = 0;
    while (start <= t.size()) {
        auto end = std::min(t.find(',', start), t.size());
        auto word = detail::trim(std::string_view(t).substr(start, end - start));
        bool known = false;
        for (unsigned d = 0; d < 7; ++d) {
            auto name = detail::lower(weekday_names[d]);
            if (word.size() >= 3 && name.compare(0, word.size(), word) == 0) out |= 1u << d, known = true;
        }
        if (!known)
            throw UserError(std::string(field), std::string(text),
                            std::string(field) + ": '" + std::string(word) +
                                "' is not a day of the week; give mon, tue, wed, thu, fri, sat, sun (several with "
                                "commas) or none");
        start = end + 1;
    }
    return out;
}

std::string weekdays_key(unsigned weekdays) {
    std::string out;
    for (unsigned d = 0; d < 7; ++d)
        if (weekdays & (1u << d)) out += (out.empty() ? "" : ",") + detail::lower(weekday_names[d].substr(0, 3));
    return out.empty() ? "none" : out;
}

std::string weekdays_text(unsigned weekdays) {
    std::vector<std::string_view> days;
    for (unsigned d = 0; d < 7; ++d)
        if (weekdays & (1u << d)) days.push_back(weekday_names[d]);
    std::string out;
    for (std::size_t i = 0; i < days.size(); ++i)
        out += (i == 0 ? "" : i + 1 == days.size() ? " and " : ", ") + std::string(days[i]);
    return out;
}

std::optional<int> parse_time_of_day(std::string_view text, std::string_view field) {
    auto t = detail::lower(detail::trim(text));
    if (t == "none") return std::nullopt;
    auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
    const bool shaped = (t.size() == 5 || t.size() == 4) && t[t.size() - 3] == ':';
    if (shaped && digit(0) && digit(t.size() - 2) && digit(t.size() - 1) && (t.size() == 4 || digit(1))) {
        const int h = std::stoi(t.substr(0, t.size() - 3)), m = std::stoi(t.substr(t.size() - 2));
        if (h < 24 && m < 60) return h * 60 + m;
    }
    throw UserError(std::string(field), std::string(text),
                    std::string(field) + ": '" + std::string(text) +
                        "' is not a time of day; give HH:MM from 00:00 to 23:59, e.g. 07:30, or none");
}

std::string time_of_day_text(int minute) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 24, minute % 60);
    return buf;
}

Limit birth_year_limit() {
    auto born = limits::birth_year;
    born.hi = static_cast<int>(date::year_month_day{date::floor<date::days>(std::chrono::system_clock::now())}.year());
    return born;
}

void validate_client(const Client& client) {
    if (detail::trim(client.name).empty())
        throw UserError("name", client.name,
                        "name: a client needs a name (any language, " + range_text(limits::client_name_bytes) + ")");
    check_text(limits::client_name_bytes, client.name, true);
    check(birth_year_limit(), client.birth_year);
    check(limits::measure_every_days, client.every_days);
    check(limits::remind_weekdays, static_cast<double>(client.remind_weekdays));
    check(limits::remind_minute, client.remind_minute);
    check_text(limits::condition_bytes, client.condition, true);
    check_text(limits::client_notes_bytes, client.notes, false);
}

}  // namespace swelltrack
