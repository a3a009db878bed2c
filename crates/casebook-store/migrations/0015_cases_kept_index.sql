-- The case list shows the cases not disposed of, newest first, and says how many match. Counting
-- them read every case's row (its disposal_id), which on a council of 100,000 complaints meant
-- decrypting every page of the cases table each time the list was opened. This partial index
-- holds just those cases in the list's order (the reference breaks ties, then the rowid), so the
-- count reads the index and the first page is read from its end.
CREATE INDEX cases_kept_received ON cases (received_on, reference) WHERE disposal_id IS NULL;
