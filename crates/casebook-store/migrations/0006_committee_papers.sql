-- What the officer marks on a case for the committee papers.
--
-- case_publication: a summary written for publication (names in it are anonymised on output),
-- whether it illustrates the annual guidance review, and the day the decision notice was
-- published (the default publication rule names a councillor only where a breach was found and
-- the notice was published).
CREATE TABLE case_publication (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    summary              TEXT,
    illustrative         INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
    notice_published_on  TEXT
);

-- A case that reveals a gap or an ambiguity in the guidance, with the officer's note; optionally
-- about one responsibility or legal issue of the catalogue. The annual guidance review lists them.
CREATE TABLE guidance_gap (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    item_id     INTEGER REFERENCES catalogue_item(id),
    note        TEXT NOT NULL,
    flagged_by  TEXT NOT NULL,
    flagged_at  TEXT NOT NULL
);
CREATE INDEX guidance_gap_case ON guidance_gap(case_id);
