-- Accounts, API tokens, failed-login counts and the append-only audit trail.

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    login         TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 2 AND 64),
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'hq', 'pcc', 'mission', 'conduct', 'analyst')),
    country       TEXT REFERENCES country (iso3),
    mission       TEXT REFERENCES mission (acronym),
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT NOT NULL,
    CHECK (country IS NULL OR mission IS NULL),
    CHECK (role <> 'pcc' OR country IS NOT NULL),
    CHECK (role <> 'mission' OR mission IS NOT NULL)
);

-- Tokens are stored as SHA-256 hashes: the token itself is shown once and never kept.
CREATE TABLE api_token (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES app_user (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    revoked_at   TEXT
);

-- Failed logins per key ('login:NAME' or 'address:IP'), shared by every server process.
CREATE TABLE login_failure (
    key          TEXT PRIMARY KEY,
    count        INTEGER NOT NULL,
    last_at      TEXT NOT NULL,
    locked_until TEXT
);

-- Browser sessions (ids are random 256-bit values, stored hashed).
CREATE TABLE web_session (
    id_hash      TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES app_user (id),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);

CREATE TABLE audit_entry (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    address      TEXT NOT NULL,
    action       TEXT NOT NULL,
    record       TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    detail       TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);

CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);

-- Append-only: unpol never updates or deletes an entry, and the database refuses to.
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
