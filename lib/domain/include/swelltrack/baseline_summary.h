#pragma once
// The baseline-versus-latest summary: one model for `client show`, the web client page and the
// trend report's summary box. It says which two sessions are compared and which figures, with
// their labels and values, so the faces cannot differ; each face draws it its own way (a terminal
// table, an HTML table, a PDF box).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "swelltrack/analysis.h"

namespace swelltrack::display {

/// How a row's values read, for faces that lay them out.
enum class SummaryValues {
    figures,    // numbers with their units: kept on one line
    words,      // a class, a list or a place in words ("+1.4 cm at point 10"): may wrap
    statement,  // one sentence for both sessions, in `baseline`; `latest` is empty
};

/// One figure at the baseline session and at the latest, as printed ("-" where not computable).
struct SummaryRow {
    std::string figure;    // "Left arm volume (affected)"
    std::string baseline;  // "3059 mL"
    std::string latest;    // "3259 mL"
    SummaryValues values = SummaryValues::figures;
};

struct BaselineSummary {
    std::size_t baseline = 0;              // index into History::sessions
    std::size_t latest = 0;                // index into History::sessions
    std::string baseline_day, latest_day;  // their local dates: "2025-03-01"
    std::size_t later = 0;  // sessions (of those shown) after `latest`: partial, symptoms only or another protocol
    std::vector<SummaryRow> rows;
};

/// The summary of the sessions `shown` (indices into h.sessions, oldest first). Latest: the newest
/// shown session comparable with its protocol's baseline, else the newest shown with both sides
/// complete, else the newest shown (so with every session shown it is History::current). Baseline:
/// the baseline of latest's protocol, else History::baseline. nullopt without a baseline or with
/// nothing shown.
std::optional<BaselineSummary> baseline_summary(const History& h, std::span<const std::size_t> shown);
/// The same with every session shown.
std::optional<BaselineSummary> baseline_summary(const History& h);

}  // namespace swelltrack::display
