-- Every open asks whether either chain still holds entries written before content hashes (see
-- 0008): without an index that is a scan of the whole audit trail (90,000 entries for 10,000
-- cases) each time any command starts. These partial indexes hold only unsealed entries, so
-- they are empty once a trail is resealed and the question is answered without reading it.
CREATE INDEX audit_unsealed ON audit (seq) WHERE content_hash IS NULL;
CREATE INDEX access_log_unsealed ON access_log (seq) WHERE content_hash IS NULL;
