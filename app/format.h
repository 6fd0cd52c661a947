#pragma once
// How the command line prints figures: the same rounding everywhere, "-" where a figure is missing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/analysis.h"

namespace swelltrack::cli {

std::string ml(std::optional<double> v);           // "2143 mL" style without the unit: "2143"
std::string signed_ml(std::optional<double> v);    // "+143"
std::string pct(std::optional<double> v);          // "+9.1%"
std::string alert_codes(const SessionFigures& f);  // "rvc_5,rapid_rise"
/// The change figure a client is judged by: RVC for one affected side, WAC per side for both.
std::string change_text(const Client& c, const SessionFigures& f);
/// The largest point difference in the client's unit, e.g. "1.2 cm at point 6".
std::string point_diff_text(const Client& c, const SessionFigures& f);

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
