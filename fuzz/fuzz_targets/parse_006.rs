//! The 006 parser, and verification of whatever parses, on arbitrary input.
#![no_main]

use agora_token::{v006, AppCertificate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Both the raw text and a well-prefixed variant, so the fuzzer reaches the body quickly.
    for candidate in [
        text.to_string(),
        format!("006970CA35de60c44645bbae8a215061b33{text}"),
    ] {
        if let Ok(token) = v006::Token::parse(&candidate) {
            let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").ok();
            if let Some(cert) = cert {
                let _ = token.verify(&cert, "channel", "42");
            }
        }
    }
});
