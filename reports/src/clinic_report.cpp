// The clinic summary: every client's latest figures and alerts, worst first, on landscape pages.
#include <algorithm>

#include "format.h"
#include "page.h"
#include "swelltrack/report.h"

namespace swelltrack {

namespace {
pdf::Row client_row(std::size_t rank, const ClientStatus& st) {
    pdf::Row r;
    const Client& c = st.client;
    std::string limb = c.bilateral()
                           ? "both " + std::string(to_string(c.limb)) + "s"
                           : std::string(to_string(*c.affected_side())) + " " + std::string(to_string(c.limb));
    r.cells = {std::to_string(rank), c.name, limb};
    if (!st.latest || !st.figures) {
        r.cells.insert(r.cells.end(), 6, std::string(display::missing));
        r.cells.insert(r.cells.end(), {"", st.reason});
        return r;
    }
    const SessionFigures& f = *st.figures;
    std::string change = st.change_pct ? std::string(c.bilateral() ? "WAC " : "RVC ") + display::pct(st.change_pct)
                                       : std::string(display::missing);
    std::string why = st.reason;
    if (st.overdue) why += "; overdue: " + std::to_string(*st.days_since_last) + " days since the last session";
    r.cells.insert(r.cells.end(), {display::day(st.latest->recorded_at), display::ml(f.left_ml),
                                   display::ml(f.right_ml), display::signed_ml(f.diff_ml), display::pct(f.excess_pct),
                                   change, display::alert_codes(st.alerts, ' '), why});
    r.emphasis = st.attention;
    return r;
}

// "0 with a range-level or infection-sign alert, 1 with a watch-level alert": worst first, in the
// words of the attention table.
std::string level_counts(const std::vector<ClientStatus>& statuses) {
    std::string out;
    for (Attention level : {Attention::act_now, Attention::watch}) {
        auto n = std::count_if(statuses.begin(), statuses.end(),
                               [&](const ClientStatus& st) { return st.attention == level; });
        out +=
            (out.empty() ? "" : ", ") + std::to_string(n) + " with " + std::string(display::attention(level).meaning);
    }
    return out;
}
}  // namespace

std::string render_clinic_summary(const std::vector<ClientStatus>& statuses, const ReportOptions& options) {
    pdf::Charset chars;
    chars.add(options.generated_at);
    chars.add(options.author);
    for (const auto& st : statuses) {
        chars.add(st.client.name);
        chars.add(st.reason);
    }
    pdf::Document doc(options.paper, chars, /*landscape=*/true);
    doc.set_info("swelltrack clinic summary", options.author,
                 std::to_string(statuses.size()) + " active client(s), worst first",
                 "swelltrack " + options.program_version);
    pdf::Flow flow(doc, {"Clinic summary", std::to_string(statuses.size()) + " client(s), worst first",
                         options.generated_at, options.program_version});

    flow.y -= 6;
    flow.paragraph(std::to_string(statuses.size()) + " active client(s): " + level_counts(statuses) +
                       ". Sorted worst first: alert level, then overdue, then change since baseline "
                       "(RVC, or the larger WAC when both limbs are affected), then name. Figures are from each "
                       "client's newest session comparable with their baseline (a later symptoms-only, partial or "
                       "other-protocol session does not replace it), plus infection signs logged in the last " +
                       std::to_string(infection_window_days) + " days; changes under about " +
                       display::fixed(smallest_real_difference_pct, 1) +
                       "% are within measurement noise. These figures inform; they do not diagnose.",
                   8.5);
    flow.y -= 6;

    std::vector<pdf::Column> cols{{"#", 24, pdf::Align::right},
                                  {"Client", 112, pdf::Align::left, true},
                                  {"Affected", 50},
                                  {"Last session", 58},
                                  {"Left mL", 40, pdf::Align::right},
                                  {"Right mL", 42, pdf::Align::right},
                                  {"Diff mL", 40, pdf::Align::right},
                                  {"Excess", 40, pdf::Align::right},
                                  {"RVC/WAC", 58, pdf::Align::right},
                                  {"Alerts", 80}};
    double used = 0;
    for (const auto& c : cols) used += c.width_pt;
    cols.push_back({"Why", flow.content_width() - used});
    std::vector<pdf::Row> rows;
    rows.reserve(statuses.size());
    for (std::size_t i = 0; i < statuses.size(); ++i) rows.push_back(client_row(i + 1, statuses[i]));
    pdf::fit_columns(flow, cols, rows);
    pdf::draw_table(flow, cols, rows, 7.0, 4);
    if (statuses.empty()) flow.paragraph("No active clients.", 9, pdf::grey);
    flow.finish();
    return doc.bytes();
}

}  // namespace swelltrack
