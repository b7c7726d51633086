-- Issue 5 §2: the definition sets of the dossier statistics as versioned data. Every save of a code is a new row
-- (version = the code's previous highest + 1); old versions stay readable so that a published figure can say which
-- rules produced it. The default set of CONVENTIONS.md ("default", version 1) is not stored: the store reads it
-- from the code (DefaultDefinitionSet) until someone saves a version 2 of it. One row of definition_set_active
-- names the active code; without a row the default is active.

CREATE TABLE definition_sets (
    code                        TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    version                     INTEGER NOT NULL CHECK (version >= 1),
    name_vi                     TEXT NOT NULL,
    name_en                     TEXT NOT NULL DEFAULT '',
    day_level                   INTEGER NOT NULL CHECK (day_level IN (0, 1)),
    early_seconds               INTEGER NOT NULL,
    early_days                  INTEGER NOT NULL,
    grace_seconds               INTEGER NOT NULL,
    denominator                 TEXT NOT NULL
        CHECK (denominator IN ('processed_in_period', 'due_in_period', 'to_process')),
    count_returned              INTEGER NOT NULL CHECK (count_returned IN (0, 1)),
    count_withdrawn             INTEGER NOT NULL CHECK (count_withdrawn IN (0, 1)),
    count_rejected              INTEGER NOT NULL CHECK (count_rejected IN (0, 1)),
    due_soon_days               INTEGER NOT NULL,
    apology_min_lead_seconds    INTEGER NOT NULL,
    max_apologies               INTEGER NOT NULL,
    supplement_fault_threshold  INTEGER NOT NULL,
    saved_by                    TEXT NOT NULL,
    saved_at                    TEXT NOT NULL,  -- UTC, ISO 8601: 2025-01-31T08:00:00Z
    PRIMARY KEY (code, version)
) WITHOUT ROWID;

CREATE TABLE definition_set_active (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL
);
