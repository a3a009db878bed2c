//! A video longer than one request body, sent to the server in parts: begun for a case, each part
//! PUT in order by the officer who began it, then finished as evidence with the SHA-256 of the
//! whole; out-of-order parts, another officer's parts, a wrong hash and an over-long video are
//! refused, and nothing is kept of a refused finish.

use serde_json::json;

use crate::cases::{account, moved_in, PASSWORD};
use crate::changes::{logged, sha256};
use crate::{ADMIN, ADMIN_PASSWORD};

/// The fixture MP4 (a real encoder's) with a `free` box of `padding` bytes after it: still a
/// whole MP4, long enough to need several parts.
fn long_clip(padding: usize) -> Vec<u8> {
    let mut v = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../casebook-cli/tests/fixtures/video/clip.mp4"),
    )
    .unwrap();
    v.extend_from_slice(&u32::try_from(padding + 8).unwrap().to_be_bytes());
    v.extend_from_slice(b"free");
    v.extend((0..padding).map(|i| (i % 251) as u8));
    v
}

#[test]
fn a_long_video_is_sent_in_parts_and_kept_once_every_part_has_come() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    account(&server, &mo, "Sol Standards", "standards_officer");
    let other = server.sign_in("Sol Standards", PASSWORD);
    let (case, version) = logged(&server, &mo, "A long YouTube video");
    let part = 8 * 1024 * 1024;
    let video = long_clip(2 * part);
    assert!(video.len() > 2 * part);

    // Over 1 GiB: refused before a byte is sent.
    let (status, v) = server.call(
        "POST",
        &format!("{case}/uploads?size={}&name=huge.mp4", 1u64 << 31),
        Some(&mo),
        None,
    );
    assert_eq!(status, 422, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("videos to 1024 MiB"),
        "{v}"
    );

    let (status, v) = server.call(
        "POST",
        &format!("{case}/uploads?size={}&name=clip.mp4", video.len()),
        Some(&mo),
        None,
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["part_bytes"], json!(part));
    let upload = v["upload"].as_i64().unwrap();
    let put = |token: &str, seq: usize| {
        let bytes = &video[seq * part..video.len().min((seq + 1) * part)];
        server.put_bytes(
            &format!("/api/councils/1/uploads/{upload}/{seq}"),
            token,
            bytes,
        )
    };
    // Another officer cannot add to it; a part out of order is refused, naming the one expected.
    let (status, v) = put(&other, 0);
    assert_eq!(status, 404, "{v}");
    let (status, v) = put(&mo, 1);
    assert_eq!((status, v["field"].as_str()), (409, Some("seq")), "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("part 0 was expected"),
        "{v}"
    );
    // Finished before every part has come: refused.
    let finish = |sha: &str| {
        server.call(
            "POST",
            &format!(
                "{case}/uploads/{upload}/evidence?based_on={version}&sha256={sha}&name=clip.mp4"
            ),
            Some(&mo),
            None,
        )
    };
    for seq in 0..2 {
        let (status, v) = put(&mo, seq);
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["received"], json!((seq + 1) * part));
    }
    let (status, v) = finish(&sha256(&video));
    assert_eq!((status, v["field"].as_str()), (422, Some("upload")), "{v}");
    let (status, v) = put(&mo, 2);
    assert_eq!(
        (status, v["received"].as_u64()),
        (200, Some(video.len() as u64)),
        "{v}"
    );
    // The wrong hash: refused, and nothing is added.
    let (status, v) = finish(&sha256(b"another video"));
    assert_eq!((status, v["field"].as_str()), (422, Some("sha256")), "{v}");
    let (_, opened) = server.call("GET", &case, Some(&mo), None);
    assert_eq!(opened["version"].as_i64(), Some(version), "{opened}");

    let (status, v) = finish(&sha256(&video));
    assert_eq!(status, 200, "{v}");
    let item = v["detail"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["media_type"] == "video/mp4")
        .unwrap_or_else(|| panic!("{v}"))
        .clone();
    assert_eq!(item["sha256"], json!(sha256(&video)));
    assert_eq!(item["size"], json!(video.len()));
    assert_eq!(item["original_name"], "clip.mp4");
    let (status, sha, back) =
        server.get_bytes(&format!("/api/councils/1/evidence/{}", item["id"]), &mo);
    assert_eq!((status, sha), (200, Some(sha256(&video))));
    assert!(back == video, "sent back byte for byte");
    // Finished, it takes no more parts.
    let (status, v) = put(&mo, 2);
    assert_eq!(status, 404, "{v}");
}
