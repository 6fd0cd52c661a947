#include "swelltrack/records.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "swelltrack/client.h"
#include "swelltrack/datetime.h"
#include "swelltrack/display.h"

namespace swelltrack::records {
namespace {

template <class T>
Json opt(const std::optional<T>& v) {
    return v ? Json(*v) : Json(nullptr);
}

Json values(const PointValues& v) {
    auto a = Json::array();
    for (const auto& x : v) a.push_back(opt(x));
    return a;
}

}  // namespace

Json session(const Session& s) {
    const auto& y = s.symptoms;
    Json skin = Json::array();
    for (auto f : all_skin_flags)
        if (s.skin.has(f)) skin.push_back(std::string(to_string(f)));
    return Json{{"recorded_at", format_datetime(s.recorded_at)},
                {"protocol", s.protocol},
                {"left_mm", values(s.left_mm)},
                {"right_mm", values(s.right_mm)},
                {"recorded_by", s.recorded_by},
                {"context", std::string(to_string(s.context))},
                {"weight_kg", opt(s.weight_kg)},
                {"compression",
                 {{"kind", std::string(to_string(s.compression.kind))},
                  {"known", s.compression.worn_known},
                  {"class", opt(s.compression.ral_class)},
                  {"mmhg_low", opt(s.compression.mmhg_low)},
                  {"mmhg_high", opt(s.compression.mmhg_high)}}},
                {"treatment",
                 {{"mld_minutes", opt(s.treatment.mld_minutes)},
                  {"bandaging", s.treatment.bandaging},
                  {"exercise", s.treatment.exercise}}},
                {"symptoms",
                 {{"heaviness", opt(y.heaviness)},
                  {"tightness", opt(y.tightness)},
                  {"pain", opt(y.pain)},
                  {"swelling", opt(y.swelling)},
                  {"pitting_grade", opt(y.pitting_grade)},
                  {"pitting_depth_mm", opt(y.pitting_depth_mm)},
                  {"pitting_rebound_s", opt(y.pitting_rebound_s)},
                  {"stemmer", std::string(to_string(y.stemmer))},
                  {"isl_stage", opt(y.isl_stage)}}},
                {"skin", skin},
                {"skin_note", s.skin_note},
                {"notes", s.notes}};
}

Json protocol(const Protocol& p) {
    return Json{{"name", p.name}, {"limb", std::string(to_string(p.limb))}, {"points_cm", p.positions_cm}};
}

Json client(const Client& c) {
    return Json{{"name", c.name},
                {"limb", std::string(to_string(c.limb))},
                {"affected", std::string(to_string(c.affected))},
                {"baseline", c.baseline_date ? Json(format_date(*c.baseline_date)) : Json(nullptr)},
                {"unit", std::string(to_string(c.unit))},
                {"birth_year", opt(c.birth_year)},
                {"condition", c.condition},
                {"notes", c.notes},
                {"archived", c.archived},
                {"every_days", opt(c.every_days)},
                {"remind_days", c.remind_weekdays ? Json(weekdays_key(c.remind_weekdays)) : Json(nullptr)},
                {"remind_at", c.remind_minute ? Json(time_of_day_text(*c.remind_minute)) : Json(nullptr)},
                {"photo_consent", c.photo_consent}};
}

Json photo(const Photo& p, const std::optional<DateTime>& session_at) {
    return Json{{"id", p.id},
                {"taken_at", format_datetime(p.taken_at)},
                {"site", p.site},
                {"width", p.width},
                {"height", p.height},
                {"bytes", p.bytes},
                {"added_by", p.added_by},
                {"session", session_at ? Json(format_datetime(*session_at)) : Json(nullptr)}};
}

Json user(const User& u) {
    Json j{{"login", u.login}, {"role", to_string(u.role)}};
    if (u.role == Role::client) j["client"] = u.client_name;
    return j;
}

Json invitation(const Invitation& i) {
    Json j{{"login", i.login}, {"role", to_string(i.role)}};
    if (i.role == Role::client) j["client"] = i.client_name;
    j["expires_at"] = format_datetime(i.expires_at);
    return j;
}

Json course(const Course& c) {
    return Json{{"id", c.id},
                {"kind", std::string(to_string(c.kind))},
                {"from", format_date(c.from)},
                {"to", c.to ? Json(format_date(*c.to)) : Json(nullptr)},
                {"note", c.note}};
}

Json report_link(const ReportLink& l) {
    return Json{{"id", l.id}, {"label", l.label}, {"expires_at", format_datetime(l.expires_at)}};
}

namespace {

/// JSON text written directly (the API answers years of daily sessions per request: building a
/// tree of them first cost as much again). Keys are written in the order nlohmann::json sorts
/// them, and numbers as it prints them, so the text is what a tree of the same values would dump.
void put_string(std::string& out, std::string_view text) {
    std::string fixed;
    if (!is_valid_utf8(text)) {  // never in validated text; written as U+FFFD rather than broken JSON
        for (unsigned char c : text) fixed += c < 0x80 ? std::string(1, static_cast<char>(c)) : "\xEF\xBF\xBD";
        text = fixed;
    }
    out += '"';
    // Runs that need no escape are copied at once (most text is one run); a table says which bytes
    // end a run.
    static constexpr auto escaped = [] {
        std::array<bool, 256> t{};
        for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
        t['"'] = t['\\'] = true;
        return t;
    }();
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!escaped[static_cast<unsigned char>(c)]) continue;
        out.append(text.substr(run, i - run));
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default: {  // the other control characters
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out += buf;
            }
        }
    }
    out.append(text.substr(run));
    out += '"';
}

void put_number(std::string& out, std::optional<double> v) {
    if (!v || !std::isfinite(*v)) {
        out += "null";
        return;
    }
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
    std::string_view text(buf, static_cast<std::size_t>(end - buf));
    out += text;
    if (text.find_first_of(".e") == std::string_view::npos) out += ".0";  // as nlohmann::json prints a double
}

std::optional<double> round_to(std::optional<double> v, int decimals) {
    if (!v) return std::nullopt;
    double f = std::pow(10.0, decimals);
    return std::round(*v * f) / f;
}

// Writes `"name":`, the key of the member that follows.
void put_key(std::string& out, const char* name) {
    out += '"';
    out += name;
    out += "\":";
}

// Writes `"name":"text",`: a text member with another member after it.
void put_text_member(std::string& out, const char* name, std::string_view text) {
    put_key(out, name);
    put_string(out, text);
    out += ',';
}

// Writes `"name":number,` (null when absent): a number member with another member after it.
void put_number_member(std::string& out, const char* name, std::optional<double> v) {
    put_key(out, name);
    put_number(out, v);
    out += ',';
}

// Writes `"name":true,` or `"name":false,`: a flag member with another member after it.
void put_flag_member(std::string& out, const char* name, bool flag) {
    put_key(out, name);
    out += flag ? "true," : "false,";
}

// Writes the alerts' codes as an array of strings.
void put_alert_codes(std::string& out, const std::vector<Alert>& alerts) {
    out += '[';
    for (std::size_t k = 0; k < alerts.size(); ++k) {
        if (k) out += ',';
        put_string(out, to_string(alerts[k].code));
    }
    out += ']';
}

// Writes the weight-adjusted change by side as an object, or null when no side has one.
void put_wac(std::string& out, const std::map<Side, double>& wac_pct) {
    if (wac_pct.empty()) {
        out += "null";
        return;
    }
    out += '{';
    bool first = true;
    for (auto [side, v] : wac_pct) {  // std::map: left before right, as the keys sort
        if (!first) out += ',';
        first = false;
        put_string(out, to_string(side));
        out += ':';
        put_number(out, display::pct_value(v));
    }
    out += '}';
}

void put_entry(std::string& out, const History& h, std::size_t i, Attention attention) {
    const auto& s = h.sessions[i];
    const auto& f = h.figures[i];
    out += '{';
    put_key(out, "alerts");
    put_alert_codes(out, f.alerts);
    out += ',';
    put_key(out, "attention");
    out += std::to_string(to_number(attention));
    out += ',';
    put_flag_member(out, "baseline", h.is_baseline(i));
    put_flag_member(out, "comparable", h.comparable(i));
    put_text_member(out, "context", to_string(s.context));
    put_number_member(out, "diff_ml", round_to(f.diff_ml, 1));
    put_number_member(out, "excess_pct", display::pct_value(f.excess_pct));
    put_text_member(out, "findings", display::findings(s));
    put_key(out, "id");
    out += std::to_string(s.id);
    out += ',';
    put_number_member(out, "max_point_diff_cm",
                      f.max_point_diff ? round_to(std::abs(f.max_point_diff->difference_cm), 2) : std::nullopt);
    put_text_member(out, "note", s.notes);
    put_flag_member(out, "partial", f.partial);
    put_text_member(out, "protocol", s.protocol);
    put_text_member(out, "recorded_at", format_datetime(s.recorded_at));
    put_text_member(out, "recorded_by", s.recorded_by);
    put_number_member(out, "rvc_pct", display::pct_value(f.rvc_pct));
    put_text_member(out, "skin", to_string(s.skin));
    put_key(out, "volume_ml");
    out += "{\"left\":";
    put_number(out, round_to(f.left_ml, 1));
    out += ",\"right\":";
    put_number(out, round_to(f.right_ml, 1));
    out += "},";
    put_key(out, "wac_pct");
    put_wac(out, f.wac_pct);
    out += ',';
    put_key(out, "weight_kg");
    put_number(out, s.weight_kg);
    out += '}';
}

}  // namespace

nlohmann::json rounded(std::optional<double> v, int decimals) {
    auto r = round_to(v, decimals);
    return r ? nlohmann::json(*r) : nlohmann::json(nullptr);
}

std::string history_json(const History& h, std::span<const std::size_t> shown) {
    std::string out;
    out.reserve(shown.size() * 496 + 2);
    const auto attention = attention_after_each(h);
    out += '[';
    for (std::size_t k = 0; k < shown.size(); ++k) {
        if (k) out += ',';
        put_entry(out, h, shown[k], attention[shown[k]]);
    }
    out += ']';
    return out;
}

nlohmann::json history_entry(const History& h, std::size_t i) {
    const std::size_t one[] = {i};
    return nlohmann::json::parse(history_json(h, one)).at(0);
}

namespace {

// JSON text with nlohmann::json's dump(2) layout when indenting: a line per member or element,
// two spaces per level, `"key": value`; empty arrays as [].
class Writer {
   public:
    Writer(std::string& out, bool indent) : out_(out), indent_(indent) {}
    void open(char bracket) {
        out_ += bracket;
        ++depth_;
        first_ = true;
    }
    void close(char bracket) {
        --depth_;
        if (!first_) line();
        out_ += bracket;
        first_ = false;
    }
    void key(const char* name) {
        next();
        put_string(out_, name);
        out_ += indent_ ? ": " : ":";
    }
    void element() { next(); }
    std::string& out() { return out_; }

   private:
    void next() {
        if (!first_) out_ += ',';
        first_ = false;
        line();
    }
    void line() {
        if (!indent_) return;
        out_ += '\n';
        out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
    }
    std::string& out_;
    bool indent_;
    int depth_ = 0;
    bool first_ = true;
};

void put_status(Writer& w, const ClientStatus& st) {
    auto& out = w.out();
    w.open('{');
    w.key("alerts");
    w.open('[');
    for (const auto& a : st.alerts) {
        w.element();
        put_string(out, to_string(a.code));
    }
    w.close(']');
    w.key("attention");
    out += std::to_string(to_number(st.attention));
    w.key("baseline");
    if (st.baseline_at) {
        w.open('{');
        w.key("reason");
        put_string(out, st.baseline_reason);
        w.key("recorded_at");
        put_string(out, format_datetime(*st.baseline_at));
        w.close('}');
    } else {
        out += "null";
    }
    w.key("change_pct");  // 2 decimals, as history gives rvc_pct and wac_pct: the same number on every face
    put_number(out, display::pct_value(st.change_pct));
    w.key("days_since_last");
    out += st.days_since_last ? std::to_string(*st.days_since_last) : "null";
    w.key("last_session");
    if (st.latest)
        put_string(out, format_datetime(st.latest->recorded_at));
    else
        out += "null";
    w.key("name");
    put_string(out, st.client.name);
    w.key("overdue");
    out += st.overdue ? "true" : "false";
    w.key("reason");
    put_string(out, st.reason);
    w.close('}');
}

}  // namespace

namespace {

// The array of statuses into `out`; `written(out)` after each status may take the text so far.
template <class Written>
void put_statuses(std::string& out, std::span<const ClientStatus> statuses, bool indent, Written written) {
    Writer w(out, indent);
    w.open('[');
    for (const auto& st : statuses) {
        w.element();
        put_status(w, st);
        written(out);
    }
    w.close(']');
}

}  // namespace

std::string statuses_json(std::span<const ClientStatus> statuses, bool indent) {
    std::string out;
    out.reserve(statuses.size() * (indent ? 420 : 330) + 2);
    put_statuses(out, statuses, indent, [](std::string&) {});
    return out;
}

void write_statuses_json(std::ostream& os, std::span<const ClientStatus> statuses, bool indent) {
    constexpr std::size_t chunk = 64 * 1024;
    std::string out;
    out.reserve(chunk + 4096);
    put_statuses(out, statuses, indent, [&](std::string& text) {
        if (text.size() < chunk) return;
        os.write(text.data(), static_cast<std::streamsize>(text.size()));
        text.clear();
    });
    os.write(out.data(), static_cast<std::streamsize>(out.size()));
}

nlohmann::json status(const ClientStatus& st) { return nlohmann::json::parse(statuses_json({&st, 1}, false)).at(0); }

namespace {
Json ml_json(std::optional<double> v) {
    auto r = round_to(v, 1);
    return r ? Json(*r) : Json(nullptr);
}
Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json pct_json(std::optional<double> v) {
    auto p = display::pct_value(v);
    return p ? Json(*p) : Json(nullptr);
}

// A session of a course's figures: its time and the limb's excess then.
Json excess_at(const History& h, const std::optional<std::size_t>& session, const std::optional<LimbExcess>& e) {
    if (!session || !e) return nullptr;
    return Json{{"recorded_at", format_datetime(h.sessions[*session].recorded_at)},
                {"excess_ml", ml_json(e->ml)},
                {"excess_pct", pct_json(e->pct)}};
}
}  // namespace

Json course_figures(const History& h, const CourseFigures& f) {
    Json out = course(f.course);
    out["running"] = f.running;
    out["until"] = format_date(f.until);
    out["sessions"] = f.sessions.size();
    out["reference"] = f.reference;
    out["limbs"] = Json::array();
    for (std::size_t k = 0; k < f.reduction.size(); ++k) {
        const auto& r = f.reduction[k];
        const auto& e = f.immediate[k];
        Json limb{{"side", std::string(to_string(r.side))},
                  {"start", excess_at(h, r.start, r.start_excess)},
                  {"end", excess_at(h, r.end, r.end_excess)},
                  {"reduction_ml", ml_json(r.reduction_ml)},
                  {"reduction_pct", pct_json(r.reduction_pct)},
                  {"missing", text_or_null(r.missing)},
                  {"immediate",
                   {{"pairs", e.pairs},
                    {"mean_ml", ml_json(e.mean_ml)},
                    {"sd_ml", ml_json(e.sd_ml)},
                    {"mean_pct", pct_json(e.mean_pct)}}},
                  {"durability", Json::array()}};
        for (const auto& d : f.durability)
            if (d.side == r.side)
                limb["durability"].push_back(Json{{"weeks", d.weeks},
                                                  {"at", excess_at(h, d.session, d.excess)},
                                                  {"reduction_pct", pct_json(d.reduction_pct)},
                                                  {"kept_pct", pct_json(d.kept_pct)},
                                                  {"missing", text_or_null(d.missing)}});
        out["limbs"].push_back(std::move(limb));
    }
    out["rebounds"] = Json::array();
    for (const auto& rb : f.rebounds)
        out["rebounds"].push_back(Json{{"recorded_at", format_datetime(h.sessions[rb.session].recorded_at)},
                                       {"alert", std::string(to_string(rb.code))}});
    out["work"] = Json{{"treatment_days", f.work.treatment_days},
                       {"mld_minutes", f.work.mld_minutes},
                       {"bandaging_days", f.work.bandaging_days},
                       {"compression_days", f.work.compression_days},
                       {"compression_known_days", f.work.compression_known_days}};
    return out;
}

}  // namespace swelltrack::records
