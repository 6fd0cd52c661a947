// The clinic's settings from the therapist's browser (/settings): its name, the alert thresholds, the check-in
// interval for clients without a schedule, the volume method and the plausibility thresholds, as
// `settings set` changes them (actions::change_settings, audited with the login).
#include "form.h"
#include "pages.h"
#include "remedy.h"
#include "request.h"
#include "swelltrack/display.h"
#include "web_app.h"

namespace swelltrack::web {
namespace {

// Each number the page shows: its key (the form field and the setting), its limit.
struct NumberSetting {
    const char* key;
    const Limit* limit;
};
constexpr NumberSetting threshold_fields[] = {{"change_watch_pct", &limits::watch_pct},
                                              {"change_range_pct", &limits::range_pct},
                                              {"point_difference_cm", &limits::point_difference_cm},
                                              {"rapid_rise_pct", &limits::rapid_rise_pct},
                                              {"rapid_rise_days", &limits::rapid_rise_days},
                                              {"sustained_weeks", &limits::sustained_weeks},
                                              {"sustained_sessions", &limits::sustained_sessions},
                                              {"sustained_pct", &limits::sustained_pct},
                                              {"check_in_days", &limits::check_in_days}};
constexpr NumberSetting plausibility_fields[] = {{"plausible_point_cm", &limits::plausible_point_cm},
                                                 {"plausible_point_pct", &limits::plausible_point_pct},
                                                 {"plausible_volume_pct", &limits::plausible_volume_pct}};

// Each number into its place in the settings.
void put(const std::string& key, double v, AlertThresholds& t, PlausibilityLimits& p) {
    const int whole = static_cast<int>(v);  // the limit of a whole-number setting took only whole ones
    if (key == "change_watch_pct") t.change_watch_pct = v;
    if (key == "change_range_pct") t.change_range_pct = v;
    if (key == "point_difference_cm") t.point_difference_cm = v;
    if (key == "rapid_rise_pct") t.rapid_rise_pct = v;
    if (key == "rapid_rise_days") t.rapid_rise_days = whole;
    if (key == "sustained_weeks") t.sustained_weeks = whole;
    if (key == "sustained_sessions") t.sustained_sessions = whole;
    if (key == "sustained_pct") t.sustained_pct = v;
    if (key == "check_in_days") t.check_in_days = whole;
    if (key == "plausible_point_cm") p.point_cm = v;
    if (key == "plausible_point_pct") p.point_pct = v;
    if (key == "plausible_volume_pct") p.volume_pct = v;
}

void read_settings(Form& f, AlertThresholds& t, PlausibilityLimits& p, VolumeMethod& method, std::string& clinic) {
    for (auto fields :
         {std::span<const NumberSetting>(threshold_fields), std::span<const NumberSetting>(plausibility_fields)})
        for (const auto& n : fields) {
            auto v = parse_limited(*n.limit, f[n.key], n.key);
            if (!v) throw UserError(n.key, "", std::string(n.key) + ": give a value (" + range_text(*n.limit) + ")");
            put(n.key, *v, t, p);
        }
    method = parse_enum<VolumeMethod>(f["volume_method"], "volume_method");
    clinic = f["clinic_name"];
}

Form shown_values(const AlertThresholds& t, const PlausibilityLimits& p, VolumeMethod method,
                  const std::string& clinic) {
    return {{"clinic_name", clinic},
            {"change_watch_pct", format_exact(t.change_watch_pct)},
            {"change_range_pct", format_exact(t.change_range_pct)},
            {"point_difference_cm", format_exact(t.point_difference_cm)},
            {"rapid_rise_pct", format_exact(t.rapid_rise_pct)},
            {"rapid_rise_days", std::to_string(t.rapid_rise_days)},
            {"sustained_weeks", std::to_string(t.sustained_weeks)},
            {"sustained_sessions", std::to_string(t.sustained_sessions)},
            {"sustained_pct", format_exact(t.sustained_pct)},
            {"check_in_days", std::to_string(t.check_in_days)},
            {"volume_method", std::string(to_string(method))},
            {"plausible_point_cm", format_exact(p.point_cm)},
            {"plausible_point_pct", format_exact(p.point_pct)},
            {"plausible_volume_pct", format_exact(p.volume_pct)}};
}

}  // namespace

void WebApp::page_settings(Call& c) {
    auto& db = store();
    auto t = db.thresholds();
    auto p = db.plausibility_limits();
    auto method = db.volume_method();
    auto clinic = db.clinic_name();
    FormState st;
    st.values = shown_values(t, p, method, clinic);
    if (c.req.method == "POST") {
        st.values = c.form;
        try {
            read_settings(st.values, t, p, method, clinic);
            actions::change_settings(db, {t, method, p, clinic}, actor(c));
            ++generation_;
            c.res.status = 303;
            c.res.set_header("Location", "/settings?saved=1");
            return;
        } catch (const UserError& e) {
            st.error = error_text(e, LimbKind::arm);
            st.error_field = e.field();
        }
    }
    Html b;
    b.el("h1", "Settings");
    if (query_value(c.req.target, "saved")) b.el("p", {{"class", "message ok"}, {"role", "status"}}, "Saved.");
    b.el("p",
         "For every client of the clinic. A change re-reads every client's alerts; it goes into the record of "
         "changes with your login.");
    error_box(b, st);
    FormWriter w(b, st);
    b.open("form", {{"method", "post"}, {"action", "/settings"}, {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    b.open("fieldset").el("legend", "The clinic");
    w.text("clinic_name", display::field_label("clinic_name", LimbKind::arm));
    b.close("fieldset").open("fieldset").el("legend", "Alerts and check-ins");
    for (const auto& n : threshold_fields) w.number(n.key, display::field_label(n.key, LimbKind::arm), *n.limit);
    b.close("fieldset").open("fieldset").el("legend", "Volumes and plausibility");
    w.choice("volume_method", display::field_label("volume_method", LimbKind::arm), names_of<VolumeMethod>(), false);
    for (const auto& n : plausibility_fields) w.number(n.key, display::field_label(n.key, LimbKind::arm), *n.limit);
    b.close("fieldset")
        .open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}}, "Save the settings")
        .close("p")
        .close("form");
    reply_page(c, st.error.empty() ? 200 : 422, "Settings", b);
}

}  // namespace swelltrack::web
