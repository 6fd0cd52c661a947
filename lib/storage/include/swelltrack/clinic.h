#pragma once
// The therapist's view across clients: every active client's latest figures, worst first.
#include <vector>

#include "swelltrack/status.h"
#include "swelltrack/store.h"

namespace swelltrack {

/// Loads, for each active client, only the sessions status needs (baseline and the recent
/// window), computes the latest figures and sorts worst first. Used by `status` and the clinic summary.
std::vector<ClientStatus> load_statuses(const Store& store);

}  // namespace swelltrack
