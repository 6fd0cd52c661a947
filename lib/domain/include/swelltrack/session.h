#pragma once
// One sitting of measurements with what was felt and seen (docs/architecture.md#domain-model).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/client.h"
#include "swelltrack/datetime.h"
#include "swelltrack/detail/enum_table.h"

namespace swelltrack {

enum class SessionContext { routine, before_treatment, after_treatment };
detail::EnumTable<SessionContext> enum_table(SessionContext);  // before, after, routine (also "")

enum class StemmerSign { not_checked, negative, positive };
detail::EnumTable<StemmerSign> enum_table(StemmerSign);  // negative, positive, not-checked

/// Self-reported 0-10 scores; nullopt = not asked / not answered.
struct Symptoms {
    std::optional<int> heaviness, tightness, pain, swelling;
    std::optional<int> pitting_grade;  // 0..4 (0 = none, 1 = 1+ ... 4 = 4+)
    std::optional<double> pitting_depth_mm;
    std::optional<double> pitting_rebound_s;
    StemmerSign stemmer = StemmerSign::not_checked;
    std::optional<int> isl_stage;  // 0..3, only when a therapist records it; never computed

    bool any() const;
};

enum class SkinFlag : unsigned { redness, warmth, fibrosis, dryness, wound, lymphorrhea, rash, fever };
inline constexpr std::array all_skin_flags{SkinFlag::redness, SkinFlag::warmth, SkinFlag::fibrosis,
                                           SkinFlag::dryness, SkinFlag::wound,  SkinFlag::lymphorrhea,
                                           SkinFlag::rash,    SkinFlag::fever};
detail::EnumTable<SkinFlag> enum_table(SkinFlag);  // redness, warmth, ... (hardening = fibrosis)

/// A set of skin flags as a bit mask (stored as one integer).
struct SkinFlags {
    unsigned bits = 0;
    bool has(SkinFlag f) const { return bits & (1u << static_cast<unsigned>(f)); }
    void set(SkinFlag f) { bits |= 1u << static_cast<unsigned>(f); }
    bool empty() const { return bits == 0; }
    /// Redness with warmth: possible infection signs (the infection_signs alert, docs/clinical.md).
    bool infection_signs() const { return has(SkinFlag::redness) && has(SkinFlag::warmth); }
    friend bool operator==(SkinFlags, SkinFlags) = default;
};
/// "redness,warmth" <-> flags; parse accepts spaces and any order, rejects unknown names.
std::string to_string(SkinFlags flags);
SkinFlags parse_skin_flags(std::string_view text, std::string_view field = "skin");

enum class CompressionKind { none, bandage, garment };
detail::EnumTable<CompressionKind> enum_table(CompressionKind);  // none, bandage, garment

/// What the client wore. Garments carry a RAL-GZ 387 class (1-4) or a mmHg range (US garments).
struct Compression {
    CompressionKind kind = CompressionKind::none;
    std::optional<int> ral_class;  // 1..4
    std::optional<int> mmhg_low, mmhg_high;
    bool worn_known = false;  // false: not recorded
    friend bool operator==(const Compression&, const Compression&) = default;
};

struct Treatment {
    std::optional<int> mld_minutes;  // manual lymphatic drainage
    bool bandaging = false;
    bool exercise = false;
    friend bool operator==(const Treatment&, const Treatment&) = default;
};

/// Circumferences of one side at each protocol point, in mm; nullopt = not measured (never zero).
using PointValues = std::vector<std::optional<double>>;

struct Session {
    std::int64_t id = 0;  // 0 until stored
    std::int64_t client_id = 0;
    DateTime recorded_at;
    std::string protocol;           // protocol name, e.g. "arm-4cm"
    PointValues left_mm, right_mm;  // each empty or exactly one entry per protocol point
    std::string recorded_by = "self";
    SessionContext context = SessionContext::routine;
    std::optional<double> weight_kg;
    Compression compression;
    Treatment treatment;
    Symptoms symptoms;
    SkinFlags skin;
    std::string skin_note;
    std::string notes;

    const PointValues& side_mm(Side s) const { return s == Side::left ? left_mm : right_mm; }
};

/// At least one point of the side was measured (a side "not measured at all" has none).
bool has_values(const PointValues& values);

/// The protocol a new session uses unless one is named: the client's last session's, else the
/// built-in one for the limb (arm-4cm, leg-4cm).
std::string protocol_for_new_session(const Client& client, const std::optional<Session>& last);

/// Puts a session as parsed into its one stored form: a side with no value measured is empty, and
/// a compression class or mmHg range given without a kind implies a garment. Every path in calls it
/// before validate_session.
void normalize_session(Session& session);

/// The one check every session passes before it is stored, whichever path it came in by (log,
/// import, edit): the protocol fits the client's limb and has one value per point on each measured
/// side; every value is within its limit (swelltrack/limits.h); something is recorded at all; a
/// compression class belongs to a garment. Throws UserError naming the field, value and range.
void validate_session(const Session& session, const Protocol& protocol, const Client& client);

}  // namespace swelltrack
