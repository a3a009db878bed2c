//! Evidence intake rules: hashing, sniffing, corrupt and over-size files, duplicates, immutability.

on_both_stores! {
    use casebook::evidence::{self, Capture, MAX_FILE_BYTES};
    use casebook::{audit, Error};
    use image::ImageFormat;

    use casebook::sql::Sql;
    use casebook_store::sql_params;

    use crate::support::{image_bytes, pdf_bytes, stamp};

    fn add(
        t: &mut TestDb,
        case_id: i64,
        bytes: &[u8],
        name: &str,
    ) -> casebook::Result<evidence::Evidence> {
        let s = stamp();
        t.db.write(|tx| evidence::add_file(tx, &s, case_id, bytes, Some(name), &Capture::default()))
    }

    fn setup() -> (TestDb, i64) {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let k = t.case(c, "2026-04-01", "Post about the depot");
        (t, k.id)
    }

    #[test]
    fn each_accepted_type_is_sniffed_hashed_and_thumbnailed() {
        let (mut t, k) = setup();
        let files = [
            (
                image_bytes(ImageFormat::Png, 1),
                "shot.png",
                "image/png",
                true,
            ),
            (
                image_bytes(ImageFormat::Jpeg, 2),
                "shot.jpeg",
                "image/jpeg",
                true,
            ),
            (
                image_bytes(ImageFormat::Gif, 3),
                "shot.gif",
                "image/gif",
                true,
            ),
            (
                image_bytes(ImageFormat::WebP, 4),
                "shot.webp",
                "image/webp",
                true,
            ),
            (pdf_bytes(), "letter.pdf", "application/pdf", false),
            (
                image_bytes(ImageFormat::Png, 5),
                "no-extension",
                "image/png",
                true,
            ),
        ];
        for (bytes, name, media_type, thumb) in files {
            let e = add(&mut t, k, &bytes, name).unwrap_or_else(|err| panic!("{name}: {err}"));
            assert_eq!(e.media_type, media_type, "{name}");
            assert_eq!(e.sha256, audit::sha256_hex(&bytes), "{name}");
            assert_eq!(e.size as usize, bytes.len());
            assert_eq!(e.original_name.as_deref(), Some(name));
            assert_eq!(e.captured_by, "Test Officer");
            assert_eq!(e.has_thumbnail, thumb, "{name}");
            assert_eq!(
                evidence::bytes(t.db.conn(), e.id).unwrap(),
                bytes,
                "original bytes come back unchanged"
            );
            if thumb {
                assert_eq!((e.width, e.height), (Some(40), Some(24)));
                let th = evidence::thumbnail(t.db.conn(), e.id).unwrap().unwrap();
                assert_eq!(evidence::sniff(&th), Some("image/jpeg"));
            }
        }
    }

    #[test]
    fn a_png_name_on_jpeg_bytes_is_refused() {
        let (mut t, k) = setup();
        let err = add(
            &mut t,
            k,
            &image_bytes(ImageFormat::Jpeg, 1),
            "screenshot.png",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "file"),
            "{msg}"
        );
        assert!(msg.contains(".png") && msg.contains("JPEG"), "{msg}");
        assert_eq!(t.count("SELECT count(*) FROM evidence"), 0);
    }

    #[test]
    fn a_non_image_is_refused_with_the_accepted_types_listed() {
        let (mut t, k) = setup();
        let err = add(&mut t, k, b"just some notes, not a picture", "notes.png").unwrap_err();
        assert!(err.to_string().contains("not a PNG"), "{err}");
        let err = add(
            &mut t,
            k,
            b"<html><script>alert(1)</script></html>",
            "page.html",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("accepted: PNG, JPEG, WebP, GIF, PDF"),
            "{err}"
        );
        assert_eq!(t.count("SELECT count(*) FROM blob"), 0);
    }

    #[test]
    fn a_corrupt_image_is_refused() {
        let (mut t, k) = setup();
        let mut png = image_bytes(ImageFormat::Png, 1);
        png.truncate(png.len() / 2);
        let err = add(&mut t, k, &png, "cut.png").unwrap_err();
        assert!(err.to_string().contains("truncated PNG"), "{err}");
        let mut pdf = pdf_bytes();
        pdf.truncate(20);
        let err = add(&mut t, k, &pdf, "cut.pdf").unwrap_err();
        assert!(err.to_string().contains("truncated or corrupt"), "{err}");
        assert_eq!(t.count("SELECT count(*) FROM evidence"), 0);
    }

    #[test]
    fn an_over_size_file_is_refused_before_and_after_reading() {
        let (mut t, k) = setup();
        let mut big = image_bytes(ImageFormat::Png, 1);
        big.resize(MAX_FILE_BYTES as usize + 1, 0);
        let err = add(&mut t, k, &big, "big.png").unwrap_err();
        assert!(err.to_string().contains("limited to 32 MiB"), "{err}");

        let path = t.dir.path().join("huge.png");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let err = evidence::read_file(&path).unwrap_err();
        assert!(err.to_string().contains("limited to 32 MiB"), "{err}");
    }

    #[test]
    fn identical_bytes_are_stored_once_and_refused_twice_on_one_case() {
        let (mut t, k) = setup();
        let other = {
            let c = t.councillor("Bernard Okafor");
            t.case(
                c,
                "2026-04-02",
                "Same screenshot sent by another complainant",
            )
            .id
        };
        let png = image_bytes(ImageFormat::Png, 9);
        let first = add(&mut t, k, &png, "a.png").unwrap();
        let err = add(&mut t, k, &png, "a-again.png").unwrap_err();
        assert!(matches!(err, Error::Conflict { .. }), "{err}");
        assert!(
            err.to_string()
                .contains(&format!("evidence item {}", first.id)),
            "{err}"
        );
        let second = add(&mut t, other, &png, "b.png").unwrap();
        assert_eq!(first.sha256, second.sha256);
        assert_eq!(
            t.count("SELECT count(*) FROM blob"),
            1,
            "identical bytes are stored once"
        );
        assert_eq!(t.count("SELECT count(*) FROM evidence"), 2);
    }

    #[test]
    fn original_name_is_data_not_a_path() {
        let (mut t, k) = setup();
        let e = add(
            &mut t,
            k,
            &image_bytes(ImageFormat::Png, 1),
            "../../etc/passwd.png",
        )
        .unwrap();
        assert_eq!(e.original_name.as_deref(), Some("passwd.png"));
        let e = add(
            &mut t,
            k,
            &image_bytes(ImageFormat::Png, 2),
            "C:\\Users\\mo\\shot.png",
        )
        .unwrap();
        assert_eq!(e.original_name.as_deref(), Some("shot.png"));
    }

    #[test]
    fn originals_cannot_be_changed_or_deleted() {
        let (mut t, k) = setup();
        let e = add(&mut t, k, &image_bytes(ImageFormat::Png, 1), "a.png").unwrap();
        let conn = t.db.conn();
        let zero = vec![0u8];
        let sql = "UPDATE blob SET bytes = ?1 WHERE sha256 = ?2";
        let err = conn.run(sql, &sql_params![zero, e.sha256]).unwrap_err();
        assert!(err.to_string().contains("immutable"), "{err}");
        let sql = "DELETE FROM evidence WHERE id = ?1";
        let err = conn.run(sql, &sql_params![e.id]).unwrap_err();
        assert!(err.to_string().contains("immutable"), "{err}");
    }

    #[test]
    fn post_text_is_kept_exactly_and_limits_apply() {
        let (mut t, k) = setup();
        let s = stamp();
        let text =
            "Hostile <script>alert('x')</script> <img src=x onerror=alert(1)> £ and émoji 🙂\nline two";
        let e =
            t.db.write(|tx| evidence::add_text(tx, &s, k, text, &Capture::default()))
                .unwrap();
        assert_eq!(e.kind, "post_text");
        assert_eq!(evidence::bytes(t.db.conn(), e.id).unwrap(), text.as_bytes());
        let err =
            t.db.write(|tx| evidence::add_text(tx, &s, k, "  ", &Capture::default()))
                .unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "post_text"));
        let huge = "a".repeat(evidence::MAX_TEXT_BYTES + 1);
        let err =
            t.db.write(|tx| evidence::add_text(tx, &s, k, &huge, &Capture::default()))
                .unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "post_text"));
    }

    #[test]
    fn a_redacted_copy_links_to_its_original_on_the_same_case() {
        let (mut t, k) = setup();
        let original = add(&mut t, k, &image_bytes(ImageFormat::Png, 1), "a.png").unwrap();
        let s = stamp();
        let cap = Capture {
            derived_from: Some(original.id),
            ..Capture::default()
        };
        let copy =
            t.db.write(|tx| {
                evidence::add_file(
                    tx,
                    &s,
                    k,
                    &image_bytes(ImageFormat::Png, 2),
                    Some("a-redacted.png"),
                    &cap,
                )
            })
            .unwrap();
        assert_eq!(copy.derived_from, Some(original.id));
        let future = Capture {
            captured_at: Some(s.at + chrono::Duration::days(1)),
            ..Capture::default()
        };
        let err =
            t.db.write(|tx| {
                evidence::add_file(
                    tx,
                    &s,
                    k,
                    &image_bytes(ImageFormat::Png, 3),
                    Some("c.png"),
                    &future,
                )
            })
            .unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "captured_at"));
    }
}
