//! The Worker's side of caller JWTs: signatures with the runtime's WebCrypto, the JWKS
//! fetched with the runtime's `fetch`, and the isolate's cache.
//!
//! WebCrypto instead of RustCrypto keeps RSA and elliptic-curve arithmetic out of the
//! module (see [`crate::jwt`]). The runtime calls themselves live in `worker/shim.js`
//! (`agoraJwksFetch`: bounded in time and size, one fetch in flight per isolate and URL;
//! `agoraJwsVerify`: importKey, kept per isolate, then verify): each is one promise here.
//! The same calls written through web-sys were about 11 KB gzipped of generated glue
//! (docs/auth.md); in JavaScript they are well under 1 KB.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::cache::{JwksCache, JwksFetcher};
use super::jwks::{Jwk, JwkSet, PublicKey};
use super::verify::SignatureBackend;
use super::Alg;

#[wasm_bindgen]
extern "C" {
    /// worker/shim.js: the JWKS body (`Uint8Array`), or `null` when it could not be had.
    #[wasm_bindgen(js_name = agoraJwksFetch)]
    fn jwks_fetch(url: &str) -> Promise;
    /// worker/shim.js: whether `sig` is `alg`'s signature of `input` under the key `(a, b)`
    /// (RSA `n`, `e`; P-256 `x`, `y`; Ed25519 `x`, ``), as a boolean promise.
    #[wasm_bindgen(js_name = agoraJwsVerify)]
    fn jws_verify(alg: &str, a: &str, b: &str, sig: &[u8], input: &[u8]) -> Promise;
}

thread_local! {
    /// The JWKS cache of this isolate, for one URL (another URL starts a new cache). It is
    /// shared by concurrent requests; `cache::resolve` never holds a borrow across an await.
    static CACHE: RefCell<Option<(String, Rc<RefCell<JwksCache>>)>> = const { RefCell::new(None) };
}

/// This isolate's cache for `url`.
pub(crate) fn cache_for(url: &str) -> Rc<RefCell<JwksCache>> {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        match c.as_ref() {
            Some((u, cache)) if u == url => Rc::clone(cache),
            _ => {
                let cache = Rc::new(RefCell::new(JwksCache::default()));
                *c = Some((url.to_owned(), Rc::clone(&cache)));
                cache
            }
        }
    })
}

/// RS256 / ES256 / EdDSA with the runtime's `crypto.subtle`.
pub(crate) struct WebCrypto;

impl SignatureBackend for WebCrypto {
    async fn verify(&self, key: &Jwk, alg: Alg, signing_input: &[u8], signature: &[u8]) -> bool {
        if key.key.alg() != alg {
            return false;
        }
        let (a, b) = match &key.key {
            PublicKey::Rsa { n, e } => (n.as_str(), e.as_str()),
            PublicKey::P256 { x, y } => (x.as_str(), y.as_str()),
            PublicKey::Ed25519 { x } => (x.as_str(), ""),
        };
        let promise = jws_verify(alg.name(), a, b, signature, signing_input);
        JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) == Some(true)
    }
}

/// The JWKS of one URL over the runtime's `fetch` (worker/shim.js shares one fetch among
/// the isolate's concurrent requests).
pub(crate) struct Fetcher<'a> {
    /// `AUTH_JWKS_URL`.
    pub url: &'a str,
}

impl JwksFetcher for Fetcher<'_> {
    async fn fetch(&self) -> Result<JwkSet, &'static str> {
        let body = JsFuture::from(jwks_fetch(self.url))
            .await
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .ok_or("the JWKS could not be fetched")?
            .to_vec();
        JwkSet::parse(&body).map_err(|_| "the JWKS response is not a usable key set")
    }
}
