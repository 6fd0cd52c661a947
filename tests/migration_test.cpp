// Databases as earlier swelltrack versions left them (frozen SQL below, never edited), opened by
// the current Store: the data must be intact and the schema upgraded.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <limits>
#include <map>

#include "swelltrack/error.h"
#include "swelltrack/records.h"
#include "swelltrack/store.h"
#include "temp_db.h"

using namespace swelltrack;
using swelltrack::testing::TempDir;

namespace {

// Schema version 1 as released, with data.
constexpr const char* v1_schema = R"sql(
CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 200),
    birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2200),
    condition TEXT NOT NULL DEFAULT '',
    limb TEXT NOT NULL CHECK (limb IN ('arm', 'leg')),
    affected TEXT NOT NULL CHECK (affected IN ('left', 'right', 'both')),
    baseline_date TEXT CHECK (baseline_date IS NULL OR baseline_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    unit TEXT NOT NULL CHECK (unit IN ('cm', 'in')),
    notes TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)));
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    recorded_at_utc INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -840 AND 840),
    protocol TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT 'self',
    context TEXT NOT NULL DEFAULT 'routine' CHECK (context IN ('routine', 'before', 'after')),
    weight_kg REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 2 AND 400),
    notes TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX sessions_by_client_time ON sessions (client_id, recorded_at_utc);
CREATE TABLE measurements (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('left', 'right')),
    point_index INTEGER NOT NULL CHECK (point_index BETWEEN 0 AND 99),
    circumference_mm REAL NOT NULL CHECK (circumference_mm BETWEEN 50 AND 1500),
    PRIMARY KEY (session_id, side, point_index)) WITHOUT ROWID;
)sql";

constexpr const char* v1_data = R"sql(
INSERT INTO clients VALUES (1, 'Maria Keller', 1968, 'BCRL', 'arm', 'left', '2023-11-02', 'cm', 'n', 0);
INSERT INTO clients VALUES (2, '王芳', NULL, '', 'arm', 'right', NULL, 'in', '', 1);
-- 2025-03-01T08:30+01:00
INSERT INTO sessions VALUES (10, 1, 1740814200, 60, 'arm-4cm', 'self', 'before', 68.5, 'after "gym", ok');
INSERT INTO measurements VALUES (10, 'left', 0, 165.2), (10, 'left', 1, 181), (10, 'right', 0, 160.25),
                                (10, 'right', 1, 175.5);
PRAGMA user_version = 1;
)sql";

// Version 2 added skin, compression and treatment columns and the symptoms table.
constexpr const char* v2_changes = R"sql(
ALTER TABLE sessions ADD COLUMN compression TEXT NOT NULL DEFAULT 'none'
    CHECK (compression IN ('none', 'bandage', 'garment'));
ALTER TABLE sessions ADD COLUMN compression_known INTEGER NOT NULL DEFAULT 0 CHECK (compression_known IN (0, 1));
ALTER TABLE sessions ADD COLUMN compression_class INTEGER CHECK (compression_class IS NULL OR compression_class BETWEEN 1 AND 4);
ALTER TABLE sessions ADD COLUMN compression_mmhg_low INTEGER CHECK (compression_mmhg_low IS NULL OR compression_mmhg_low BETWEEN 1 AND 100);
ALTER TABLE sessions ADD COLUMN compression_mmhg_high INTEGER CHECK (compression_mmhg_high IS NULL OR compression_mmhg_high BETWEEN 1 AND 100);
ALTER TABLE sessions ADD COLUMN mld_minutes INTEGER CHECK (mld_minutes IS NULL OR mld_minutes BETWEEN 0 AND 600);
ALTER TABLE sessions ADD COLUMN bandaging INTEGER NOT NULL DEFAULT 0 CHECK (bandaging IN (0, 1));
ALTER TABLE sessions ADD COLUMN exercise INTEGER NOT NULL DEFAULT 0 CHECK (exercise IN (0, 1));
ALTER TABLE sessions ADD COLUMN skin_flags INTEGER NOT NULL DEFAULT 0 CHECK (skin_flags BETWEEN 0 AND 255);
ALTER TABLE sessions ADD COLUMN skin_note TEXT NOT NULL DEFAULT '';
CREATE TABLE symptoms (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    heaviness INTEGER CHECK (heaviness IS NULL OR heaviness BETWEEN 0 AND 10),
    tightness INTEGER CHECK (tightness IS NULL OR tightness BETWEEN 0 AND 10),
    pain INTEGER CHECK (pain IS NULL OR pain BETWEEN 0 AND 10),
    swelling INTEGER CHECK (swelling IS NULL OR swelling BETWEEN 0 AND 10),
    pitting_grade INTEGER CHECK (pitting_grade IS NULL OR pitting_grade BETWEEN 0 AND 4),
    pitting_depth_mm REAL CHECK (pitting_depth_mm IS NULL OR pitting_depth_mm BETWEEN 0 AND 50),
    pitting_rebound_s REAL CHECK (pitting_rebound_s IS NULL OR pitting_rebound_s BETWEEN 0 AND 600),
    stemmer TEXT NOT NULL DEFAULT 'not-checked' CHECK (stemmer IN ('not-checked', 'negative', 'positive')),
    isl_stage INTEGER CHECK (isl_stage IS NULL OR isl_stage BETWEEN 0 AND 3));
)sql";

constexpr const char* v2_data = R"sql(
-- 2025-03-08T09:00+01:00, with redness and warmth (bits 0 and 1) and symptoms
INSERT INTO sessions (id, client_id, recorded_at_utc, utc_offset_min, protocol, skin_flags, skin_note,
                      compression, compression_known, compression_class, mld_minutes, bandaging)
    VALUES (11, 1, 1741420800, 60, 'arm-4cm', 3, 'red, warm forearm', 'garment', 1, 2, 45, 1);
INSERT INTO measurements VALUES (11, 'left', 0, 171), (11, 'left', 1, 190.5), (11, 'right', 0, 160.5),
                                (11, 'right', 1, 175);
INSERT INTO symptoms (session_id, heaviness, pain, pitting_grade, stemmer) VALUES (11, 6, 3, 2, 'positive');
PRAGMA user_version = 2;
)sql";

// Version 3 added user protocols and settings (values were still one row each).
constexpr const char* v3_changes = R"sql(
CREATE TABLE protocols (
    name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^a-z0-9._-]*'),
    limb TEXT NOT NULL CHECK (limb IN ('arm', 'leg')),
    positions_cm TEXT NOT NULL CHECK (positions_cm <> '')) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
)sql";

constexpr const char* v3_data = R"sql(
INSERT INTO protocols VALUES ('hand-3', 'arm', '0,3,6.5');
INSERT INTO settings VALUES ('volume_method', 'disk');
-- 2025-03-15T10:00+01:00 with the user protocol; the middle left point not measured
INSERT INTO sessions (id, client_id, recorded_at_utc, utc_offset_min, protocol) VALUES (12, 1, 1742029200, 60, 'hand-3');
INSERT INTO measurements VALUES (12, 'left', 0, 170), (12, 'left', 2, 201.25), (12, 'right', 0, 168),
                                (12, 'right', 1, 185.5), (12, 'right', 2, 199);
PRAGMA user_version = 3;
)sql";

// Version 4 rebuilt sessions with OR-style CHECKs and packed each side's values into one BLOB of
// little-endian float64 millimetres (NaN = not measured). The v1-v3 rows are moved as version 4's
// migration did; then sessions for pinning at version 5 are added.
constexpr const char* v4_changes = R"sql(
CREATE TABLE sessions_v4 (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    recorded_at_utc INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -840 AND 840),
    protocol TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT 'self',
    context TEXT NOT NULL DEFAULT 'routine' CHECK (context = 'routine' OR context = 'before' OR context = 'after'),
    weight_kg REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 2 AND 400),
    notes TEXT NOT NULL DEFAULT '',
    compression TEXT NOT NULL DEFAULT 'none'
        CHECK (compression = 'none' OR compression = 'bandage' OR compression = 'garment'),
    compression_known INTEGER NOT NULL DEFAULT 0 CHECK (compression_known BETWEEN 0 AND 1),
    compression_class INTEGER CHECK (compression_class IS NULL OR compression_class BETWEEN 1 AND 4),
    compression_mmhg_low INTEGER CHECK (compression_mmhg_low IS NULL OR compression_mmhg_low BETWEEN 1 AND 100),
    compression_mmhg_high INTEGER CHECK (compression_mmhg_high IS NULL OR compression_mmhg_high BETWEEN 1 AND 100),
    mld_minutes INTEGER CHECK (mld_minutes IS NULL OR mld_minutes BETWEEN 0 AND 600),
    bandaging INTEGER NOT NULL DEFAULT 0 CHECK (bandaging BETWEEN 0 AND 1),
    exercise INTEGER NOT NULL DEFAULT 0 CHECK (exercise BETWEEN 0 AND 1),
    skin_flags INTEGER NOT NULL DEFAULT 0 CHECK (skin_flags BETWEEN 0 AND 255),
    skin_note TEXT NOT NULL DEFAULT '');
INSERT INTO sessions_v4 SELECT id, client_id, recorded_at_utc, utc_offset_min, protocol, recorded_by, context,
    weight_kg, notes, compression, compression_known, compression_class, compression_mmhg_low, compression_mmhg_high,
    mld_minutes, bandaging, exercise, skin_flags, skin_note FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v4 RENAME TO sessions;
CREATE UNIQUE INDEX sessions_by_client_time ON sessions (client_id, recorded_at_utc);
CREATE TABLE side_values (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side = 'left' OR side = 'right'),
    circumference_mm BLOB NOT NULL CHECK (typeof(circumference_mm) = 'blob' AND length(circumference_mm) BETWEEN 8 AND 800
                                          AND length(circumference_mm) % 8 = 0),
    PRIMARY KEY (session_id, side)) WITHOUT ROWID;
)sql";

// One side as version 4 stores it: little-endian float64 mm, NaN where not measured.
std::string packed(const std::vector<double>& mm) {
    std::string blob;
    for (double v : mm) {
        auto bits = std::bit_cast<std::uint64_t>(v);
        for (int b = 0; b < 8; ++b) blob += static_cast<char>((bits >> (8 * b)) & 0xFF);
    }
    return blob;
}

void put_side(SQLite::Database& db, std::int64_t session, const char* side, const std::vector<double>& mm) {
    SQLite::Statement q(db, "INSERT INTO side_values VALUES (?, ?, ?)");
    q.bind(1, session);
    q.bind(2, side);
    auto blob = packed(mm);
    q.bind(3, blob.data(), static_cast<int>(blob.size()));
    q.exec();
}

void put_session(SQLite::Database& db, std::int64_t id, std::int64_t client, const char* at, const char* protocol,
                 const std::vector<double>& left, const std::vector<double>& right) {
    SQLite::Statement q(db,
                        "INSERT INTO sessions (id, client_id, recorded_at_utc, utc_offset_min, protocol) "
                        "VALUES (?, ?, ?, 0, ?)");
    q.bind(1, id);
    q.bind(2, client);
    q.bind(3, static_cast<std::int64_t>(parse_datetime(at).utc.time_since_epoch().count()));
    q.bind(4, protocol);
    q.exec();
    if (!left.empty()) put_side(db, id, "left", left);
    if (!right.empty()) put_side(db, id, "right", right);
}

void make_v4(SQLite::Database& db) {
    // Move version 3's rows (as version 4's migration did), then drop them.
    SQLite::Statement rows(db, "SELECT session_id, side, point_index, circumference_mm FROM measurements");
    std::map<std::pair<std::int64_t, std::string>, std::vector<double>> sides;
    while (rows.executeStep()) {
        auto& v = sides[{rows.getColumn(0).getInt64(), rows.getColumn(1).getString()}];
        auto i = static_cast<std::size_t>(rows.getColumn(2).getInt());
        if (v.size() <= i) v.resize(i + 1, std::numeric_limits<double>::quiet_NaN());
        v[i] = rows.getColumn(3).getDouble();
    }
    rows.reset();
    db.exec(v4_changes);
    for (const auto& [key, mm] : sides) put_side(db, key.first, key.second.c_str(), mm);
    db.exec("DROP TABLE measurements");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> arm(11, 200.0), hand{170, 185, 200};
    auto one_missing = arm;
    one_missing[4] = nan;
    // Maria (baseline date 2023-11-02): a complete session before that date, a partial one after
    // it, then the first complete one on or after it (20 Nov, id 22, the arm-4cm pin), a later one,
    // and a first complete hand-3 session (id 24, that protocol's pin).
    put_session(db, 20, 1, "2023-10-01T09:00Z", "arm-4cm", arm, arm);
    put_session(db, 21, 1, "2023-11-10T09:00Z", "arm-4cm", arm, one_missing);
    put_session(db, 22, 1, "2023-11-20T09:00Z", "arm-4cm", arm, arm);
    put_session(db, 23, 1, "2023-12-01T09:00Z", "arm-4cm", arm, arm);
    put_session(db, 24, 1, "2023-12-05T09:00Z", "hand-3", hand, hand);
    // 王芳, no baseline date: one side only, then complete (id 31).
    put_session(db, 30, 2, "2024-01-01T09:00Z", "arm-4cm", arm, {});
    put_session(db, 31, 2, "2024-01-02T09:00Z", "arm-4cm", arm, arm);
    db.exec("PRAGMA user_version = 4");
}

// Version 5 (frozen): pinned baselines, the append-only audit trail, a client's schedule. Its data:
// Maria's arm-4cm pin (session 22) and one audit entry, as version 5 left them.
constexpr const char* v5_changes = R"sql(
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
UPDATE clients SET every_days = 7 WHERE id = 1;
INSERT INTO baselines VALUES (1, 'arm-4cm', 22, 'first complete session in arm-4cm', 1700000000);
INSERT INTO audit (at_utc, actor, action, client_id, client_name, subject, new_value, reason)
    VALUES (1700000000, 'th', 'baseline.pin', 1, 'Maria Keller', 'arm-4cm', '"2023-11-20T09:00:00+00:00"', 'first');
PRAGMA user_version = 5;
)sql";

// Version 6 (frozen): web logins and calendar feeds, empty.
constexpr const char* v6_changes = R"sql(
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
PRAGMA user_version = 6;
)sql";

// Version 7 (frozen): each client's status stored, every row stale until the first write.
constexpr const char* v7_changes = R"sql(
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
PRAGMA user_version = 7;
)sql";

// Version 8 (frozen): a sequence number for every write of a client_status row.
constexpr const char* v8_changes = R"sql(
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
PRAGMA user_version = 8;
)sql";

// Version 9 and 10 (frozen): the alert rules changed; every stored status computed again.
constexpr const char* v9_changes = R"sql(
UPDATE client_status SET stale = 1 WHERE stale = 0;
PRAGMA user_version = 9;
)sql";
constexpr const char* v10_changes = R"sql(
UPDATE client_status SET stale = 1 WHERE stale = 0;
PRAGMA user_version = 10;
)sql";

// Version 11 (frozen): session ids never given again (AUTOINCREMENT), requests that store once.
constexpr const char* v11_changes = R"sql(
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
PRAGMA user_version = 11;
)sql";

// Version 12 (frozen): her own reminder days and time.
constexpr const char* v12_changes = R"sql(
ALTER TABLE clients ADD COLUMN remind_weekdays INTEGER NOT NULL DEFAULT 0 CHECK (remind_weekdays BETWEEN 0 AND 127);
ALTER TABLE clients ADD COLUMN remind_minute INTEGER CHECK (remind_minute IS NULL OR remind_minute BETWEEN 0 AND 1439);
PRAGMA user_version = 12;
)sql";

// Version 13 (frozen): invitations, kept as a SHA-256 of their token.
constexpr const char* v13_changes = R"sql(
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
PRAGMA user_version = 13;
)sql";

constexpr const char* v14_changes = R"sql(
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
PRAGMA user_version = 14;
)sql";

// Version 15 (frozen): treatment courses.
constexpr const char* v15_changes = R"sql(
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
INSERT INTO courses (client_id, kind, from_date, to_date, note)
    SELECT id, 'cdt-intensive', '2025-03-03', '2025-03-28', 'MLD daily' FROM clients WHERE name = 'Maria Keller';
PRAGMA user_version = 15;
)sql";

void make_database(const std::filesystem::path& file, int version) {
    SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(v1_schema);
    db.exec(v1_data);
    if (version >= 2) {
        db.exec(v2_changes);
        db.exec(v2_data);
    }
    if (version >= 3) {
        db.exec(v3_changes);
        db.exec(v3_data);
    }
    if (version >= 4) make_v4(db);
    if (version >= 5) db.exec(v5_changes);
    if (version >= 6) db.exec(v6_changes);
    if (version >= 7) db.exec(v7_changes);
    if (version >= 8) db.exec(v8_changes);
    if (version >= 9) db.exec(v9_changes);
    if (version >= 10) db.exec(v10_changes);
    if (version >= 11) db.exec(v11_changes);
    if (version >= 12) db.exec(v12_changes);
    if (version >= 13) db.exec(v13_changes);
    if (version >= 14) db.exec(v14_changes);
    if (version >= 15) db.exec(v15_changes);
}

void check_v1_data(Store& store) {
    auto maria = store.get_client("Maria Keller");
    CHECK(maria.birth_year == 1968);
    CHECK(maria.baseline_date == date::year{2023} / 11 / 2);
    auto wang = store.list_clients(true);
    REQUIRE(wang.size() == 2);
    CHECK(store.get_client("王芳").archived);
    CHECK(store.get_client("王芳").unit == LengthUnit::in);
    // Version 1's session (id 10); version 4's data adds earlier ones.
    auto h = store.load_history(maria.id, parse_datetime("2025-01-01"));
    REQUIRE(h.size() >= 1);
    CHECK(format_datetime(h[0].recorded_at) == "2025-03-01T08:30:00+01:00");
    CHECK(h[0].context == SessionContext::before_treatment);
    CHECK(h[0].weight_kg == 68.5);
    CHECK(h[0].notes == "after \"gym\", ok");
    REQUIRE(h[0].left_mm.size() == 11);
    CHECK(h[0].left_mm[0] == 165.2);
    CHECK(h[0].right_mm[1] == 175.5);
    CHECK_FALSE(h[0].left_mm[2]);
    // Columns added later have their "not recorded" defaults.
    CHECK_FALSE(h[0].compression.worn_known);
    CHECK(h[0].skin.empty());
    CHECK_FALSE(h[0].symptoms.any());
}

}  // namespace

TEST_CASE("a version 1 database is migrated to the current schema with its data intact") {
    TempDir dir;
    auto file = dir / "v1.db";
    make_database(file, 1);
    Store store(file);
    CHECK(store.schema_version() == current_schema_version());
    check_v1_data(store);
    // The migrated database accepts everything the current schema holds.
    store.add_protocol({"hand", LimbKind::arm, {0, 3, 6}, false});
    store.set_volume_method(VolumeMethod::disk);
    auto s = testing::arm_session(store.get_client("Maria Keller").id, "2025-04-01T08:00+02:00");
    s.symptoms.heaviness = 2;
    s.skin.set(SkinFlag::dryness);
    store.record_session(s);
    CHECK(store.check().empty());
}

TEST_CASE("a version 2 database is migrated with its symptoms, skin and compression intact") {
    TempDir dir;
    auto file = dir / "v2.db";
    make_database(file, 2);
    Store store(file);
    CHECK(store.schema_version() == current_schema_version());
    check_v1_data(store);
    auto h = store.load_history(store.get_client("Maria Keller").id);
    REQUIRE(h.size() == 2);
    CHECK(h[1].skin.has(SkinFlag::redness));
    CHECK(h[1].skin.has(SkinFlag::warmth));
    CHECK(h[1].skin_note == "red, warm forearm");
    CHECK(h[1].compression == Compression{CompressionKind::garment, 2, std::nullopt, std::nullopt, true});
    CHECK(h[1].treatment == Treatment{45, true, false});
    CHECK(h[1].symptoms.heaviness == 6);
    CHECK(h[1].symptoms.stemmer == StemmerSign::positive);
    CHECK(store.list_protocols().size() == 2);
    CHECK(store.check().empty());
}

TEST_CASE("a version 3 database gets its value rows packed per side with missing points kept") {
    TempDir dir;
    auto file = dir / "v3.db";
    make_database(file, 3);
    Store store(file);
    CHECK(store.schema_version() == current_schema_version());
    check_v1_data(store);
    CHECK(store.volume_method() == VolumeMethod::disk);
    CHECK(store.get_protocol("hand-3").positions_cm == std::vector<double>{0, 3, 6.5});
    auto h = store.load_history(store.get_client("Maria Keller").id);
    REQUIRE(h.size() == 3);
    CHECK(h[2].protocol == "hand-3");
    CHECK(h[2].left_mm == PointValues{170.0, std::nullopt, 201.25});
    CHECK(h[2].right_mm == PointValues{168.0, 185.5, 199.0});
    // Version 1's session: 2 of 11 points measured per side, the rest padded as not measured.
    CHECK(h[0].left_mm.size() == 11);
    CHECK(store.check().empty());
    SQLite::Database raw(file, SQLite::OPEN_READONLY);
    CHECK_FALSE(raw.tableExists("measurements"));
}

TEST_CASE("a version 4 database gets each protocol's first complete session on or after the baseline date pinned") {
    TempDir dir;
    auto file = dir / "v4.db";
    make_database(file, 4);
    Store store(file);
    CHECK(store.schema_version() == current_schema_version());
    check_v1_data(store);
    auto maria = store.get_client("Maria Keller");
    auto pins = store.baselines(maria.id);
    // arm-4cm: not 10 (2025, complete? no: 2 of 11 points), not 20 (before 2023-11-02), not 21
    // (a point missing): 22. hand-3: 24, not 12 (2025, a left point missing).
    REQUIRE(pins.size() == 2);
    CHECK(pins[0].protocol == "arm-4cm");
    CHECK(pins[0].session_id == 22);
    CHECK(pins[0].reason ==
          "first complete session in arm-4cm on or after the baseline date 2023-11-02 (pinned when the database was "
          "upgraded to schema 5)");
    CHECK(pins[1].protocol == "hand-3");
    CHECK(pins[1].session_id == 24);
    auto wang = store.baselines(store.get_client("王芳").id);
    REQUIRE(wang.size() == 1);
    CHECK(wang[0].session_id == 31);
    CHECK(wang[0].reason == "first complete session in arm-4cm (pinned when the database was upgraded to schema 5)");
    // The figures read the pins: the latest arm-4cm session (23) against 22, all at 200 mm: 0%.
    auto h = store.load_analyzed(maria);
    REQUIRE(h.baseline);
    CHECK(h.sessions[*h.baseline].id == 22);
    // Each pin is in the audit trail, by the upgrade: a pin may differ from what swelltrack showed
    // before (the earliest complete session, whatever the baseline date: here session 20).
    auto trail = store.audit_trail();
    REQUIRE(trail.size() == 3);
    CHECK(trail[0].action == "baseline.pin");
    CHECK(trail[0].actor == "swelltrack (upgrade to schema 5)");
    CHECK(trail[0].client_name == "Maria Keller");
    CHECK(trail[0].subject == "arm-4cm");
    CHECK(trail[0].new_value == "\"2023-11-20T09:00:00+00:00\"");
    CHECK(trail[0].reason == pins[0].reason);
    CHECK_FALSE(maria.every_days);
    CHECK(store.check().empty());
}

TEST_CASE("a version 5 database gains empty logins and calendar feeds, its pins, schedule and trail intact") {
    TempDir dir;
    auto file = dir / "v5.db";
    make_database(file, 5);
    Store store(file);
    CHECK(store.schema_version() == current_schema_version());
    check_v1_data(store);
    auto maria = store.get_client("Maria Keller");
    CHECK(maria.every_days == 7);
    auto pins = store.baselines(maria.id);
    REQUIRE(pins.size() == 1);
    CHECK(pins[0].session_id == 22);  // kept as pinned, not re-chosen
    auto trail = store.audit_trail(maria.id);
    REQUIRE(trail.size() == 1);
    CHECK(trail[0].actor == "th");
    CHECK(store.list_users().empty());
    CHECK_FALSE(store.calendar_token(maria.id));
    // The new tables work: a client login for Maria, and her calendar token.
    store.add_user(User{"maria", Role::client, maria.id, "", "$argon2id$v=19$m=65536,t=3,p=1$x$y"});
    store.set_calendar_token(maria.id, "tok");
    CHECK(store.find_user("maria")->client_name == "Maria Keller");
    CHECK(store.client_by_calendar_token("tok")->id == maria.id);
}

TEST_CASE("a version 6 database gets every client's status stored, as a full analysis gives it") {
    TempDir dir;
    auto file = dir / "v6.db";
    make_database(file, 6);
    {
        Store store(file);
        CHECK(store.schema_version() == current_schema_version());
        check_v1_data(store);
    }
    {
        SQLite::Database raw(file, SQLite::OPEN_READONLY);
        // Both clients (王芳 is archived) have a current row, computed when the database was upgraded.
        CHECK(raw.execAndGet("SELECT COUNT(*) FROM client_status WHERE stale = 0").getInt() == 2);
        CHECK(raw.execAndGet("SELECT COUNT(*) FROM client_status WHERE stale = 1").getInt() == 0);
        // Maria's newest session is version 3's 2025-03-15T10:00+01:00 (09:00Z): the row holds from
        // then on. Her newest with infection signs is version 2's 2025-03-08T09:00+01:00.
        SQLite::Statement q(raw,
                            "SELECT latest_utc, valid_from_utc, infection_utc FROM client_status WHERE client_id = 1");
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getInt64() == 1742029200);
        CHECK(q.getColumn(1).getInt64() == 1742029200);
        CHECK(q.getColumn(2).getInt64() == 1741420800);
    }
    Store store(file);
    auto maria = store.get_client("Maria Keller");
    auto read_at = [&](const char* when) {
        const auto now = parse_datetime(when).utc;
        auto statuses = store.load_statuses(now);
        REQUIRE(statuses.size() == 1);  // the archived client is not listed
        CHECK(records::status(statuses[0]) == records::status(summarize(store.load_analyzed(maria), now)));
        return statuses[0];
    };
    // 12 days after the infection signs, 5 after her last session (her schedule is every 7 days).
    auto st = read_at("2025-03-20T12:00Z");
    CHECK(st.attention == Attention::act_now);
    CHECK(st.alerts.back().code == AlertCode::infection_signs);
    CHECK(st.days_since_last == 5);
    CHECK_FALSE(st.overdue);
    // 15 days after them, 8 after her last session: no longer act now for them; overdue.
    st = read_at("2025-03-23T12:00Z");
    CHECK(std::none_of(st.alerts.begin(), st.alerts.end(),
                       [](const Alert& a) { return a.code == AlertCode::infection_signs; }));
    CHECK(st.attention != Attention::act_now);
    CHECK(st.days_since_last == 8);
    CHECK(st.overdue);
}

TEST_CASE("a version 7 database counts its status writes, and a status list reads as load_statuses") {
    TempDir dir;
    auto file = dir / "v7.db";
    make_database(file, 7);
    Store store(file);
    CHECK(store.schema_version() == current_schema_version());
    check_v1_data(store);
    const auto now = parse_datetime("2025-03-20T12:00Z").utc;
    auto read_list = [&] {
        StatusList list;
        store.update_statuses(list, now);
        auto full = store.load_statuses(now);
        REQUIRE(list.statuses().size() == full.size());
        for (std::size_t i = 0; i < full.size(); ++i) {
            CHECK(list.statuses()[i].client.name != "王芳");  // archived: not listed
            CHECK(records::status(list.statuses()[i]) == records::status(full[i]));
        }
    };
    read_list();                                   // the rows as version 7 left them: stale, computed on read
    store.add_client(testing::arm_client("Bea"));  // a write stores every stale row
    SQLite::Database raw(file, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT COUNT(*) FROM client_status WHERE stale = 1").getInt() == 0);
    // Every row written since the upgrade has its own place in the count of writes.
    CHECK(raw.execAndGet("SELECT COUNT(DISTINCT written_seq) FROM client_status WHERE written_seq > 0").getInt() == 3);
    CHECK(raw.execAndGet("SELECT MAX(written_seq) = (SELECT written FROM status_seq) FROM client_status").getInt() ==
          1);
    CHECK(raw.execAndGet("SELECT removed FROM status_seq").getInt() == 0);
    read_list();
}

TEST_CASE("a version 8 or 9 database has its statuses computed again by the new alert rules") {
    // Version 9 changed the rules (a watch needs two sessions in a row), and version 10 (more when
    // the sessions scatter): a status stored by version 8 or 9 as current, with an alert the new
    // rules would not raise, is not read as it was stored. Version 9 changed no table.
    const int version = GENERATE(8, 9);
    TempDir dir;
    auto file = dir / "old.db";
    make_database(file, 8);
    if (version == 9) SQLite::Database(file, SQLite::OPEN_READWRITE).exec("PRAGMA user_version = 9");
    {
        SQLite::Database raw(file, SQLite::OPEN_READWRITE);
        raw.exec(
            "INSERT OR REPLACE INTO client_status (client_id, stale, valid_from_utc, has_figures, alerts) "
            "VALUES (1, 0, 0, 0, 'rvc_5 an alert of the old rules\n')");
    }
    Store store(file);
    CHECK(store.schema_version() == current_schema_version());
    {
        SQLite::Database raw(file, SQLite::OPEN_READONLY);
        CHECK(raw.execAndGet("SELECT COUNT(*) FROM client_status WHERE stale = 1").getInt() == 0);
        CHECK(raw.execAndGet("SELECT COUNT(*) FROM client_status WHERE alerts LIKE '%old rules%'").getInt() == 0);
    }
    const auto now = parse_datetime("2025-03-20T12:00Z").utc;
    auto statuses = store.load_statuses(now);
    REQUIRE(statuses.size() == 1);
    CHECK(records::status(statuses[0]) ==
          records::status(summarize(store.load_analyzed(store.get_client("Maria Keller")), now)));
}

TEST_CASE("the audit trail is append-only in the database itself") {
    TempDir dir;
    auto file = dir / "db";
    {
        Store store(file);
        store.add_client(testing::arm_client("Maria Keller"));
    }
    SQLite::Database raw(file, SQLite::OPEN_READWRITE);
    REQUIRE(raw.execAndGet("SELECT COUNT(*) FROM audit").getInt() == 1);
    CHECK_THROWS_WITH(raw.exec("UPDATE audit SET actor = 'someone else'"), Catch::Contains("append-only"));
    CHECK_THROWS_WITH(raw.exec("DELETE FROM audit"), Catch::Contains("append-only"));
    CHECK(raw.execAndGet("SELECT actor FROM audit").getString() == "swelltrack");
}

TEST_CASE("check reports a stored value outside the allowed range") {
    TempDir dir;
    auto file = dir / "bad.db";
    make_database(file, 1);
    { Store store(file); }
    {
        SQLite::Database raw(file, SQLite::OPEN_READWRITE);
        // 9000 mm as a little-endian float64 (0x40C1940000000000), written past the program.
        raw.exec("UPDATE side_values SET circumference_mm = X'000000000094C140' WHERE side = 'left'");
    }
    Store store(file);
    auto problems = store.check();
    REQUIRE(problems.size() == 1);
    // The stored 9000 mm is 900 cm; the message is validate_session's, as for a value typed in.
    CHECK_THAT(problems[0], Catch::Contains("session 10 (Maria Keller, 2025-03-01 08:30): left point 1: '900 cm' is "
                                            "above the allowed range 5-150 cm"));
}

TEST_CASE("every older schema version opens, and reopening a migrated database changes nothing") {
    for (int v = 1; v < current_schema_version(); ++v) {
        TempDir dir;
        auto file = dir / "old.db";
        make_database(file, v);
        { Store first(file); }  // migrates; closing checkpoints the WAL into the file
        const auto migrated = testing::read_file(file);
        {
            Store again(file);
            CHECK(again.schema_version() == current_schema_version());
            check_v1_data(again);
        }
        CHECK(testing::read_file(file) == migrated);  // reading a migrated database writes nothing
    }
}

namespace {
// Every table, index and trigger with its SQL (whitespace folded), as SQLite keeps them.
std::map<std::string, std::string> schema_of(const std::filesystem::path& file) {
    SQLite::Database db(file, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT type || ' ' || name, sql FROM sqlite_master WHERE sql IS NOT NULL");
    std::map<std::string, std::string> out;
    while (q.executeStep()) {
        std::string sql;
        const std::string text = q.getColumn(1).getString();
        for (char ch : text)
            if (!std::isspace(static_cast<unsigned char>(ch)) || (!sql.empty() && sql.back() != ' '))
                sql += std::isspace(static_cast<unsigned char>(ch)) ? ' ' : ch;
        out[q.getColumn(0).getString()] = sql;
    }
    return out;
}
}  // namespace

TEST_CASE("a database migrated from version 10 has a new one's tables, triggers and never-reused session ids") {
    TempDir dir;
    make_database(dir / "old.db", 10);
    {
        Store old(dir / "old.db");
        Store fresh(dir / "new.db");
    }
    const auto migrated = schema_of(dir / "old.db"), made = schema_of(dir / "new.db");
    CHECK(migrated.size() == made.size());
    // The same tables, indexes and triggers (the frozen old databases word their own SQL).
    for (const auto& [what, sql] : made) {
        INFO(what);
        CHECK(migrated.count(what) == 1);
    }
    CHECK_THAT(migrated.at("table sessions"), Catch::Contains("id INTEGER PRIMARY KEY AUTOINCREMENT"));
    for (const char* trigger :
         {"trigger status_session_add", "trigger status_session_edit", "trigger status_session_delete"})
        CHECK(migrated.count(trigger) == 1);
    // The newest session deleted, the next one gets a new id (SQLite would give the old one again).
    Store store(dir / "old.db");
    auto maria = store.get_client("Maria Keller");
    const auto added = store.record_session(testing::arm_session(maria.id, "2026-01-05T08:00+01:00"));
    store.delete_session(added, "entered by mistake");
    CHECK(store.record_session(testing::arm_session(maria.id, "2026-01-06T08:00+01:00")) == added + 1);
}

TEST_CASE("a version 11 database gains her reminder days and time, none chosen, and keeps what is set") {
    TempDir dir;
    make_database(dir / "old.db", 11);
    Store store(dir / "old.db");
    auto maria = store.get_client("Maria Keller");
    CHECK(maria.remind_weekdays == 0);           // the schedule's days ...
    CHECK(maria.remind_minute == std::nullopt);  // ... at 09:00
    maria.remind_weekdays = 1u << 6;
    maria.remind_minute = 450;
    store.update_client(maria);
    const auto back = store.get_client("Maria Keller");
    CHECK(back.remind_weekdays == 1u << 6);
    CHECK(back.remind_minute == 450);
    // The database's own checks hold beyond the program's: no eighth weekday, no minute past 23:59.
    SQLite::Database raw(dir / "old.db", SQLite::OPEN_READWRITE);
    CHECK_THROWS(raw.exec("UPDATE clients SET remind_weekdays = 128"));
    CHECK_THROWS(raw.exec("UPDATE clients SET remind_minute = 1440"));
}

TEST_CASE("a version 12 database gains an empty invitations table whose checks hold") {
    TempDir dir;
    make_database(dir / "old.db", 12);
    {
        Store store(dir / "old.db");
        CHECK(store.schema_version() == current_schema_version());
        check_v1_data(store);
        CHECK(store.find_invitation(std::string(64, 'a')) == std::nullopt);
        auto maria = store.get_client("Maria Keller");
        Invitation inv;
        inv.login = "maria";
        inv.client_id = maria.id;
        inv.created_at = parse_datetime("2026-12-04T10:00:00+01:00");
        inv.expires_at = parse_datetime("2026-12-11T10:00:00+01:00");
        store.add_invitation(inv, std::string(64, 'b'));
        auto back = store.find_invitation(std::string(64, 'b'));
        REQUIRE(back);
        CHECK(back->login == "maria");
        CHECK(back->client_name == "Maria Keller");
        CHECK(back->expires_at == inv.expires_at);
        CHECK_FALSE(back->used_at);
    }
    // The database's own checks: a hash is 64 hex digits, a client's invitation names her, it
    // expires after it was made, and one login has one open invitation.
    SQLite::Database raw(dir / "old.db", SQLite::OPEN_READWRITE);
    auto insert = [&](const std::string& values) {
        raw.exec(
            "INSERT INTO invitations (token_sha256, login, role, client_id, created_at_utc, expires_at_utc, "
            "created_by) VALUES " +
            values);
    };
    const std::string c = std::string(64, 'c');
    CHECK_THROWS(insert("('short', 'x', 'therapist', NULL, 1, 2, 't')"));
    CHECK_THROWS(insert("('" + c + "', 'x', 'client', NULL, 1, 2, 't')"));
    CHECK_THROWS(insert("('" + c + "', 'x', 'therapist', NULL, 2, 2, 't')"));
    CHECK_THROWS(insert("('" + c + "', 'maria', 'therapist', NULL, 1, 2, 't')"));
    insert("('" + c + "', 'x', 'therapist', NULL, 1, 2, 't')");
}

TEST_CASE("a version 13 database gains an empty report_links table whose checks hold") {
    TempDir dir;
    make_database(dir / "old.db", 13);
    {
        Store store(dir / "old.db");
        CHECK(store.schema_version() == current_schema_version());
        check_v1_data(store);
        auto maria = store.get_client("Maria Keller");
        CHECK(store.report_links(maria.id).empty());
        const auto now = parse_datetime("2026-12-04T10:00:00+01:00");
        CHECK_FALSE(store.open_report_link(std::string(64, 'a'), now.utc, "page"));
        ReportLink l;
        l.client_id = maria.id;
        l.label = "Dr. Weber, oncology";
        l.created_at = now;
        l.expires_at = parse_datetime("2026-12-18T10:00:00+01:00");
        const auto made = store.add_report_link(l, std::string(64, 'b'));
        auto back = store.open_report_link(std::string(64, 'b'), now.utc, "page");
        REQUIRE(back);
        CHECK(back->id == made.id);
        CHECK(back->client_name == "Maria Keller");
        CHECK(back->label == "Dr. Weber, oncology");
        CHECK(back->expires_at == l.expires_at);
        CHECK_FALSE(back->revoked_at);
    }
    // The database's own checks: a hash is 64 hex digits and unique, a link names a client, a label
    // is at most 200 bytes, and a link expires after it was made.
    SQLite::Database raw(dir / "old.db", SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA foreign_keys = ON");
    auto insert = [&](const std::string& values) {
        raw.exec(
            "INSERT INTO report_links (client_id, token_sha256, label, created_at_utc, expires_at_utc, "
            "created_by) VALUES " +
            values);
    };
    const std::string c = std::string(64, 'c'), b = std::string(64, 'b');
    const auto id = std::to_string(raw.execAndGet("SELECT id FROM clients WHERE name = 'Maria Keller'").getInt64());
    CHECK_THROWS(insert("(" + id + ", 'short', '', 1, 2, 't')"));
    CHECK_THROWS(insert("(" + id + ", '" + b + "', '', 1, 2, 't')"));
    CHECK_THROWS(insert("(NULL, '" + c + "', '', 1, 2, 't')"));
    CHECK_THROWS(insert("(999999, '" + c + "', '', 1, 2, 't')"));
    CHECK_THROWS(insert("(" + id + ", '" + c + "', '" + std::string(201, 'x') + "', 1, 2, 't')"));
    CHECK_THROWS(insert("(" + id + ", '" + c + "', '', 2, 2, 't')"));
    insert("(" + id + ", '" + c + "', '', 1, 2, 't')");
}

TEST_CASE("a version 14 database gains an empty courses table whose checks hold, and courses never overlap") {
    TempDir dir;
    make_database(dir / "old.db", 14);
    {
        Store store(dir / "old.db");
        CHECK(store.schema_version() == current_schema_version());
        check_v1_data(store);
        auto maria = store.get_client("Maria Keller");
        CHECK(store.courses(maria.id).empty());
        Course c;
        c.client_id = maria.id;
        c.kind = CourseKind::cdt_intensive;
        c.from = parse_date("2025-03-03");
        c.to = parse_date("2025-03-28");
        c.note = "MLD daily, bandaging";
        auto made = store.add_course(c);
        Course maintenance = c;
        maintenance.kind = CourseKind::maintenance;
        maintenance.from = parse_date("2025-03-28");
        maintenance.to.reset();
        CHECK_THROWS_WITH(store.add_course(maintenance),
                          "from: this course (maintenance since 2025-03-28 (running)) shares days with the client's "
                          "cdt-intensive 2025-03-03 to 2025-03-28; courses of one client may not overlap: end that one "
                          "first, or choose other days");
        maintenance.from = parse_date("2025-03-29");
        auto second = store.add_course(maintenance);
        auto back = store.courses(maria.id);
        REQUIRE(back.size() == 2);
        CHECK(back[0] == made);
        CHECK(back[1].id == second.id);
        CHECK_FALSE(back[1].to);
        // Moving the first course's end into the second one's days is refused; an edit is audited.
        made.to = parse_date("2025-04-02");
        CHECK_THROWS_WITH(store.update_course(made), Catch::Contains("shares days with the client's maintenance"));
        made.to = parse_date("2025-03-27");
        store.update_course(made);
        CHECK(store.courses(maria.id)[0].to == parse_date("2025-03-27"));
        auto trail = store.audit_trail(maria.id);
        CHECK(std::count_if(trail.begin(), trail.end(), [](const AuditEntry& e) { return e.action == "course.add"; }) ==
              2);
        CHECK(std::count_if(trail.begin(), trail.end(),
                            [](const AuditEntry& e) { return e.action == "course.edit"; }) == 1);
    }
    // The database's own checks: a course names a client, a known kind, dates as YYYY-MM-DD, an end
    // on or after its start, a note of at most 4000 bytes.
    SQLite::Database raw(dir / "old.db", SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA foreign_keys = ON");
    auto insert = [&](const std::string& values) {
        raw.exec("INSERT INTO courses (client_id, kind, from_date, to_date, note) VALUES " + values);
    };
    const auto id = std::to_string(raw.execAndGet("SELECT id FROM clients WHERE name = 'Maria Keller'").getInt64());
    CHECK_THROWS(insert("(999999, 'other', '2026-01-01', NULL, '')"));
    CHECK_THROWS(insert("(" + id + ", 'massage', '2026-01-01', NULL, '')"));
    CHECK_THROWS(insert("(" + id + ", 'other', '1.1.2026', NULL, '')"));
    CHECK_THROWS(insert("(" + id + ", 'other', '2026-01-05', '2026-01-04', '')"));
    CHECK_THROWS(insert("(" + id + ", 'other', '2026-01-05', NULL, '" + std::string(4001, 'x') + "')"));
    insert("(" + id + ", 'other', '2026-01-05', '2026-01-05', '')");
}

TEST_CASE("a version 15 database gains photos, none kept and no consent recorded, its courses intact") {
    TempDir dir;
    make_database(dir / "old.db", 15);
    {
        Store store(dir / "old.db");
        CHECK(store.schema_version() == 16);
        check_v1_data(store);
        auto maria = store.get_client("Maria Keller");
        REQUIRE(store.courses(maria.id).size() == 1);
        CHECK(store.courses(maria.id)[0].note == "MLD daily");
        // Nobody has consented yet: a photo is refused and nothing is stored.
        CHECK_FALSE(maria.photo_consent);
        Photo p;
        p.client_id = maria.id;
        p.taken_at = parse_datetime("2025-03-01T08:30+01:00");
        p.site = "left forearm";
        p.width = 4;
        p.height = 3;
        const std::string jpeg = "\xFF\xD8 pixels \xFF\xD9";
        CHECK_THROWS_WITH(store.add_photo(p, jpeg, jpeg),
                          "photo consent: Maria Keller has not agreed that photos of her skin are kept");
        CHECK(store.photos(maria.id).empty());
        maria.photo_consent = true;
        store.update_client(maria);
        auto kept = store.add_photo(p, jpeg, jpeg);
        // Version 1's session of 2025-03-01T08:30+01:00 is in the same minute: the photo is its.
        CHECK(kept.session_id == store.load_history(maria.id, parse_datetime("2025-03-01"))[0].id);
        CHECK(store.photos(maria.id) == std::vector<Photo>{kept});
        CHECK(store.photo_image(kept.id) == jpeg);
        CHECK(store.check().empty());
    }
    // The database's own checks: a photo names a client, an offset within 14 hours, a site of 1-100
    // bytes, a size of 1-2048 pixels a side; its image and thumbnail are not empty; consent is 0 or 1.
    SQLite::Database raw(dir / "old.db", SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA foreign_keys = ON");
    auto insert = [&](const std::string& values) {
        raw.exec(
            "INSERT INTO photos (client_id, taken_at_utc, utc_offset_min, site, added_by, width, height, bytes) "
            "VALUES " +
            values);
    };
    const auto id = std::to_string(raw.execAndGet("SELECT id FROM clients WHERE name = 'Maria Keller'").getInt64());
    CHECK_THROWS(insert("(999999, 0, 0, 'arm', 't', 1, 1, 1)"));
    CHECK_THROWS(insert("(" + id + ", 0, 841, 'arm', 't', 1, 1, 1)"));
    CHECK_THROWS(insert("(" + id + ", 0, 0, '', 't', 1, 1, 1)"));
    CHECK_THROWS(insert("(" + id + ", 0, 0, '" + std::string(101, 'x') + "', 't', 1, 1, 1)"));
    CHECK_THROWS(insert("(" + id + ", 0, 0, 'arm', 't', 2049, 1, 1)"));
    CHECK_THROWS(insert("(" + id + ", 0, 0, 'arm', 't', 1, 0, 1)"));
    CHECK_THROWS(raw.exec("UPDATE clients SET photo_consent = 2"));
    insert("(" + id + ", 0, 0, 'arm', 't', 1, 1, 1)");
    const auto photo = std::to_string(raw.getLastInsertRowid());
    CHECK_THROWS(raw.exec("INSERT INTO photo_images VALUES (" + photo + ", x'', x'FFD8')"));
    CHECK_THROWS(raw.exec("INSERT INTO photo_images VALUES (999999, x'FFD8', x'FFD8')"));
}

TEST_CASE("a database from a newer swelltrack is refused and left byte-identical") {
    TempDir dir;
    auto file = dir / "future.db";
    {
        Store store(file);
        store.add_client(testing::arm_client("Maria Keller"));
    }
    {
        SQLite::Database db(file, SQLite::OPEN_READWRITE);
        db.exec("PRAGMA user_version = " + std::to_string(current_schema_version() + 1));
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    auto before = testing::read_file(file);
    try {
        Store store(file);
        FAIL("a newer database was opened");
    } catch (const UserError& e) {
        std::string expected = "written by a newer swelltrack (schema " + std::to_string(current_schema_version() + 1) +
                               ", this program knows " + std::to_string(current_schema_version()) +
                               "); upgrade swelltrack";
        CHECK_THAT(e.what(), Catch::Contains(expected));
    }
    CHECK(testing::read_file(file) == before);
}

TEST_CASE("an empty file becomes a new database") {
    TempDir dir;
    auto file = dir / "empty.db";
    testing::write_file(file, "");
    Store store(file);
    CHECK(store.schema_version() == current_schema_version());
    CHECK(store.list_clients().empty());
}

TEST_CASE("another program's SQLite file is refused and left byte-identical") {
    TempDir dir;
    auto other = dir / "other.db";
    {
        SQLite::Database db(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')");
    }
    auto before = testing::read_file(other);
    CHECK_THROWS_WITH(Store(other), Catch::Contains("is not a swelltrack database (it holds other tables)"));
    CHECK(testing::read_file(other) == before);
    CHECK_FALSE(std::filesystem::exists(dir / "other.db-wal"));

    auto labelled = dir / "labelled.db";
    {
        SQLite::Database db(labelled, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA application_id = 1234; PRAGMA user_version = 4");
    }
    before = testing::read_file(labelled);
    CHECK_THROWS_WITH(Store(labelled), Catch::Contains("another program's application id 1234"));
    CHECK(testing::read_file(labelled) == before);
}

TEST_CASE("new and migrated databases carry swelltrack's application id") {
    TempDir dir;
    auto fresh = dir / "new.db";
    { Store store(fresh); }
    auto old = dir / "old.db";
    make_database(old, 3);
    { Store store(old); }
    for (const auto& file : {fresh, old}) {
        SQLite::Database db(file, SQLite::OPEN_READONLY);
        CHECK(db.execAndGet("PRAGMA application_id").getInt() == 0x5357544B);  // "SWTK"
        Store again(file);                                                     // and it opens again as swelltrack's
        CHECK(again.schema_version() == current_schema_version());
    }
}

TEST_CASE("check reports a pinned baseline that is no longer a complete session") {
    TempDir dir;
    auto file = dir / "pins.db";
    make_database(file, 4);
    { Store store(file); }  // pins session 22 for Maria's arm-4cm
    {
        SQLite::Database raw(file, SQLite::OPEN_READWRITE);
        // The first point of the pinned session made not measured, past the program: NaN
        // (0x7FF8000000000000) then ten times 200.0 mm (0x4069000000000000), little-endian.
        std::string hex = "000000000000F87F";
        for (int i = 0; i < 10; ++i) hex += "0000000000006940";
        raw.exec("UPDATE side_values SET circumference_mm = X'" + hex + "' WHERE session_id = 22 AND side = 'left'");
    }
    Store store(file);
    auto problems = store.check();
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("baseline: Maria Keller's baseline in arm-4cm (session 22) is not a "
                                            "complete session"));
}
