//! `casebook --server URL login`: what it takes (the sign-in itself is in `remote`).

use clap::Args;

#[derive(Args)]
pub(crate) struct LoginArgs {
    /// Your account's name on the server.
    #[arg(long)]
    pub(crate) name: String,
    /// Your password (else it is asked for at the terminal, unseen).
    #[arg(long, env = "CASEBOOK_PASSWORD", hide_env_values = true)]
    pub(crate) password: Option<String>,
}
