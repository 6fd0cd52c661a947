#include "page.h"

#include <cstdio>
#include <random>
#include <stdexcept>
#include <utility>

#include "swelltrack/utf8.h"

#if HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>
#include <zlib.h>
#define SWELLTRACK_HARU_2_3 1
#endif

namespace swelltrack::pdf {

namespace {
// Document information without the UTF-8 encoder (a WinAnsi document): libharu writes the bytes as
// they are, which readers take as PDFDocEncoding (Latin-1 for letters); anything else becomes "?".
std::string info_text(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto [cp, bytes] = utf8_at(utf8, i);
        out += (cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF) ? static_cast<char>(cp) : '?';
        i += bytes;
    }
    return out;
}

// The catalog's /Lang (the reports are worded in English; a name in another script is marked by
// its characters) and the trailer's /ID: 16 random bytes, the same twice, as a new document has.
void identify(HPDF_Doc doc, const std::string& title) {
#ifdef SWELLTRACK_HARU_2_3
    HPDF_Dict_Add(doc->catalog, "Lang", HPDF_String_New(doc->mmgr, "en", nullptr));
    std::random_device random;
    std::seed_seq seed{random(), random(), random(), random(), static_cast<unsigned>(std::hash<std::string>{}(title))};
    std::mt19937 bits(seed);
    HPDF_BYTE id[16];
    for (auto& b : id) b = static_cast<HPDF_BYTE>(bits());
    HPDF_Array ids = HPDF_Array_New(doc->mmgr);
    HPDF_Array_Add(ids, HPDF_Binary_New(doc->mmgr, id, sizeof id));
    HPDF_Array_Add(ids, HPDF_Binary_New(doc->mmgr, id, sizeof id));
    HPDF_Dict_Add(doc->trailer, "ID", ids);
#else
    (void)doc, (void)title;
#endif
}
}  // namespace

Document::Document(Paper paper, const Charset& chars, bool landscape) {
    doc_ = HPDF_New(&Document::on_error, this);
    if (!doc_) throw std::runtime_error("libharu could not create a PDF document");
    HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
    // Sizes in points: A4 210 x 297 mm, US Letter 8.5 x 11 in.
    width_pt_ = paper == Paper::a4 ? 595.276 : 612.0;
    height_pt_ = paper == Paper::a4 ? 841.89 : 792.0;
    if (landscape) std::swap(width_pt_, height_pt_);
    try {
        fonts_ = Fonts(doc_, chars);
        check();
    } catch (...) {
        HPDF_Free(doc_);
        throw;
    }
}

Document::~Document() { HPDF_Free(doc_); }

void Document::set_info(const std::string& title, const std::string& author, const std::string& subject,
                        const std::string& creator) {
    const std::pair<HPDF_InfoType, const std::string*> attrs[] = {{HPDF_INFO_TITLE, &title},
                                                                  {HPDF_INFO_AUTHOR, &author},
                                                                  {HPDF_INFO_SUBJECT, &subject},
                                                                  {HPDF_INFO_CREATOR, &creator}};
    // With the UTF-8 encoder (two-byte fonts) libharu writes the text as UTF-16.
    for (const auto& [type, value] : attrs)
        HPDF_SetInfoAttr(doc_, type, (fonts_.utf8() ? *value : info_text(*value)).c_str());
    identify(doc_, title);
    check();
}

void Document::on_error(HPDF_STATUS error, HPDF_STATUS detail, void* self) {
    auto* d = static_cast<Document*>(self);
    if (d->error_ == 0) {
        d->error_ = error;
        d->detail_ = detail;
    }
}

void Document::check() {
    if (error_ == 0) return;
    char buf[96];
    std::snprintf(buf, sizeof buf, "PDF library error 0x%04X (detail %u)", static_cast<unsigned>(error_),
                  static_cast<unsigned>(detail_));
    error_ = 0;
    HPDF_ResetError(doc_);
    throw std::runtime_error(buf);
}

HPDF_Page Document::add_page() {
    HPDF_Page p = HPDF_AddPage(doc_);
    check();
    HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(width_pt_));
    HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(height_pt_));
    pages_.push_back(p);
    return p;
}

#ifdef SWELLTRACK_HARU_2_3
namespace {
// libharu 2.3 deflates every stream at zlib's default level, 6, and has no setting for it. Page
// contents (text positions and path coordinates, very repetitive) then cost a fifth of the
// instructions of a 5-year report in zlib's match search; at level 3 the report takes 9% fewer
// and the file is 6% larger (docs/performance.md#start-up). So each page's content stream is
// deflated here and written as it is, under the same /Filter libharu would write.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
    return HPDF_Stream_WriteStr(out, "/Filter [/FlateDecode]\012");
}

constexpr int content_level = 3;

void compress_contents(HPDF_Page page) {
    HPDF_Dict contents = static_cast<HPDF_PageAttr>(page->attr)->contents;
    // Only a stream libharu would deflate itself and whose dictionary it writes plainly.
    if (!contents || contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE || contents->write_fn) return;
    HPDF_Stream stream = contents->stream;
    std::string raw(HPDF_Stream_Size(stream), '\0');
    auto size = static_cast<HPDF_UINT>(raw.size());
    if (HPDF_Stream_Seek(stream, 0, HPDF_SEEK_SET) != HPDF_OK ||
        (size && HPDF_Stream_Read(stream, reinterpret_cast<HPDF_BYTE*>(raw.data()), &size) != HPDF_OK) ||
        size != raw.size())
        return;  // libharu deflates it as before
    uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(packed_size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size, reinterpret_cast<const Bytef*>(raw.data()),
                  static_cast<uLong>(raw.size()), content_level) != Z_OK)
        return;
    HPDF_MemStream_FreeData(stream);
    if (HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(packed.data()),
                          static_cast<HPDF_UINT>(packed_size)) != HPDF_OK)
        HPDF_CheckError(page->error);  // reported through the document's error handler
    contents->filter = HPDF_STREAM_FILTER_NONE;
    contents->write_fn = write_flate_filter;
}
}  // namespace
#endif

std::string Document::bytes() {
#ifdef SWELLTRACK_HARU_2_3
    for (HPDF_Page page : pages_) compress_contents(page);
#endif
    HPDF_SaveToStream(doc_);
    check();
    std::string out(HPDF_GetStreamSize(doc_), '\0');
    HPDF_ResetStream(doc_);
    auto size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    out.resize(size);
    check();
    return out;
}

void set_stroke(HPDF_Page page, Rgb c, double width_pt) {
    HPDF_Page_SetRGBStroke(page, static_cast<HPDF_REAL>(c.r), static_cast<HPDF_REAL>(c.g), static_cast<HPDF_REAL>(c.b));
    HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(width_pt));
}

void line(HPDF_Page page, double x1, double y1, double x2, double y2) {
    HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(x1), static_cast<HPDF_REAL>(y1));
    HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(x2), static_cast<HPDF_REAL>(y2));
    HPDF_Page_Stroke(page);
}

namespace {
// libharu 2.3 writes each path, colour and text-position operator through a function that first
// zeroes a 512-byte buffer byte by byte (HPDF_MemSet). For the ~16,000 table cells, ~2,500 colour
// changes and ~2,000 chart line segments of a 5-year report that was the largest single cost of
// `swelltrack report` (docs/performance.md). These write the same operators with libharu's own
// number formatting and update the page state exactly as libharu does, so the PDF is byte for
// byte the same. Only for libharu 2.3 (its page internals are used); with any other version, or
// outside the state the operator needs, the caller goes through libharu.

// Writes "n1 n2 ... op\n" to the page's content stream.
bool write_operator(HPDF_Page page, std::initializer_list<HPDF_REAL> numbers, const char* op) {
#ifdef SWELLTRACK_HARU_2_3
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    char buf[128];
    char* end = buf + sizeof buf - 1;
    char* p = buf;
    for (HPDF_REAL v : numbers) {
        p = HPDF_FToA(p, v, end);
        *p++ = ' ';
    }
    for (; *op && p < end; ++op) *p++ = *op;
    *p++ = '\012';
    if (HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(buf), static_cast<HPDF_UINT>(p - buf)) !=
        HPDF_OK)
        HPDF_CheckError(page->error);  // reported through the document's error handler, as libharu does
    return true;
#else
    (void)page, (void)numbers, (void)op;
    return false;
#endif
}

#ifdef SWELLTRACK_HARU_2_3
HPDF_PageAttr attributes(HPDF_Page page) { return static_cast<HPDF_PageAttr>(page->attr); }
#endif

// HPDF_Page_MoveTextPos for an unrotated text matrix inside a text object.
bool fast_text_pos(HPDF_Page page, HPDF_REAL x_abs, HPDF_REAL y_abs) {
#ifdef SWELLTRACK_HARU_2_3
    auto* attr = attributes(page);
    HPDF_TransMatrix& m = attr->text_matrix;
    if (attr->gmode != HPDF_GMODE_TEXT_OBJECT || m.a != 1 || m.b != 0 || m.c != 0 || m.d != 1) return false;
    HPDF_REAL x = x_abs - m.x, y = y_abs - m.y;  // TextOut's absolute-to-relative step, for this matrix
    write_operator(page, {x, y}, "Td");
    m.x += x * m.a + y * m.c;
    m.y += y * m.d + x * m.b;
    attr->text_pos.x = m.x;
    attr->text_pos.y = m.y;
    return true;
#else
    (void)page, (void)x_abs, (void)y_abs;
    return false;
#endif
}

// HPDF_Page_SetRGBFill, in the states where libharu allows it.
bool fast_fill(HPDF_Page page, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b) {
#ifdef SWELLTRACK_HARU_2_3
    auto* attr = attributes(page);
    if (!(attr->gmode & (HPDF_GMODE_PAGE_DESCRIPTION | HPDF_GMODE_TEXT_OBJECT))) return false;
    for (HPDF_REAL v : {r, g, b})
        if (!(v >= 0 && v <= 1)) return false;  // libharu's own range error
    write_operator(page, {r, g, b}, "rg");
    attr->gstate->rgb_fill = {r, g, b};
    attr->gstate->cs_fill = HPDF_CS_DEVICE_RGB;
    return true;
#else
    (void)page, (void)r, (void)g, (void)b;
    return false;
#endif
}

// HPDF_Page_LineTo inside a path.
bool fast_line_to(HPDF_Page page, HPDF_REAL x, HPDF_REAL y) {
#ifdef SWELLTRACK_HARU_2_3
    auto* attr = attributes(page);
    if (attr->gmode != HPDF_GMODE_PATH_OBJECT) return false;
    write_operator(page, {x, y}, "l");
    attr->cur_pos = {x, y};
    return true;
#else
    (void)page, (void)x, (void)y;
    return false;
#endif
}

// TextOut inside an open text object (BT ... ET), so tables emit one text object per page.
void text_out(HPDF_Page page, HPDF_Font font, double size, double x, double y, const std::string& encoded,
              Align align) {
    if (encoded.empty()) return;
    if (align != Align::left) {
        HPDF_TextWidth tw = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(encoded.c_str()),
                                                static_cast<HPDF_UINT>(encoded.size()));
        double w = static_cast<double>(tw.width) * size / 1000.0;
        x -= align == Align::right ? w : w / 2;
    }
    const std::string drawn = visual_order(encoded);  // the same width: only the order differs
    if (fast_text_pos(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y)))
        HPDF_Page_ShowText(page, drawn.c_str());
    else
        HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), drawn.c_str());
}
}  // namespace

Rgb attention_color(Attention level) {
    switch (level) {
        case Attention::none:
            return black;
        case Attention::watch:
            return {0.75, 0.45, 0.0};
        case Attention::act_now:
            return {0.75, 0.1, 0.1};
    }
    return black;
}

void set_fill(HPDF_Page page, Rgb c) {
    auto r = static_cast<HPDF_REAL>(c.r), g = static_cast<HPDF_REAL>(c.g), b = static_cast<HPDF_REAL>(c.b);
    if (!fast_fill(page, r, g, b)) HPDF_Page_SetRGBFill(page, r, g, b);
}

void line_to(HPDF_Page page, double x, double y) {
    auto px = static_cast<HPDF_REAL>(x), py = static_cast<HPDF_REAL>(y);
    if (!fast_line_to(page, px, py)) HPDF_Page_LineTo(page, px, py);
}

void draw_text(HPDF_Page page, HPDF_Font font, double size, double x, double y, const std::string& encoded, Align align,
               Rgb color) {
    if (encoded.empty()) return;
    set_fill(page, color);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(size));
    text_out(page, font, size, x, y, encoded, align);
    HPDF_Page_EndText(page);
}

Flow::Flow(Document& doc, Frame frame) : doc_(doc), frame_(std::move(frame)) {
    const auto& f = fonts();
    double subtitle_w = f.width(f.encode(frame_.subtitle), f.regular(), 8);
    title_lines_ =
        f.wrap(frame_.title, f.bold(), 10, std::max(content_width() / 2, content_width() - subtitle_w - 12), 8);
    header_h_ = 22.0 + 12.0 * static_cast<double>(title_lines_.empty() ? 0 : title_lines_.size() - 1);
    new_page();
}

void Flow::new_page() {
    page_ = doc_.add_page();
    header();
    y = top();
}

void Flow::need(double height_pt) {
    if (y - height_pt < bottom()) new_page();
}

void Flow::header() {
    const auto& f = fonts();
    double base = doc_.height() - margin;
    draw_text(page_, f.regular(), 8, right(), base, f.fit(frame_.subtitle, f.regular(), 8, content_width() / 2 - 6),
              Align::right, grey);
    for (const auto& l : title_lines_) {
        draw_text(page_, f.bold(), 10, left(), base, l);
        base -= 12;
    }
    base += 12;
    set_stroke(page_, light_grey, 0.6);
    line(page_, left(), base - 6, right(), base - 6);
}

void Flow::heading(const std::string& utf8) {
    need(40);
    y -= 6;
    draw_text(page_, fonts().bold(), 11, left(), y, fonts().fit(utf8, fonts().bold(), 11, content_width()));
    y -= 14;
}

void Flow::paragraph(const std::string& utf8, double size, Rgb color) {
    for (const auto& l : fonts().wrap(utf8, fonts().regular(), size, content_width(), 40)) {
        need(size * 1.3);
        draw_text(page_, fonts().regular(), size, left(), y, l, Align::left, color);
        y -= size * 1.3;
    }
}

void Flow::finish() {
    const auto& f = fonts();
    const auto& pages = doc_.pages();
    std::string made = f.encode("Generated " + frame_.generated_at + " by swelltrack " + frame_.program_version);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        HPDF_Page p = pages[i];
        set_stroke(p, light_grey, 0.6);
        line(p, left(), margin + 9, right(), margin + 9);
        draw_text(p, f.regular(), 7, left(), margin, made, Align::left, grey);
        std::string n = "page " + std::to_string(i + 1) + " of " + std::to_string(pages.size());
        draw_text(p, f.regular(), 7, right(), margin, n, Align::right, grey);
    }
    doc_.check();
}

namespace {
void table_header(Flow& flow, const std::vector<Column>& columns, double size) {
    const auto& f = flow.fonts();
    HPDF_Page p = flow.page();
    double x = flow.left();
    set_fill(p, black);
    HPDF_Page_BeginText(p);
    HPDF_Page_SetFontAndSize(p, f.bold(), static_cast<HPDF_REAL>(size));
    for (const auto& c : columns) {
        double pad = 3;
        double ax = c.align == Align::right    ? x + c.width_pt - pad
                    : c.align == Align::center ? x + c.width_pt / 2
                                               : x + (x > flow.left() ? 4 : 0);
        text_out(p, f.bold(), size, ax, flow.y, f.fit(c.title, f.bold(), size, c.width_pt - pad), c.align);
        x += c.width_pt;
    }
    HPDF_Page_EndText(p);
    set_stroke(p, grey, 0.5);
    line(p, flow.left(), flow.y - 3, x, flow.y - 3);
    flow.y -= size * 1.45 + 2;
}
}  // namespace

void fit_columns(const Flow& flow, std::vector<Column>& columns, const std::vector<Row>& rows, double size) {
    const auto& f = flow.fonts();
    const double pad = 3 + 4 + 2;  // right padding, the gap after a right-aligned neighbour, air
    double used = 0;
    for (std::size_t c = 0; c + 1 < columns.size(); ++c) {
        auto& col = columns[c];
        if (!col.wrap) {
            double widest = f.width(f.encode(col.title), f.bold(), size);
            for (const auto& r : rows)
                if (c < r.cells.size()) widest = std::max(widest, f.width(f.encode(r.cells[c]), f.regular(), size));
            col.width_pt = std::max(col.width_pt, widest + pad);
        }
        used += col.width_pt;
    }
    if (!columns.empty()) columns.back().width_pt = std::max(40.0, flow.content_width() - used);
}

namespace {

constexpr double cell_pad = 3;  // between a right-aligned cell's text and the column's end

// Sets `out` to the lines of the row's last cell: wrapped when it may take more than one line, else
// cut to fit; none when the row stops short of the last column.
void last_cell_lines(const Fonts& f, const std::vector<Column>& columns, const Row& row, std::size_t n, double size,
                     std::size_t last_column_lines, std::vector<std::string>& out) {
    out.clear();
    if (n == columns.size() && (last_column_lines > 1 || columns[n - 1].wrap))
        out = f.wrap(row.cells[n - 1], f.regular(), size, columns[n - 1].width_pt - cell_pad - 4,
                     columns[n - 1].wrap ? 100 : last_column_lines);
    else if (n == columns.size())
        out = {f.fit(row.cells[n - 1], f.regular(), size, columns[n - 1].width_pt - cell_pad - 4)};
}

// Wraps the row's `wrap` cells before the last into `wrapped` (others left empty); returns the most
// lines one of them takes.
std::size_t wrap_cells(const Fonts& f, const std::vector<Column>& columns, const Row& row, std::size_t n, double size,
                       std::vector<std::vector<std::string>>& wrapped) {
    std::size_t lines = 0;
    for (std::size_t c = 0; c + 1 < n; ++c) {
        wrapped[c].clear();
        if (!columns[c].wrap) continue;
        wrapped[c] = f.wrap(row.cells[c], f.regular(), size, columns[c].width_pt - cell_pad - 4, 100);
        lines = std::max(lines, wrapped[c].size());
    }
    return lines;
}

// Opens the text object the rows are written in, in the regular font and black.
void begin_rows_text(HPDF_Page p, const Fonts& f, double size) {
    HPDF_Page_BeginText(p);
    HPDF_Page_SetFontAndSize(p, f.regular(), static_cast<HPDF_REAL>(size));
    set_fill(p, black);
}

// Writes one row's cells from flow.y down: the last cell in its emphasis colour, `wrap` cells over
// their lines, the others cut to fit.
void draw_row(Flow& flow, const std::vector<Column>& columns, const Row& row, std::size_t n, double size,
              const std::vector<std::string>& last_lines, const std::vector<std::vector<std::string>>& wrapped) {
    const auto& f = flow.fonts();
    const double row_h = size * 1.4;
    HPDF_Page p = flow.page();
    double x = flow.left();
    for (std::size_t c = 0; c < n; ++c) {
        const auto& col = columns[c];
        double ax = col.align == Align::right    ? x + col.width_pt - cell_pad
                    : col.align == Align::center ? x + col.width_pt / 2
                                                 : x + (c > 0 ? 4 : 0);  // clear of a right-aligned neighbour
        if (c + 1 == columns.size()) {
            if (row.emphasis != Attention::none) set_fill(p, attention_color(row.emphasis));
            double ly = flow.y;
            for (const auto& l : last_lines) text_out(p, f.regular(), size, ax, ly, l, col.align), ly -= row_h;
            if (row.emphasis != Attention::none) set_fill(p, black);
        } else if (col.wrap) {
            double ly = flow.y;
            for (const auto& l : wrapped[c]) text_out(p, f.regular(), size, ax, ly, l, col.align), ly -= row_h;
        } else {
            text_out(p, f.regular(), size, ax, flow.y,
                     f.fit(row.cells[c], f.regular(), size, col.width_pt - cell_pad - 4), col.align);
        }
        x += col.width_pt;
    }
}

}  // namespace

void draw_table(Flow& flow, const std::vector<Column>& columns, const std::vector<Row>& rows, double size,
                std::size_t last_column_lines) {
    const auto& f = flow.fonts();
    const double row_h = size * 1.4;
    flow.need(row_h * 3);
    table_header(flow, columns, size);
    bool open = false;  // a text object is open on the current page
    std::vector<std::string> last_lines;
    std::vector<std::vector<std::string>> wrapped(columns.size());
    bool any_wrap = false;
    for (const auto& col : columns) any_wrap = any_wrap || col.wrap;
    for (const auto& row : rows) {
        std::size_t n = std::min(columns.size(), row.cells.size());
        last_cell_lines(f, columns, row, n, size, last_column_lines, last_lines);
        std::size_t lines = std::max<std::size_t>(1, last_lines.size());
        if (any_wrap) lines = std::max(lines, wrap_cells(f, columns, row, n, size, wrapped));
        double height = row_h * static_cast<double>(lines);
        if (flow.y - height < flow.bottom()) {
            if (open) HPDF_Page_EndText(flow.page());
            open = false;
            flow.new_page();
            table_header(flow, columns, size);
        }
        if (!open) {
            begin_rows_text(flow.page(), f, size);
            open = true;
        }
        draw_row(flow, columns, row, n, size, last_lines, wrapped);
        flow.y -= height;
    }
    if (open) HPDF_Page_EndText(flow.page());
    flow.y -= 4;
    flow.doc().check();
}

}  // namespace swelltrack::pdf
