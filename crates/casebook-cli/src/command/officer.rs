//! `casebook officer`: the register of the people who work on cases (add, list).

use clap::Subcommand;

use casebook::officer::{self, Role};
use casebook::{Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum OfficerCmd {
    /// Add an officer (only a Monitoring Officer or Deputy may).
    Add {
        /// Full name, as it should appear in the audit trail and the access log.
        name: String,
        /// monitoring_officer, deputy, standards_officer, investigator or read_only (a Read-only
        /// officer may look at cases but not change them).
        #[arg(long)]
        role: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List the register: number, name, role, the day each was added.
    List(JsonFlag),
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, c: OfficerCmd) -> casebook::Result<()> {
    match c {
        OfficerCmd::Add { name, role, json } => {
            let role = Role::parse("role", &role)?;
            let o = db.write(|tx| officer::add(tx, stamp, &name, role))?;
            if json.json {
                return print_json(&o);
            }
            out!("Added officer {}: {} ({}).", o.id, o.name, o.role_label);
        }
        OfficerCmd::List(json) => {
            let all = officer::list(db.conn())?;
            if json.json {
                return print_json(&all);
            }
            for o in all {
                out!(
                    "{:>3}  {:<32}  {:<26}  added {}",
                    o.id,
                    o.name,
                    o.role_label,
                    o.added_on
                );
            }
        }
    }
    Ok(())
}
