-- A disposal deletes an evidence item's bytes (blob), its record and case documents once their
-- tombstones are written. V1's check named OLD.id in the same expression as OLD.sha256, and a
-- blob has no id: PL/pgSQL refused every blob's deletion ("record "old" has no field "id""), so no
-- disposal could finish on the server. Each table's check now names only its own columns.
CREATE OR REPLACE FUNCTION delete_only_tombstoned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'blob' THEN
        IF EXISTS (SELECT 1 FROM tombstone t WHERE t.sha256 = OLD.sha256) THEN
            RETURN OLD;
        END IF;
    ELSIF TG_TABLE_NAME = 'evidence' THEN
        IF EXISTS (SELECT 1 FROM tombstone t WHERE t.evidence_id = OLD.id) THEN
            RETURN OLD;
        END IF;
    ELSIF TG_TABLE_NAME = 'case_document' THEN
        IF EXISTS (SELECT 1 FROM tombstone t WHERE t.document_id = OLD.id) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION '%', TG_ARGV[0];
END $$;
