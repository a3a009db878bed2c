-- Casebook core schema: guidance catalogue, councillor register, cases, evidence, assessment, audit.
-- Append-only: never edit a migration that has shipped; add a new numbered file instead.

CREATE TABLE catalogue_version (
    id          INTEGER PRIMARY KEY,
    label       TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    adopted_on  TEXT,
    source      TEXT NOT NULL
);

CREATE TABLE catalogue_item (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES catalogue_version(id),
    kind        TEXT NOT NULL CHECK (kind IN ('responsibility', 'legal_issue', 'nolan_principle',
                                              'code_obligation', 'lga_checklist', 'capacity_indicator')),
    code        TEXT NOT NULL,
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    UNIQUE (version_id, code)
);

CREATE TABLE councillor (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    council     TEXT NOT NULL,
    ward        TEXT,
    party       TEXT,
    membership  TEXT NOT NULL CHECK (membership IN ('elected', 'co-opted')),
    term_start  TEXT,
    term_end    TEXT,
    UNIQUE (name, council)
);

CREATE TABLE social_account (
    id                       INTEGER PRIMARY KEY,
    councillor_id            INTEGER NOT NULL REFERENCES councillor(id),
    platform                 TEXT NOT NULL,
    handle                   TEXT NOT NULL,
    profile_says_councillor  INTEGER NOT NULL CHECK (profile_says_councillor IN (0, 1)),
    account_use              TEXT NOT NULL CHECK (account_use IN ('personal', 'councillor', 'mixed')),
    visibility               TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    UNIQUE (platform, handle)
);
CREATE INDEX social_account_councillor ON social_account(councillor_id);

-- Last sequence number handed out per year; bumped in the same transaction that creates the case,
-- so a failed create leaves no gap.
CREATE TABLE reference_counter (
    year  INTEGER PRIMARY KEY,
    last  INTEGER NOT NULL
);

CREATE TABLE cases (
    id                         INTEGER PRIMARY KEY,
    reference                  TEXT NOT NULL UNIQUE,
    received_on                TEXT NOT NULL,
    channel                    TEXT NOT NULL,
    complainant_name           TEXT NOT NULL,
    complainant_contact        TEXT,
    complainant_type           TEXT NOT NULL CHECK (complainant_type IN ('public', 'councillor', 'officer', 'other')),
    confidentiality_requested  INTEGER NOT NULL CHECK (confidentiality_requested IN (0, 1)),
    confidentiality_reason     TEXT,
    councillor_id              INTEGER NOT NULL REFERENCES councillor(id),
    platform                   TEXT NOT NULL,
    post_url                   TEXT,
    posted_at                  TEXT,
    summary                    TEXT NOT NULL,
    catalogue_version_id       INTEGER NOT NULL REFERENCES catalogue_version(id),
    capacity_determination     TEXT NOT NULL DEFAULT 'undetermined'
                               CHECK (capacity_determination IN ('in capacity', 'not in capacity', 'undetermined')),
    capacity_reasons           TEXT,
    capacity_determined_by     TEXT,
    capacity_determined_at     TEXT
);
CREATE INDEX cases_councillor ON cases(councillor_id);
CREATE INDEX cases_received ON cases(received_on);

-- Several complaints about one post or one incident; stored once per pair, lower id first.
CREATE TABLE case_link (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    other_case_id  INTEGER NOT NULL REFERENCES cases(id),
    kind           TEXT NOT NULL CHECK (kind IN ('same post', 'same incident')),
    CHECK (case_id < other_case_id),
    UNIQUE (case_id, other_case_id)
);

-- Evidence bytes, content-addressed: identical bytes are stored once, whichever case they belong to.
CREATE TABLE blob (
    sha256  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    bytes   BLOB NOT NULL
);

CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    kind           TEXT NOT NULL CHECK (kind IN ('file', 'post_text')),
    sha256         TEXT NOT NULL REFERENCES blob(sha256),
    size           INTEGER NOT NULL,
    media_type     TEXT NOT NULL,
    original_name  TEXT,
    width          INTEGER,
    height         INTEGER,
    captured_by    TEXT NOT NULL,
    captured_at    TEXT NOT NULL,
    source_url     TEXT,
    derived_from   INTEGER REFERENCES evidence(id),
    description    TEXT,
    added_at       TEXT NOT NULL,
    UNIQUE (case_id, sha256)
);
CREATE INDEX evidence_case ON evidence(case_id);

-- Derived from the blob; not evidence, so not audited, and rebuilt if lost.
CREATE TABLE thumbnail (
    sha256      TEXT PRIMARY KEY REFERENCES blob(sha256),
    media_type  TEXT NOT NULL,
    bytes       BLOB NOT NULL
);

CREATE TABLE case_tag (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    item_id  INTEGER NOT NULL REFERENCES catalogue_item(id),
    note     TEXT,
    UNIQUE (case_id, item_id)
);
CREATE INDEX case_tag_item ON case_tag(item_id);

CREATE TABLE capacity_answer (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    item_id  INTEGER NOT NULL REFERENCES catalogue_item(id),
    answer   TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unknown')),
    note     TEXT,
    UNIQUE (case_id, item_id)
);

-- Append-only, hash-chained: hash = sha256(prev_hash, seq, at, actor, action, entity, entity_id,
-- changes, state_hash). state_hash is the hash of the entity's row after the change (NULL once deleted).
CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    reason      TEXT,
    changes     TEXT NOT NULL,
    state_hash  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER blob_immutable_update BEFORE UPDATE ON blob
BEGIN SELECT RAISE(ABORT, 'evidence originals are immutable'); END;
CREATE TRIGGER blob_immutable_delete BEFORE DELETE ON blob
BEGIN SELECT RAISE(ABORT, 'evidence originals are immutable'); END;
CREATE TRIGGER evidence_immutable_update BEFORE UPDATE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence records are immutable'); END;
CREATE TRIGGER evidence_immutable_delete BEFORE DELETE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence records are immutable'); END;
