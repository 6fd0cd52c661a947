// The therapist's list of clients (GET /): a table, cards on a phone; worst first or sorted by any
// column; filtered by what needs doing (act now, watch, overdue, no sessions, not measured for a
// while, archived); searched by name whatever its case, accents and spaces.
#include <algorithm>
#include <map>
#include <span>

#include "pages.h"
#include "request.h"
#include "swelltrack/display.h"
#include "swelltrack/utf8.h"
#include "web_app.h"

namespace swelltrack::web {
namespace {

/// Clients on one page of the list (about 600 bytes each).
constexpr std::size_t clients_per_page = 100;

enum class Show { all, act_now, watch, overdue, no_sessions, check_in, archived };
struct ShowWords {
    Show show;
    std::string_view key, label, none;  // ?show=key; the filter's link; the sentence when it finds no one
};
constexpr ShowWords show_words[] = {
    {Show::all, "all", "All", "No active client yet."},
    {Show::act_now, "act", "Act now", "No client needs action now."},
    {Show::watch, "watch", "Watch", "No client is on watch."},
    {Show::overdue, "overdue", "Overdue", "No client is overdue on her schedule."},
    {Show::no_sessions, "none", "No sessions", "Every client has sessions."},
    {Show::check_in, "due", "Not measured for a while", "Every client without a schedule was measured lately."},
    {Show::archived, "archived", "Archived", "No client is archived."}};

enum class SortBy { attention, name, change, last, days };
struct SortWords {
    SortBy sort;
    std::string_view key, label;
    bool ascending;  // its natural order (A-Z); the others put the largest, newest, worst first
};
constexpr SortWords sort_words[] = {{SortBy::name, "name", "Client", true},
                                    {SortBy::attention, "attention", "Attention", false},
                                    {SortBy::change, "change", "Change since baseline", false},
                                    {SortBy::last, "last", "Last session", false},
                                    {SortBy::days, "days", "Days since", false}};

template <class Words, class Key>
const Words& find_words(std::span<const Words> table, const std::optional<std::string>& asked, Key fallback) {
    for (const auto& w : table)
        if (asked && w.key == *asked) return w;
    for (const auto& w : table)
        if (w.key == fallback) return w;
    return table.front();
}

// What the page was asked for: the search, the filter, the order, the page.
struct ListQuery {
    std::string q;
    const ShowWords* show = &show_words[0];
    const SortWords* sort = &sort_words[1];
    bool reverse = false;
    std::size_t page = 1;

    static ListQuery read(std::string_view target) {
        ListQuery l;
        l.q = query_value(target, "q").value_or("");
        l.show = &find_words<ShowWords>(show_words, query_value(target, "show"), "all");
        l.sort = &find_words<SortWords>(sort_words, query_value(target, "sort"), "attention");
        l.reverse = query_value(target, "order") == "reverse";
        if (auto p = query_value(target, "page");
            p && !p->empty() && p->size() < 6 && p->find_first_not_of("0123456789") == std::string::npos)
            l.page = std::max<std::size_t>(1, std::stoul(*p));
        return l;
    }
    // This list's address with one thing changed (the page goes back to 1 unless given).
    std::string link(const ShowWords* s, const SortWords* by, bool rev, std::size_t to_page = 1) const {
        std::string out = "/?show=" + std::string(s->key) + "&sort=" + std::string(by->key);
        if (rev) out += "&order=reverse";
        if (!q.empty()) out += "&q=" + percent_encode(q);
        if (to_page > 1) out += "&page=" + std::to_string(to_page);
        return out;
    }
};

bool shown_by(Show show, const ClientStatus& st, int check_in_days) {
    switch (show) {
        case Show::all:
        case Show::archived:
            return true;
        case Show::act_now:
            return st.attention == Attention::act_now;
        case Show::watch:
            return st.attention == Attention::watch;
        case Show::overdue:
            return st.overdue;
        case Show::no_sessions:
            return !st.latest;
        case Show::check_in:
            return check_in_due(st, check_in_days);
    }
    return true;
}

// The order of a column, its natural direction first: names A-Z, the largest change, the newest
// session, the most days since; clients without the figure last either way.
void sort_rows(std::vector<const ClientStatus*>& rows, SortBy by, bool reverse) {
    auto key_less = [by](const ClientStatus* a, const ClientStatus* b) -> std::optional<bool> {
        switch (by) {
            case SortBy::attention:
                return std::nullopt;  // as ranked
            case SortBy::name:
                return search_key(a->client.name) < search_key(b->client.name);
            case SortBy::change:
                if (!a->change_pct || !b->change_pct) return std::nullopt;
                return *a->change_pct > *b->change_pct;
            case SortBy::last:
                if (!a->latest || !b->latest) return std::nullopt;
                return a->latest->recorded_at.utc > b->latest->recorded_at.utc;
            case SortBy::days:
                if (!a->days_since_last || !b->days_since_last) return std::nullopt;
                return *a->days_since_last > *b->days_since_last;
        }
        return std::nullopt;
    };
    auto has = [by](const ClientStatus* s) {
        return by == SortBy::change                       ? s->change_pct.has_value()
               : by == SortBy::last || by == SortBy::days ? s->latest.has_value()
                                                          : true;
    };
    // Clients without the figure keep their ranked order, after the others.
    std::stable_partition(rows.begin(), rows.end(), has);
    const auto with = std::partition_point(rows.begin(), rows.end(), has);
    if (by == SortBy::attention) {
        if (reverse) std::reverse(rows.begin(), with);
        return;
    }
    std::stable_sort(rows.begin(), with, [&](const ClientStatus* a, const ClientStatus* b) {
        const auto differ = key_less(a, b), back = key_less(b, a);
        if (!differ || !back || *differ == *back) return false;
        return reverse ? *back : *differ;
    });
}

// "Change since baseline", or why there is none.
std::string change_cell(const ClientStatus& st) {
    if (!st.latest) return "no sessions yet";
    if (!st.baseline_at) return "no baseline yet: needs a session with both sides measured";
    if (st.change_pct && st.figures) return display::change(st.client, *st.figures);
    if (st.client.bilateral() && st.figures && st.figures->both_complete() && st.figures->wac_pct.empty())
        return "none: WAC needs the body weight at the baseline and at the latest session";
    return std::string(display::missing);
}

void attention_cell(Html& b, const ClientStatus& st, int check_in_days) {
    b.open("div", {{"class", "badges"}});
    const bool due = check_in_due(st, check_in_days);
    // No green OK for a client never measured, or measured too long ago for it to mean much.
    if (!st.latest)
        b.el("span", {{"class", "badge none"}}, "No sessions yet");
    else if (st.attention != Attention::none || (!st.overdue && !due))
        attention_badge(b, st.attention);
    if (st.overdue) b.el("span", {{"class", "badge overdue"}}, "Overdue");
    if (due)
        b.el("span", {{"class", "badge due"}}, "Not measured for " + std::to_string(*st.days_since_last) + " days");
    b.close("div");
    if (st.alerts.empty()) {
        if (st.latest) b.el("p", {{"class", "reason"}}, st.reason);
        return;
    }
    // Every alert's sentence, the worst first (the status line names only the worst).
    std::vector<const Alert*> alerts;
    for (const auto& a : st.alerts) alerts.push_back(&a);
    std::stable_sort(alerts.begin(), alerts.end(),
                     [](const Alert* x, const Alert* y) { return attention_of(x->code) > attention_of(y->code); });
    b.open("ul", {{"class", "alerts"}});
    for (const auto* a : alerts) b.el("li", a->message);
    b.close("ul");
}

void client_row(Html& b, const ClientStatus& st, int check_in_days) {
    b.open("tr").open("th", {{"scope", "row"}, {"data-label", "Client"}});
    b.el("a", {{"href", client_path(st.client.name, "")}, {"class", "name"}, {"dir", "auto"}}, st.client.name)
        .close("th");
    b.open("td", {{"data-label", "Attention"}});
    attention_cell(b, st, check_in_days);
    b.close("td");
    b.el("td", {{"data-label", "Change since baseline"}}, change_cell(st));
    b.el("td", {{"data-label", "Last session"}},
         st.latest ? display::day(st.latest->recorded_at) : std::string("none yet"));
    b.el("td", {{"data-label", "Days since"}},
         st.days_since_last ? std::to_string(*st.days_since_last) : std::string(display::missing));
    b.el("td", {{"data-label", "Schedule"}}, st.client.every_days ? schedule_text(st.client.every_days) : "none");
    b.close("tr");
}

void table_head(Html& b, const ListQuery& l) {
    b.open("thead").open("tr");
    for (const auto& s : sort_words) {
        const bool current = l.sort == &s, ascending = s.ascending != (current && l.reverse);
        b.open("th", {{"scope", "col"}, {"aria-sort", current ? (ascending ? "ascending" : "descending") : "none"}});
        b.el("a", {{"href", l.link(l.show, &s, current && !l.reverse)}},
             std::string(s.label) + (current ? (ascending ? " \u25B4" : " \u25BE") : ""));
        b.close("th");
    }
    b.el("th", {{"scope", "col"}}, "Schedule").close("tr").close("thead");
}

void filter_links(Html& b, const ListQuery& l, const std::map<Show, std::size_t>& counts) {
    b.open("nav", {{"class", "filters"}, {"aria-label", "Show"}});
    for (const auto& s : show_words) {
        const auto text = std::string(s.label) + " (" + std::to_string(counts.at(s.show)) + ")";
        if (l.show == &s)
            b.el("a", {{"href", l.link(&s, l.sort, l.reverse)}, {"aria-current", "page"}}, text);
        else
            b.el("a", {{"href", l.link(&s, l.sort, l.reverse)}}, text);
    }
    b.close("nav");
}

void search_form(Html& b, const ListQuery& l) {
    b.open("form", {{"method", "get"}, {"action", "/"}, {"class", "search"}, {"role", "search"}})
        .leaf("input", {{"type", "hidden"}, {"name", "show"}, {"value", std::string(l.show->key)}})
        .leaf("input", {{"type", "hidden"}, {"name", "sort"}, {"value", std::string(l.sort->key)}})
        .el("label", {{"for", "q"}}, "Find a client")
        .open("div", {{"class", "row"}})
        .leaf("input", {{"id", "q"}, {"name", "q"}, {"type", "search"}, {"value", l.q}, {"autocomplete", "off"}})
        .el("button", {{"type", "submit"}}, "Search")
        .close("div")
        .close("form");
}

// The rows found, a page at a time: the first page holds who needs attention first, and a page
// stays small with a thousand clients.
void rows_table(Html& b, const ListQuery& l, const std::vector<const ClientStatus*>& rows, int check_in_days) {
    const std::size_t pages = (rows.size() + clients_per_page - 1) / clients_per_page;
    const std::size_t page = std::min(l.page, pages);
    const std::size_t first = (page - 1) * clients_per_page, last = std::min(rows.size(), first + clients_per_page);
    std::string said = std::to_string(rows.size()) + (rows.size() == 1 ? " client" : " clients");
    said += l.sort->sort == SortBy::attention && !l.reverse ? ", who needs attention first" : "";
    if (pages > 1)
        said += "; " + std::to_string(first + 1) + "-" + std::to_string(last) + " shown (page " + std::to_string(page) +
                " of " + std::to_string(pages) + ")";
    b.el(
        "p", {{"class", "muted"}, {"role", "status"}},
        said + ". A client without a schedule is due for a check-in after " + std::to_string(check_in_days) + " days.");
    b.open("table", {{"class", "clients"}});
    table_head(b, l);
    b.open("tbody");
    for (std::size_t k = first; k < last; ++k) client_row(b, *rows[k], check_in_days);
    b.close("tbody").close("table");
    if (pages > 1) {
        b.open("nav", {{"class", "actions"}, {"aria-label", "Pages of clients"}});
        if (page > 1)
            b.el(
                "a",
                {{"class", "button secondary"}, {"href", l.link(l.show, l.sort, l.reverse, page - 1)}, {"rel", "prev"}},
                "Previous");
        if (page < pages)
            b.el(
                "a",
                {{"class", "button secondary"}, {"href", l.link(l.show, l.sort, l.reverse, page + 1)}, {"rel", "next"}},
                "Next");
        b.close("nav");
    }
}

}  // namespace

void WebApp::page_clients(Call& c) {
    auto snapshot = status_snapshot();
    const auto l = ListQuery::read(c.req.target);
    const auto needle = search_key(l.q);
    const int check_in_days = snapshot->check_in_days;

    // The archived clients' statuses, read only when asked for (their figures are not kept).
    std::vector<ClientStatus> archived;
    if (l.show->show == Show::archived)
        for (const auto& client : store().list_clients(true))
            if (client.archived) archived.push_back(summarize(store().load_analyzed(client), now_local().utc));
    const auto& pool = l.show->show == Show::archived ? archived : snapshot->statuses;

    std::vector<const ClientStatus*> rows;
    std::map<Show, std::size_t> counts;
    for (const auto& s : show_words) counts[s.show] = 0;
    for (const auto& st : snapshot->statuses) {
        if (!needle.empty() && search_key(st.client.name).find(needle) == std::string::npos) continue;
        for (const auto& s : show_words)
            if (s.show != Show::archived && shown_by(s.show, st, check_in_days)) ++counts[s.show];
    }
    counts[Show::archived] = snapshot->archived;
    for (const auto& st : pool) {
        if (!needle.empty() && search_key(st.client.name).find(needle) == std::string::npos) continue;
        if (shown_by(l.show->show, st, check_in_days)) rows.push_back(&st);
    }
    sort_rows(rows, l.sort->sort, l.reverse);

    Html b;
    b.el("h1", "Clients");
    b.open("p", {{"class", "actions"}})
        .el("a", {{"class", "button secondary"}, {"href", "/new-client"}}, "Add a client")
        .el("a", {{"class", "button secondary"}, {"href", "/settings"}}, "Settings")
        .close("p");
    search_form(b, l);
    filter_links(b, l, counts);
    if (rows.empty()) {
        b.open("p", {{"class", "message"}, {"role", "status"}});
        b.text(needle.empty() ? std::string(l.show->none)
                              : "No client\u2019s name matches \u201C" + l.q + "\u201D" +
                                    (l.show->show == Show::all ? "." : " among " + std::string(l.show->label) + "."));
        b.text(" ").el("a", {{"href", "/"}}, "Show all clients").close("p");
        return reply_page(c, 200, "Clients", b);
    }
    rows_table(b, l, rows, check_in_days);
    reply_page(c, 200, "Clients", b);
}

}  // namespace swelltrack::web
