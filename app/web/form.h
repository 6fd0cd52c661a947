#pragma once
// What the web's forms share: the values a form was posted with and what went wrong, written back
// into its fields (labelled, hinted, marked invalid for assistive technology), and the error box
// above it. The session form, the correction and confirm pages and the client's details use it.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "html.h"
#include "swelltrack/limits.h"
#include "swelltrack/plausibility.h"
#include "swelltrack/units.h"

namespace swelltrack::web {

using Form = std::map<std::string, std::string>;

template <class E>
std::vector<std::string> names_of() {
    std::vector<std::string> out;
    std::set<E> seen;
    for (const auto& n : enum_table(E{}).names)
        if (!n.name.empty() && seen.insert(n.value).second) out.emplace_back(n.name);
    return out;
}

/// What the form was filled with, and what went wrong, to show it again.
struct FormState {
    Form values;
    std::string error, error_field;
    std::vector<Implausible> implausible;
    std::set<std::string> flagged;  // the points' inputs the implausible values were typed in
};

class FormWriter {
   public:
    FormWriter(Html& b, const FormState& st) : b_(b), st_(st) {}
    std::string value(const std::string& key) const {
        auto it = st_.values.find(key);
        return it == st_.values.end() ? "" : it->second;
    }
    bool invalid(const std::string& key) const {
        return (!st_.error_field.empty() && st_.error_field == key) || st_.flagged.count(key) > 0;
    }
    /// The hint, and for a field in error the error message too (read out with the field).
    std::string described_by(const std::string& hint_id, const std::string& key) const {
        return invalid(key) ? hint_id + " form-error" : hint_id;
    }
    void number(const std::string& key, std::string_view label, const Limit& limit, std::string_view hint = {}) {
        b_.open("div", {{"class", "field"}}).el("label", {{"for", key}}, label);
        b_.leaf("input", {{"id", key},
                          {"name", key},
                          {"type", "text"},
                          {"inputmode", limit.whole ? "numeric" : "decimal"},
                          {"value", value(key)},
                          {"aria-invalid", invalid(key) ? "true" : "false"},
                          {"aria-describedby", described_by(key + "-hint", key)}});
        b_.el("span", {{"class", "hint muted"}, {"id", key + "-hint"}},
              std::string(hint.empty() ? range_text(limit) : std::string(hint)));
        b_.close("div");
    }
    /// A day (YYYY-MM-DD; a browser shows its date picker).
    void date(const std::string& key, std::string_view label, std::string_view hint) {
        b_.open("div", {{"class", "field"}}).el("label", {{"for", key}}, label);
        b_.leaf("input", {{"id", key},
                          {"name", key},
                          {"type", "date"},
                          {"value", value(key)},
                          {"aria-invalid", invalid(key) ? "true" : "false"},
                          {"aria-describedby", described_by(key + "-hint", key)}});
        b_.el("span", {{"class", "hint muted"}, {"id", key + "-hint"}}, hint).close("div");
    }
    void text(const std::string& key, std::string_view label, bool multiline = false) {
        b_.open("div", {{"class", "field"}}).el("label", {{"for", key}}, label);
        if (multiline)
            b_.el("textarea", {{"id", key}, {"name", key}, {"rows", "3"}}, value(key));
        else
            b_.leaf("input", {{"id", key}, {"name", key}, {"type", "text"}, {"value", value(key)}});
        b_.close("div");
    }
    /// A select of `options`; with `optional`, "(not recorded)" first.
    void choice(const std::string& key, std::string_view label, const std::vector<std::string>& options,
                bool optional = true) {
        b_.open("div", {{"class", "field"}}).el("label", {{"for", key}}, label);
        b_.open("select", {{"id", key}, {"name", key}});
        if (optional) b_.el("option", {{"value", ""}}, "(not recorded)");
        for (const auto& o : options) {
            if (value(key) == o)
                b_.el("option", {{"value", o}, {"selected", "selected"}}, o);
            else
                b_.el("option", {{"value", o}}, o);
        }
        b_.close("select").close("div");
    }
    void check(const std::string& key, std::string_view label) {
        b_.open("div", {{"class", "check"}});
        if (value(key).empty())
            b_.leaf("input", {{"id", key}, {"name", key}, {"type", "checkbox"}, {"value", "on"}});
        else
            b_.leaf("input",
                    {{"id", key}, {"name", key}, {"type", "checkbox"}, {"value", "on"}, {"checked", "checked"}});
        b_.el("label", {{"for", key}}, label).close("div");
    }

   private:
    Html& b_;
    const FormState& st_;
};

// The error box above the form, with each doubtful value listed.
inline void error_box(Html& b, const FormState& st) {
    if (st.error.empty()) return;
    b.open("div", {{"class", "message error"}, {"role", "alert"}, {"id", "form-error"}}).el("p", st.error);
    if (!st.implausible.empty()) {
        b.open("ul");
        for (const auto& f : st.implausible) b.el("li", f.message);
        b.close("ul");
    }
    b.close("div");
}

}  // namespace swelltrack::web
