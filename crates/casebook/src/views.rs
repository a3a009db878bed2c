//! Views that gather from several records: the whole case on one screen, the dashboard, the
//! options the forms offer, the Settings screen.

use chrono::NaiveDate;
use serde::Serialize;

use crate::json::{
    AppInfo, CodeOption, Correspondence, CouncillorOption, Dashboard, DueLists, IntakeOptions,
    IpRegister, ListOptions, MonthCount, ProcedureOptions, SettingsView, StageCount,
};
use crate::letters::party_words;
use crate::sql::Sql;
use crate::{
    assessment, audit, calendar, case, catalogue, councillor, db, document, evidence,
    independent_person, notes, procedure, publication, settings, Db, Result,
};

/// The holidays of `year` (2000 to 2100): England and Wales bank holidays with the council's own
/// added and removed days.
pub fn holidays(conn: &impl Sql, year: i32) -> Result<Vec<calendar::Holiday>> {
    if !(2000..=2100).contains(&year) {
        return Err(crate::Error::invalid(
            "year",
            format!("{year} is not a year from 2000 to 2100"),
        ));
    }
    Ok(calendar::load(conn)?.holidays(year))
}

/// Everything about one case, as `casebook case show --json` prints it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "CaseDetail")]
pub struct Detail {
    #[serde(flatten)]
    pub case: case::Case,
    pub tags: Vec<assessment::Tag>,
    pub capacity: assessment::Capacity,
    pub evidence: Vec<evidence::Evidence>,
    pub related: Vec<case::Link>,
    /// The officer's notes, each with its Markdown rendered to safe HTML.
    pub notes: Vec<notes::Note>,
    /// What is marked for the committee papers, and the guidance gaps flagged on the case.
    pub publication: publication::Publication,
    pub gaps: Vec<publication::Gap>,
    /// Where the case stands in the procedure: stage, decision, outcome, the steps taken,
    /// Independent Person consultations, pauses and each deadline, as at `as_of`.
    #[serde(flatten)]
    pub procedure: procedure::Procedure,
    /// The letters and reports kept for the case.
    pub documents: Vec<document::Document>,
    /// Letters out and comments and requests in, oldest first.
    pub correspondence: Vec<Correspondence>,
    /// The audit trail of the case and everything hanging off it.
    pub history: Vec<audit::Entry>,
}

/// Everything about the case `reference`, with its deadlines worked out as at `today`.
pub fn case_detail(conn: &impl Sql, reference: &str, today: NaiveDate) -> Result<Detail> {
    let case = case::by_reference(conn, reference)?;
    let procedure = procedure::status(conn, case.id, today)?;
    Ok(Detail {
        correspondence: correspondence(&procedure),
        documents: document::list(conn, case.id)?,
        procedure,
        tags: assessment::tags(conn, case.id)?,
        capacity: assessment::capacity(conn, case.id)?,
        evidence: evidence::list(conn, case.id)?,
        related: case::links(conn, case.id)?,
        notes: notes::list(conn, case.id)?,
        publication: publication::get(conn, case.id)?,
        gaps: publication::gaps(conn, case.id)?,
        history: audit::for_case(conn, case.id)?,
        case,
    })
}

/// A case's correspondence, oldest first: letters (made, and sent), the councillor told and their
/// comments, the draft report out and comments on it, requests for review and their decisions.
pub fn correspondence(p: &procedure::Procedure) -> Vec<Correspondence> {
    let item = |on: &str, direction, party: Option<&str>, what: String| Correspondence {
        on: on.to_string(),
        direction,
        party: party.map(String::from),
        what,
        letter_id: None,
        document_id: None,
        evidence_id: None,
    };
    let mut out = Vec::new();
    if let Some(n) = &p.notification {
        out.push(item(
            &n.notified_on,
            "out",
            Some("councillor"),
            format!(
                "The councillor told of the complaint ({}, {})",
                n.sent, n.method
            ),
        ));
        if let Some(on) = &n.comments_received_on {
            out.push(Correspondence {
                evidence_id: n.comments_evidence_id,
                ..item(
                    on,
                    "in",
                    Some("councillor"),
                    "The councillor's comments".into(),
                )
            });
        }
    }
    if let Some(i) = &p.investigation {
        if let Some(on) = &i.draft_sent_on {
            out.push(item(
                on,
                "out",
                None,
                "The draft investigation report sent for comments".into(),
            ));
        }
        if let Some(on) = &i.draft_comments_received_on {
            out.push(item(on, "in", None, "Comments on the draft report".into()));
        }
        if let Some(on) = &i.final_report_on {
            out.push(Correspondence {
                document_id: i.final_report_document_id,
                ..item(
                    on,
                    "in",
                    None,
                    format!("The final report from {}", i.investigator),
                )
            });
        }
    }
    for r in &p.reviews {
        out.push(item(
            &r.requested_on,
            "in",
            Some(&r.requested_by),
            format!("Request for review from the {}", r.requested_by),
        ));
        if let (Some(on), Some(d)) = (&r.decided_on, &r.decision) {
            out.push(item(on, "out", None, format!("Review decided: {d}")));
        }
    }
    for l in &p.letters {
        let to = party_words(&l.party);
        let what = match (&l.sent_on, &l.sent_by) {
            (Some(on), Some(by)) => format!("{} letter to the {to}, sent by {by} on {on}", l.kind),
            _ => format!("{} letter to the {to}, not yet sent", l.kind),
        };
        out.push(Correspondence {
            letter_id: Some(l.id),
            document_id: l.document_id,
            ..item(
                &l.dated,
                "out",
                Some(&l.party),
                crate::text::capitalise(&what),
            )
        });
    }
    out.sort_by(|a, b| a.on.cmp(&b.on));
    out
}

/// The Independent Persons register as at `today`.
pub fn ip_register(conn: &impl Sql, today: NaiveDate) -> Result<IpRegister> {
    let people = independent_person::list(conn)?;
    Ok(IpRegister {
        serving: people
            .iter()
            .filter(|p| p.serving_on(today))
            .map(|p| p.id)
            .collect(),
        warning: independent_person::shortfall(conn, today)?,
        people,
    })
}

/// The database the app has open, and how much it holds.
pub fn app_info(db: &Db) -> Result<AppInfo> {
    Ok(AppInfo {
        database_path: db.path().display().to_string(),
        encrypted: db.encrypted(),
        schema_version: db::schema_version(),
        case_count: case::held(db.conn())?,
        councillor_count: councillor::count(db.conn())?,
    })
}

/// What the case list's filters offer.
pub fn list_options(conn: &impl Sql) -> Result<ListOptions> {
    let version = catalogue::current(conn)?;
    Ok(ListOptions {
        years: case::years(conn)?,
        councillors: councillor_options(conn)?,
        platforms: case::PLATFORMS,
        stages: procedure::STAGES,
        determinations: assessment::DETERMINATIONS,
        tags: catalogue::items(conn, version.id)?
            .into_iter()
            .filter(|i| i.kind != catalogue::ItemKind::CapacityIndicator)
            .map(|i| CodeOption {
                code: i.code,
                title: i.title,
            })
            .collect(),
    })
}

fn councillor_options(conn: &impl Sql) -> Result<Vec<CouncillorOption>> {
    Ok(councillor::names(conn)?
        .into_iter()
        .map(|(id, name, council)| CouncillorOption { id, name, council })
        .collect())
}

/// What the new complaint form offers.
pub fn intake_options(conn: &impl Sql) -> Result<IntakeOptions> {
    let councillors = councillor_options(conn)?;
    let mut councils: Vec<String> = councillors.iter().map(|c| c.council.clone()).collect();
    councils.sort();
    councils.dedup();
    Ok(IntakeOptions {
        councillors,
        councils,
        platforms: case::PLATFORMS,
        channels: case::CHANNELS,
        complainant_types: case::COMPLAINANT_TYPES,
        max_file_bytes: evidence::MAX_FILE_BYTES,
    })
}

/// The fixed lists the procedure forms offer.
pub fn procedure_options() -> ProcedureOptions {
    ProcedureOptions {
        stages: procedure::STAGES,
        measures: procedure::MEASURES,
        sanctions: procedure::SANCTIONS,
        pause_reasons: procedure::PAUSE_REASONS,
        deadline_keys: procedure::DEADLINE_KEYS,
        deadline_statuses: procedure::DEADLINE_STATUSES,
    }
}

/// How many of the overdue and of the soon-due deadlines the dashboard carries: a busy council
/// can have hundreds past, which the dashboard counts and [`due_lists`] lists.
pub const DASHBOARD_FIRST: usize = 10;

/// Every deadline overdue, and every one due within `within` working days of `today`.
pub fn due_lists(conn: &impl Sql, today: NaiveDate, within: u32) -> Result<DueLists> {
    let (overdue, due_soon) = procedure::due(conn, today, within)?
        .into_iter()
        .partition(|d| d.status == "overdue");
    Ok(DueLists {
        overdue,
        due_soon,
        within_working_days: within,
    })
}

/// The first of what is overdue and due within `within` working days of `today` with how many
/// there are, open cases by stage, complaints per month for a year, and the latest changes.
pub fn dashboard(conn: &impl Sql, today: NaiveDate, within: u32) -> Result<Dashboard> {
    let DueLists {
        mut overdue,
        mut due_soon,
        ..
    } = due_lists(conn, today, within)?;
    let (overdue_count, due_soon_count) = (overdue.len(), due_soon.len());
    overdue.truncate(DASHBOARD_FIRST);
    due_soon.truncate(DASHBOARD_FIRST);
    Ok(Dashboard {
        as_of: today.to_string(),
        overdue,
        overdue_count,
        due_soon,
        due_soon_count,
        within_working_days: within,
        open_by_stage: procedure::open_by_stage(conn)?
            .into_iter()
            .map(|(stage, count)| StageCount { stage, count })
            .collect(),
        per_month: case::per_month(conn, 12, today)?
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect(),
        recent: audit::recent(conn, 12)?,
        reviews_due: crate::retention::due_count(conn, today)?,
        open_sars: crate::sar::list(conn)?
            .into_iter()
            .filter(|s| s.sent_on.is_none())
            .collect(),
    })
}

/// The Settings screen; changes are recorded as `recorded_as` (fixed by `--actor` when
/// `actor_given`).
pub fn settings(
    db: &Db,
    recorded_as: String,
    actor_given: bool,
    today: NaiveDate,
) -> Result<SettingsView> {
    let names = settings::texts(db.conn())?;
    let name = |key: &str| {
        names
            .iter()
            .find(|t| t.key == key)
            .and_then(|t| t.value.clone())
    };
    Ok(SettingsView {
        council_name: name(settings::COUNCIL_NAME),
        council_address: name(settings::COUNCIL_ADDRESS),
        independent_persons: ip_register(db.conn(), today)?,
        officer_name: name(settings::OFFICER_NAME),
        recorded_as,
        actor_given,
        database_path: db.path().display().to_string(),
        encrypted: db.encrypted(),
        officers: crate::officer::list(db.conn())?,
        schema_version: db::schema_version(),
        targets: settings::all(db.conn())?,
    })
}
