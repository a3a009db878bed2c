-- Who works on each case on the team server: its officer and its investigator (one of each at a
-- time) and the Independent Persons consulted on it. Accounts live in the server's own tables
-- (public.account); a council's schema refers to them, never the other way round.
CREATE TABLE case_assignment (
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    duty        TEXT COLLATE "C" NOT NULL
                CHECK (duty IN ('officer', 'investigator', 'independent_person')),
    account_id  BIGINT NOT NULL REFERENCES public.account(id),
    assigned_by BIGINT NOT NULL REFERENCES public.account(id),
    assigned_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (case_id, duty, account_id)
);
CREATE INDEX case_assignment_account ON case_assignment (account_id, case_id);
