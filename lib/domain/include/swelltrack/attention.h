#pragma once
// How urgently a client needs attention (docs/clinical.md#attention-ranking-status), and the one
// table of words every face shows a level with: the CLI, the web pages and the PDFs pick from it.
#include <span>
#include <string_view>

#include "swelltrack/detail/enum_table.h"

namespace swelltrack {

/// Ordered: act_now > watch > none, so the worst of several levels is their maximum. The values
/// are the numbers scripts read (`attention` in `status --format json` and /api/status): never
/// renumber them.
enum class Attention { none = 0, watch = 1, act_now = 2 };

detail::EnumTable<Attention> enum_table(Attention);  // none, watch, act now

/// The level as JSON gives it: 0, 1 or 2.
constexpr int to_number(Attention level) { return static_cast<int>(level); }

namespace display {

/// A level's words, one per face that shows it differently.
struct AttentionWords {
    Attention level;
    std::string_view word;         // in sentences and the CLI: "act now" (to_string gives the same)
    std::string_view badge;        // a web page's badge: "Act now"
    std::string_view badge_class;  // that badge's CSS class beside "badge": "act"
    std::string_view mark;         // the status table's narrow first column: "!!"
    std::string_view meaning;      // what puts a client there: "a range-level or infection-sign alert"
};

/// Every level, none first.
std::span<const AttentionWords> attention_levels();
/// One level's words: display::attention(st.attention).badge.
const AttentionWords& attention(Attention level);

}  // namespace display
}  // namespace swelltrack
