-- ParIndex SQLite schema, version 1.
-- Every score, maximum, change and index is an INTEGER count of thousandths (90.02 is 90020); a blank
-- figure is NULL, never 0. Enumerations are stored as their English names ('published', 'appraisal').
-- Booleans are 0/1. Codes that point at another object are NULL when there is none.
-- Child rows keep the order they were saved in through `position`.

CREATE TABLE units (
    code           TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    type           TEXT NOT NULL DEFAULT '',
    parent_code    TEXT,
    valid_from     INTEGER,
    valid_to       INTEGER,
    successor_code TEXT,
    demo           INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
);
CREATE INDEX units_parent ON units(parent_code);

CREATE TABLE departments (
    unit_code TEXT NOT NULL REFERENCES units(code) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (unit_code, code)
) WITHOUT ROWID;

-- A peer group's code is stable across years; its name, framework and members are set per year.
CREATE TABLE peer_groups (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL  -- the name of the latest year saved
);

CREATE TABLE peer_group_years (
    group_code     TEXT NOT NULL REFERENCES peer_groups(code) ON DELETE CASCADE,
    year           INTEGER NOT NULL,
    name           TEXT NOT NULL,
    framework_code TEXT,
    PRIMARY KEY (group_code, year)
) WITHOUT ROWID;

-- Members are not tied to `units` by a foreign key, so that groups and units can be imported in any order.
CREATE TABLE peer_group_members (
    group_code TEXT NOT NULL,
    year       INTEGER NOT NULL,
    unit_code  TEXT NOT NULL,
    ranked     INTEGER NOT NULL DEFAULT 1 CHECK (ranked IN (0, 1)),
    position   INTEGER NOT NULL,
    PRIMARY KEY (group_code, year, unit_code),
    FOREIGN KEY (group_code, year) REFERENCES peer_group_years(group_code, year) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX peer_group_members_unit ON peer_group_members(unit_code, year);

CREATE TABLE frameworks (
    code             TEXT PRIMARY KEY NOT NULL,
    title            TEXT NOT NULL,
    version          TEXT NOT NULL DEFAULT '',
    decision         TEXT NOT NULL DEFAULT '',
    previous_code    TEXT,
    max              INTEGER,
    display_decimals INTEGER NOT NULL DEFAULT 2
);

CREATE TABLE framework_bands (
    framework_code TEXT NOT NULL REFERENCES frameworks(code) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    min_index      INTEGER NOT NULL,
    demo           INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    PRIMARY KEY (framework_code, position)
) WITHOUT ROWID;

CREATE TABLE framework_nodes (
    framework_code      TEXT NOT NULL REFERENCES frameworks(code) ON DELETE CASCADE,
    code                TEXT NOT NULL,
    parent_code         TEXT,
    position            INTEGER NOT NULL,
    title               TEXT NOT NULL,
    max                 INTEGER,
    method              TEXT NOT NULL,
    evidence_required   INTEGER NOT NULL DEFAULT 0 CHECK (evidence_required IN (0, 1)),
    responsible         TEXT NOT NULL DEFAULT '',
    previous_code       TEXT,
    max_only            INTEGER NOT NULL DEFAULT 0 CHECK (max_only IN (0, 1)),
    declared_difference INTEGER,
    max_provenance      TEXT NOT NULL,
    note                TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (framework_code, code)
) WITHOUT ROWID;

-- Historic assessments known only by their totals have no framework: framework_code is NULL. There is no
-- foreign key to `frameworks`, so that frameworks and assessments can be imported in any order.
CREATE TABLE assessments (
    unit_code        TEXT NOT NULL REFERENCES units(code),
    year             INTEGER NOT NULL,
    framework_code   TEXT,
    status           TEXT NOT NULL,
    losses_complete  INTEGER NOT NULL DEFAULT 0 CHECK (losses_complete IN (0, 1)),
    total_self       INTEGER,
    total_points     INTEGER,
    total_max        INTEGER,
    total_change     INTEGER,
    total_provenance TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (unit_code, year)
) WITHOUT ROWID;
CREATE INDEX assessments_year ON assessments(year, unit_code);
CREATE INDEX assessments_framework ON assessments(framework_code);

CREATE TABLE assessment_parts (
    unit_code  TEXT NOT NULL,
    year       INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    method     TEXT NOT NULL,
    self       INTEGER,
    points     INTEGER,
    max        INTEGER,
    idx        INTEGER,
    change     INTEGER,
    provenance TEXT NOT NULL,
    PRIMARY KEY (unit_code, year, position),
    FOREIGN KEY (unit_code, year) REFERENCES assessments(unit_code, year) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE assessment_nodes (
    unit_code   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    code        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    self        INTEGER,
    appraised   INTEGER,
    change      INTEGER,
    explanation TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    cause       TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    provenance  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (unit_code, year, code),
    FOREIGN KEY (unit_code, year) REFERENCES assessments(unit_code, year) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE assessment_ranks (
    unit_code  TEXT NOT NULL,
    year       INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    group_code TEXT NOT NULL,
    scope      TEXT NOT NULL DEFAULT 'total',
    rank       INTEGER NOT NULL,
    rank_of    INTEGER NOT NULL DEFAULT 0,
    provenance TEXT NOT NULL,
    PRIMARY KEY (unit_code, year, position),
    FOREIGN KEY (unit_code, year) REFERENCES assessments(unit_code, year) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX assessment_ranks_group ON assessment_ranks(group_code, year);
