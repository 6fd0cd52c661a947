#pragma once
// Terminal tables. Figures are formatted by the domain's display helpers (swelltrack/display.h).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swelltrack::cli {

/// A plain aligned text table; widths count UTF-8 characters (wide CJK characters as two).
class Table {
   public:
    explicit Table(std::vector<std::string> header, std::vector<bool> right_aligned = {});
    void add(std::vector<std::string> row);
    std::string str() const;

   private:
    std::vector<std::vector<std::string>> rows_;
    std::vector<bool> right_;
};

/// Display width of UTF-8 text in a terminal.
std::size_t display_width(std::string_view text);

}  // namespace swelltrack::cli
