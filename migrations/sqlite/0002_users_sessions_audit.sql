-- ParIndex SQLite schema, version 2: users, their sessions, and the audit log.
-- Times are INTEGER unix seconds (UTC). Users are never deleted, only disabled, so that the audit log keeps
-- naming them; the log copies the username anyway, so that it reads on its own.

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL DEFAULT '',
    role                 TEXT NOT NULL
        CHECK (role IN ('administrator', 'appraiser', 'coordinator', 'officer', 'leader', 'viewer')),
    unit_code            TEXT,
    department_code      TEXT,
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    password_hash        TEXT NOT NULL,  -- libsodium's crypto_pwhash_str (argon2id); never the password
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         INTEGER
);

-- The peer groups an appraiser appraises, in the order they were given.
CREATE TABLE user_groups (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_code TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (user_id, group_code)
) WITHOUT ROWID;

-- Only a digest of the session token is kept: a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    address    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Every change: who, when, what, old value -> new value, from which address. Append-only (triggers below).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    user_id   INTEGER NOT NULL DEFAULT 0,  -- 0 for the command line and unknown users
    username  TEXT NOT NULL DEFAULT '',
    address   TEXT NOT NULL DEFAULT '',
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL DEFAULT '',
    unit_code TEXT NOT NULL DEFAULT '',
    year      INTEGER NOT NULL DEFAULT 0,
    node_code TEXT NOT NULL DEFAULT '',
    field     TEXT NOT NULL DEFAULT '',
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT ''
);
-- The history of one assessment, of one criterion, and of one unit across years, newest first.
CREATE INDEX audit_log_unit_year_node ON audit_log(unit_code, year, node_code, id);
CREATE INDEX audit_log_unit_year ON audit_log(unit_code, year, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted');
END;
