-- Full-text search over each case: reference, councillor, summary, post text and officers' notes.
-- rowid = cases.id. Kept in step by the core on every change to a case; rebuilt on open if it
-- ever disagrees with the cases table (e.g. right after this migration on an existing database).
CREATE VIRTUAL TABLE case_search USING fts5(
    reference,
    councillor,
    summary,
    post_text,
    notes,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
