// The headline builders of agora-token-wasm: each hands the caller's options object to wasm,
// which reads it with serde into one Rust options type (src/js/options.rs) and applies every
// rule of the core; buildRtcToken keeps a positional export (js/rtc.js).
import * as w from './glue.js'
import { ok } from './ok.js'
export { buildRtcToken } from './rtc.js'

export const buildRtmToken = options => ok(w.buildRtmToken(options))
export const buildChatUserToken = options => ok(w.buildChatUserToken(options))
export const buildChatAppToken = options => ok(w.buildChatAppToken(options))
export const buildFpaToken = options => ok(w.buildFpaToken(options))
export const buildApaasRoomUserToken = options => ok(w.buildApaasRoomUserToken(options))
export const buildApaasUserToken = options => ok(w.buildApaasUserToken(options))
export const buildApaasAppToken = options => ok(w.buildApaasAppToken(options))
export const buildRtcRtmToken = options => ok(w.buildRtcRtmToken(options))
export const buildRtmPermissionsToken = options => ok(w.buildRtmPermissionsToken(options))
export const buildToken = options => ok(w.buildToken(options))
