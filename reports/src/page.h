#pragma once
// The page layer: an RAII libharu document, pages that flow top to bottom with a header, footers
// with "page N of M" drawn once every page exists, and tables that continue across pages.
#include <hpdf.h>

#include <memory>
#include <string>
#include <vector>

#include "swelltrack/attention.h"
#include "swelltrack/chart.h"
#include "swelltrack/report.h"
#include "text.h"

namespace swelltrack::pdf {

// Colours and alignment are the chart model's (swelltrack/chart.h), shared by every page element.
using chart::Align;
using chart::black;
using chart::grey;
using chart::light_grey;
using chart::Rgb;

/// Text that carries an attention level (an alert, a table row's alerts): black for none, amber
/// for watch, red for act now.
Rgb attention_color(Attention level);

/// One PDF being built. libharu reports errors through a C callback; throwing from there would
/// unwind through C frames, so the callback records the first error and check() throws it.
class Document {
   public:
    /// A document whose fonts draw `chars` (the report's own wording is always in).
    Document(Paper paper, const Charset& chars, bool landscape = false);
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    HPDF_Doc get() const { return doc_; }
    const Fonts& fonts() const { return fonts_; }
    double width() const { return width_pt_; }
    double height() const { return height_pt_; }

    HPDF_Page add_page();
    const std::vector<HPDF_Page>& pages() const { return pages_; }
    /// The PDF's document information (Title, Author, Subject, Creator, as UTF-8), its language
    /// (English: the report's wording) and an identifier that differs for every document made.
    void set_info(const std::string& title, const std::string& author, const std::string& subject,
                  const std::string& creator);
    /// Throws std::runtime_error for the first libharu error since the last check.
    void check();
    /// The finished PDF.
    std::string bytes();

   private:
    static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self);
    HPDF_Doc doc_ = nullptr;
    Fonts fonts_;
    double width_pt_ = 0, height_pt_ = 0;
    std::vector<HPDF_Page> pages_;
    HPDF_STATUS error_ = 0, detail_ = 0;
};

/// Draws already-encoded text with its baseline at y; `x` is the left, right or centre edge.
void draw_text(HPDF_Page page, HPDF_Font font, double size, double x, double y, const std::string& encoded,
               Align align = Align::left, Rgb color = black);
void set_stroke(HPDF_Page page, Rgb color, double width_pt);
void set_fill(HPDF_Page page, Rgb color);
/// HPDF_Page_LineTo (the same bytes, without libharu 2.3's per-call buffer clearing).
void line_to(HPDF_Page page, double x, double y);
void line(HPDF_Page page, double x1, double y1, double x2, double y2);

/// What every page of a report shows around its content.
struct Frame {
    std::string title;     // header left, bold
    std::string subtitle;  // header right
    std::string generated_at, program_version;
};

/// Content flowing down pages: `y` is the next free baseline position (PDF points from the bottom).
class Flow {
   public:
    static constexpr double margin = 40.0;
    Flow(Document& doc, Frame frame);

    Document& doc() { return doc_; }
    const Fonts& fonts() const { return doc_.fonts(); }
    HPDF_Page page() const { return page_; }
    double left() const { return margin; }
    double right() const { return doc_.width() - margin; }
    double content_width() const { return right() - left(); }
    double top() const { return doc_.height() - margin - header_h_; }  // below the header
    double bottom() const { return margin + 16.0; }                    // above the footer
    double y = 0;

    void new_page();
    /// Starts a new page unless `height_pt` fits below `y`.
    void need(double height_pt);
    /// A bold section heading.
    void heading(const std::string& utf8);
    /// Wrapped paragraph text.
    void paragraph(const std::string& utf8, double size = 8.5, Rgb color = black);
    /// Draws every footer; call once, after the last page.
    void finish();

   private:
    void header();
    Document& doc_;
    Frame frame_;
    std::vector<std::string> title_lines_;  // the header's title, wrapped (a long name is never cut)
    double header_h_ = 22.0;
    HPDF_Page page_ = nullptr;
};

struct Column {
    std::string title;
    double width_pt;  // fit_columns widens it to its widest cell
    Align align = Align::left;
    bool wrap = false;  // wrap onto more lines rather than cut (names, free text)
};
struct Row {
    std::vector<std::string> cells;        // UTF-8
    Attention emphasis = Attention::none;  // colours the last cell (attention_color)
};

/// Widens each column but the last to its title and widest cell as set in the document's fonts (an
/// embedded CJK font is wider than Helvetica), so no number or time is cut; the last column takes
/// what is left of the content width. Wrapped columns keep their given width.
void fit_columns(const Flow& flow, std::vector<Column>& columns, const std::vector<Row>& rows, double font_size = 7.0);

/// A table from `flow.y` down; it continues on new pages with the header row repeated. The last
/// column wraps onto up to `last_column_lines` lines (cut with "..." beyond), a `wrap` column onto as
/// many as it needs.
void draw_table(Flow& flow, const std::vector<Column>& columns, const std::vector<Row>& rows, double font_size = 7.0,
                std::size_t last_column_lines = 1);

}  // namespace swelltrack::pdf
