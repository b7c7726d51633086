-- Issue 5 §4: KPI targets. The indicator catalogue (every save a new version), targets per unit and year, actuals
-- entered by hand (appended, never changed) and the criterion rules of a framework version that score a criterion
-- from a KPI. Decimals are INTEGER thousandths; calendar days ISO `YYYY-MM-DD` text; saved_at `YYYY-MM-DD HH:MM:SS`
-- UTC; lists JSON arrays in TEXT columns.

CREATE TABLE kpi_indicators (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    name            TEXT NOT NULL,
    name_en         TEXT NOT NULL DEFAULT '',
    unit_of_measure TEXT NOT NULL,
    measure         TEXT NOT NULL,
    comparator      TEXT NOT NULL CHECK (comparator IN ('>=', '<=', '=')),
    value           INTEGER NOT NULL,
    amber_margin    INTEGER NOT NULL DEFAULT 0,
    scope_field      TEXT,
    scope_department TEXT,
    scope_procedure  TEXT,
    source          TEXT NOT NULL DEFAULT '',
    saved_by        TEXT NOT NULL DEFAULT '',
    saved_at        TEXT NOT NULL DEFAULT '',
    UNIQUE (code, version)
);

CREATE TABLE kpi_targets (
    unit_code        TEXT NOT NULL,
    year             INTEGER NOT NULL,
    kpi_code         TEXT NOT NULL,
    comparator       TEXT NOT NULL CHECK (comparator IN ('>=', '<=', '=')),
    value            INTEGER NOT NULL,
    scope_field      TEXT,
    scope_department TEXT,
    scope_procedure  TEXT,
    note             TEXT NOT NULL DEFAULT '',
    saved_by         TEXT NOT NULL DEFAULT '',
    saved_at         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (unit_code, year, kpi_code)
);

CREATE TABLE kpi_manual_actuals (
    id          INTEGER PRIMARY KEY,
    unit_code   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    kpi_code    TEXT NOT NULL,
    value       INTEGER NOT NULL,
    date        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '[]',
    recorded_by TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kpi_manual_actuals_by_year ON kpi_manual_actuals(year, unit_code, kpi_code);

CREATE TABLE kpi_rules (
    framework_code TEXT NOT NULL,
    version        INTEGER NOT NULL,
    rules          TEXT NOT NULL DEFAULT '[]',
    saved_by       TEXT NOT NULL DEFAULT '',
    saved_at       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (framework_code, version)
);
