#pragma once
// Who needs attention first: one line per client, worst first (docs/clinical.md#attention-ranking-status).
#include <cstdint>
#include <limits>
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

/// The widest range of instants (UTC seconds) a SessionReader is asked for: all of a client's sessions.
inline constexpr std::int64_t first_utc = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t last_utc = std::numeric_limits<std::int64_t>::max();

/// Where status reads a client's sessions from; the store implements it. Instants are UTC seconds.
class SessionReader {
   public:
    virtual ~SessionReader() = default;
    /// Sessions with from <= recorded_at <= to, oldest first, at most `limit` (-1: all).
    virtual std::vector<Session> sessions_between(std::int64_t client_id, std::int64_t from_utc, std::int64_t to_utc,
                                                  std::int64_t limit) = 0;
    /// The newest session's instant, if the client has any.
    virtual std::optional<std::int64_t> newest_utc(std::int64_t client_id) = 0;
};

/// What status needs of one client without reading every session: the sessions in the
/// `window_days` before the newest one, and the earliest ones up to the baseline (find_baseline).
/// When the baseline is not among the first few, or the window holds no complete session, every
/// session. analyze_history over them gives the newest session the same figures as over all.
std::vector<Session> status_sessions(SessionReader& reader, std::int64_t client_id, int window_days);

/// Summarises one analysed history (possibly only baseline + recent sessions).
ClientStatus summarize(const History& history);

/// Sorts worst first: by alert rank, then by change since baseline (largest first), then by name.
void sort_worst_first(std::vector<ClientStatus>& statuses);

}  // namespace swelltrack
