-- Issue 5 §1: mapping profiles of one-stop software exports onto the dossier fields, versioned by name (every
-- save adds a version; the latest one is used). The column choices and the status/channel value maps are rows
-- of dossier_mapping_entries: kind 'column' (source = the header, target = the dossier field), 'status' or
-- 'channel' (source = the file's text, target = our name).

CREATE TABLE dossier_mappings (
    name         TEXT NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    description  TEXT NOT NULL DEFAULT '',
    format       TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'json')),
    json_path    TEXT NOT NULL DEFAULT '',
    sheet        TEXT NOT NULL DEFAULT '',
    header_row   INTEGER NOT NULL DEFAULT 1,
    time_format  TEXT NOT NULL CHECK (time_format IN ('auto', 'iso', 'vn')),
    dictionaries TEXT NOT NULL CHECK (dictionaries IN ('strict', 'auto')),
    default_unit TEXT NOT NULL DEFAULT '',
    saved_at     TEXT NOT NULL DEFAULT '',
    saved_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (name, version)
);

CREATE TABLE dossier_mapping_entries (
    name     TEXT NOT NULL,
    version  INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('column', 'status', 'channel')),
    source   TEXT NOT NULL,
    target   TEXT NOT NULL,
    PRIMARY KEY (name, version, kind, source, target),
    FOREIGN KEY (name, version) REFERENCES dossier_mappings(name, version) ON DELETE CASCADE
);

-- The imports made through the web application, per unit, with the bad-row report (CSV) when rows were skipped.
CREATE TABLE dossier_import_log (
    id          INTEGER PRIMARY KEY,
    unit_code   TEXT NOT NULL,
    file        TEXT NOT NULL,
    mapping     TEXT NOT NULL DEFAULT '',
    username    TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    errors      INTEGER NOT NULL,
    report      TEXT
);
CREATE INDEX dossier_import_log_unit ON dossier_import_log(unit_code, id);
