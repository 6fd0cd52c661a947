// Two sessions of a client side by side (/clients/{name}/compare?a=ID&b=ID, the therapist's): each
// point of each side with its change, each side's volume and its change, and the relative change
// (RVC, one side affected) or the weight-adjusted one (WAC, both) from the first to the second.
#include "pages.h"
#include "request.h"
#include "swelltrack/clinical.h"
#include "swelltrack/display.h"
#include "web_app.h"

namespace swelltrack::web {
namespace {

std::optional<std::size_t> session_index(const History& h, const std::optional<std::string>& id) {
    for (std::size_t i = 0; id && i < h.sessions.size(); ++i)
        if (std::to_string(h.sessions[i].id) == *id) return i;
    return std::nullopt;
}

// A GET form choosing the two sessions, newest first, the ones shown selected.
void chooser(Html& b, const History& h, std::size_t a, std::size_t z) {
    b.open("form", {{"method", "get"}, {"action", client_path(h.client.name, "compare")}, {"class", "compare"}});
    for (const auto& [key, label, chosen] :
         {std::tuple{"a", "First session", a}, std::tuple{"b", "Second session", z}}) {
        b.open("div", {{"class", "field"}}).el("label", {{"for", key}}, label);
        b.open("select", {{"id", key}, {"name", key}});
        for (std::size_t i = h.sessions.size(); i-- > 0;) {
            const auto text = display::minute_among(h.sessions, i) + " (" + h.sessions[i].protocol + ")";
            if (i == chosen)
                b.el("option", {{"value", std::to_string(h.sessions[i].id)}, {"selected", "selected"}}, text);
            else
                b.el("option", {{"value", std::to_string(h.sessions[i].id)}}, text);
        }
        b.close("select").close("div");
    }
    b.el("button", {{"type", "submit"}}, "Compare").close("form");
}

// Each point of each side: first, second, the change; the client's unit.
void points_table(Html& b, const History& h, const Session& first, const Session& second, const Protocol& p) {
    const auto unit = h.client.unit;
    b.open("table", {{"class", "summary compare"}})
        .open("thead")
        .open("tr")
        .el("th", {{"scope", "col"}}, "Point")
        .el("th", {{"scope", "col"}}, display::minute(first.recorded_at))
        .el("th", {{"scope", "col"}}, display::minute(second.recorded_at))
        .el("th", {{"scope", "col"}}, "Change")
        .close("tr")
        .close("thead")
        .open("tbody");
    auto cell = [&](const PointValues& v, std::size_t i) {
        return i < v.size() && v[i] ? display::length_unit(*v[i], unit) : std::string("not measured");
    };
    for (Side side : {Side::left, Side::right})
        for (std::size_t i = 0; i < p.point_count(); ++i) {
            const auto& x = first.side_mm(side);
            const auto& y = second.side_mm(side);
            const bool both = i < x.size() && i < y.size() && x[i] && y[i];
            b.open("tr")
                .el("th", {{"scope", "row"}}, display::point_name(side, h.client.limb, p.positions_cm[i]))
                .el("td", cell(x, i))
                .el("td", cell(y, i))
                .el("td", both ? display::signed_length_unit(*y[i] - *x[i], unit) : std::string(display::missing))
                .close("tr");
        }
    b.close("tbody").close("table");
}

// Each side's volume and its change; then RVC (one side affected) or WAC (both) between the two.
void volumes_table(Html& b, const History& h, std::size_t a, std::size_t z) {
    const auto &fa = h.figures[a], &fz = h.figures[z];
    b.open("table", {{"class", "summary compare"}})
        .open("thead")
        .open("tr")
        .el("th", {{"scope", "col"}}, "Volume")
        .el("th", {{"scope", "col"}}, display::minute(h.sessions[a].recorded_at))
        .el("th", {{"scope", "col"}}, display::minute(h.sessions[z].recorded_at))
        .el("th", {{"scope", "col"}}, "Change")
        .close("tr")
        .close("thead")
        .open("tbody");
    for (Side side : {Side::left, Side::right}) {
        std::string change(display::missing);
        if (fa.complete(side) && fz.complete(side))
            change = display::signed_ml_unit(*fz.volume_ml(side) - *fa.volume_ml(side)) + " (" +
                     display::pct(volume_change_percent(*fa.volume_ml(side), *fz.volume_ml(side))) + ")";
        b.open("tr")
            .el("th", {{"scope", "row"}}, display::limb_name(side, h.client.limb))
            .el("td", fa.complete(side) ? display::ml_unit(fa.volume_ml(side)) : "not all points measured")
            .el("td", fz.complete(side) ? display::ml_unit(fz.volume_ml(side)) : "not all points measured")
            .el("td", change)
            .close("tr");
    }
    b.close("tbody").close("table");
    const auto& c = h.client;
    std::string between;
    if (auto affected = c.affected_side(); affected && fa.both_complete() && fz.both_complete()) {
        const Side u = *affected == Side::left ? Side::right : Side::left;
        between = "Relative volume change (RVC) from the first to the second: " +
                  display::pct(relative_volume_change_percent(*fa.volume_ml(*affected), *fa.volume_ml(u),
                                                              *fz.volume_ml(*affected), *fz.volume_ml(u))) +
                  ".";
    } else if (c.bilateral()) {
        const auto &wa = h.sessions[a].weight_kg, &wz = h.sessions[z].weight_kg;
        for (Side side : {Side::left, Side::right})
            if (wa && wz && fa.complete(side) && fz.complete(side))
                between +=
                    display::limb_name(side, c.limb) + ": WAC " +
                    display::pct(weight_adjusted_change_percent(*fa.volume_ml(side), *wa, *fz.volume_ml(side), *wz)) +
                    ". ";
        if (between.empty()) between = "WAC needs the body weight at both sessions and every point of a side.";
    }
    if (!between.empty()) b.el("p", between);
}

}  // namespace

void WebApp::page_compare(Call& c, const Client& client) {
    const auto h = store().load_analyzed(client);
    if (h.sessions.size() < 2) {
        Html b;
        b.el("h1", "Compare two sessions of " + client.name).el("p", "Two sessions are needed to compare.");
        return reply_page(c, 200, "Compare sessions", b);
    }
    // Unless asked: the baseline (or the oldest) against the newest.
    const std::size_t fallback_a = h.current && !h.baselines.empty() ? h.baselines.front().index : 0;
    auto a = session_index(h, query_value(c.req.target, "a")).value_or(fallback_a);
    auto z = session_index(h, query_value(c.req.target, "b")).value_or(h.sessions.size() - 1);
    if (h.sessions[z].recorded_at < h.sessions[a].recorded_at) std::swap(a, z);  // the earlier first
    Html b;
    b.el("h1", "Compare two sessions of " + client.name);
    chooser(b, h, a, z);
    const auto& first = h.sessions[a];
    const auto& second = h.sessions[z];
    b.el("h2", "Volumes");
    volumes_table(b, h, a, z);
    b.el("h2", "Each point");
    if (first.protocol != second.protocol)
        b.el("p", "The two sessions were measured at different points (" + first.protocol + " and " + second.protocol +
                      "): only their volumes compare.");
    else
        points_table(b, h, first, second, store().get_protocol(first.protocol));
    b.open("p").el("a", {{"href", client_path(client.name, "")}}, "Back to " + client.name + "\u2019s page").close("p");
    reply_page(c, 200, "Compare sessions", b);
}

}  // namespace swelltrack::web
