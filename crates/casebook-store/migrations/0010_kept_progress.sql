-- Where each case stands, kept so that the case list, the dashboard, the due list and the annual
-- figures read it through indexes instead of replaying every case's steps on each paint. These are
-- derived values: the core recomputes a case's row on every write that touches the case (and every
-- case a holiday or a change of targets can affect), fills the tables on open if a row is missing,
-- and `verify` compares them with a fresh recomputation. They are not audited: the audited rows
-- they are worked out from are.
CREATE TABLE case_progress (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    -- The stage's place in the procedure (received = 0 … closed), for sorting.
    stage_rank INTEGER NOT NULL,
    next_action TEXT,
    decision TEXT,
    outcome TEXT,
    -- Timeliness of acknowledging, deciding and sending the decision letters: working days taken
    -- (NULL until done), whether within target, whether still outstanding.
    acknowledge_days INTEGER,
    acknowledge_met INTEGER NOT NULL,
    acknowledge_outstanding INTEGER NOT NULL,
    decide_days INTEGER,
    decide_met INTEGER NOT NULL,
    decide_outstanding INTEGER NOT NULL,
    letters_days INTEGER,
    letters_met INTEGER NOT NULL,
    letters_outstanding INTEGER NOT NULL
) STRICT;
CREATE INDEX case_progress_stage ON case_progress(stage_rank, case_id);

-- Each open deadline of a case that the due list shows (the next action's, and the councillor's
-- or parties' comments, letters and review beside it), with its due date. A paused deadline has
-- no due date and no row.
CREATE TABLE case_due (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    action TEXT NOT NULL,
    deadline TEXT NOT NULL,
    due_on TEXT NOT NULL,
    PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_due_on ON case_due(due_on);

-- The case list's default order (newest first) and its sorts.
CREATE INDEX cases_received_reference ON cases(received_on, reference);
CREATE INDEX cases_platform ON cases(platform, received_on);
CREATE INDEX cases_determination ON cases(capacity_determination, received_on);
-- A case is found by its reference whatever its case (SC-2026-014 or sc-2026-014): without this
-- index each such lookup read the whole table, so an import slowed as the database grew.
CREATE INDEX cases_reference_nocase ON cases(reference COLLATE NOCASE);
