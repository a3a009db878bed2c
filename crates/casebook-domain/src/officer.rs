//! The officers who work on cases: their roles and what each may do, where they work from, and
//! the kinds of look at a case the access log records.

use crate::{text, Result};

words! {
    /// An officer's role in the standards team.
    ROLES, Role {
        MonitoringOfficer = "monitoring_officer",
        Deputy = "deputy",
        StandardsOfficer = "standards_officer",
        Investigator = "investigator",
        ReadOnly = "read_only",
    }
}

words! {
    /// Where a look or a change was made from.
    VIAS, Via {
        App = "app",
        Cli = "cli",
    }
}

words! {
    /// What the access log records: each way of looking at personal data.
    LOOKS, Look {
        OpenCase = "open case",
        ViewEvidence = "view evidence",
        ExportEvidence = "export evidence",
        MakePaper = "make paper",
        Search = "search",
    }
}

/// The longest officer name.
pub const MAX_NAME: usize = 120;

impl Role {
    /// The role as an officer reads it.
    pub fn label(self) -> &'static str {
        match self {
            Role::MonitoringOfficer => "Monitoring Officer",
            Role::Deputy => "Deputy Monitoring Officer",
            Role::StandardsOfficer => "Standards officer",
            Role::Investigator => "Investigator",
            Role::ReadOnly => "Read-only",
        }
    }

    /// The role a stored or typed word names: the word itself, or its label in any case.
    pub fn parse(field: &str, value: &str) -> Result<Role> {
        let v = value.trim();
        let all = [
            Role::MonitoringOfficer,
            Role::Deputy,
            Role::StandardsOfficer,
            Role::Investigator,
            Role::ReadOnly,
        ];
        all.into_iter()
            .find(|r| {
                r.word().eq_ignore_ascii_case(v)
                    || r.label().eq_ignore_ascii_case(v)
                    || r.word().replace('_', "-").eq_ignore_ascii_case(v)
            })
            .ok_or_else(|| {
                crate::Error::invalid(
                    field,
                    format!(
                        "'{}' is not a role; use one of: {}",
                        text::shorten(v),
                        ROLES.join(", ")
                    ),
                )
            })
    }

    /// Whether an officer in this role may change records (a Read-only officer may only look).
    pub fn may_change(self) -> bool {
        self != Role::ReadOnly
    }

    /// Whether an officer in this role may add officers to the register.
    pub fn may_manage_officers(self) -> bool {
        matches!(self, Role::MonitoringOfficer | Role::Deputy)
    }
}

/// An officer's name as typed: required, at most [`MAX_NAME`] characters.
pub fn name(value: &str) -> Result<String> {
    text::required("name", value, MAX_NAME)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_word_or_label() {
        assert_eq!(
            Role::parse("role", "Monitoring Officer").unwrap(),
            Role::MonitoringOfficer
        );
        assert_eq!(Role::parse("role", "read-only").unwrap(), Role::ReadOnly);
        assert_eq!(
            Role::parse("role", "investigator").unwrap(),
            Role::Investigator
        );
        let e = Role::parse("role", "boss").unwrap_err().to_string();
        assert!(e.starts_with("role: 'boss' is not a role"), "{e}");
        assert!(ROLES
            .iter()
            .all(|w| Role::parse("r", w).unwrap().word() == *w));
    }

    #[test]
    fn only_read_only_officers_may_not_change_records() {
        assert!(!Role::ReadOnly.may_change());
        assert!(Role::Investigator.may_change());
        assert!(Role::Deputy.may_manage_officers());
        assert!(!Role::StandardsOfficer.may_manage_officers());
    }
}
