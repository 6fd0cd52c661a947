#pragma once
// Who needs attention first: one line per client, worst first (docs/clinical.md#attention-ranking-status).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "swelltrack/analysis.h"

namespace swelltrack {

/// Infection signs logged this many days before now keep a client at "act now"
/// (docs/clinical.md#attention-ranking-status).
inline constexpr int infection_window_days = 14;

/// Which session a status line speaks of: enough to name it and date it, not its values.
struct SessionRef {
    std::int64_t id = 0;
    DateTime recorded_at;
    std::string protocol;
    friend bool operator==(const SessionRef&, const SessionRef&) = default;
};

struct ClientStatus {
    Client client;
    std::optional<SessionRef> latest;       // newest session, if any
    std::optional<SessionRef> compared;     // the session attention is read from (History::current)
    std::optional<SessionFigures> figures;  // its figures
    std::optional<DateTime> baseline_at;    // the baseline `compared` is compared with
    std::string baseline_reason;            // why that session is the baseline
    /// The compared session's alerts other than infection signs; the rapid_rise and point_2cm
    /// alerts of later (not comparable) sessions; one infection_signs alert when a session in the
    /// last infection_window_days logged them.
    std::vector<Alert> alerts;
    std::optional<double> change_pct;       // RVC (unilateral) or the largest WAC (bilateral) of `compared`
    Attention attention = Attention::none;  // the worst of `alerts`
    std::string reason;                     // one line: the worst alert, or the main figure
    std::optional<int> days_since_last;     // whole days from the newest session to now
    bool overdue = false;                   // the client has a schedule and the newest session is older
};

/// What a client's status is from the data alone, whatever the time it is read at: the store
/// keeps one per client (docs/architecture.md#stored-statuses) and status_at finishes it.
struct StatusFacts {
    /// Everything but what depends on `now`: `alerts` without the infection-signs alert, and
    /// attention, reason, days_since_last and overdue not yet set.
    ClientStatus status;
    /// The newest session that logged infection signs, if any, and its alert's message with its
    /// day: it keeps the client at "act now" while it is within infection_window_days of now.
    std::optional<DateTime> infection_at;
    std::string infection_message;
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
    /// One session by id, if it exists.
    virtual std::optional<Session> session_by_id(std::int64_t session_id) = 0;
};

/// What status needs of one client without reading every session: the sessions from
/// min(newest - window_days, now - infection_window_days) to the newest, plus each pinned baseline
/// session. When that window holds no session comparable with its protocol's pin (or the one it
/// holds is too close to the window's start for what its alerts look back at), or the client has
/// more than one pinned protocol (changes carry on across them), every session.
/// analyze_history over the result gives History::current the same figures as over all sessions.
std::vector<Session> status_sessions(SessionReader& reader, const Client& client, const std::vector<BaselinePin>& pins,
                                     int window_days, date::sys_seconds now);

/// The attention rule (docs/clinical.md#attention-ranking-status), from one analysed history (possibly only the
/// sessions status_sessions returns): alerts of History::current plus infection signs logged in
/// the last infection_window_days before `now`; days since the newest session; overdue when the
/// client's schedule says so. The same as status_at(status_facts(history), now).
ClientStatus summarize(const History& history, date::sys_seconds now);

/// The part of summarize that does not depend on the time. Over the sessions status_sessions
/// returns for some `then`, the facts hold for every `now` >= `then` (an infection-signs session
/// it left out is older than then - infection_window_days).
StatusFacts status_facts(const History& history);

/// The part of summarize that does: the infection-signs alert while recent, the worst alert's
/// attention and the reason, days since the newest session, overdue.
ClientStatus status_at(StatusFacts facts, date::sys_seconds now);

/// "Not measured for a while": the client has no schedule of her own (a schedule makes her
/// overdue instead) and her newest session is more than `check_in_days` days old
/// (AlertThresholds::check_in_days, the clinic's default check-in).
bool check_in_due(const ClientStatus& st, int check_in_days);

/// For each session, the attention status would have given right after it was recorded: as
/// summarize over the sessions up to it, read at its time (the history's baselines and alerts, which
/// never look ahead). `history --format json` gives it per session.
std::vector<Attention> attention_after_each(const History& history);

/// Sorts worst first: by attention, then overdue, then by change since baseline (largest first), then by name.
void sort_worst_first(std::vector<ClientStatus>& statuses);

}  // namespace swelltrack
