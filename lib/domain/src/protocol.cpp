#include "swelltrack/protocol.h"

#include <cmath>

#include "swelltrack/detail/enum_table.h"
#include "swelltrack/error.h"
#include "swelltrack/limits.h"
#include "swelltrack/units.h"

namespace swelltrack {

std::string detail::not_one_of(std::string_view field, std::string_view value, std::string_view choices) {
    return std::string(field) + ": '" + std::string(value) + "' is not one of " + std::string(choices);
}

namespace {
constexpr detail::EnumName<LimbKind> limb_names[] = {{LimbKind::arm, "arm"}, {LimbKind::leg, "leg"}};
}  // namespace

detail::EnumTable<LimbKind> enum_table(LimbKind) { return {"limb", limb_names}; }

std::string_view landmark(LimbKind limb) { return limb == LimbKind::arm ? "wrist" : "ankle"; }

namespace {
std::vector<double> every_4cm(int points) {
    std::vector<double> p;
    for (int i = 0; i < points; ++i) p.push_back(4.0 * i);
    return p;
}
}  // namespace

const std::vector<Protocol>& builtin_protocols() {
    static const std::vector<Protocol> all{
        {"arm-4cm", LimbKind::arm, every_4cm(11), true},  // wrist = 0 cm ... 40 cm
        {"leg-4cm", LimbKind::leg, every_4cm(16), true},  // ankle = 0 cm ... 60 cm
    };
    return all;
}

const Protocol* find_builtin_protocol(std::string_view name) {
    for (const auto& p : builtin_protocols())
        if (p.name == name) return &p;
    return nullptr;
}

void validate_protocol(const Protocol& protocol) {
    const auto& name = protocol.name;
    bool name_ok = within(limits::protocol_name_chars, static_cast<double>(name.size()));
    for (char c : name)
        name_ok = name_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.');
    if (!name_ok)
        throw UserError("protocol name", name,
                        "protocol name: '" + name + "' must be " + range_text(limits::protocol_name_chars) +
                            " of a-z, 0-9, '-', '_' or '.'");
    const auto& p = protocol.positions_cm;
    const auto& count = limits::protocol_points;
    if (p.size() < 2)
        throw UserError("points", std::to_string(p.size()),
                        "points: protocol '" + name + "' has " + std::to_string(p.size()) +
                            " point(s); at least 2 are needed to compute a volume");
    if (!within(count, static_cast<double>(p.size())))
        throw UserError("points", std::to_string(p.size()),
                        "points: protocol '" + name + "' has " + std::to_string(p.size()) +
                            " points; the allowed number is " + range_text(count));
    for (std::size_t i = 0; i < p.size(); ++i) {
        auto text = format_exact(p[i]);
        if (!within(limits::protocol_position_cm, p[i]))
            throw UserError("points", text,
                            "points: position " + std::to_string(i + 1) + " = " + text +
                                " cm is outside the allowed range " + range_text(limits::protocol_position_cm));
        if (i > 0 && !(p[i] > p[i - 1]))
            throw UserError("points", text,
                            "points: position " + std::to_string(i + 1) + " = " + text +
                                " cm must be greater than the one before (" + format_exact(p[i - 1]) +
                                " cm); positions must strictly increase");
    }
}

std::vector<double> parse_positions_cm(std::string_view text) {
    std::vector<double> out;
    for (auto item : detail::split(text, ',')) out.push_back(parse_decimal(item, "points"));
    return out;
}

}  // namespace swelltrack
