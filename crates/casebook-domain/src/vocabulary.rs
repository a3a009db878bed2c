//! The fixed lists Casebook's records draw on, each written once: how a complaint arrives, who
//! makes it, the platforms, links between cases, councillors' memberships and accounts, the
//! capacity answers and determinations, and the publication rules. (The procedure's stages,
//! decisions and outcomes are in [`crate::procedure`].)

use crate::{text, Result};

pub const CHANNELS: &[&str] = &["email", "web form", "letter", "phone", "in person", "other"];
pub const COMPLAINANT_TYPES: &[&str] = &["public", "councillor", "officer", "other"];
pub const PLATFORMS: &[&str] = &[
    "Facebook",
    "X",
    "Instagram",
    "TikTok",
    "LinkedIn",
    "YouTube",
    "Threads",
    "Bluesky",
    "Nextdoor",
    "WhatsApp",
    "Reddit",
    "Other",
];
pub const LINK_KINDS: &[&str] = &["same post", "same incident"];

/// The canonical platform name for `value` (any case; "Twitter" is X).
pub fn platform(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if ["twitter", "x (twitter)", "x/twitter", "twitter/x"]
        .iter()
        .any(|a| a.eq_ignore_ascii_case(v))
    {
        return Ok("X".into());
    }
    text::one_of(field, v, PLATFORMS).map(String::from)
}

pub const MEMBERSHIPS: &[&str] = &["elected", "co-opted"];
pub const ACCOUNT_USES: &[&str] = &["personal", "councillor", "mixed"];
pub const VISIBILITIES: &[&str] = &["public", "private"];

pub const ANSWERS: &[&str] = &["yes", "no", "unknown"];
words! {
    /// The officer's determination on whether the councillor was acting in capacity.
    DETERMINATIONS, Determination {
        InCapacity = "in capacity",
        NotInCapacity = "not in capacity",
        Undetermined = "undetermined",
    }
}

/// When published papers may name a councillor. Complainants are never named in the annual
/// report, whatever the rule.
pub const RULES: &[(&str, &str)] = &[
    (
        BREACH_AND_NOTICE,
        "Only where a breach was found and the decision notice has been published",
    ),
    (BREACH, "Wherever a breach was found"),
    (NEVER, "Never: every councillor is anonymised"),
];
pub const BREACH_AND_NOTICE: &str = "breach found and notice published";
pub const BREACH: &str = "breach found";
pub const NEVER: &str = "never";

/// Whether `rule` lets papers name the councillor of a case with this final outcome and notice.
pub fn may_name(rule: &str, outcome: Option<&str>, notice_published: bool) -> bool {
    let breach = outcome == Some(crate::procedure::BREACH_FOUND);
    match rule {
        BREACH => breach,
        BREACH_AND_NOTICE => breach && notice_published,
        _ => false,
    }
}
