#include "swelltrack/datetime.h"

#include <charconv>
#include <cstdio>
#include <ctime>

#include "swelltrack/detail/text.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"

namespace swelltrack {
namespace {

using detail::trim;

[[noreturn]] void bad(std::string_view field, std::string_view text, std::string_view why) {
    throw UserError(std::string(field), std::string(text),
                    std::string(field) + ": '" + std::string(text) + "' " + std::string(why));
}

// Reads exactly `n` digits at `pos`; returns -1 if they are not all digits.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

date::year_month_day parse_ymd(std::string_view s, std::string_view whole, std::string_view field) {
    int y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
    if (s.size() != 10 || y < 0 || m < 0 || d < 0 || s[4] != '-' || s[7] != '-')
        bad(field, whole, "is not a date; use YYYY-MM-DD");
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) bad(field, whole, "is not a real calendar date");
    if (!within(limits::calendar_year, y))
        bad(field, whole, "is outside the allowed years " + range_text(limits::calendar_year));
    return ymd;
}

// A date-time typed with its own offset ("Z", "+01:00", "-0500") after the date.
bool has_utc_offset(std::string_view trimmed) {
    return trimmed.size() > 10 && trimmed.find_first_of("Zz+-", 10) != std::string_view::npos;
}

}  // namespace

date::year_month_day DateTime::local_date() const { return date::year_month_day{date::floor<date::days>(local())}; }

date::year_month_day parse_date(std::string_view text, std::string_view field) {
    return parse_ymd(trim(text), text, field);
}

DateTime parse_datetime(std::string_view text, std::chrono::minutes default_offset, std::string_view field) {
    auto s = trim(text);
    if (s.size() < 10) bad(field, text, "is not a date-time; use YYYY-MM-DDTHH:MM[+HH:MM]");
    auto ymd = parse_ymd(s.substr(0, 10), text, field);
    int hh = 0, mi = 0, ss = 0;
    std::size_t pos = 10;
    if (pos < s.size()) {
        if (s[pos] != 'T' && s[pos] != ' ' && s[pos] != 't')
            bad(field, text, "is not a date-time; use YYYY-MM-DDTHH:MM[+HH:MM]");
        hh = digits(s, pos + 1, 2);
        mi = digits(s, pos + 4, 2);
        if (hh < 0 || mi < 0 || s[pos + 3] != ':') bad(field, text, "is not a date-time; use YYYY-MM-DDTHH:MM[+HH:MM]");
        pos += 6;
        if (pos < s.size() && s[pos] == ':') {
            ss = digits(s, pos + 1, 2);
            if (ss < 0) bad(field, text, "has unreadable seconds; use HH:MM or HH:MM:SS");
            pos += 3;
        }
        if (hh > 23 || mi > 59 || ss > 59) bad(field, text, "is not a real time of day (00:00-23:59)");
    }
    auto offset = default_offset;
    if (pos < s.size()) {
        char c = s[pos];
        if ((c == 'Z' || c == 'z') && pos + 1 == s.size()) {
            offset = std::chrono::minutes{0};
        } else if (c == '+' || c == '-') {
            int oh = digits(s, pos + 1, 2);
            int om = -1;
            if (pos + 3 < s.size() && s[pos + 3] == ':') {
                om = digits(s, pos + 4, 2);
                if (pos + 6 != s.size()) om = -1;
            } else if (pos + 5 == s.size()) {
                om = digits(s, pos + 3, 2);
            } else if (pos + 3 == s.size()) {
                om = 0;
            }
            if (oh < 0 || om < 0) bad(field, text, "has an unreadable UTC offset; use +HH:MM or -HH:MM");
            if (!within(limits::utc_offset_min, oh * 60 + om) || om > 59)
                bad(field, text, "has a UTC offset outside -14:00..+14:00");
            offset = std::chrono::minutes{(c == '-' ? -1 : 1) * (oh * 60 + om)};
        } else {
            bad(field, text, "has unexpected text after the time; use YYYY-MM-DDTHH:MM[+HH:MM]");
        }
    }
    date::local_seconds local =
        date::local_days{ymd} + std::chrono::hours{hh} + std::chrono::minutes{mi} + std::chrono::seconds{ss};
    return DateTime{date::sys_seconds{local.time_since_epoch() - offset}, offset};
}

std::string format_datetime(const DateTime& t) {
    auto local = t.local();
    auto day = date::floor<date::days>(local);
    date::year_month_day ymd{day};
    date::hh_mm_ss tod{local - day};
    auto off = t.offset.count();
    const int year = static_cast<int>(ymd.year());
    if (year >= 0 && year <= 9999 && std::abs(off) < 100 * 60) {
        // Digits written directly: status and history print one or two per session, and snprintf
        // was an eighth of `status` for 10,000 clients.
        char out[26] = "0000-00-00T00:00:00+00:00";
        auto two = [&](int at, int v) {
            out[at] = static_cast<char>('0' + v / 10);
            out[at + 1] = static_cast<char>('0' + v % 10);
        };
        two(0, year / 100);
        two(2, year % 100);
        two(5, static_cast<int>(static_cast<unsigned>(ymd.month())));
        two(8, static_cast<int>(static_cast<unsigned>(ymd.day())));
        two(11, static_cast<int>(tod.hours().count()));
        two(14, static_cast<int>(tod.minutes().count()));
        two(17, static_cast<int>(tod.seconds().count()));
        out[19] = off < 0 ? '-' : '+';
        two(20, static_cast<int>(std::abs(off) / 60));
        two(23, static_cast<int>(std::abs(off) % 60));
        return std::string(out, 25);
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()), off < 0 ? '-' : '+', static_cast<int>(std::abs(off) / 60),
                  static_cast<int>(std::abs(off) % 60));
    return buf;
}

std::string format_date(date::year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

std::chrono::minutes local_utc_offset(date::sys_seconds at) {
    std::time_t t = static_cast<std::time_t>(at.time_since_epoch().count());
    std::tm tm{};
    localtime_r(&t, &tm);
    return std::chrono::minutes{tm.tm_gmtoff / 60};
}

DateTime parse_local_datetime(std::string_view text, std::string_view field) {
    auto t = trim(text);
    if (has_utc_offset(t)) return parse_datetime(t, std::chrono::minutes{0}, field);
    // The offset at the wall time read as if it were UTC is right but within a day of a change;
    // a second look settles that. If neither offset maps back to the wall time, it does not exist.
    auto as_utc = parse_datetime(t, std::chrono::minutes{0}, field);
    for (auto offset = local_utc_offset(as_utc.utc), tries = decltype(offset){0}; tries.count() < 2; ++tries) {
        auto at = parse_datetime(t, offset, field);
        auto actual = local_utc_offset(at.utc);
        if (actual == offset) return at;
        offset = actual;
    }
    bad(field, text,
        "does not exist in this machine's time zone (the clocks went forward then); give it with its UTC offset, "
        "e.g. 2025-03-30T03:30+02:00");
}

SessionTime parse_session_time(std::string_view text, std::string_view field) {
    auto t = trim(text);
    auto at = parse_datetime(t, std::chrono::minutes{0}, field);
    SessionTime out{date::floor<std::chrono::minutes>(at.local()), std::nullopt};
    if (has_utc_offset(t)) out.offset = at.offset;
    return out;
}

bool SessionTime::matches(const DateTime& recorded_at) const {
    return date::floor<std::chrono::minutes>(recorded_at.local()) == minute &&
           (!offset || *offset == recorded_at.offset);
}

DateTime now_local() {
    auto now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return DateTime{now, local_utc_offset(now)};
}

void check_when_taken(const DateTime& t, std::string_view field, std::string_view thing) {
    check(limits::utc_offset_min, static_cast<double>(t.offset.count()), field);
    if (t.utc > std::chrono::system_clock::now() + future_tolerance)
        throw UserError(std::string(field), format_datetime(t),
                        std::string(field) + ": " + format_datetime(t) + " is in the future; give the time the " +
                            std::string(thing) + " was taken");
}

}  // namespace swelltrack
