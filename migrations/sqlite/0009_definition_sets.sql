-- Issue 5 §2: the definition sets of the dossier statistics as versioned data. Every save of a code is a new row
-- (version = the code's previous highest + 1) holding the set in its JSON form (src/formats/definition_json.hpp: the
-- snake_case fields of DefinitionSet), so that a field added to the set later is kept without a migration; old
-- versions stay readable so that a published figure can say which rules produced it. The default set of
-- CONVENTIONS.md ("default", version 1) is not stored: the store reads it from the code (DefaultDefinitionSet) until
-- someone saves a version 2 of it. One row of definition_set_active names the active code; without a row the
-- default is active.

CREATE TABLE definition_sets (
    code      TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    version   INTEGER NOT NULL CHECK (version >= 1),
    json      TEXT NOT NULL CHECK (json_valid(json)),
    saved_by  TEXT NOT NULL,
    saved_at  TEXT NOT NULL,  -- UTC, ISO 8601: 2025-01-31T08:00:00Z
    PRIMARY KEY (code, version)
) WITHOUT ROWID;

CREATE TABLE definition_set_active (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL
);
