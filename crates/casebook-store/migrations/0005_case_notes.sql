-- The officer's notes on a case, in Markdown. Kept as written; shown through a sanitiser.
CREATE TABLE case_note (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    body        TEXT NOT NULL,
    author      TEXT NOT NULL,
    written_at  TEXT NOT NULL
);
CREATE INDEX case_note_case ON case_note(case_id);
