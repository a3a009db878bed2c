//! Shared printing: the `out!` macro, the `--json` flag and JSON output, and the readable forms of
//! records that more than one subcommand prints (capacity assessments, evidence items, a case's
//! next action).

use clap::Args;
use serde::Serialize;

use casebook::{assessment, evidence, procedure, Error};

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
pub(crate) use out;

#[derive(Args)]
pub(crate) struct JsonFlag {
    /// Print JSON (stable field names, documented in the README).
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn print_json<T: Serialize>(value: &T) -> casebook::Result<()> {
    let s =
        serde_json::to_string_pretty(value).map_err(|e| Error::invalid("output", e.to_string()))?;
    out!("{s}");
    Ok(())
}

/// The capacity assessment: determination, counts each way, each indicator, reasons.
pub(crate) fn print_capacity(c: &assessment::Capacity, heading: &str) {
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

pub(crate) fn print_evidence(e: &evidence::Evidence) {
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

pub(crate) fn next_line(n: &procedure::NextAction) -> String {
    let when = match (n.status, &n.due_on) {
        (Some("overdue"), Some(d)) => format!(
            " — OVERDUE: was due {d}{}",
            n.working_days_overdue
                .map(|w| format!(", {w} working day(s) ago"))
                .unwrap_or_default()
        ),
        (Some("due today"), Some(d)) => format!(" — DUE TODAY ({d})"),
        (Some("paused"), _) => " — the clock is paused".to_string(),
        (_, Some(d)) => format!(
            " — due {d}{}",
            n.working_days_left
                .map(|w| format!(" ({w} working day(s) left)"))
                .unwrap_or_default()
        ),
        _ => String::new(),
    };
    format!("{}{when}", n.action)
}
