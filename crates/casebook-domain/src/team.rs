//! The team server's rules, with no IO: the roles of a standards team's accounts and what each may
//! do, when repeated failed sign-ins lock an account, and how long a signed-in session lasts.

use chrono::{DateTime, Duration, Utc};

use crate::{text, Error, Result};

words! {
    /// The role an account has in one council's standards team on the server.
    TEAM_ROLES, TeamRole {
        MonitoringOfficer = "monitoring_officer",
        Deputy = "deputy",
        StandardsOfficer = "standards_officer",
        Investigator = "investigator",
        IndependentPerson = "independent_person",
    }
}

/// Failed sign-ins in a row after which an account is locked for [`LOCKOUT`].
pub const MAX_FAILURES: i32 = 5;
/// How long an account stays locked after [`MAX_FAILURES`] failed sign-ins in a row.
pub const LOCKOUT: Duration = Duration::minutes(15);
/// A session ends this long after its last request.
pub const IDLE: Duration = Duration::minutes(30);
/// A session ends this long after sign-in, however busy (a working day).
pub const LIFETIME: Duration = Duration::hours(10);
/// The longest account name.
pub const MAX_NAME: usize = 120;
/// The shortest password an account may have (its strength is checked too).
pub const MIN_PASSWORD: usize = 12;
/// The longest password: Argon2id hashes any length, but a megabyte typed into a form is not one.
pub const MAX_PASSWORD: usize = 1024;

impl TeamRole {
    /// The role as an officer reads it.
    pub fn label(self) -> &'static str {
        match self {
            TeamRole::MonitoringOfficer => "Monitoring Officer",
            TeamRole::Deputy => "Deputy Monitoring Officer",
            TeamRole::StandardsOfficer => "Standards officer",
            TeamRole::Investigator => "Investigator",
            TeamRole::IndependentPerson => "Independent Person",
        }
    }

    /// The role a stored or typed word names: the word itself, or its label in any case.
    pub fn parse(field: &str, value: &str) -> Result<TeamRole> {
        let all = [
            TeamRole::MonitoringOfficer,
            TeamRole::Deputy,
            TeamRole::StandardsOfficer,
            TeamRole::Investigator,
            TeamRole::IndependentPerson,
        ];
        let v = value.trim();
        all.into_iter()
            .find(|r| r.word() == v || r.label().eq_ignore_ascii_case(v))
            .ok_or_else(|| {
                Error::invalid(
                    field,
                    format!("'{v}' is not a role; use one of: {}", TEAM_ROLES.join(", ")),
                )
            })
    }

    /// Whether the role may add accounts and change their roles (the Monitoring Officer only).
    pub fn may_manage_accounts(self) -> bool {
        self == TeamRole::MonitoringOfficer
    }

    /// Whether the role may see a council's accounts (its Monitoring Officer and Deputy).
    pub fn may_list_accounts(self) -> bool {
        matches!(self, TeamRole::MonitoringOfficer | TeamRole::Deputy)
    }

    /// Whether the role may change records (an Independent Person only reads).
    pub fn may_change(self) -> bool {
        self != TeamRole::IndependentPerson
    }

    /// Whether the role sees every case of its council; an Investigator sees only the cases
    /// assigned to them and an Independent Person only those they are consulted on.
    pub fn sees_every_case(self) -> bool {
        matches!(
            self,
            TeamRole::MonitoringOfficer | TeamRole::Deputy | TeamRole::StandardsOfficer
        )
    }
}

/// An account name as typed: required, at most [`MAX_NAME`] characters.
pub fn name(value: &str) -> Result<String> {
    text::required("name", value, MAX_NAME)
}

/// Checks a new account password: long enough, not too long, and not guessable (the passphrase
/// rule, with the account's name and council as words it must not lean on).
pub fn check_password(password: &str, context: &[&str]) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD {
        return Err(Error::invalid(
            "password",
            format!("is {chars} characters; use at least {MIN_PASSWORD}"),
        ));
    }
    if password.len() > MAX_PASSWORD {
        return Err(Error::invalid(
            "password",
            format!("is longer than {MAX_PASSWORD} bytes"),
        ));
    }
    crate::passphrase::check_new(password, password, context)
        .map_err(|e| Error::invalid("password", e.to_string().replacen("passphrase: ", "", 1)))
}

/// Until when an account is locked after a failed sign-in that makes `failures` in a row at
/// `now`, or `None` while it may still try.
pub fn locked_after(failures: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (failures >= MAX_FAILURES).then(|| now + LOCKOUT)
}

/// Whether a session signed in at `started` and last used at `last_seen` is still live at `now`.
pub fn session_live(started: DateTime<Utc>, last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now < started + LIFETIME && now < last_seen + IDLE
}

/// Whether a session last used at `last_seen` should be marked used again at `now`: once a
/// minute at most. The idle limit is half an hour, so a minute's grain changes no session's end
/// by more than a minute, and most requests then write nothing before their own work.
pub fn session_touch_due(last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_seen >= chrono::Duration::minutes(1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
            .and_utc()
    }

    #[test]
    fn roles_parse_from_word_or_label_and_say_what_each_may_do() {
        assert_eq!(
            TeamRole::parse("role", "Independent Person").unwrap(),
            TeamRole::IndependentPerson
        );
        assert_eq!(
            TeamRole::parse("role", "investigator").unwrap(),
            TeamRole::Investigator
        );
        let e = TeamRole::parse("role", "boss").unwrap_err().to_string();
        assert!(e.starts_with("role: 'boss' is not a role"), "{e}");
        assert!(TeamRole::MonitoringOfficer.may_manage_accounts());
        assert!(!TeamRole::Deputy.may_manage_accounts());
        assert!(TeamRole::Deputy.may_list_accounts());
        assert!(!TeamRole::StandardsOfficer.may_list_accounts());
        assert!(!TeamRole::IndependentPerson.may_change());
        assert!(TeamRole::Investigator.may_change());
        assert!(!TeamRole::Investigator.sees_every_case());
        assert!(TeamRole::StandardsOfficer.sees_every_case());
    }

    #[test]
    fn the_fifth_failure_in_a_row_locks_for_fifteen_minutes() {
        assert_eq!(locked_after(4, at(9, 0)), None);
        assert_eq!(locked_after(5, at(9, 0)), Some(at(9, 15)));
    }

    #[test]
    fn a_session_ends_when_idle_or_at_the_end_of_its_day() {
        assert!(session_live(at(8, 0), at(9, 0), at(9, 29)));
        assert!(!session_live(at(8, 0), at(9, 0), at(9, 30)));
        assert!(!session_live(at(8, 0), at(17, 55), at(18, 0)));
    }

    #[test]
    fn a_session_is_marked_used_at_most_once_a_minute() {
        let seen = at(9, 0);
        assert!(!session_touch_due(
            seen,
            seen + chrono::Duration::seconds(59)
        ));
        assert!(session_touch_due(seen, at(9, 1)));
    }

    #[test]
    fn passwords_are_checked_for_length_and_strength() {
        let e = check_password("short", &[]).unwrap_err().to_string();
        assert_eq!(e, "password: is 5 characters; use at least 12");
        let e = check_password("passwordpassword", &[])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("password: "), "{e}");
        check_password("copper lantern orchard mosaic", &[]).unwrap();
    }
}
