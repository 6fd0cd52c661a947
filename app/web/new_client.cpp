// A new client from the therapist's browser (/new-client): the details `client add` takes, read
// with the same parsers and added through the same action, each field named as the form names it.
#include "form.h"
#include "pages.h"
#include "remedy.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "web_app.h"

namespace swelltrack::web {
namespace {

// The posted form as a client; UserError naming the field.
Client read_client(Form& f) {
    Client c;
    c.name = detail::trim(f["name"]);
    c.limb = parse_enum<LimbKind>(f["limb"], "limb");
    c.affected = parse_enum<Affected>(f["affected"], "affected");
    c.unit = parse_enum<LengthUnit>(f["unit"], "unit");
    if (const auto baseline = detail::trim(f["baseline"]); !baseline.empty())
        c.baseline_date = parse_date(baseline, "baseline");
    if (const auto born = detail::trim(f["birth_year"]); !born.empty())
        c.birth_year = parse_limited_int(birth_year_limit(), born, "birth_year");
    c.condition = detail::trim(f["condition"]);
    c.notes = f["client_notes"];
    if (const auto every = detail::trim(f["every_days"]); !every.empty())
        c.every_days = parse_schedule(every, "every_days");
    return c;
}

void client_form(Html& b, const FormState& st, const std::string& csrf) {
    FormWriter w(b, st);
    auto label = [](std::string_view key) { return display::field_label(key, LimbKind::arm); };
    b.open("form", {{"method", "post"}, {"action", "/new-client"}, {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", csrf}});
    w.text("name", label("name"));
    w.choice("limb", label("limb"), names_of<LimbKind>(), false);
    w.choice("affected", label("affected"), names_of<Affected>(), false);
    w.choice("unit", label("unit") + " (circumferences are typed and shown in it)", names_of<LengthUnit>(), false);
    w.text("baseline", label("baseline") + " (YYYY-MM-DD, e.g. the day of surgery; optional)");
    w.number("birth_year", label("birth_year"), birth_year_limit(), "optional");
    w.text("condition", label("condition"));
    w.number("every_days", label("every_days") + " (days between sessions)", limits::measure_every_days,
             "optional; without one the clinic's check-in interval applies");
    w.text("client_notes", label("client_notes"), true);
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}}, "Add the client")
        .el("a", {{"href", "/"}, {"class", "button secondary"}}, "Back to the list")
        .close("p")
        .close("form");
}

}  // namespace

void WebApp::page_new_client(Call& c) {
    FormState st;
    st.values = {{"limb", "arm"}, {"affected", "left"}, {"unit", "cm"}};
    if (c.req.method == "POST") {
        st.values = c.form;
        try {
            auto added = actions::add_client(store(), read_client(st.values), actor(c));
            ++generation_;
            c.res.status = 303;
            c.res.set_header("Location", client_path(added.name, "") + "?added=1");
            return;
        } catch (const UserError& e) {
            st.error = error_text(e, LimbKind::arm);
            st.error_field = e.field();
        }
    }
    Html b;
    b.el("h1", "Add a client");
    error_box(b, st);
    client_form(b, st, c.who->csrf);
    reply_page(c, st.error.empty() ? 200 : 422, "Add a client", b);
}

}  // namespace swelltrack::web
