// Generated from the Rust core by src/js/vocab.rs (pkg-template/build.sh runs it;
// `cargo test --all-features` fails when this file is not current). Do not edit.
// The options buildRtcToken takes (src/js/headline.rs `known::RTC`).
export const RTC_OPTIONS = ['appId', 'appCertificate', 'channelName', 'uid', 'account', 'role', 'expiresIn', 'expiresAt', 'privileges', 'version', 'issuedAt', 'salt']
