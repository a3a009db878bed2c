//! The committee papers as PDF/UA-1, made by the real binary from the demo council and read back
//! by the tools a clerk or an auditor would use: `pdfinfo`, `pdffonts` and `pdftotext` (poppler),
//! the `pdfua` checker, lopdf for the structure tree and metadata, and `pdftoppm` for the pages.

use casebook_papers::template::Templates;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use casebook_papers::document::{self, Block};
use casebook_papers::{Format, Paper};
use lopdf::{Dictionary, Object};

use crate::support::{casebook, demo, new_case, open, stamp};

const MADE_AT: &str = "2026-06-01T09:00:00Z";

/// A tool's standard output; fails the test if it cannot run or fails.
fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(file);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().unwrap_or_else(|e| {
        panic!("{tool} could not run ({e}): scripts/setup.sh --tests installs it")
    });
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{tool} {args:?} {}: {stdout}{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The demo's annual report and one decision notice, made by `casebook report`, with the
/// annual report's Markdown.
struct DemoPapers {
    _dir: tempfile::TempDir,
    annual: PathBuf,
    decision: PathBuf,
    annual_md: String,
}

fn demo_papers() -> DemoPapers {
    let (dir, db) = demo();
    let annual = dir.path().join("annual.pdf");
    let decision = dir.path().join("decision.pdf");
    let annual_md = dir.path().join("annual.md");
    for (out, args) in [
        (&annual, vec!["report", "annual"]),
        (&annual_md, vec!["report", "annual"]),
        (&decision, vec!["report", "decision", "SC-2025-009"]),
    ] {
        let mut args = args.clone();
        args.extend(["--out", out.to_str().unwrap()]);
        let (code, err) = casebook(&db, &args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    DemoPapers {
        annual_md: std::fs::read_to_string(&annual_md).unwrap(),
        _dir: dir,
        annual,
        decision,
    }
}

/// The names of every structure element's type, and the problems found with them: a figure
/// without alt text, a heading with no content.
fn structure(doc: &lopdf::Document) -> (BTreeSet<String>, Vec<String>) {
    let mut kinds = BTreeSet::new();
    let mut problems = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let is_elem = dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|t| t == b"StructElem");
        let Ok(kind) = dict.get(b"S").and_then(Object::as_name) else {
            continue;
        };
        if !is_elem && dict.get(b"P").is_err() {
            continue;
        }
        let kind = String::from_utf8_lossy(kind).into_owned();
        if kind == "Figure" {
            let alt = dict
                .get(b"Alt")
                .and_then(Object::as_str)
                .map(|a| String::from_utf8_lossy(a).into_owned());
            match alt {
                Ok(a) if a.len() > 10 => {}
                _ => problems.push(format!("a Figure without alt text: {dict:?}")),
            }
        }
        if kind.len() == 2 && kind.starts_with('H') {
            let empty = match dict.get(b"K") {
                Ok(Object::Array(kids)) => kids.is_empty(),
                Ok(_) => false,
                Err(_) => true,
            };
            if empty {
                problems.push(format!("an empty {kind}"));
            }
        }
        kinds.insert(kind);
    }
    (kinds, problems)
}

fn name_is(dict: &Dictionary, key: &[u8], want: &[u8]) -> bool {
    dict.get(key)
        .and_then(Object::as_name)
        .is_ok_and(|n| n == want)
}

/// Checks `file` is a tagged PDF/UA-1 paper in every way the tools here can tell, and returns
/// the kinds of structure element it has.
fn assert_pdf_ua(file: &Path) -> BTreeSet<String> {
    let info = run("pdfinfo", &[], file);
    assert!(info.contains("Tagged:          yes"), "{info}");
    let version: f64 = info
        .lines()
        .find_map(|l| l.strip_prefix("PDF version:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no PDF version: {info}"));
    assert!(version >= 1.7, "PDF {version}");

    let fonts = run("pdffonts", &[], file);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // name type [type] encoding emb sub uni object ID
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 6, "{row}");
        assert_eq!(
            (cols[n - 5], cols[n - 4]),
            ("yes", "yes"),
            "every font embedded and subset: {row}"
        );
    }

    let doc = lopdf::Document::load(file).unwrap();
    let catalog = doc.catalog().unwrap();
    // The catalog's entry `key`, followed if it is a reference.
    let entry = |key: &[u8]| -> &Object {
        let value = catalog.get(key);
        let value =
            value.unwrap_or_else(|_| panic!("no {} in the catalog", String::from_utf8_lossy(key)));
        doc.dereference(value).unwrap().1
    };
    let flag = |dict: &Object, key: &[u8]| dict.as_dict().unwrap().get(key).cloned().ok();
    assert!(name_is(
        entry(b"StructTreeRoot").as_dict().unwrap(),
        b"Type",
        b"StructTreeRoot"
    ));
    assert_eq!(
        flag(entry(b"MarkInfo"), b"Marked"),
        Some(Object::Boolean(true))
    );
    let lang = entry(b"Lang").as_str().unwrap();
    assert_eq!(String::from_utf8_lossy(lang).to_lowercase(), "en-gb");
    assert_eq!(
        flag(entry(b"ViewerPreferences"), b"DisplayDocTitle"),
        Some(Object::Boolean(true)),
        "the title is shown, not the file name"
    );
    let metadata = entry(b"Metadata");
    let stream = metadata.as_stream().unwrap();
    let xmp = String::from_utf8_lossy(
        &stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone()),
    )
    .into_owned();
    assert!(
        xmp.contains("pdfuaid:part>1<") || xmp.contains("pdfuaid:part=\"1\""),
        "PDF/UA-1 identification in the XMP: {xmp}"
    );
    let (kinds, problems) = structure(&doc);
    assert!(problems.is_empty(), "{problems:?}");

    let report = run("pdfua", &["check"], file);
    assert!(report.contains("result: PASS"), "{report}");
    kinds
}

#[test]
fn the_annual_report_and_a_decision_notice_are_tagged_pdf_ua_1() {
    let papers = demo_papers();
    let kinds = assert_pdf_ua(&papers.annual);
    for kind in [
        "H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "Figure", "L", "LI",
    ] {
        assert!(kinds.contains(kind), "no {kind} in {kinds:?}");
    }
    let outline = lopdf::Document::load(&papers.annual).unwrap();
    assert!(
        outline.catalog().unwrap().get(b"Outlines").is_ok(),
        "bookmarks from the headings"
    );
    let kinds = assert_pdf_ua(&papers.decision);
    for kind in ["H1", "H2", "Table", "TH"] {
        assert!(kinds.contains(kind), "no {kind} in {kinds:?}");
    }

    // The running header and footer are marked as pagination artifacts on every page (a screen
    // reader skips them), and the footer numbers the pages.
    let doc = lopdf::Document::load(&papers.decision).unwrap();
    for (n, id) in doc.get_pages() {
        let content = String::from_utf8_lossy(&doc.get_page_content(id)).into_owned();
        if n > 1 {
            assert!(
                content.contains("/Subtype/Header/Type/Pagination"),
                "page {n}"
            );
        }
        assert!(
            content.contains("/Subtype/Footer/Type/Pagination"),
            "page {n}"
        );
    }
    let text = run("pdftotext", &["-layout"], &papers.decision);
    assert!(
        text.contains("Page 1 of 2") && text.contains("Page 2 of 2"),
        "{text}"
    );
}

/// `pdftotext -raw` with all whitespace removed: what is on the pages, in drawing order, however
/// lines were broken.
fn squeezed_text(file: &Path) -> String {
    run("pdftotext", &["-raw"], file)
        .split_whitespace()
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn every_case_reference_and_every_bar_label_is_in_the_pdf_text() {
    let papers = demo_papers();
    let text = squeezed_text(&papers.annual);
    let blocks = document::read(&papers.annual_md).unwrap();
    let mut labels = 0;
    for block in &blocks {
        if let Block::Chart(c) = block {
            assert!(text.contains(&squeeze(&c.title)), "chart {}", c.title);
            for (label, _) in &c.bars {
                assert!(text.contains(&squeeze(label)), "{}: {label}", c.title);
                labels += 1;
            }
        }
    }
    assert!(labels > 40, "{labels} bar labels");
    let annex = document::tables(&blocks)
        .into_iter()
        .find(|t| t.caption.starts_with("Annex"))
        .expect("the annex");
    assert!(annex.rows.len() >= 10);
    for row in &annex.rows {
        assert!(text.contains(&row[0]), "{} is missing", row[0]);
    }
}

#[test]
fn typst_markup_in_case_text_prints_as_itself() {
    let hostile = "#set page(width: 1pt) #read(\"/etc/passwd\") $x$ ] #{panic()} \\ [ @ref <label> // not a comment";
    let mut t = open();
    let councillor = t.councillor_of("Ada Lovelace", "Kingsmere City Council");
    let s = stamp();
    let case =
        t.db.write(|tx| {
            casebook::case::create(tx, &s, &new_case(councillor, "2026-03-02", hostile), None)
        })
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let paper = casebook_papers::decision::paper(
        t.db.conn(),
        &case.reference,
        today,
        Templates::Builtin,
        MADE_AT,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("decision.pdf");
    std::fs::write(&file, paper.render(Format::Pdf).unwrap()).unwrap();
    let text = run("pdftotext", &["-raw"], &file);
    assert!(text.contains(hostile), "{text}");
    assert!(!text.contains("root:"), "a file was read: {text}");
    let info = run("pdfinfo", &[], &file);
    assert!(info.contains("(A4)"), "the page was not changed: {info}");
    assert_pdf_ua(&file);
}

/// The PNG pages of `file` at `dpi`, as images.
fn pages(file: &Path, dpi: u32) -> Vec<image::RgbImage> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let out = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-png"])
        .arg(file)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is installed by scripts/setup.sh --tests");
    assert!(out.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort_by_key(|p| {
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        name.rsplit('-').next().unwrap().parse::<u32>().unwrap()
    });
    files
        .iter()
        .map(|p| image::open(p).unwrap().to_rgb8())
        .collect()
}

/// The rows (top, bottom) of each page holding a chart's bars, which are drawn in the one colour
/// nothing else is.
fn bar_rows(page: &image::RgbImage) -> Option<(u32, u32)> {
    let bar = [0x1d, 0x4f, 0x91];
    let rows: Vec<u32> = (0..page.height())
        .filter(|&y| {
            (0..page.width()).any(|x| {
                let p = page.get_pixel(x, y).0;
                p.iter().zip(bar).all(|(a, b)| a.abs_diff(b) <= 6)
            })
        })
        .collect();
    Some((*rows.first()?, *rows.last()?))
}

/// Asserts that every chart in `file` stays inside the top and bottom margins (24 and 22 mm), and
/// returns how many pages have a chart.
fn assert_charts_inside_margins(file: &Path) -> usize {
    let dpi = 40;
    let mm = f64::from(dpi) / 25.4;
    let mut with_charts = 0;
    for (i, page) in pages(file, dpi).iter().enumerate() {
        let Some((top, bottom)) = bar_rows(page) else {
            continue;
        };
        with_charts += 1;
        let limit = f64::from(page.height()) - 22.0 * mm;
        assert!(
            f64::from(bottom) < limit && f64::from(top) > 24.0 * mm,
            "page {}: a chart runs from row {top} to {bottom}, past the margin at {limit:.0}",
            i + 1
        );
    }
    with_charts
}

#[test]
fn no_chart_crosses_a_page_edge_and_no_label_is_cut() {
    let papers = demo_papers();
    assert!(assert_charts_inside_margins(&papers.annual) >= 5);

    // Charts of every height, with labels long enough to wrap, each after enough text to leave it
    // near the foot of a page: the longest is split into parts, and every label is printed whole.
    let mut md = String::from("# Charts\n\n");
    let mut labels = Vec::new();
    for (n, bars) in [3, 12, 29, 31, 75].into_iter().enumerate() {
        for p in 0..(4 + n * 3) {
            md.push_str(&format!("Paragraph {p} before chart {n}, long enough to fill a line or so of the page with words.\n\n"));
        }
        md.push_str(&format!("```chart\nChart {n} with {bars} bars\n"));
        for b in 0..bars {
            let label =
                format!("Bar {b} of chart {n} with a label far too long for the column it is in");
            md.push_str(&format!("{label} | {}\n", b % 7 + 1));
            labels.push(label);
        }
        md.push_str("```\n\n");
    }
    let paper = Paper::new(md, "charts".into(), MADE_AT).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("charts.pdf");
    std::fs::write(&file, paper.render(Format::Pdf).unwrap()).unwrap();
    assert!(assert_charts_inside_margins(&file) >= 5);
    let text = squeezed_text(&file);
    for label in labels {
        assert!(text.contains(&squeeze(&label)), "{label}");
    }
    assert!(text.contains("Chart4with75bars(continued)"), "{text}");
    assert_pdf_ua(&file);
}

#[test]
fn characters_the_fonts_lack_are_printed_as_code_points_not_dropped() {
    // DejaVu Sans has the emoticons (U+1F600…), not the other pictographs.
    let md =
        "# Emoji 🦄 in a heading\n\nA post said «bonjour» — Ελληνικά, Кириллица, 😀 and 🔥🦄.\n\n\
              *Italics*, and ***bold italics***.\n";
    let paper = Paper::new(md.into(), "emoji".into(), MADE_AT).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("emoji.pdf");
    std::fs::write(&file, paper.render(Format::Pdf).unwrap()).unwrap();
    let text = run("pdftotext", &["-raw"], &file);
    for want in [
        "Emoji [U+1F984] in",
        "«bonjour» —",
        "Ελληνικά",
        "Кириллица",
        "😀 and [U+1F525][U+1F984]",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    // Italics are set in the italic faces, not left upright.
    let fonts = run("pdffonts", &[], &file);
    for face in [
        "LiberationSans-Italic",
        "LiberationSans-BoldItalic",
        "DejaVuSans",
    ] {
        assert!(fonts.contains(face), "{face}: {fonts}");
    }
    assert_pdf_ua(&file);
}

#[test]
fn verify_finds_the_audit_head_in_a_pdf_paper() {
    let (dir, db) = demo();
    let file = dir.path().join("annual.pdf");
    let (code, err) = casebook(&db, &["report", "annual", "--out", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = casebook(&db, &["verify", "--anchor", file.to_str().unwrap()]);
    assert_eq!(
        code, 0,
        "the paper anchors the trail it was made from: {err}"
    );
}

/// An officer's own template may skip heading levels or leave a heading empty; PDF/UA allows
/// neither, so the PDF closes the gaps and leaves empty headings out, and is still PDF/UA-1.
#[test]
fn an_officers_template_with_skipped_and_empty_headings_still_makes_pdf_ua() {
    let md = "# Report\n\n#### Deep heading\n\nText.\n\n## \n\n###### Deeper\n\nMore text.\n";
    let paper = Paper::new(md.into(), "gaps".into(), MADE_AT).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gaps.pdf");
    std::fs::write(&file, paper.render(Format::Pdf).unwrap()).unwrap();
    let kinds = assert_pdf_ua(&file);
    assert!(kinds.contains("H2") && kinds.contains("H3"), "{kinds:?}");
    assert!(!kinds.contains("H4"), "{kinds:?}");
    let text = squeezed_text(&file);
    assert!(
        text.contains("DeepheadingText.") && text.contains("DeeperMoretext."),
        "{text}"
    );
}

/// A long table (the annex of a big report) is laid out a page at a time: every row is there,
/// once, in order, and the pages are full (no page is left mostly empty by the splitting).
#[test]
fn a_long_table_keeps_every_row_and_fills_its_pages() {
    let mut md = String::from(
        "# Annex\n\n## Every complaint\n\n| Reference | Outcome | Note |\n|:--|:--|:--|\n",
    );
    for i in 0..600 {
        let note = if i % 7 == 0 {
            "A note long enough to wrap onto a second line of its narrow column, and then a third"
        } else {
            "Short"
        };
        md.push_str(&format!(
            "| SC-2026-{i:04} | No further action | {note} |\n"
        ));
    }
    let paper = Paper::new(md, "long".into(), MADE_AT).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.pdf");
    std::fs::write(&file, paper.render(Format::Pdf).unwrap()).unwrap();
    let text = run("pdftotext", &["-raw"], &file);
    let found: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.starts_with("SC-2026-"))
        .collect();
    let want: Vec<String> = (0..600).map(|i| format!("SC-2026-{i:04}")).collect();
    assert_eq!(found, want, "every row once, in order");
    let pages = pages(&file, 20);
    // Between the margins, how far down each page the ink goes.
    let fill = |page: &image::RgbImage| {
        let mm = 20.0 / 25.4;
        let (top, bottom) = ((24.0 * mm) as u32, page.height() - (22.0 * mm) as u32);
        let last = (top..bottom)
            .rev()
            .find(|&y| (0..page.width()).any(|x| page.get_pixel(x, y).0[0] < 200))
            .unwrap_or(top);
        f64::from(last - top) / f64::from(bottom - top)
    };
    let (last, full) = pages.split_last().unwrap();
    for (i, page) in full.iter().enumerate() {
        let f = fill(page);
        assert!(f > 0.85, "page {} is only {:.0}% full", i + 1, f * 100.0);
    }
    assert!(fill(last) > 0.0);
    assert_pdf_ua(&file);
}
