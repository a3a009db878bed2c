//! `casebook report`: committee papers — the annual report's figures (`stats`), the annual
//! report and decision notices as files, and the editable report templates.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use casebook::access::Look;
use casebook::report::{self, Period};
use casebook::{Db, Error, Stamp};
use casebook_papers::template::Templates;
use casebook_papers::{annual, decision, template, Format, Paper};

use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum ReportCmd {
    /// Every figure of the annual report for a period (default: the last municipal year, May to April).
    Stats {
        /// First day of the period (2025-05-01 or 01/05/2025).
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// Last day of the period.
        #[arg(long, requires = "from")]
        to: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The annual Standards Committee report, with the guidance-review evidence, as md, html,
    /// docx, pdf, csv or xlsx.
    Annual(AnnualArgs),
    /// The decision notice for one case.
    Decision(DecisionArgs),
    /// Write the report templates into the templates folder beside the database, to edit.
    Templates,
}

#[derive(Args)]
pub(crate) struct OutputArgs {
    /// md, html, docx, pdf, csv or xlsx (default: from the --out file's extension); several,
    /// comma-separated, or `all`, to write each into the --out folder.
    #[arg(long)]
    pub(crate) format: Option<String>,
    /// The file to write. Nothing is written unless the whole paper is made without error.
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Folder of templates to use instead of the one beside the database.
    #[arg(long, value_name = "FOLDER")]
    pub(crate) templates: Option<PathBuf>,
}

#[derive(Args)]
pub(crate) struct AnnualArgs {
    /// First day of the period (default: the last municipal year, 1 May to 30 April).
    #[arg(long, requires = "to")]
    from: Option<String>,
    /// Last day of the period.
    #[arg(long, requires = "from")]
    to: Option<String>,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

impl AnnualArgs {
    /// The period as the team server takes it; over a server the report is made as Markdown.
    pub(crate) fn server_query(&self) -> casebook::Result<Vec<(&'static str, String)>> {
        if self
            .output
            .format
            .as_deref()
            .is_some_and(|f| f.trim() != "md")
        {
            return Err(casebook::Error::invalid(
                "format",
                "over a team server the annual report is made as Markdown (--format md); the \
                 other formats are made in the app",
            ));
        }
        let mut q = Vec::new();
        q.extend(self.from.clone().map(|f| ("from", f)));
        q.extend(self.to.clone().map(|t| ("to", t)));
        Ok(q)
    }
}

#[derive(Args)]
pub(crate) struct DecisionArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    #[command(flatten)]
    output: OutputArgs,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, cmd: ReportCmd) -> casebook::Result<()> {
    match cmd {
        ReportCmd::Annual(a) => annual(db, stamp, a),
        ReportCmd::Decision(a) => decision(db, stamp, a),
        ReportCmd::Templates => templates(db),
        ReportCmd::Stats { from, to, json } => {
            let period = period(from, to, stamp)?;
            let s = report::stats(db.conn(), period, stamp.at.date_naive())?;
            if json.json {
                return print_json(&s);
            }
            print_stats(&s);
            Ok(())
        }
    }
}

fn period(from: Option<String>, to: Option<String>, stamp: &Stamp) -> casebook::Result<Period> {
    Period::from_input(from.as_deref(), to.as_deref(), stamp.at.date_naive())
}

fn format_of(output: &OutputArgs) -> casebook::Result<Format> {
    match &output.format {
        Some(f) => Format::parse("format", f),
        None => {
            let ext = output
                .out
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            Format::parse("format", ext).map_err(|_| {
                Error::invalid(
                    "format",
                    "give --format (md, html, docx, pdf, csv or xlsx), or an --out file ending in one",
                )
            })
        }
    }
}

pub(crate) fn templates_folder(db: &Db, output: &OutputArgs) -> PathBuf {
    output
        .templates
        .clone()
        .unwrap_or_else(|| template::folder_for(db.path()))
}

/// The formats `--format` lists when it names several (`md,pdf,docx`) or `all`; `None` for one.
fn formats_of(output: &OutputArgs) -> casebook::Result<Option<Vec<Format>>> {
    let Some(given) = output.format.as_deref() else {
        return Ok(None);
    };
    if given.trim().eq_ignore_ascii_case("all") {
        return Ok(Some(casebook_papers::FORMATS.to_vec()));
    }
    if !given.contains(',') {
        return Ok(None);
    }
    let mut out = Vec::new();
    for name in given.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let f = Format::parse("format", name)?;
        if !out.contains(&f) {
            out.push(f);
        }
    }
    Ok(Some(out))
}

/// Writes the paper: in one format to the `--out` file, or, when `--format` lists several (or
/// says `all`), each format into the `--out` folder. The paper's figures are worked out once,
/// whatever the number of formats.
pub(crate) fn write_paper(paper: &Paper, output: &OutputArgs) -> casebook::Result<()> {
    if let Some(formats) = formats_of(output)? {
        std::fs::create_dir_all(&output.out).map_err(|e| {
            Error::invalid(
                "out",
                format!("the folder {} cannot be made: {e}", output.out.display()),
            )
        })?;
        for format in formats {
            let file = output
                .out
                .join(format!("{}.{}", paper.file_stem, format.extension()));
            let bytes = paper.render(format)?;
            casebook_papers::write_whole(&file, &bytes)?;
            out!(
                "Wrote {} ({}, {} bytes)",
                file.display(),
                format.label(),
                bytes.len()
            );
        }
        return Ok(());
    }
    let format = format_of(output)?;
    let bytes = paper.render(format)?;
    casebook_papers::write_whole(&output.out, &bytes)?;
    out!(
        "Wrote {} ({}, {} bytes): {}",
        output.out.display(),
        format.label(),
        bytes.len(),
        paper.title
    );
    Ok(())
}

fn annual(db: &mut Db, stamp: &Stamp, a: AnnualArgs) -> casebook::Result<()> {
    let period = period(a.from, a.to, stamp)?;
    let folder = templates_folder(db, &a.output);
    let paper = annual::paper(
        db.conn(),
        period,
        stamp.at.date_naive(),
        Templates::Folder(&folder),
        &stamp.at_text(),
    )?;
    write_paper(&paper, &a.output)?;
    let detail = format!(
        "annual report {} to {}, {}",
        period.from,
        period.to,
        a.output.out.display()
    );
    db.look(stamp, Look::MakePaper, None, &detail)
}

fn decision(db: &mut Db, stamp: &Stamp, a: DecisionArgs) -> casebook::Result<()> {
    let folder = templates_folder(db, &a.output);
    let paper = decision::paper(
        db.conn(),
        &a.reference,
        stamp.at.date_naive(),
        Templates::Folder(&folder),
        &stamp.at_text(),
    )?;
    write_paper(&paper, &a.output)?;
    let detail = format!("decision notice, {}", a.output.out.display());
    db.look(stamp, Look::MakePaper, Some(a.reference.trim()), &detail)
}

fn templates(db: &Db) -> casebook::Result<()> {
    let folder = template::folder_for(db.path());
    let written = template::write_defaults(&folder)?;
    for b in template::BUILTINS {
        let path = folder.join(b.file);
        let state = if written.contains(&path) {
            "written from the default; edit it to change the paper"
        } else {
            "already there; left as it is"
        };
        out!("{}: {state}", path.display());
    }
    Ok(())
}

fn print_stats(s: &report::Stats) {
    out!(
        "Complaints received {} to {}: {} (previous period {} to {}: {}); {} incident(s) once related complaints are counted together.",
        s.period.from, s.period.to, s.total, s.previous_period.from, s.previous_period.to,
        s.previous_total, s.incidents
    );
    let line = |title: &str, counts: &[report::Count]| {
        let shown: Vec<String> = counts
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| format!("{} {}", c.label, c.count))
            .collect();
        out!(
            "{title}: {}",
            if shown.is_empty() {
                "none".into()
            } else {
                shown.join("; ")
            }
        );
    };
    line("By complainant", &s.by_complainant_type);
    line("By council", &s.by_council);
    line("By platform", &s.by_platform);
    line("By month", &s.by_month);
    line("Guidance responsibilities", &s.by_responsibility);
    line("Legal issues", &s.by_legal_issue);
    line("Code obligations", &s.by_code_obligation);
    line("Nolan principles", &s.by_nolan_principle);
    line("Acting in capacity", &s.capacity_determinations);
    line("Decisions", &s.decisions);
    line("Final outcomes", &s.final_outcomes);
    for (what, t) in [("Acknowledged", &s.acknowledged), ("Decided", &s.decided)] {
        out!(
            "{what}: {} of {} within {} working days ({}); median {} working days; {} outstanding.",
            t.within_target,
            t.done,
            t.target_working_days,
            t.percent_within_target
                .map(|p| format!("{p}%"))
                .unwrap_or_else(|| "—".into()),
            t.median_working_days
                .map(|m| m.to_string())
                .unwrap_or_else(|| "—".into()),
            t.outstanding
        );
    }
    out!(
        "Councillors complained about more than once: {}.",
        s.councillors_with_more_than_one_complaint
    );
}
