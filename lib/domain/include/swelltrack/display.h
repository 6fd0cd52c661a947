#pragma once
// How figures are printed, once for the command line, the reports and (later) the web pages: the
// same rounding everywhere, and "-" where a figure cannot be computed.
#include <optional>
#include <string>
#include <string_view>

#include "swelltrack/analysis.h"

namespace swelltrack::display {

inline constexpr std::string_view missing = "-";  // a figure that cannot be computed

/// `v` with `decimals` places: fixed(38.54, 1) == "38.5"; signed_fixed(9.07, 1) == "+9.1".
std::string fixed(double v, int decimals);
std::string signed_fixed(double v, int decimals);

/// Volumes in whole mL: ml(2143.4) == "2143", signed_ml(143.2) == "+143", signed_ml(-0.4) == "0";
/// "-" for nullopt.
std::string ml(std::optional<double> v);
std::string signed_ml(std::optional<double> v);
/// The same with the unit: "2143 mL", "+143 mL".
std::string ml_unit(std::optional<double> v);
std::string signed_ml_unit(std::optional<double> v);
/// Percentages with one decimal and a sign: "+9.1%"; "-" for nullopt. More decimals when one would
/// put the text on a class boundary (a whole percent) the value is not on: 9.98 -> "+9.98%",
/// never "+10.0%" beside a sub-10% class. A value that reads as zero prints "0.0%", never "-0.0%".
std::string pct(std::optional<double> v);
/// A percentage as the machine-readable faces give it (history JSON and CSV, status JSON, the API,
/// FHIR): 2 decimals, more by pct's rule near a boundary: 9.9965 -> 9.996 (beside rvc_5), never
/// 10.0; 4.998 -> 4.998, never 5.0 beside "below grade 1".
std::optional<double> pct_value(std::optional<double> v);

/// A length in the client's unit with its usual precision (cm: 1 place, in: 2), e.g. "38.5".
std::string length(double mm, LengthUnit unit);
/// The same with the unit's name: "38.5 cm", "15.16 in".
std::string length_unit(double mm, LengthUnit unit);
/// A change of length with its sign and unit: "+3.5 cm", "-0.12 in".
std::string signed_length_unit(double mm, LengthUnit unit);

/// "2025-03-01 08:30", the session's local wall-clock time to the minute.
std::string minute(const DateTime& t);
/// minute() of sessions[i] (sessions in time order), with its UTC offset when another session
/// within two hours shows the same wall-clock minute: the hour repeated when the clocks go back
/// ("2026-10-25 02:30 +02:00" and "2026-10-25 02:30 +01:00").
std::string minute_among(const std::vector<Session>& sessions, std::size_t i);
/// "2025-03-01", the session's local date.
std::string day(const DateTime& t);

/// The session's local date lies within [from, to]; either bound may be absent.
bool on_days(const DateTime& t, const std::optional<date::year_month_day>& from,
             const std::optional<date::year_month_day>& to);

/// The alert codes of a session joined by `separator`: "rvc_5,rapid_rise" (or "").
std::string alert_codes(const SessionFigures& f, char separator = ',');
std::string alert_codes(const std::vector<Alert>& alerts, char separator = ',');
/// The change a client is judged by: RVC for one affected side ("+9.1%"), WAC per side for both
/// ("L+3.0% R-"), as a terminal table shows it.
std::string change(const Client& c, const SessionFigures& f);
/// With more than one protocol, how they are compared (docs/clinical.md#protocol-change): "Volumes
/// are compared only within a protocol; arm-10cm's changes carry on from arm-4cm's session of
/// 2026-01-26 09:00 (+6.1%)." Empty with one protocol.
std::string protocols_note(const History& h);
/// WAC per side in words: "left +5.2%, right +3.1%" (or "-" without weights).
std::string wac(const SessionFigures& f);
/// The largest point difference in the client's unit: "1.2 cm @6" (or "-"), for narrow tables.
std::string point_difference(const Client& c, const SessionFigures& f);
/// The same with its sign and in words, the point named by its distance from the wrist or ankle
/// (point_distance) in the session's protocol: "+1.2 cm at 20 cm" (or "-"); "at point 6" only where
/// `protocol` (null: unknown) has no such point. Affected minus unaffected for one affected side, left
/// minus right when both are (point_difference_label says which), so it agrees in sign with the
/// volume difference printed beside it.
std::string signed_point_difference(const Client& c, const SessionFigures& f, const Protocol* protocol);
/// A point's distance from the wrist or ankle in the client's unit: "32 cm", "8.5 cm"; "12.60 in".
std::string point_distance(double cm, LengthUnit unit);
/// Point `k` of `protocol` (null: unknown) by its distance (point_distance), or "point 9" (one-based)
/// where the protocol has no such point.
std::string point_name(const Protocol* protocol, std::size_t k, LengthUnit unit);
/// A left-minus-right difference (mm) signed as signed_point_difference signs it, with its unit:
/// affected minus unaffected for one affected side, else left minus right.
std::string signed_side_difference(const Client& c, double left_minus_right_mm);
/// "affected - unaffected" or "left - right": what signed_point_difference and diff_ml subtract.
std::string point_difference_label(const Client& c);
/// Roman numerals for ISL stages and compression classes: 0 -> "0", 2 -> "II", 4 -> "IV".
std::string roman(int n);
/// A therapist's findings and what was done, compactly, for tables: "pitting 2+ (4 mm, rebound
/// 20 s), Stemmer +, ISL II, garment class II, MLD 45 min, bandaging, exercise, by Th. Brandt,
/// after treatment". Empty when the session records none of them (self-measured, routine, no
/// compression recorded).
std::string findings(const Session& s);
/// Text as a terminal may show it: control characters (an ESC sequence in a note could recolour or
/// rewrite the screen) become '?'; with `one_line`, tabs and line breaks become spaces.
std::string terminal_text(std::string_view text, bool one_line = true);

/// A 0-10 score, or "-" when not recorded.
std::string score(std::optional<int> v);

/// "Left arm", "Right leg".
std::string limb_name(Side side, LimbKind limb);
/// A point as a person names it: "Left arm, 12 cm" (from the wrist or ankle).
std::string point_name(Side side, LimbKind limb, double cm);
/// A field as the session form and the client's details name it, for error sentences and the audit
/// trail: "left_12" -> "Left arm, 12 cm", "heaviness" -> "Heaviness", "recorded_at" -> "When",
/// "every_days" -> "Check-in schedule"; empty for a key without a name.
std::string field_label(std::string_view key, LimbKind limb);
/// "left arm affected", "both legs affected".
std::string affected_text(const Client& c);

/// How a reader's language writes a decimal number. Either mark is accepted when typed; this is how
/// figures are shown back (e.g. last time's value beside a point in the web form).
enum class DecimalMark { point, comma };
/// The decimal mark of the language an HTTP Accept-Language header (or a language tag such as
/// "de-CH") asks for first: a comma for the languages that write one (German, French, Spanish,
/// Russian, ...), else a point.
DecimalMark decimal_mark(std::string_view accept_language);
/// `number` ("38.5") written with `mark` ("38,5").
std::string with_decimal_mark(std::string number, DecimalMark mark);

}  // namespace swelltrack::display
