// The trend report's photos of the skin: each site's photos by date, two to a row, each with its
// day and time, as the clinician compares them (docs/architecture.md#photos).
#include <algorithm>
#include <map>

#include "swelltrack/display.h"
#include "trend_parts.h"

namespace swelltrack::pdf {

namespace {

constexpr double gap = 12.0;           // between the two photos of a row
constexpr double max_photo_h = 250.0;  // a portrait photo is cut to this height, its width in proportion
constexpr double caption_h = 12.0;

struct Placed {
    const PhotoImage* photo;
    double w, h;
};

// The photo scaled to fit `cell_w` wide and max_photo_h high, its proportions kept.
Placed fit(const PhotoImage& p, double cell_w) {
    const double aspect = static_cast<double>(p.height) / std::max(1, p.width);
    double w = cell_w, h = cell_w * aspect;
    if (h > max_photo_h) {
        h = max_photo_h;
        w = h / aspect;
    }
    return {&p, w, h};
}

void draw_row(Flow& flow, const std::vector<Placed>& row, double cell_w) {
    double tallest = 0;
    for (const auto& p : row) tallest = std::max(tallest, p.h);
    flow.need(tallest + caption_h + 6);
    const double top = flow.y;
    for (std::size_t i = 0; i < row.size(); ++i) {
        const auto& p = row[i];
        const double x = flow.left() + static_cast<double>(i) * (cell_w + gap);
        HPDF_Image image =
            HPDF_LoadJpegImageFromMem(flow.doc().get(), reinterpret_cast<const HPDF_BYTE*>(p.photo->jpeg.data()),
                                      static_cast<HPDF_UINT>(p.photo->jpeg.size()));
        flow.doc().check();
        const auto f = [](double v) { return static_cast<HPDF_REAL>(v); };
        HPDF_Page_DrawImage(flow.page(), image, f(x), f(top - p.h), f(p.w), f(p.h));
        set_stroke(flow.page(), light_grey, 0.5);
        HPDF_Page_Rectangle(flow.page(), f(x), f(top - p.h), f(p.w), f(p.h));
        HPDF_Page_Stroke(flow.page());
        const auto& photo = p.photo->photo;
        const std::string caption = display::minute(photo.taken_at) + (photo.session_id ? ", with a session" : "");
        draw_text(flow.page(), flow.fonts().regular(), 7.5, x, top - tallest - 9,
                  flow.fonts().fit(caption, flow.fonts().regular(), 7.5, cell_w));
    }
    flow.y = top - tallest - caption_h - 6;
}

}  // namespace

void draw_photos(Flow& flow, const ReportOptions& options) {
    if (options.photos.empty()) return;
    // Each site's photos together, by date; the sites in the order of their first photo.
    std::vector<std::string> sites;
    std::map<std::string, std::vector<const PhotoImage*>> by_site;
    for (const auto& p : options.photos) {
        auto& list = by_site[p.photo.site];
        if (list.empty()) sites.push_back(p.photo.site);
        list.push_back(&p);
    }
    const double cell_w = (flow.content_width() - gap) / 2;
    flow.need(40 + max_photo_h);  // the heading never ends a page alone
    flow.heading("Photos of the skin");
    flow.paragraph(std::to_string(options.photos.size()) +
                       " photo(s) of this period, each site's by date. Kept with "
                       "the client's consent, upright and without the camera's metadata (place, device, time).",
                   7, grey);
    if (options.photos_left_out > 0)
        flow.paragraph(std::to_string(options.photos_left_out) + " older photo(s) of this period are not printed.", 7,
                       grey);
    flow.y -= 4;
    for (const auto& site : sites) {
        const auto& list = by_site[site];
        if (&site != &sites.front()) flow.y -= 8;
        flow.need(14 + caption_h + std::min(max_photo_h, cell_w));
        flow.paragraph(site, 9);
        flow.y -= 2;
        for (std::size_t i = 0; i < list.size(); i += 2) {
            std::vector<Placed> row{fit(*list[i], cell_w)};
            if (i + 1 < list.size()) row.push_back(fit(*list[i + 1], cell_w));
            draw_row(flow, row, cell_w);
        }
    }
}

}  // namespace swelltrack::pdf
