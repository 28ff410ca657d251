//! The server's platform with natives: signatures with RustCrypto (`rsa`, `p256`,
//! `ed25519-dalek`), and [`Local`], a platform whose clock, salts, JWKS and rate limiter
//! the caller sets, for the handler tests and the fuzz target; plus a one-poll executor.
//!
//! These crates are native-only dependencies: the Worker's wasm module verifies with the
//! runtime's WebCrypto instead and never links them.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::audit::DataPoint;
use crate::jwt::jwks::{Jwk, PublicKey};
use crate::jwt::Alg;
use crate::platform::{FetchError, Platform};

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
    /// Whether `sig` is `alg`'s signature of `input` under `key`.
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

type SaltFn = Box<dyn FnMut() -> Option<u32>>;
type JwksFn = Box<dyn Fn(&str) -> Result<Vec<u8>, FetchError>>;
type LimitFn = Box<dyn FnMut(&str) -> bool>;

/// A platform for tests and fuzzing: a settable clock, salts counting up from 1 (or a
/// given source), a JWKS from a given function (none: every fetch fails), no rate limit
/// (or a given one), RustCrypto signatures; the audit lines and metrics data points are
/// kept for the test to read. Every future it returns is ready at once, so [`block_on`]
/// runs the handler to its answer.
pub struct Local {
    now: Cell<Option<u32>>,
    salts: RefCell<SaltFn>,
    jwks: JwksFn,
    limiter: RefCell<LimitFn>,
    audit: RefCell<Vec<String>>,
    metrics: RefCell<Vec<DataPoint>>,
}

impl Local {
    /// The clock at `now`, salts 1, 2, 3, …, no JWKS, no limit.
    pub fn at(now: u32) -> Self {
        let mut next = 0u32;
        Self {
            now: Cell::new(Some(now)),
            salts: RefCell::new(Box::new(move || {
                next = next % 99_999_999 + 1;
                Some(next)
            })),
            jwks: Box::new(|_| Err(FetchError("no JWKS endpoint in this test"))),
            limiter: RefCell::new(Box::new(|_| true)),
            audit: RefCell::new(Vec::new()),
            metrics: RefCell::new(Vec::new()),
        }
    }

    /// The audit lines written so far, emptied.
    pub fn take_audit(&self) -> Vec<String> {
        self.audit.take()
    }

    /// The metrics data points recorded so far, emptied.
    pub fn take_metrics(&self) -> Vec<DataPoint> {
        self.metrics.take()
    }

    /// Sets the clock (`None`: unavailable).
    pub fn set_now(&self, now: Option<u32>) {
        self.now.set(now);
    }

    /// The salts come from `salts`.
    #[must_use]
    pub fn with_salts(self, salts: impl FnMut() -> Option<u32> + 'static) -> Self {
        *self.salts.borrow_mut() = Box::new(salts);
        self
    }

    /// The JWKS body comes from `jwks(url)`.
    #[must_use]
    pub fn with_jwks(
        mut self,
        jwks: impl Fn(&str) -> Result<Vec<u8>, FetchError> + 'static,
    ) -> Self {
        self.jwks = Box::new(jwks);
        self
    }

    /// The rate limiter answers `limiter(key)` (`true`: within the limit).
    #[must_use]
    pub fn with_limiter(self, limiter: impl FnMut(&str) -> bool + 'static) -> Self {
        *self.limiter.borrow_mut() = Box::new(limiter);
        self
    }
}

impl Platform for Local {
    fn now(&self) -> Option<u32> {
        self.now.get()
    }

    fn salt(&self) -> Option<u32> {
        (self.salts.borrow_mut())()
    }

    fn fetch_jwks(&self, url: &str) -> impl Future<Output = Result<Vec<u8>, FetchError>> {
        std::future::ready((self.jwks)(url))
    }

    fn verify_signature(
        &self,
        key: &Jwk,
        alg: Alg,
        input: &[u8],
        signature: &[u8],
    ) -> impl Future<Output = bool> {
        std::future::ready(RustCrypto::check(key, alg, input, signature))
    }

    fn within_rate_limit(&self, key: &str) -> impl Future<Output = bool> {
        std::future::ready((self.limiter.borrow_mut())(key))
    }

    fn audit(&self, line: &str) {
        self.audit.borrow_mut().push(line.to_owned());
    }

    fn record_metric(&self, point: &DataPoint) {
        self.metrics.borrow_mut().push(point.clone());
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
