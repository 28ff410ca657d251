//! RS256 / ES256 / EdDSA signatures with the runtime's WebCrypto (`crypto.subtle`), called
//! from Rust through web-sys. Imported keys are kept per isolate (at most
//! [`IMPORTED_MAX`]), so a key is imported once, not on every request.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, JsonWebKey, SubtleCrypto, WorkerGlobalScope};

use crate::jwt::jwks::{Jwk, PublicKey};
use crate::jwt::Alg;

/// The most imported keys kept per isolate; past it the store starts afresh.
const IMPORTED_MAX: usize = 64;

/// An imported key with the parameters `verify` takes for it.
#[derive(Clone)]
struct Imported {
    key: CryptoKey,
    verify: Object,
}

thread_local! {
    /// Imported keys by algorithm and key material.
    static IMPORTED: RefCell<HashMap<String, Imported>> = RefCell::new(HashMap::new());
}

/// `{ name, [member]: value }` as a plain object.
fn params(name: &str, extra: Option<(&str, &str)>) -> Object {
    let o = Object::new();
    let _ = Reflect::set(&o, &"name".into(), &name.into());
    if let Some((k, v)) = extra {
        let _ = Reflect::set(&o, &k.into(), &v.into());
    }
    o
}

/// The JWK, the import parameters and the verify parameters of `key` for `alg`.
fn describe(key: &PublicKey, alg: Alg) -> Option<(JsonWebKey, Object, Object)> {
    match (key, alg) {
        (PublicKey::Rsa { n, e }, Alg::Rs256) => {
            let jwk = JsonWebKey::new("RSA");
            jwk.set_n(n);
            jwk.set_e(e);
            let name = "RSASSA-PKCS1-v1_5";
            Some((
                jwk,
                params(name, Some(("hash", "SHA-256"))),
                params(name, None),
            ))
        }
        (PublicKey::P256 { x, y }, Alg::Es256) => {
            let jwk = JsonWebKey::new("EC");
            jwk.set_crv("P-256");
            jwk.set_x(x);
            jwk.set_y(y);
            Some((
                jwk,
                params("ECDSA", Some(("namedCurve", "P-256"))),
                params("ECDSA", Some(("hash", "SHA-256"))),
            ))
        }
        (PublicKey::Ed25519 { x }, Alg::EdDsa) => {
            let jwk = JsonWebKey::new("OKP");
            jwk.set_crv("Ed25519");
            jwk.set_x(x);
            Some((jwk, params("Ed25519", None), params("Ed25519", None)))
        }
        _ => None,
    }
}

fn id(key: &PublicKey) -> String {
    match key {
        PublicKey::Rsa { n, e } => format!("RS256.{n}.{e}"),
        PublicKey::P256 { x, y } => format!("ES256.{x}.{y}"),
        PublicKey::Ed25519 { x } => format!("EdDSA.{x}"),
    }
}

/// Whether `signature` is `alg`'s signature of `input` under `key`; a key WebCrypto
/// refuses to import is `false`.
pub(super) async fn verify(key: &Jwk, alg: Alg, input: &[u8], signature: &[u8]) -> bool {
    check(key, alg, input, signature).await.unwrap_or(false)
}

async fn check(key: &Jwk, alg: Alg, input: &[u8], signature: &[u8]) -> Option<bool> {
    let subtle: SubtleCrypto = js_sys::global()
        .unchecked_into::<WorkerGlobalScope>()
        .crypto()
        .ok()?
        .subtle();
    let id = id(&key.key);
    let cached = IMPORTED.with(|m| m.borrow().get(&id).cloned());
    let imported = match cached {
        Some(k) => k,
        None => {
            // The JWK and the parameters are built only to import: a cached key needs none.
            let (jwk, import, verify) = describe(&key.key, alg)?;
            let usages = Array::of1(&JsValue::from_str("verify"));
            let promise = subtle
                .import_key_with_object("jwk", &jwk, &import, false, &usages)
                .ok()?;
            let key: CryptoKey = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
            let imported = Imported { key, verify };
            IMPORTED.with(|m| {
                let mut m = m.borrow_mut();
                if m.len() >= IMPORTED_MAX {
                    m.clear();
                }
                m.insert(id, imported.clone());
            });
            imported
        }
    };
    // WebCrypto copies both views when it is called, before any await.
    let promise = subtle
        .verify_with_object_and_u8_array_and_u8_array(
            &imported.verify,
            &imported.key,
            signature,
            input,
        )
        .ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}
