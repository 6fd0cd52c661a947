#pragma once
// Every input limit lives here, once: session validation, the importers, the command line's
// parsing and --help texts, settings and `check` all read this table. Why each limit is what it is:
// docs/clinical.md#input-limits. The database's CHECK constraints (lib/storage/src/schema.cpp) are
// frozen migration SQL and repeat a few of these as a last guard; a limit may be tightened here,
// never loosened past them.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace swelltrack {

/// The allowed closed range of one input field.
struct Limit {
    std::string_view field;      // as named in messages, e.g. "pain"
    double lo = 0, hi = 0;       // inclusive
    std::string_view unit = {};  // after a number in messages, e.g. "kg"; empty for scores
    bool whole = false;          // whole numbers only
    std::string_view note = {};  // after the range in messages, e.g. " (RAL-GZ 387)"
};

/// How far ahead of this machine's clock a session may be dated (clocks differ a little; a
/// measurement cannot have been taken later than now).
inline constexpr std::chrono::minutes future_tolerance{60};

/// The smallest real difference of repeated limb volume measurement (~3.5%): alerts that compare
/// sessions may not be set below it, or they would fire on tape noise (docs/clinical.md).
inline constexpr double smallest_real_difference_pct = 3.5;

namespace limits {
// Measurements.
inline constexpr Limit circumference_mm{"circumference", 50, 1500, "mm"};  // 5 cm wrist .. 150 cm thigh
inline constexpr Limit weight_kg{"weight", 2, 400, "kg"};
inline constexpr Limit utc_offset_min{"recorded_at", -14 * 60, 14 * 60, "min", true};
// Symptoms and findings.
inline constexpr Limit heaviness{"heaviness", 0, 10, {}, true};
inline constexpr Limit tightness{"tightness", 0, 10, {}, true};
inline constexpr Limit pain{"pain", 0, 10, {}, true};
inline constexpr Limit swelling{"swelling", 0, 10, {}, true};
inline constexpr Limit pitting_grade{"pitting", 0, 4, {}, true, " (0 none, 1 = 1+ ... 4 = 4+)"};
inline constexpr Limit pitting_depth_mm{"pitting depth", 0, 50, "mm"};
inline constexpr Limit pitting_rebound_s{"pitting rebound", 0, 600, "s"};
inline constexpr Limit isl_stage{"isl stage", 0, 3, {}, true};
// Compression and treatment.
inline constexpr Limit garment_class{"compression class", 1, 4, {}, true, " (RAL-GZ 387)"};
inline constexpr Limit compression_mmhg{"compression mmHg", 1, 100, "mmHg", true};
inline constexpr Limit mld_minutes{"mld minutes", 0, 600, {}, true};
// Free text, in bytes of UTF-8: room for a long paragraph, while a report can always print it and
// a CSV field stays far below the importer's 64 KiB field limit.
inline constexpr Limit note_bytes{"note", 0, 4000, "bytes", true};
inline constexpr Limit skin_note_bytes{"skin note", 0, 1000, "bytes", true};
inline constexpr Limit recorded_by_bytes{"recorded by", 0, 100, "bytes", true};  // one line
inline constexpr Limit condition_bytes{"condition", 0, 500, "bytes", true};
inline constexpr Limit client_notes_bytes{"notes", 0, 4000, "bytes", true};
inline constexpr Limit clinic_name_bytes{"clinic name", 0, 200, "bytes", true};
// Clients and protocols.
inline constexpr Limit client_name_bytes{"name", 1, 200, "bytes", true};
inline constexpr Limit birth_year{"birth year", 1900, 9999, {}, true};  // hi: the current year, see validate_client
inline constexpr Limit protocol_name_chars{"protocol name", 1, 40, "characters", true};
inline constexpr Limit protocol_points{"points", 2, 100, "points", true};
inline constexpr Limit protocol_position_cm{"points", 0, 200, "cm"};
inline constexpr Limit calendar_year{"year", 1900, 2200, {}, true};
inline constexpr Limit measure_every_days{"every", 1, 365, "days", true};   // the measurement schedule
inline constexpr Limit remind_weekdays{"reminder days", 0, 127, {}, true};  // a bit per weekday
inline constexpr Limit remind_minute{"reminder time", 0, 1439, "minutes after midnight", true};
// Corrections and the audit trail.
inline constexpr Limit reason_bytes{"reason", 1, 500, "bytes", true};  // one line, never empty
inline constexpr Limit actor_bytes{"by", 1, 100, "bytes", true};
// Web logins (account.h): a login is one word; a password may be a long passphrase.
inline constexpr Limit login_bytes{"login", 1, 64, "bytes", true};
inline constexpr Limit password_bytes{"password", 8, 1024, "bytes", true};
// How long an invitation's one-time link works (account.h): an hour to 30 days; 7 days unless said.
inline constexpr Limit invite_hours{"expires", 1, 30 * 24, "hours", true};
inline constexpr int invite_default_hours = 7 * 24;
// A report link for a clinician (account.h): who it is for, one line; valid 1 to 90 days, 14 unless
// said. Long enough for a referral round, short enough that a forgotten link dies on its own.
inline constexpr Limit share_label_bytes{"label", 0, 200, "bytes", true};
inline constexpr Limit share_days{"days", 1, 90, "days", true};
inline constexpr int share_default_days = 14;
// Photos of the skin (imaging.h). A phone's photo is 2-8 MB and 12 megapixels (48-50 on some
// cameras); a PNG from a screenshot tool can be larger in bytes. The pixel cap is checked from the
// file's header before a pixel is decoded: a few KB of PNG can claim gigapixels (a decompression
// bomb). What is kept is at most 2048 px on its longer side: skin at the detail a therapist
// compares, a few hundred KB per photo.
inline constexpr Limit photo_bytes{"photo", 1, 25 * 1024 * 1024, "bytes", true};
inline constexpr Limit photo_pixels{"photo", 1, 50'000'000, "pixels", true};
inline constexpr int photo_long_side_px = 2048;
inline constexpr int photo_thumbnail_px = 320;
inline constexpr Limit photo_site_bytes{"site", 1, 100, "bytes", true};  // "left forearm", one line
// Alert thresholds (settings). Below the smallest real difference (3.5%) an alert fires on noise.
inline constexpr std::string_view noise_note = " (below 3.5% is measurement noise)";
inline constexpr Limit watch_pct{"watch threshold %", smallest_real_difference_pct, 100, {}, false, noise_note};
inline constexpr Limit range_pct{
    "range threshold %", smallest_real_difference_pct, 100, {}, false, " (at least the watch threshold)"};
inline constexpr Limit point_difference_cm{"point difference cm", 0.5, 20};
inline constexpr Limit rapid_rise_pct{"rapid rise %", smallest_real_difference_pct, 100, {}, false, noise_note};
inline constexpr Limit rapid_rise_days{"rapid rise days", 1, 90, {}, true};
inline constexpr Limit sustained_weeks{"sustained rise weeks", 4, 104, {}, true};
inline constexpr Limit sustained_sessions{"sustained rise sessions", 4, 52, {}, true};
// The trend test itself accounts for noise, so its minimum rise may lie below 3.5%.
inline constexpr Limit sustained_pct{"sustained rise %", 1, 20};
// A client without a schedule of her own is due for a check-in after this many days.
inline constexpr Limit check_in_days{"check-in days", 7, 730, "days", true};
// Plausibility (settings): a value this far from the previous session's is refused as a probable
// mistake unless confirmed. Set lower, ordinary tape noise and day-to-day change would be refused
// (docs/clinical.md#plausibility).
inline constexpr std::string_view plausible_note = " (lower would refuse ordinary tape noise)";
inline constexpr Limit plausible_point_cm{"plausible point cm", 1, 50, "cm", false, plausible_note};
inline constexpr Limit plausible_point_pct{"plausible point %", 5, 100, {}, false, plausible_note};
inline constexpr Limit plausible_volume_pct{"plausible volume %", 5, 100, {}, false, plausible_note};
}  // namespace limits

/// Finite, within [lo, hi], and whole where the limit asks for it.
bool within(const Limit& limit, double value);
/// "0-10", "2-400 kg", "1-4 (RAL-GZ 387)".
std::string range_text(const Limit& limit);
/// "Pain 0-10", "Body weight in kg, 2-400 kg": a --help text for the field.
std::string help_text(const Limit& limit, std::string_view what);

/// How `v` (not within) misses the limit, as the end of a sentence that names the value: " is above
/// the allowed range 0-10", " is below ...", or for a value that is no number " is outside ...".
std::string beyond_text(const Limit& limit, double v);

/// Throws UserError "<field>: <value> <unit> is above the allowed range <range>" (or below) unless
/// within.
/// `field` overrides the limit's own name (e.g. "left point 3").
void check(const Limit& limit, double value, std::string_view field = {});
template <class T>
void check(const Limit& limit, const std::optional<T>& value, std::string_view field = {}) {
    if (value) check(limit, static_cast<double>(*value), field);
}

/// Free text within its limit (in bytes), well-formed UTF-8, and on one line when `one_line`:
/// no control characters at all; otherwise only tab and line breaks among them. Throws UserError
/// naming the field, the length or the offending character.
void check_text(const Limit& limit, std::string_view text, bool one_line);

/// The reason a correction gives (audit trail): not blank, one line, within limits::reason_bytes.
void check_reason(std::string_view reason);

/// Parses a number as typed ('.' or ',' decimal); "" gives nullopt. Text that is not a number (or
/// not a whole number, where the limit asks for one) is a UserError naming the field, the text and
/// the allowed range; a number out of range fails check().
std::optional<double> parse_limited(const Limit& limit, std::string_view text, std::string_view field = {});
std::optional<int> parse_limited_int(const Limit& limit, std::string_view text, std::string_view field = {});

}  // namespace swelltrack
