//! Committee papers from a fixed council: snapshots of the annual report's Markdown and HTML and
//! of a decision notice; names that must never appear, searched for in the extracted text of
//! every format; hostile text made inert in every format; the DOCX opened by LibreOffice; template
//! errors; and the marks the officer puts on cases for the papers.

use casebook_papers::template::Templates;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use casebook::procedure::{self, Move, NewConsultation};
use casebook::report::Period;
use casebook::{assessment, publication, settings, verify};
use casebook_papers::{annual, decision, tables, template, Format, Paper, FORMATS};
use chrono::NaiveDate;

use crate::support::{new_case, open, stamp, TestDb};

/// Named in the report: a breach was found and the decision notice published.
const PUBLISHABLE: &str = "Peter Grange";
/// Never named: a breach was found but the notice has not been published.
const UNPUBLISHABLE: &str = "Olivia Quint";
/// Every complainant in the fixture but one.
const COMPLAINANT: &str = "Harriet Osei";
/// Asked for confidentiality.
const SECRET: &str = "Dominic Farrow";
const HOSTILE: &str = "<script>alert(1)</script> <img src=x onerror=alert(2)> \
                       =HYPERLINK(\"http://evil.example\",\"click\")";
const MADE_AT: &str = "2026-06-01T09:00:00Z";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn period() -> Period {
    Period::new(d("2025-05-01"), d("2026-04-30")).unwrap()
}

struct Fixture {
    t: TestDb,
}

impl Fixture {
    fn councillor(&mut self, name: &str, council: &str) -> i64 {
        self.t.councillor_of(name, council)
    }

    fn case(&mut self, councillor: i64, on: &str, summary: &str, tags: &[&str]) -> i64 {
        let id = self.t.case(councillor, on, summary).id;
        let s = stamp();
        self.t
            .db
            .write(|tx| {
                for code in tags {
                    assessment::tag(tx, &s, id, code, None)?;
                }
                Ok(())
            })
            .unwrap();
        id
    }

    fn step(&mut self, id: i64, stage: &str, on: &str, outcome: Option<&str>, actions: &[&str]) {
        let s = stamp();
        let reason = outcome.map(|o| format!("Reasons for {o}, recorded by the officer."));
        self.t
            .db
            .write(|tx| {
                procedure::advance(
                    tx,
                    &s,
                    id,
                    &Move {
                        stage: stage.into(),
                        on: d(on),
                        outcome: outcome.map(String::from),
                        actions: actions.iter().map(|a| a.to_string()).collect(),
                        reason,
                    },
                )
            })
            .unwrap();
    }

    /// Received, acknowledged, assessed, investigated, heard: a breach.
    fn through_to_breach(&mut self, id: i64, year_month: &str) {
        self.step(id, "acknowledged", &format!("{year_month}-04"), None, &[]);
        self.step(
            id,
            "initial assessment",
            &format!("{year_month}-05"),
            None,
            &[],
        );
        self.step(
            id,
            "decision",
            &format!("{year_month}-11"),
            Some("investigation"),
            &[],
        );
        self.step(id, "investigation", &format!("{year_month}-12"), None, &[]);
        self.step(id, "report", &format!("{year_month}-20"), None, &[]);
        let s = stamp();
        self.t
            .db
            .write(|tx| {
                procedure::add_consultation(
                    tx,
                    &s,
                    id,
                    &NewConsultation {
                        ip_id: None,
                        person: "Margaret Ellison".into(),
                        consulted_on: d(&format!("{year_month}-21")),
                        stage: None,
                        views: format!("The post about {COMPLAINANT} breached the Code."),
                    },
                )
            })
            .unwrap();
        self.step(id, "hearing", &format!("{year_month}-25"), None, &[]);
        self.step(
            id,
            "outcome",
            &format!("{year_month}-25"),
            Some("breach found"),
            &["censure"],
        );
    }
}

/// A council with: a named breach, an unnamed breach, a repeat subject, a confidential
/// complainant, a parish whose name is a spreadsheet formula, hostile text in a published
/// summary, a gap note and the recommendations, and one complaint in the previous year.
fn fixture() -> TestDb {
    let mut f = Fixture { t: open() };
    let grange = f.councillor(PUBLISHABLE, "Kingsmere City Council");
    let quint = f.councillor(UNPUBLISHABLE, "Kingsmere City Council");
    let hollis = f.councillor("Sam Hollis", "Wexcombe Town Council");
    let parish = f.councillor(
        "Nia Parry",
        "=HYPERLINK(\"http://evil.example\",\"Parish\")",
    );

    let a = f.case(
        grange,
        "2025-06-02",
        &format!("{PUBLISHABLE} posted a photograph of {COMPLAINANT}'s house."),
        &["R4", "L2", "C1", "N1"],
    );
    f.through_to_breach(a, "2025-06");
    let b = f.case(
        quint,
        "2025-07-01",
        &format!("Cllr Quint mocked {COMPLAINANT} in a reply."),
        &["R4", "C1"],
    );
    f.through_to_breach(b, "2025-07");
    let c = f.case(
        hollis,
        "2025-08-01",
        "A post calling residents idiots.",
        &["R3"],
    );
    f.step(c, "acknowledged", "2025-08-04", None, &[]);
    f.step(c, "initial assessment", "2025-08-05", None, &[]);
    f.step(c, "decision", "2025-08-20", Some("no further action"), &[]);
    let mut secret = new_case(
        hollis,
        "2025-08-03",
        &format!("{SECRET} says the same post named him."),
    );
    secret.complainant_name = SECRET.into();
    secret.complainant_type = "councillor".into();
    secret.confidentiality_requested = true;
    secret.confidentiality_reason = Some("Fears reprisal".into());
    let s = stamp();
    let e =
        f.t.db
            .write(|tx| casebook::case::create(tx, &s, &secret, None))
            .unwrap()
            .id;
    f.t.db
        .write(|tx| {
            assessment::tag(
                tx,
                &s,
                e,
                "R3",
                Some(&format!("{SECRET} is mentioned by name")),
            )?;
            casebook::case::link(tx, &s, c, e, "same post")?;
            Ok(())
        })
        .unwrap();
    let h = f.case(parish, "2026-01-12", HOSTILE, &["R1"]);
    f.case(hollis, "2024-11-04", "Last year's complaint.", &["R4"]);

    f.t.db
        .write(|tx| {
            publication::set(
                tx,
                &s,
                a,
                Some(&format!(
                    "{PUBLISHABLE} posted a picture of a resident's home; {COMPLAINANT} complained."
                )),
                true,
                Some("2025-07-10"),
            )?;
            publication::set(
                tx,
                &s,
                b,
                Some(&format!(
                    "{UNPUBLISHABLE} (Cllr Quint) replied to {COMPLAINANT} with a mocking meme."
                )),
                true,
                None,
            )?;
            publication::set(tx, &s, h, Some(HOSTILE), true, None)?;
            publication::flag_gap(
                tx,
                &s,
                b,
                Some("R4"),
                &format!("Unclear whether replies by {UNPUBLISHABLE} in a closed group count."),
            )?;
            publication::flag_gap(tx, &s, h, None, HOSTILE)?;
            settings::set_text(
                tx,
                &s,
                settings::REVIEW_RECOMMENDATIONS,
                &format!(
                    "1. **Add** an example about replies.\n2. Nothing about {COMPLAINANT} <script>alert(3)</script>."
                ),
            )?;
            settings::set_text(tx, &s, settings::COUNCIL_NAME, "Kingsmere City Council")?;
            Ok(())
        })
        .unwrap();
    f.t
}

fn annual_paper(t: &TestDb) -> Paper {
    annual::paper(
        t.db.conn(),
        period(),
        d("2026-06-01"),
        Templates::Builtin,
        MADE_AT,
    )
    .unwrap()
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

fn unzip_all_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    names.iter().map(|n| unzip(bytes, n)).collect()
}

/// Text in XML, without its tags, with the five entities decoded.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh --tests");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text a reader of `format` sees.
pub(crate) fn extracted(bytes: &[u8], format: Format) -> String {
    match format {
        Format::Md | Format::Html | Format::Csv => String::from_utf8(bytes.to_vec()).unwrap(),
        Format::Docx => xml_text(&unzip(bytes, "word/document.xml")),
        Format::Xlsx => xml_text(&unzip_all_xml(bytes)),
        Format::Pdf => pdf_text(bytes),
    }
}

/// `text` with the audit trail head's hash (which any change to the demo changes) as `[HASH]`,
/// after checking it is the database's head: every paper anchors the record it was made from.
fn anchor_checked(t: &TestDb, text: &str) -> String {
    let head = casebook::audit::head(t.db.conn()).unwrap().unwrap();
    assert_eq!(
        casebook::audit::find_anchor(text),
        Some((head.seq, head.hash.clone())),
        "the paper carries the trail's head"
    );
    text.replace(&head.hash, "[HASH]")
}

#[test]
fn the_annual_report_markdown_and_html_match_their_snapshots() {
    let t = fixture();
    let paper = annual_paper(&t);
    insta::assert_snapshot!(
        "annual_report_markdown",
        anchor_checked(&t, &paper.markdown)
    );
    let html = String::from_utf8(paper.render(Format::Html).unwrap()).unwrap();
    insta::assert_snapshot!("annual_report_html", anchor_checked(&t, &html));
    assert_eq!(paper.file_stem, "standards-annual-report-2025-26");
}

#[test]
fn the_decision_notice_matches_its_snapshot() {
    let t = fixture();
    let reference: String =
        t.db.conn()
            .query_row("SELECT reference FROM cases ORDER BY id LIMIT 1", [], |r| {
                r.get(0)
            })
            .unwrap();
    let paper = decision::paper(
        t.db.conn(),
        &reference,
        d("2026-06-01"),
        Templates::Builtin,
        MADE_AT,
    )
    .unwrap();
    insta::assert_snapshot!(
        "decision_notice_markdown",
        anchor_checked(&t, &paper.markdown)
    );
}

#[test]
fn the_report_says_what_the_figures_and_the_review_say() {
    let t = fixture();
    let md = annual_paper(&t).markdown;
    // Totals and comparison: five complaints this year, one the year before.
    assert!(md.contains("5 complaints were received in the period, up 4 \\(400\\.0\\%\\) on the previous period (1)"), "{md}");
    // Two complaints about one post are one incident; Sam Hollis had two complaints.
    assert!(md.contains("4 incidents"), "{md}");
    assert!(
        md.contains("1 councillors were the subject of more than one complaint"),
        "{md}"
    );
    // Guidance review: R4 engaged twice this year and once last year, with its gap.
    assert!(
        md.contains("| R4 Safety of self\\, family and others | 2 | 1 |"),
        "{md}"
    );
    assert!(md.contains("**Gap or ambiguity** (SC\\-2025\\-002): Unclear whether replies by \\[a councillor\\] in a closed group count\\."), "{md}");
    // The named breach is named; the unpublished one is not.
    assert!(
        md.contains(&format!("| {} | {PUBLISHABLE} |", "SC\\-2025\\-001")),
        "{md}"
    );
    // Recommendations keep the officer's Markdown, lose the complainant's name.
    assert!(md.contains("1. **Add** an example about replies."), "{md}");
    assert!(
        md.contains("Nothing about [the complainant] \\<script\\>alert(3)\\</script\\>"),
        "{md}"
    );
}

#[test]
fn complainants_and_unpublishable_councillors_are_named_in_no_format() {
    let t = fixture();
    let paper = annual_paper(&t);
    for format in FORMATS {
        let text = extracted(&paper.render(*format).unwrap(), *format);
        // The extraction works: the named councillor is there in every format.
        assert!(
            text.contains(PUBLISHABLE),
            "{format:?} lacks {PUBLISHABLE}:\n{text}"
        );
        for name in [
            COMPLAINANT,
            "Osei",
            SECRET,
            "Farrow",
            UNPUBLISHABLE,
            "Quint",
        ] {
            assert!(!text.contains(name), "{format:?} names {name}:\n{text}");
        }
    }
    // A decision notice names the complainant unless they asked for confidentiality.
    let reference = |name: &str| -> String {
        t.db.conn()
            .query_row(
                "SELECT reference FROM cases WHERE complainant_name = ?1 ORDER BY id LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .unwrap()
    };
    let open = decision::paper(
        t.db.conn(),
        &reference(COMPLAINANT),
        d("2026-06-01"),
        Templates::Builtin,
        MADE_AT,
    )
    .unwrap();
    let secret = decision::paper(
        t.db.conn(),
        &reference(SECRET),
        d("2026-06-01"),
        Templates::Builtin,
        MADE_AT,
    )
    .unwrap();
    for format in [Format::Md, Format::Html, Format::Docx, Format::Pdf] {
        let text = extracted(&open.render(format).unwrap(), format);
        assert!(text.contains(COMPLAINANT), "{format:?}:\n{text}");
        let text = extracted(&secret.render(format).unwrap(), format);
        assert!(
            !text.contains(SECRET) && !text.contains("Farrow"),
            "{format:?}:\n{text}"
        );
        assert!(text.contains("Sam Hollis"), "{format:?}:\n{text}");
        assert!(
            text.contains("asked for their identity to be kept confidential"),
            "{format:?}"
        );
    }
}

#[test]
fn hostile_text_is_inert_in_every_format() {
    let t = fixture();
    let paper = annual_paper(&t);
    // In Markdown every angle bracket of case data or notes is escaped, so none opens a tag.
    let md = String::from_utf8(paper.render(Format::Md).unwrap()).unwrap();
    let raw = md
        .char_indices()
        .filter(|(i, c)| *c == '<' && !md[..*i].ends_with('\\'))
        .count();
    assert_eq!(raw, 0, "{md}");
    assert!(
        md.contains("\\<script\\>alert(3)"),
        "recommendations escaped"
    );

    let html = String::from_utf8(paper.render(Format::Html).unwrap()).unwrap();
    let lower = html.to_lowercase();
    assert!(
        !lower.contains("<script") && !lower.contains("<img"),
        "{html}"
    );
    assert!(!lower.contains("onerror=") || lower.contains("onerror=alert(2)&gt;"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "recommendations: {html}"
    );
    assert!(
        html.contains("default-src 'none'"),
        "no remote requests or scripts"
    );

    let csv = paper.render(Format::Csv).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_slice());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
        .collect();
    for cell in &cells {
        assert_eq!(
            &tables::neutralise(cell),
            cell,
            "a live formula cell: {cell}"
        );
    }
    assert!(
        cells.iter().any(|c| c.starts_with("'=HYPERLINK")),
        "{cells:?}"
    );

    let xlsx = paper.render(Format::Xlsx).unwrap();
    let xml = unzip_all_xml(&xlsx);
    assert!(
        !xml.contains("<f>") && !xml.contains("<f "),
        "a formula in the workbook"
    );
    assert!(xml_text(&xml).contains("'=HYPERLINK(\"http://evil.example\",\"Parish\")"));

    let docx = paper.render(Format::Docx).unwrap();
    let body = unzip(&docx, "word/document.xml");
    assert!(!body.contains("<script") && !body.contains("<img"));
    assert!(
        xml_text(&body).contains("<script>alert(1)</script>"),
        "kept as text"
    );

    let pdf = pdf_text(&paper.render(Format::Pdf).unwrap());
    assert!(pdf.contains("<script>alert(1)</script>"), "{pdf}");
}

#[test]
fn the_docx_has_real_headings_header_rows_alt_text_and_page_numbers_and_opens_in_libreoffice() {
    let t = fixture();
    let docx = annual_paper(&t).render(Format::Docx).unwrap();
    let body = unzip(&docx, "word/document.xml");
    assert!(body.contains("<w:pStyle w:val=\"Heading1\"/>"));
    assert!(body.contains("<w:pStyle w:val=\"Heading2\"/>"));
    assert!(body.contains("<w:tblHeader/>"));
    assert!(body.contains("descr=\"Bar chart: Complaints by council. "));
    assert!(body.contains("Kingsmere City Council: 2; Wexcombe Town Council: 2.\""));
    assert!(unzip(&docx, "word/footer1.xml").contains(" PAGE "));
    assert!(unzip(&docx, "word/styles.xml").contains("w:val=\"heading 1\""));
    // Lists are Word lists: the gap notes bulleted, the recommendations numbered from 1.
    let numbering = unzip(&docx, "word/numbering.xml");
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\"/>"));
    assert!(numbering.contains("<w:numFmt w:val=\"decimal\"/>"));
    assert!(numbering.contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/>"));
    assert!(body.contains("<w:numId w:val=\"1\"/>"));
    let recommendation = body.find("an example about replies").unwrap();
    let item = body[..recommendation].rfind("<w:p>").unwrap();
    assert!(
        body[item..recommendation].contains("<w:numId w:val=\"2\"/>"),
        "the recommendations are a numbered list"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annual.docx");
    std::fs::write(&path, &docx).unwrap();
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("soffice (libreoffice-writer-nogui) is installed by scripts/setup.sh --tests");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("annual.pdf")).expect("LibreOffice wrote a PDF");
    let text = pdf_text(&pdf);
    for heading in [
        "1. Summary",
        "Complaints by platform",
        "Annex: every complaint",
    ] {
        assert!(
            text.contains(heading),
            "{heading} missing from LibreOffice's PDF:\n{text}"
        );
    }
    assert!(text.contains("Page 2 of"), "page numbers: {text}");
    assert!(
        text.contains("1. Add an example about replies"),
        "LibreOffice numbers the list: {text}"
    );
}

/// A word wider than its line must break, not run off the page: every case in the annex must be in the PDF,
/// and a very long word (a web address) must survive in a paragraph, a list, a heading and a
/// table cell.
#[test]
fn no_text_is_lost_from_the_pdf_however_narrow_its_columns_or_long_its_words() {
    let t = fixture();
    let paper = annual_paper(&t);
    let text = pdf_text(&paper.render(Format::Pdf).unwrap());
    let unescaped = paper.markdown.replace('\\', "");
    let mut references: Vec<&str> = unescaped
        .match_indices("SC-")
        .filter_map(|(i, _)| unescaped.get(i..i + 11))
        .filter(|r| r[3..].chars().all(|c| c.is_ascii_digit() || c == '-'))
        .collect();
    references.sort_unstable();
    references.dedup();
    assert!(references.len() >= 5, "{references:?}");
    for r in references {
        assert!(text.contains(r), "{r} is missing from the PDF:\n{text}");
    }

    let long = format!("https://example.org/{}", "abcdefghij".repeat(25));
    let markdown = format!(
        "# Heading {long} end-of-heading\n\nBefore {long} end-of-paragraph.\n\n\
         - Item {long} end-of-item\n\n\
         | Reference | Note |\n|---|---|\n| SC-2025-005 | {long} end-of-cell |\n"
    );
    let paper = Paper::new(markdown, "long".into(), MADE_AT).unwrap();
    let squeezed: String = pdf_text(&paper.render(Format::Pdf).unwrap())
        .split_whitespace()
        .collect();
    for end in [
        "end-of-heading",
        "end-of-paragraph.",
        "end-of-item",
        "end-of-cell",
    ] {
        assert!(
            squeezed.contains(&format!("{long}{end}")),
            "{end}: {squeezed}"
        );
    }
}

#[test]
fn a_template_error_names_the_line_and_placeholder_and_nothing_is_written() {
    let t = fixture();
    let folder = t.dir.path().join("templates");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("annual.md"),
        "# Annual report\n\nTotal: {{ stats.total }}\n\nIncidents: {{ stats.incidnets }}\n",
    )
    .unwrap();
    let err = annual::paper(
        t.db.conn(),
        period(),
        d("2026-06-01"),
        Templates::Folder(&folder),
        MADE_AT,
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("template: "), "{err}");
    assert!(err.contains("line 5"), "{err}");
    assert!(err.contains("stats.incidnets"), "{err}");

    // The same through the CLI: exit 2, the reason on stderr, no file.
    let out_file = t.dir.path().join("report.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .env("CASEBOOK_PASSPHRASE", crate::support::PASSPHRASE)
        .env("CASEBOOK_ACTOR", "Test Officer")
        .args([
            "report",
            "annual",
            "--from",
            "2025-05-01",
            "--to",
            "2026-04-30",
            "--out",
        ])
        .arg(&out_file)
        .env("CASEBOOK_DB", t.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 5"));
    assert!(!out_file.exists() && !Path::new(&format!("{}.part", out_file.display())).exists());

    // A broken block is reported too; a good copy of the default is used as written.
    std::fs::write(
        folder.join("annual.md"),
        "# Report\n{% for x in stats.by_month %}\n",
    )
    .unwrap();
    let err = annual::paper(
        t.db.conn(),
        period(),
        d("2026-06-01"),
        Templates::Folder(&folder),
        MADE_AT,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("annual.md") && err.contains("line"), "{err}");
    std::fs::remove_file(folder.join("annual.md")).unwrap();
    assert_eq!(
        template::write_defaults(&folder).unwrap().len(),
        template::BUILTINS.len()
    );
    let copy = std::fs::read_to_string(folder.join("annual.md")).unwrap();
    std::fs::write(
        folder.join("annual.md"),
        copy.replace("annual report", "yearly report"),
    )
    .unwrap();
    let paper = annual::paper(
        t.db.conn(),
        period(),
        d("2026-06-01"),
        Templates::Folder(&folder),
        MADE_AT,
    )
    .unwrap();
    assert!(paper.markdown.contains("social media, yearly report"));
}

#[test]
fn a_chart_needs_a_label_and_a_number_on_each_line() {
    let err = Paper {
        title: "x".into(),
        file_stem: "x".into(),
        markdown: "# X\n\n```chart\nTitle\nno number here\n```\n".into(),
        made_at: MADE_AT.into(),
        figures: Vec::new(),
    }
    .render(Format::Html)
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("no number here") && err.contains("label | number"),
        "{err}"
    );
}

#[test]
fn publication_marks_and_gap_flags_are_checked_and_audited() {
    let mut t = fixture();
    let s = stamp();
    let id: i64 =
        t.db.conn()
            .query_row("SELECT id FROM cases ORDER BY id DESC LIMIT 1", [], |r| {
                r.get(0)
            })
            .unwrap();
    let err = |r: casebook::Result<_>| r.map(|_: ()| ()).unwrap_err().to_string();
    let e = err(t
        .db
        .write(|tx| publication::set(tx, &s, id, None, true, None).map(|_| ())));
    assert!(e.starts_with("publication summary:"), "{e}");
    let e = err(t.db.write(|tx| {
        publication::set(tx, &s, id, Some("x"), false, Some("2026-07-01")).map(|_| ())
    }));
    assert!(
        e.starts_with("notice published on:") && e.contains("future"),
        "{e}"
    );
    let e = err(t.db.write(|tx| {
        publication::set(tx, &s, id, Some("x"), false, Some("2024-01-01")).map(|_| ())
    }));
    assert!(e.contains("before the complaint was received"), "{e}");
    let e = err(t
        .db
        .write(|tx| publication::flag_gap(tx, &s, id, Some("LGA1"), "n").map(|_| ())));
    assert!(e.starts_with("guidance item:"), "{e}");
    let e = err(t
        .db
        .write(|tx| publication::flag_gap(tx, &s, id, Some("R99"), "n").map(|_| ())));
    assert!(e.starts_with("guidance item:"), "{e}");
    let e = err(t
        .db
        .write(|tx| publication::flag_gap(tx, &s, id, None, "  ").map(|_| ())));
    assert!(e.starts_with("gap note:"), "{e}");
    let e = err(t.db.write(|tx| {
        settings::set_text(tx, &s, settings::PUBLICATION_RULE, "whenever").map(|_| ())
    }));
    assert!(e.starts_with("publication_rule:"), "{e}");

    let gap =
        t.db.write(|tx| publication::flag_gap(tx, &s, id, Some("l3"), "Is a meme a publication?"))
            .unwrap();
    assert_eq!(gap.item_code.as_deref(), Some("L3"));
    t.db.write(|tx| publication::remove_gap(tx, &s, gap.id, "Flagged on the wrong case"))
        .unwrap();
    assert_eq!(
        t.count("SELECT count(*) FROM audit WHERE entity = 'guidance_gap' AND action = 'delete' AND reason = 'Flagged on the wrong case'"),
        1
    );
    assert_eq!(
        t.count("SELECT count(*) FROM audit WHERE entity = 'case_publication'"),
        3
    );
    assert!(verify::verify(t.db.conn()).unwrap().ok());

    // The rule "breach found" names the unpublished breach too; "never" names no one.
    t.db.write(|tx| {
        settings::set_text(tx, &s, settings::PUBLICATION_RULE, "breach found").map(|_| ())
    })
    .unwrap();
    assert!(annual_paper(&t).markdown.contains(UNPUBLISHABLE));
    t.db.write(|tx| settings::set_text(tx, &s, settings::PUBLICATION_RULE, "never").map(|_| ()))
        .unwrap();
    let md = annual_paper(&t).markdown;
    assert!(
        !md.contains(UNPUBLISHABLE) && !md.contains(PUBLISHABLE),
        "{md}"
    );
}
