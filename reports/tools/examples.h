#pragma once
// Realistic synthetic clients (no real person's data) for looking at reports and for their tests.
#include <string>
#include <vector>

#include "swelltrack/analysis.h"
#include "swelltrack/status.h"

namespace swelltrack::examples {

/// 18 months of weekly arm sessions, left arm affected: a slow rise, a cellulitis episode (redness
/// and warmth, a volume jump) around month 10, then recovery with treatment. Symptoms, notes, weights.
History arm_client(const std::string& name = "Zoë Ødegård");
/// Both legs affected, fortnightly for a year with body weights (so WAC applies), one missing point.
History bilateral_legs_client(const std::string& name = "Maria Schäfer");
/// Daily arm sessions for `years` (about 365 per year), right arm affected, with tape noise.
History daily_client(int years = 5, const std::string& name = "Daily Dana");
/// `count` clients' statuses (each from a short history), sorted worst first.
std::vector<ClientStatus> clinic(int count);

}  // namespace swelltrack::examples
