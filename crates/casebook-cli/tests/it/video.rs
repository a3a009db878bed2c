//! Video evidence on both stores: MP4, WebM and QuickTime clips made by real encoders (the
//! fixtures in `tests/fixtures/video`) sniffed from their bytes, streamed into the database in
//! parts and hashed on the way; a long one read back whole and by ranges across its parts, kept
//! once for two cases, checked by `verify` and gone with its parts when its case is disposed of;
//! a `.mp4` that is really a web page, and a cut-off clip, refused with nothing kept.

/// The fixture clip `name`'s path.
#[cfg(test)]
pub fn clip(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/video")
        .join(name)
}

/// An MP4 of about `len` bytes whose media data is `len` pseudo-random bytes (so no part
/// repeats another): its boxes are whole, which is all intake checks of a video's structure.
#[cfg(test)]
pub fn long_mp4(len: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(len + 64);
    let boxed = |v: &mut Vec<u8>, kind: &[u8; 4], body_len: usize| {
        v.extend_from_slice(&u32::try_from(body_len + 8).unwrap().to_be_bytes());
        v.extend_from_slice(kind);
    };
    boxed(&mut v, b"ftyp", 16);
    v.extend_from_slice(b"isom\0\0\x02\0isommp41");
    boxed(&mut v, b"moov", 8);
    v.extend_from_slice(&[0; 8]);
    boxed(&mut v, b"mdat", len);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    v.extend((0..len).map(|_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as u8
    }));
    v
}

/// `casebook evidence add` of a long video on an encrypted file: stored with the rollback
/// journal (written once) and the file back in write-ahead-log mode after; the bytes exported
/// again are the file's, and `verify` is clean.
#[test]
fn the_cli_streams_a_video_in_and_leaves_the_file_in_wal_mode() {
    let (dir, db) = crate::support::demo();
    let video = long_mp4(casebook::blob::PART_BYTES + 4321);
    let path = dir.path().join("clip.mp4");
    std::fs::write(&path, &video).unwrap();
    let said = crate::support::stdout_of(
        &db,
        &["evidence", "add", "SC-2026-001", path.to_str().unwrap()],
    );
    let sha = casebook::audit::sha256_hex(&video);
    assert!(
        said.contains(&format!("video/mp4 {} bytes, sha256 {sha}", video.len())),
        "{said}"
    );
    let raw = crate::support::raw(&db);
    let mode: String = raw
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let parts: i64 = raw
        .query_row("SELECT count(*) FROM blob_part", [], |r| r.get(0))
        .unwrap();
    assert_eq!(parts, 2);
    drop(raw);
    let id = said.split_whitespace().nth(3).unwrap();
    let out = dir.path().join("back.mp4");
    let said = crate::support::stdout_of(
        &db,
        &["evidence", "export", id, "--out", out.to_str().unwrap()],
    );
    assert!(said.contains(&sha), "{said}");
    assert_eq!(std::fs::read(&out).unwrap(), video);
    crate::support::stdout_of(&db, &["verify"]);
}

on_both_stores! {
    use std::io::Cursor;

    use casebook::evidence::{self, Capture, Offered};
    use casebook::sql::Sql;
    use casebook::{audit, blob, disposal, retention, verify};
    use casebook_store::sql_params;

    use crate::support::{drop_trigger, stamp};
    use crate::video::{clip, long_mp4};

    fn setup() -> (TestDb, i64) {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let k = t.case(c, "2026-04-01", "A TikTok video about the depot");
        (t, k.id)
    }

    fn add(t: &mut TestDb, case_id: i64, bytes: &[u8], name: &str) -> casebook::Result<evidence::Evidence> {
        let s = stamp();
        let mut file = Cursor::new(bytes.to_vec());
        let len = bytes.len() as u64;
        t.db.write(|tx| {
            evidence::add_video(tx, &s, case_id, &mut file, len, Some(name), &Capture::default(), &mut |_| {})
        })
    }

    #[test]
    fn each_video_type_is_sniffed_from_its_bytes_streamed_in_and_hashed() {
        let (mut t, k) = setup();
        for (name, media_type) in [
            ("clip.mp4", "video/mp4"),
            ("clip.webm", "video/webm"),
            ("clip.mov", "video/quicktime"),
        ] {
            let path = clip(name);
            let bytes = std::fs::read(&path).unwrap();
            // Through the path intake takes from a file named on the command line.
            let mut offered = evidence::open_file(&path).unwrap();
            assert!(matches!(offered, Offered::Video { .. }), "{name} is opened to stream");
            let s = stamp();
            let e = t
                .db
                .write(|tx| {
                    evidence::add_offered(tx, &s, k, &mut offered, Some(name), &Capture::default(), &mut |_| {})
                })
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(e.media_type, media_type, "{name}");
            assert_eq!(e.sha256, audit::sha256_hex(&bytes), "{name}");
            assert_eq!(e.size as usize, bytes.len(), "{name}");
            assert!(!e.has_thumbnail, "{name}");
            assert_eq!(evidence::bytes(t.db.conn(), e.id).unwrap(), bytes, "{name}");
        }
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }

    #[test]
    fn a_long_video_is_kept_in_parts_read_back_by_range_and_kept_once_for_two_cases() {
        let (mut t, k) = setup();
        let video = long_mp4(2 * blob::PART_BYTES + 12_345);
        let mut seen = Vec::new();
        let s = stamp();
        let mut file = Cursor::new(video.clone());
        let e = t
            .db
            .write(|tx| {
                evidence::add_video(tx, &s, k, &mut file, video.len() as u64, Some("long.mp4"),
                    &Capture::default(), &mut |n| seen.push(n))
            })
            .unwrap();
        assert_eq!(e.sha256, audit::sha256_hex(&video));
        assert_eq!(seen.last().copied(), Some(video.len() as u64), "progress reaches the end");
        assert_eq!(seen.len(), 3, "three parts: {seen:?}");
        assert_eq!(t.count("SELECT count(*) FROM blob_part"), 3);
        let conn = t.db.conn();
        assert_eq!(evidence::bytes(conn, e.id).unwrap(), video);
        let mut copied = Vec::new();
        let (sha, len) = evidence::copy(conn, e.id, &mut copied).unwrap();
        assert_eq!(copied, video);
        assert_eq!((sha, len), (e.sha256.clone(), video.len() as u64));
        // A stretch across the first part's end, one inside the last part, one past the end.
        let edge = blob::PART_BYTES as u64 - 10;
        assert_eq!(evidence::range(conn, e.id, edge, 30).unwrap(), video[edge as usize..edge as usize + 30]);
        let late = 2 * blob::PART_BYTES as u64 + 5;
        assert_eq!(evidence::range(conn, e.id, late, 100).unwrap(), video[late as usize..late as usize + 100]);
        let tail = video.len() as u64 - 4;
        assert_eq!(evidence::range(conn, e.id, tail, 100).unwrap(), video[tail as usize..]);
        assert!(evidence::range(conn, e.id, video.len() as u64, 10).unwrap().is_empty());

        // The same video on a second case: one blob, its parts kept once.
        let c = t.councillor("Bernard Okafor");
        let other = t.case(c, "2026-04-02", "The same video, shared again").id;
        let again = add(&mut t, other, &video, "shared.mp4").unwrap();
        assert_eq!(again.sha256, e.sha256);
        assert_eq!(t.count("SELECT count(*) FROM blob_part"), 3);
        assert_eq!(t.count("SELECT count(*) FROM blob WHERE parts IS NOT NULL"), 1);
        // And not twice on one case.
        let err = add(&mut t, k, &video, "again.mp4").unwrap_err().to_string();
        assert!(err.contains("identical bytes are already evidence item"), "{err}");
        assert_eq!(t.count("SELECT count(*) FROM blob_part"), 3);
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }

    #[test]
    fn a_changed_part_is_refused_by_the_store_and_found_by_verify() {
        let (mut t, k) = setup();
        let video = long_mp4(blob::PART_BYTES + 100);
        let e = add(&mut t, k, &video, "long.mp4").unwrap();
        let conn = t.db.conn();
        let sql = "UPDATE blob_part SET bytes = ?1 WHERE seq = 1";
        let err = conn.run(sql, &sql_params![vec![0u8; 100]]).unwrap_err();
        assert!(err.to_string().contains("immutable"), "{err}");
        let err = conn.run("DELETE FROM blob_part", &[]).unwrap_err();
        assert!(err.to_string().contains("immutable"), "{err}");
        drop_trigger(conn, "blob_part_immutable_update", "blob_part");
        conn.run(sql, &sql_params![vec![0u8; 100]]).unwrap();
        let r = verify::verify(conn).unwrap();
        let p = r.problems.iter().find(|p| p.area == "evidence").expect("an evidence problem");
        assert_eq!(p.location, format!("blob {} (evidence item {} on SC-2026-001)", e.sha256, e.id));
        assert!(p.detail.contains("bytes have changed"), "{}", p.detail);
    }

    #[test]
    fn a_dot_mp4_that_is_a_web_page_or_a_cut_off_clip_is_refused_and_nothing_is_kept() {
        let (mut t, k) = setup();
        let page = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>";
        let path = t.dir.path().join("funny.mp4");
        std::fs::write(&path, page).unwrap();
        let mut offered = evidence::open_file(&path).unwrap();
        assert!(matches!(offered, Offered::Whole(_)), "not sniffed as a video");
        let s = stamp();
        let err = t
            .db
            .write(|tx| evidence::add_offered(tx, &s, k, &mut offered, Some("funny.mp4"), &Capture::default(), &mut |_| {}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("is named .mp4 but its contents are not a MP4 video file"), "{err}");
        // Named .mp4 but a WebM inside: named for what it is not.
        let webm = std::fs::read(clip("clip.webm")).unwrap();
        let err = add(&mut t, k, &webm, "clip.mp4").unwrap_err().to_string();
        assert!(err.contains("its contents are WebM video"), "{err}");
        // Cut off in copying: its media data runs past the end.
        let mp4 = std::fs::read(clip("clip.mp4")).unwrap();
        let err = add(&mut t, k, &mp4[..mp4.len() - 1000], "cut.mp4").unwrap_err().to_string();
        assert!(err.contains("damaged or truncated MP4 video"), "{err}");
        assert!(err.contains("past the end"), "{err}");
        let long = long_mp4(blob::PART_BYTES + 10);
        let err = add(&mut t, k, &long[..long.len() - 1], "cut.mp4").unwrap_err().to_string();
        assert!(err.contains("past the end"), "{err}");
        for table in ["blob", "blob_part", "evidence"] {
            assert_eq!(t.count(&format!("SELECT count(*) FROM {table}")), 0, "{table}");
        }
    }

    #[test]
    fn a_disposed_case_takes_its_video_and_every_part_with_it() {
        let mut t = open();
        t.demo();
        let today = stamp().at.date_naive();
        let due = retention::due(t.db.conn(), today, today)
            .unwrap()
            .into_iter()
            .find(|r| r.blocked.is_none())
            .expect("a demo case due for disposal");
        let video = long_mp4(blob::PART_BYTES + 77);
        add(&mut t, due.case_id, &video, "kept.mp4").unwrap();
        assert_eq!(t.count("SELECT count(*) FROM blob_part"), 2);
        let s = stamp();
        let refs = [due.reference.clone()];
        t.db.write(|tx| disposal::dispose(tx, &s, &refs, "Retention review", false)).unwrap();
        assert_eq!(t.count("SELECT count(*) FROM blob_part"), 0);
        let sha = audit::sha256_hex(&video);
        let stone: i64 = t
            .db
            .conn()
            .value("SELECT size FROM tombstone WHERE sha256 = ?1", &sql_params![sha])
            .unwrap();
        assert_eq!(stone as usize, video.len(), "the tombstone records the bytes destroyed");
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }
}
