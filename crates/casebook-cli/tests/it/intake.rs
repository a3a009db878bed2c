//! Logging a complaint in one step (the desktop form): all of it stored, or none of it.

on_both_stores! {
    use casebook::councillor::NewCouncillor;
    use casebook::evidence::Capture;
    use casebook::intake::{self, File, Intake};
    use casebook::{case, evidence, verify, Error};
    use image::ImageFormat;

    use crate::support::{image_bytes, new_case, stamp};

    #[test]
    fn a_complaint_with_a_new_councillor_text_and_screenshots_is_stored_at_once() {
        let mut t = open();
        let s = stamp();
        let shot = image_bytes(ImageFormat::Png, 7);
        let intake = Intake {
            case: new_case(0, "2026-05-11", "Post mocking a resident"),
            new_councillor: Some(NewCouncillor {
                name: "Ffion Rhys".into(),
                council: "Wexcombe Town Council".into(),
                ..NewCouncillor::default()
            }),
            post_text: Some("You lot are all idiots".into()),
            files: vec![File::bytes(Some("shot.png".into()), shot.clone())],
            capture: Capture::default(),
        };
        let k = t.db.write(|tx| intake::log(tx, &s, &intake)).unwrap();
        assert_eq!(k.councillor.name, "Ffion Rhys");
        let items = evidence::list(t.db.conn(), k.id).unwrap();
        assert_eq!(items.len(), 2);
        assert!(items
            .iter()
            .any(|e| e.kind == "file" && e.original_name.as_deref() == Some("shot.png")));
        assert!(
            items
                .iter()
                .all(|e| e.source_url.as_deref() == Some("https://facebook.example/p/1")),
            "evidence records where it came from: the post"
        );
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }

    #[test]
    fn a_bad_file_or_field_stores_nothing_and_names_what_is_wrong() {
        let mut t = open();
        let s = stamp();
        let c = t.councillor("Gwen Tallis");
        let good = Intake {
            case: new_case(c, "2026-05-11", "Post"),
            files: vec![File::bytes(Some("notes.txt".into()), b"not a screenshot".to_vec())],
            new_councillor: None,
            post_text: None,
            capture: Capture::default(),
        };
        let err = t.db.write(|tx| intake::log(tx, &s, &good)).unwrap_err();
        let Error::Invalid { field, reason } = &err else {
            panic!("{err}")
        };
        assert_eq!(field, "files");
        assert!(
            reason.starts_with("notes.txt is not an accepted evidence type"),
            "{reason}"
        );
        let bad_councillor = Intake {
            new_councillor: Some(NewCouncillor {
                name: " ".into(),
                council: "Kingsmere City Council".into(),
                ..NewCouncillor::default()
            }),
            files: vec![],
            ..good.clone()
        };
        let err =
            t.db.write(|tx| intake::log(tx, &s, &bad_councillor))
                .unwrap_err();
        assert!(err.to_string().starts_with("new_councillor_name:"), "{err}");
        assert_eq!(t.count("SELECT count(*) FROM cases"), 0);
        assert_eq!(t.count("SELECT count(*) FROM councillor"), 1);
        assert_eq!(t.count("SELECT count(*) FROM evidence"), 0);
        // Checking a file alone says the same, before anything is stored.
        let err = evidence::check(b"GIF89a broken", Some("shot.gif")).unwrap_err();
        assert!(err.to_string().starts_with("file:"), "{err}");
        let ok = evidence::check(&image_bytes(ImageFormat::Jpeg, 1), Some("a.jpg")).unwrap();
        assert_eq!((ok.media_type.as_str(), ok.width), ("image/jpeg", Some(40)));
        assert!(case::list(t.db.conn(), &case::Filter::default())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn capture_times_are_read_in_every_style_an_officer_types() {
        use casebook::text::instant;
        for typed in [
            "2026-11-20T21:45:00Z",
            "2026-11-20 21:45",
            "2026-11-20T21:45",
            "20/11/2026 21:45",
        ] {
            assert_eq!(
                casebook::audit::timestamp(instant("captured_at", typed).unwrap()),
                "2026-11-20T21:45:00Z",
                "{typed}"
            );
        }
        assert_eq!(
            casebook::audit::timestamp(instant("captured_at", "20/11/2026").unwrap()),
            "2026-11-20T00:00:00Z"
        );
        let err = instant("captured_at", "last Tuesday").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("captured_at: 'last Tuesday' is not a time"),
            "{err}"
        );
    }
}
