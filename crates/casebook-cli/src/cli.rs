//! Argument parsing and printing for the `casebook` binary. Each subcommand calls the core and
//! prints either a readable listing or, with `--json`, the core's own serialised records.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use casebook::case::{Filter, NewCase};

/// `println!` that ends the program quietly when the reader has gone away (`casebook … | head`).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}
mod papers;
mod procedure;

use casebook::councillor::{NewAccount, NewCouncillor};
use casebook::evidence::Capture;
use casebook::{
    assessment, audit, case, catalogue, councillor, db, demo, evidence, import, notes, report,
    search, text, verify, Db, Error, Stamp,
};

/// Casebook: complaints about councillors' social media use, from intake to the Standards Committee.
///
/// Every command works on one SQLite database: by default casebook.sqlite3 in the app-data folder
/// (the same one the desktop app uses); --db or CASEBOOK_DB chooses another. Every change is
/// recorded in the audit trail under --actor (default: CASEBOOK_ACTOR, else the login name).
#[derive(Parser)]
#[command(
    name = "casebook",
    version,
    propagate_version = true,
    max_term_width = 100
)]
struct Cli {
    /// Database file (created if missing).
    #[arg(long, global = true, env = "CASEBOOK_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// Name recorded in the audit trail for changes made by this command.
    #[arg(long, global = true, env = "CASEBOOK_ACTOR", value_name = "NAME")]
    actor: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database (or bring an older one up to date) and print where it is.
    Init,
    /// Fill an empty database with a fictional council, ~40 complaints, screenshots and assessments.
    Demo,
    /// The councillor register: members, their councils and social media accounts.
    #[command(subcommand)]
    Councillor(CouncillorCmd),
    /// Complaints: log, list, show and link them.
    #[command(subcommand)]
    Case(CaseCmd),
    /// Evidence: screenshots, PDFs and post text, hashed and kept unchanged.
    #[command(subcommand)]
    Evidence(EvidenceCmd),
    /// The officer's notes on a case (Markdown).
    #[command(subcommand)]
    Note(NoteCmd),
    /// Tag a case with guidance catalogue items (responsibilities, legal issues, Code, Nolan, LGA).
    Tag(TagArgs),
    /// Show or record the acting-in-capacity assessment of a case.
    Capacity(CapacityArgs),
    /// Read the guidance catalogue, or add a new version of it.
    Catalogue(CatalogueArgs),
    /// Full-text search over summaries, post text, notes and councillor names.
    Search(SearchArgs),
    /// Import an existing complaints log from CSV (all rows or none; see README for the columns).
    Import(ImportArgs),
    /// Committee papers: the annual report, decision notices, and the figures behind them.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Check the database: SQLite integrity, the audit chain, every evidence hash, every record.
    Verify(JsonFlag),
    /// Independent Person consultations: record who was consulted, when, and their views.
    #[command(subcommand)]
    Ip(procedure::IpCmd),
    /// What is overdue or due soon across all open cases (their next action and its deadline).
    Due(procedure::DueArgs),
    /// Working days: list the year's holidays, or add and remove the council's own.
    Holidays(procedure::HolidaysArgs),
    /// The council's procedure time targets.
    Settings(procedure::SettingsArgs),
    /// Write a consistent copy of the whole database (cases, evidence, audit trail) to a new file.
    Backup {
        /// The backup file to create; it must not exist yet.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
pub(crate) struct JsonFlag {
    /// Print JSON (stable field names, documented in the README).
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Subcommand)]
enum CouncillorCmd {
    /// Add a councillor to the register.
    Add(CouncillorArgs),
    /// List the register, with each member's accounts and number of cases.
    List(JsonFlag),
    /// Show one councillor, their accounts and their cases.
    Show {
        /// Register number or exact name.
        councillor: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Register a social media account for a councillor.
    Account(AccountArgs),
}

#[derive(Args)]
struct CouncillorArgs {
    /// Full name, without "Cllr".
    #[arg(long)]
    name: String,
    /// "Kingsmere City Council", or the parish or town council.
    #[arg(long)]
    council: String,
    /// Ward or division (for a co-opted member, the committee).
    #[arg(long)]
    ward: Option<String>,
    /// Political party or group, if any.
    #[arg(long)]
    party: Option<String>,
    /// A co-opted member (Localism Act 2011 s27(4)) rather than an elected one.
    #[arg(long)]
    co_opted: bool,
    /// Start of the term of office (2026-05-07 or 07/05/2026).
    #[arg(long)]
    term_start: Option<String>,
    /// End of the term of office.
    #[arg(long)]
    term_end: Option<String>,
}

#[derive(Args)]
struct AccountArgs {
    /// Register number or exact name of the councillor.
    councillor: String,
    /// Facebook, X, Instagram, TikTok, LinkedIn, YouTube, Threads, Bluesky, Nextdoor, WhatsApp, Reddit or Other.
    #[arg(long)]
    platform: String,
    /// Handle or page name as it appears on the platform.
    #[arg(long)]
    handle: String,
    /// personal, councillor or mixed.
    #[arg(long = "use", value_name = "USE")]
    account_use: String,
    /// public or private.
    #[arg(long)]
    visibility: String,
    /// The profile says they are a councillor.
    #[arg(long)]
    profile_says_councillor: bool,
}

#[derive(Subcommand)]
enum CaseCmd {
    /// Log a new complaint; prints its reference (SC-YYYY-NNN).
    New(NewCaseArgs),
    /// Show one complaint: details, tags, capacity assessment, evidence, related cases, history.
    Show {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// Work out deadlines as at this day instead of today.
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List complaints, newest first; every option narrows the list.
    List(ListArgs),
    /// Record that two complaints concern the same post or the same incident.
    Link {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The other case's reference.
        other: String,
        /// "same post" or "same incident".
        #[arg(long, default_value = "same post")]
        kind: String,
    },
    /// Move a case to its next stage (with the decision or outcome and reasons), or --undo the last step.
    Stage(procedure::StageArgs),
    /// Stop a case's working-day clock (awaiting information, pre-election period, police referral).
    Pause(procedure::PauseArgs),
    /// Restart a paused clock.
    Resume(procedure::ResumeArgs),
    /// Record whether the complainant's request for confidentiality is granted or refused.
    Confidentiality(procedure::ConfidentialityArgs),
    /// What is published about a case: an anonymised summary, whether it illustrates the guidance
    /// review, and when its decision notice was published. Without options, shows them.
    Publication(papers::PublicationArgs),
    /// Flag a case as revealing a gap or an ambiguity in the guidance, list or remove flags.
    #[command(subcommand)]
    Gap(papers::GapCmd),
}

#[derive(Args)]
struct NewCaseArgs {
    /// Date the complaint was received (2026-03-14 or 14/03/2026).
    #[arg(long)]
    received_on: String,
    /// email, web form, letter, phone, in person or other.
    #[arg(long, default_value = "email")]
    channel: String,
    /// Complainant's name (never published; see --confidential).
    #[arg(long)]
    complainant_name: String,
    /// Email address, phone or postal address.
    #[arg(long)]
    complainant_contact: Option<String>,
    /// public, councillor, officer or other.
    #[arg(long, default_value = "public")]
    complainant_type: String,
    /// The complainant asks that their identity be kept from the councillor.
    #[arg(long)]
    confidential: bool,
    /// Why confidentiality is requested (required with --confidential).
    #[arg(long)]
    confidentiality_reason: Option<String>,
    /// Register number or exact name of the councillor complained about.
    #[arg(long)]
    councillor: String,
    /// Platform the post was made on.
    #[arg(long)]
    platform: String,
    /// Web address of the post.
    #[arg(long)]
    post_url: Option<String>,
    /// When it was posted, as shown: 2026-03-12 or 2026-03-12 21:40.
    #[arg(long)]
    posted_at: Option<String>,
    /// What the complaint is about, in the officer's words.
    #[arg(long)]
    summary: String,
}

#[derive(Args)]
struct ListArgs {
    /// Year received.
    #[arg(long)]
    year: Option<i32>,
    /// Register number or exact name.
    #[arg(long)]
    councillor: Option<String>,
    /// Council name, e.g. "Kingsmere City Council".
    #[arg(long)]
    council: Option<String>,
    /// Platform, e.g. Facebook or X.
    #[arg(long)]
    platform: Option<String>,
    /// A catalogue code the case is tagged with (R5, L8, C1…).
    #[arg(long)]
    tag: Option<String>,
    /// in capacity, not in capacity or undetermined.
    #[arg(long)]
    determination: Option<String>,
    /// A stage (received … closed), or "open" for every case not yet closed.
    #[arg(long)]
    stage: Option<String>,
    /// Only cases matching these words (as `casebook search`).
    #[arg(long)]
    search: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Subcommand)]
enum EvidenceCmd {
    /// Add screenshot or PDF files to a case (PNG, JPEG, WebP, GIF, PDF; at most 32 MiB each).
    Add {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// Files to add; each is checked before any is stored.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        capture: CaptureArgs,
        /// This file is a redacted copy of evidence item ID on the same case.
        #[arg(long, value_name = "ID")]
        redacted_from: Option<i64>,
    },
    /// Add the text of the post to a case.
    Text {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The post's text.
        #[arg(long, conflicts_with = "file", required_unless_present = "file")]
        text: Option<String>,
        /// Read the post's text from a UTF-8 file.
        #[arg(long)]
        file: Option<PathBuf>,
        #[command(flatten)]
        capture: CaptureArgs,
    },
    /// List a case's evidence with hashes and capture details.
    List {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Write an evidence item's original bytes to a file.
    Export {
        /// Evidence item number (from `evidence list`).
        id: i64,
        /// File to write.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
struct CaptureArgs {
    /// Who captured it (default: --actor).
    #[arg(long)]
    captured_by: Option<String>,
    /// When it was captured, UTC: 2026-03-14T09:30:00Z, 2026-03-14 09:30 or 2026-03-14 (default: now).
    #[arg(long)]
    captured_at: Option<String>,
    /// Where it was captured from.
    #[arg(long)]
    source_url: Option<String>,
    /// What it shows.
    #[arg(long)]
    description: Option<String>,
}

#[derive(Subcommand)]
enum ReportCmd {
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
    Annual(papers::AnnualArgs),
    /// The decision notice for one case.
    Decision(papers::DecisionArgs),
    /// Write the report templates into the templates folder beside the database, to edit.
    Templates,
}

#[derive(Subcommand)]
enum NoteCmd {
    /// Add a note to a case.
    Add {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The note, in Markdown.
        #[arg(long)]
        text: String,
    },
    /// Rewrite a note (the audit trail keeps what it said).
    Edit {
        /// Note number (from `note list`).
        id: i64,
        /// The new text, in Markdown.
        #[arg(long)]
        text: String,
    },
    /// List a case's notes.
    List {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Args)]
struct TagArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// Catalogue codes: R1–R10, L1–L9, N1–N7, C1–C10, LGA1–LGA6 (see `casebook catalogue`).
    #[arg(required = true)]
    codes: Vec<String>,
    /// Why it applies (kept with each tag given).
    #[arg(long)]
    note: Option<String>,
    /// Remove these tags instead.
    #[arg(long, conflicts_with = "note")]
    remove: bool,
}

#[derive(Args)]
struct CapacityArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// Answer an indicator: CODE=yes|no|unknown, e.g. I1=yes. Repeatable.
    #[arg(long = "answer", value_name = "CODE=ANSWER")]
    answers: Vec<String>,
    /// A note on an indicator: CODE=TEXT. Repeatable; goes with an --answer for the same code.
    #[arg(long = "note", value_name = "CODE=TEXT")]
    notes: Vec<String>,
    /// The officer's determination: in capacity, not in capacity or undetermined.
    #[arg(long, requires = "reasons")]
    determination: Option<String>,
    /// The officer's reasons for the determination.
    #[arg(long)]
    reasons: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
struct CatalogueArgs {
    #[command(subcommand)]
    command: Option<CatalogueCmd>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Subcommand)]
enum CatalogueCmd {
    /// List the catalogue versions.
    List(JsonFlag),
    /// Show every item of a version (default: the current one).
    Show {
        /// Version label, e.g. v1.
        #[arg(value_name = "VERSION")]
        label: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Add a new catalogue version from a JSON file (format in the README). Existing cases keep theirs.
    AddVersion {
        /// JSON file: {"label", "title", "adopted_on", "source", "items": [{"kind", "code", "title", "text"}]}.
        file: PathBuf,
    },
}

#[derive(Args)]
struct SearchArgs {
    /// Words to find; every word must match; the last may be the start of a word.
    #[arg(required = true)]
    words: Vec<String>,
    /// Most results to show.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
struct ImportArgs {
    /// CSV file with a header row.
    file: PathBuf,
    /// Check every row and report, but store nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    json: JsonFlag,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            if let Error::Import(rows) = &e {
                for r in rows {
                    eprintln!("  {r}");
                }
            }
            ExitCode::from(match e {
                Error::Invalid { .. } | Error::Conflict { .. } | Error::Import(_) => 2,
                Error::NotFound { .. } => 3,
                _ => 1,
            })
        }
    }
}

fn stamp(cli: &Cli) -> Stamp {
    Stamp::new(audit::actor_name(cli.actor.as_deref()), Utc::now())
}

pub(crate) fn print_json<T: Serialize>(value: &T) -> casebook::Result<()> {
    let s =
        serde_json::to_string_pretty(value).map_err(|e| Error::invalid("output", e.to_string()))?;
    out!("{s}");
    Ok(())
}

fn run(cli: Cli) -> casebook::Result<ExitCode> {
    let stamp = stamp(&cli);
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => db::default_path()?,
    };
    let mut db = Db::open(&path, &stamp)?;
    match cli.command {
        Command::Init => {
            out!(
                "Database ready at {} (schema version {}).",
                db.path().display(),
                db::schema_version()
            );
        }
        Command::Demo => {
            let s = demo::load(&mut db, &stamp)?;
            out!(
                "Loaded the demo council into {}: {} councillors, {} cases with screenshots and assessments.",
                db.path().display(),
                s.councillors,
                s.cases
            );
            out!("Try: casebook case list   |   casebook search abusive   |   casebook verify");
        }
        Command::Councillor(c) => councillor_cmd(&mut db, &stamp, c)?,
        Command::Case(c) => case_cmd(&mut db, &stamp, c)?,
        Command::Evidence(c) => evidence_cmd(&mut db, &stamp, c)?,
        Command::Report(ReportCmd::Annual(a)) => papers::annual(&db, &stamp, a)?,
        Command::Report(ReportCmd::Decision(a)) => papers::decision(&db, &stamp, a)?,
        Command::Report(ReportCmd::Templates) => papers::templates(&db)?,
        Command::Report(ReportCmd::Stats { from, to, json }) => {
            let period = papers::period(from, to, &stamp)?;
            let s = report::stats(db.conn(), period, stamp.at.date_naive())?;
            if json.json {
                return print_json(&s).map(|_| ExitCode::SUCCESS);
            }
            print_stats(&s);
        }
        Command::Note(c) => match c {
            NoteCmd::Add { reference, text } => {
                let k = case::by_reference(db.conn(), &reference)?;
                let n = db.write(|tx| notes::add(tx, &stamp, k.id, &text))?;
                out!("Added note {} to {}.", n.id, k.reference);
            }
            NoteCmd::Edit { id, text } => {
                let n = db.write(|tx| notes::edit(tx, &stamp, id, &text))?;
                out!("Note {} rewritten.", n.id);
            }
            NoteCmd::List { reference, json } => {
                let k = case::by_reference(db.conn(), &reference)?;
                let all = notes::list(db.conn(), k.id)?;
                if json.json {
                    return print_json(&all).map(|_| ExitCode::SUCCESS);
                }
                if all.is_empty() {
                    out!("No notes on {}.", k.reference);
                }
                for n in all {
                    out!("#{} {} by {}\n{}\n", n.id, n.written_at, n.author, n.body);
                }
            }
        },
        Command::Tag(a) => {
            let k = case::by_reference(db.conn(), &a.reference)?;
            db.write(|tx| {
                for code in &a.codes {
                    if a.remove {
                        assessment::untag(tx, &stamp, k.id, code)?;
                    } else {
                        assessment::tag(tx, &stamp, k.id, code, a.note.as_deref())?;
                    }
                }
                Ok(())
            })?;
            let tags = assessment::tags(db.conn(), k.id)?;
            let codes: Vec<&str> = tags.iter().map(|t| t.code.as_str()).collect();
            out!(
                "{} is tagged: {}",
                k.reference,
                if codes.is_empty() {
                    "(none)".to_string()
                } else {
                    codes.join(", ")
                }
            );
        }
        Command::Capacity(a) => capacity_cmd(&mut db, &stamp, a)?,
        Command::Catalogue(a) => catalogue_cmd(&mut db, &stamp, a)?,
        Command::Search(a) => {
            let hits = search::search(db.conn(), &a.words.join(" "), a.limit)?;
            if a.json.json {
                print_json(&hits)?;
            } else if hits.is_empty() {
                out!("No cases match.");
            } else {
                for h in hits {
                    out!(
                        "{}  {}  {}\n    {}",
                        h.reference,
                        h.received_on,
                        h.councillor,
                        h.snippet.replace('\n', " ")
                    );
                }
            }
        }
        Command::Import(a) => {
            let out = import::import_file(&mut db, &stamp, &a.file, a.dry_run)?;
            if a.json.json {
                print_json(&out)?;
            } else {
                let verb = if a.dry_run {
                    "Dry run: would import"
                } else {
                    "Imported"
                };
                out!(
                    "{verb} {} case(s) from {} row(s); {} new councillor(s), {} tag(s), {} post text(s).",
                    out.cases.len(),
                    out.rows,
                    out.councillors_added.len(),
                    out.tags,
                    out.post_texts
                );
                if !out.ignored_columns.is_empty() {
                    out!(
                        "Ignored unknown column(s): {}",
                        out.ignored_columns.join(", ")
                    );
                }
                if a.dry_run {
                    out!("Nothing was stored.");
                }
            }
        }
        Command::Ip(c) => procedure::ip(&mut db, &stamp, c)?,
        Command::Due(a) => procedure::due(&mut db, &stamp, a)?,
        Command::Holidays(a) => procedure::holidays(&mut db, &stamp, a)?,
        Command::Settings(a) => procedure::settings(&mut db, &stamp, a)?,
        Command::Backup { out } => {
            db.backup(&out)?;
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            out!(
                "Backed up {} to {} ({:.1} MiB); the copy passed SQLite's integrity check.",
                db.path().display(),
                out.display(),
                size as f64 / 1_048_576.0
            );
            out!(
                "Check it fully with: casebook --db {} verify",
                out.display()
            );
        }
        Command::Verify(j) => {
            let report = verify::verify(db.conn())?;
            if j.json {
                print_json(&report)?;
            } else {
                out!(
                    "Checked {} audit entries, {} evidence items ({} stored files re-hashed), {} records.",
                    report.audit_entries, report.evidence_items, report.blobs_rehashed, report.records_checked
                );
                for p in &report.problems {
                    out!("PROBLEM [{}] {}: {}", p.area, p.location, p.detail);
                }
                if report.ok() {
                    out!("OK: no problems found.");
                } else {
                    out!("{} problem(s) found.", report.problems.len());
                }
            }
            if !report.ok() {
                return Ok(ExitCode::from(4));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn councillor_cmd(db: &mut Db, stamp: &Stamp, cmd: CouncillorCmd) -> casebook::Result<()> {
    match cmd {
        CouncillorCmd::Add(a) => {
            let new = NewCouncillor {
                name: a.name,
                council: a.council,
                ward: a.ward,
                party: a.party,
                co_opted: a.co_opted,
                term_start: text::optional_date("term_start", a.term_start.as_deref())?,
                term_end: text::optional_date("term_end", a.term_end.as_deref())?,
            };
            let c = db.write(|tx| councillor::add(tx, stamp, &new))?;
            out!("Added councillor {}: {} ({})", c.id, c.name, c.council);
        }
        CouncillorCmd::List(j) => {
            let all = councillor::list(db.conn())?;
            if j.json {
                return print_json(&all);
            }
            if all.is_empty() {
                out!("The register is empty. Add a councillor with `casebook councillor add`.");
            }
            for c in all {
                out!(
                    "{:>4}  {:<24} {:<32} {:<20} {:<18} {} case(s){}",
                    c.id,
                    c.name,
                    c.council,
                    c.ward.unwrap_or_default(),
                    c.party.unwrap_or_default(),
                    c.case_count,
                    if c.membership == "co-opted" {
                        "  [co-opted]"
                    } else {
                        ""
                    }
                );
            }
        }
        CouncillorCmd::Show {
            councillor: key,
            json,
        } => {
            let c = councillor::resolve(db.conn(), &key, "councillor")?;
            let cases = case::list(
                db.conn(),
                &Filter {
                    councillor_id: Some(c.id),
                    ..Filter::default()
                },
            )?;
            if json.json {
                #[derive(Serialize)]
                struct Out<'a> {
                    #[serde(flatten)]
                    councillor: &'a councillor::Councillor,
                    cases: &'a [case::Summary],
                }
                return print_json(&Out {
                    councillor: &c,
                    cases: &cases,
                });
            }
            out!("{} — {} ({})", c.name, c.council, c.membership);
            out!(
                "Ward: {}   Party: {}",
                c.ward.as_deref().unwrap_or("—"),
                c.party.as_deref().unwrap_or("—")
            );
            out!(
                "Term: {} to {}",
                c.term_start.as_deref().unwrap_or("?"),
                c.term_end.as_deref().unwrap_or("?")
            );
            for a in &c.accounts {
                out!(
                    "Account: {} {} ({}, {}{})",
                    a.platform,
                    a.handle,
                    a.account_use,
                    a.visibility,
                    if a.profile_says_councillor {
                        ", profile says councillor"
                    } else {
                        ""
                    }
                );
            }
            out!("Cases: {}", cases.len());
            for k in cases {
                out!(
                    "  {}  {}  {}",
                    k.reference,
                    k.received_on,
                    text::shorten(&k.summary)
                );
            }
        }
        CouncillorCmd::Account(a) => {
            let c = councillor::resolve(db.conn(), &a.councillor, "councillor")?;
            let new = NewAccount {
                platform: a.platform,
                handle: a.handle,
                profile_says_councillor: a.profile_says_councillor,
                account_use: a.account_use,
                visibility: a.visibility,
            };
            let acc = db.write(|tx| councillor::add_account(tx, stamp, c.id, &new))?;
            out!(
                "Registered {} account {} for {}.",
                acc.platform,
                acc.handle,
                c.name
            );
        }
    }
    Ok(())
}

fn case_cmd(db: &mut Db, stamp: &Stamp, cmd: CaseCmd) -> casebook::Result<()> {
    match cmd {
        CaseCmd::New(a) => {
            let c = councillor::resolve(db.conn(), &a.councillor, "councillor")?;
            let new = NewCase {
                reference: None,
                received_on: text::date("received_on", &a.received_on)?,
                channel: a.channel,
                complainant_name: a.complainant_name,
                complainant_contact: a.complainant_contact,
                complainant_type: a.complainant_type,
                confidentiality_requested: a.confidential,
                confidentiality_reason: a.confidentiality_reason,
                councillor_id: c.id,
                platform: a.platform,
                post_url: a.post_url,
                posted_at: a.posted_at,
                summary: a.summary,
            };
            let k = db.write(|tx| case::create(tx, stamp, &new, None))?;
            out!("{}", k.reference);
        }
        CaseCmd::Show {
            reference,
            as_of,
            json,
        } => {
            let today = match as_of.as_deref() {
                Some(d) => text::date("as_of", d)?,
                None => stamp.at.date_naive(),
            };
            let d = casebook::views::case_detail(db.conn(), &reference, today)?;
            if json.json {
                return print_json(&d);
            }
            print_case(&d);
        }
        CaseCmd::List(a) => {
            let councillor_id = match &a.councillor {
                Some(k) => Some(councillor::resolve(db.conn(), k, "councillor")?.id),
                None => None,
            };
            let cases = case::list(
                db.conn(),
                &Filter {
                    year: a.year,
                    councillor_id,
                    council: a.council,
                    platform: a.platform,
                    tag: a.tag,
                    determination: a.determination,
                    stage: a.stage,
                    words: a.search,
                },
            )?;
            if a.json.json {
                return print_json(&cases);
            }
            if cases.is_empty() {
                out!("No cases. Log one with `casebook case new`, or load the demo with `casebook demo`.");
            }
            for k in cases {
                out!(
                    "{}  {}  {:<22} {:<10} {:<18} {:<16} {}",
                    k.reference,
                    k.received_on,
                    k.councillor,
                    k.platform,
                    k.stage,
                    k.capacity_determination,
                    k.tags.join(",")
                );
            }
        }
        CaseCmd::Link {
            reference,
            other,
            kind,
        } => {
            let a = case::by_reference(db.conn(), &reference)?;
            let b = case::by_reference(db.conn(), &other)?;
            db.write(|tx| case::link(tx, stamp, a.id, b.id, &kind))?;
            out!("Linked {} and {} ({kind}).", a.reference, b.reference);
        }
        CaseCmd::Stage(a) => procedure::stage(db, stamp, a)?,
        CaseCmd::Pause(a) => procedure::pause(db, stamp, a)?,
        CaseCmd::Resume(a) => procedure::resume(db, stamp, a)?,
        CaseCmd::Confidentiality(a) => procedure::confidentiality(db, stamp, a)?,
        CaseCmd::Publication(a) => papers::publication(db, stamp, a)?,
        CaseCmd::Gap(c) => papers::gap(db, stamp, c)?,
    }
    Ok(())
}

fn print_case(d: &casebook::views::Detail) {
    let k = &d.case;
    out!(
        "{}  received {} by {}",
        k.reference,
        k.received_on,
        k.channel
    );
    out!(
        "Councillor: {} ({}{})",
        k.councillor.name,
        k.councillor.council,
        k.councillor
            .ward
            .as_deref()
            .map(|w| format!(", {w}"))
            .unwrap_or_default()
    );
    let conf = if k.complainant.confidentiality_requested {
        format!(
            " — confidentiality requested: {}",
            k.complainant
                .confidentiality_reason
                .as_deref()
                .unwrap_or("")
        )
    } else {
        String::new()
    };
    out!(
        "Complainant: {} ({}){conf}",
        k.complainant.name,
        k.complainant.kind
    );
    out!(
        "Platform: {}   Posted: {}   URL: {}",
        k.platform,
        k.posted_at.as_deref().unwrap_or("—"),
        k.post_url.as_deref().unwrap_or("—")
    );
    out!("Guidance catalogue: {}", k.catalogue_version);
    out!();
    procedure::print(&d.procedure);
    out!("\nSummary:\n  {}", k.summary);
    out!("\nTags:");
    if d.tags.is_empty() {
        out!("  (none)");
    }
    for t in &d.tags {
        out!(
            "  {:<5} {}{}",
            t.code,
            t.title,
            t.note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default()
        );
    }
    out!();
    print_capacity(&d.capacity, "Acting in capacity");
    out!("\nEvidence:");
    if d.evidence.is_empty() {
        out!("  (none)");
    }
    for e in &d.evidence {
        print_evidence(e);
    }
    if !d.related.is_empty() {
        out!("\nRelated:");
        for l in &d.related {
            out!("  {} ({})", l.reference, l.kind);
        }
    }
    out!(
        "\nHistory: {} audit entries (see --json for each).",
        d.history.len()
    );
}

/// The capacity assessment: determination, counts each way, each indicator, reasons.
fn print_capacity(c: &assessment::Capacity, heading: &str) {
    out!(
        "{heading}: {}  (indicators: {} towards, {} against, {} unknown, {} unanswered)",
        c.determination,
        c.counts.towards_capacity,
        c.counts.against_capacity,
        c.counts.unknown,
        c.counts.unanswered
    );
    for i in &c.indicators {
        let note = i
            .note
            .as_deref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default();
        out!(
            "  {:<3} {:<8} {}{note}",
            i.code,
            i.answer.as_deref().unwrap_or("-"),
            i.title
        );
    }
    if let Some(r) = &c.reasons {
        out!("  Reasons: {r}");
    }
}

fn print_evidence(e: &evidence::Evidence) {
    out!(
        "  #{:<4} {:<26} {:>9} bytes  sha256 {}  captured {} by {}{}",
        e.id,
        e.media_type,
        e.size,
        e.sha256,
        e.captured_at,
        e.captured_by,
        e.original_name
            .as_deref()
            .map(|n| format!("  ({n})"))
            .unwrap_or_default()
    );
}

fn capture(a: &CaptureArgs, derived_from: Option<i64>) -> casebook::Result<Capture> {
    Ok(Capture {
        captured_by: a.captured_by.clone(),
        captured_at: a
            .captured_at
            .as_deref()
            .map(|v| text::instant("captured_at", v))
            .transpose()?,
        source_url: a.source_url.clone(),
        description: a.description.clone(),
        derived_from,
    })
}

fn evidence_cmd(db: &mut Db, stamp: &Stamp, cmd: EvidenceCmd) -> casebook::Result<()> {
    match cmd {
        EvidenceCmd::Add {
            reference,
            files,
            capture: c,
            redacted_from,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let cap = capture(&c, redacted_from)?;
            // Read and check every file first, then store them all in one transaction.
            let mut loaded = Vec::new();
            for f in &files {
                loaded.push((f, evidence::read_file(f)?));
            }
            let added = db.write(|tx| {
                loaded
                    .iter()
                    .map(|(f, bytes)| {
                        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
                        evidence::add_file(tx, stamp, k.id, bytes, name.as_deref(), &cap).map_err(
                            |e| match e {
                                Error::Invalid { field, reason } if field == "file" => {
                                    Error::invalid(format!("file {}", f.display()), reason)
                                }
                                other => other,
                            },
                        )
                    })
                    .collect::<casebook::Result<Vec<_>>>()
            })?;
            for e in &added {
                out!(
                    "Added evidence item {} to {}: {} {} bytes, sha256 {}",
                    e.id,
                    k.reference,
                    e.media_type,
                    e.size,
                    e.sha256
                );
            }
        }
        EvidenceCmd::Text {
            reference,
            text: t,
            file,
            capture: c,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let body = match (t, file) {
                (Some(t), _) => t,
                (None, Some(f)) => {
                    let bytes = std::fs::read(&f).map_err(|e| Error::io(&f, e))?;
                    String::from_utf8(bytes).map_err(|_| {
                        Error::invalid("file", format!("{} is not UTF-8 text", f.display()))
                    })?
                }
                (None, None) => return Err(Error::invalid("text", "give --text or --file")),
            };
            let cap = capture(&c, None)?;
            let e = db.write(|tx| evidence::add_text(tx, stamp, k.id, &body, &cap))?;
            out!(
                "Added post text to {} as evidence item {}: {} bytes, sha256 {}",
                k.reference,
                e.id,
                e.size,
                e.sha256
            );
        }
        EvidenceCmd::List { reference, json } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let items = evidence::list(db.conn(), k.id)?;
            if json.json {
                return print_json(&items);
            }
            if items.is_empty() {
                out!(
                    "No evidence on {}. Add some with `casebook evidence add {} FILE`.",
                    k.reference,
                    k.reference
                );
            }
            for e in &items {
                print_evidence(e);
            }
        }
        EvidenceCmd::Export { id, out } => {
            let bytes = evidence::bytes(db.conn(), id)?;
            std::fs::write(&out, &bytes).map_err(|e| Error::io(&out, e))?;
            out!(
                "Wrote evidence item {id} ({} bytes, sha256 {}) to {}",
                bytes.len(),
                audit::sha256_hex(&bytes),
                out.display()
            );
        }
    }
    Ok(())
}

fn capacity_cmd(db: &mut Db, stamp: &Stamp, a: CapacityArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let split = |field: &str, v: &str| -> casebook::Result<(String, String)> {
        v.split_once('=')
            .map(|(c, x)| (c.trim().to_string(), x.trim().to_string()))
            .ok_or_else(|| {
                Error::invalid(
                    field,
                    format!("'{}' should be CODE=VALUE, e.g. I1=yes", text::shorten(v)),
                )
            })
    };
    let answers = a
        .answers
        .iter()
        .map(|v| split("answer", v))
        .collect::<casebook::Result<Vec<_>>>()?;
    let notes = a
        .notes
        .iter()
        .map(|v| split("note", v))
        .collect::<casebook::Result<Vec<_>>>()?;
    for (code, _) in &notes {
        if !answers.iter().any(|(c, _)| c.eq_ignore_ascii_case(code)) {
            return Err(Error::invalid(
                "note",
                format!("note for {code} needs an --answer {code}=… too"),
            ));
        }
    }
    if !answers.is_empty() || a.determination.is_some() {
        db.write(|tx| {
            for (code, answer) in &answers {
                let note = notes
                    .iter()
                    .find(|(c, _)| c.eq_ignore_ascii_case(code))
                    .map(|(_, n)| n.as_str());
                assessment::answer_indicator(tx, stamp, k.id, code, answer, note)?;
            }
            if let Some(d) = &a.determination {
                assessment::determine(tx, stamp, k.id, d, a.reasons.as_deref())?;
            }
            Ok(())
        })?;
    }
    let c = assessment::capacity(db.conn(), k.id)?;
    if a.json.json {
        return print_json(&c);
    }
    print_capacity(&c, &k.reference);
    Ok(())
}

fn catalogue_cmd(db: &mut Db, stamp: &Stamp, a: CatalogueArgs) -> casebook::Result<()> {
    let show = |db: &Db, label: Option<String>, json: bool| -> casebook::Result<()> {
        let v = match label {
            Some(l) => catalogue::version_by_label(db.conn(), &l)?,
            None => catalogue::current(db.conn())?,
        };
        let items = catalogue::items(db.conn(), v.id)?;
        if json {
            #[derive(Serialize)]
            struct Out<'a> {
                #[serde(flatten)]
                version: &'a catalogue::Version,
                items: &'a [catalogue::Item],
            }
            return print_json(&Out {
                version: &v,
                items: &items,
            });
        }
        out!("Guidance catalogue {} — {}", v.label, v.title);
        let mut last = None;
        for i in &items {
            if last != Some(i.kind) {
                out!("\n{}", i.kind.heading());
                last = Some(i.kind);
            }
            out!("  {:<5} {}", i.code, i.title);
        }
        Ok(())
    };
    match a.command {
        None => show(db, None, a.json.json)?,
        Some(CatalogueCmd::Show { label, json }) => show(db, label, json.json)?,
        Some(CatalogueCmd::List(j)) => {
            let vs = catalogue::versions(db.conn())?;
            if j.json {
                return print_json(&vs);
            }
            for v in vs {
                out!(
                    "{:<8} {}{}",
                    v.label,
                    v.title,
                    v.adopted_on
                        .map(|d| format!(" (adopted {d})"))
                        .unwrap_or_default()
                );
            }
        }
        Some(CatalogueCmd::AddVersion { file }) => {
            let new = catalogue::read_version_file(&file)?;
            let v = db.write(|tx| catalogue::add_version(tx, stamp, &new))?;
            out!("Added guidance catalogue {} — {}. New cases are assessed against it; existing cases keep theirs.", v.label, v.title);
        }
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn every_argument_has_help() {
        // With help_expected, clap's debug assertions fail on any undocumented argument.
        super::Cli::command().debug_assert();
    }
}
