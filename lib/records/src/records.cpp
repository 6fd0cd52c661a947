#include "swelltrack/records.h"

#include <cmath>

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
                {"every_days", opt(c.every_days)}};
}

Json user(const User& u) {
    Json j{{"login", u.login}, {"role", to_string(u.role)}};
    if (u.role == Role::client) j["client"] = u.client_name;
    return j;
}

nlohmann::json rounded(std::optional<double> v, int decimals) {
    if (!v) return nullptr;
    double f = std::pow(10.0, decimals);
    return std::round(*v * f) / f;
}

nlohmann::json history_entry(const History& h, std::size_t i) {
    // Built key by key (no initializer lists, which copy every value twice): the API answers a
    // history of years of daily sessions with this, ~730 of them per request.
    const auto& s = h.sessions[i];
    const auto& f = h.figures[i];
    nlohmann::json j(nlohmann::json::value_t::object);
    auto& o = *j.get_ptr<nlohmann::json::object_t*>();
    o.emplace("recorded_at", format_datetime(s.recorded_at));
    o.emplace("protocol", s.protocol);
    nlohmann::json volume(nlohmann::json::value_t::object);
    volume.get_ptr<nlohmann::json::object_t*>()->emplace("left", rounded(f.left_ml, 1));
    volume.get_ptr<nlohmann::json::object_t*>()->emplace("right", rounded(f.right_ml, 1));
    o.emplace("volume_ml", std::move(volume));
    o.emplace("diff_ml", rounded(f.diff_ml, 1));
    o.emplace("excess_pct", rounded(f.excess_pct, 2));
    o.emplace("rvc_pct", rounded(f.rvc_pct, 2));
    nlohmann::json wac = nullptr;
    if (!f.wac_pct.empty()) {
        wac = nlohmann::json::object();
        for (auto [side, v] : f.wac_pct) wac[std::string(to_string(side))] = rounded(v, 2);
    }
    o.emplace("wac_pct", std::move(wac));
    o.emplace("max_point_diff_cm",
              f.max_point_diff ? rounded(std::abs(f.max_point_diff->difference_cm), 2) : nlohmann::json(nullptr));
    o.emplace("partial", f.partial);
    o.emplace("baseline", h.is_baseline(i));
    o.emplace("comparable", h.comparable(i));
    o.emplace("findings", display::findings(s));
    o.emplace("recorded_by", s.recorded_by);
    o.emplace("context", to_string(s.context));
    o.emplace("weight_kg", s.weight_kg ? nlohmann::json(*s.weight_kg) : nlohmann::json(nullptr));
    o.emplace("skin", to_string(s.skin));
    o.emplace("note", s.notes);
    nlohmann::json alerts(nlohmann::json::value_t::array);
    for (const auto& a : f.alerts) alerts.push_back(to_string(a.code));
    o.emplace("alerts", std::move(alerts));
    return j;
}

nlohmann::json status(const ClientStatus& st) {
    auto alerts = nlohmann::json::array();
    for (const auto& a : st.alerts) alerts.push_back(to_string(a.code));
    return {
        {"name", st.client.name},
        {"last_session", st.latest ? nlohmann::json(format_datetime(st.latest->recorded_at)) : nlohmann::json(nullptr)},
        {"change_pct", st.change_pct ? nlohmann::json(*st.change_pct) : nlohmann::json(nullptr)},
        {"attention", st.alert_rank},
        {"alerts", alerts},
        {"reason", st.reason},
        {"days_since_last", st.days_since_last ? nlohmann::json(*st.days_since_last) : nlohmann::json(nullptr)},
        {"overdue", st.overdue},
        {"baseline", st.baseline_at ? nlohmann::json{{"recorded_at", format_datetime(*st.baseline_at)},
                                                     {"reason", st.baseline_reason}}
                                    : nlohmann::json(nullptr)}};
}

namespace {
Json parsed(const std::string& text) { return text.empty() ? Json(nullptr) : Json::parse(text); }
}  // namespace

std::string change_text(std::string_view action, const std::string& old_value, const std::string& new_value) {
    auto shorten = [](std::string s) { return s.size() > 48 ? s.substr(0, 45) + "..." : s; };
    auto old_v = parsed(old_value), new_v = parsed(new_value);
    if (old_v.is_object() && new_v.is_object()) {
        std::string out;
        for (const auto& [key, v] : new_v.items()) {
            auto before = old_v.contains(key) ? old_v[key] : Json(nullptr);
            if (before == v) continue;
            out += (out.empty() ? "" : "; ") + key + " " + shorten(before.dump()) + " -> " + shorten(v.dump());
        }
        return out.empty() ? "no field changed" : out;
    }
    if (old_v.is_null() && new_v.is_object() && new_v.contains("sessions") && new_v.contains("source"))
        return (action == "session.restore" ? "restored " : "imported ") + new_v["sessions"].dump() +
               " session(s) from " + new_v["source"].get<std::string>();
    if (old_v.is_null()) return new_v.is_string() ? "-> " + new_v.get<std::string>() : "added";
    if (new_v.is_null()) return old_v.is_object() ? "removed (values kept here)" : "removed " + old_v.dump();
    return shorten(old_v.is_string() ? old_v.get<std::string>() : old_v.dump()) + " -> " +
           shorten(new_v.is_string() ? new_v.get<std::string>() : new_v.dump());
}

}  // namespace swelltrack::records
