#include "format.h"

#include <algorithm>

#include "swelltrack/display.h"

namespace swelltrack::cli {

std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        unsigned cp = c;
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        if (n > 1 && i + n <= s.size()) {
            cp = c & (0x7Fu >> n);
            for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        }
        // East Asian wide ranges (CJK, Hangul, full-width forms) take two cells.
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
        i += n;
    }
    return w;
}

Table::Table(std::vector<std::string> header, std::vector<bool> right_aligned) : right_(std::move(right_aligned)) {
    right_.resize(header.size(), false);
    rows_.push_back(std::move(header));
}

void Table::add(std::vector<std::string> row) {
    for (auto& cell : row) cell = display::terminal_text(cell);  // names and notes are the user's text
    rows_.push_back(std::move(row));
}

std::string Table::str() const {
    std::vector<std::size_t> width(rows_.front().size(), 0);
    for (const auto& r : rows_)
        for (std::size_t i = 0; i < r.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], display_width(r[i]));
    std::string out;
    auto line = [&](const std::vector<std::string>& r) {
        std::string l;
        for (std::size_t i = 0; i < width.size(); ++i) {
            const std::string cell = i < r.size() ? r[i] : "";
            std::string pad(width[i] - display_width(cell), ' ');
            if (i) l += "  ";
            l += right_[i] ? pad + cell : (i + 1 == width.size() ? cell : cell + pad);
        }
        while (!l.empty() && l.back() == ' ') l.pop_back();
        out += l + "\n";
    };
    line(rows_.front());
    std::vector<std::string> rule;
    for (auto w : width) rule.push_back(std::string(w, '-'));
    line(rule);
    for (std::size_t i = 1; i < rows_.size(); ++i) line(rows_[i]);
    return out;
}

}  // namespace swelltrack::cli
