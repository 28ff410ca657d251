//! The 007 parser, including base64 and bounded inflate, on arbitrary input; and the
//! payload parser directly on arbitrary bytes (what a valid zlib stream could contain).
#![no_main]

use agora_token::v007::ParsedToken2;
use agora_token::AppCertificate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").ok();
    let text = String::from_utf8_lossy(data);
    if let Ok(t) = ParsedToken2::parse(&text) {
        if let Some(c) = &cert {
            let _ = t.verify(c);
        }
    }
    if let Ok(t) = ParsedToken2::from_payload(data) {
        if let Some(c) = &cert {
            let _ = t.verify(c);
        }
        let _ = t.token.validate();
    }
});
