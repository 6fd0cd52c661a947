// Stored statuses (docs/architecture.md#stored-statuses): each client's StatusFacts in one
// client_status row, recomputed before every write transaction commits when the schema's triggers
// marked it stale, and read back by load_statuses. The rule itself is the domain's
// (status_sessions, status_facts, status_at); this file only keeps its result.
#include <cmath>
#include <stdexcept>

#include "store_impl.h"
#include "swelltrack/clinical.h"

namespace swelltrack {
namespace {

std::int64_t seconds_of(const DateTime& t) { return t.utc.time_since_epoch().count(); }

DateTime instant(std::int64_t utc, int offset_min) {
    return {date::sys_seconds{std::chrono::seconds{utc}}, std::chrono::minutes{offset_min}};
}

// Alerts as lines of "code message"; a backslash or a line break within a message is escaped.
std::string pack_alerts(const std::vector<Alert>& alerts) {
    std::string out;
    for (const auto& a : alerts) {
        out += to_string(a.code);
        out += ' ';
        for (char ch : a.message) {
            if (ch == '\\')
                out += "\\\\";
            else if (ch == '\n')
                out += "\\n";
            else
                out += ch;
        }
        out += '\n';
    }
    return out;
}

std::vector<Alert> unpack_alerts(std::string_view text) {
    std::vector<Alert> out;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        const auto space = line.find(' ');
        auto code = parse_alert_code(line.substr(0, space));
        if (!code || space == std::string_view::npos) throw std::runtime_error("client_status: unreadable alert");
        Alert a{*code, {}};
        for (std::size_t i = space + 1; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) {
                a.message += line[i + 1] == 'n' ? '\n' : line[i + 1];
                ++i;
            } else {
                a.message += line[i];
            }
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::optional<IslSeverity> parse_isl(std::string_view text) {
    for (auto s : {IslSeverity::mild, IslSeverity::moderate, IslSeverity::severe})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

template <class T>
void bind_optional(SQLite::Statement& q, int i, const std::optional<T>& v) {
    if (v)
        q.bind(i, *v);
    else
        q.bind(i);
}

std::optional<double> real_at(SQLite::Statement& q, int i) {
    if (q.isColumnNull(i)) return std::nullopt;
    return q.getColumn(i).getDouble();
}

std::optional<DateTime> instant_at(SQLite::Statement& q, int i) {
    if (q.isColumnNull(i)) return std::nullopt;
    return instant(q.getColumn(i).getInt64(), q.getColumn(i + 1).getInt());
}

std::optional<SessionRef> ref_at(SQLite::Statement& q, int i) {
    if (q.isColumnNull(i)) return std::nullopt;
    return SessionRef{q.getColumn(i).getInt64(), instant(q.getColumn(i + 1).getInt64(), q.getColumn(i + 2).getInt()),
                      q.getColumn(i + 3).getString()};
}

}  // namespace

namespace storage {

// The columns status_row reads, in its order; the first is `stale`.
const char* const status_columns =
    "st.stale, st.valid_from_utc, st.latest_id, st.latest_utc, st.latest_offset_min, st.latest_protocol, "
    "st.compared_id, st.compared_utc, st.compared_offset_min, st.compared_protocol, st.baseline_utc, "
    "st.baseline_offset_min, st.baseline_reason, st.has_figures, st.left_ml, st.right_ml, st.left_complete, "
    "st.right_complete, st.partial, st.diff_ml, st.excess_pct, st.rvc_pct, st.wac_left_pct, st.wac_right_pct, "
    "st.point_diff_index, st.point_diff_cm, st.ctcae_grade, st.isl_severity, st.figure_alerts, st.alerts, "
    "st.change_pct, st.infection_utc, st.infection_offset_min, st.infection_message";

std::optional<StoredStatus> status_row(SQLite::Statement& q, int first, Client client) {
    const int c = first;
    if (q.isColumnNull(c) || q.getColumn(c).getInt() != 0) return std::nullopt;  // no row, or stale
    StoredStatus out;
    if (!q.isColumnNull(c + 1)) out.valid_from_utc = q.getColumn(c + 1).getInt64();
    ClientStatus& st = out.facts.status;
    st.client = std::move(client);
    st.latest = ref_at(q, c + 2);
    st.compared = ref_at(q, c + 6);
    st.baseline_at = instant_at(q, c + 10);
    st.baseline_reason = q.getColumn(c + 12).getString();
    if (q.getColumn(c + 13).getInt() != 0) {
        SessionFigures f;
        f.left_ml = real_at(q, c + 14);
        f.right_ml = real_at(q, c + 15);
        f.left_complete = q.getColumn(c + 16).getInt() != 0;
        f.right_complete = q.getColumn(c + 17).getInt() != 0;
        f.partial = q.getColumn(c + 18).getInt() != 0;
        f.diff_ml = real_at(q, c + 19);
        f.excess_pct = real_at(q, c + 20);
        f.rvc_pct = real_at(q, c + 21);
        if (auto v = real_at(q, c + 22)) f.wac_pct[Side::left] = *v;
        if (auto v = real_at(q, c + 23)) f.wac_pct[Side::right] = *v;
        if (!q.isColumnNull(c + 24))
            f.max_point_diff = PointDifference{static_cast<std::size_t>(q.getColumn(c + 24).getInt64()),
                                               q.getColumn(c + 25).getDouble()};
        if (!q.isColumnNull(c + 26)) f.ctcae_grade = q.getColumn(c + 26).getInt();
        if (!q.isColumnNull(c + 27)) f.isl_severity = parse_isl(q.getColumn(c + 27).getString());
        f.alerts = unpack_alerts(q.getColumn(c + 28).getString());
        st.figures = std::move(f);
    }
    st.alerts = unpack_alerts(q.getColumn(c + 29).getString());
    st.change_pct = real_at(q, c + 30);
    out.facts.infection_at = instant_at(q, c + 31);
    out.facts.infection_message = q.getColumn(c + 33).getString();
    return out;
}

}  // namespace storage

StoredStatus Store::Impl::compute_status(const Client& client, const StatusSettings& settings) {
    StoredStatus out;
    auto pins = this->pins(client.id);
    // Read as of the newest session: the facts then hold for every read at or after it
    // (status_facts), which is every read once the clock has passed the newest session.
    out.valid_from_utc = newest_instant(client.id);
    const date::sys_seconds then{std::chrono::seconds{out.valid_from_utc.value_or(0)}};
    ImplReader reader(*this);
    auto sessions = status_sessions(reader, client, pins, settings.thresholds.lookback_days(), then);
    out.facts = status_facts(
        analyze_history(client, std::move(sessions), settings.protocols, settings.method, settings.thresholds, pins));
    return out;
}

void Store::Impl::put_status(std::int64_t client_id, const StoredStatus& s) {
    SQLite::Statement q(
        db,
        "INSERT OR REPLACE INTO client_status (client_id, stale, valid_from_utc, latest_id, latest_utc, "
        "latest_offset_min, latest_protocol, compared_id, compared_utc, compared_offset_min, "
        "compared_protocol, baseline_utc, baseline_offset_min, baseline_reason, has_figures, left_ml, "
        "right_ml, left_complete, right_complete, partial, diff_ml, excess_pct, rvc_pct, wac_left_pct, "
        "wac_right_pct, point_diff_index, point_diff_cm, ctcae_grade, isl_severity, figure_alerts, "
        "alerts, change_pct, infection_utc, infection_offset_min, infection_message) VALUES (?1, 0, "
        "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
        "?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)");
    const ClientStatus& st = s.facts.status;
    q.bind(1, client_id);
    bind_optional(q, 2, s.valid_from_utc);
    auto bind_ref = [&](int i, const std::optional<SessionRef>& r) {
        if (!r) return;  // unbound parameters are NULL
        q.bind(i, r->id);
        q.bind(i + 1, seconds_of(r->recorded_at));
        q.bind(i + 2, static_cast<int>(r->recorded_at.offset.count()));
        q.bind(i + 3, r->protocol);
    };
    auto bind_instant = [&](int i, const std::optional<DateTime>& t) {
        if (!t) return;
        q.bind(i, seconds_of(*t));
        q.bind(i + 1, static_cast<int>(t->offset.count()));
    };
    bind_ref(3, st.latest);
    bind_ref(7, st.compared);
    bind_instant(11, st.baseline_at);
    q.bind(13, st.baseline_reason);
    q.bind(14, st.figures ? 1 : 0);
    for (int i : {17, 18, 19}) q.bind(i, 0);  // NOT NULL flags and figure alerts when there are no figures
    q.bind(29, std::string());
    if (st.figures) {
        const auto& f = *st.figures;
        bind_optional(q, 15, f.left_ml);
        bind_optional(q, 16, f.right_ml);
        q.bind(17, f.left_complete ? 1 : 0);
        q.bind(18, f.right_complete ? 1 : 0);
        q.bind(19, f.partial ? 1 : 0);
        bind_optional(q, 20, f.diff_ml);
        bind_optional(q, 21, f.excess_pct);
        bind_optional(q, 22, f.rvc_pct);
        for (auto [side, v] : f.wac_pct) q.bind(side == Side::left ? 23 : 24, v);
        if (f.max_point_diff) {
            q.bind(25, static_cast<std::int64_t>(f.max_point_diff->point_index));
            q.bind(26, f.max_point_diff->difference_cm);
        }
        bind_optional(q, 27, f.ctcae_grade);
        if (f.isl_severity) q.bind(28, std::string(to_string(*f.isl_severity)));
        q.bind(29, pack_alerts(f.alerts));
    }
    q.bind(30, pack_alerts(st.alerts));
    bind_optional(q, 31, st.change_pct);
    bind_instant(32, s.facts.infection_at);
    q.bind(34, s.facts.infection_message);
    q.exec();
}

Store::Impl::StatusSettings Store::Impl::status_settings() {
    StatusSettings s;
    s.protocols = builtin_protocols();
    const auto& user = user_protocols();
    s.protocols.insert(s.protocols.end(), user.begin(), user.end());
    s.method = read_volume_method();
    s.thresholds = read_thresholds();
    return s;
}

void Store::Impl::refresh_statuses() {
    std::vector<std::int64_t> stale;
    {
        SQLite::Statement q(db, "SELECT client_id FROM client_status WHERE stale = 1");
        while (q.executeStep()) stale.push_back(q.getColumn(0).getInt64());
    }
    if (stale.empty()) return;
    protocols_loaded_ = false;  // this transaction may have added one
    const auto settings = status_settings();
    for (auto id : stale)
        if (auto client = client_by_id(id)) put_status(id, compute_status(*client, settings));
}

std::vector<ClientStatus> Store::load_statuses(date::sys_seconds now) const {
    return impl_->guard([&] {
        // One read transaction: every client is read from the same snapshot, and the file lock is
        // taken once instead of once per statement.
        ReadSnapshot snapshot(impl_->db);
        SQLite::Statement q(impl_->db, "SELECT " + std::string(storage::client_select_columns) + ", " +
                                           storage::status_columns +
                                           " FROM clients c LEFT JOIN client_status st ON st.client_id = c.id "
                                           "WHERE c.archived = 0 ORDER BY c.name");
        std::optional<Impl::StatusSettings> settings;  // read only when a status is computed here
        std::vector<ClientStatus> out;
        out.reserve(static_cast<std::size_t>(
            impl_->db.execAndGet("SELECT count(*) FROM clients WHERE archived = 0").getInt64()));
        while (q.executeStep()) out.push_back(impl_->read_status(q, now, false, settings).status);
        sort_worst_first(out);
        return out;
    });
}

Store::Impl::RowStatus Store::Impl::read_status(SQLite::Statement& q, date::sys_seconds now, bool keep_facts,
                                                std::optional<StatusSettings>& settings) {
    auto client = storage::read_client(q);
    auto stored = storage::status_row(q, storage::client_column_count, client);
    RowStatus out;
    if (stored && (!stored->valid_from_utc || *stored->valid_from_utc <= now.time_since_epoch().count())) {
        if (keep_facts) {
            out.facts = std::move(stored->facts);
            out.status = status_at(*out.facts, now);
        } else {
            out.status = status_at(std::move(stored->facts), now);
        }
        return out;
    }
    if (!settings) settings = status_settings();
    auto pins = this->pins(client.id);
    ImplReader reader(*this);
    auto sessions = status_sessions(reader, client, pins, settings->thresholds.lookback_days(), now);
    out.status = summarize(
        analyze_history(client, std::move(sessions), settings->protocols, settings->method, settings->thresholds, pins),
        now);
    return out;
}

void Store::update_statuses(StatusList& list, date::sys_seconds now) const {
    impl_->guard([&] {
        ReadSnapshot snapshot(impl_->db);
        SQLite::Statement seq(impl_->db, "SELECT written, removed FROM status_seq");
        if (!seq.executeStep()) throw std::runtime_error("status_seq: no row");
        const auto written = seq.getColumn(0).getInt64(), removed = seq.getColumn(1).getInt64();
        const std::string select = "SELECT " + std::string(storage::client_select_columns) + ", " +
                                   storage::status_columns +
                                   " FROM clients c LEFT JOIN client_status st ON st.client_id = c.id ";
        std::optional<Impl::StatusSettings> settings;
        auto read = [&](SQLite::Statement& q) {
            int rows = 0;
            for (; q.executeStep(); ++rows) {
                const auto id = q.getColumn(0).getInt64();
                auto row = impl_->read_status(q, now, true, settings);
                if (row.status.client.archived)
                    list.entries_.erase(id);
                else
                    list.entries_[id] = {std::move(row.facts), std::move(row.status)};
            }
            return rows;
        };
        // Statuses computed at the last update's `now` (no facts) are read again, as are all of
        // them after a deletion: a row that is gone leaves nothing to read.
        std::vector<std::int64_t> again;
        const bool full = list.written_ < 0 || removed > list.written_;
        if (full) {
            list.entries_.clear();
            SQLite::Statement q(impl_->db, select + "WHERE c.archived = 0");
            read(q);
        } else {
            for (const auto& [id, e] : list.entries_)
                if (!e.facts) again.push_back(id);
            if (written != list.written_) {
                SQLite::Statement q(impl_->db, select + "WHERE st.written_seq > ?");
                q.bind(1, list.written_);
                read(q);
            }
            if (!again.empty()) {
                SQLite::Statement q(impl_->db, select + "WHERE c.id = ?");
                for (auto id : again) {
                    q.reset();
                    q.bind(1, id);
                    if (read(q) == 0) list.entries_.erase(id);
                }
            }
        }
        // The time-dependent part of the statuses not read now, when the time has changed.
        if (!full && now != list.now_)
            for (auto& [id, e] : list.entries_)
                if (e.facts) e.status = status_at(*e.facts, now);
        list.written_ = written;
        list.now_ = now;
        list.sorted_.clear();
        list.sorted_.reserve(list.entries_.size());
        for (const auto& [id, e] : list.entries_) list.sorted_.push_back(e.status);
        sort_worst_first(list.sorted_);
    });
}

}  // namespace swelltrack
