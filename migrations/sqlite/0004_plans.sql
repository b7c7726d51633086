-- Issue 4: improvement plans (Kế hoạch), their tasks and dated updates, in-app notifications and the email
-- outbox; and an email address per user for the reminders. Lists of texts are JSON arrays of strings in TEXT
-- columns; calendar days are ISO `YYYY-MM-DD` text; times are INTEGER unix seconds (UTC).

ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

CREATE TABLE plans (
    unit_code           TEXT NOT NULL,
    year                INTEGER NOT NULL,
    results_year        INTEGER NOT NULL,
    authority           TEXT NOT NULL DEFAULT '',
    issuer              TEXT NOT NULL DEFAULT '',
    number              TEXT NOT NULL DEFAULT '',
    number_suffix       TEXT NOT NULL DEFAULT 'KH-UBND',
    place               TEXT NOT NULL DEFAULT '',
    date                TEXT,
    title               TEXT NOT NULL DEFAULT '',
    basis               TEXT NOT NULL DEFAULT '[]',
    purposes            TEXT NOT NULL DEFAULT '[]',
    requirements        TEXT NOT NULL DEFAULT '[]',
    causes              TEXT NOT NULL DEFAULT '[]',
    progress            TEXT NOT NULL DEFAULT '[]',
    solutions           TEXT NOT NULL DEFAULT '[]',
    closing             TEXT NOT NULL DEFAULT '',
    recipients          TEXT NOT NULL DEFAULT '[]',
    signer_mode         TEXT NOT NULL DEFAULT 'on_behalf' CHECK (signer_mode IN ('on_behalf', 'deputy', 'personal')),
    signer_collective   TEXT NOT NULL DEFAULT '',
    signer_title        TEXT NOT NULL DEFAULT '',
    signer_deputy_title TEXT NOT NULL DEFAULT '',
    signer_name         TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
    issued_at           INTEGER,
    revision            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_code, year)
);

-- Section V (Tổ chức thực hiện): one row per department, in order; duties are a JSON array of strings.
CREATE TABLE plan_duties (
    unit_code       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    department_code TEXT NOT NULL DEFAULT '',
    heading         TEXT NOT NULL DEFAULT '',
    duties          TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (unit_code, year, position),
    FOREIGN KEY (unit_code, year) REFERENCES plans(unit_code, year) ON DELETE CASCADE
);

CREATE TABLE plan_tasks (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_code       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    position        INTEGER NOT NULL DEFAULT 0,
    title           TEXT NOT NULL DEFAULT '',
    criteria        TEXT NOT NULL DEFAULT '[]',
    lead_department TEXT NOT NULL DEFAULT '',
    lead_user       TEXT NOT NULL DEFAULT '',
    cooperating     TEXT NOT NULL DEFAULT '[]',
    recurrence      TEXT NOT NULL DEFAULT 'once' CHECK (recurrence IN ('once', 'monthly', 'quarterly', 'ongoing')),
    deadline        TEXT,
    expected_output TEXT NOT NULL DEFAULT '',
    cause           TEXT NOT NULL DEFAULT '',
    solution        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled')),
    progress        INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    FOREIGN KEY (unit_code, year) REFERENCES plans(unit_code, year) ON DELETE CASCADE
);
CREATE INDEX plan_tasks_by_plan ON plan_tasks(unit_code, year, position, id);
CREATE INDEX plan_tasks_by_year ON plan_tasks(year, status);

-- Progress updates: appended, never changed; evidence is a JSON array of SHA-256 of stored files.
CREATE TABLE plan_task_updates (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id  INTEGER NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    username TEXT NOT NULL DEFAULT '',
    status   TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled')),
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    note     TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX plan_task_updates_by_task ON plan_task_updates(task_id, id);

-- Reminders: one per (username, task, kind, due), deduplicated by `key`. They outlive a removed task.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    username   TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('due_soon', 'overdue', 'escalation')),
    unit_code  TEXT NOT NULL DEFAULT '',
    year       INTEGER NOT NULL DEFAULT 0,
    task_id    INTEGER NOT NULL DEFAULT 0,
    due        TEXT NOT NULL,
    message    TEXT NOT NULL DEFAULT '',
    message_en TEXT NOT NULL DEFAULT '',
    read_at    INTEGER,
    key        TEXT NOT NULL UNIQUE
);
CREATE INDEX notifications_by_user ON notifications(username, id);

-- Emails waiting to be sent through SMTP (kept here when none is configured or the address is empty).
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    to_username TEXT NOT NULL DEFAULT '',
    to_address  TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    sent_at     INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    key         TEXT NOT NULL UNIQUE
);
CREATE INDEX outbox_unsent ON outbox(sent_at, id);
