-- Councillors are found by name and council ignoring case (`councillor::find`, on every import
-- row and every new councillor). The UNIQUE (name, council) index uses the default collation, so
-- that lookup scanned the whole register; this index answers it directly.
CREATE INDEX councillor_name_nocase ON councillor (name COLLATE NOCASE, council COLLATE NOCASE);
