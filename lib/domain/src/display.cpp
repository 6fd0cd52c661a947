#include "swelltrack/display.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "swelltrack/detail/text.h"
#include "swelltrack/units.h"

namespace swelltrack::display {
namespace {

// std::to_chars rounds exactly as printf's %.*f does (to the nearest, ties to even on the exact
// binary value), without printf's locale and format parsing: a report formats ~20,000 of these.
std::string format_fixed(double v, int decimals, bool sign) {
    char buf[64];
    char* p = buf;
    if (sign && !std::signbit(v)) *p++ = '+';
    auto [end, ec] = std::to_chars(p, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    if (ec != std::errc{}) return sign ? "+inf" : "inf";  // |v| beyond 1e60: never a real figure
    return std::string(buf, end);
}

std::string or_missing(std::optional<double> v, std::string (*f)(double)) { return v ? f(*v) : std::string(missing); }

// Text that reads as zero ("0", "0.0", "-0.00") prints without a sign: "-0.0%" or "+0 mL" would
// claim a direction the figure does not have at this precision.
bool reads_as_zero(const std::string& text) {
    for (char c : text)
        if (c >= '1' && c <= '9') return false;
    return true;
}

std::string signed_or_zero(double v, int decimals) {
    std::string text = format_fixed(v, decimals, true);
    return reads_as_zero(text) ? format_fixed(0.0, decimals, false) : text;
}

// The percentage's text, with enough decimals that it never sits on the wrong side of a boundary
// (docs/clinical.md#rounding-and-classification). The class boundaries of the figures are whole percents
// (alerts at 5 and 10% by default, CTCAE 5/10/30%, ISL 20/40%): a value whose one-decimal rounding
// lands on a whole percent without being it (9.98 -> "10.0") gets more decimals (up to 3, then cut
// toward zero), so that 9.98 prints "+9.98%" beside rvc_5, never "+10.0%".
// The same rule from `decimals` places on: the number as printed, and its places.
std::pair<double, int> printed_pct(double v, int decimals) {
    auto shown_at = [&](int places) {
        double shown = 0;
        std::string text = format_fixed(v, places, false);
        std::from_chars(text.data(), text.data() + text.size(), shown);
        return shown;
    };
    for (int places = decimals; places <= 3; ++places) {
        const double shown = shown_at(places);
        if (shown == 0 || shown != std::round(shown) || std::abs(shown - v) <= 1e-9) return {shown, places};
    }
    return {std::trunc(v * 1000) / 1000, 3};  // 9.99996: 9.999, on the side the value is
}

std::string pct_text(double v) {
    auto [shown, places] = printed_pct(v, 1);
    return signed_or_zero(shown, places);
}

}  // namespace

std::string fixed(double v, int decimals) { return format_fixed(v, decimals, false); }
std::string signed_fixed(double v, int decimals) { return format_fixed(v, decimals, true); }

std::string ml(std::optional<double> v) {
    return or_missing(v, [](double x) { return fixed(x, 0); });
}
std::string signed_ml(std::optional<double> v) {
    return or_missing(v, [](double x) { return signed_or_zero(x, 0); });
}
std::string ml_unit(std::optional<double> v) {
    return or_missing(v, [](double x) { return fixed(x, 0) + " mL"; });
}
std::string signed_ml_unit(std::optional<double> v) {
    return or_missing(v, [](double x) { return signed_or_zero(x, 0) + " mL"; });
}
std::string pct(std::optional<double> v) {
    return or_missing(v, [](double x) { return pct_text(x) + "%"; });
}
std::optional<double> pct_value(std::optional<double> v) {
    if (!v) return std::nullopt;
    return printed_pct(*v, 2).first;
}

std::string length(double mm, LengthUnit unit) { return format_length(mm, unit, unit == LengthUnit::cm ? 1 : 2); }
std::string length_unit(double mm, LengthUnit unit) { return length(mm, unit) + " " + std::string(to_string(unit)); }
std::string signed_length_unit(double mm, LengthUnit unit) {
    std::string text = length(mm, unit);
    if (reads_as_zero(text))
        text = length(0.0, unit);  // never "-0.0"
    else if (mm > 0)
        text = "+" + text;
    return text + " " + std::string(to_string(unit));
}

std::string minute(const DateTime& t) {
    // Digits written directly rather than through date::format or printf: a report's session
    // table formats thousands of these.
    auto local = t.local();
    auto days = date::floor<date::days>(local);
    date::year_month_day ymd{days};
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - days).count();
    std::string out = "0000-00-00 00:00";
    auto put = [&](std::size_t at, long long v, int width) {
        for (int i = width - 1; i >= 0; --i, v /= 10)
            out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
    };
    put(0, static_cast<int>(ymd.year()), 4);
    put(5, static_cast<unsigned>(ymd.month()), 2);
    put(8, static_cast<unsigned>(ymd.day()), 2);
    put(11, minutes / 60, 2);
    put(14, minutes % 60, 2);
    return out;
}

std::string minute_among(const std::vector<Session>& sessions, std::size_t i) {
    const auto& t = sessions[i].recorded_at;
    auto text = minute(t);
    const auto near = std::chrono::hours{2};
    auto same = [&](std::size_t j) { return minute(sessions[j].recorded_at) == text; };
    bool shared = false;
    for (std::size_t j = i; !shared && j-- > 0 && t.utc - sessions[j].recorded_at.utc <= near;) shared = same(j);
    for (std::size_t j = i + 1; !shared && j < sessions.size() && sessions[j].recorded_at.utc - t.utc <= near; ++j)
        shared = same(j);
    if (!shared) return text;
    const auto iso = format_datetime(t);  // "...T02:30:00+02:00": the offset is its last six characters
    return text + " " + iso.substr(iso.size() - 6);
}

std::string protocols_note(const History& h) {
    if (h.baselines.size() < 2) return {};
    std::string out = "Volumes are compared only within a protocol";
    for (const auto& b : h.baselines) {
        if (!b.carried_from) continue;
        const auto j = *b.carried_from;
        out += "; " + b.protocol + "'s changes carry on from " + h.sessions[j].protocol + "'s session of " +
               minute(h.sessions[j].recorded_at) + " (" + change(h.client, h.figures[j]) + ")";
    }
    return out + ".";
}

std::string day(const DateTime& t) { return format_date(t.local_date()); }

bool on_days(const DateTime& t, const std::optional<date::year_month_day>& from,
             const std::optional<date::year_month_day>& to) {
    auto d = t.local_date();
    return (!from || d >= *from) && (!to || d <= *to);
}

std::string alert_codes(const std::vector<Alert>& alerts, char separator) {
    std::string out;
    for (const auto& a : alerts) {
        if (!out.empty()) out += separator;
        out += to_string(a.code);
    }
    return out;
}

std::string alert_codes(const SessionFigures& f, char separator) { return alert_codes(f.alerts, separator); }

std::string change(const Client& c, const SessionFigures& f) {
    if (!c.bilateral()) return pct(f.rvc_pct);
    std::string out;
    for (Side s : {Side::left, Side::right}) {
        auto it = f.wac_pct.find(s);
        if (!out.empty()) out += " ";
        out += s == Side::left ? 'L' : 'R';
        out += it == f.wac_pct.end() ? std::string(missing) : pct(it->second);
    }
    return out;
}

std::string wac(const SessionFigures& f) {
    if (f.wac_pct.empty()) return std::string(missing);
    std::string out;
    for (auto [side, v] : f.wac_pct) {
        if (!out.empty()) out += ", ";
        out += std::string(to_string(side)) + " " + pct(v);
    }
    return out;
}

std::string point_difference(const Client& c, const SessionFigures& f) {
    if (!f.max_point_diff) return std::string(missing);
    double mm = std::abs(f.max_point_diff->difference_cm) * mm_per_cm;
    return length_unit(mm, c.unit) + " @" + std::to_string(f.max_point_diff->point_index + 1);
}

std::string point_distance(double cm, LengthUnit unit) {
    return unit == LengthUnit::cm ? format_exact(cm) + " cm" : length_unit(cm * mm_per_cm, unit);
}

std::string point_name(const Protocol* protocol, std::size_t k, LengthUnit unit) {
    return protocol && k < protocol->positions_cm.size() ? point_distance(protocol->positions_cm[k], unit)
                                                         : "point " + std::to_string(k + 1);
}

std::string signed_side_difference(const Client& c, double left_minus_right_mm) {
    return signed_length_unit(c.affected == Affected::right ? -left_minus_right_mm : left_minus_right_mm, c.unit);
}

std::string signed_point_difference(const Client& c, const SessionFigures& f, const Protocol* protocol) {
    if (!f.max_point_diff) return std::string(missing);
    return signed_side_difference(c, f.max_point_diff->difference_cm * mm_per_cm) + " at " +
           point_name(protocol, f.max_point_diff->point_index, c.unit);
}

std::string point_difference_label(const Client& c) { return c.bilateral() ? "left - right" : "affected - unaffected"; }

std::string roman(int n) {
    static constexpr const char* numerals[] = {"0", "I", "II", "III", "IV", "V"};
    return n >= 0 && n <= 5 ? numerals[n] : std::to_string(n);
}

std::string findings(const Session& s) {
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
    const Symptoms& y = s.symptoms;
    if (y.pitting_grade) {
        std::string p = "pitting " + std::to_string(*y.pitting_grade) + (*y.pitting_grade > 0 ? "+" : "");
        std::string detail;
        if (y.pitting_depth_mm) detail = fixed(*y.pitting_depth_mm, 0) + " mm";
        if (y.pitting_rebound_s)
            detail += (detail.empty() ? "" : ", ") + ("rebound " + fixed(*y.pitting_rebound_s, 0) + " s");
        add(detail.empty() ? p : p + " (" + detail + ")");
    }
    if (y.stemmer != StemmerSign::not_checked) add(y.stemmer == StemmerSign::positive ? "Stemmer +" : "Stemmer -");
    if (y.isl_stage) add("ISL " + roman(*y.isl_stage));
    const Compression& c = s.compression;
    if (c.kind == CompressionKind::garment) {
        std::string g = "garment";
        if (c.ral_class) g += " class " + roman(*c.ral_class);
        if (c.mmhg_low)
            g += " " + std::to_string(*c.mmhg_low) + (c.mmhg_high ? "-" + std::to_string(*c.mmhg_high) : "") + " mmHg";
        add(g);
    } else if (c.kind == CompressionKind::bandage) {
        add(std::string(to_string(c.kind)));
    } else if (c.worn_known) {
        add("no compression");
    }
    if (s.treatment.mld_minutes && *s.treatment.mld_minutes > 0)
        add("MLD " + std::to_string(*s.treatment.mld_minutes) + " min");
    if (s.treatment.bandaging) add("bandaging");
    if (s.treatment.exercise) add("exercise");
    if (!s.recorded_by.empty() && s.recorded_by != "self") add("by " + s.recorded_by);
    if (s.context != SessionContext::routine) add(std::string(to_string(s.context)) + " treatment");
    return out;
}

std::string terminal_text(std::string_view text, bool one_line) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\t' || c == '\n' || c == '\r') {
            out += one_line ? ' ' : static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F) {
            out += '?';
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            out += '?';  // a C1 control (U+0080-U+009F), which some terminals obey too
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string limb_name(Side side, LimbKind limb) {
    return std::string(side == Side::left ? "Left " : "Right ") + std::string(to_string(limb));
}

std::string point_name(Side side, LimbKind limb, double cm) {
    return limb_name(side, limb) + ", " + format_exact(cm) + " cm";
}

namespace {
// Every field a person names, as the forms and the settings page label it.
constexpr std::pair<std::string_view, std::string_view> field_labels[] = {
    // The session form's fields, as it labels them.
    {"recorded_at", "When"},
    {"protocol", "Points measured"},
    {"heaviness", "Heaviness"},
    {"tightness", "Tightness"},
    {"pain", "Pain"},
    {"swelling", "Swelling"},
    {"skin", "Skin"},
    {"skin_note", "What the skin looks like"},
    {"compression", "What was worn"},
    {"garment_class", "Garment class"},
    {"mmhg", "Garment pressure (mmHg)"},
    {"weight", "Body weight (kg)"},
    {"note", "Notes"},
    {"context", "Before or after treatment"},
    {"pitting", "Pitting grade"},
    {"pitting_depth", "Pitting depth (mm)"},
    {"pitting_rebound", "Pitting rebound (s)"},
    {"stemmer", "Stemmer sign"},
    {"isl_stage", "ISL stage"},
    {"mld_minutes", "Lymphatic drainage given (minutes)"},
    {"bandaging", "Bandaging given"},
    {"exercise", "Exercise done"},
    {"by", "Measured by"},
    {"reason", "Reason"},
    // A treatment course (the therapist's course form).
    {"kind", "Kind of course"},
    {"from", "First day"},
    {"to", "Last day"},
    // A client's details.
    {"name", "Name"},
    {"limb", "Limb"},
    {"affected", "Affected side"},
    {"baseline", "Baseline date"},
    {"unit", "Unit"},
    {"birth_year", "Year of birth"},
    {"condition", "Condition"},
    {"client_notes", "Notes about the client"},
    {"archived", "Archived"},
    {"every_days", "Check-in schedule"},
    {"remind_days", "Reminder days"},
    // The clinic's settings (settings set; the web's settings page).
    {"change_watch_pct", "Watch threshold (% change since baseline)"},
    {"change_range_pct", "Lymphedema-range threshold (% change since baseline)"},
    {"point_difference_cm", "Point difference between sides (cm)"},
    {"rapid_rise_pct", "Rapid rise (%)"},
    {"rapid_rise_days", "Rapid rise within (days)"},
    {"sustained_weeks", "Sustained rise over (weeks)"},
    {"sustained_sessions", "Sustained rise: sessions at least"},
    {"sustained_pct", "Sustained rise (%)"},
    {"check_in_days", "Check-in for clients without a schedule (days)"},
    {"volume_method", "Volume method"},
    {"clinic_name", "Clinic name (the author of its reports)"},
    {"plausible_point_cm", "Plausible point change (cm)"},
    {"plausible_point_pct", "Plausible point change (%)"},
    {"plausible_volume_pct", "Plausible volume change (%)"},
    {"remind_at", "Reminder time (your own time)"}};
}  // namespace

std::string field_label(std::string_view key, LimbKind limb) {
    for (const auto& [k, label] : field_labels)
        if (k == key) return std::string(label);
    // A point: left_<cm> or right_<cm>.
    for (Side side : {Side::left, Side::right}) {
        auto prefix = std::string(to_string(side)) + "_";
        if (key.substr(0, prefix.size()) != prefix) continue;
        auto cm_text = key.substr(prefix.size());
        double cm = 0;
        auto [end, ec] = std::from_chars(cm_text.data(), cm_text.data() + cm_text.size(), cm);
        if (ec == std::errc{} && end == cm_text.data() + cm_text.size() && !cm_text.empty())
            return point_name(side, limb, cm);
    }
    return {};
}

std::string affected_text(const Client& c) {
    if (c.bilateral()) return "both " + std::string(to_string(c.limb)) + "s affected";
    return std::string(to_string(*c.affected_side())) + " " + std::string(to_string(c.limb)) + " affected";
}

std::string score(std::optional<int> v) { return v ? std::to_string(*v) : std::string(missing); }

DecimalMark decimal_mark(std::string_view accept_language) {
    static constexpr std::string_view comma[] = {"az", "be", "bg", "ca", "cs", "da", "de", "el", "es", "et", "fi", "fr",
                                                 "hr", "hu", "id", "is", "it", "kk", "lt", "lv", "nb", "nl", "nn", "no",
                                                 "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "tr", "uk", "vi"};
    auto first = detail::lower(accept_language.substr(0, accept_language.find_first_of(",;-_ ")));
    return std::find(std::begin(comma), std::end(comma), first) != std::end(comma) ? DecimalMark::comma
                                                                                   : DecimalMark::point;
}

std::string with_decimal_mark(std::string number, DecimalMark mark) {
    if (mark == DecimalMark::comma)
        for (auto& ch : number)
            if (ch == '.') ch = ',';
    return number;
}

}  // namespace swelltrack::display
