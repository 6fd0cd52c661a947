// HTML escaped by construction (html.h).
#include "html.h"

#include "swelltrack/svg.h"

namespace swelltrack::web {

std::string escape_html(std::string_view text) { return svg::escape(text); }  // one markup escape

void Html::attrs(std::initializer_list<Attr> list) {
    for (const auto& a : list) {
        out_ += ' ';
        out_ += a.name.view();
        out_ += "=\"";
        out_ += escape_html(a.value);
        out_ += '"';
    }
}

Html& Html::open(Literal tag, std::initializer_list<Attr> list) {
    out_ += '<';
    out_ += tag.view();
    attrs(list);
    out_ += '>';
    return *this;
}

Html& Html::close(Literal tag) {
    out_ += "</";
    out_ += tag.view();
    out_ += '>';
    return *this;
}

Html& Html::el(Literal tag, std::initializer_list<Attr> list, std::string_view content) {
    open(tag, list);
    text(content);
    return close(tag);
}

Html& Html::leaf(Literal tag, std::initializer_list<Attr> list) { return open(tag, list); }

Html& Html::text(std::string_view content) {
    out_ += escape_html(content);
    return *this;
}

Html& Html::add(const Html& other) {
    out_ += other.out_;
    return *this;
}

Html& Html::svg(const Svg& s) {
    out_ += s.markup;
    return *this;
}

}  // namespace swelltrack::web
