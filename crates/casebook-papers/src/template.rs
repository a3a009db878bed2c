//! Templates: Markdown with `{{ placeholders }}` and `{% blocks %}` (MiniJinja). Every value put
//! into a template is escaped for Markdown, so case data can never become a heading, a link, a
//! table cell boundary or raw HTML; only values marked with the `markdown` filter (the officer's
//! own recommendations) keep their Markdown. A template error names the template, the line and
//! the placeholder at fault, and nothing is written.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use casebook::{Error, Result};

/// A template that ships with Casebook, and its file name in the templates folder.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub file: &'static str,
    pub source: &'static str,
}

pub const ANNUAL: Builtin = Builtin {
    file: "annual.md",
    source: include_str!("templates/annual.md"),
};
pub const DECISION: Builtin = Builtin {
    file: "decision.md",
    source: include_str!("templates/decision.md"),
};
pub const DISPOSAL: Builtin = Builtin {
    file: "disposal.md",
    source: include_str!("templates/disposal.md"),
};
pub const SAR_LETTER: Builtin = Builtin {
    file: "sar-letter.md",
    source: include_str!("templates/sar-letter.md"),
};
pub const SAR_RECORD: Builtin = Builtin {
    file: "sar-record.md",
    source: include_str!("templates/sar-record.md"),
};
pub const SAR_LOGS: Builtin = Builtin {
    file: "sar-logs.md",
    source: include_str!("templates/sar-logs.md"),
};
pub const BUILTINS: &[Builtin] = &[
    ANNUAL,
    DECISION,
    DISPOSAL,
    SAR_LETTER,
    SAR_RECORD,
    SAR_LOGS,
    letters::ACKNOWLEDGEMENT,
    letters::NOTIFICATION,
    letters::COMMENTS,
    letters::DECISION,
    letters::OUTCOME,
    letters::REVIEW,
];

/// The letters' templates (see `letter`), one per kind of letter.
pub mod letters {
    use super::Builtin;

    macro_rules! builtins {
        ($($name:ident = $file:literal),* $(,)?) => {
            $(pub const $name: Builtin = Builtin {
                file: $file,
                source: include_str!(concat!("templates/", $file)),
            };)*
            /// Every letter template, in the order of `LETTER_KINDS`.
            pub const TEMPLATES: &[Builtin] = &[$($name),*];
        };
    }

    builtins! {
        ACKNOWLEDGEMENT = "letter-acknowledgement.md",
        NOTIFICATION = "letter-notification.md",
        COMMENTS = "letter-comments.md",
        DECISION = "letter-decision.md",
        OUTCOME = "letter-outcome.md",
        REVIEW = "letter-review.md",
    }
}

/// The templates folder beside a database: `<folder of the database>/templates`.
pub fn folder_for(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("templates")
}

/// Where a council's own copies of the templates are kept; a template it has no copy of is the
/// one that ships.
#[derive(Debug, Clone, Copy, Default)]
pub enum Templates<'a> {
    /// None: every paper from the templates that ship with Casebook.
    #[default]
    Builtin,
    /// A folder of files (beside a desktop file's database, or given with `--templates`).
    Folder(&'a Path),
    /// Kept in the council's own settings (a team server): each template's file name and text.
    Stored(&'a [(String, String)]),
}

impl<'a> From<Option<&'a Path>> for Templates<'a> {
    fn from(folder: Option<&'a Path>) -> Self {
        folder.map_or(Templates::Builtin, Templates::Folder)
    }
}

/// A template's text and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub name: String,
    pub text: String,
    /// The file it was read from; `None` for the template that ships with Casebook.
    pub path: Option<PathBuf>,
}

/// The council's copy of `builtin` in `templates` if there is one, else the one that ships.
pub fn load(templates: Templates<'_>, builtin: Builtin) -> Result<Source> {
    if let Templates::Stored(kept) = templates {
        if let Some((_, text)) = kept.iter().find(|(file, _)| file == builtin.file) {
            return Ok(Source {
                name: format!("{} (the council's own)", builtin.file),
                text: text.clone(),
                path: None,
            });
        }
    }
    if let Templates::Folder(folder) = templates {
        let path = folder.join(builtin.file);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                return Ok(Source {
                    name: builtin.file.to_string(),
                    text,
                    path: Some(path),
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    Ok(Source {
        name: builtin.file.to_string(),
        text: builtin.source.to_string(),
        path: None,
    })
}

/// Writes the shipped templates into `folder` for the officer to edit; files already there are
/// left alone. Returns the files written.
pub fn write_defaults(folder: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    let mut written = Vec::new();
    for b in BUILTINS {
        let path = folder.join(b.file);
        if !path.exists() {
            std::fs::write(&path, b.source).map_err(|e| Error::io(&path, e))?;
            written.push(path);
        }
    }
    Ok(written)
}

/// The template that ships as `file` (e.g. `annual.md`), or an error naming the files there are.
pub fn builtin(file: &str) -> Result<Builtin> {
    BUILTINS
        .iter()
        .find(|b| b.file == file)
        .copied()
        .ok_or_else(|| {
            let files: Vec<&str> = BUILTINS.iter().map(|b| b.file).collect();
            Error::invalid(
                "template",
                format!(
                    "'{}' is not one of Casebook's templates ({})",
                    casebook::text::shorten(file),
                    files.join(", ")
                ),
            )
        })
}

/// Checks a council's own copy of template `file` before it is kept: a template Casebook has,
/// whose text parses (an error names the line and what is wrong there).
pub fn check(file: &str, text: &str) -> Result<Builtin> {
    let b = builtin(file)?;
    let source = Source {
        name: b.file.to_string(),
        text: text.to_string(),
        path: None,
    };
    environment()
        .template_from_named_str(b.file, text)
        .map(drop)
        .map_err(|e| template_error(&source, &e))?;
    Ok(b)
}

/// Renders `source` with `context` into Markdown.
pub fn render(source: &Source, context: &impl Serialize) -> Result<String> {
    let mut env = environment();
    env.add_template_owned(source.name.clone(), source.text.clone())
        .map_err(|e| template_error(source, &e))?;
    let template = env
        .get_template(&source.name)
        .map_err(|e| template_error(source, &e))?;
    template
        .render(minijinja::value::Serde(context))
        .map_err(|e| template_error(source, &e))
}

/// Most steps a template may take: far more than any paper needs (the annual report for 100,000
/// complaints takes a few million), so a loop that never ends in an edited template stops in a
/// second or two with an error, instead of running until Casebook is killed.
pub const FUEL: u64 = 50_000_000;

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .unwrap_or_default(),
    );
    env.set_auto_escape_callback(|_| AutoEscape::Custom("markdown".into()));
    env.set_formatter(|out, _state, value| {
        let text = match value.kind() {
            ValueKind::None | ValueKind::Undefined => String::new(),
            _ if value.is_safe() => value.to_string(),
            ValueKind::Number | ValueKind::Bool => value.to_string(),
            _ => escape(&value.to_string()),
        };
        out.write_str(&text)
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
    });
    // The officer's own Markdown keeps its formatting, but never raw HTML.
    env.add_filter("markdown", |v: String| {
        Value::from_safe_string(v.replace('<', "\\<").replace('>', "\\>"))
    });
    env.add_filter("date", |v: String| long_date(&v));
    env.add_filter("month", |v: String| month_name(&v));
    env.add_filter("percent", |v: Option<f64>| match v {
        Some(p) => format!("{p:.1}%"),
        None => "no cases".to_string(),
    });
    env.add_filter("pounds", |v: i64| casebook::procedure::pounds(v));
    env.add_filter("days", |v: Option<f64>| match v {
        Some(d) => number(d),
        None => "no cases".to_string(),
    });
    env
}

/// Escapes text for Markdown: every ASCII punctuation character is backslash-escaped (CommonMark
/// lets any of them be), and line breaks become spaces, so the text stays one inline run.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A count or a median: whole numbers as they are, anything else to one decimal place.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

/// Undoes [`escape`]'s backslashes (for text read back out of a code block, such as a chart).
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// `2026-05-01` → `1 May 2026` (anything else unchanged).
pub fn long_date(v: &str) -> String {
    match NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d") {
        Ok(d) => d.format("%-d %B %Y").to_string(),
        Err(_) => v.to_string(),
    }
}

/// `2026-05` → `May 2026` (anything else unchanged).
pub fn month_name(v: &str) -> String {
    match NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d") {
        Ok(d) => d.format("%B %Y").to_string(),
        Err(_) => v.to_string(),
    }
}

/// "annual.md, line 12, at `{{ stats.totl }}`: undefined value".
fn template_error(source: &Source, e: &minijinja::Error) -> Error {
    let mut at = String::new();
    if let Some(line) = e.line() {
        at.push_str(&format!(", line {line}"));
    }
    if let Some(range) = e.range() {
        if let Some(snippet) = source.text.get(range) {
            let snippet: String = snippet.chars().take(80).collect();
            at.push_str(&format!(", at `{}`", snippet.trim()));
        }
    }
    let what = match (e.kind(), e.detail()) {
        (minijinja::ErrorKind::OutOfFuel, _) => format!(
            "the template ran too long (more than {FUEL} steps): is there a loop that never ends?"
        ),
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    };
    let file = match &source.path {
        Some(p) => p.display().to_string(),
        None => source.name.clone(),
    };
    Error::invalid("template", format!("{file}{at}: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips_and_neutralises_markdown() {
        let hostile = "# Heading\n| cell | [link](javascript:alert(1)) <script>x</script> *bold*";
        let escaped = escape(hostile);
        assert!(!escaped.contains('\n'));
        assert!(escaped.starts_with("\\# Heading"));
        assert_eq!(unescape(&escaped), hostile.replace('\n', " "));
    }

    #[test]
    fn a_stored_copy_is_used_and_checked_first() -> Result<()> {
        let kept = vec![(
            "decision.md".to_string(),
            "Our notice {{ reference }}".to_string(),
        )];
        let own = load(Templates::Stored(&kept), DECISION)?;
        assert_eq!(own.text, "Our notice {{ reference }}");
        assert_eq!(load(Templates::Stored(&kept), ANNUAL)?.text, ANNUAL.source);
        assert_eq!(load(Templates::Builtin, DECISION)?.text, DECISION.source);

        assert_eq!(check("decision.md", "Our notice")?.file, "decision.md");
        let broken = check("decision.md", "line one\n{% for x in %}");
        assert!(
            matches!(&broken, Err(e) if e.to_string().contains("line 2")),
            "{broken:?}"
        );
        let unknown = check("../secrets.md", "x");
        assert!(
            matches!(&unknown, Err(e) if e.to_string().contains("not one of")),
            "{unknown:?}"
        );
        Ok(())
    }
}
