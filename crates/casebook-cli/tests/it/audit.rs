//! The audit trail's hash chain, and `verify` finding tampering with rows, blobs and the trail.

on_both_stores! {
    use casebook::evidence::Capture;
    use casebook::{audit, evidence, verify};
    use image::ImageFormat;

    use casebook::sql::Sql;
    use casebook_store::sql_params;

    use crate::support::{drop_trigger, image_bytes, stamp};

    fn populated() -> (TestDb, i64, String) {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let k = t.case(c, "2026-04-01", "Post about the depot");
        let s = stamp();
        let e =
            t.db.write(|tx| {
                casebook::assessment::tag(tx, &s, k.id, "R8", Some("rude"))?;
                evidence::add_file(
                    tx,
                    &s,
                    k.id,
                    &image_bytes(ImageFormat::Png, 7),
                    Some("a.png"),
                    &Capture::default(),
                )
            })
            .unwrap();
        (t, k.id, e.sha256)
    }

    #[test]
    fn every_change_is_a_chained_entry_with_actor_and_what_changed() {
        let (mut t, k, _) = populated();
        let s = stamp();
        t.db.write(|tx| casebook::case::set_summary(tx, &s, k, "Post about the new depot"))
            .unwrap();
        let entries = audit::all(t.db.conn()).unwrap();
        assert_eq!(entries[0].prev_hash, audit::GENESIS);
        for pair in entries.windows(2) {
            assert_eq!(pair[1].prev_hash, pair[0].hash);
            assert_eq!(pair[1].seq, pair[0].seq + 1);
        }
        let last = entries.last().unwrap();
        assert_eq!(
            (last.action.as_str(), last.entity.as_str(), last.entity_id),
            ("update", "cases", k)
        );
        assert_eq!(last.actor, "Test Officer");
        assert_eq!(last.at, "2026-06-01T09:00:00Z");
        let changes: serde_json::Value = serde_json::from_str(&last.changes).unwrap();
        assert_eq!(changes["summary"]["from"], "Post about the depot");
        assert_eq!(changes["summary"]["to"], "Post about the new depot");
        assert_eq!(
            changes.as_object().unwrap().len(),
            1,
            "only what changed is recorded"
        );
        let history = audit::for_case(t.db.conn(), k).unwrap();
        let kinds: Vec<&str> = history.iter().map(|e| e.entity.as_str()).collect();
        assert_eq!(kinds, ["cases", "case_tag", "evidence", "cases"]);
    }

    #[test]
    fn the_trail_is_append_only() {
        let (t, _, _) = populated();
        let err =
            t.db.conn()
                .run("UPDATE audit SET actor = 'someone else'", &sql_params![])
                .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        let err = t.db.conn().run("DELETE FROM audit", &sql_params![]).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
    }

    #[test]
    fn verify_passes_on_an_untouched_database() {
        let (t, _, _) = populated();
        let r = verify::verify(t.db.conn()).unwrap();
        assert!(r.ok(), "{:#?}", r.problems);
        assert_eq!(r.evidence_items, 1);
        assert_eq!(r.blobs_rehashed, 1);
        assert!(r.audit_entries >= 5);
    }

    #[test]
    fn verify_finds_a_row_changed_outside_casebook() {
        let (t, k, _) = populated();
        t.db.conn()
            .run("UPDATE cases SET summary = 'Nothing to see here' WHERE id = ?1", &sql_params![k])
            .unwrap();
        let r = verify::verify(t.db.conn()).unwrap();
        assert_eq!(r.problems.len(), 1, "{:#?}", r.problems);
        let p = &r.problems[0];
        assert_eq!(p.area, "record");
        let reference = casebook::case::get(t.db.conn(), k).unwrap().reference;
        assert_eq!(p.location, format!("cases {k} ({reference})"));
        assert!(p.detail.contains("summary"), "{}", p.detail);
    }

    #[test]
    fn verify_finds_rows_added_or_deleted_outside_casebook() {
        let (t, k, _) = populated();
        let conn = t.db.conn();
        conn.run("DELETE FROM case_tag WHERE case_id = ?1", &sql_params![k])
            .unwrap();
        conn.run("INSERT INTO councillor (name, council, membership) VALUES ('Ghost', 'Kingsmere City Council', 'elected')", &sql_params![])
        .unwrap();
        let r = verify::verify(conn).unwrap();
        let details: Vec<String> = r
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.location, p.detail))
            .collect();
        assert!(
            details
                .iter()
                .any(|d| d.starts_with("case_tag") && d.contains("deleted outside")),
            "{details:#?}"
        );
        assert!(
            details
                .iter()
                .any(|d| d.starts_with("councillor 2") && d.contains("added outside")),
            "{details:#?}"
        );
    }

    #[test]
    fn verify_finds_a_tampered_blob() {
        let (t, _, sha) = populated();
        let conn = t.db.conn();
        // A tamperer would have to drop the immutability trigger first; verify still catches it.
        drop_trigger(conn, "blob_immutable_update", "blob");
        let bytes = b"\x89PNG\r\n\x1a\n\0".to_vec();
        conn.run(
            "UPDATE blob SET bytes = ?1 WHERE sha256 = ?2",
            &sql_params![bytes, sha.as_str()],
        )
        .unwrap();
        let r = verify::verify(conn).unwrap();
        assert!(!r.ok());
        let p = r
            .problems
            .iter()
            .find(|p| p.area == "evidence")
            .expect("an evidence problem");
        assert_eq!(
            p.location,
            format!("blob {sha} (evidence item 1 on SC-2026-001)")
        );
        assert!(p.detail.contains("bytes have changed"), "{}", p.detail);
    }

    #[test]
    fn verify_finds_an_altered_or_removed_audit_entry() {
        let (t, _, _) = populated();
        let conn = t.db.conn();
        drop_trigger(conn, "audit_append_only_update", "audit");
        drop_trigger(conn, "audit_append_only_delete", "audit");
        conn.run("UPDATE audit SET actor = 'Someone Else' WHERE seq = 3", &sql_params![])
            .unwrap();
        let r = verify::verify(conn).unwrap();
        assert!(
            r.problems.iter().any(|p| p.area == "audit_chain"
                && p.location == "audit entry 3"
                && p.detail.contains("altered")),
            "{:#?}",
            r.problems
        );
        conn.run("DELETE FROM audit WHERE seq = 2", &sql_params![]).unwrap();
        let r = verify::verify(conn).unwrap();
        assert!(
            r.problems
                .iter()
                .any(|p| p.area == "audit_chain" && p.detail.contains("missing")),
            "{:#?}",
            r.problems
        );
    }

    #[test]
    fn verify_finds_reworded_guidance() {
        let (t, _, _) = populated();
        t.db.conn()
            .run("UPDATE catalogue_item SET text = 'Anything goes.' WHERE code = 'R8'", &sql_params![])
            .unwrap();
        let r = verify::verify(t.db.conn()).unwrap();
        assert!(
            r.problems
                .iter()
                .any(|p| p.location == "catalogue_version 1" && p.detail.contains("items")),
            "{:#?}",
            r.problems
        );
    }

    /// The dashboard's recent activity: the newest changes to cases and what hangs off them, newest
    /// first, passing over changes to anything else (the trail is read backwards from its head).
    #[test]
    fn recent_activity_is_the_newest_case_changes_passing_over_the_rest() {
        let (mut t, case_id, _) = populated();
        let s = stamp();
        t.db.write(|tx| casebook::settings::set(tx, &s, "idle_lock_minutes", "20").map(drop))
            .unwrap();
        let recent = audit::recent(t.db.conn(), 2).unwrap();
        let got: Vec<(&str, &str, Option<&str>)> = recent
            .iter()
            .map(|a| {
                (
                    a.entry.entity.as_str(),
                    a.entry.action.as_str(),
                    a.reference.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("evidence", "create", Some("SC-2026-001")),
                ("case_tag", "create", Some("SC-2026-001"))
            ]
        );
        assert!(recent[0].entry.seq > recent[1].entry.seq);
        let all = audit::recent(t.db.conn(), 100).unwrap();
        assert!(all
            .iter()
            .all(|a| a.entry.entity != "setting" && a.entry.entity != "councillor"));
        assert_eq!(
            all.last()
                .map(|a| (a.entry.entity.as_str(), a.entry.entity_id)),
            Some(("cases", case_id))
        );
    }
}
