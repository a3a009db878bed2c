-- The standards procedure: each case's stages and decisions, Independent Person consultations, the
-- complainant confidentiality decision, clock pauses, the council's time targets and its own
-- holidays. All in new tables, so records written before this migration are unchanged and their
-- audit history still replays exactly. A case with no stage_event row is at 'received'.

CREATE TABLE stage_event (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    stage        TEXT NOT NULL CHECK (stage IN ('acknowledged', 'initial assessment', 'decision',
                                                'investigation', 'report', 'hearing', 'outcome',
                                                'closed')),
    on_date      TEXT NOT NULL,
    -- The decision (at 'decision') or the final outcome (at 'outcome'); NULL otherwise.
    outcome      TEXT,
    -- JSON array: the informal resolution's measures, or the sanctions on a breach.
    actions      TEXT NOT NULL DEFAULT '[]',
    reason       TEXT,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX stage_event_case ON stage_event(case_id, id);

CREATE TABLE ip_consultation (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    person        TEXT NOT NULL,
    consulted_on  TEXT NOT NULL,
    stage         TEXT NOT NULL,
    views         TEXT NOT NULL
);
CREATE INDEX ip_consultation_case ON ip_consultation(case_id);

CREATE TABLE confidentiality_decision (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    decision    TEXT NOT NULL CHECK (decision IN ('granted', 'refused')),
    decided_by  TEXT NOT NULL,
    decided_on  TEXT NOT NULL,
    grounds     TEXT NOT NULL
);

-- The clock is stopped from paused_on (counted as stopped) until resumed_on (counted as running).
CREATE TABLE clock_pause (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    paused_on   TEXT NOT NULL,
    resumed_on  TEXT,
    reason      TEXT NOT NULL CHECK (reason IN ('awaiting information', 'pre-election period',
                                                'police referral', 'other')),
    note        TEXT,
    CHECK (resumed_on IS NULL OR resumed_on >= paused_on)
);
CREATE INDEX clock_pause_case ON clock_pause(case_id);
CREATE UNIQUE INDEX clock_pause_one_open ON clock_pause(case_id) WHERE resumed_on IS NULL;

-- Settings changed from their defaults (the defaults live in the code).
CREATE TABLE setting (
    id     INTEGER PRIMARY KEY,
    key    TEXT NOT NULL UNIQUE,
    value  TEXT NOT NULL
);

-- The council's own calendar changes: an extra holiday, or a bank holiday it works.
CREATE TABLE holiday_override (
    id    INTEGER PRIMARY KEY,
    day   TEXT NOT NULL UNIQUE,
    kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'working day')),
    name  TEXT NOT NULL
);
