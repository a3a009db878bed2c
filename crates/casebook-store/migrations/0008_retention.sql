-- Retention and disposal: the council's schedule, legal holds, review-date extensions, disposals
-- with their tombstones, and subject access requests. The audit trail and the access log are
-- redesigned so an entry's personal content can be erased under a disposal while the chain
-- still verifies: each entry's hash commits to a hash of its content (content_hash), not to the
-- content itself. Entries written before this migration are resealed once, on open, after their
-- old chain is checked (legacy_hash keeps the hash each carried, which anchors taken earlier
-- still match).

-- Lines of the retention schedule changed from the default (the default is in the code).
CREATE TABLE retention_rule (
    id      INTEGER PRIMARY KEY,
    ending  TEXT NOT NULL UNIQUE CHECK (ending IN ('no further action', 'out of scope',
                                                   'informal resolution', 'no breach',
                                                   'breach found', 'withdrawn',
                                                   'referred to police')),
    months  INTEGER NOT NULL CHECK (months BETWEEN 1 AND 300),
    start   TEXT NOT NULL CHECK (start IN ('closure', 'final determination', 'leaving office'))
);

-- An officer's decision, on review, to keep a closed case longer: the latest one sets its
-- review date.
CREATE TABLE retention_extension (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    review_on   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);
CREATE INDEX retention_extension_case ON retention_extension(case_id, id);

-- A legal hold (litigation, an Ombudsman enquiry) blocks disposal until it is lifted.
CREATE TABLE legal_hold (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    reason       TEXT NOT NULL,
    placed_by    TEXT NOT NULL,
    placed_at    TEXT NOT NULL,
    lifted_by    TEXT,
    lifted_at    TEXT,
    lift_reason  TEXT
);
CREATE UNIQUE INDEX legal_hold_one_open ON legal_hold(case_id) WHERE lifted_at IS NULL;

-- One disposal: the cases whose personal data it removed (JSON: reference, ending, rule,
-- review date, early), why, who authorised it, and the audit and access-log entries whose
-- content it erased (JSON arrays of their numbers). Audited, so it is itself in the chain.
CREATE TABLE disposal (
    id              INTEGER PRIMARY KEY,
    certificate     TEXT NOT NULL UNIQUE,
    disposed_at     TEXT NOT NULL,
    officer_id      INTEGER NOT NULL REFERENCES officer(id),
    authorised_by   TEXT NOT NULL,
    reason          TEXT NOT NULL,
    early           INTEGER NOT NULL CHECK (early IN (0, 1)),
    cases           TEXT NOT NULL,
    audit_entries   TEXT NOT NULL,
    access_entries  TEXT NOT NULL
);

ALTER TABLE audit ADD COLUMN content_hash TEXT;
ALTER TABLE audit ADD COLUMN legacy_hash TEXT;
ALTER TABLE audit ADD COLUMN disposal_id INTEGER REFERENCES disposal(id);
ALTER TABLE access_log ADD COLUMN content_hash TEXT;
ALTER TABLE access_log ADD COLUMN legacy_hash TEXT;
ALTER TABLE access_log ADD COLUMN disposal_id INTEGER REFERENCES disposal(id);

-- One destroyed item (an evidence file, the post text, the complainant's details, a note …)
-- with the SHA-256 and size of what was destroyed. Part of its disposal's audited record.
CREATE TABLE tombstone (
    id           INTEGER PRIMARY KEY,
    disposal_id  INTEGER NOT NULL REFERENCES disposal(id),
    reference    TEXT NOT NULL,
    item         TEXT NOT NULL,
    evidence_id  INTEGER,
    sha256       TEXT NOT NULL,
    size         INTEGER NOT NULL
);
CREATE INDEX tombstone_disposal ON tombstone(disposal_id);
CREATE INDEX tombstone_sha256 ON tombstone(sha256);

-- The disposal that anonymised a case (the case row stays as its statistical record).
ALTER TABLE cases ADD COLUMN disposal_id INTEGER REFERENCES disposal(id);

-- A councillor's stand-in on the statistical records of disposed cases: a councillor row named
-- only by number, in the same council, so the annual figures (by council, repeat subjects) add
-- up as before without naming anyone.
CREATE TABLE councillor_pseudonym (
    councillor_id  INTEGER PRIMARY KEY REFERENCES councillor(id),
    pseudonym_id   INTEGER NOT NULL UNIQUE REFERENCES councillor(id)
);

-- Subject access requests (UK GDPR Art 15).
CREATE TABLE sar (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    contact           TEXT,
    received_on       TEXT NOT NULL,
    due_on            TEXT NOT NULL,
    extended_to       TEXT,
    extension_reason  TEXT,
    sent_on           TEXT,
    -- Other names to search for the same person (a maiden name, a handle), one per line.
    aliases           TEXT NOT NULL DEFAULT '',
    -- Other people's names to redact from the pack, beyond those suggested, one per line.
    redact            TEXT NOT NULL DEFAULT '',
    -- Names suggested for redaction that the officer decided to leave in, one per line.
    keep              TEXT NOT NULL DEFAULT '',
    logged_by         TEXT NOT NULL,
    logged_at         TEXT NOT NULL
);

-- What was found about the requester, each confirmed (or not) by the officer.
CREATE TABLE sar_hit (
    id         INTEGER PRIMARY KEY,
    sar_id     INTEGER NOT NULL REFERENCES sar(id),
    -- 'complainant', 'councillor', 'named in case', 'evidence', 'note', 'audit', 'access'
    kind       TEXT NOT NULL,
    case_id    INTEGER REFERENCES cases(id),
    item_id    INTEGER,
    label      TEXT NOT NULL,
    snippet    TEXT NOT NULL,
    confirmed  INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
    UNIQUE (sar_id, kind, case_id, item_id)
);
CREATE INDEX sar_hit_sar ON sar_hit(sar_id);

-- The trail stays append-only, with two exceptions: resealing an entry written before this
-- migration (once: its content is untouched), and erasing an entry's content under a disposal
-- that lists it (everything the chain links stays as it was).
DROP TRIGGER audit_append_only_update;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
WHEN NOT (
    (OLD.content_hash IS NULL AND NEW.content_hash IS NOT NULL AND NEW.legacy_hash = OLD.hash
     AND NEW.disposal_id IS NULL AND NEW.seq = OLD.seq AND NEW.changes = OLD.changes
     AND NEW.reason IS OLD.reason AND NEW.at = OLD.at AND NEW.actor = OLD.actor)
    OR
    (OLD.disposal_id IS NULL AND NEW.disposal_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM disposal d, json_each(d.audit_entries) j
                 WHERE d.id = NEW.disposal_id AND j.value = OLD.seq)
     AND NEW.changes = '{}' AND NEW.reason IS NULL
     AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor
     AND NEW.officer_id IS OLD.officer_id AND NEW.action = OLD.action
     AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id
     AND NEW.state_hash IS OLD.state_hash AND NEW.prev_hash = OLD.prev_hash
     AND NEW.hash = OLD.hash AND NEW.content_hash IS OLD.content_hash
     AND NEW.legacy_hash IS OLD.legacy_hash)
)
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

DROP TRIGGER access_log_append_only_update;
CREATE TRIGGER access_log_append_only_update BEFORE UPDATE ON access_log
WHEN NOT (
    (OLD.content_hash IS NULL AND NEW.content_hash IS NOT NULL AND NEW.legacy_hash = OLD.hash
     AND NEW.disposal_id IS NULL AND NEW.seq = OLD.seq AND NEW.detail = OLD.detail)
    OR
    (OLD.disposal_id IS NULL AND NEW.disposal_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM disposal d, json_each(d.access_entries) j
                 WHERE d.id = NEW.disposal_id AND j.value = OLD.seq)
     AND NEW.detail = '' AND NEW.seq = OLD.seq AND NEW.at = OLD.at
     AND NEW.officer_id = OLD.officer_id AND NEW.via = OLD.via AND NEW.action = OLD.action
     AND NEW.reference IS OLD.reference AND NEW.prev_hash = OLD.prev_hash
     AND NEW.hash = OLD.hash AND NEW.content_hash IS OLD.content_hash
     AND NEW.legacy_hash IS OLD.legacy_hash)
)
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;

-- Evidence originals are removed only through a disposal, which leaves a tombstone first.
DROP TRIGGER blob_immutable_delete;
CREATE TRIGGER blob_immutable_delete BEFORE DELETE ON blob
WHEN NOT EXISTS (SELECT 1 FROM tombstone t WHERE t.sha256 = OLD.sha256)
BEGIN SELECT RAISE(ABORT, 'evidence originals are immutable'); END;
DROP TRIGGER evidence_immutable_delete;
CREATE TRIGGER evidence_immutable_delete BEFORE DELETE ON evidence
WHEN NOT EXISTS (SELECT 1 FROM tombstone t WHERE t.evidence_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'evidence records are immutable'); END;

CREATE TRIGGER disposal_append_only_update BEFORE UPDATE ON disposal
BEGIN SELECT RAISE(ABORT, 'disposal records are append-only'); END;
CREATE TRIGGER disposal_append_only_delete BEFORE DELETE ON disposal
BEGIN SELECT RAISE(ABORT, 'disposal records are append-only'); END;
CREATE TRIGGER tombstone_append_only_update BEFORE UPDATE ON tombstone
BEGIN SELECT RAISE(ABORT, 'tombstones are append-only'); END;
CREATE TRIGGER tombstone_append_only_delete BEFORE DELETE ON tombstone
BEGIN SELECT RAISE(ABORT, 'tombstones are append-only'); END;
