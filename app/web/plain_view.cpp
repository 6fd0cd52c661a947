#include "plain_view.h"

#include <cmath>

#include "pages.h"
#include "swelltrack/display.h"
#include "swelltrack/limits.h"

namespace swelltrack::web {

namespace {

std::string lower(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

// "left arm"
std::string limb(const Client& c, Side side) { return lower(display::limb_name(side, c.limb)); }
std::string limbs(const Client& c) { return std::string(to_string(c.limb)) + "s"; }

// What she is told first: the limb her page is about.
std::string subject(const Client& c) {
    return c.bilateral() ? "your " + limbs(c) : "your " + limb(c, *c.affected_side());
}

// "108 mL more than", "5 mL less than", "the same as": a volume against another, the difference
// rounded to whole mL as every face rounds it (display::ml), not a difference of rounded volumes.
std::string compared_to(double now_ml, double then_ml, std::string_view more = " more than",
                        std::string_view less = " less than") {
    const double d = now_ml - then_ml;
    if (display::ml(std::abs(d)) == "0") return "the same as";
    return display::ml_unit(std::abs(d)) + std::string(d > 0 ? more : less);
}

// A change in percent as words: "grown by 5.6%", "shrunk by 2.1%", "not changed".
std::string grown(double pct) {
    if (display::pct(pct) == "0.0%") return "not changed";
    return (pct > 0 ? "grown by " : "shrunk by ") + display::pct(std::abs(pct)).substr(1);
}

bool has_alert(const ClientStatus& st, AlertCode code) {
    for (const auto& a : st.alerts)
        if (a.code == code) return true;
    return false;
}

// The badge's sentence.
std::string headline(const History& h, const ClientStatus& st) {
    const auto& c = h.client;
    auto you = subject(c);
    you[0] = 'Y';
    if (has_alert(st, AlertCode::infection_signs))
        return "You noted redness and warmth of the skin: together they can be a sign of infection. Contact your "
               "therapist or doctor today.";
    if (st.attention == Attention::act_now)
        return you + (c.bilateral() ? " have" : " has") +
               " grown clearly since the start. Please tell your therapist soon.";
    if (st.attention == Attention::watch)
        return you + (c.bilateral() ? " are" : " is") +
               " a little larger than at the start. Your therapist keeps an eye on this; keep measuring as usual.";
    if (!st.change_pct) return "There is nothing to compare with the start yet.";
    if (std::abs(*st.change_pct) < smallest_real_difference_pct)
        return you + (c.bilateral() ? " are" : " is") + " about the same as at the start.";
    if (*st.change_pct < 0) return you + (c.bilateral() ? " are" : " is") + " smaller than at the start.";
    return you + (c.bilateral() ? " are" : " is") +
           " a little larger than at the start, less than your therapist watches for.";
}

// Each limb against the start, then against the other side.
void comparisons(Html& b, const History& h, std::size_t now, std::size_t start, const Protocol& protocol) {
    const auto& c = h.client;
    const auto& f = h.figures[now];
    const auto& f0 = h.figures[start];
    const auto when = display::day(h.sessions[now].recorded_at);
    const auto then = display::day(h.sessions[start].recorded_at);
    b.open("ul", {{"class", "plain"}});
    for (Side side : {Side::left, Side::right}) {
        auto v = f.volume_ml(side), v0 = f0.volume_ml(side);
        if (!v || !v0) continue;
        std::string who = display::limb_name(side, c.limb);
        if (!c.bilateral()) who += c.affected_side() == side ? " (the one that swells)" : " (the other one)";
        b.el("li", who + ": " + display::ml_unit(*v) + " on " + when + ", " + compared_to(*v, *v0) + " at the start (" +
                       display::ml_unit(*v0) + " on " + then + ").");
    }
    if (f.rvc_pct) {
        const Side a = *c.affected_side();
        const Side u = a == Side::left ? Side::right : Side::left;
        b.el("li", "Taking the change in your " + limb(c, u) + " into account, your " + limb(c, a) + " has " +
                       grown(*f.rvc_pct) + " since the start.");
    }
    for (const auto& [side, pct] : f.wac_pct)
        b.el("li", "Allowing for your body weight, your " + limb(c, side) + " has " + grown(pct) + " since the start.");
    if (c.bilateral() && f.wac_pct.empty())
        b.el("li", "To compare your " + limbs(c) + " with the start, each session needs your body weight.");
    if (f.diff_ml && !c.bilateral()) {
        const Side a = *c.affected_side();
        b.el("li", "Your " + limb(c, a) + " is " +
                       compared_to(*f.volume_ml(a), *f.volume_ml(a == Side::left ? Side::right : Side::left),
                                   " larger than", " smaller than") +
                       " your other " + std::string(to_string(c.limb)) + ".");
    }
    if (f.max_point_diff && f.max_point_diff->point_index < protocol.positions_cm.size()) {
        const auto& d = *f.max_point_diff;
        const double mm = std::abs(d.difference_cm) * 10;
        const Side larger = d.difference_cm >= 0 ? Side::left : Side::right;
        b.el("li", "Where your " + limbs(c) + " differ most, " + format_exact(protocol.positions_cm[d.point_index]) +
                       " cm from the " + std::string(landmark(c.limb)) + ", the " +
                       lower(std::string(to_string(larger))) + " is " + display::length_unit(mm, c.unit) + " larger.");
    }
    b.close("ul");
}

}  // namespace

void plain_overview(Html& b, const History& h, const ClientStatus& st, const Protocol& protocol) {
    const auto& c = h.client;
    b.open("section", {{"class", "attention"}, {"aria-labelledby", "attention-h"}})
        .el("h2", {{"id", "attention-h"}}, "How " + subject(c) + (c.bilateral() ? " are" : " is") + " doing")
        .open("p");
    attention_badge(b, st.attention).text(" " + headline(h, st)).close("p");
    if (h.current && h.baseline && h.comparable(*h.current)) {
        comparisons(b, h, *h.current, *h.baseline, protocol);
    } else {
        b.el("p", "To compare with the start, a session needs every point of both " + limbs(c) + " measured" +
                      (c.bilateral() ? ", and your body weight." : "."));
    }
    const auto& t = h.thresholds;
    b.el("p", "Your therapist watches for growth of " + display::fixed(t.change_watch_pct, 0) +
                  "% or more since the start, and wants to see you at " + display::fixed(t.change_range_pct, 0) +
                  "% or more. One session can be off by a few percent, so it takes more than one.");
    std::string sessions = h.sessions.size() == 1 ? "1 session" : std::to_string(h.sessions.size()) + " sessions";
    std::string schedule = "You have logged " + sessions;
    if (st.days_since_last)
        schedule += *st.days_since_last == 0   ? ", the last today"
                    : *st.days_since_last == 1 ? ", the last yesterday"
                                               : ", the last " + std::to_string(*st.days_since_last) + " days ago";
    if (c.every_days) schedule += ". Your therapist asks you to measure " + schedule_text(c.every_days);
    b.el("p", schedule + ".");
    if (st.overdue) b.el("p", {{"class", "badge overdue"}}, "A measurement is due");
    b.close("section");
}

void plain_meaning(Html& b) {
    b.open("details", {{"class", "meaning"}})
        .el("summary", "What do the numbers mean?")
        .el("p",
            "The volume of each limb is worked out from your tape measurements, as if the limb were a stack of "
            "short slices. It is an estimate, good for comparing you with yourself.")
        .el("p", "Measurements taken at home vary a little each time: a change under about " +
                     display::fixed(smallest_real_difference_pct, 1) +
                     "% is usually just that. What matters is a change that stays over several sessions.")
        .el("p",
            "The start is the session everything is compared with, usually your first complete one. Your "
            "therapist can choose another.")
        .close("details");
}

std::string_view skin_words(SkinFlag flag) {
    switch (flag) {
        case SkinFlag::redness:
            return "redness";
        case SkinFlag::warmth:
            return "warm skin";
        case SkinFlag::fibrosis:
            return "hard skin";
        case SkinFlag::dryness:
            return "dry skin";
        case SkinFlag::wound:
            return "a wound";
        case SkinFlag::lymphorrhea:
            return "fluid leaking from the skin";
        case SkinFlag::rash:
            return "a rash";
        case SkinFlag::fever:
            return "fever";
    }
    return {};
}

std::string entered_text(const Session& s, bool clinical) {
    std::vector<std::string> parts;
    std::string feel;
    for (auto [name, v] : {std::pair{"Heaviness ", s.symptoms.heaviness}, std::pair{"tightness ", s.symptoms.tightness},
                           std::pair{"pain ", s.symptoms.pain}, std::pair{"swelling ", s.symptoms.swelling}})
        if (v) feel += (feel.empty() ? "" : ", ") + std::string(name) + std::to_string(*v);
    if (!feel.empty()) {
        feel[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(feel[0])));
        parts.push_back(feel + " (0-10)");
    }
    std::string skin;
    for (auto flag : all_skin_flags)
        if (s.skin.has(flag)) skin += (skin.empty() ? "skin: " : ", ") + std::string(skin_words(flag));
    if (!skin.empty()) parts.push_back(skin);
    if (clinical) {
        if (auto f = display::findings(s); !f.empty()) parts.push_back(f);
    } else if (s.compression.kind == CompressionKind::garment) {
        parts.push_back(
            "wore a compression garment" +
            (s.compression.ral_class ? " (class " + display::roman(*s.compression.ral_class) + ")" : std::string()));
    } else if (s.compression.kind == CompressionKind::bandage) {
        parts.push_back("wore a bandage");
    } else if (s.compression.worn_known) {
        parts.push_back("no compression worn");
    }
    if (s.weight_kg) parts.push_back("weight " + display::fixed(*s.weight_kg, 1) + " kg");
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

}  // namespace swelltrack::web
