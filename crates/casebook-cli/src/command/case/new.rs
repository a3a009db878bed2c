//! `casebook case new`: log a new complaint and print its reference.

use clap::Args;

use casebook::case::{self, NewCase};
use casebook::{councillor, text, Db, Stamp};

use crate::print::out;

#[derive(Args)]
pub(crate) struct NewCaseArgs {
    /// Date the complaint was received (2026-03-14 or 14/03/2026).
    #[arg(long)]
    received_on: String,
    /// email, web form, letter, phone, in person or other.
    #[arg(long, default_value = "email")]
    channel: String,
    /// Complainant's name (never published; see --confidential).
    #[arg(long)]
    complainant_name: String,
    /// Email address, phone or postal address.
    #[arg(long)]
    complainant_contact: Option<String>,
    /// public, councillor, officer or other.
    #[arg(long, default_value = "public")]
    complainant_type: String,
    /// The complainant asks that their identity be kept from the councillor.
    #[arg(long)]
    confidential: bool,
    /// Why confidentiality is requested (required with --confidential).
    #[arg(long)]
    confidentiality_reason: Option<String>,
    /// Register number or exact name of the councillor complained about.
    #[arg(long)]
    councillor: String,
    /// Platform the post was made on.
    #[arg(long)]
    platform: String,
    /// Web address of the post.
    #[arg(long)]
    post_url: Option<String>,
    /// When it was posted, as shown: 2026-03-12 or 2026-03-12 21:40.
    #[arg(long)]
    posted_at: Option<String>,
    /// What the complaint is about, in the officer's words.
    #[arg(long)]
    summary: String,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: NewCaseArgs) -> casebook::Result<()> {
    let c = councillor::resolve(db.conn(), &a.councillor, "councillor")?;
    let new = NewCase {
        reference: None,
        received_on: text::date("received_on", &a.received_on)?,
        channel: a.channel,
        complainant_name: a.complainant_name,
        complainant_contact: a.complainant_contact,
        complainant_type: a.complainant_type,
        confidentiality_requested: a.confidential,
        confidentiality_reason: a.confidentiality_reason,
        councillor_id: c.id,
        platform: a.platform,
        post_url: a.post_url,
        posted_at: a.posted_at,
        summary: a.summary,
    };
    let k = db.write(|tx| case::create(tx, stamp, &new, None))?;
    out!("{}", k.reference);
    Ok(())
}
