-- The assessment-to-publication loop: which department scores which criterion, evidence files (the bytes live
-- content-addressed in the data folder's files/), the unit's explanations of appraised scores, and the dates
-- of approval, submission, appraisal and the explanation window.

CREATE TABLE assignments (
    unit_code       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    node_code       TEXT NOT NULL,
    department_code TEXT NOT NULL,
    PRIMARY KEY (unit_code, year, node_code)
);

CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_code    TEXT NOT NULL,
    year         INTEGER NOT NULL,
    node_code    TEXT NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    uploaded_by  INTEGER NOT NULL DEFAULT 0,
    uploaded_at  INTEGER NOT NULL
);
CREATE INDEX evidence_by_node ON evidence(unit_code, year, node_code, id);

CREATE TABLE explanations (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_code TEXT NOT NULL,
    year      INTEGER NOT NULL,
    node_code TEXT NOT NULL,
    text      TEXT NOT NULL,
    by_user   INTEGER NOT NULL DEFAULT 0,
    at        INTEGER NOT NULL
);
CREATE INDEX explanations_by_unit ON explanations(unit_code, year, id);

CREATE TABLE workflow_state (
    unit_code            TEXT NOT NULL,
    year                 INTEGER NOT NULL,
    approved_at          INTEGER,
    approved_by          INTEGER NOT NULL DEFAULT 0,
    submitted_at         INTEGER,
    appraisal_started_at INTEGER,
    explanation_deadline INTEGER,
    PRIMARY KEY (unit_code, year)
);
