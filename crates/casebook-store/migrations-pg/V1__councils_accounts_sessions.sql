-- The team server's own tables: the councils it serves (a shared service holds several), the
-- officers' accounts and their role in each council, signed-in sessions, and the security log
-- (sign-ins, failures, lock-outs, refusals).

CREATE TABLE council (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX council_name ON council (lower(name));

CREATE TABLE account (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    -- Argon2id, in the PHC string format (algorithm, parameters, salt and hash together).
    password_hash  TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    failures       INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX account_name ON account (lower(name));

CREATE TABLE membership (
    account_id  BIGINT NOT NULL REFERENCES account (id),
    council_id  BIGINT NOT NULL REFERENCES council (id),
    role        TEXT NOT NULL CHECK (role = 'monitoring_officer' OR role = 'deputy'
                    OR role = 'standards_officer' OR role = 'investigator'
                    OR role = 'independent_person'),
    PRIMARY KEY (account_id, council_id)
);
CREATE INDEX membership_council ON membership (council_id);

CREATE TABLE session (
    -- SHA-256 of the bearer token: a copy of this table signs no one in.
    token_hash  BYTEA PRIMARY KEY CHECK (length(token_hash) = 32),
    account_id  BIGINT NOT NULL REFERENCES account (id),
    started_at  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    ended_at    TIMESTAMPTZ
);
CREATE INDEX session_account ON session (account_id);

CREATE TABLE security_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    account_id  BIGINT REFERENCES account (id),
    council_id  BIGINT REFERENCES council (id),
    event       TEXT NOT NULL CHECK (event = 'signed_in' OR event = 'sign_in_failed'
                    OR event = 'locked_out' OR event = 'signed_out' OR event = 'refused'
                    OR event = 'account_added' OR event = 'council_added'),
    -- What was asked and why it was refused, or whose account was added: never a password or token.
    detail      TEXT NOT NULL
);
CREATE INDEX security_log_account ON security_log (account_id, at);
