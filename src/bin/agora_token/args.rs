//! The command line, declared with clap. Every value is taken as text and checked by the
//! core's rules afterwards, so that bad input gets the core's error codes (a uid of
//! 4294967296 is `INVALID_UID`, not a clap parse message).

use clap::{Args, Parser, Subcommand};

/// Build, inspect and verify Agora access tokens (AccessToken 006 and AccessToken2 007).
#[derive(Debug, Parser)]
#[command(name = "agora-token", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an RTC token.
    Rtc(RtcArgs),
    /// Print an RTM token.
    Rtm(RtmArgs),
    /// Print a JSON description of a 006 or 007 token.
    Inspect(InspectArgs),
    /// Check a token's signature (exit 0 valid, 1 invalid) and print the outcome as JSON.
    Verify(VerifyArgs),
}

/// The app credentials of the builders.
#[derive(Debug, Args)]
pub struct CredentialArgs {
    /// The app id (32 hex characters).
    #[arg(
        long,
        env = "AGORA_APP_ID",
        hide_env_values = true,
        value_name = "HEX32"
    )]
    pub app_id: Option<String>,
    /// The app certificate (32 hex characters). Never printed.
    #[arg(
        long,
        env = "AGORA_APP_CERTIFICATE",
        hide_env_values = true,
        value_name = "HEX32"
    )]
    pub app_certificate: Option<String>,
}

/// The token's expiry: exactly one of the two.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ExpiryArgs {
    /// Lifetime in seconds after the issue time.
    #[arg(long, value_name = "SECS", allow_hyphen_values = true)]
    pub expires_in: Option<String>,
    /// Absolute unix expiry time.
    #[arg(long, value_name = "UNIX", allow_hyphen_values = true)]
    pub expires_at: Option<String>,
}

/// Format, issue time and salt.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Token format. For 006 the packed ts is the issue time plus 24 hours.
    #[arg(long = "version", value_name = "006|007", default_value = "007")]
    pub format: String,
    /// Issue time, unix seconds (default: now), for reproducible tokens.
    #[arg(long, value_name = "UNIX", allow_hyphen_values = true)]
    pub issued_at: Option<String>,
    /// Salt in 1..=99999999 (default: random), for reproducible tokens.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub salt: Option<String>,
}

/// Who an RTC token is for: exactly one of the two.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct UserArgs {
    /// Numeric uid in 0..=4294967295 (0 = any user).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub uid: Option<String>,
    /// String account, 1–255 bytes ("0" is an account, not the wildcard).
    #[arg(long, value_name = "S")]
    pub account: Option<String>,
}

/// `agora-token rtc`.
#[derive(Debug, Args)]
pub struct RtcArgs {
    /// Channel name: 1–64 bytes of a-z A-Z 0-9 space !#$%&()+-:;<=.>?@[]^_{}|~,
    #[arg(long, value_name = "C")]
    pub channel: String,
    /// Uid or account.
    #[command(flatten)]
    pub user: UserArgs,
    /// Publisher (join and publish) or subscriber (join only).
    #[arg(long, value_name = "publisher|subscriber")]
    pub role: String,
    /// Expiry.
    #[command(flatten)]
    pub expiry: ExpiryArgs,
    /// Format, issue time and salt.
    #[command(flatten)]
    pub issue: IssueArgs,
    /// Credentials.
    #[command(flatten)]
    pub credentials: CredentialArgs,
}

/// `agora-token rtm`.
#[derive(Debug, Args)]
pub struct RtmArgs {
    /// RTM user id, 1–64 bytes.
    #[arg(long, value_name = "U")]
    pub user_id: String,
    /// Expiry.
    #[command(flatten)]
    pub expiry: ExpiryArgs,
    /// Format, issue time and salt.
    #[command(flatten)]
    pub issue: IssueArgs,
    /// Credentials.
    #[command(flatten)]
    pub credentials: CredentialArgs,
}

/// `agora-token inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The token (006… or 007…).
    pub token: String,
    /// The time to judge expiry at, unix seconds (default: now).
    #[arg(long, value_name = "UNIX", allow_hyphen_values = true)]
    pub now: Option<String>,
}

/// Who a verified token should be for.
#[derive(Debug, Args)]
pub struct ExpectedUserArgs {
    /// The uid the client joins with (RTC; 0 matches only a wildcard token).
    #[arg(
        long,
        value_name = "N",
        allow_hyphen_values = true,
        conflicts_with = "account"
    )]
    pub uid: Option<String>,
    /// The account the client joins with (RTC, Streaming, FCDN).
    #[arg(long, value_name = "S")]
    pub account: Option<String>,
    /// The RTM, RTM2 or Chat user id the client logs in with (for a 006 RTM token: the
    /// user id its signature covers).
    #[arg(long, value_name = "U")]
    pub user_id: Option<String>,
}

/// `agora-token verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The token (006… or 007…).
    pub token: String,
    /// The app certificate to check the signature with. Never printed.
    #[arg(
        long,
        env = "AGORA_APP_CERTIFICATE",
        hide_env_values = true,
        value_name = "HEX32"
    )]
    pub app_certificate: Option<String>,
    /// The project's other certificate, during a certificate rotation: a token signed with
    /// either verifies, and the output's `certificate` says which (0: --app-certificate,
    /// 1: this one). Never printed.
    #[arg(
        long,
        env = "AGORA_APP_CERTIFICATE_SECONDARY",
        hide_env_values = true,
        value_name = "HEX32"
    )]
    pub secondary_certificate: Option<String>,
    /// The app id the token must carry.
    #[arg(
        long,
        env = "AGORA_APP_ID",
        hide_env_values = true,
        value_name = "HEX32"
    )]
    pub app_id: Option<String>,
    /// The channel the client joins (needed for 006, whose signature covers it).
    #[arg(long, value_name = "C")]
    pub channel: Option<String>,
    /// The uid, account or (006 RTM) user id.
    #[command(flatten)]
    pub user: ExpectedUserArgs,
    /// The APaaS room uuid the client enters.
    #[arg(long, value_name = "S")]
    pub room_uuid: Option<String>,
    /// The APaaS user uuid the client logs in as.
    #[arg(long, value_name = "S")]
    pub user_uuid: Option<String>,
    /// The time to judge expiry at, unix seconds (default: now).
    #[arg(long, value_name = "UNIX", allow_hyphen_values = true)]
    pub now: Option<String>,
    /// Seconds of clock skew tolerated after the expiry (default 0).
    #[arg(long, value_name = "SECS", allow_hyphen_values = true)]
    pub leeway: Option<String>,
}
