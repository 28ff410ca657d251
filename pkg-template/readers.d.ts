// The readers of agora-token-wasm (pkg-template/js/readers.js): the main entry only.

/**
 * Describes any 006 or 007 token as a plain object. `now` (unix seconds, default the
 * current time) decides `expired`.
 */
export declare function inspectToken(token: string, now?: number | null): TokenInfo;

/**
 * Verifies a token with the core's one verification: the signature under `appCertificate`
 * (an array of certificates during a rotation, the primary first: the result's
 * `certificate` says which one signed the token; `null`: not checked, and an otherwise
 * acceptable token is refused with `SIGNATURE_NOT_CHECKED`), and what the caller expects (`appId`, `channelName`,
 * `uid`/`account`/`user`, `userId`, `roomUuid`, `userUuid`, `now`, `leeway`). A malformed
 * token is not an exception: it gives `{ valid: false, reason: "MALFORMED" }`.
 *
 * A 006 RTM token is verified by its user id: `verifyToken(token, cert, { userId: "alice" })`.
 */
export declare function verifyToken(token: string, appCertificate: string | readonly string[] | null, expected?: VerifyExpectations): Verification;
