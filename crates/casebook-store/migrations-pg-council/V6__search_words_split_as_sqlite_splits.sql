-- The search index splits words as SQLite's does (and as a query is split: every run of letters
-- and digits is a word). PostgreSQL's own parser read "SC-2026-001" as the word "sc" and the signed
-- numbers "-2026" and "-001", so searching a case's reference found nothing on the server, nor did
-- dates, web addresses or e-mail addresses typed as they were written. Every ASCII punctuation
-- mark is now a space before the text is parsed.
CREATE FUNCTION search_text(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(coalesce(t, ''), '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~',
                     '                                ');

DROP INDEX case_search_words;
ALTER TABLE case_search DROP COLUMN words;
ALTER TABLE case_search ADD COLUMN words tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', search_text(reference)), 'A') ||
    setweight(to_tsvector('english', search_text(councillor)), 'B') ||
    setweight(to_tsvector('english', search_text(summary)), 'C') ||
    setweight(to_tsvector('english', search_text(post_text)), 'C') ||
    setweight(to_tsvector('english', search_text(notes)), 'D')) STORED;
CREATE INDEX case_search_words ON case_search USING gin (words);
