#pragma once
// HTML escaped by construction: tag and attribute names can only be string literals (checked by the
// compiler), and every value passed in is escaped on the way out. The one way to put markup that
// was not built here into a page is an Svg from the chart renderer, which escapes its own text.
#include <initializer_list>
#include <string>
#include <string_view>

namespace swelltrack::web {

/// A name written in the source: only a string literal converts to it (consteval).
class Literal {
   public:
    template <std::size_t N>
    consteval Literal(const char (&text)[N]) : text_(text, N - 1) {}  // NOLINT: implicit on purpose
    std::string_view view() const { return text_; }

   private:
    std::string_view text_;
};

struct Attr {
    Literal name;
    std::string value;  // escaped when written
};

/// `text` with & < > " ' as character references and control characters as spaces (svg::escape, the one
/// markup escape): safe in element content and quoted attributes.
std::string escape_html(std::string_view text);

/// Markup from the SVG chart renderer (it escapes every text it writes itself).
struct Svg {
    std::string markup;
};

class Html {
   public:
    /// <tag a="v" ...>
    Html& open(Literal tag, std::initializer_list<Attr> attrs = {});
    Html& close(Literal tag);
    /// <tag ...>text</tag>
    Html& el(Literal tag, std::initializer_list<Attr> attrs, std::string_view text);
    Html& el(Literal tag, std::string_view text) { return el(tag, {}, text); }
    /// <tag ...> with no content and no closing tag (input, meta, link, br).
    Html& leaf(Literal tag, std::initializer_list<Attr> attrs = {});
    Html& text(std::string_view text);
    Html& svg(const Svg& svg);
    /// Another piece built with Html (already escaped).
    Html& add(const Html& other);
    const std::string& str() const { return out_; }

   private:
    void attrs(std::initializer_list<Attr> attrs);
    std::string out_;
};

}  // namespace swelltrack::web
