// The readers of agora-token-wasm (the main entry only): their results are the core's serde
// model as plain objects (src/js/reader.rs).
import * as w from './glue.js'
import { ok } from './ok.js'

/** Describes any 006 or 007 token; `now` (unix seconds; default the clock, null none) decides `expired`. */
export const inspectToken = (token, now) => ok(w.inspectToken(token, now))

/**
 * Verifies a token. `appCertificate`: a certificate, an array of them (a rotation: the
 * result's `certificate` is the position of the one that signed the token), or null
 * (everything but the signature is checked).
 */
export const verifyToken = (token, appCertificate, expected) => ok(w.verifyToken(token, appCertificate, expected))
