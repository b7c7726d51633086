-- Issue 5 §5: dossiers of the one-stop shop in compact blocks, with their counters kept beside them.
-- Codes are dictionary-encoded (ids below 65536, so that a block stores them in two bytes). One block holds the
-- dossiers of one unit and one calendar month of received_at: `block` = unit_id × 2048 + (year − 2000) × 12 +
-- month − 1. A block's `data` is the format-1 encoding of sqlite_dossier_store.cpp (fixed-width rows sorted by
-- received time and id, then the ids). Statistics read dossier_block_counters only, never the blocks.

CREATE TABLE dossier_units (
    id   INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 65535),
    code TEXT NOT NULL UNIQUE
);
CREATE TABLE dossier_departments (
    id   INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 65535),
    code TEXT NOT NULL UNIQUE
);
CREATE TABLE dossier_procedures (
    id   INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 65535),
    code TEXT NOT NULL UNIQUE
);
CREATE TABLE dossier_fields (
    id   INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 65535),
    code TEXT NOT NULL UNIQUE
);

CREATE TABLE dossier_blocks (
    block   INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES dossier_units(id),
    year    INTEGER NOT NULL,
    month   INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    rows    INTEGER NOT NULL,
    format  INTEGER NOT NULL,
    data    BLOB NOT NULL
);

-- The counters of a block (DossierCounters in the cohort view under the reference definition set), written in
-- the transaction that writes the block.
CREATE TABLE dossier_block_counters (
    block                   INTEGER PRIMARY KEY REFERENCES dossier_blocks(block) ON DELETE CASCADE,
    unit_id                 INTEGER NOT NULL,
    year                    INTEGER NOT NULL,
    month                   INTEGER NOT NULL,
    received                INTEGER NOT NULL,
    received_counted        INTEGER NOT NULL,
    processed               INTEGER NOT NULL,
    early                   INTEGER NOT NULL,
    on_time                 INTEGER NOT NULL,
    late                    INTEGER NOT NULL,
    direct                  INTEGER NOT NULL,
    online_partial          INTEGER NOT NULL,
    online_full             INTEGER NOT NULL,
    postal                  INTEGER NOT NULL,
    late_without_apology    INTEGER NOT NULL,
    apology_excess          INTEGER NOT NULL,
    supplement_2plus        INTEGER NOT NULL,
    returned                INTEGER NOT NULL,
    withdrawn               INTEGER NOT NULL,
    rejected                INTEGER NOT NULL,
    processing_seconds_sum  INTEGER NOT NULL
);
CREATE INDEX dossier_block_counters_by_year ON dossier_block_counters(year, unit_id, month);

-- The dossier-id index: ids hashed (64-bit FNV-1a) into 16,384 buckets; a bucket's `data` lists its entries
-- sorted by hash, each the hash (8 bytes) and the block (4 bytes), little-endian. The id itself is in the block.
CREATE TABLE dossier_id_buckets (
    bucket INTEGER PRIMARY KEY,
    data   BLOB NOT NULL
);

CREATE TABLE dossier_imports (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    blocks      INTEGER NOT NULL
);
