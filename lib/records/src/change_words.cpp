#include "swelltrack/change_words.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "swelltrack/client.h"
#include "swelltrack/datetime.h"
#include "swelltrack/display.h"

namespace swelltrack::records {
namespace {

using Json = nlohmann::ordered_json;

Json parsed(const std::string& text) {
    if (text.empty()) return nullptr;
    auto j = Json::parse(text, nullptr, false);
    return j.is_discarded() ? Json(text) : j;  // an entry written by hand, or older: shown as it is
}

// A session's (or client's) time as the pages show it: "2026-11-24 09:00", local to it.
std::string minute_of(std::string_view text) {
    try {
        return display::minute(parse_datetime(text));
    } catch (const std::exception&) {
        return std::string(text);
    }
}

std::string words_of(std::string text) {
    std::replace(text.begin(), text.end(), '_', ' ');
    return text;
}

// A value as a person reads it: "not recorded", yes/no, 70.5, "redness, dryness", "the note".
std::string plain(const Json& v) {
    if (v.is_null()) return "not recorded";
    if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
    if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
    if (v.is_number()) return format_exact(std::round(v.get<double>() * 100) / 100);
    if (v.is_string()) return v.get<std::string>().empty() ? "none" : v.get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const auto& e : v) out += (out.empty() ? "" : ", ") + words_of(plain(e));
        return out.empty() ? "none" : out;
    }
    return v.dump();
}

std::string quoted(const Json& v) {
    const auto text = v.is_string() ? v.get<std::string>() : std::string();
    return text.empty() ? "none" : "\"" + text + "\"";
}

Json at(const Json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? Json(nullptr) : *it;
}

class Changes {
   public:
    Changes(const Json& before, const Json& after, const ChangeSetting& s) : before_(before), after_(after), s_(s) {}

    // "<label>: <old> -> <new>" when the value at `key` differs, each side shown by `show`.
    template <class Show>
    void field(std::string_view key, std::string_view label_key, Show show) {
        compare(at(before_, key), at(after_, key), label_key, show);
    }
    void field(std::string_view key, std::string_view label_key) { field(key, label_key, plain); }
    // The same inside a nested object: "symptoms" / "pain".
    template <class Show>
    void nested(std::string_view object, std::string_view key, std::string_view label_key, Show show) {
        compare(at(at(before_, object), key), at(at(after_, object), key), label_key, show);
    }
    void nested(std::string_view object, std::string_view key, std::string_view label_key) {
        nested(object, key, label_key, plain);
    }
    void points(Side side);
    // Every key the two objects hold that the fields above did not name (a newer version's field).
    void rest(std::initializer_list<std::string_view> named);
    void line(std::string text) { out_.push_back(std::move(text)); }

    std::vector<std::string> take() { return std::move(out_); }
    const ChangeSetting& setting() const { return s_; }

   private:
    template <class Show>
    void compare(const Json& a, const Json& b, std::string_view label_key, Show show) {
        if (a == b) return;
        auto label = display::field_label(label_key, s_.limb);
        if (label.empty()) label = words_of(std::string(label_key));
        out_.push_back(label + ": " + show(a) + " -> " + show(b));
    }

    const Json& before_;
    const Json& after_;
    const ChangeSetting& s_;
    std::vector<std::string> out_;
};

const Protocol* protocol_named(const ChangeSetting& s, const Json& name) {
    if (!name.is_string()) return nullptr;
    const auto text = name.get<std::string>();
    for (const auto& p : s.protocols)
        if (p.name == text) return &p;
    return find_builtin_protocol(text);
}

std::string length_text(const Json& mm, LengthUnit unit) {
    return mm.is_number() ? display::length(mm.get<double>(), unit) : "not measured";
}

// Each point whose value changed, "Right arm, 40 cm: 30.5 -> 30.9 cm"; under another protocol the
// whole side, as its points differ.
void Changes::points(Side side) {
    const auto key = side == Side::left ? "left_mm" : "right_mm";
    const auto a = at(before_, key), b = at(after_, key);
    if (a == b) return;
    const auto unit_name = std::string(" ") + std::string(to_string(s_.unit));
    const auto* p = protocol_named(s_, at(after_, "protocol"));
    if (at(before_, "protocol") != at(after_, "protocol") || !a.is_array() || !b.is_array() || a.size() != b.size() ||
        !p || p->point_count() != b.size()) {
        auto all = [&](const Json& v) {
            std::string out;
            if (v.is_array())
                for (const auto& x : v) out += (out.empty() ? "" : ", ") + length_text(x, s_.unit);
            return out.empty() ? std::string("none") : out;
        };
        out_.push_back(display::limb_name(side, s_.limb) + ": " + all(a) + " -> " + all(b) + unit_name);
        return;
    }
    // The unit once, after the last number: "30.5 -> 30.9 cm", "30.5 cm -> not measured".
    for (std::size_t i = 0; i < b.size(); ++i)
        if (a[i] != b[i])
            out_.push_back(display::point_name(side, s_.limb, p->positions_cm[i]) + ": " + length_text(a[i], s_.unit) +
                           (b[i].is_number() ? "" : unit_name) + " -> " + length_text(b[i], s_.unit) +
                           (b[i].is_number() ? unit_name : ""));
}

void Changes::rest(std::initializer_list<std::string_view> named) {
    auto seen = [&](const std::string& k) { return std::find(named.begin(), named.end(), k) != named.end(); };
    std::vector<std::string> keys;
    for (const auto* o : {&before_, &after_})
        if (o->is_object())
            for (const auto& [k, v] : o->items())
                if (!seen(k) && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    for (const auto& k : keys) field(k, k);
}

std::vector<std::string> session_changes(const Json& a, const Json& b, const ChangeSetting& s) {
    Changes c(a, b, s);
    c.field("recorded_at", "recorded_at",
            [](const Json& v) { return v.is_string() ? minute_of(v.get<std::string>()) : plain(v); });
    c.field("protocol", "protocol");
    c.points(Side::left);
    c.points(Side::right);
    c.field("recorded_by", "by", [](const Json& v) {
        return v.is_string() && v.get<std::string>().empty() ? std::string("self") : plain(v);
    });
    c.field("context", "context", [](const Json& v) { return words_of(plain(v)); });
    c.field("weight_kg", "weight");
    auto worn = [](const Json& compression) {
        if (!at(compression, "known").is_boolean() || !at(compression, "known").get<bool>())
            return std::string("not recorded");
        return words_of(plain(at(compression, "kind")));
    };
    const auto wa = worn(at(a, "compression")), wb = worn(at(b, "compression"));
    if (wa != wb) c.line(display::field_label("compression", s.limb) + ": " + wa + " -> " + wb);
    c.nested("compression", "class", "garment_class");
    auto pressure = [](const Json& compression) {
        const auto low = at(compression, "mmhg_low"), high = at(compression, "mmhg_high");
        if (low.is_null() && high.is_null()) return std::string("not recorded");
        return plain(low) + "-" + plain(high);
    };
    const auto pa = pressure(at(a, "compression")), pb = pressure(at(b, "compression"));
    if (pa != pb) c.line(display::field_label("mmhg", s.limb) + ": " + pa + " -> " + pb);
    c.nested("treatment", "mld_minutes", "mld_minutes");
    c.nested("treatment", "bandaging", "bandaging");
    c.nested("treatment", "exercise", "exercise");
    for (const auto* key : {"heaviness", "tightness", "pain", "swelling"}) c.nested("symptoms", key, key);
    c.nested("symptoms", "pitting_grade", "pitting");
    c.nested("symptoms", "pitting_depth_mm", "pitting_depth");
    c.nested("symptoms", "pitting_rebound_s", "pitting_rebound");
    c.nested("symptoms", "stemmer", "stemmer", [](const Json& v) { return words_of(plain(v)); });
    c.nested("symptoms", "isl_stage", "isl_stage");
    c.field("skin", "skin");
    c.field("skin_note", "skin_note", quoted);
    c.field("notes", "note", quoted);
    c.rest({"recorded_at", "protocol", "left_mm", "right_mm", "recorded_by", "context", "weight_kg", "compression",
            "treatment", "symptoms", "skin", "skin_note", "notes"});
    return c.take();
}

std::vector<std::string> client_changes(const Json& a, const Json& b, const ChangeSetting& s) {
    Changes c(a, b, s);
    c.field("name", "name");
    c.field("limb", "limb");
    c.field("affected", "affected");
    c.field("baseline", "baseline");
    c.field("unit", "unit");
    c.field("birth_year", "birth_year");
    c.field("condition", "condition", quoted);
    c.field("notes", "client_notes", quoted);
    c.field("archived", "archived");
    c.field("every_days", "every_days", [](const Json& v) {
        return schedule_text(v.is_number_integer() ? std::optional<int>(v.get<int>()) : std::nullopt);
    });
    c.field("remind_days", "remind_days", [](const Json& v) {
        if (!v.is_string()) return std::string("as the check-in schedule");
        try {
            return weekdays_text(parse_weekdays(v.get<std::string>()));
        } catch (const std::exception&) {
            return v.get<std::string>();
        }
    });
    c.field("remind_at", "remind_at",
            [](const Json& v) { return v.is_string() ? v.get<std::string>() : std::string("not set"); });
    c.rest({"name", "limb", "affected", "baseline", "unit", "birth_year", "condition", "notes", "archived",
            "every_days", "remind_days", "remind_at"});
    return c.take();
}

std::vector<std::string> settings_changes(const Json& a, const Json& b, const ChangeSetting& s) {
    std::vector<std::string> out;
    std::vector<std::string> keys;
    for (const auto* o : {&a, &b})
        if (o->is_object())
            for (const auto& [k, v] : o->items())
                if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    for (const auto& k : keys) {
        const auto x = at(a, k), y = at(b, k);
        if (x == y) continue;
        std::string label = display::field_label(k, s.limb);
        if (label.empty()) label = words_of(k);
        out.push_back(label + ": " + (x.is_null() ? std::string("default") : plain(x)) + " -> " + plain(y));
    }
    return out;
}

std::string sessions_count(const Json& n) {
    const auto count = n.is_number_integer() ? n.get<long long>() : 0;
    return std::to_string(count) + (count == 1 ? " session" : " sessions");
}

// A web login's changes: added, its password changed, removed; an invitation made, used, withdrawn.
ChangeWords login_words(std::string_view action, const std::string& login, const Json& b) {
    const auto client = at(b, "client");
    const std::string role =
        "Role: " + plain(at(b, "role")) + (client.is_string() ? " (sees " + client.get<std::string>() + ")" : "");
    if (action == "user.add") return {"Login " + login + " added", {role}};
    if (action == "user.passwd") return {"Password of login " + login + " changed", {}};
    if (action == "user.remove") return {"Login " + login + " removed", {}};
    if (action == "user.invite") {
        const auto expires = at(b, "expires_at");
        return {"Invitation for login " + login + " made" +
                    (expires.is_string() ? " (expires " + minute_of(expires.get<std::string>()) + ")" : ""),
                {role}};
    }
    if (action == "user.invite.use") return {"Invitation for login " + login + " used", {}};
    if (action == "user.invite.revoke") return {"Invitation for login " + login + " withdrawn", {}};
    return {words_of(std::string(action)) + " " + login, {}};
}

// A report link for a clinician: made (with its expiry), opened (the page or the PDF), revoked.
// The subject is who it is for, as the therapist typed it; never the token.
ChangeWords share_words(std::string_view action, const std::string& label, const Json& b) {
    const std::string link = "Report link" + (label.empty() ? std::string() : " for " + label);
    if (action == "share.make") {
        const auto expires = at(b, "expires_at");
        return {
            link + " made" + (expires.is_string() ? " (expires " + minute_of(expires.get<std::string>()) + ")" : ""),
            {}};
    }
    if (action == "share.open") {
        const auto what = at(b, "opened");
        return {link + " opened" + (what == "pdf" ? " (the PDF)" : what == "page" ? " (the page)" : ""), {}};
    }
    return {link + " revoked", {}};
}

}  // namespace

ChangeWords change_words(std::string_view action, std::string_view subject, const std::string& old_value,
                         const std::string& new_value, const ChangeSetting& setting) {
    const auto a = parsed(old_value), b = parsed(new_value);
    const std::string of_session = "Session of " + minute_of(subject);
    const std::string sub(subject);
    if (action == "session.edit") return {of_session + " corrected", session_changes(a, b, setting)};
    if (action == "session.delete") return {of_session + " deleted", {}};
    if (action == "session.add") return {of_session + " added", {}};
    if (action == "session.restore")
        return {"Deleted session of " + minute_of(plain(at(b, "first"))) + " restored", {}};
    if (action == "import") {
        std::string span = minute_of(plain(at(b, "first")));
        if (at(b, "last") != at(b, "first")) span += " to " + minute_of(plain(at(b, "last")));
        return {sessions_count(at(b, "sessions")) + " imported from " + plain(at(b, "source")) + " (" + span + ")", {}};
    }
    if (action == "baseline.pin") {
        const auto show = [](const Json& v) {
            return v.is_string() ? minute_of(v.get<std::string>()) : std::string("none");
        };
        if (a.is_null()) return {"Baseline for " + sub + " set to the session of " + show(b), {}};
        return {"Baseline for " + sub + " moved", {"Baseline session: " + show(a) + " -> " + show(b)}};
    }
    if (action == "client.add") return {"Client added", {}};
    if (action == "client.edit") return {"Client details changed", client_changes(a, b, setting)};
    if (action == "settings") return {"Settings changed", settings_changes(a, b, setting)};
    if (action == "protocol.add") {
        std::string points;
        for (const auto& cm : at(b, "points_cm")) points += (points.empty() ? "" : ", ") + plain(cm);
        return {"Protocol " + sub + " added", {"Points: " + points + " cm"}};
    }
    if (action.substr(0, 5) == "user.") return login_words(action, sub, b);
    if (action == "share.make" || action == "share.open" || action == "share.revoke")
        return share_words(action, sub, b);
    if (action == "photo.add" || action == "photo.delete" || action == "photo.restore") {
        const auto& p = action == "photo.delete" ? a : b;
        const std::string done = action == "photo.add" ? "added" : action == "photo.delete" ? "deleted" : "restored";
        return {"Photo " + plain(at(p, "id")) + " (" + sub + ") " + done, {}};
    }
    if (action == "calendar.token") return {"Calendar address made (any older one stops working)", {}};
    if (action == "calendar.revoke") return {"Calendar address revoked", {}};
    // An action this version does not know: its name, and what changed, key by key.
    ChangeWords w{words_of(std::string(action)) + (sub.empty() ? "" : " " + sub), {}};
    if (a.is_object() || b.is_object()) {
        Changes c(a, b, setting);
        c.rest({});
        w.changes = c.take();
    } else if (a != b) {
        w.changes.push_back(plain(a) + " -> " + plain(b));
    }
    return w;
}

std::string change_sentence(const ChangeWords& words, std::string_view reason, std::string_view by,
                            std::string_view when) {
    std::string out = words.headline;
    for (std::size_t i = 0; i < words.changes.size(); ++i) out += (i == 0 ? ": " : "; ") + words.changes[i];
    if (!reason.empty()) out += " (" + std::string(reason) + ")";
    if (!by.empty()) out += " - by " + std::string(by);
    if (!when.empty()) out += (by.empty() ? " - " : ", ") + std::string(when);
    return out;
}

}  // namespace swelltrack::records
