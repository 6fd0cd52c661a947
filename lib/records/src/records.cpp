#include "swelltrack/records.h"

#include "swelltrack/datetime.h"

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

}  // namespace swelltrack::records
