//! `agora-token`: build, inspect and verify Agora access tokens from the command line.
//!
//! ```text
//! agora-token rtc --channel C (--uid N | --account S) --role publisher|subscriber
//!                 (--expires-in SECS | --expires-at UNIX) [--version 006|007]
//!                 [--issued-at UNIX] [--salt N]
//! agora-token rtm --user-id U (--expires-in SECS | --expires-at UNIX) [...]
//! agora-token inspect TOKEN [--now UNIX]
//! agora-token verify TOKEN --app-certificate C [--channel C] [--uid N | --account S | --user-id U]
//! ```
//!
//! Credentials come from `--app-id` / `--app-certificate` or from `AGORA_APP_ID` /
//! `AGORA_APP_CERTIFICATE`. Exit status: 0 success (for `verify`: valid), 1 `verify`
//! refused the token, 2 bad input (one line on stderr: `error: field: rule (CODE)`).
#![forbid(unsafe_code)]

#[path = "agora_token/args.rs"]
mod args;
#[path = "agora_token/commands.rs"]
mod commands;
#[path = "agora_token/report.rs"]
mod report;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return report::clap_error(&e),
    };
    match commands::run(cli.command) {
        Ok(commands::Outcome::Done) => ExitCode::SUCCESS,
        Ok(commands::Outcome::Invalid) => ExitCode::from(report::EXIT_INVALID),
        Err(failure) => report::fail(&failure),
    }
}
