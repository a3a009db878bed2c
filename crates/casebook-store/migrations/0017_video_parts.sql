-- Videos (up to 1 GiB) are kept in the database like every other original, but not as one value:
-- SQLite holds at most 1,000,000,000 bytes in one. Their bytes are written in parts of 8 MiB as
-- the file streams in, before its hash is known, so the parts of one file share a `stream` number;
-- the blob row, written once the hash is known, names that stream in `parts` and holds no bytes
-- itself. Every other blob keeps `parts` NULL and its bytes in the row, as before.
ALTER TABLE blob ADD COLUMN parts INTEGER;
CREATE UNIQUE INDEX blob_parts ON blob(parts) WHERE parts IS NOT NULL;

CREATE TABLE blob_part (
    id      INTEGER PRIMARY KEY,
    stream  INTEGER NOT NULL,
    seq     INTEGER NOT NULL CHECK (seq >= 0),
    bytes   BLOB NOT NULL,
    UNIQUE (stream, seq)
);

CREATE TRIGGER blob_part_immutable_update BEFORE UPDATE ON blob_part
BEGIN SELECT RAISE(ABORT, 'evidence originals are immutable'); END;
-- A part goes only once no blob names its stream (a disposal deletes the blob first, after its
-- tombstone; an intake that found the same bytes already kept drops the parts it wrote).
CREATE TRIGGER blob_part_immutable_delete BEFORE DELETE ON blob_part
WHEN EXISTS (SELECT 1 FROM blob WHERE parts = OLD.stream)
BEGIN SELECT RAISE(ABORT, 'evidence originals are immutable'); END;
