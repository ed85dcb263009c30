-- Nigehban collector schema, version 1 (SQLite). Keep in step with ../postgres/0001_init.sql.
-- Times are RFC 3339 UTC text written by the server, so they sort as text on both backends.

CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('volunteer', 'moderator')),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE reports (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id         TEXT NOT NULL UNIQUE,
    received_at       TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    token_id          INTEGER NOT NULL REFERENCES tokens (id),
    platform          TEXT NOT NULL,
    page_url          TEXT NOT NULL,
    level             TEXT NOT NULL,
    score             REAL NOT NULL,
    text_sha256       TEXT NOT NULL,
    body              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'new'
                      CHECK (status IN ('new', 'confirmed', 'rejected', 'escalated')),
    review_note       TEXT,
    review_reference  TEXT,
    reviewed_by       TEXT,
    reviewed_at       TEXT
);
CREATE INDEX reports_status ON reports (status, seq);
CREATE INDEX reports_platform ON reports (platform, seq);

CREATE TABLE report_categories (
    report_seq  INTEGER NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    category    TEXT NOT NULL,
    PRIMARY KEY (report_seq, category)
);
CREATE INDEX report_categories_category ON report_categories (category);

-- The seller's contact and payment channels; link_key is the normalised value that joins
-- reports across platforms (a phone and a WhatsApp number share one key).
CREATE TABLE indicators (
    report_seq  INTEGER NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    link_key    TEXT NOT NULL,
    PRIMARY KEY (report_seq, kind, value)
);
CREATE INDEX indicators_link_key ON indicators (link_key);

CREATE TABLE screenshots (
    report_seq  INTEGER PRIMARY KEY REFERENCES reports (seq) ON DELETE CASCADE,
    png         BLOB NOT NULL
);

-- Every review action, kept so the evidence trail shows who decided what and when.
CREATE TABLE review_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    report_seq  INTEGER NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    note        TEXT,
    reference   TEXT,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL
);

CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    token_id    INTEGER NOT NULL REFERENCES tokens (id),
    expires_at  TEXT NOT NULL
);
