//! Commands for the Reports screen and a case's committee-paper marks: previews of the annual
//! report and decision notices, exports in every format (through the system's save dialog), the
//! templates folder, the publication rule and recommendations, and publication marks and
//! guidance-gap flags on a case.

use serde::{Deserialize, Serialize};
use tauri::State;

use casebook::report::Period;
use casebook::{publication, settings, Error};
use casebook_papers::{annual, decision, template, Format, Paper, FORMATS};

use crate::commands::AppState;
use crate::dialogs;
use crate::error::CommandResult;

/// A paper rendered for the preview.
#[derive(Debug, Serialize)]
pub struct Preview {
    pub title: String,
    /// The self-contained HTML page (shown in a sandboxed frame).
    pub html: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The Reports screen's settings and choices.
#[derive(Debug, Serialize)]
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

#[derive(Debug, Serialize)]
pub struct FormatOption {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct RuleOption {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Deserialize)]
pub struct PaperRequest {
    /// "annual" or "decision".
    pub kind: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub reference: Option<String>,
}

fn make(state: &AppState, request: &PaperRequest) -> CommandResult<Paper> {
    let db = state.db()?;
    let stamp = state.stamp();
    let folder = template::folder_for(db.path());
    let today = stamp.at.date_naive();
    let made_at = stamp.at_text();
    Ok(match request.kind.as_str() {
        "decision" => {
            let reference = request.reference.as_deref().unwrap_or_default();
            decision::paper(db.conn(), reference, today, Some(&folder), &made_at)?
        }
        _ => {
            let p = Period::from_input(request.from.as_deref(), request.to.as_deref(), today)?;
            annual::paper(db.conn(), p, today, Some(&folder), &made_at)?
        }
    })
}

#[tauri::command(async)]
pub fn report_options(state: State<'_, AppState>) -> CommandResult<ReportOptions> {
    let db = state.db()?;
    let p = Period::last_municipal_year(state.stamp().at.date_naive());
    let folder = template::folder_for(db.path());
    Ok(ReportOptions {
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
        rule: publication::rule(db.conn())?,
        recommendations: settings::text_value(db.conn(), settings::REVIEW_RECOMMENDATIONS)?,
        custom_templates: template::BUILTINS
            .iter()
            .filter(|b| folder.join(b.file).exists())
            .map(|b| b.file.to_string())
            .collect(),
        templates_folder: folder.display().to_string(),
    })
}

/// The paper as HTML for the live preview.
#[tauri::command(async)]
pub fn report_preview(state: State<'_, AppState>, request: PaperRequest) -> CommandResult<Preview> {
    let paper = make(&state, &request)?;
    let html = String::from_utf8_lossy(&paper.render(Format::Html)?).into_owned();
    Ok(Preview {
        title: paper.title,
        html,
        from: request.from,
        to: request.to,
    })
}

/// Makes the paper in `format` and saves it where the officer chooses (the system's save
/// dialog); the path written, or `None` if cancelled. Nothing is written if making it fails.
#[tauri::command(async)]
pub fn export_report(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: PaperRequest,
    format: String,
) -> CommandResult<Option<String>> {
    let format = Format::parse("format", &format)?;
    let paper = make(&state, &request)?;
    let bytes = paper.render(format)?;
    let name = format!("{}.{}", paper.file_stem, format.extension());
    let filter = (format.label(), &[format.extension()][..]);
    let Some(path) = dialogs::save_to(&app, "Save the paper", &name, Some(filter))? else {
        return Ok(None);
    };
    casebook_papers::write_whole(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Copies the shipped templates into the templates folder (leaving the officer's own alone).
#[tauri::command(async)]
pub fn write_templates(state: State<'_, AppState>) -> CommandResult<ReportOptions> {
    {
        let db = state.db()?;
        template::write_defaults(&template::folder_for(db.path()))?;
    }
    report_options(state)
}

#[tauri::command(async)]
pub fn save_report_settings(
    state: State<'_, AppState>,
    rule: String,
    recommendations: String,
) -> CommandResult<ReportOptions> {
    {
        let mut db = state.db()?;
        let stamp = state.stamp();
        db.write(|tx| {
            settings::set_text(tx, &stamp, settings::PUBLICATION_RULE, &rule)?;
            settings::set_text(
                tx,
                &stamp,
                settings::REVIEW_RECOMMENDATIONS,
                &recommendations,
            )?;
            Ok(())
        })?;
    }
    report_options(state)
}

#[derive(Debug, Deserialize)]
pub struct PublicationInput {
    pub summary: Option<String>,
    pub illustrative: bool,
    pub notice_published_on: Option<String>,
}

#[tauri::command(async)]
pub fn set_publication(
    state: State<'_, AppState>,
    reference: String,
    publication: PublicationInput,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, id| {
        publication::set(
            tx,
            s,
            id,
            publication.summary.as_deref(),
            publication.illustrative,
            publication.notice_published_on.as_deref(),
        )
        .map(drop)
    })
}

#[tauri::command(async)]
pub fn flag_gap(
    state: State<'_, AppState>,
    reference: String,
    item: Option<String>,
    note: String,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, id| {
        publication::flag_gap(tx, s, id, item.as_deref(), &note).map(drop)
    })
}

#[tauri::command(async)]
pub fn remove_gap(
    state: State<'_, AppState>,
    reference: String,
    id: i64,
    reason: String,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, case_id| {
        if !publication::gaps(tx, case_id)?.iter().any(|g| g.id == id) {
            return Err(Error::not_found("guidance gap", id.to_string()));
        }
        publication::remove_gap(tx, s, id, &reason)
    })
}
