//! The `casebook` command line: the core, scriptable.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
