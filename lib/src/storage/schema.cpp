// The schema history. Each entry turns version N-1 into N; a new database runs them all, so there
// is one path to the current schema. Never edit a released step: add a new one.
#include <array>

#include "store_impl.h"

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

constexpr std::array migrations{v1, v2, v3};

}  // namespace

int current_schema_version() { return static_cast<int>(migrations.size()); }

namespace storage {

const char* migration_sql(int v) { return migrations.at(static_cast<std::size_t>(v - 1)); }

void migrate(SQLite::Database& db, int from_version) {
    if (from_version >= current_schema_version()) return;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have migrated while we waited for the lock.
    int version = db.execAndGet("PRAGMA user_version").getInt();
    for (int v = version + 1; v <= current_schema_version(); ++v) db.exec(migration_sql(v));
    if (version < current_schema_version())
        db.exec("PRAGMA user_version = " + std::to_string(current_schema_version()));
    t.commit();
}

}  // namespace storage
}  // namespace swelltrack
