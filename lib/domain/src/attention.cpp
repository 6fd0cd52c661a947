// The one table of attention words (attention.h).
#include "swelltrack/attention.h"

#include <array>

namespace swelltrack {
namespace {

constexpr display::AttentionWords levels[] = {
    {Attention::none, "none", "OK", "ok", "", "no alert"},
    {Attention::watch, "watch", "Watch", "watch", "!", "a watch-level alert"},
    {Attention::act_now, "act now", "Act now", "act", "!!", "a range-level or infection-sign alert"},
};

// The enum table's spellings are the words above, so parsing and printing cannot drift from them.
constexpr auto names = [] {
    std::array<detail::EnumName<Attention>, std::size(levels)> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = {levels[i].level, levels[i].word};
    return out;
}();

}  // namespace

detail::EnumTable<Attention> enum_table(Attention) { return {"attention", names}; }

namespace display {

std::span<const AttentionWords> attention_levels() { return levels; }

const AttentionWords& attention(Attention level) {
    for (const auto& w : levels)
        if (w.level == level) return w;
    return levels[0];  // unreachable: every level is in the table
}

}  // namespace display
}  // namespace swelltrack
