//! What the tool prints when something goes wrong: one line on stderr,
//! `error: --option: rule (CODE)`, and exit status 2.
//!
//! Nothing here ever prints the app certificate: core errors never contain it, and clap's
//! usage errors (which may echo a misplaced argument) have every run of 32 or more hex
//! characters replaced by `<redacted>`.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

/// Exit status of bad input.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status of `verify` on a token that would be refused.
pub const EXIT_INVALID: u8 = 1;

/// Why the tool could not do what it was asked.
#[derive(Debug)]
pub enum Failure {
    /// Input the core refused (a bad uid, channel, certificate, token…).
    Input(agora_token::Error),
    /// Arguments clap refused (unknown flag, missing argument…), already one line and redacted.
    Usage(String),
    /// stdout could not be written (for example a closed pipe).
    Output(io::Error),
}

impl From<agora_token::Error> for Failure {
    fn from(e: agora_token::Error) -> Self {
        Self::Input(e)
    }
}

impl fmt::Display for Failure {
    /// `field: rule (CODE)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Input(e) => write!(
                f,
                "{}: {} ({})",
                e.field().cli_flag(),
                one_line(e.message()),
                e.code()
            ),
            Self::Usage(msg) => write!(f, "arguments: {msg} (INVALID_ARGUMENTS)"),
            Self::Output(e) => write!(f, "stdout: {} (OUTPUT_ERROR)", one_line(&e.to_string())),
        }
    }
}

/// Prints `error: …` on stderr and returns exit status 2.
pub fn fail(failure: &Failure) -> ExitCode {
    // If stderr itself is gone there is nowhere left to report to; the status still says it.
    let _ = writeln!(io::stderr().lock(), "error: {failure}");
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Handles a clap error: help and version go to stdout with status 0; anything else is a
/// one-line usage error.
pub fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => fail(&Failure::Usage(
            "a subcommand is required: rtc, rtm, inspect or verify (see --help)".to_owned(),
        )),
        _ => fail(&Failure::Usage(usage_line(&e.render().to_string()))),
    }
}

/// The message of a rendered clap error, without its usage and hints, on one line.
fn usage_line(rendered: &str) -> String {
    let message = rendered.split("\n\n").next().unwrap_or_default();
    let message = message.trim().strip_prefix("error:").unwrap_or(message);
    redact(&one_line(message))
}

/// Collapses every run of whitespace (newlines included) into one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces every run of 32 or more hex characters (the shape of an app certificate) with
/// `<redacted>`.
pub fn redact(s: &str) -> String {
    const SECRET_LEN: usize = 32;
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= SECRET_LEN {
            out.push_str("<redacted>");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Writes `text` and a newline to stdout.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(Failure::Output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_certificate_shaped_runs_only() {
        assert_eq!(
            redact("unexpected argument '5CFd2fd1755d40ecb72977518be15d3b' found"),
            "unexpected argument '<redacted>' found"
        );
        assert_eq!(redact("--expires-in 3600 abc"), "--expires-in 3600 abc");
        assert_eq!(redact(&"a".repeat(31)), "a".repeat(31));
    }

    #[test]
    fn usage_line_is_one_line_without_usage() {
        let rendered = "error: the following required arguments were not provided:\n  --channel <C>\n\nUsage: agora-token rtc --channel <C>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_line(rendered),
            "the following required arguments were not provided: --channel <C>"
        );
    }
}
