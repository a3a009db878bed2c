//! The response pack of a subject access request: a covering letter (from an editable template)
//! saying what Art 15(1) requires, each confirmed record as PDF with other people's names
//! replaced, the evidence files of those records (a redacted copy where the officer made one),
//! and `index.csv` with each file's SHA-256, all in one zip.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use casebook::sar::{self, Hit, Sar};
use casebook::sql::Sql;
use casebook::{audit, evidence, retention, settings, views, Error, Result};

use crate::anonymise::{Redactor, Role};
use crate::template::Templates;
use crate::{template, Format, Paper};

/// A name suggested for redaction, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export, rename = "SarRedaction")]
pub struct Redaction {
    pub name: String,
    /// complainant / councillor / added by the officer
    pub role: String,
    /// Whether it will be redacted (false: the officer chose to leave it in).
    pub redacted: bool,
}

/// Every confirmed hit's full text, as the pack would hold it before redaction.
fn confirmed_texts(conn: &impl Sql, hits: &[Hit], today: NaiveDate) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for h in hits.iter().filter(|h| h.confirmed) {
        match (h.kind.as_str(), &h.reference) {
            ("audit" | "access", _) => out.push(h.snippet.clone()),
            (_, Some(r)) => {
                let d = views::case_detail(conn, r, today)?;
                out.push(d.case.summary.clone());
                out.push(d.case.complainant.name.clone());
                out.push(d.case.councillor.name.clone());
                out.extend(d.notes.iter().map(|n| n.body.clone()));
                out.extend(evidence::post_texts(conn, d.case.id)?);
            }
            _ => out.push(h.snippet.clone()),
        }
    }
    Ok(out)
}

/// The names to redact from request `s`'s pack: other complainants and councillors named in
/// what is confirmed, and the names the officer added; each marked as kept if the officer chose.
pub fn redactions(conn: &impl Sql, s: &Sar, today: NaiveDate) -> Result<Vec<Redaction>> {
    let hits = sar::hits(conn, s.id)?;
    let texts = confirmed_texts(conn, &hits, today)?
        .join("\n")
        .to_lowercase();
    let kept = |n: &str| s.keep.iter().any(|k| k.eq_ignore_ascii_case(n));
    let mut out: Vec<Redaction> = sar::other_people(conn, s)?
        .into_iter()
        .filter(|(name, _)| texts.contains(&name.to_lowercase()))
        .map(|(name, role)| Redaction {
            redacted: !kept(&name),
            name,
            role: role.into(),
        })
        .collect();
    for name in &s.redact {
        if !out.iter().any(|r| r.name.eq_ignore_ascii_case(name)) {
            out.push(Redaction {
                name: name.clone(),
                role: "added by the officer".into(),
                redacted: true,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn redactor(list: &[Redaction]) -> Redactor {
    let names: Vec<(String, Role)> = list
        .iter()
        .filter(|r| r.redacted)
        .map(|r| {
            let role = if r.role == "councillor" {
                Role::Councillor
            } else {
                Role::Person
            };
            (r.name.clone(), role)
        })
        .collect();
    Redactor::new(&names)
}

#[derive(Serialize)]
struct Step {
    stage: String,
    on: String,
    outcome: Option<String>,
    reason: Option<String>,
}

#[derive(Serialize)]
struct Tag {
    code: String,
    title: String,
    note: Option<String>,
}

#[derive(Serialize)]
struct NoteView {
    written_at: String,
    author: String,
    body: String,
}

#[derive(Serialize)]
struct EvidenceView {
    file: String,
    kind: String,
    sha256: String,
}

#[derive(Serialize)]
struct Record {
    council: String,
    name: String,
    reference: String,
    why: String,
    received_on: String,
    channel: String,
    complainant: String,
    councillor: String,
    platform: String,
    posted_at: Option<String>,
    post_url: Option<String>,
    stage: String,
    decision: Option<String>,
    outcome: Option<String>,
    summary: String,
    post_texts: Vec<String>,
    tags: Vec<Tag>,
    steps: Vec<Step>,
    notes: Vec<NoteView>,
    evidence: Vec<EvidenceView>,
}

#[derive(Serialize)]
struct LogEntry {
    title: String,
    text: String,
}

#[derive(Serialize)]
struct Logs {
    council: String,
    name: String,
    entries: Vec<LogEntry>,
}

#[derive(Serialize)]
struct Letter<'a> {
    council: String,
    officer: Option<String>,
    name: &'a str,
    contact: Option<&'a str>,
    today: String,
    received_on: &'a str,
    due_on: &'a str,
    extended_to: Option<&'a str>,
    extension_reason: Option<&'a str>,
    aliases: &'a [String],
    records: Vec<String>,
    schedule: Vec<ScheduleLine>,
}

#[derive(Serialize)]
struct ScheduleLine {
    ending: &'static str,
    describe: String,
}

/// One file of the pack.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "SarPackFile")]
pub struct PackFile {
    pub name: String,
    pub sha256: String,
    pub size: usize,
    pub description: String,
}

/// What was written.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "SarPack")]
pub struct Pack {
    pub path: String,
    pub files: Vec<PackFile>,
    pub redacted_names: Vec<String>,
}

/// Builds request `id`'s pack and writes it to `out` (a zip), whole or not at all.
pub fn export(
    conn: &impl Sql,
    id: i64,
    out: &Path,
    templates: Templates<'_>,
    today: NaiveDate,
    made_at: &str,
) -> Result<Pack> {
    let s = sar::get(conn, id)?;
    let hits = sar::hits(conn, id)?;
    if !hits.iter().any(|h| h.confirmed) {
        return Err(Error::invalid(
            "hits",
            format!(
                "request {id} has no confirmed records: confirm what is about the person first"
            ),
        ));
    }
    let list = redactions(conn, &s, today)?;
    let redact = redactor(&list);
    let clean = |t: &str| redact.redact(t);
    let clean_opt = |t: &Option<String>| t.as_deref().map(|t| redact.redact(t));
    let council = settings::text_value(conn, settings::COUNCIL_NAME)?
        .unwrap_or_else(|| "The Council".to_string());
    let mut files: Vec<(String, Vec<u8>, String)> = Vec::new();

    // One record per confirmed case, with why it is included.
    let mut cases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for h in hits.iter().filter(|h| h.confirmed) {
        if let Some(r) = &h.reference {
            if !matches!(h.kind.as_str(), "audit" | "access") {
                cases.entry(r.clone()).or_default().push(h.kind.clone());
            }
        }
    }
    let record_source = template::load(templates, template::SAR_RECORD)?;
    let mut record_names = Vec::new();
    for (reference, kinds) in &cases {
        let d = views::case_detail(conn, reference, today)?;
        let mut enclosed = Vec::new();
        let include_evidence = kinds
            .iter()
            .any(|k| k == "complainant" || k == "councillor" || k == "evidence");
        if include_evidence {
            for e in &d.evidence {
                // A redacted copy stands in for its original.
                if d.evidence.iter().any(|c| c.derived_from == Some(e.id)) {
                    continue;
                }
                let bytes = evidence::bytes(conn, e.id)?;
                let (name, bytes) = if e.kind == "post_text" {
                    let text = clean(&String::from_utf8_lossy(&bytes));
                    (
                        format!("evidence/{reference}-evidence-{}.txt", e.id),
                        text.into_bytes(),
                    )
                } else {
                    let ext = extension(&e.media_type);
                    (
                        format!("evidence/{reference}-evidence-{}.{ext}", e.id),
                        bytes,
                    )
                };
                enclosed.push(EvidenceView {
                    file: name.clone(),
                    kind: if e.derived_from.is_some() {
                        "redacted copy"
                    } else {
                        &e.kind
                    }
                    .to_string(),
                    sha256: audit::sha256_hex(&bytes),
                });
                files.push((name, bytes, format!("evidence {} of {reference}", e.id)));
            }
        }
        let why = kinds
            .iter()
            .map(|k| match k.as_str() {
                "complainant" => "you made this complaint",
                "councillor" => "the complaint is about you",
                "evidence" => "the evidence names you",
                "note" => "an officer's note names you",
                _ => "the record names you",
            })
            .collect::<Vec<_>>()
            .join("; ");
        let record = Record {
            council: council.clone(),
            name: s.name.clone(),
            reference: reference.clone(),
            why,
            received_on: d.case.received_on.clone(),
            channel: d.case.channel.clone(),
            complainant: clean(&d.case.complainant.name),
            councillor: clean(&d.case.councillor.name),
            platform: d.case.platform.clone(),
            posted_at: d.case.posted_at.clone(),
            // The post's address names its author; withheld where the councillor is redacted.
            post_url: d.case.post_url.clone().map(|u| {
                if clean(&d.case.councillor.name) == d.case.councillor.name {
                    u
                } else {
                    "withheld: it names another person".to_string()
                }
            }),
            stage: d.procedure.stage.clone(),
            decision: d.procedure.decision.clone(),
            outcome: d.procedure.outcome.clone(),
            summary: clean(&d.case.summary),
            post_texts: evidence::post_texts(conn, d.case.id)?
                .iter()
                .map(|t| clean(t))
                .collect(),
            tags: d
                .tags
                .iter()
                .map(|t| Tag {
                    code: t.code.clone(),
                    title: t.title.clone(),
                    note: clean_opt(&t.note),
                })
                .collect(),
            steps: d
                .procedure
                .stages
                .iter()
                .map(|e| Step {
                    stage: e.stage.clone(),
                    on: e.on.clone(),
                    outcome: e.outcome.clone(),
                    reason: clean_opt(&e.reason),
                })
                .collect(),
            notes: d
                .notes
                .iter()
                .map(|n| NoteView {
                    written_at: n.written_at.clone(),
                    author: n.author.clone(),
                    body: clean(&n.body),
                })
                .collect(),
            evidence: enclosed,
        };
        let markdown = template::render(&record_source, &record)?;
        let pdf =
            Paper::new(markdown, format!("record-{reference}"), made_at)?.render(Format::Pdf)?;
        let name = format!("records/{reference}.pdf");
        record_names.push(name.clone());
        files.push((name, pdf, format!("record of complaint {reference}")));
    }

    // The audit-trail and access-log entries that name the person.
    let logs: Vec<LogEntry> = hits
        .iter()
        .filter(|h| h.confirmed && matches!(h.kind.as_str(), "audit" | "access"))
        .map(|h| LogEntry {
            title: clean(&h.label),
            text: clean(&h.snippet),
        })
        .collect();
    if !logs.is_empty() {
        let source = template::load(templates, template::SAR_LOGS)?;
        let markdown = template::render(
            &source,
            &Logs {
                council: council.clone(),
                name: s.name.clone(),
                entries: logs,
            },
        )?;
        let pdf = Paper::new(markdown, "logs".into(), made_at)?.render(Format::Pdf)?;
        record_names.push("records/logs.pdf".into());
        files.push((
            "records/logs.pdf".into(),
            pdf,
            "audit trail and access log entries".into(),
        ));
    }

    let letter = Letter {
        council: council.clone(),
        officer: settings::text_value(conn, settings::OFFICER_NAME)?,
        name: &s.name,
        contact: s.contact.as_deref(),
        today: today.to_string(),
        received_on: &s.received_on,
        due_on: &s.due_on,
        extended_to: s.extended_to.as_deref(),
        extension_reason: s.extension_reason.as_deref(),
        aliases: &s.aliases,
        records: record_names,
        schedule: retention::schedule(conn)?
            .into_iter()
            .map(|l| ScheduleLine {
                ending: l.rule.ending.word(),
                describe: l.describe,
            })
            .collect(),
    };
    let source = template::load(templates, template::SAR_LETTER)?;
    let markdown = crate::anchored(conn, template::render(&source, &letter)?)?;
    let pdf = Paper::new(markdown, "covering-letter".into(), made_at)?.render(Format::Pdf)?;
    files.insert(
        0,
        ("covering-letter.pdf".into(), pdf, "covering letter".into()),
    );

    let listed: Vec<PackFile> = files
        .iter()
        .map(|(name, bytes, description)| PackFile {
            name: name.clone(),
            sha256: audit::sha256_hex(bytes),
            size: bytes.len(),
            description: description.clone(),
        })
        .collect();
    let mut index = csv::Writer::from_writer(Vec::new());
    index
        .write_record(["file", "sha256", "bytes", "description"])
        .map_err(|e| Error::invalid("index", e.to_string()))?;
    for f in &listed {
        index
            .write_record([
                &f.name,
                &f.sha256,
                &f.size.to_string(),
                crate::tables::neutralise(&f.description).as_str(),
            ])
            .map_err(|e| Error::invalid("index", e.to_string()))?;
    }
    let index = index
        .into_inner()
        .map_err(|e| Error::invalid("index", e.to_string()))?;

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let zip_err = |e: zip::result::ZipError| Error::invalid("out", e.to_string());
    for (name, bytes, _) in &files {
        zip.start_file(name.as_str(), options).map_err(zip_err)?;
        zip.write_all(bytes).map_err(|e| Error::io(out, e))?;
    }
    zip.start_file("index.csv", options).map_err(zip_err)?;
    zip.write_all(&index).map_err(|e| Error::io(out, e))?;
    let bytes = zip.finish().map_err(zip_err)?.into_inner();
    crate::write_whole(out, &bytes)?;
    Ok(Pack {
        path: out.display().to_string(),
        files: listed,
        redacted_names: list
            .iter()
            .filter(|r| r.redacted)
            .map(|r| r.name.clone())
            .collect(),
    })
}

fn extension(media_type: &str) -> &'static str {
    match media_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        _ => "bin",
    }
}
