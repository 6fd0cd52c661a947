#pragma once
// Measurement protocols: where along the limb the tape goes (docs/clinical.md#protocols).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/detail/enum_table.h"

namespace swelltrack {

enum class LimbKind { arm, leg };
detail::EnumTable<LimbKind> enum_table(LimbKind);  // arm, leg

/// Where a protocol's distances are measured from: "wrist" for an arm, "ankle" for a leg.
std::string_view landmark(LimbKind limb);

/// A named, ordered list of points, each a distance in cm from a landmark (wrist or ankle).
struct Protocol {
    std::string name;
    LimbKind limb = LimbKind::arm;
    std::vector<double> positions_cm;  // strictly increasing, at least 2
    bool builtin = false;

    std::size_t point_count() const { return positions_cm.size(); }
};

/// `arm-4cm` (11 points, 0..40 cm from the wrist) and `leg-4cm` (16 points, 0..60 cm from the ankle).
const std::vector<Protocol>& builtin_protocols();
/// The built-in protocol called `name`, if there is one.
const Protocol* find_builtin_protocol(std::string_view name);

/// Throws UserError unless: the name is 1-40 characters of [a-z0-9-_.], at least 2 points,
/// every position finite, 0-200 cm and strictly greater than the one before.
void validate_protocol(const Protocol& protocol);

/// Parses "0,4,8.5,12" (cm) into positions; throws UserError naming the bad item.
std::vector<double> parse_positions_cm(std::string_view text);

}  // namespace swelltrack
