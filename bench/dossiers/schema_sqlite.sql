-- The sqlite3 peer's table (run.sh, check_equal.sh); filled by `.import --csv --skip 1 FILE dossiers`.
CREATE TABLE dossiers (
    dossier_id TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    department_code TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    field_code TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    finished_at TEXT,
    returned_at TEXT,
    supplement_requests INTEGER NOT NULL,
    apology_letters INTEGER NOT NULL,
    status TEXT NOT NULL
);
