//! The Worker's side of caller JWTs: signatures with the runtime's WebCrypto, the JWKS
//! fetched with the runtime's `fetch` (bounded in time and size, one fetch in flight per
//! isolate), and the isolate's cache.
//!
//! WebCrypto instead of RustCrypto keeps RSA and elliptic-curve arithmetic out of the
//! module (see [`crate::jwt`]); imported keys are kept per isolate, so a request costs
//! one `verify` call.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{
    AbortSignal, CryptoKey, ReadableStreamDefaultReader, RequestInit, Response, SubtleCrypto,
    WorkerGlobalScope,
};

use super::cache::{JwksCache, JwksFetcher};
use super::jwks::{Jwk, JwkSet, PublicKey, MAX_JWKS_BYTES};
use super::verify::SignatureBackend;
use super::Alg;

/// The longest a JWKS fetch may take, headers and body, in milliseconds.
pub const FETCH_TIMEOUT_MS: u32 = 5000;
/// The most imported keys kept per isolate (the cache is emptied past it).
const MAX_IMPORTED: usize = 64;

thread_local! {
    /// The JWKS cache of this isolate, for one URL (another URL starts a new cache). It is
    /// shared by concurrent requests; `cache::resolve` never holds a borrow across an await.
    static CACHE: RefCell<Option<(String, Rc<RefCell<JwksCache>>)>> = const { RefCell::new(None) };
    /// The JWKS fetch in flight, shared by the isolate's concurrent requests.
    static IN_FLIGHT: RefCell<Option<(String, Promise)>> = const { RefCell::new(None) };
    /// Keys already imported into WebCrypto.
    static IMPORTED: RefCell<Vec<(Jwk, CryptoKey)>> = const { RefCell::new(Vec::new()) };
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

fn scope() -> WorkerGlobalScope {
    js_sys::global().unchecked_into::<WorkerGlobalScope>()
}

fn set(o: &Object, k: &str, v: &str) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &JsValue::from_str(v));
}

/// The JWK to import and the import / verify algorithm objects of a key.
fn webcrypto_params(key: &PublicKey) -> (Object, Object, Object) {
    let (jwk, import, verify) = (Object::new(), Object::new(), Object::new());
    match key {
        PublicKey::Rsa { n, e } => {
            set(&jwk, "kty", "RSA");
            set(&jwk, "n", n);
            set(&jwk, "e", e);
            set(&import, "name", "RSASSA-PKCS1-v1_5");
            set(&import, "hash", "SHA-256");
            set(&verify, "name", "RSASSA-PKCS1-v1_5");
        }
        PublicKey::P256 { x, y } => {
            set(&jwk, "kty", "EC");
            set(&jwk, "crv", "P-256");
            set(&jwk, "x", x);
            set(&jwk, "y", y);
            set(&import, "name", "ECDSA");
            set(&import, "namedCurve", "P-256");
            set(&verify, "name", "ECDSA");
            set(&verify, "hash", "SHA-256");
        }
        PublicKey::Ed25519 { x } => {
            set(&jwk, "kty", "OKP");
            set(&jwk, "crv", "Ed25519");
            set(&jwk, "x", x);
            set(&import, "name", "Ed25519");
            set(&verify, "name", "Ed25519");
        }
    }
    (jwk, import, verify)
}

async fn import(subtle: &SubtleCrypto, key: &Jwk, jwk: &Object, alg: &Object) -> Option<CryptoKey> {
    if let Some(k) = IMPORTED.with(|i| {
        i.borrow()
            .iter()
            .find(|(j, _)| j == key)
            .map(|(_, k)| k.clone())
    }) {
        return Some(k);
    }
    let usages = js_sys::Array::of1(&JsValue::from_str("verify"));
    let promise = subtle
        .import_key_with_object("jwk", jwk, alg, false, &usages)
        .ok()?;
    let imported: CryptoKey = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    IMPORTED.with(|i| {
        let mut i = i.borrow_mut();
        if i.len() >= MAX_IMPORTED {
            i.clear();
        }
        i.push((key.clone(), imported.clone()));
    });
    Some(imported)
}

/// RS256 / ES256 / EdDSA with the runtime's `crypto.subtle`.
pub(crate) struct WebCrypto;

impl SignatureBackend for WebCrypto {
    async fn verify(&self, key: &Jwk, alg: Alg, signing_input: &[u8], signature: &[u8]) -> bool {
        {
            if key.key.alg() != alg {
                return false;
            }
            let Ok(crypto) = scope().crypto() else {
                return false;
            };
            let subtle = crypto.subtle();
            let (jwk, import_alg, verify_alg) = webcrypto_params(&key.key);
            let Some(crypto_key) = import(&subtle, key, &jwk, &import_alg).await else {
                return false;
            };
            let Ok(promise) = subtle.verify_with_object_and_u8_array_and_u8_array(
                &verify_alg,
                &crypto_key,
                signature,
                signing_input,
            ) else {
                return false;
            };
            matches!(
                JsFuture::from(promise).await.map(|v| v.as_bool()),
                Ok(Some(true))
            )
        }
    }
}

/// Fetches `url` with a time bound, reading at most [`MAX_JWKS_BYTES`] of the body.
async fn fetch_body(url: String) -> Result<Vec<u8>, &'static str> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_signal(Some(&AbortSignal::timeout_with_u32(FETCH_TIMEOUT_MS)));
    let response: Response = JsFuture::from(scope().fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| "the JWKS fetch failed or timed out")?
        .dyn_into()
        .map_err(|_| "the JWKS fetch returned no response")?;
    if !response.ok() {
        return Err("the JWKS endpoint answered an error status");
    }
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_JWKS_BYTES) {
        return Err("the JWKS response is too large");
    }
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| "the JWKS body is not readable")?;
    let mut body = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| "the JWKS body failed or timed out")?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) {
            if let Ok(bytes) = value.dyn_into::<Uint8Array>() {
                if body.len() + bytes.length() as usize > MAX_JWKS_BYTES {
                    let _ = reader.cancel();
                    return Err("the JWKS response is too large");
                }
                body.extend_from_slice(&bytes.to_vec());
            }
        }
    }
    Ok(body)
}

/// The JWKS of one URL over the runtime's `fetch`; concurrent requests of the isolate
/// await the same fetch.
pub(crate) struct Fetcher<'a> {
    /// `AUTH_JWKS_URL`.
    pub url: &'a str,
}

impl JwksFetcher for Fetcher<'_> {
    fn fetch(&self) -> impl Future<Output = Result<JwkSet, &'static str>> {
        let url = self.url.to_owned();
        async move {
            let shared = IN_FLIGHT.with(|f| {
                f.borrow()
                    .as_ref()
                    .filter(|(u, _)| *u == url)
                    .map(|(_, p)| p.clone())
            });
            let promise = match shared {
                Some(p) => p,
                None => {
                    let target = url.clone();
                    // The fetch runs on its own (spawned), and clears the slot itself when it
                    // settles: a request that started it and went away (a client that hung
                    // up) leaves no stale promise behind for the others.
                    let p = future_to_promise(async move {
                        let body = fetch_body(target.clone()).await;
                        IN_FLIGHT.with(|f| {
                            let mut f = f.borrow_mut();
                            if f.as_ref().is_some_and(|(u, _)| *u == target) {
                                *f = None;
                            }
                        });
                        body.map(|b| Uint8Array::from(b.as_slice()).into())
                            .map_err(JsValue::from_str)
                    });
                    IN_FLIGHT.with(|f| *f.borrow_mut() = Some((url.clone(), p.clone())));
                    p
                }
            };
            let outcome = JsFuture::from(promise).await;
            let body = outcome
                .ok()
                .and_then(|v| v.dyn_into::<Uint8Array>().ok())
                .ok_or("the JWKS could not be fetched")?
                .to_vec();
            JwkSet::parse(&body).map_err(|_| "the JWKS response is not a usable key set")
        }
    }
}
