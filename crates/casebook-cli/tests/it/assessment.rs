//! Tagging against a catalogue version, and the acting-in-capacity assessment.

on_both_stores! {
    use casebook::catalogue::{self, ItemKind, NewItem, NewVersion};
    use casebook::{assessment, Error};

    use crate::support::stamp;

    fn new_version() -> NewVersion {
        NewVersion {
            label: "v2".into(),
            title: "Social Media Guidance for Councillors (2027 revision)".into(),
            adopted_on: Some("2027-01-15".into()),
            source: "Standards Committee review".into(),
            items: vec![
                NewItem {
                    kind: ItemKind::Responsibility,
                    code: "R1".into(),
                    title: "Do not imply you speak for the Council (revised)".into(),
                    text: "Revised wording.".into(),
                },
                NewItem {
                    kind: ItemKind::Responsibility,
                    code: "R11".into(),
                    title: "Artificial images".into(),
                    text: "Councillors should not post AI-generated images of real people.".into(),
                },
                NewItem {
                    kind: ItemKind::CapacityIndicator,
                    code: "I1".into(),
                    title: "Profile identifies them as a councillor".into(),
                    text: "As before.".into(),
                },
            ],
        }
    }

    #[test]
    fn tags_carry_notes_and_unknown_codes_are_refused() {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let k = t.case(c, "2026-04-01", "Post about residents");
        let s = stamp();
        t.db.write(|tx| assessment::tag(tx, &s, k.id, "r8", Some("Rude to residents")))
            .unwrap();
        t.db.write(|tx| assessment::tag(tx, &s, k.id, "L1", None))
            .unwrap();
        t.db.write(|tx| assessment::tag(tx, &s, k.id, "R8", Some("Rude to named residents")))
            .unwrap();
        let tags = assessment::tags(t.db.conn(), k.id).unwrap();
        let got: Vec<(&str, Option<&str>)> = tags
            .iter()
            .map(|t| (t.code.as_str(), t.note.as_deref()))
            .collect();
        assert_eq!(got, [("R8", Some("Rude to named residents")), ("L1", None)]);
        assert_eq!(tags[0].title, "Professional and polite");

        let err =
            t.db.write(|tx| assessment::tag(tx, &s, k.id, "R99", None))
                .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "code"),
            "{err}"
        );
        assert!(err.to_string().contains("catalogue v1"), "{err}");
        let err =
            t.db.write(|tx| assessment::tag(tx, &s, k.id, "I1", None))
                .unwrap_err();
        assert!(err.to_string().contains("indicator"), "{err}");

        t.db.write(|tx| assessment::untag(tx, &s, k.id, "L1"))
            .unwrap();
        assert_eq!(assessment::tags(t.db.conn(), k.id).unwrap().len(), 1);
    }

    #[test]
    fn a_new_catalogue_version_leaves_old_cases_as_they_were() {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let old = t.case(c, "2026-04-01", "Before the revision");
        let s = stamp();
        t.db.write(|tx| assessment::tag(tx, &s, old.id, "R1", Some("Implied council view")))
            .unwrap();

        let v2 =
            t.db.write(|tx| catalogue::add_version(tx, &s, &new_version()))
                .unwrap();
        assert_eq!(catalogue::current(t.db.conn()).unwrap().label, "v2");
        let new = t.case(c, "2026-05-01", "After the revision");
        assert_eq!(new.catalogue_version, "v2");
        assert_eq!(new.catalogue_version_id, v2.id);

        // The old case keeps v1: its tag still reads as v1 did, and v2-only codes do not apply to it.
        let tags = assessment::tags(t.db.conn(), old.id).unwrap();
        assert_eq!(tags[0].title, "Do not imply you speak for the Council");
        let err =
            t.db.write(|tx| assessment::tag(tx, &s, old.id, "R11", None))
                .unwrap_err();
        assert!(err.to_string().contains("catalogue v1"), "{err}");

        t.db.write(|tx| assessment::tag(tx, &s, new.id, "R11", None))
            .unwrap();
        t.db.write(|tx| assessment::tag(tx, &s, new.id, "R1", None))
            .unwrap();
        let tags = assessment::tags(t.db.conn(), new.id).unwrap();
        assert_eq!(
            tags[0].title,
            "Do not imply you speak for the Council (revised)"
        );
        // v2 has one indicator only.
        assert_eq!(
            assessment::capacity(t.db.conn(), new.id)
                .unwrap()
                .indicators
                .len(),
            1
        );
        assert_eq!(
            assessment::capacity(t.db.conn(), old.id)
                .unwrap()
                .indicators
                .len(),
            9
        );

        let err =
            t.db.write(|tx| catalogue::add_version(tx, &s, &new_version()))
                .unwrap_err();
        assert!(matches!(err, Error::Conflict { .. }), "{err}");
    }

    #[test]
    fn a_catalogue_version_with_a_repeated_code_is_refused_whole() {
        let mut t = open();
        let s = stamp();
        let mut v = new_version();
        v.items[1].code = "R1".into();
        let err =
            t.db.write(|tx| catalogue::add_version(tx, &s, &v))
                .unwrap_err();
        assert!(err.to_string().contains("appears twice"), "{err}");
        assert_eq!(catalogue::versions(t.db.conn()).unwrap().len(), 1);
    }

    #[test]
    fn capacity_assessment_counts_each_way_and_the_officer_decides() {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let k = t.case(c, "2026-04-01", "Post about the depot");
        let s = stamp();
        t.db.write(|tx| {
            assessment::answer_indicator(
                tx,
                &s,
                k.id,
                "I1",
                "yes",
                Some("Bio says 'Cllr for Castle Quay'"),
            )?;
            assessment::answer_indicator(tx, &s, k.id, "I2", "yes", None)?;
            assessment::answer_indicator(tx, &s, k.id, "I5", "no", Some("Account is private"))?;
            assessment::answer_indicator(tx, &s, k.id, "I9", "unknown", None)?;
            assessment::answer_indicator(tx, &s, k.id, "I2", "no", None)
        })
        .unwrap();
        let cap = assessment::capacity(t.db.conn(), k.id).unwrap();
        assert_eq!(
            cap.counts,
            assessment::Counts {
                towards_capacity: 1,
                against_capacity: 2,
                unknown: 1,
                unanswered: 5
            }
        );
        assert_eq!(cap.determination, "undetermined", "Casebook never decides");
        assert_eq!(
            cap.indicators[0].note.as_deref(),
            Some("Bio says 'Cllr for Castle Quay'")
        );

        let err =
            t.db.write(|tx| assessment::determine(tx, &s, k.id, "in capacity", None))
                .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "reasons"),
            "{err}"
        );
        let err =
            t.db.write(|tx| assessment::answer_indicator(tx, &s, k.id, "R1", "yes", None))
                .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "indicator"),
            "{err}"
        );
        let err =
            t.db.write(|tx| assessment::answer_indicator(tx, &s, k.id, "I1", "maybe", None))
                .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "answer"),
            "{err}"
        );

        t.db.write(|tx| {
            assessment::determine(
                tx,
                &s,
                k.id,
                "Not In Capacity",
                Some("Private account; personal dispute."),
            )
        })
        .unwrap();
        let cap = assessment::capacity(t.db.conn(), k.id).unwrap();
        assert_eq!(cap.determination, "not in capacity");
        assert_eq!(
            cap.reasons.as_deref(),
            Some("Private account; personal dispute.")
        );
        assert_eq!(cap.determined_by.as_deref(), Some("Test Officer"));
    }
}
