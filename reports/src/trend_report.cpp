// The client trend report: summary and volume on page 1, then change, profile,
// symptoms, the skin and notes timeline and every session.
#include "format.h"
#include "swelltrack/report.h"
#include "trend_parts.h"

namespace swelltrack {

namespace {
// Every character the report draws: its own wording and what users typed.
pdf::Charset charset_for(const pdf::TrendView& v) {
    const Client& c = v.client();
    pdf::Charset chars;
    for (const std::string* s : {&c.name, &c.condition, &v.options.generated_at, &v.options.author}) chars.add(*s);
    for (const auto& b : v.history.baselines) chars.add(b.reason);
    for (const auto& fix : v.options.corrections) chars.add(fix);
    for (const auto& course : v.options.courses) chars.add(course.course.note);
    for (const auto& p : v.options.photos) chars.add(p.photo.site);
    for (auto i : v.shown) {
        const Session& session = v.session(i);
        for (const std::string* s : {&session.notes, &session.skin_note, &session.protocol, &session.recorded_by})
            chars.add(*s);
    }
    return chars;
}

void chart_block(pdf::Flow& flow, const pdf::Chart& chart, double height_pt) {
    flow.need(height_pt);
    pdf::draw_chart(flow.page(), flow.fonts(), chart,
                    {flow.left(), flow.y - height_pt, flow.content_width(), height_pt});
    flow.y -= height_pt + 14;
}
}  // namespace

std::string render_trend_report(const History& history, const ReportOptions& options) {
    const pdf::TrendView view = charts::trend_view(history, options);

    pdf::Document doc(options.paper, charset_for(view));
    const std::string period = charts::period_text(view);  // the charts' time axis covers the same days
    pdf::Flow flow(doc, {"Limb volume trend report - " + history.client.name, period, options.generated_at,
                         options.program_version});

    doc.set_info("swelltrack trend report: " + history.client.name, options.author,
                 "Limb volume trend, " + period + ": volumes, relative volume change, alerts and findings",
                 "swelltrack " + options.program_version);
    pdf::draw_summary(flow, view);
    // Page 1 gives the volume chart what is left, but never less than a readable 230 pt.
    chart_block(flow, pdf::volume_chart(view), std::max(230.0, flow.y - flow.bottom() - 4));
    flow.new_page();
    double half = (flow.top() - flow.bottom()) / 2 - 14;
    chart_block(flow, pdf::change_chart(view), half);
    chart_block(flow, pdf::profile_chart(view), half);
    flow.new_page();
    chart_block(flow, pdf::symptoms_chart(view), 230);
    pdf::draw_points(flow, view);
    pdf::draw_courses(flow, view, options);
    pdf::draw_photos(flow, options);
    pdf::draw_timeline(flow, view);
    pdf::draw_findings(flow, view);
    pdf::draw_alert_codes(flow, view);
    pdf::draw_session_table(flow, view);
    pdf::draw_corrections(flow, options);
    flow.finish();
    return doc.bytes();
}

}  // namespace swelltrack
