//! Takes people's names out of free text before it goes into a paper. Full names are matched in
//! any case; each part of a name of three letters or more (a surname on its own, "Cllr Smith") is
//! matched as written with a capital, and only as a whole word. Matches are replaced with a role:
//! "[the complainant]", "[a councillor]".

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Forms of address that are not part of anyone's name.
const TITLES: &[&str] = &[
    "cllr",
    "councillor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "the",
    "and",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Complainant,
    Councillor,
    /// Anyone else (another complainant, in a subject access response).
    Person,
}

impl Role {
    fn replacement(self) -> &'static str {
        match self {
            Role::Complainant => "[the complainant]",
            Role::Person => "[another person]",
            Role::Councillor => "[a councillor]",
        }
    }
}

/// The names to take out, and what each becomes.
pub struct Redactor {
    full: Option<AhoCorasick>,
    full_roles: Vec<Role>,
    parts: Option<AhoCorasick>,
    part_roles: Vec<Role>,
}

fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|p| p.chars().count() >= 3)
        .filter(|p| !TITLES.contains(&p.to_lowercase().as_str()))
        .filter(|p| p.chars().next().is_some_and(char::is_uppercase))
}

impl Redactor {
    pub fn new(names: &[(String, Role)]) -> Redactor {
        let mut full = Vec::new();
        let mut full_roles = Vec::new();
        let mut parts = Vec::new();
        let mut part_roles = Vec::new();
        for (name, role) in names {
            let name = name.trim();
            if name.chars().count() < 3 {
                continue;
            }
            full.push(name.to_string());
            full_roles.push(*role);
            for p in name_parts(name) {
                parts.push(p.to_string());
                part_roles.push(*role);
            }
        }
        let build = |patterns: &[String], case_insensitive: bool| {
            if patterns.is_empty() {
                return None;
            }
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(case_insensitive)
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .ok()
        };
        Redactor {
            full: build(&full, true),
            full_roles,
            parts: build(&parts, false),
            part_roles,
        }
    }

    /// `text` with every name replaced by its role.
    pub fn redact(&self, text: &str) -> String {
        let once = replace(self.full.as_ref(), &self.full_roles, text);
        replace(self.parts.as_ref(), &self.part_roles, &once)
    }
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

fn replace(automaton: Option<&AhoCorasick>, roles: &[Role], text: &str) -> String {
    let Some(ac) = automaton else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in ac.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if is_word(before) || is_word(after) {
            continue;
        }
        out.push_str(&text[last..m.start()]);
        out.push_str(roles[m.pattern().as_usize()].replacement());
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_surnames_become_roles() {
        let r = Redactor::new(&[
            ("Mary Holt".into(), Role::Complainant),
            ("Cllr Peter Grange".into(), Role::Councillor),
        ]);
        assert_eq!(
            r.redact("MARY HOLT wrote that Cllr Grange posted; Holtby and peter are fine."),
            "[the complainant] wrote that Cllr [a councillor] posted; Holtby and peter are fine."
        );
    }
}
