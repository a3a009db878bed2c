-- The rest of the arrangements: the Independent Persons the council has appointed, the councillor
-- told of the complaint and their comments, the investigator with their time and cost and the
-- reports, requests for review, and the letters sent to the parties, each kept as a hashed case
-- document. All new tables (and one column added to ip_consultation, listed as `added` in the
-- audit schema), so every record written before this migration keeps its audited snapshot.
--
-- Free-text columns a disposal empties are nullable here; Casebook requires them on entry.

CREATE TABLE independent_person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    term_start  TEXT NOT NULL,
    term_end    TEXT,
    contact     TEXT,
    CHECK (term_end IS NULL OR term_end >= term_start)
);

-- The Independent Person consulted, from the register (NULL for consultations recorded before
-- the register, which name the person in `person`).
ALTER TABLE ip_consultation ADD COLUMN ip_id INTEGER REFERENCES independent_person(id);

CREATE TABLE councillor_notification (
    id                    INTEGER PRIMARY KEY,
    case_id               INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    notified_on           TEXT NOT NULL,
    method                TEXT NOT NULL CHECK (method IN ('email', 'post', 'in person')),
    sent                  TEXT NOT NULL CHECK (sent IN ('the complaint', 'a summary')),
    comments_received_on  TEXT,
    comments              TEXT,
    comments_evidence_id  INTEGER REFERENCES evidence(id),
    recorded_by           TEXT NOT NULL,
    recorded_at           TEXT NOT NULL,
    CHECK (comments_received_on IS NULL OR comments_received_on >= notified_on)
);

-- Letters, final reports: files Casebook keeps for a case, content-addressed in `blob` like
-- evidence, and like evidence never changed. Removed only by a disposal, which leaves a
-- tombstone naming the document first.
CREATE TABLE case_document (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    kind        TEXT NOT NULL CHECK (kind IN ('letter', 'final report')),
    title       TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES blob(sha256),
    size        INTEGER NOT NULL,
    media_type  TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL
);
CREATE INDEX case_document_case ON case_document(case_id);
CREATE INDEX case_document_sha256 ON case_document(sha256);

ALTER TABLE tombstone ADD COLUMN document_id INTEGER;

CREATE TRIGGER case_document_immutable_update BEFORE UPDATE ON case_document
BEGIN SELECT RAISE(ABORT, 'case documents are immutable'); END;
CREATE TRIGGER case_document_immutable_delete BEFORE DELETE ON case_document
WHEN NOT EXISTS (SELECT 1 FROM tombstone t WHERE t.document_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'case documents are immutable'); END;

CREATE TABLE investigation (
    id                          INTEGER PRIMARY KEY,
    case_id                     INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    investigator                TEXT,
    kind                        TEXT NOT NULL CHECK (kind IN ('internal', 'external')),
    appointed_on                TEXT NOT NULL,
    draft_sent_on               TEXT,
    draft_comments_received_on  TEXT,
    final_report_on             TEXT,
    final_report_document_id    INTEGER REFERENCES case_document(id),
    CHECK (draft_sent_on IS NULL OR draft_sent_on >= appointed_on),
    CHECK (draft_comments_received_on IS NULL OR draft_comments_received_on >= draft_sent_on)
);

CREATE TABLE investigation_cost (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    on_date      TEXT NOT NULL,
    hours        REAL NOT NULL CHECK (hours >= 0),
    cost_pence   INTEGER NOT NULL CHECK (cost_pence >= 0),
    note         TEXT,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX investigation_cost_case ON investigation_cost(case_id);

CREATE TABLE review_request (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    requested_on  TEXT NOT NULL,
    requested_by  TEXT NOT NULL CHECK (requested_by IN ('complainant', 'councillor')),
    grounds       TEXT,
    reviewer      TEXT,
    decision      TEXT CHECK (decision IS NULL OR decision IN ('decision upheld', 'decision changed',
                                                               'request not accepted')),
    decided_on    TEXT,
    reasons       TEXT,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    CHECK ((decision IS NULL) = (decided_on IS NULL)),
    CHECK (decided_on IS NULL OR decided_on >= requested_on)
);
CREATE INDEX review_request_case ON review_request(case_id);
CREATE UNIQUE INDEX review_request_one_open ON review_request(case_id) WHERE decided_on IS NULL;

CREATE TABLE letter (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    kind         TEXT NOT NULL CHECK (kind IN ('acknowledgement', 'notification', 'comments',
                                               'decision', 'outcome', 'review')),
    party        TEXT NOT NULL CHECK (party IN ('complainant', 'councillor', 'ip', 'clerk')),
    recipient    TEXT,
    dated        TEXT NOT NULL,
    document_id  INTEGER REFERENCES case_document(id),
    sent_on      TEXT,
    sent_by      TEXT CHECK (sent_by IS NULL OR sent_by IN ('email', 'post')),
    made_by      TEXT NOT NULL,
    made_at      TEXT NOT NULL,
    CHECK ((sent_on IS NULL) = (sent_by IS NULL)),
    CHECK (sent_on IS NULL OR sent_on >= dated)
);
CREATE INDEX letter_case ON letter(case_id);
