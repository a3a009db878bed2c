//! The Reports screen's operations on an officer's [`Session`]: its options, the live preview,
//! making a paper in any format, and the templates folder.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use casebook::access::Look;
use casebook::report::Period;
use casebook::sql::Sql;
use casebook::{publication, settings, Result, Session};

use crate::template::Templates;
use crate::{annual, decision, template, Format, Paper, FORMATS};

/// A paper rendered for the preview.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct Preview {
    pub title: String,
    /// The self-contained HTML page (shown in a sandboxed frame).
    pub html: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The Reports screen's settings and choices.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ReportOptions {
    /// The default period: the last municipal year.
    pub from: String,
    pub to: String,
    pub formats: Vec<FormatOption>,
    pub rules: Vec<RuleOption>,
    pub rule: &'static str,
    pub recommendations: Option<String>,
    pub templates_folder: String,
    /// The templates the officer has their own copy of.
    pub custom_templates: Vec<String>,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct FormatOption {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RuleOption {
    pub key: &'static str,
    pub label: &'static str,
}

/// Which paper: the annual report for a period, or a case's decision notice.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaperKind {
    Annual,
    Decision,
}

/// A paper to make, as the screen asks for it.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct PaperRequest {
    pub kind: PaperKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub reference: Option<String>,
}

/// Makes the paper `request` asks for, from the session's database, as at today.
pub fn make(session: &Session, request: &PaperRequest) -> Result<Paper> {
    let db = session.db()?;
    let stamp = db.stamp();
    let folder = template::folder_for(db.path());
    let today = stamp.at.date_naive();
    make_on(
        db.conn(),
        request,
        today,
        Templates::Folder(&folder),
        &stamp.at_text(),
    )
}

/// Makes the paper `request` asks for from `conn` (a file or a council on the team server) as at
/// `today`, from the council's own `templates` (the built-in ones where it has none),
/// stamped `made_at`.
pub fn make_on(
    conn: &impl Sql,
    request: &PaperRequest,
    today: NaiveDate,
    templates: Templates<'_>,
    made_at: &str,
) -> Result<Paper> {
    match request.kind {
        PaperKind::Decision => {
            let reference = request.reference.as_deref().unwrap_or_default();
            decision::paper(conn, reference, today, templates, made_at)
        }
        PaperKind::Annual => {
            let p = Period::from_input(request.from.as_deref(), request.to.as_deref(), today)?;
            annual::paper(conn, p, today, templates, made_at)
        }
    }
}

pub fn options(session: &Session) -> Result<ReportOptions> {
    let db = session.db()?;
    let folder = template::folder_for(db.path());
    Ok(ReportOptions {
        custom_templates: template::BUILTINS
            .iter()
            .filter(|b| folder.join(b.file).exists())
            .map(|b| b.file.to_string())
            .collect(),
        templates_folder: folder.display().to_string(),
        ..options_on(db.conn(), session.today())?
    })
}

/// The choices as at `today` with the publication rule, recommendations and own templates stored
/// in `conn` (a file, whose own templates are files in a folder instead, or a council on the
/// team server).
pub fn options_on(conn: &impl Sql, today: NaiveDate) -> Result<ReportOptions> {
    Ok(ReportOptions {
        rule: publication::rule(conn)?,
        recommendations: settings::text_value(conn, settings::REVIEW_RECOMMENDATIONS)?,
        custom_templates: settings::templates(conn)?
            .into_iter()
            .map(|(file, _)| file)
            .collect(),
        ..options_for(today)
    })
}

/// The choices that need no database: the default period as at `today`, the formats and the
/// publication rules, with the built-in templates.
pub fn options_for(today: NaiveDate) -> ReportOptions {
    let p = Period::last_municipal_year(today);
    ReportOptions {
        from: p.from.to_string(),
        to: p.to.to_string(),
        formats: FORMATS
            .iter()
            .map(|f| FormatOption {
                key: f.extension(),
                label: f.label(),
            })
            .collect(),
        rules: publication::RULES
            .iter()
            .map(|(key, label)| RuleOption { key, label })
            .collect(),
        rule: "",
        recommendations: None,
        custom_templates: Vec::new(),
        templates_folder: String::new(),
    }
}

/// The paper as HTML for the live preview.
pub fn preview(session: &Session, request: PaperRequest) -> Result<Preview> {
    preview_of(make(session, &request)?, request)
}

/// `paper` (made as `request` asked) as the preview shows it.
pub fn preview_of(paper: Paper, request: PaperRequest) -> Result<Preview> {
    let html = String::from_utf8_lossy(&paper.render(Format::Html)?).into_owned();
    Ok(Preview {
        title: paper.title,
        html,
        from: request.from,
        to: request.to,
    })
}

/// A paper made in one format, ready to save: the file name to offer, and its bytes.
pub struct Rendered {
    pub format: Format,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The case the paper is about (a decision notice), for the access log.
    pub reference: Option<String>,
    /// What the paper is, for the access log.
    pub what: String,
}

/// Makes the paper in `format` (named as the screen names it); nothing is made if any part fails.
pub fn render(session: &Session, request: &PaperRequest, format: &str) -> Result<Rendered> {
    let format = Format::parse("format", format)?;
    rendered(make(session, request)?, request, format)
}

/// `paper` (made as `request` asked) in `format`, ready to save.
pub fn rendered(paper: Paper, request: &PaperRequest, format: Format) -> Result<Rendered> {
    let (reference, what) = match request.kind {
        PaperKind::Decision => (request.reference.clone(), "decision notice".to_string()),
        PaperKind::Annual => (None, format!("annual report: {}", paper.title)),
    };
    Ok(Rendered {
        format,
        bytes: paper.render(format)?,
        file_name: format!("{}.{}", paper.file_stem, format.extension()),
        reference,
        what,
    })
}

/// Writes `paper` to `path` whole or not at all, and records in the access log that the officer
/// made it (papers name people); returns the path written.
pub fn save(session: &Session, paper: &Rendered, path: &std::path::Path) -> Result<String> {
    crate::write_whole(path, &paper.bytes)?;
    let detail = format!("{}, {}", paper.what, path.display());
    session.looked(Look::MakePaper, paper.reference.as_deref(), &detail)?;
    Ok(path.display().to_string())
}

impl Rendered {
    /// The save dialog's filter: the format's name and extension.
    pub fn filter(&self) -> (&'static str, [&'static str; 1]) {
        (self.format.label(), [self.format.extension()])
    }
}

/// Copies the shipped templates into the templates folder (leaving the officer's own alone).
pub fn write_templates(session: &Session) -> Result<ReportOptions> {
    template::write_defaults(&template::folder_for(session.db()?.path()))?;
    options(session)
}

/// Sets the publication rule and recommendations, then gives the screen's options again.
pub fn save_settings(
    session: &Session,
    rule: &str,
    recommendations: &str,
) -> Result<ReportOptions> {
    session.save_report_settings(rule, recommendations)?;
    options(session)
}
