#pragma once
// What an audit entry did, in the words a person reads: one rendering for `swelltrack audit`, the
// client's page on the web and the trend report (docs/data-formats.md#audit-trail). Only the values
// that changed, each named as the session form or the client's details name it, lengths in the
// client's unit: "Session of 2026-11-24 09:00 corrected: Right arm, 40 cm: 30.5 -> 30.9 cm
// (misread the tape) - by maria (web), 2026-12-03 07:23".
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/protocol.h"
#include "swelltrack/units.h"

namespace swelltrack::records {

/// What the words need to know of the client the entry is about (arm and cm when none).
struct ChangeSetting {
    LengthUnit unit = LengthUnit::cm;
    LimbKind limb = LimbKind::arm;
    std::span<const Protocol> protocols;  // to name a session's points; the built-in ones are known anyway
};

struct ChangeWords {
    std::string headline;              // "Session of 2026-11-24 09:00 corrected"
    std::vector<std::string> changes;  // "Right arm, 40 cm: 30.5 -> 30.9 cm", one per value changed
};

/// The words for an audit entry: its action ("session.edit"), subject (the session's time, the
/// protocol, the login) and old and new values (JSON text in records.h's forms; "" = none).
ChangeWords change_words(std::string_view action, std::string_view subject, const std::string& old_value,
                         const std::string& new_value, const ChangeSetting& setting);

/// The whole entry as one sentence: "<headline>: <change>; <change> (<reason>) - by <by>, <when>".
std::string change_sentence(const ChangeWords& words, std::string_view reason, std::string_view by,
                            std::string_view when);

}  // namespace swelltrack::records
