//! The rule for a database passphrase: what makes one strong enough to lock personal data, judged
//! by zxcvbn (Dropbox's estimator of how many guesses a passphrase takes), and a check of a new one
//! and its confirmation that names the field and the reason.

use serde::Serialize;

use crate::{Error, Result};

/// Fewest characters a passphrase may have, whatever its score.
pub const MIN_CHARS: usize = 12;
/// Most characters a passphrase may have (a pasted document is not a passphrase).
pub const MAX_CHARS: usize = 1024;
/// Lowest zxcvbn score (0–4) accepted: 3 is "safely unguessable" against an attacker who has a
/// copy of the file and can try guesses offline (SQLCipher makes each guess cost a key derivation).
pub const MIN_SCORE: u8 = 3;

/// How strong a passphrase is, for the strength meter beside the field and for refusing weak ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "PassphraseStrength")]
pub struct Strength {
    /// 0 (guessed at once) to 4 (very strong).
    pub score: u8,
    /// Whether it may lock a database.
    pub acceptable: bool,
    /// One line: "Strong", or why it is refused ("Too short: at least 12 characters").
    pub verdict: String,
    /// What would make it stronger.
    pub suggestions: Vec<String>,
}

/// How strong `passphrase` is. `context` lists words an attacker would try first (the officer's
/// name, the council's): a passphrase built from them scores lower.
pub fn strength(passphrase: &str, context: &[&str]) -> Strength {
    let chars = passphrase.chars().count();
    if chars == 0 {
        return weak(0, "Enter a passphrase".into(), vec![]);
    }
    if chars > MAX_CHARS {
        return weak(
            4,
            format!("Too long: at most {MAX_CHARS} characters"),
            vec![],
        );
    }
    if passphrase.chars().any(char::is_control) {
        return weak(
            0,
            "It contains a control character (a tab or a line break, say); use letters, digits, \
             spaces and punctuation"
                .into(),
            vec![],
        );
    }
    // zxcvbn's estimate is slow on long input and adds nothing past this length.
    let judged: String = passphrase.chars().take(100).collect();
    let entropy = zxcvbn::zxcvbn(&judged, context);
    let score = u8::from(entropy.score());
    let mut suggestions: Vec<String> = entropy
        .feedback()
        .map(|f| f.suggestions().iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    let warning = entropy
        .feedback()
        .and_then(|f| f.warning())
        .map(|w| w.to_string());
    if chars < MIN_CHARS {
        suggestions.insert(0, "Use four or five words that do not go together.".into());
        return weak(
            score.min(MIN_SCORE - 1),
            format!("Too short: at least {MIN_CHARS} characters (this has {chars})"),
            suggestions,
        );
    }
    if score < MIN_SCORE {
        let why = warning.unwrap_or_else(|| "it would be guessed too quickly".into());
        return weak(
            score,
            format!("Too weak: {}", why.trim_end_matches('.')),
            suggestions,
        );
    }
    Strength {
        score,
        acceptable: true,
        verdict: if score == 4 { "Very strong" } else { "Strong" }.into(),
        suggestions,
    }
}

fn weak(score: u8, verdict: String, suggestions: Vec<String>) -> Strength {
    Strength {
        score,
        acceptable: false,
        verdict,
        suggestions,
    }
}

/// Checks a new passphrase and the same typed again: an error naming `passphrase` (too weak, with
/// why) or `confirm` (they differ).
pub fn check_new(passphrase: &str, confirm: &str, context: &[&str]) -> Result<()> {
    let s = strength(passphrase, context);
    if !s.acceptable {
        let hint = s
            .suggestions
            .first()
            .map(|h| format!(" {h}"))
            .unwrap_or_default();
        return Err(Error::invalid(
            "passphrase",
            format!("{}.{hint}", s.verdict),
        ));
    }
    if passphrase != confirm {
        return Err(Error::invalid(
            "confirm",
            "the two passphrases differ; type the same passphrase twice",
        ));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_personal_passphrases_are_refused_with_the_reason() {
        let s = strength("Tr0ub4dor&3", &[]);
        assert!(!s.acceptable && s.verdict.starts_with("Too short"), "{s:?}");
        let s = strength("password1234", &[]);
        assert!(!s.acceptable && s.verdict.starts_with("Too weak"), "{s:?}");
        let s = strength("kingsmerekingsmere", &["kingsmere"]);
        assert!(!s.acceptable, "{s:?}");
        assert!(!strength("", &[]).acceptable);
        assert!(!strength("line one\nline two words", &[]).acceptable);
    }

    #[test]
    fn four_unrelated_words_are_accepted() {
        let s = strength("copper lantern orchard mosaic", &[]);
        assert!(s.acceptable, "{s:?}");
        assert!(s.score >= MIN_SCORE);
    }

    #[test]
    fn a_new_passphrase_must_be_typed_twice_alike() {
        let good = "copper lantern orchard mosaic";
        assert!(check_new(good, good, &[]).is_ok());
        let e = check_new(good, "copper lantern orchard", &[]).unwrap_err();
        assert!(e.to_string().starts_with("confirm:"), "{e}");
        let e = check_new("short", "short", &[]).unwrap_err();
        assert!(e.to_string().starts_with("passphrase: Too short"), "{e}");
    }
}
