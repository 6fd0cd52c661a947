#pragma once
// Who needs attention first: one line per client, worst first (DESIGN sections 1 and 5).
#include <optional>
#include <string>
#include <vector>

#include "swelltrack/analysis.h"

namespace swelltrack {

struct ClientStatus {
    Client client;
    std::optional<Session> latest;          // newest session, if any
    std::optional<SessionFigures> figures;  // its figures
    std::optional<double> change_pct;       // RVC (unilateral) or the largest WAC (bilateral) of the latest
    int alert_rank = 0;                     // 2 = range/infection, 1 = watch, 0 = none
    std::string reason;                     // one line: the worst alert, or the main figure
};

/// Summarises one analysed history (possibly only baseline + recent sessions).
ClientStatus summarize(const History& history);

/// Sorts worst first: by alert rank, then by change since baseline (largest first), then by name.
void sort_worst_first(std::vector<ClientStatus>& statuses);

}  // namespace swelltrack
