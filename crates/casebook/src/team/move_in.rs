//! Moving a desktop Casebook into a council on the team server, and checking every council's
//! records there as `verify` checks a file.

use casebook_domain::{text, Error, Result};
use casebook_store::move_in::{self, Moved};
use casebook_store::{verify, Db};

use super::{Council, Team};

impl Team {
    /// The council named `name` (in any letter case).
    pub fn council_named(&mut self, name: &str) -> Result<Council> {
        let wanted = name.trim();
        let all = self.db.councils()?;
        let names: Vec<String> = all.iter().map(|c| c.name.clone()).collect();
        all.into_iter()
            .find(|c| c.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                Error::invalid(
                    "council",
                    format!(
                        "'{}' is not a council on this server (it has: {}); add it with \
                         casebook-server add-council",
                        text::shorten(wanted),
                        names.join(", ")
                    ),
                )
            })
    }

    /// Moves the desktop database `file` into council `council`'s Casebook, which must hold no
    /// case yet. The file is checked first as `verify` checks it (its audit chain, every stored
    /// file's hash, every record against its trail) and refused with its first problem.
    pub fn import(&mut self, council: &str, file: &Db) -> Result<Moved> {
        let council = self.council_named(council)?;
        let report = verify::verify(file.conn())?;
        if let Some(p) = report.problems.first() {
            return Err(Error::invalid(
                "file",
                format!(
                    "{} fails verify ({} problem(s); the first: {} {}: {}); nothing was moved",
                    file.path().display(),
                    report.problems.len(),
                    p.area,
                    p.location,
                    p.detail
                ),
            ));
        }
        // A connection opened before the move would hold statements prepared on the old tables.
        self.councils.remove(&council.id);
        move_in::move_in(&self.url, council.id, file.conn())
    }

    /// Every council's records checked as `verify` checks a file, or only `council`'s.
    pub fn verify(&mut self, council: Option<&str>) -> Result<Vec<(Council, verify::Report)>> {
        let councils = match council {
            Some(name) => vec![self.council_named(name)?],
            None => self.db.councils()?,
        };
        councils
            .into_iter()
            .map(|c| {
                let report = self.council(c.id)?.read(|tx| verify::verify(tx))?;
                Ok((c, report))
            })
            .collect()
    }
}
