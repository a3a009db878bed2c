-- Each closed case's retention review date, kept beside its progress so that the dashboard counts
-- the reviews that are due, and the retention screen finds them, through an index: working them
-- out meant ten subqueries for every case on each paint (about 0.9 s at 100,000 cases). Derived
-- like the rest of case_progress: recomputed on every write that touches the case, its councillor
-- (the term end), an extension, or the retention schedule, and compared by `verify`.
ALTER TABLE case_progress ADD COLUMN review_on TEXT;
CREATE INDEX case_progress_review ON case_progress (review_on) WHERE review_on IS NOT NULL;
-- Emptied so that the open after this migration finds rows missing and works every case out again,
-- review dates included.
DELETE FROM case_progress;
