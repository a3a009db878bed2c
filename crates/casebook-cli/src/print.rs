//! Shared printing: the `out!` macro, the `--json` flag and JSON output, and the readable forms of
//! records that more than one subcommand prints (capacity assessments, evidence items, a case's
//! next action).

use std::io::{BufWriter, IsTerminal, Stdout, Write};
use std::sync::{LazyLock, Mutex, PoisonError};

use clap::Args;
use serde::Serialize;

use casebook::{assessment, evidence, procedure, Error};

/// `println!` that ends the program quietly when the reader has gone away (`casebook … | head`).
macro_rules! out {
    () => {
        $crate::print::write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::print::write_line(format_args!($($arg)*))
    };
}
pub(crate) use out;

/// Standard output, written a block at a time when it goes to a file or a pipe (a listing of
/// thousands of cases is a few writes, not one per line) and a line at a time to a terminal.
/// [`flush`] must be called before the program ends.
static STDOUT: LazyLock<(Mutex<BufWriter<Stdout>>, bool)> = LazyLock::new(|| {
    let out = std::io::stdout();
    let terminal = out.is_terminal();
    (
        Mutex::new(BufWriter::with_capacity(64 * 1024, out)),
        terminal,
    )
});

/// Writes one line of output (what [`out!`] does).
pub(crate) fn write_line(line: std::fmt::Arguments<'_>) {
    let (out, terminal) = &*STDOUT;
    let mut out = out.lock().unwrap_or_else(PoisonError::into_inner);
    let written = out
        .write_fmt(line)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| if *terminal { out.flush() } else { Ok(()) });
    quit_if_unread(written);
}

/// Writes out whatever output is still held.
pub(crate) fn flush() {
    let (out, _) = &*STDOUT;
    let flushed = out.lock().unwrap_or_else(PoisonError::into_inner).flush();
    quit_if_unread(flushed);
}

/// Ends the program quietly when the reader of its output has gone away.
fn quit_if_unread(written: std::io::Result<()>) {
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

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
