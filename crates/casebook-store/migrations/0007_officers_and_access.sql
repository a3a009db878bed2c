-- Who works on cases, and every look at one.
--
-- officer: the register of the people who work on cases. A name is unique (case-insensitively).
-- Officers are never deleted: the audit trail and the access log point at them.
CREATE TABLE officer (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role        TEXT NOT NULL CHECK (role IN ('monitoring_officer', 'deputy', 'standards_officer',
                                              'investigator', 'read_only')),
    added_on    TEXT NOT NULL
);

-- Every audit entry from now on names the officer by id; earlier entries keep their free-text
-- actor (and NULL here). The entry's hash covers the id when there is one.
ALTER TABLE audit ADD COLUMN officer_id INTEGER REFERENCES officer(id);

-- The access log: who looked at what, when and from where. Append-only and hash-chained like the
-- audit trail, but a chain of its own: a look changes nothing. `reference` is the case's
-- reference as text (a case may one day be erased under the retention schedule; the record of
-- who looked at it stays).
CREATE TABLE access_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    officer_id  INTEGER NOT NULL REFERENCES officer(id),
    via         TEXT NOT NULL CHECK (via IN ('app', 'cli')),
    action      TEXT NOT NULL CHECK (action IN ('open case', 'view evidence', 'export evidence',
                                                'make paper', 'search')),
    reference   TEXT,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX access_log_reference ON access_log(reference);
CREATE INDEX access_log_officer ON access_log(officer_id);

CREATE TRIGGER access_log_append_only_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_append_only_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
