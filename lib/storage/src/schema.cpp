// The schema history. Each entry turns version N-1 into N; a new database runs them all, so there
// is one path to the current schema. Never edit a released step: add a new one.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "store_impl.h"
#include "swelltrack/analysis.h"

namespace swelltrack {
namespace {

// Version 1: clients, sessions (the instant and its offset, protocol, context, weight, notes) and
// one row per circumference value. A client's history by date is a range scan of
// sessions_by_client_time, which also makes (client, instant) unique for re-imports.
constexpr const char* v1 = R"sql(
CREATE TABLE clients (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 200),
    birth_year    INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2200),
    condition     TEXT NOT NULL DEFAULT '',
    limb          TEXT NOT NULL CHECK (limb IN ('arm', 'leg')),
    affected      TEXT NOT NULL CHECK (affected IN ('left', 'right', 'both')),
    baseline_date TEXT CHECK (baseline_date IS NULL OR baseline_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    unit          TEXT NOT NULL CHECK (unit IN ('cm', 'in')),
    notes         TEXT NOT NULL DEFAULT '',
    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    recorded_at_utc INTEGER NOT NULL,  -- seconds since 1970-01-01T00:00Z
    utc_offset_min  INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -840 AND 840),
    protocol        TEXT NOT NULL,
    recorded_by     TEXT NOT NULL DEFAULT 'self',
    context         TEXT NOT NULL DEFAULT 'routine' CHECK (context IN ('routine', 'before', 'after')),
    weight_kg       REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 2 AND 400),
    notes           TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX sessions_by_client_time ON sessions (client_id, recorded_at_utc);
CREATE TABLE measurements (
    session_id       INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    side             TEXT NOT NULL CHECK (side IN ('left', 'right')),
    point_index      INTEGER NOT NULL CHECK (point_index BETWEEN 0 AND 99),
    circumference_mm REAL NOT NULL CHECK (circumference_mm BETWEEN 50 AND 1500),
    PRIMARY KEY (session_id, side, point_index)
) WITHOUT ROWID;
)sql";

// Version 2: what was felt and seen, and what was worn and done. Symptoms get their own table
// (most home logs have none); skin, compression and treatment are columns of the session.
constexpr const char* v2 = R"sql(
ALTER TABLE sessions ADD COLUMN compression TEXT NOT NULL DEFAULT 'none'
    CHECK (compression IN ('none', 'bandage', 'garment'));
ALTER TABLE sessions ADD COLUMN compression_known INTEGER NOT NULL DEFAULT 0 CHECK (compression_known IN (0, 1));
ALTER TABLE sessions ADD COLUMN compression_class INTEGER
    CHECK (compression_class IS NULL OR compression_class BETWEEN 1 AND 4);
ALTER TABLE sessions ADD COLUMN compression_mmhg_low INTEGER
    CHECK (compression_mmhg_low IS NULL OR compression_mmhg_low BETWEEN 1 AND 100);
ALTER TABLE sessions ADD COLUMN compression_mmhg_high INTEGER
    CHECK (compression_mmhg_high IS NULL OR compression_mmhg_high BETWEEN 1 AND 100);
ALTER TABLE sessions ADD COLUMN mld_minutes INTEGER CHECK (mld_minutes IS NULL OR mld_minutes BETWEEN 0 AND 600);
ALTER TABLE sessions ADD COLUMN bandaging INTEGER NOT NULL DEFAULT 0 CHECK (bandaging IN (0, 1));
ALTER TABLE sessions ADD COLUMN exercise INTEGER NOT NULL DEFAULT 0 CHECK (exercise IN (0, 1));
ALTER TABLE sessions ADD COLUMN skin_flags INTEGER NOT NULL DEFAULT 0 CHECK (skin_flags BETWEEN 0 AND 255);
ALTER TABLE sessions ADD COLUMN skin_note TEXT NOT NULL DEFAULT '';
CREATE TABLE symptoms (
    session_id        INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    heaviness         INTEGER CHECK (heaviness IS NULL OR heaviness BETWEEN 0 AND 10),
    tightness         INTEGER CHECK (tightness IS NULL OR tightness BETWEEN 0 AND 10),
    pain              INTEGER CHECK (pain IS NULL OR pain BETWEEN 0 AND 10),
    swelling          INTEGER CHECK (swelling IS NULL OR swelling BETWEEN 0 AND 10),
    pitting_grade     INTEGER CHECK (pitting_grade IS NULL OR pitting_grade BETWEEN 0 AND 4),
    pitting_depth_mm  REAL CHECK (pitting_depth_mm IS NULL OR pitting_depth_mm BETWEEN 0 AND 50),
    pitting_rebound_s REAL CHECK (pitting_rebound_s IS NULL OR pitting_rebound_s BETWEEN 0 AND 600),
    stemmer           TEXT NOT NULL DEFAULT 'not-checked' CHECK (stemmer IN ('not-checked', 'negative', 'positive')),
    isl_stage         INTEGER CHECK (isl_stage IS NULL OR isl_stage BETWEEN 0 AND 3)
);
)sql";

// Version 3: user-defined protocols (built-ins stay in code) and settings (alert thresholds,
// volume method). Positions are kept as the shortest exact decimal text, e.g. "0,4,8.5".
constexpr const char* v3 = R"sql(
CREATE TABLE protocols (
    name         TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^a-z0-9._-]*'),
    limb         TEXT NOT NULL CHECK (limb IN ('arm', 'leg')),
    positions_cm TEXT NOT NULL CHECK (positions_cm <> '')
) WITHOUT ROWID;
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 4, for import speed (docs/performance.md: >= 1 million values/s):
// - the circumferences of one side of one session are packed into one row (a BLOB of
//   little-endian float64 millimetres, NaN = not measured) instead of one row per value, so a
//   session is 3-4 rows instead of ~25. SQL can check only the blob's shape; value ranges are
//   checked on every write and by `swelltrack check`.
// - sessions is rebuilt with its CHECKs written as OR instead of IN: an IN list in a CHECK
//   opens an ephemeral table on every insert (about a fifth of the insert time).
// migrate() runs this with foreign keys off (SQLite's table-rebuild procedure) and checks them
// before committing.
constexpr const char* v4 = R"sql(
CREATE TABLE sessions_v4 (
    id                    INTEGER PRIMARY KEY,
    client_id             INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    recorded_at_utc       INTEGER NOT NULL,  -- seconds since 1970-01-01T00:00Z
    utc_offset_min        INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -840 AND 840),
    protocol              TEXT NOT NULL,
    recorded_by           TEXT NOT NULL DEFAULT 'self',
    context               TEXT NOT NULL DEFAULT 'routine'
                          CHECK (context = 'routine' OR context = 'before' OR context = 'after'),
    weight_kg             REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 2 AND 400),
    notes                 TEXT NOT NULL DEFAULT '',
    compression           TEXT NOT NULL DEFAULT 'none'
                          CHECK (compression = 'none' OR compression = 'bandage' OR compression = 'garment'),
    compression_known     INTEGER NOT NULL DEFAULT 0 CHECK (compression_known BETWEEN 0 AND 1),
    compression_class     INTEGER CHECK (compression_class IS NULL OR compression_class BETWEEN 1 AND 4),
    compression_mmhg_low  INTEGER CHECK (compression_mmhg_low IS NULL OR compression_mmhg_low BETWEEN 1 AND 100),
    compression_mmhg_high INTEGER CHECK (compression_mmhg_high IS NULL OR compression_mmhg_high BETWEEN 1 AND 100),
    mld_minutes           INTEGER CHECK (mld_minutes IS NULL OR mld_minutes BETWEEN 0 AND 600),
    bandaging             INTEGER NOT NULL DEFAULT 0 CHECK (bandaging BETWEEN 0 AND 1),
    exercise              INTEGER NOT NULL DEFAULT 0 CHECK (exercise BETWEEN 0 AND 1),
    skin_flags            INTEGER NOT NULL DEFAULT 0 CHECK (skin_flags BETWEEN 0 AND 255),
    skin_note             TEXT NOT NULL DEFAULT ''
);
INSERT INTO sessions_v4 (id, client_id, recorded_at_utc, utc_offset_min, protocol, recorded_by, context, weight_kg,
                         notes, compression, compression_known, compression_class, compression_mmhg_low,
                         compression_mmhg_high, mld_minutes, bandaging, exercise, skin_flags, skin_note)
    SELECT id, client_id, recorded_at_utc, utc_offset_min, protocol, recorded_by, context, weight_kg,
           notes, compression, compression_known, compression_class, compression_mmhg_low,
           compression_mmhg_high, mld_minutes, bandaging, exercise, skin_flags, skin_note FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v4 RENAME TO sessions;
CREATE UNIQUE INDEX sessions_by_client_time ON sessions (client_id, recorded_at_utc);
CREATE TABLE side_values (
    session_id       INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    side             TEXT NOT NULL CHECK (side = 'left' OR side = 'right'),
    circumference_mm BLOB NOT NULL CHECK (typeof(circumference_mm) = 'blob'
                                          AND length(circumference_mm) BETWEEN 8 AND 800
                                          AND length(circumference_mm) % 8 = 0),
    PRIMARY KEY (session_id, side)
) WITHOUT ROWID;
)sql";

// Moves version 3's value rows into side_values, then drops them.
void pack_measurement_rows(SQLite::Database& db) {
    SQLite::Statement rows(db,
                           "SELECT session_id, side, point_index, circumference_mm FROM measurements "
                           "ORDER BY session_id, side, point_index");
    SQLite::Statement insert(db, "INSERT INTO side_values (session_id, side, circumference_mm) VALUES (?, ?, ?)");
    std::int64_t session = -1;
    std::string side;
    PointValues values;
    auto flush = [&] {
        if (session < 0) return;
        auto blob = storage::pack_mm(values);
        insert.bind(1, session);
        insert.bind(2, side);
        insert.bind(3, blob.data(), static_cast<int>(blob.size()));
        insert.exec();
        insert.reset();
    };
    while (rows.executeStep()) {
        auto id = rows.getColumn(0).getInt64();
        std::string s = rows.getColumn(1).getString();
        if (id != session || s != side) {
            flush();
            session = id;
            side = s;
            values.clear();
        }
        auto index = static_cast<std::size_t>(rows.getColumn(2).getInt());
        if (values.size() <= index) values.resize(index + 1);
        values[index] = rows.getColumn(3).getDouble();
    }
    flush();
    rows.reset();
    db.exec("DROP TABLE measurements");
}

// Version 5: figures a therapist can act on (docs/clinical.md#baseline).
// - baselines: each protocol's pinned baseline session per client; only `client baseline` moves
//   one. A pinned session cannot be deleted (RESTRICT) until another is pinned.
// - audit: every change (who, when, what, old and new values as JSON, reason), append-only: the
//   triggers refuse UPDATE and DELETE. No foreign key, so the trail outlives what it describes.
// - clients.every_days: the measurement schedule.
constexpr const char* v5 = R"sql(
ALTER TABLE clients ADD COLUMN every_days INTEGER CHECK (every_days IS NULL OR every_days BETWEEN 1 AND 365);
CREATE TABLE baselines (
    client_id     INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    protocol      TEXT NOT NULL,
    session_id    INTEGER NOT NULL REFERENCES sessions(id) ON DELETE RESTRICT,
    reason        TEXT NOT NULL,
    pinned_at_utc INTEGER NOT NULL,
    PRIMARY KEY (client_id, protocol)
) WITHOUT ROWID;
CREATE INDEX baselines_by_session ON baselines (session_id);
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at_utc      INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    client_id   INTEGER,
    client_name TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    old_value   TEXT,
    new_value   TEXT,
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_client ON audit (client_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql";

// Logins for the web face (swelltrack serve) and the calendar feeds' tokens. A client login sees
// one client: removing the client removes the login with it.
constexpr const char* v6 = R"sql(
CREATE TABLE users (
    login          TEXT PRIMARY KEY,
    role           TEXT NOT NULL CHECK (role IN ('therapist', 'client')),
    client_id      INTEGER REFERENCES clients(id) ON DELETE CASCADE,
    password_hash  TEXT NOT NULL,
    created_at_utc INTEGER NOT NULL,
    CHECK ((role = 'client') = (client_id IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX users_by_client ON users (client_id);
CREATE TABLE calendar_feeds (
    client_id      INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    token          TEXT NOT NULL UNIQUE,
    created_at_utc INTEGER NOT NULL
);
)sql";

// Version 7: each client's status as `status` shows it, kept current (docs/architecture.md#stored-statuses),
// so that reading every client's status reads one row each instead of analysing their sessions.
// - client_status: the time-independent part of the status (swelltrack/status.h, StatusFacts) as
//   columns: the newest and the compared session, the compared session's figures, the baseline,
//   the alerts ("code message" lines), the change and the newest infection-signs session. A row
//   holds for reads at or after valid_from_utc (NULL: any time).
// - stale = 1 says the row must be recomputed: the triggers below set it for every change that can
//   change a status, by any path (a Store method, an import, plain SQL); every write transaction of
//   the Store recomputes stale rows before it commits, and a read computes a stale row afresh.
// Every existing client starts stale; the Store computes them right after this step.
constexpr const char* v7 = R"sql(
CREATE TABLE client_status (
    client_id             INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    stale                 INTEGER NOT NULL DEFAULT 1 CHECK (stale BETWEEN 0 AND 1),
    valid_from_utc        INTEGER,
    latest_id             INTEGER,
    latest_utc            INTEGER,
    latest_offset_min     INTEGER,
    latest_protocol       TEXT,
    compared_id           INTEGER,
    compared_utc          INTEGER,
    compared_offset_min   INTEGER,
    compared_protocol     TEXT,
    baseline_utc          INTEGER,
    baseline_offset_min   INTEGER,
    baseline_reason       TEXT NOT NULL DEFAULT '',
    has_figures           INTEGER NOT NULL DEFAULT 0 CHECK (has_figures BETWEEN 0 AND 1),
    left_ml               REAL,
    right_ml              REAL,
    left_complete         INTEGER NOT NULL DEFAULT 0,
    right_complete        INTEGER NOT NULL DEFAULT 0,
    partial               INTEGER NOT NULL DEFAULT 0,
    diff_ml               REAL,
    excess_pct            REAL,
    rvc_pct               REAL,
    wac_left_pct          REAL,
    wac_right_pct         REAL,
    point_diff_index      INTEGER,
    point_diff_cm         REAL,
    ctcae_grade           INTEGER,
    isl_severity          TEXT,
    figure_alerts         TEXT NOT NULL DEFAULT '',
    alerts                TEXT NOT NULL DEFAULT '',
    change_pct            REAL,
    infection_utc         INTEGER,
    infection_offset_min  INTEGER,
    infection_message     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX client_status_stale ON client_status (client_id) WHERE stale = 1;
INSERT INTO client_status (client_id) SELECT id FROM clients;

CREATE TRIGGER status_client_add AFTER INSERT ON clients BEGIN
    INSERT OR REPLACE INTO client_status (client_id) VALUES (NEW.id);
END;
CREATE TRIGGER status_client_edit AFTER UPDATE ON clients BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id IN (OLD.id, NEW.id) AND stale = 0;
END;
CREATE TRIGGER status_session_add AFTER INSERT ON sessions BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id = NEW.client_id AND stale = 0;
END;
CREATE TRIGGER status_session_edit AFTER UPDATE ON sessions BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id) AND stale = 0;
END;
CREATE TRIGGER status_session_delete AFTER DELETE ON sessions BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id = OLD.client_id AND stale = 0;
END;
CREATE TRIGGER status_values_add AFTER INSERT ON side_values BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id = (SELECT client_id FROM sessions WHERE id = NEW.session_id) AND stale = 0;
END;
CREATE TRIGGER status_values_edit AFTER UPDATE ON side_values BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id IN (SELECT client_id FROM sessions WHERE id IN (OLD.session_id, NEW.session_id)) AND stale = 0;
END;
CREATE TRIGGER status_values_delete AFTER DELETE ON side_values BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id = (SELECT client_id FROM sessions WHERE id = OLD.session_id) AND stale = 0;
END;
CREATE TRIGGER status_symptoms_add AFTER INSERT ON symptoms BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id = (SELECT client_id FROM sessions WHERE id = NEW.session_id) AND stale = 0;
END;
CREATE TRIGGER status_symptoms_edit AFTER UPDATE ON symptoms BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id IN (SELECT client_id FROM sessions WHERE id IN (OLD.session_id, NEW.session_id)) AND stale = 0;
END;
CREATE TRIGGER status_symptoms_delete AFTER DELETE ON symptoms BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id = (SELECT client_id FROM sessions WHERE id = OLD.session_id) AND stale = 0;
END;
CREATE TRIGGER status_pin_add AFTER INSERT ON baselines BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id = NEW.client_id AND stale = 0;
END;
CREATE TRIGGER status_pin_edit AFTER UPDATE ON baselines BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id) AND stale = 0;
END;
CREATE TRIGGER status_pin_delete AFTER DELETE ON baselines BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id = OLD.client_id AND stale = 0;
END;
-- Every setting but the plausibility limits (which only refuse input) changes figures or alerts.
CREATE TRIGGER status_setting_add AFTER INSERT ON settings WHEN NEW.key NOT GLOB 'plausible_*' BEGIN
    UPDATE client_status SET stale = 1 WHERE stale = 0;
END;
CREATE TRIGGER status_setting_edit AFTER UPDATE ON settings
    WHEN OLD.value IS NOT NEW.value AND NEW.key NOT GLOB 'plausible_*' BEGIN
    UPDATE client_status SET stale = 1 WHERE stale = 0;
END;
CREATE TRIGGER status_setting_delete AFTER DELETE ON settings WHEN OLD.key NOT GLOB 'plausible_*' BEGIN
    UPDATE client_status SET stale = 1 WHERE stale = 0;
END;
-- A protocol's points give its sessions' volumes.
CREATE TRIGGER status_protocol_add AFTER INSERT ON protocols BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id IN (SELECT client_id FROM sessions WHERE protocol = NEW.name) AND stale = 0;
END;
CREATE TRIGGER status_protocol_edit AFTER UPDATE ON protocols BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id IN (SELECT client_id FROM sessions WHERE protocol IN (OLD.name, NEW.name)) AND stale = 0;
END;
CREATE TRIGGER status_protocol_delete AFTER DELETE ON protocols BEGIN
    UPDATE client_status SET stale = 1
     WHERE client_id IN (SELECT client_id FROM sessions WHERE protocol = OLD.name) AND stale = 0;
END;
)sql";

// Version 8: each client_status row says when it was last written, so that a list of every
// status kept in memory (the web face's) can re-read only the rows written since it last looked
// (docs/architecture.md#stored-statuses).
// - status_seq.written counts every write of a client_status row (inserted, replaced, marked stale);
//   the row's written_seq is the count at its last write. Triggers keep both, by any path.
// - status_seq.removed is the count at the last row deleted (a client deleted): a reader that
//   read up to an earlier count reads everything again.
// Existing rows keep written_seq 0: a reader's first read is a full one.
constexpr const char* v8 = R"sql(
ALTER TABLE client_status ADD COLUMN written_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX client_status_written ON client_status (written_seq);
CREATE TABLE status_seq (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    written  INTEGER NOT NULL,
    removed  INTEGER NOT NULL
);
INSERT INTO status_seq (id, written, removed) VALUES (1, 0, 0);

CREATE TRIGGER status_seq_insert AFTER INSERT ON client_status BEGIN
    UPDATE status_seq SET written = written + 1;
    UPDATE client_status SET written_seq = (SELECT written FROM status_seq) WHERE client_id = NEW.client_id;
END;
CREATE TRIGGER status_seq_update AFTER UPDATE ON client_status WHEN NEW.written_seq = OLD.written_seq BEGIN
    UPDATE status_seq SET written = written + 1;
    UPDATE client_status SET written_seq = (SELECT written FROM status_seq) WHERE client_id = NEW.client_id;
END;
CREATE TRIGGER status_seq_delete AFTER DELETE ON client_status BEGIN
    UPDATE status_seq SET written = written + 1, removed = written + 1;
END;
)sql";

// Version 9: the alert rules changed: the watch-level alerts need two sessions in a row
// (docs/clinical.md#one-noisy-session). No table changes; every stored status is computed again,
// by the Store right after this step.
constexpr const char* v9 = R"sql(
UPDATE client_status SET stale = 1 WHERE stale = 0;
)sql";

// Version 10: the alert rules changed again: a client whose sessions scatter more than measurement
// noise needs more sessions in a row (docs/clinical.md#noisy-measurements). Every stored status is
// computed again, as for version 9.
constexpr const char* v10 = v9;

// Version 11: a session's id names it on the web and in `session --id`, so an id is never given
// again once its session is deleted (AUTOINCREMENT; SQLite's table-rebuild procedure, as version 4,
// the status triggers made anew). And requests that may come again (a form posted twice, an API
// call retried) store their session once: `request` names one (its login, the client and the form's
// token or the Idempotency-Key); it goes with its session when that is deleted, and is forgotten
// after a week.
constexpr const char* v11 = R"sql(
CREATE TABLE sessions_v11 (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id             INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    recorded_at_utc       INTEGER NOT NULL,  -- seconds since 1970-01-01T00:00Z
    utc_offset_min        INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -840 AND 840),
    protocol              TEXT NOT NULL,
    recorded_by           TEXT NOT NULL DEFAULT 'self',
    context               TEXT NOT NULL DEFAULT 'routine'
                          CHECK (context = 'routine' OR context = 'before' OR context = 'after'),
    weight_kg             REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 2 AND 400),
    notes                 TEXT NOT NULL DEFAULT '',
    compression           TEXT NOT NULL DEFAULT 'none'
                          CHECK (compression = 'none' OR compression = 'bandage' OR compression = 'garment'),
    compression_known     INTEGER NOT NULL DEFAULT 0 CHECK (compression_known BETWEEN 0 AND 1),
    compression_class     INTEGER CHECK (compression_class IS NULL OR compression_class BETWEEN 1 AND 4),
    compression_mmhg_low  INTEGER CHECK (compression_mmhg_low IS NULL OR compression_mmhg_low BETWEEN 1 AND 100),
    compression_mmhg_high INTEGER CHECK (compression_mmhg_high IS NULL OR compression_mmhg_high BETWEEN 1 AND 100),
    mld_minutes           INTEGER CHECK (mld_minutes IS NULL OR mld_minutes BETWEEN 0 AND 600),
    bandaging             INTEGER NOT NULL DEFAULT 0 CHECK (bandaging BETWEEN 0 AND 1),
    exercise              INTEGER NOT NULL DEFAULT 0 CHECK (exercise BETWEEN 0 AND 1),
    skin_flags            INTEGER NOT NULL DEFAULT 0 CHECK (skin_flags BETWEEN 0 AND 255),
    skin_note             TEXT NOT NULL DEFAULT ''
);
INSERT INTO sessions_v11 (id, client_id, recorded_at_utc, utc_offset_min, protocol, recorded_by, context, weight_kg, notes, compression, compression_known, compression_class, compression_mmhg_low, compression_mmhg_high, mld_minutes, bandaging, exercise, skin_flags, skin_note)
    SELECT id, client_id, recorded_at_utc, utc_offset_min, protocol, recorded_by, context, weight_kg, notes, compression, compression_known, compression_class, compression_mmhg_low, compression_mmhg_high, mld_minutes, bandaging, exercise, skin_flags, skin_note FROM sessions;
DROP TABLE sessions;
PRAGMA legacy_alter_table = ON;
ALTER TABLE sessions_v11 RENAME TO sessions;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX sessions_by_client_time ON sessions (client_id, recorded_at_utc);
CREATE TRIGGER status_session_add AFTER INSERT ON sessions BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id = NEW.client_id AND stale = 0;
END;
CREATE TRIGGER status_session_edit AFTER UPDATE ON sessions BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id IN (OLD.client_id, NEW.client_id) AND stale = 0;
END;
CREATE TRIGGER status_session_delete AFTER DELETE ON sessions BEGIN
    UPDATE client_status SET stale = 1 WHERE client_id = OLD.client_id AND stale = 0;
END;
CREATE TABLE request_keys (
    request    TEXT PRIMARY KEY CHECK (length(request) BETWEEN 1 AND 512),
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    at_utc     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX request_keys_by_session ON request_keys (session_id);
)sql";

// Version 12: the client's own reminders (ical.h): the weekdays her calendar reminds her on (a bit
// per day, bit 0 Monday; 0: the schedule's days) and the local time (minutes after midnight; NULL:
// 09:00).
constexpr const char* v12 = R"sql(
ALTER TABLE clients ADD COLUMN remind_weekdays INTEGER NOT NULL DEFAULT 0 CHECK (remind_weekdays BETWEEN 0 AND 127);
ALTER TABLE clients ADD COLUMN remind_minute INTEGER CHECK (remind_minute IS NULL OR remind_minute BETWEEN 0 AND 1439);
)sql";

// Version 13: invitations (docs/security.md#invitations): a one-time link that makes a login when
// its holder sets her password. Only the SHA-256 of the link's token is kept (hex), never the
// token; a used one keeps its row (used_at_utc) so the link stays dead. Removing the client removes
// her invitations with her. At most one open (unused) invitation per login: a new one replaces it.
constexpr const char* v13 = R"sql(
CREATE TABLE invitations (
    id             INTEGER PRIMARY KEY,
    token_sha256   TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    login          TEXT NOT NULL CHECK (length(CAST(login AS BLOB)) BETWEEN 1 AND 64),
    role           TEXT NOT NULL CHECK (role IN ('therapist', 'client')),
    client_id      INTEGER REFERENCES clients(id) ON DELETE CASCADE,
    created_at_utc INTEGER NOT NULL,
    expires_at_utc INTEGER NOT NULL CHECK (expires_at_utc > created_at_utc),
    used_at_utc    INTEGER,
    created_by     TEXT NOT NULL,
    CHECK ((role = 'client') = (client_id IS NOT NULL))
);
CREATE INDEX invitations_by_client ON invitations (client_id);
CREATE UNIQUE INDEX invitations_open_login ON invitations (login) WHERE used_at_utc IS NULL;
)sql";

// Version 14: report links (docs/security.md#report-links): a read-only, expiring, revocable address
// of one client's report for a clinician. As for invitations, only the SHA-256 of the token is kept
// (hex). A revoked one keeps its row (revoked_at_utc), so the client's page lists past links and the
// address stays dead. Removing the client removes her links with her.
constexpr const char* v14 = R"sql(
CREATE TABLE report_links (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    token_sha256   TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    label          TEXT NOT NULL DEFAULT '' CHECK (length(CAST(label AS BLOB)) <= 200),
    created_at_utc INTEGER NOT NULL,
    expires_at_utc INTEGER NOT NULL CHECK (expires_at_utc > created_at_utc),
    revoked_at_utc INTEGER,
    created_by     TEXT NOT NULL
);
CREATE INDEX report_links_by_client ON report_links (client_id);
)sql";

// Version 15: treatment courses (docs/clinical.md#treatment-courses): a client's intensive phase of
// complete decongestive therapy, maintenance, or another course, from one day to another (or still
// running: to_date NULL). Dates are the client's local days, as sessions' local dates. Two courses of
// one client never share a day (the store checks it in the write's transaction). Removing the client
// removes her courses with her.
constexpr const char* v15 = R"sql(
CREATE TABLE courses (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('cdt-intensive', 'maintenance', 'other')),
    from_date TEXT NOT NULL CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    to_date   TEXT CHECK (to_date IS NULL OR (to_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                              AND to_date >= from_date)),
    note      TEXT NOT NULL DEFAULT '' CHECK (length(CAST(note AS BLOB)) <= 4000)
);
CREATE INDEX courses_by_client ON courses (client_id, from_date);
)sql";

// Version 16: photos of the skin (docs/architecture.md#photos), kept in the database itself so that
// a photo is written or not in the same transaction as its audit entry, and a backup (VACUUM INTO),
// `check` and the file's permissions cover them as they cover sessions. What is known of a photo is
// in `photos`; its JPEG and thumbnail in `photo_images`, so a list of photos never reads an image.
// A deleted photo keeps its row and image, marked deleted, from where it can be restored (as a
// deleted session's values stay in the audit trail); removing the client removes them. A photo is
// kept only with the client's consent (clients.photo_consent, 0 until recorded).
constexpr const char* v16 = R"sql(
ALTER TABLE clients ADD COLUMN photo_consent INTEGER NOT NULL DEFAULT 0 CHECK (photo_consent IN (0, 1));
CREATE TABLE photos (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id      INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    taken_at_utc   INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -840 AND 840),
    site           TEXT NOT NULL CHECK (length(CAST(site AS BLOB)) BETWEEN 1 AND 100),
    session_id     INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    added_by       TEXT NOT NULL,
    width          INTEGER NOT NULL CHECK (width BETWEEN 1 AND 2048),
    height         INTEGER NOT NULL CHECK (height BETWEEN 1 AND 2048),
    bytes          INTEGER NOT NULL CHECK (bytes > 0),
    deleted_at_utc INTEGER
);
CREATE INDEX photos_by_client ON photos (client_id, taken_at_utc);
CREATE INDEX photos_by_session ON photos (session_id) WHERE session_id IS NOT NULL;
CREATE TABLE photo_images (
    photo_id  INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
    image     BLOB NOT NULL CHECK (length(image) > 0),
    thumbnail BLOB NOT NULL CHECK (length(thumbnail) > 0)
);
)sql";

// A side's packed values hold all `count` points of the protocol.
bool all_points_measured(const SQLite::Column& c, std::size_t count) {
    if (c.isNull()) return false;
    auto v = storage::unpack_mm(c.getBlob(), static_cast<std::size_t>(c.getBytes()));
    if (v.size() < count) return false;
    return std::all_of(v.begin(), v.end(), [](const auto& x) { return x.has_value(); });
}

// The client already has a pin for this protocol.
bool has_pin(SQLite::Statement& pinned, std::int64_t client_id, const std::string& protocol) {
    pinned.bind(1, client_id);
    pinned.bind(2, protocol);
    const bool found = pinned.executeStep();
    pinned.reset();
    return found;
}

// How many points a protocol has: a built-in one's, or a stored one's comma-separated positions;
// 0 when it is neither.
std::size_t protocol_point_count(SQLite::Statement& points, const std::string& protocol) {
    if (const auto* b = find_builtin_protocol(protocol)) return b->point_count();
    std::size_t count = 0;
    points.bind(1, protocol);
    if (points.executeStep()) {
        auto text = points.getColumn(0).getString();
        count = static_cast<std::size_t>(std::count(text.begin(), text.end(), ',')) + 1;
    }
    points.reset();
    return count;
}

// Pins the session of the `sessions` row for its client and protocol, and writes the pin into the
// audit trail with its instant as value.
void pin_row(SQLite::Statement& sessions, SQLite::Statement& pin, SQLite::Statement& audit, std::int64_t client_id,
             const std::string& protocol, const std::string& reason) {
    pin.bind(1, client_id);
    pin.bind(2, protocol);
    pin.bind(3, sessions.getColumn(0).getInt64());
    pin.bind(4, reason);
    pin.exec();
    pin.reset();
    const DateTime at{date::sys_seconds{std::chrono::seconds{sessions.getColumn(8).getInt64()}},
                      std::chrono::minutes{sessions.getColumn(9).getInt()}};
    audit.bind(1, client_id);
    audit.bind(2, sessions.getColumn(7).getString());
    audit.bind(3, protocol);
    audit.bind(4, "\"" + format_datetime(at) + "\"");  // a JSON string, as every pin's value
    audit.bind(5, reason);
    audit.exec();
    audit.reset();
}

// Pins, for each client and protocol, the session the automatic rule picks (baseline_candidate:
// the first with every point of both sides measured whose local date is on or after the client's
// baseline date, any date without one). Before version 5 the baseline was chosen afresh on every
// read (the earliest complete session of the newest protocol, whatever the baseline date), so a
// pin can differ from what was shown before: each one is written into the audit trail as a
// "baseline.pin" by "swelltrack (upgrade to schema 5)", which `swelltrack audit` lists.
void pin_first_baselines(SQLite::Database& db) {
    SQLite::Statement sessions(db,
                               "SELECT s.id, s.client_id, s.protocol, "
                               "date(s.recorded_at_utc + 60 * s.utc_offset_min, 'unixepoch'), c.baseline_date, "
                               "(SELECT circumference_mm FROM side_values WHERE session_id = s.id AND side = 'left'), "
                               "(SELECT circumference_mm FROM side_values WHERE session_id = s.id AND side = 'right'), "
                               "c.name, s.recorded_at_utc, s.utc_offset_min "
                               "FROM sessions s JOIN clients c ON c.id = s.client_id "
                               "ORDER BY s.client_id, s.protocol, s.recorded_at_utc");
    SQLite::Statement pinned(db, "SELECT 1 FROM baselines WHERE client_id = ? AND protocol = ?");
    SQLite::Statement pin(db,
                          "INSERT INTO baselines (client_id, protocol, session_id, reason, pinned_at_utc) "
                          "VALUES (?, ?, ?, ?, strftime('%s', 'now'))");
    SQLite::Statement audit(db,
                            "INSERT INTO audit (at_utc, actor, action, client_id, client_name, subject, new_value, "
                            "reason) VALUES (strftime('%s', 'now'), 'swelltrack (upgrade to schema 5)', "
                            "'baseline.pin', ?, ?, ?, ?, ?)");
    SQLite::Statement points(db, "SELECT positions_cm FROM protocols WHERE name = ?");
    while (sessions.executeStep()) {
        const auto client_id = sessions.getColumn(1).getInt64();
        const std::string protocol = sessions.getColumn(2).getString();
        if (has_pin(pinned, client_id, protocol)) continue;
        const std::size_t count = protocol_point_count(points, protocol);
        std::optional<date::year_month_day> from;
        if (!sessions.isColumnNull(4)) from = parse_date(sessions.getColumn(4).getString(), "baseline");
        const bool after = !from || sessions.getColumn(3).getString() >= format_date(*from);
        if (count == 0 || !after || !all_points_measured(sessions.getColumn(5), count) ||
            !all_points_measured(sessions.getColumn(6), count))
            continue;
        const std::string reason =
            automatic_baseline_reason(protocol, from) + " (pinned when the database was upgraded to schema 5)";
        pin_row(sessions, pin, audit, client_id, protocol, reason);
    }
}

struct Migration {
    const char* sql;
    void (*after)(SQLite::Database&);  // data moves SQL cannot express; may be null
};

constexpr std::array<Migration, 16> migrations{{{v1, nullptr},
                                                {v2, nullptr},
                                                {v3, nullptr},
                                                {v4, pack_measurement_rows},
                                                {v5, pin_first_baselines},
                                                {v6, nullptr},
                                                {v7, nullptr},
                                                {v8, nullptr},
                                                {v9, nullptr},
                                                {v10, nullptr},
                                                {v11, nullptr},
                                                {v12, nullptr},
                                                {v13, nullptr},
                                                {v14, nullptr},
                                                {v15, nullptr},
                                                {v16, nullptr}}};

}  // namespace

int current_schema_version() { return static_cast<int>(migrations.size()); }

namespace storage {

const char* migration_sql(int v) { return migrations.at(static_cast<std::size_t>(v - 1)).sql; }

std::string pack_mm(const PointValues& values) {
    std::string blob(values.size() * 8, '\0');
    for (std::size_t i = 0; i < values.size(); ++i) {
        double v = values[i] ? *values[i] : std::numeric_limits<double>::quiet_NaN();
        auto bits = std::bit_cast<std::uint64_t>(v);
        for (int b = 0; b < 8; ++b) blob[i * 8 + b] = static_cast<char>((bits >> (8 * b)) & 0xFF);
    }
    return blob;
}

PointValues unpack_mm(const void* data, std::size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    PointValues out(bytes / 8);
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint64_t bits = 0;
        for (int b = 7; b >= 0; --b) bits = (bits << 8) | p[i * 8 + b];
        double v = std::bit_cast<double>(bits);
        if (!std::isnan(v)) out[i] = v;
    }
    return out;
}

void migrate(SQLite::Database& db, int from_version) {
    if (from_version >= current_schema_version()) return;
    // Table rebuilds must not cascade deletes: foreign keys off around the transaction (it cannot
    // change inside one), checked explicitly before commit, and back on however this ends.
    db.exec("PRAGMA foreign_keys = OFF");
    struct ForeignKeysBackOn {
        SQLite::Database& db;
        ~ForeignKeysBackOn() { db.exec("PRAGMA foreign_keys = ON"); }
    } back_on{db};
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have migrated while we waited for the lock.
    int version = db.execAndGet("PRAGMA user_version").getInt();
    for (int v = version + 1; v <= current_schema_version(); ++v) {
        const auto& step = migrations.at(static_cast<std::size_t>(v - 1));
        db.exec(step.sql);
        if (step.after) step.after(db);
    }
    if (version < current_schema_version())
        db.exec("PRAGMA user_version = " + std::to_string(current_schema_version()));
    SQLite::Statement fk(db, "PRAGMA foreign_key_check");
    if (fk.executeStep())
        throw std::runtime_error("migration left a dangling reference in table " + fk.getColumn(0).getString() +
                                 "; the database was not changed");
    t.commit();
}

}  // namespace storage
}  // namespace swelltrack
