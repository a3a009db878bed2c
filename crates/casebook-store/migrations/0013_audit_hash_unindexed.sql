-- The audit trail's `hash` was declared UNIQUE, which kept an index of every entry's SHA-256.
-- Nothing looks an entry up by its hash (anchors name the sequence number; `verify` walks the
-- chain in order, and a repeated hash could only come from a broken chain, which it reports).
-- Being random, each new hash landed on a different page of that index, so every audited write
-- cost more as the trail grew (a 100,000-case council has about 900,000 entries). The table is
-- rebuilt without it, exactly as it was otherwise: the same columns in the same order, the same
-- indexes and the same append-only triggers.
CREATE TABLE audit_rebuilt (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity       TEXT NOT NULL,
    entity_id    INTEGER NOT NULL,
    reason       TEXT,
    changes      TEXT NOT NULL,
    state_hash   TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    officer_id   INTEGER REFERENCES officer(id),
    content_hash TEXT,
    legacy_hash  TEXT,
    disposal_id  INTEGER REFERENCES disposal(id)
);
INSERT INTO audit_rebuilt (seq, at, actor, action, entity, entity_id, reason, changes, state_hash,
                           prev_hash, hash, officer_id, content_hash, legacy_hash, disposal_id)
SELECT seq, at, actor, action, entity, entity_id, reason, changes, state_hash,
       prev_hash, hash, officer_id, content_hash, legacy_hash, disposal_id
FROM audit ORDER BY seq;
-- Dropping a table deletes its rows without firing its triggers; the triggers go with it.
DROP TABLE audit;
ALTER TABLE audit_rebuilt RENAME TO audit;
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_unsealed ON audit (seq) WHERE content_hash IS NULL;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
-- As 0008 left it: resealing an entry written before content hashes, or erasing an entry's
-- content under a disposal that lists it; nothing else.
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
