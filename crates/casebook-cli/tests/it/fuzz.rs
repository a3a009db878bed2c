//! Property tests over every parser a person's file or text drives — the CSV import, evidence
//! sniffing and decoding, Markdown notes, templates, catalogue JSON and typed dates — run with a
//! fixed budget of cases on every `cargo test`. Each must refuse bad input with an error, never
//! panic, hang or store anything. A case that ever fails becomes a regression test here.

use casebook::{evidence, import, notes, text, Error};
use proptest::prelude::*;

use crate::support::{self, image_bytes, stamp};

/// Cases per property: a bounded budget, so CI time stays known.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const HEADER: &str = "received_on,complainant_name,complainant_type,councillor_name,council,platform,summary,stage,outcome,acknowledged_on,decided_on,closed_on,sanctions,tags,post_text";

/// A cell: ordinary words, dates of every shape, quotes, separators, formulas and control bytes.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z ]{0,12}",
        "(19|20|99|\\+9)[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[0-3][0-9]/[01][0-9]/[0-9]{4,5}",
        Just("\"quoted, \"\"with\"\" commas\"".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        "\\PC{0,8}",
        prop::sample::select(vec![
            "closed",
            "decision",
            "report",
            "hearing",
            "no breach",
            "breach found",
            "investigation",
            "withdrawn",
            "R1;L9",
            "censure",
            "Facebook",
            "public",
        ])
        .prop_map(String::from),
    ]
}

fn csv_body() -> impl Strategy<Value = Vec<u8>> {
    let row = prop::collection::vec(cell(), 0..17).prop_map(|cells| cells.join(","));
    (
        prop::collection::vec(row, 0..6),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(rows, eol)| {
            let mut body = HEADER.to_string();
            for r in rows {
                body.push_str(eol);
                body.push_str(&r);
            }
            body.into_bytes()
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_csv_import_never_panics_and_stores_nothing_on_a_dry_run(
        body in prop_oneof![csv_body(), prop::collection::vec(any::<u8>(), 0..400)]
    ) {
        let mut t = support::open();
        let s = stamp();
        let result = t.db.trial(|tx| import::import(tx, &s, &body, "fuzz.csv", true));
        if let Err(e) = result {
            prop_assert!(
                matches!(e, Error::Import(_) | Error::Invalid { .. }),
                "an import failure is reported by row or field: {e}"
            );
        }
        prop_assert_eq!(t.count("SELECT count(*) FROM cases"), 0);
    }

    #[test]
    fn evidence_checks_refuse_damaged_files_by_name(
        seed in any::<u8>(),
        format in prop::sample::select(vec![
            image::ImageFormat::Png, image::ImageFormat::Jpeg, image::ImageFormat::Gif,
        ]),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        keep in any::<prop::sample::Index>(),
    ) {
        let mut bytes = image_bytes(format, seed);
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let len = keep.index(bytes.len() + 1);
        bytes.truncate(len.max(1));
        match evidence::check(&bytes, Some("shot.img")) {
            Ok(c) => prop_assert!(c.media_type.starts_with("image/")),
            Err(Error::Invalid { field, .. }) => prop_assert_eq!(field, "file"),
            Err(e) => prop_assert!(false, "refused for the wrong reason: {e}"),
        }
    }

    #[test]
    fn evidence_sniffing_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = evidence::sniff(&bytes);
        if let Err(e) = evidence::check(&bytes, None) {
            prop_assert!(matches!(e, Error::Invalid { .. }), "{e}");
        }
    }

    #[test]
    fn notes_render_safely_whatever_their_markdown(
        body in prop_oneof![
            "\\PC{0,200}",
            prop::collection::vec(prop::sample::select(vec![
                "> ", ">", "- ", "* ", "1. ", "  ", "\n", "<script>x</script>", "[a](javascript:x)",
                "**", "`", "|a|b|\n|-|-|\n", "<img src=x onerror=y>", "text",
            ]), 0..400).prop_map(|parts| parts.concat()),
        ]
    ) {
        let html = notes::render(&body);
        // Whatever it says is shown as text: no script, no picture, no link that runs code.
        prop_assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("href=\"javascript"));
        let depth = html.matches("<blockquote>").count();
        prop_assert!(depth <= notes::MAX_NESTING * body.lines().count().max(1));
    }

    #[test]
    fn templates_fail_with_an_error_never_a_panic(
        text in prop_oneof![
            "\\PC{0,120}",
            prop::collection::vec(prop::sample::select(vec![
                "{{ ", " }}", "{% for i in range(10) %}", "{% endfor %}", "{% if x %}", "{% endif %}",
                "stats.total", "|date", "|markdown", "```chart\nTitle\na | 1\n```", "# H\n", "{#", "#}",
            ]), 0..30).prop_map(|parts| parts.concat()),
        ]
    ) {
        let source = casebook_papers::template::Source { name: "fuzz.md".into(), text, path: None };
        if let Err(e) = casebook_papers::template::render(&source, &serde_json::json!({"stats": {"total": 3}})) {
            prop_assert!(matches!(e, Error::Invalid { ref field, .. } if field == "template"), "{e}");
        }
    }

    #[test]
    fn catalogue_json_is_refused_or_checked_never_a_panic(
        json in prop_oneof![
            "\\PC{0,200}",
            (cell(), cell(), prop::collection::vec((cell(), cell(), cell()), 0..4)).prop_map(|(label, title, items)| {
                serde_json::json!({
                    "label": label, "title": title, "source": "fuzz",
                    "items": items.into_iter().map(|(kind, code, words)| serde_json::json!({
                        "kind": kind, "code": code, "title": words, "text": words,
                    })).collect::<Vec<_>>(),
                }).to_string()
            }),
        ]
    ) {
        let mut t = support::open();
        let s = stamp();
        if let Ok(new) = serde_json::from_str::<casebook::catalogue::NewVersion>(&json) {
            let result = t.db.trial(|tx| casebook::catalogue::add_version(tx, &s, &new));
            if let Err(e) = result {
                prop_assert!(matches!(e, Error::Invalid { .. } | Error::Conflict { .. }), "{e}");
            }
        }
    }

    #[test]
    fn typed_dates_are_real_or_refused(value in prop_oneof![cell(), "\\PC{0,30}"]) {
        use chrono::Datelike;
        if let Ok(d) = text::date("on", &value) {
            prop_assert!(text::YEARS.contains(&d.year()));
        }
        if let Ok(t) = text::instant("captured_at", &value) {
            prop_assert!(text::YEARS.contains(&t.year()));
        }
        if let Ok(p) = text::posted_at("posted_at", &value) {
            prop_assert!(text::posted_on(&p).is_some_and(|d| text::YEARS.contains(&d.year())), "{p}");
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn an_anchor_is_found_in_any_text_without_a_panic(
        before in "\\PC{0,40}",
        after in "\\PC{0,40}",
        seq in 1i64..1_000_000,
        hash in "[0-9a-f]{64}",
        noise in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let text = format!("{before} {hash}@{seq} {after}");
        prop_assert_eq!(casebook::audit::find_anchor(&text), Some((seq, hash)));
        let _ = casebook::audit::find_anchor(&String::from_utf8_lossy(&noise));
        // Found by `verify --anchor paper.pdf`: 64 bytes before an '@' began inside a character.
        prop_assert_eq!(casebook::audit::find_anchor(&format!("{}@{seq}", "é".repeat(40))), None);
    }
}
