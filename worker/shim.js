// The Worker module's entry (appended to wasm-bindgen's `--target web` glue by
// worker/build.sh into worker/build/index.js): instantiate the module once per isolate, then
// hand every request to the Rust `fetch` (worker/src/entry.rs).
//
// It also holds the runtime calls of the JWT mode and the rate limit, which the Rust side
// imports by name (worker/src/jwt/webcrypto.rs, worker/src/ratelimit.rs): each is one
// promise for Rust to await. Written here rather than through web-sys in Rust, because the
// generated glue for these promise chains (the JWKS fetch and its body stream, WebCrypto's
// importKey + verify, the in-flight sharing) was about 11 KB gzipped of the module against
// well under 1 KB of JavaScript (docs/auth.md).
import agoraTokenWorkerWasm from './index_bg.wasm'

initSync({ module: agoraTokenWorkerWasm })

// The longest a JWKS fetch may take, headers and body, in ms; the largest body read (the
// Rust side refuses a larger set too: jwks::MAX_JWKS_BYTES).
const JWKS_TIMEOUT_MS = 5000
const JWKS_MAX_BYTES = 64 * 1024
// The JWKS fetch in flight per URL, shared by the isolate's concurrent requests; the
// fetch clears its slot itself when it settles.
const jwksInFlight = new Map()

async function jwksBody (url) {
  const response = await globalThis.fetch(url, { method: 'GET', signal: AbortSignal.timeout(JWKS_TIMEOUT_MS) })
  if (!response.ok) throw new Error('the JWKS endpoint answered an error status')
  const declared = Number(response.headers.get('content-length'))
  if (declared > JWKS_MAX_BYTES) throw new Error('the JWKS response is too large')
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.length
    if (length > JWKS_MAX_BYTES) {
      reader.cancel().catch(() => {})
      throw new Error('the JWKS response is too large')
    }
    chunks.push(value)
  }
  const body = new Uint8Array(length)
  let at = 0
  for (const c of chunks) { body.set(c, at); at += c.length }
  return body
}

// The JWKS body at `url` (a Uint8Array), or null when it could not be had (down, timed
// out, an error status, too large): never rejects.
function agoraJwksFetch (url) {
  let p = jwksInFlight.get(url)
  if (!p) {
    p = jwksBody(url).catch(() => null).finally(() => jwksInFlight.delete(url))
    jwksInFlight.set(url, p)
  }
  return p
}

// Keys already imported into WebCrypto, by algorithm and key material (bounded).
const importedKeys = new Map()
const IMPORTED_MAX = 64

// Whether `sig` is the `alg` (RS256, ES256, EdDSA) signature of `input` under the public key
// (RSA: a = n, b = e; P-256: a = x, b = y; Ed25519: a = x), all base64url from the JWKS.
// Resolves to a boolean, never rejects (a key WebCrypto refuses is `false`).
function agoraJwsVerify (alg, a, b, sig, input) {
  // Copies: the views point into the wasm memory, which the awaits below may move.
  sig = sig.slice()
  input = input.slice()
  const id = alg + '.' + a + '.' + b
  let params
  let jwk
  if (alg === 'RS256') {
    params = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    jwk = { kty: 'RSA', n: a, e: b }
  } else if (alg === 'ES256') {
    params = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
    jwk = { kty: 'EC', crv: 'P-256', x: a, y: b }
  } else if (alg === 'EdDSA') {
    params = { name: 'Ed25519' }
    jwk = { kty: 'OKP', crv: 'Ed25519', x: a }
  } else {
    return Promise.resolve(false)
  }
  let key = importedKeys.get(id)
  if (!key) {
    if (importedKeys.size >= IMPORTED_MAX) importedKeys.clear()
    key = crypto.subtle.importKey('jwk', jwk, params, false, ['verify'])
    importedKeys.set(id, key)
    key.catch(() => importedKeys.delete(id))
  }
  return key.then(k => crypto.subtle.verify(params, k, sig, input)).then(ok => ok === true, () => false)
}

// Whether `key` is within the `TOKEN_RATE_LIMITER` binding's limit. No binding, or a
// binding that fails, limits nothing (the limiter protects capacity; it does not
// authenticate callers).
function agoraRateLimit (env, key) {
  const limiter = env && env.TOKEN_RATE_LIMITER
  if (!limiter || typeof limiter.limit !== 'function') return Promise.resolve(true)
  return Promise.resolve()
    .then(() => limiter.limit({ key }))
    .then(outcome => !(outcome && outcome.success === false), () => true)
}

export default {
  fetch (request, env) {
    return fetch(request, env)
  }
}
