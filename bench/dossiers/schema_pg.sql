-- The PostgreSQL 15 peer's table (run.sh); filled by `COPY dossiers FROM 'FILE' (FORMAT csv, HEADER true)`, which
-- reads an empty finished_at/returned_at as NULL.
CREATE TABLE dossiers (
    dossier_id text NOT NULL,
    unit_code text NOT NULL,
    department_code text NOT NULL,
    procedure_code text NOT NULL,
    field_code text NOT NULL,
    channel text NOT NULL,
    received_at timestamp NOT NULL,
    due_at timestamp NOT NULL,
    finished_at timestamp,
    returned_at timestamp,
    supplement_requests smallint NOT NULL,
    apology_letters smallint NOT NULL,
    status text NOT NULL
);
