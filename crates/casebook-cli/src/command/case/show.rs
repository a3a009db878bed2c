//! `casebook case show`: one complaint in full — details, procedure and deadlines, tags, capacity
//! assessment, evidence, related cases and history.

use clap::Args;

use casebook::access::Look;
use casebook::procedure::Procedure;
use casebook::{text, Db, Stamp};

use crate::print::{next_line, out, print_capacity, print_evidence, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct ShowArgs {
    /// Case reference, e.g. SC-2026-014.
    pub(crate) reference: String,
    /// Work out deadlines as at this day instead of today.
    #[arg(long)]
    as_of: Option<String>,
    #[command(flatten)]
    pub(crate) json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: ShowArgs) -> casebook::Result<()> {
    let today = match a.as_of.as_deref() {
        Some(d) => text::date("as_of", d)?,
        None => stamp.at.date_naive(),
    };
    let d = casebook::views::case_detail(db.conn(), &a.reference, today)?;
    db.look(stamp, Look::OpenCase, Some(&d.case.reference), "case show")?;
    if a.json.json {
        return print_json(&d);
    }
    print_case(&d);
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
    print_procedure(&d.procedure);
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

/// The procedure part of `case show`.
fn print_procedure(p: &Procedure) {
    let mut stage = p.stage.clone();
    if let Some(d) = &p.decision {
        stage.push_str(&format!(
            "   Decision: {d} ({}){}",
            p.decided_on.as_deref().unwrap_or("?"),
            if p.measures.is_empty() {
                String::new()
            } else {
                format!(" — {}", p.measures.join(", "))
            }
        ));
    }
    if let Some(o) = &p.outcome {
        stage.push_str(&format!(
            "   Outcome: {o} ({}){}",
            p.outcome_on.as_deref().unwrap_or("?"),
            if p.sanctions.is_empty() {
                String::new()
            } else {
                format!(" — sanctions: {}", p.sanctions.join(", "))
            }
        ));
    }
    out!(
        "Stage: {stage}{}",
        if p.paused { "   [CLOCK PAUSED]" } else { "" }
    );
    if let Some(n) = &p.next_action {
        out!("Next: {}", next_line(n));
    }
    out!("Deadlines (as at {}):", p.as_of);
    for d in &p.deadlines {
        let state = match (d.status, d.working_days_left, d.working_days_overdue) {
            ("overdue", _, Some(n)) => format!("OVERDUE by {n} working day(s)"),
            ("late", _, Some(n)) => format!("late by {n} working day(s)"),
            ("due", Some(n), _) => format!("due, {n} working day(s) left"),
            (s, _, _) => s.to_string(),
        };
        out!(
            "  {:<34} {:<44} due {:<10}  done {:<10}  {}",
            d.label,
            d.target,
            d.due_on.as_deref().unwrap_or("—"),
            d.done_on.as_deref().unwrap_or("—"),
            state
        );
    }
    if !p.stages.is_empty() {
        out!("Steps:");
        for e in &p.stages {
            out!(
                "  {}  {:<18} by {}{}{}{}",
                e.on,
                e.stage,
                e.recorded_by,
                e.outcome
                    .as_deref()
                    .map(|o| format!("  [{o}]"))
                    .unwrap_or_default(),
                if e.actions.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", e.actions.join(", "))
                },
                e.reason
                    .as_deref()
                    .map(|r| format!(" — {r}"))
                    .unwrap_or_default()
            );
        }
    }
    for c in &p.ip_consultations {
        out!(
            "Independent Person: {} consulted {} (at {}): {}",
            c.person,
            c.consulted_on,
            c.stage,
            c.views
        );
    }
    if let Some(c) = &p.confidentiality {
        out!(
            "Confidentiality: {} by {} on {} — {}",
            c.decision,
            c.decided_by,
            c.decided_on,
            c.grounds
        );
    }
    for x in &p.pauses {
        out!(
            "Clock paused {} to {} ({}){}",
            x.paused_on,
            x.resumed_on.as_deref().unwrap_or("now"),
            x.reason,
            x.note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default()
        );
    }
    for w in &p.warnings {
        out!("WARNING: {w}");
    }
}
