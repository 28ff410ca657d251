//! The native signature backend (RustCrypto `rsa`, `p256`, `ed25519-dalek`) and a
//! one-poll executor, for the handler tests, the fuzz target and the CLI-side tools.
//!
//! These crates are native-only dependencies: the Worker's wasm module verifies with the
//! runtime's WebCrypto instead and never links them (see the module docs of
//! [`crate::jwt`]).

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::jwks::{Jwk, PublicKey};
use super::verify::SignatureBackend;
use super::Alg;

/// RS256 / ES256 / EdDSA with RustCrypto.
#[derive(Debug, Clone, Copy, Default)]
pub struct RustCrypto;

fn b64(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s).ok()
}

fn b64_32(s: &str) -> Option<[u8; 32]> {
    b64(s)?.try_into().ok()
}

fn rs256(n: &str, e: &str, input: &[u8], sig: &[u8]) -> Option<bool> {
    use rsa::signature::Verifier;
    let key = rsa::RsaPublicKey::new_with_max_size(
        rsa::BigUint::from_bytes_be(&b64(n)?),
        rsa::BigUint::from_bytes_be(&b64(e)?),
        8192,
    )
    .ok()?;
    let vk = rsa::pkcs1v15::VerifyingKey::<sha2_rsa::Sha256>::new(key);
    let sig = rsa::pkcs1v15::Signature::try_from(sig).ok()?;
    Some(vk.verify(input, &sig).is_ok())
}

fn es256(x: &str, y: &str, input: &[u8], sig: &[u8]) -> Option<bool> {
    use p256::ecdsa::signature::Verifier;
    let point =
        p256::EncodedPoint::from_affine_coordinates(&b64_32(x)?.into(), &b64_32(y)?.into(), false);
    let vk = p256::ecdsa::VerifyingKey::from_encoded_point(&point).ok()?;
    let sig = p256::ecdsa::Signature::from_slice(sig).ok()?;
    Some(vk.verify(input, &sig).is_ok())
}

fn ed25519(x: &str, input: &[u8], sig: &[u8]) -> Option<bool> {
    let vk = ed25519_dalek::VerifyingKey::from_bytes(&b64_32(x)?).ok()?;
    let sig = ed25519_dalek::Signature::from_slice(sig).ok()?;
    Some(vk.verify_strict(input, &sig).is_ok())
}

impl RustCrypto {
    /// The synchronous check behind [`SignatureBackend::verify`].
    pub fn check(key: &Jwk, alg: Alg, input: &[u8], sig: &[u8]) -> bool {
        let ok = match (&key.key, alg) {
            (PublicKey::Rsa { n, e }, Alg::Rs256) => rs256(n, e, input, sig),
            (PublicKey::P256 { x, y }, Alg::Es256) => es256(x, y, input, sig),
            (PublicKey::Ed25519 { x }, Alg::EdDsa) => ed25519(x, input, sig),
            _ => None,
        };
        ok.unwrap_or(false)
    }
}

impl SignatureBackend for RustCrypto {
    fn verify(
        &self,
        key: &Jwk,
        alg: Alg,
        signing_input: &[u8],
        signature: &[u8],
    ) -> impl Future<Output = bool> {
        std::future::ready(Self::check(key, alg, signing_input, signature))
    }
}

/// Runs a future that never waits on anything outside it (the native verification path)
/// to completion with one poll; `None` if it is still pending after that poll.
pub fn block_on<F: Future>(future: F) -> Option<F::Output> {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
}
