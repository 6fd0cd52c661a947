#include "swelltrack/limits.h"

#include <cmath>
#include <cstdio>

#include "swelltrack/client.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/error.h"
#include "swelltrack/units.h"

namespace swelltrack {
namespace {

std::string name(const Limit& limit, std::string_view field) {
    return std::string(field.empty() ? limit.field : field);
}

std::string with_unit(const Limit& limit, std::string number) {
    return limit.unit.empty() ? number : number + " " + std::string(limit.unit);
}

}  // namespace

std::string beyond_text(const Limit& limit, double v) {
    const auto* how = !std::isfinite(v) ? " is outside" : v > limit.hi ? " is above" : " is below";
    return how + std::string(" the allowed range ") + range_text(limit);
}

bool within(const Limit& limit, double v) {
    return std::isfinite(v) && v >= limit.lo && v <= limit.hi && (!limit.whole || v == std::trunc(v));
}

std::string range_text(const Limit& limit) {
    return with_unit(limit, format_exact(limit.lo) + "-" + format_exact(limit.hi)) + std::string(limit.note);
}

std::string help_text(const Limit& limit, std::string_view what) {
    return std::string(what) + (limit.unit.empty() ? " " : ", ") + range_text(limit);
}

void check(const Limit& limit, double v, std::string_view field) {
    if (within(limit, v)) return;
    auto f = name(limit, field);
    auto shown = format_exact(v);
    if (std::isfinite(v) && v >= limit.lo && v <= limit.hi)  // only the fraction is wrong
        throw UserError(f, shown, f + ": " + shown + " is not a whole number; allowed " + range_text(limit));
    throw UserError(f, shown, f + ": " + with_unit(limit, shown) + beyond_text(limit, v));
}

void check_text(const Limit& limit, std::string_view text, bool one_line) {
    auto f = std::string(limit.field);
    if (!within(limit, static_cast<double>(text.size())))
        throw UserError(f, std::string(text.substr(0, 40)),
                        f + ": " + std::to_string(text.size()) + " bytes; the allowed length is " + range_text(limit));
    if (!is_valid_utf8(text)) throw UserError(f, "", f + ": not valid UTF-8 text");
    for (unsigned char c : text) {
        bool control = c < 0x20 || c == 0x7F;
        bool allowed = !one_line && (c == '\t' || c == '\n' || c == '\r');
        if (control && !allowed) {
            char code[8];
            std::snprintf(code, sizeof code, "0x%02X", c);
            std::string shown(text.substr(0, 40));
            throw UserError(f, code,
                            f + ": contains the control character " + code + (one_line ? " (one line of text)" : "") +
                                ": '" + shown + (text.size() > shown.size() ? "...'" : "'"));
        }
    }
}

std::optional<double> parse_limited(const Limit& limit, std::string_view text, std::string_view field) {
    if (text.empty()) return std::nullopt;
    auto f = name(limit, field);
    double v = 0;
    try {
        v = parse_decimal(text, f);
    } catch (const UserError&) {
        throw UserError(f, std::string(text),
                        f + ": '" + std::string(text) + "' is not " + (limit.whole ? "a whole number" : "a number") +
                            "; allowed " + range_text(limit));
    }
    if (limit.whole && std::isfinite(v) && v != std::trunc(v))
        throw UserError(f, std::string(text),
                        f + ": '" + std::string(text) + "' is not a whole number; allowed " + range_text(limit));
    check(limit, v, f);
    return v;
}

std::optional<int> parse_limited_int(const Limit& limit, std::string_view text, std::string_view field) {
    auto v = parse_limited(limit, text, field);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);  // within the limit, so it fits
}

void check_reason(std::string_view reason) {
    if (detail::trim(reason).empty())
        throw UserError("reason", std::string(reason),
                        "reason: none given (a reason of " + range_text(limits::reason_bytes) + " is needed)")
            .with_remedy(Remedy::give_reason);
    check_text(limits::reason_bytes, reason, true);
}

}  // namespace swelltrack
