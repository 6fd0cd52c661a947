// The session form (/clients/{name}/log): one input per point and side, last time's value beside
// each, symptoms, skin, notes, compression, weight, the therapist's findings; the same checks as
// `swelltrack log` (web_app.h).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "form.h"
#include "pages.h"
#include "plain_view.h"
#include "point_guide.h"
#include "remedy.h"
#include "request.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/entry.h"
#include "swelltrack/error.h"
#include "swelltrack/plausibility.h"
#include "swelltrack/units.h"
#include "web_app.h"

namespace swelltrack::web {

namespace {

std::string point_key(Side side, double cm) { return std::string(to_string(side)) + "_" + format_exact(cm); }

/// Per side, the newest earlier session in this protocol with a value on that side.
const PointValues* last_values(const std::vector<Session>& earlier, Side side) {
    for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
        const auto& v = side == Side::left ? it->left_mm : it->right_mm;
        if (!v.empty()) return &v;
    }
    return nullptr;
}

// The protocol the form shows: the one asked for (a query or the posted form), else the client's
// usual one; an unknown name falls back to the usual one rather than failing the page.
Protocol form_protocol(const Store& db, const Client& client, const std::string& asked) {
    try {
        return actions::protocol_for_new_session(db, client, asked.empty() ? std::nullopt : std::optional(asked));
    } catch (const UserError&) {
        return actions::protocol_for_new_session(db, client);
    }
}

// The posted form as a new session: one field per point and side (left_<cm>), every other field
// named as in the API (apply_session_field; an empty one is not given), the skin flags from their
// boxes. UserError naming the field.
actions::NewSession read_form(FormState& st, const Protocol& protocol, const Client& client) {
    actions::NewSession input;
    input.protocol = protocol.name;
    auto& s = input.values;
    if (const auto& at = st.values["recorded_at"]; !at.empty()) input.at = parse_local_datetime(at, "recorded_at");
    for (Side side : {Side::left, Side::right}) {
        PointValues values;
        for (double cm : protocol.positions_cm) {
            auto key = point_key(side, cm);
            auto text = detail::trim(st.values[key]);
            values.emplace_back(text.empty() ? std::nullopt
                                             : std::optional(parse_circumference_mm(text, client.unit, key)));
        }
        (side == Side::left ? s.left_mm : s.right_mm) = std::move(values);
    }
    for (const auto& [key, value] : st.values)
        if (!value.empty() && key != "skin") apply_session_field(s, key, value);
    std::string skin;
    for (auto f : all_skin_flags)
        if (!st.values["skin_" + std::string(to_string(f))].empty())
            skin += (skin.empty() ? "" : ",") + std::string(to_string(f));
    if (!skin.empty()) apply_session_field(s, "skin", skin);
    input.confirm = !st.values["confirm"].empty();
    return input;
}

// Values the plausibility check doubts ("left point 5"): each such input is marked like an error.
void mark_doubtful(FormState& st, const Protocol& protocol, std::vector<Implausible> found) {
    st.implausible = std::move(found);
    for (const auto& f : st.implausible)
        for (Side side : {Side::left, Side::right})
            for (std::size_t i = 0; i < protocol.point_count(); ++i)
                if (f.field == std::string(to_string(side)) + " point " + std::to_string(i + 1))
                    st.flagged.insert(point_key(side, protocol.positions_cm[i]));
    st.error = "Some values look like a mistake. Check them; if they are right, tick the box below and save again.";
}

// One fieldset per side: an input per point, with last time's value beside it.
void point_fields(Html& b, FormWriter& w, const Client& client, const Protocol& protocol,
                  const std::vector<Session>& earlier, display::DecimalMark mark) {
    point_guide(b, protocol);  // where each point is, folded above them (beside them on a wide screen)
    for (Side side : {Side::left, Side::right}) {
        const auto* last = last_values(earlier, side);
        b.open("fieldset", {{"class", "points"}})
            .el("legend",
                display::limb_name(side, client.limb) + (client.affected_side() == side ? " (affected)" : ""));
        for (std::size_t i = 0; i < protocol.point_count(); ++i) {
            const double cm = protocol.positions_cm[i];
            auto key = point_key(side, cm);
            std::string hint =
                last && i < last->size() && (*last)[i]
                    ? "last " + display::with_decimal_mark(display::length(*(*last)[i], client.unit), mark)
                    : "";
            b.open("div", {{"class", "point"}})
                .el("label", {{"for", key}}, format_exact(cm) + " cm")
                .leaf("input", {{"id", key},
                                {"name", key},
                                {"type", "text"},
                                {"inputmode", "decimal"},
                                {"autocomplete", "off"},
                                {"value", w.value(key)},
                                {"aria-invalid", w.invalid(key) ? "true" : "false"},
                                {"aria-describedby", w.described_by(key + "-last", key)}})
                .el("span", {{"class", "last muted"}, {"id", key + "-last"}}, hint)
                .close("div");
        }
        b.close("fieldset");
    }
}

// The therapist's findings and what was done: her part of the form.
constexpr std::string_view findings_keys[] = {"context",     "pitting",   "stemmer",  "isl_stage",
                                              "mld_minutes", "bandaging", "exercise", "by"};

// Symptoms, skin, compression, weight, notes and time; for a therapist (`clinical`) then her
// findings, folded. A client's form carries findings already recorded unseen, so that correcting a
// session never drops them.
void other_fields(Html& b, FormWriter& w, LimbKind limb, bool clinical) {
    auto label = [&](std::string_view key) { return display::field_label(key, limb); };
    b.open("fieldset").el("legend", "How the limb feels").el("p", {{"class", "muted"}}, "0 = not at all, 10 = worst");
    w.number("heaviness", label("heaviness"), limits::heaviness);
    w.number("tightness", label("tightness"), limits::tightness);
    w.number("pain", label("pain"), limits::pain);
    w.number("swelling", label("swelling"), limits::swelling);
    b.close("fieldset");
    b.open("fieldset").el("legend", label("skin"));
    for (auto f : all_skin_flags) {
        std::string words(skin_words(f));
        words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
        // The therapist also reads the clinical term: "Hard skin (fibrosis)".
        if (clinical && skin_words(f).find(to_string(f)) == std::string_view::npos)
            words += " (" + std::string(to_string(f)) + ")";
        w.check("skin_" + std::string(to_string(f)), words);
    }
    w.text("skin_note", label("skin_note"));
    b.close("fieldset");
    b.open("fieldset").el("legend", "Compression, weight and notes");
    w.choice("compression", label("compression"), names_of<CompressionKind>());
    w.number("garment_class", label("garment_class"), limits::garment_class,
             clinical ? std::string_view{} : "1-4, as on the garment's label");
    w.number("weight", label("weight"), limits::weight_kg);
    w.text("note", label("note"), true);
    w.text("recorded_at", "When (empty = now)");
    b.el("p", {{"class", "muted small"}}, "Another time: YYYY-MM-DDTHH:MM, e.g. 2025-03-01T08:30");
    b.close("fieldset");
    if (!clinical) {
        for (auto key : findings_keys)
            if (auto v = w.value(std::string(key)); !v.empty())
                b.leaf("input", {{"type", "hidden"}, {"name", std::string(key)}, {"value", v}});
        return;
    }
    b.open("details", {{"class", "findings"}}).el("summary", "Therapist's findings and treatment");
    w.choice("context", label("context"), names_of<SessionContext>());
    w.number("pitting", label("pitting"), limits::pitting_grade);
    w.choice("stemmer", label("stemmer"), names_of<StemmerSign>());
    w.number("isl_stage", label("isl_stage"), limits::isl_stage);
    w.number("mld_minutes", label("mld_minutes"), limits::mld_minutes);
    w.check("bandaging", label("bandaging"));
    w.check("exercise", label("exercise"));
    w.text("by", label("by"));
    b.close("details");
}

// Shown by app.js when it fills the form from this tab's draft: what she typed before her sign-in
// ended (or she left the page) and did not save.
void draft_note(Html& b) {
    b.open("div", {{"class", "message ok"}, {"role", "status"}, {"id", "draft-note"}, {"hidden", "hidden"}})
        .el("p", "What you typed here before is back: it was not saved yet. Check it and save.")
        .el("button", {{"type", "button"}, {"class", "secondary"}, {"id", "draft-clear"}}, "Start again")
        .close("div");
}

// The end of a session form: the box that keeps doubted values (once some were), the button, Cancel.
void form_end(Html& b, FormWriter& w, const FormState& st, const Client& client, std::string_view button) {
    if (!st.implausible.empty()) w.check("confirm", "These values are right: keep them");
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}}, button)
        .el("a", {{"href", client_path(client.name, "")}, {"class", "button secondary cancel"}}, "Cancel")
        .close("p")
        .close("form");
}

// A stored session as the form shows it, for a correction: the inverse of read_form.
Form form_values(const Session& s, const Client& client, const Protocol& protocol) {
    Form f;
    for (Side side : {Side::left, Side::right}) {
        const auto& values = s.side_mm(side);
        for (std::size_t i = 0; i < protocol.point_count() && i < values.size(); ++i)
            if (values[i]) f[point_key(side, protocol.positions_cm[i])] = display::length(*values[i], client.unit);
    }
    const auto& y = s.symptoms;
    auto number = [&](const char* key, const auto& v) {
        if (v) f[key] = format_exact(static_cast<double>(*v));
    };
    number("heaviness", y.heaviness);
    number("tightness", y.tightness);
    number("pain", y.pain);
    number("swelling", y.swelling);
    number("pitting", y.pitting_grade);
    number("isl_stage", y.isl_stage);
    number("weight", s.weight_kg);
    number("garment_class", s.compression.ral_class);
    number("mld_minutes", s.treatment.mld_minutes);
    for (auto flag : all_skin_flags)
        if (s.skin.has(flag)) f["skin_" + std::string(to_string(flag))] = "on";
    f["skin_note"] = s.skin_note;
    f["note"] = s.notes;
    if (s.compression.worn_known) f["compression"] = to_string(s.compression.kind);
    f["context"] = to_string(s.context);
    f["stemmer"] = to_string(y.stemmer);
    if (s.treatment.bandaging) f["bandaging"] = "on";
    if (s.treatment.exercise) f["exercise"] = "on";
    if (s.recorded_by != "self") f["by"] = s.recorded_by;
    f["recorded_at"] = format_datetime(s.recorded_at);
    return f;
}

// The form's one-time token as sent ("" when absent or not one of ours: 43 URL-safe characters).
std::string form_token(const std::map<std::string, std::string>& values) {
    auto it = values.find("form_token");
    if (it == values.end() || it->second.size() != 43 ||
        !std::all_of(it->second.begin(), it->second.end(),
                     [](unsigned char ch) { return std::isalnum(ch) || ch == '-' || ch == '_'; }))
        return {};
    return it->second;
}

}  // namespace

// The session form's POST, with the photo sent with it: true when it was saved (answered with a 303);
// otherwise `st` says why not.
bool WebApp::save_logged(Call& c, const Client& client, FormState& st, const Protocol& protocol) {
    try {
        // A photo sent with the session is checked and taken in first: a bad one stores neither.
        std::optional<actions::PreparedPhoto> photo;
        try {
            if (auto sent = photo_sent(c)) photo = actions::prepare_photo(client, *sent);
        } catch (const UserError& e) {
            st.error_field = photo_field(e);
            throw;
        }
        auto result = record(c, client, read_form(st, protocol, client), form_token(st.values));
        if (const auto* done = std::get_if<actions::Outcome>(&result)) {
            // Taken with the session: its time, so that it is that session's.
            if (photo && !done->repeated) {
                actions::keep_photo(store(), *photo, actor(c), done->session.recorded_at);
                ++generation_;
            }
            c.res.status = 303;
            c.res.set_header("Location", client_path(client.name, "") + "?saved=" + std::to_string(done->session.id) +
                                             (done->repeated ? "&again=1" : ""));
            return true;
        }
        mark_doubtful(st, protocol, std::get<actions::Doubtful>(result).found);
        if (photo) st.error += " Choose the photo again before you send the form.";
    } catch (const UserError& e) {
        st.error = error_text(e, client.limb);
        if (st.error_field != "photo" && st.error_field != "photo_site") st.error_field = e.field();
        if (photo_sent(c)) st.error += " Choose the photo again before you send the form.";
    }
    return false;
}

void WebApp::page_log(Call& c, const Client& client) {
    auto& db = store();
    FormState st;
    const bool posted = c.req.method == "POST";
    if (posted)
        st.values = c.form;
    else if (auto p = query_value(c.req.target, "protocol"))
        st.values["protocol"] = *p;
    const auto protocol = form_protocol(db, client, st.values["protocol"]);
    st.values["protocol"] = protocol.name;
    if (posted && save_logged(c, client, st, protocol)) return;

    Html b;
    b.el("h1", "Log a session: " + client.name);
    b.el("p", {{"class", "muted"}},
         "Circumferences in " + std::string(to_string(client.unit)) + " with " + protocol.name + " (" +
             std::to_string(protocol.point_count()) + " points per side, measured from the " +
             std::string(landmark(protocol.limb)) +
             "). Leave a point empty if you did not measure it. A comma or a dot both work.");
    error_box(b, st);
    draft_note(b);
    FormWriter w(b, st);
    // With her consent the form also sends a photo, and so is multipart.
    b.open("form", {{"method", "post"},
                    {"action", client_path(client.name, "log")},
                    {"class", "log"},
                    {"data-draft", "on"},
                    {"enctype", client.photo_consent ? "multipart/form-data" : "application/x-www-form-urlencoded"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}})
        .leaf("input", {{"type", "hidden"}, {"name", "protocol"}, {"value", protocol.name}});
    // One token per form shown (kept when the form comes back with an error): Save, Back, Save
    // sends it twice and stores one session.
    auto token = form_token(st.values);
    b.leaf("input", {{"type", "hidden"}, {"name", "form_token"}, {"value", token.empty() ? random_token() : token}});
    point_fields(b, w, client, protocol, db.previous_sessions(client.id, protocol.name, now_local()),
                 display::decimal_mark(c.req.get_header_value("Accept-Language")));
    other_fields(b, w, client.limb, c.who->role == Role::therapist);
    if (client.photo_consent) photo_fields(b, st, db.photos(client.id), c.who->role == Role::client, true);
    form_end(b, w, st, client, "Save the session");
    reply_page(c, st.error.empty() ? 200 : 422, "Log a session", b);
}

void WebApp::page_edit(Call& c, const Client& client) {
    auto old = session_to_change(c, client);
    if (!old) return;
    auto& db = store();
    const auto protocol = db.get_protocol(old->protocol);
    const auto shown = form_values(*old, client, protocol);
    FormState st;
    const bool posted = c.req.method == "POST";
    st.values = posted ? c.form : shown;
    const auto path = client_path(client.name, "sessions/" + std::to_string(old->id) + "/edit");
    if (posted) {
        try {
            auto input = read_form(st, protocol, client);
            actions::Correction fix{*old, std::move(input.values), st.values["reason"], input.confirm};
            fix.corrected.protocol = old->protocol;
            fix.corrected.recorded_at = input.at ? *input.at : old->recorded_at;
            // A point left as shown keeps its stored value (the form rounds to what is typed).
            for (Side side : {Side::left, Side::right})
                for (std::size_t i = 0; i < protocol.point_count(); ++i) {
                    const auto key = point_key(side, protocol.positions_cm[i]);
                    auto was = shown.find(key);
                    auto& now = side == Side::left ? fix.corrected.left_mm : fix.corrected.right_mm;
                    if (was != shown.end() && st.values[key] == was->second && i < now.size())
                        now[i] = old->side_mm(side)[i];
                }
            auto result = correct(c, client, std::move(fix));
            if (std::holds_alternative<actions::Corrected>(result)) {
                c.res.status = 303;
                c.res.set_header("Location", client_path(client.name, "") + "?corrected=" + std::to_string(old->id));
                return;
            }
            mark_doubtful(st, protocol, std::get<actions::Doubtful>(result).found);
        } catch (const UserError& e) {
            st.error = error_text(e, client.limb);
            st.error_field = e.field();
        }
    }
    Html b;
    b.el("h1", "Correct the session of " + display::minute(old->recorded_at));
    b.el("p", {{"class", "muted"}},
         "Change what was typed wrong and say why. The old values are kept, with your reason, in the record of "
         "changes.");
    error_box(b, st);
    draft_note(b);
    FormWriter w(b, st);
    b.open("form", {{"method", "post"}, {"action", path}, {"class", "log"}, {"data-draft", "on"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    point_fields(b, w, client, protocol, db.previous_sessions(client.id, protocol.name, old->recorded_at),
                 display::decimal_mark(c.req.get_header_value("Accept-Language")));
    other_fields(b, w, client.limb, c.who->role == Role::therapist);
    b.open("fieldset").el("legend", "Why the change");
    w.text("reason", "Reason (kept with the old values)", true);
    b.close("fieldset");
    form_end(b, w, st, client, "Save the correction");
    reply_page(c, st.error.empty() ? 200 : 422, "Correct a session", b);
}

void WebApp::page_delete(Call& c, const Client& client) {
    auto old = session_to_change(c, client);
    if (!old) return;
    FormState st;
    if (c.req.method == "POST") {
        st.values = c.form;
        try {
            actions::delete_session(store(), client, *old, st.values["reason"], actor(c));
            ++generation_;
            c.res.status = 303;
            c.res.set_header("Location", client_path(client.name, "") +
                                             "?deleted=" + percent_encode(display::minute(old->recorded_at)));
            return;
        } catch (const UserError& e) {
            st.error = error_text(e, client.limb);
            st.error_field = e.field();
        }
    }
    Html b;
    b.el("h1", "Delete the session of " + display::minute(old->recorded_at) + "?");
    b.el("p",
         "It leaves the charts and the figures. Its values are kept, with your reason, in the record of changes, "
         "from where your therapist can bring it back.");
    error_box(b, st);
    FormWriter w(b, st);
    b.open("form", {{"method", "post"},
                    {"action", client_path(client.name, "sessions/" + std::to_string(old->id) + "/delete")},
                    {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    w.text("reason", "Why delete it (e.g. saved twice)", true);
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}, {"class", "danger"}}, "Delete the session")
        .el("a", {{"href", client_path(client.name, "")}, {"class", "button secondary"}}, "Keep it")
        .close("p")
        .close("form");
    reply_page(c, st.error.empty() ? 200 : 422, "Delete a session", b);
}

// Moving a protocol's baseline to this session (the therapist's): a page that says which session is
// the baseline now and asks why, then every later figure is compared with this one.
void WebApp::page_baseline(Call& c, const Client& client) {
    auto chosen = session_to_change(c, client);
    if (!chosen) return;
    FormState st;
    if (c.req.method == "POST") {
        st.values = c.form;
        try {
            actions::move_baseline(store(), client, *chosen, st.values["reason"], actor(c));
            ++generation_;
            c.res.status = 303;
            c.res.set_header("Location",
                             client_path(client.name, "") + "?baseline=" + std::to_string(chosen->id) + "#baseline");
            return;
        } catch (const UserError& e) {
            st.error = error_text(e, client.limb);
            st.error_field = e.field();
        }
    }
    const auto when = display::minute(chosen->recorded_at);
    Html b;
    b.el("h1", "Make the session of " + when + " the baseline?");
    std::string now = "No session of " + chosen->protocol + " is the baseline yet.";
    for (const auto& pin : store().baselines(client.id))
        if (auto pinned = pin.protocol == chosen->protocol ? store().session_by_id(pin.session_id) : std::nullopt)
            now = "The baseline of " + chosen->protocol + " is the session of " + display::minute(pinned->recorded_at) +
                  (pin.reason.empty() ? "" : " (" + pin.reason + ")") + ".";
    b.el("p", now + " Every later session of " + chosen->protocol +
                  " will be compared with this one instead; the move and your reason go into the record of changes.");
    error_box(b, st);
    FormWriter w(b, st);
    b.open("form", {{"method", "post"},
                    {"action", client_path(client.name, "sessions/" + std::to_string(chosen->id) + "/baseline")},
                    {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    w.text("reason", "Why this session (e.g. the first ones were over a bandage)", true);
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}}, "Make it the baseline")
        .el("a", {{"href", client_path(client.name, "") + "#baseline"}, {"class", "button secondary"}},
            "Keep the baseline")
        .close("p")
        .close("form");
    reply_page(c, st.error.empty() ? 200 : 422, "Move the baseline", b);
}

// Bringing back a deleted session (the therapist's): from its deletion in the record of changes,
// with a reason; the same path `session restore` takes.
void WebApp::page_restore(Call& c, const Client& client) {
    const std::string id = c.path.back();
    std::optional<AuditEntry> deletion;
    for (const auto& e : store().audit_trail(client.id))
        if (e.action == "session.delete" && std::to_string(e.id) == id) deletion = e;
    if (!deletion) {
        c.res.status = 404;
        return c.res.set_content("No such deleted session of " + client.name + "\n", "text/plain; charset=utf-8");
    }
    const auto when = display::minute(parse_datetime(deletion->subject));
    FormState st;
    if (c.req.method == "POST") {
        st.values = c.form;
        try {
            auto back = actions::restore_session(store(), client, *deletion, st.values["reason"], actor(c));
            ++generation_;
            c.res.status = 303;
            c.res.set_header("Location", client_path(client.name, "") + "?restored=" + std::to_string(back.session.id));
            return;
        } catch (const UserError& e) {
            st.error = error_text(e, client.limb);
            st.error_field = e.field();
        }
    }
    Html b;
    b.el("h1", "Restore the session of " + when + "?");
    b.el("p", "It was deleted (" + (deletion->reason.empty() ? std::string("no reason given") : deletion->reason) +
                  ") by " + deletion->actor +
                  ". Restored, it is in the charts and the figures again, with the values "
                  "it had; your reason goes into the record of changes.");
    error_box(b, st);
    FormWriter w(b, st);
    b.open("form", {{"method", "post"}, {"action", client_path(client.name, "restore/" + id)}, {"class", "log"}})
        .leaf("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", c.who->csrf}});
    w.text("reason", "Why bring it back (e.g. deleted by mistake)", true);
    b.open("p", {{"class", "actions"}})
        .el("button", {{"type", "submit"}}, "Restore the session")
        .el("a", {{"href", client_path(client.name, "") + "#corrections"}, {"class", "button secondary"}},
            "Leave it deleted")
        .close("p")
        .close("form");
    reply_page(c, st.error.empty() ? 200 : 422, "Restore a session", b);
}

}  // namespace swelltrack::web
