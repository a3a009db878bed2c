//! A council's cases over the team server: the case list ("My cases" among it), one case with its
//! version and who works on it, moving it through the procedure, and assigning it. Every edit
//! names the version of the case it was based on (the number of the last audit entry about it);
//! an edit based on an older version is refused as a conflict that names whose change came first
//! and what it was, never merged.
//!
//! Who may do what: a Monitoring Officer, Deputy or Standards officer works on every case; an
//! Investigator only on the cases assigned to them; an Independent Person only reads the cases
//! they are consulted on. Only a Monitoring Officer or Deputy assigns. Each refusal is logged.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use casebook_domain::officer::{Role, Via};
use casebook_domain::team::TeamRole;
use casebook_domain::{text, Error, Result};
use casebook_store::assignment::{self, Assignment};
use casebook_store::sql::pg::PgTx;
use casebook_store::sql::Sql;
use casebook_store::{access, audit, case, catalogue, officer, procedure, Stamp};

use super::{Me, Team};
use crate::json::StepInput;
use crate::views::{self, Detail};

/// One case as the server gives it: everything the case view shows, the version an edit must
/// name, and who works on it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CaseOpened {
    pub detail: Detail,
    /// The number of the last audit entry about the case.
    pub version: i64,
    pub assigned: Vec<Assignment>,
}

/// The case list's filters and page over the server.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[ts(export, optional_fields = nullable)]
pub struct CaseQuery {
    pub stage: Option<String>,
    pub words: Option<String>,
    pub year: Option<i32>,
    pub council: Option<String>,
    pub platform: Option<String>,
    /// A catalogue code the case is tagged with.
    pub tag: Option<String>,
    /// in capacity, not in capacity or undetermined.
    pub determination: Option<String>,
    /// Only the cases assigned to the officer signed in.
    #[serde(default)]
    pub mine: bool,
    pub offset: Option<u32>,
    pub limit: Option<u32>,
}

/// An edit of one case: who (their token), where, which case, the version it was based on, and
/// what it is (for a refusal).
pub struct Edit<'a> {
    pub token: &'a str,
    pub council_id: i64,
    pub reference: &'a str,
    pub based_on: i64,
    pub action: &'a str,
}

/// The role in the council's own register an account's team role stands for (an Independent
/// Person only reads).
fn register_role(role: TeamRole) -> Role {
    match role {
        TeamRole::MonitoringOfficer => Role::MonitoringOfficer,
        TeamRole::Deputy => Role::Deputy,
        TeamRole::StandardsOfficer => Role::StandardsOfficer,
        TeamRole::Investigator => Role::Investigator,
        TeamRole::IndependentPerson => Role::ReadOnly,
    }
}

/// The stamp of `me` in a council's Casebook: its register's officer of that name, enrolled (in
/// the register and the audit trail) at their first look or change there.
pub(super) fn stamp_in(tx: &impl Sql, me: &Me, role: TeamRole, at: DateTime<Utc>) -> Result<Stamp> {
    let found = match officer::resolve(tx, &me.name) {
        Ok(o) => o,
        Err(_) => officer::enrol(tx, &me.name, register_role(role), Via::App, at)?,
    };
    // A council made on the server (not moved in) holds the guidance catalogue its schema was
    // seeded with; it enters the audit trail with the first officer at work there, as a desktop
    // file's does when it is first opened, so `verify` finds every record in the trail.
    if catalogue::has_unrecorded(tx)? {
        let by = officer::opening_stamp(tx, &Stamp::new(&me.name, at))?;
        catalogue::seal_unrecorded(tx, &by)?;
    }
    Ok(found.stamp(Via::App, at))
}

/// The version of case `case_id`: the last audit entry about it.
fn version_of(tx: &impl Sql, case_id: i64) -> Result<Option<audit::Entry>> {
    Ok(audit::for_case(tx, case_id)?.pop())
}

impl Team {
    /// The signed-in officer, their role in `council_id` (refused, and logged, if they have none
    /// there or it does not allow `action`).
    pub(super) fn member(
        &mut self,
        token: &str,
        council_id: i64,
        action: &str,
        allowed: fn(TeamRole) -> bool,
        now: DateTime<Utc>,
    ) -> Result<(Me, TeamRole)> {
        let me = self.me(token, now)?;
        let role = self.role_for(&me, council_id, action, allowed, now)?;
        Ok((me, role))
    }

    /// Refuses (and logs) `me` acting on case `reference` when their role reaches only the cases
    /// they are assigned to and they are not assigned to it.
    pub(super) fn check_reach(
        &mut self,
        me: &Me,
        role: TeamRole,
        council_id: i64,
        reference: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let account = me.account_id;
        let (case_id, assigned) = self.council(council_id)?.read(|tx| {
            let id = case::by_reference(tx, reference)?.id;
            Ok((id, assignment::holds(tx, id, account)?))
        })?;
        if role.sees_every_case() || assigned {
            return Ok(case_id);
        }
        let reason = format!(
            "case {}: {} is an {} and is not assigned to this case",
            text::shorten(reference.trim()),
            me.name,
            role.label()
        );
        Err(self.refused(me, Some(council_id), reason, now)?)
    }

    /// Runs `f` in one transaction on council `council_id`'s Casebook as the signed-in officer
    /// (their stamp there), if their role allows `action` (refused, and logged, if not): for a
    /// front end's own work on the council's records, such as making a paper.
    pub fn with_council<T>(
        &mut self,
        token: &str,
        council_id: i64,
        action: &str,
        allowed: fn(TeamRole) -> bool,
        now: DateTime<Utc>,
        f: impl FnOnce(&PgTx<'_>, &Stamp) -> Result<T>,
    ) -> Result<T> {
        let (me, role) = self.member(token, council_id, action, allowed, now)?;
        self.council(council_id)?.write(|tx| {
            let stamp = stamp_in(tx, &me, role, now)?;
            f(tx, &stamp)
        })
    }

    /// A page of the council's case list. An Investigator or Independent Person sees only the
    /// cases assigned to them, whatever they ask for.
    pub fn cases(
        &mut self,
        token: &str,
        council_id: i64,
        q: &CaseQuery,
        now: DateTime<Utc>,
    ) -> Result<case::Page> {
        let (me, role) = self.member(token, council_id, "list the cases", |_| true, now)?;
        let filter = case::Filter {
            stage: q.stage.clone(),
            words: q.words.clone(),
            year: q.year,
            council: q.council.clone(),
            platform: q.platform.clone(),
            tag: q.tag.clone(),
            determination: q.determination.clone(),
            assigned_to: (q.mine || !role.sees_every_case()).then_some(me.account_id),
            ..case::Filter::default()
        };
        let (offset, limit) = (q.offset.unwrap_or(0), q.limit.unwrap_or(50));
        let words = filter.words.clone().filter(|w| !w.trim().is_empty());
        match words {
            // A search is a look, in the council's access log as on the desktop (its first page).
            Some(words) if offset == 0 => self.council(council_id)?.write(|tx| {
                let page = case::page(tx, &filter, case::Sort::default(), offset, limit)?;
                let stamp = stamp_in(tx, &me, role, now)?;
                access::record(tx, &stamp, access::Look::Search, None, &words)?;
                Ok(page)
            }),
            _ => self
                .council(council_id)?
                .read(|tx| case::page(tx, &filter, case::Sort::default(), offset, limit)),
        }
    }

    /// Opens case `reference` (recorded in the council's access log), with its version.
    pub fn open_case(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let (me, role) = self.member(token, council_id, "open a case", |_| true, now)?;
        let case_id = self.check_reach(&me, role, council_id, reference, now)?;
        self.council(council_id)?.write(|tx| {
            let stamp = stamp_in(tx, &me, role, now)?;
            let detail = views::case_detail(tx, reference, now.date_naive())?;
            access::record(
                tx,
                &stamp,
                access::Look::OpenCase,
                Some(&detail.case.reference),
                "team server",
            )?;
            opened(tx, case_id, detail)
        })
    }

    /// Records a step of the procedure on case `reference`, if the case is still at version
    /// `based_on`; otherwise a conflict naming the change that came first.
    pub fn record_step(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        step: StepInput,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let m = procedure::Move {
            on: text::date("on", &step.on)?,
            stage: step.stage,
            outcome: step.outcome,
            actions: step.actions,
            reason: step.reason,
        };
        let action = "move a case through the procedure";
        self.change_case(
            Edit {
                token,
                council_id,
                reference,
                based_on,
                action,
            },
            now,
            |tx, s, id| procedure::advance(tx, s, id, &m).map(drop),
        )
    }

    /// Runs `f` (given the officer's stamp and the case's id) on case `reference` as the
    /// signed-in officer, if their role allows changing a case and reaches this one, and the case
    /// is still at version `based_on`; otherwise a conflict naming the change that came first.
    /// Returns the case as changed, with its new version.
    pub fn change_case(
        &mut self,
        edit: Edit<'_>,
        now: DateTime<Utc>,
        f: impl FnOnce(&PgTx<'_>, &Stamp, i64) -> Result<()>,
    ) -> Result<CaseOpened> {
        let Edit {
            token,
            council_id,
            reference,
            based_on,
            action,
        } = edit;
        let (me, role) = self.member(token, council_id, action, TeamRole::may_change, now)?;
        let case_id = self.check_reach(&me, role, council_id, reference, now)?;
        self.council(council_id)?.write(|tx| {
            let stamp = stamp_in(tx, &me, role, now)?;
            if let Some(last) = version_of(tx, case_id)?.filter(|e| e.seq != based_on) {
                return Err(Error::conflict(
                    "version",
                    format!(
                        "case {reference} was changed by {} at {} ({} {}, audit entry {}) after \
                         the version you opened ({based_on}); reload the case to see their \
                         change, then make yours again",
                        last.actor, last.at, last.action, last.entity, last.seq
                    ),
                ));
            }
            f(tx, &stamp, case_id)?;
            let detail = views::case_detail(tx, reference, now.date_naive())?;
            opened(tx, case_id, detail)
        })
    }

    /// Gives `account_id` the `duty` (officer, investigator, independent_person) on case
    /// `reference` (a Monitoring Officer or Deputy only). The account must work for the council.
    pub fn assign(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        duty: &str,
        account_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Assignment>> {
        let (me, _) = self.member(
            token,
            council_id,
            "assign a case",
            TeamRole::may_list_accounts,
            now,
        )?;
        if !self
            .db
            .accounts(council_id)?
            .iter()
            .any(|a| a.id == account_id)
        {
            return Err(Error::invalid(
                "account_id",
                format!("account {account_id} does not work for council {council_id}"),
            ));
        }
        let at = now.to_rfc3339();
        self.council(council_id)?.write(|tx| {
            let id = case::by_reference(tx, reference)?.id;
            assignment::assign(tx, id, duty, account_id, me.account_id, &at)?;
            assignment::of_case(tx, id)
        })
    }
}

pub(super) fn opened(tx: &impl Sql, case_id: i64, detail: Detail) -> Result<CaseOpened> {
    Ok(CaseOpened {
        version: detail.history.last().map_or(0, |e| e.seq),
        assigned: assignment::of_case(tx, case_id)?,
        detail,
    })
}
