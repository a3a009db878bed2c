//! The subcommands: the `Command` enum clap parses after the global options, and the dispatch to
//! the module that owns each one. Each subcommand calls the core and prints either a readable
//! listing or, with `--json`, the core's own serialised records.

mod access;
mod backup;
mod capacity;
pub(crate) mod case;
mod catalogue;
mod councillor;
mod demo;
mod dispose;
mod due;
pub(crate) mod encrypt;
pub(crate) mod evidence;
mod holidays;
mod import;
mod init;
mod investigator;
mod ip;
mod letter;
pub(crate) mod login;
pub(crate) mod note;
mod notify;
mod ocr;
mod officer;
mod rekey;
pub(crate) mod report;
pub(crate) mod restore;
mod retention;
mod review;
mod sar;
pub(crate) mod search;
mod settings;
pub(crate) mod tag;
mod verify;

use std::process::ExitCode;

use clap::Subcommand;

use casebook::{Db, Stamp};

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Create the database, encrypted (or bring an older one up to date), and print where it is.
    Init(init::InitArgs),
    /// Fill an empty database with a fictional council, ~40 complaints, screenshots and assessments.
    Demo,
    /// The councillor register: members, their councils and social media accounts.
    #[command(subcommand)]
    Councillor(councillor::CouncillorCmd),
    /// Complaints: log, list, show and link them.
    #[command(subcommand)]
    Case(case::CaseCmd),
    /// Evidence: screenshots, PDFs and post text, hashed and kept unchanged.
    #[command(subcommand)]
    Evidence(evidence::EvidenceCmd),
    /// The officer's notes on a case (Markdown).
    #[command(subcommand)]
    Note(note::NoteCmd),
    /// Tag a case with guidance catalogue items (responsibilities, legal issues, Code, Nolan, LGA).
    Tag(tag::TagArgs),
    /// Show or record the acting-in-capacity assessment of a case.
    Capacity(capacity::CapacityArgs),
    /// Read the guidance catalogue, or add a new version of it.
    Catalogue(catalogue::CatalogueArgs),
    /// Full-text search over summaries, post text, notes and councillor names.
    Search(search::SearchArgs),
    /// Import an existing complaints log from CSV or a spreadsheet (all rows or none; see README).
    Import(import::ImportArgs),
    /// Read the words in screenshots with Tesseract and keep them as searchable post text.
    Ocr(ocr::OcrArgs),
    /// Committee papers: the annual report, decision notices, and the figures behind them.
    #[command(subcommand)]
    Report(report::ReportCmd),
    /// Check the database: SQLite integrity, the audit chain, every evidence hash, every record.
    Verify(verify::VerifyArgs),
    /// Independent Person consultations: record who was consulted, when, and their views.
    #[command(subcommand)]
    Ip(ip::IpCmd),
    /// What is overdue or due soon across all open cases (their next action and its deadline).
    Due(due::DueArgs),
    /// Working days: list the year's holidays, or add and remove the council's own.
    Holidays(holidays::HolidaysArgs),
    /// The council's procedure time targets.
    Settings(settings::SettingsArgs),
    /// Write a consistent copy of the whole database (cases, evidence, audit trail) to a new
    /// file, encrypted like the database.
    Backup(backup::BackupArgs),
    /// Check a backup (passphrase, integrity, verify) and only then put it in the database's place.
    Restore(restore::RestoreArgs),
    /// Encrypt a plain database: a new encrypted file, checked, swapped in; the plain one is wiped.
    Encrypt,
    /// Change the passphrase of an encrypted database.
    Rekey(rekey::RekeyArgs),
    /// The officer register: the people who work on cases, and their roles.
    #[command(subcommand)]
    Officer(officer::OfficerCmd),
    /// The access log: who opened which case, viewed or exported evidence, made papers, searched.
    Access(access::AccessArgs),
    /// The retention schedule: rules, cases due for review, legal holds, extensions, certificates.
    #[command(subcommand)]
    Retention(retention::RetentionCmd),
    /// Dispose of closed cases' personal data under the schedule (keeps anonymised figures).
    Dispose(dispose::DisposeArgs),
    /// Subject access requests: log, find, confirm, redact, extend, export the pack.
    #[command(subcommand)]
    Sar(sar::SarCmd),
    /// Record that the councillor was told of the complaint (and what they were sent).
    Notify(notify::NotifyArgs),
    /// Record the councillor's comments on the complaint (text, a file, or both).
    Comments(notify::CommentsArgs),
    /// The investigator: appointment, hours and cost, draft and final reports.
    #[command(subcommand)]
    Investigator(investigator::InvestigatorCmd),
    /// Requests for review of a decision, and the review's decision.
    #[command(subcommand)]
    Review(review::ReviewCmd),
    /// Letters to the parties from their templates, kept on the case; record each one sent.
    #[command(subcommand)]
    Letter(letter::LetterCmd),
    /// Sign in to a team server (with --server URL); the session is kept in the OS keyring.
    Login(login::LoginArgs),
    /// Sign out of a team server (with --server URL) and forget the session.
    Logout,
}

impl Command {
    /// Whether this command makes a new database without encryption (`init --unencrypted`).
    pub(crate) fn creates_unencrypted(&self) -> bool {
        matches!(self, Command::Init(a) if a.unencrypted)
    }

    /// Whether this command reads each page of the database about once (a listing, a search), so
    /// a large page cache would only cost memory to fill.
    pub(crate) fn reads_once(&self) -> bool {
        matches!(
            self,
            Command::Search(_) | Command::Case(case::CaseCmd::List(_))
        )
    }
}

/// Run one subcommand on the open database; its exit code when it succeeds.
pub(crate) fn run(command: Command, db: &mut Db, stamp: &Stamp) -> casebook::Result<ExitCode> {
    match command {
        Command::Init(a) => init::run(db, stamp, a)?,
        Command::Demo => demo::run(db, stamp)?,
        Command::Councillor(c) => councillor::run(db, stamp, c)?,
        Command::Case(c) => case::run(db, stamp, c)?,
        Command::Evidence(c) => evidence::run(db, stamp, c)?,
        Command::Note(c) => note::run(db, stamp, c)?,
        Command::Tag(a) => tag::run(db, stamp, a)?,
        Command::Capacity(a) => capacity::run(db, stamp, a)?,
        Command::Catalogue(a) => catalogue::run(db, stamp, a)?,
        Command::Search(a) => search::run(db, stamp, a)?,
        Command::Import(a) => import::run(db, stamp, a)?,
        Command::Ocr(a) => ocr::run(db, stamp, a)?,
        Command::Report(c) => report::run(db, stamp, c)?,
        Command::Verify(a) => return verify::run(db, a),
        Command::Ip(c) => ip::run(db, stamp, c)?,
        Command::Due(a) => due::run(db, stamp, a)?,
        Command::Holidays(a) => holidays::run(db, stamp, a)?,
        Command::Settings(a) => settings::run(db, stamp, a)?,
        Command::Backup(a) => backup::run(db, a)?,
        Command::Rekey(a) => rekey::run(db, a)?,
        Command::Officer(c) => officer::run(db, stamp, c)?,
        Command::Access(a) => access::run(db, a)?,
        Command::Retention(c) => retention::run(db, stamp, c)?,
        Command::Dispose(a) => dispose::run(db, stamp, a)?,
        Command::Sar(c) => sar::run(db, stamp, c)?,
        Command::Notify(a) => notify::notify(db, stamp, a)?,
        Command::Comments(a) => notify::comments(db, stamp, a)?,
        Command::Investigator(c) => investigator::run(db, stamp, c)?,
        Command::Review(c) => review::run(db, stamp, c)?,
        Command::Letter(c) => letter::run(db, stamp, c)?,
        // Handled before the database is opened as usual (main.rs).
        Command::Restore(_) | Command::Encrypt => unreachable!("run by main"),
        Command::Login(_) | Command::Logout => {
            return Err(casebook::Error::invalid(
                "server",
                "login and logout are for a team server: give its address with --server URL",
            ))
        }
    }
    Ok(ExitCode::SUCCESS)
}
