//! `casebook councillor`: the councillor register (add, list, show, register an account).

use clap::{Args, Subcommand};
use serde::Serialize;

use casebook::case::Filter;
use casebook::councillor::{NewAccount, NewCouncillor};
use casebook::{case, councillor, text, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum CouncillorCmd {
    /// Add a councillor to the register.
    Add(CouncillorArgs),
    /// List the register, with each member's accounts and number of cases.
    List(JsonFlag),
    /// Show one councillor, their accounts and their cases.
    Show {
        /// Register number or exact name.
        councillor: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Register a social media account for a councillor.
    Account(AccountArgs),
}

#[derive(Args)]
pub(crate) struct CouncillorArgs {
    /// Full name, without "Cllr".
    #[arg(long)]
    name: String,
    /// "Kingsmere City Council", or the parish or town council.
    #[arg(long)]
    council: String,
    /// Ward or division (for a co-opted member, the committee).
    #[arg(long)]
    ward: Option<String>,
    /// Political party or group, if any.
    #[arg(long)]
    party: Option<String>,
    /// A co-opted member (Localism Act 2011 s27(4)) rather than an elected one.
    #[arg(long)]
    co_opted: bool,
    /// Start of the term of office (2026-05-07 or 07/05/2026).
    #[arg(long)]
    term_start: Option<String>,
    /// End of the term of office.
    #[arg(long)]
    term_end: Option<String>,
}

#[derive(Args)]
pub(crate) struct AccountArgs {
    /// Register number or exact name of the councillor.
    councillor: String,
    /// Facebook, X, Instagram, TikTok, LinkedIn, YouTube, Threads, Bluesky, Nextdoor, WhatsApp, Reddit or Other.
    #[arg(long)]
    platform: String,
    /// Handle or page name as it appears on the platform.
    #[arg(long)]
    handle: String,
    /// personal, councillor or mixed.
    #[arg(long = "use", value_name = "USE")]
    account_use: String,
    /// public or private.
    #[arg(long)]
    visibility: String,
    /// The profile says they are a councillor.
    #[arg(long)]
    profile_says_councillor: bool,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, cmd: CouncillorCmd) -> casebook::Result<()> {
    match cmd {
        CouncillorCmd::Add(a) => {
            let new = NewCouncillor {
                name: a.name,
                council: a.council,
                ward: a.ward,
                party: a.party,
                co_opted: a.co_opted,
                term_start: text::optional_date("term_start", a.term_start.as_deref())?,
                term_end: text::optional_date("term_end", a.term_end.as_deref())?,
            };
            let c = db.write(|tx| councillor::add(tx, stamp, &new))?;
            out!("Added councillor {}: {} ({})", c.id, c.name, c.council);
        }
        CouncillorCmd::List(j) => {
            let all = councillor::list(db.conn())?;
            if j.json {
                return print_json(&all);
            }
            if all.is_empty() {
                out!("The register is empty. Add a councillor with `casebook councillor add`.");
            }
            for c in all {
                out!(
                    "{:>4}  {:<24} {:<32} {:<20} {:<18} {} case(s){}",
                    c.id,
                    c.name,
                    c.council,
                    c.ward.unwrap_or_default(),
                    c.party.unwrap_or_default(),
                    c.case_count,
                    if c.membership == "co-opted" {
                        "  [co-opted]"
                    } else {
                        ""
                    }
                );
            }
        }
        CouncillorCmd::Show {
            councillor: key,
            json,
        } => {
            let c = councillor::resolve(db.conn(), &key, "councillor")?;
            let cases = case::list(
                db.conn(),
                &Filter {
                    councillor_id: Some(c.id),
                    ..Filter::default()
                },
            )?;
            if json.json {
                #[derive(Serialize)]
                struct Out<'a> {
                    #[serde(flatten)]
                    councillor: &'a councillor::Councillor,
                    cases: &'a [case::Summary],
                }
                return print_json(&Out {
                    councillor: &c,
                    cases: &cases,
                });
            }
            out!("{} — {} ({})", c.name, c.council, c.membership);
            out!(
                "Ward: {}   Party: {}",
                c.ward.as_deref().unwrap_or("—"),
                c.party.as_deref().unwrap_or("—")
            );
            out!(
                "Term: {} to {}",
                c.term_start.as_deref().unwrap_or("?"),
                c.term_end.as_deref().unwrap_or("?")
            );
            for a in &c.accounts {
                out!(
                    "Account: {} {} ({}, {}{})",
                    a.platform,
                    a.handle,
                    a.account_use,
                    a.visibility,
                    if a.profile_says_councillor {
                        ", profile says councillor"
                    } else {
                        ""
                    }
                );
            }
            out!("Cases: {}", cases.len());
            for k in cases {
                out!(
                    "  {}  {}  {}",
                    k.reference,
                    k.received_on,
                    text::shorten(&k.summary)
                );
            }
        }
        CouncillorCmd::Account(a) => {
            let c = councillor::resolve(db.conn(), &a.councillor, "councillor")?;
            let new = NewAccount {
                platform: a.platform,
                handle: a.handle,
                profile_says_councillor: a.profile_says_councillor,
                account_use: a.account_use,
                visibility: a.visibility,
            };
            let acc = db.write(|tx| councillor::add_account(tx, stamp, c.id, &new))?;
            out!(
                "Registered {} account {} for {}.",
                acc.platform,
                acc.handle,
                c.name
            );
        }
    }
    Ok(())
}
