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

    #[test]
    fn a_redacted_copy_of_a_demo_screenshot_covers_every_pixel_in_its_box_and_keeps_the_original() {
        let mut t = open();
        t.demo();
        let conn = t.db.conn();
        let (case_id, shot) = casebook::case::list(conn, &casebook::case::Filter::default())
            .unwrap()
            .iter()
            .find_map(|k| {
                let items = evidence::list(conn, k.id).unwrap();
                let shot = items.into_iter().find(|e| e.media_type == "image/png")?;
                Some((k.id, shot))
            })
            .expect("a demo case with a screenshot");
        let before = evidence::bytes(conn, shot.id).unwrap();
        let area = casebook::redaction::Area::parse("box", "12,20,150,40").unwrap();
        let s = stamp();
        let reason = "The reply's author is a third party";
        t.db.write(|tx| casebook::intake::redact(tx, &s, case_id, shot.id, &[area], reason))
            .unwrap();

        let conn = t.db.conn();
        let items = evidence::list(conn, case_id).unwrap();
        let copy = items
            .iter()
            .find(|e| e.derived_from == Some(shot.id))
            .expect("the copy is linked to its original");
        assert_eq!(copy.media_type, "image/png");
        let description = copy.description.as_deref().unwrap();
        assert!(description.contains(reason) && description.contains(&shot.sha256), "{description}");
        let pixels = image::load_from_memory(&evidence::bytes(conn, copy.id).unwrap())
            .unwrap()
            .to_rgba8();
        let original = image::load_from_memory(&before).unwrap().to_rgba8();
        assert_eq!(pixels.dimensions(), original.dimensions());
        for (x, y, p) in pixels.enumerate_pixels() {
            let inside = (12..162).contains(&x) && (20..60).contains(&y);
            if inside {
                assert_eq!(p.0, [0, 0, 0, 255], "{x},{y} is not the fill");
            } else {
                assert_eq!(p, original.get_pixel(x, y), "{x},{y} changed outside the box");
            }
        }
        let after = evidence::bytes(conn, shot.id).unwrap();
        assert_eq!(after, before, "the original's bytes are unchanged");
        assert_eq!(audit::sha256_hex(&after), shot.sha256, "and so is its hash");

        // Refused, and nothing added: a box off the image, no reason, a PDF, another case's item.
        let count = evidence::list(conn, case_id).unwrap().len();
        let off = casebook::redaction::Area::parse("box", "0,0,100000,10").unwrap();
        let err = t
            .db
            .write(|tx| casebook::intake::redact(tx, &s, case_id, shot.id, &[off], reason))
            .unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "boxes[0]"), "{err}");
        let err = t
            .db
            .write(|tx| casebook::intake::redact(tx, &s, case_id, shot.id, &[area], " "))
            .unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "reason"), "{err}");
        let err = t
            .db
            .write(|tx| casebook::intake::redact(tx, &s, case_id + 1, shot.id, &[area], reason))
            .unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }), "{err}");
        assert_eq!(evidence::list(t.db.conn(), case_id).unwrap().len(), count);
    }
}

/// `casebook evidence redact`, the real binary on a desktop's file.
mod sqlite_file {
    use crate::support;

    #[test]
    fn the_command_line_makes_a_redacted_copy_and_names_a_bad_box() {
        let (_dir, db) = support::demo();
        let cases = support::json_of(&db, &["case", "list", "--json"]);
        let (id, reference) = cases
            .as_array()
            .unwrap()
            .iter()
            .find_map(|k| {
                let reference = k["reference"].as_str()?.to_string();
                let items = support::json_of(&db, &["evidence", "list", &reference, "--json"]);
                let shot = items
                    .as_array()?
                    .iter()
                    .find(|e| e["media_type"] == "image/png")?["id"]
                    .as_i64()?;
                Some((shot, reference))
            })
            .expect("a demo screenshot");
        let id = id.to_string();
        let (code, err) = support::casebook(
            &db,
            &[
                "evidence", "redact", &id, "--box", "10,10,40", "--reason", "Name",
            ],
        );
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("box") && err.contains("X,Y,W,H"), "{err}");
        let said = support::stdout_of(
            &db,
            &[
                "evidence",
                "redact",
                &id,
                "--box",
                "10,10,40,12",
                "--box",
                "0,0,5,5",
                "--reason",
                "A resident's name",
            ],
        );
        assert!(
            said.contains(&format!("a redacted copy of item {id} with 2 area(s)")),
            "{said}"
        );
        let items = support::json_of(&db, &["evidence", "list", &reference, "--json"]);
        let copy = items
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["derived_from"].as_i64() == id.parse().ok())
            .expect("the copy is on the case");
        assert!(
            copy["description"]
                .as_str()
                .unwrap()
                .contains("A resident's name"),
            "{copy}"
        );
    }
}
