// The headline RTC builder, buildRtcToken: its options are checked here for their JavaScript
// types and passed as primitives to the positional export `rtcToken` (src/js/exports.rs),
// because reading them with serde costs this hot path more than the boundary allows
// (docs/js-boundary.md). The checks follow the serde reader's rules (src/js/options.rs):
// a plain object only, each property read once, `undefined` absent, an unknown property
// named, a wrong type naming the field and the type it wants, the core's code per field.
import * as w from './glue.js'
import { VOCABULARY } from '../generated/vocab.js'
import { ok } from './ok.js'
import { E, U32, fail, get, str, u32, wrongType } from './checks.js'

// How the user and the lifetime are passed (src/js/boundary.rs).
const USER = VOCABULARY.boundary.user
const LIFE = VOCABULARY.boundary.life
// The RTC privileges in wire order: the four lifetimes the export takes.
const RTC_PRIVILEGES = Object.keys(VOCABULARY.services.rtc.privileges)
const KEYS = ['appId', 'appCertificate', 'channelName', 'uid', 'account', 'role', 'expiresIn', 'expiresAt', 'privileges', 'version', 'issuedAt', 'salt']

// A plain object's prototype is `Object.prototype` (of any realm) or null.
function plain (field, v) {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) wrongType(E.invalidField, field, 'an object', v)
  const proto = Object.getPrototypeOf(v)
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    fail(E.invalidField, field, 'must be a plain object ({ … }), not a Map or a class instance')
  }
  return v
}

// The own enumerable properties of plain object `v` (named `field`) that are in `allowed`,
// each read once; `undefined` ones are absent.
function read (field, v, allowed) {
  plain(field, v)
  const out = {}
  const keys = Object.keys(v)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const value = get(v, field, k)
    if (value === undefined) continue
    if (!allowed.includes(k)) {
      if (k.length <= 64 && /^[\x21-\x7e]+$/.test(k)) fail(E.invalidField, k, 'is not a known option; expected one of ' + allowed.join(', '))
      fail(E.invalidField, field, 'has an unknown option (a key that is not printable ASCII of at most 64 characters)')
    }
    out[k] = value
  }
  return out
}

const optU32 = (o, code, key) => (o[key] === undefined ? undefined : u32(code, key, o[key]))
const optStr = (o, code, key) => (o[key] === undefined ? undefined : str(code, key, o[key]))

// [lifeKind, value] (LIFE: expiresIn, expiresAt, or the default of one hour).
function expiry (o) {
  const expiresIn = optU32(o, E.invalidExpiry, 'expiresIn')
  const expiresAt = optU32(o, E.invalidExpiry, 'expiresAt')
  if (expiresIn !== undefined && expiresAt !== undefined) {
    fail(E.invalidExpiry, 'expiresAt', 'give either expiresIn (seconds) or expiresAt (unix time), not both')
  }
  if (expiresIn !== undefined) return [LIFE.expiresIn, expiresIn]
  if (expiresAt !== undefined) return [LIFE.expiresAt, expiresAt]
  return [LIFE.default, 0]
}

// [userKind, uid, text] (USER: a numeric uid, decimal uid text, or an account).
function rtcUser (o) {
  const uid = o.uid
  const account = optStr(o, E.invalidField, 'account')
  if (uid !== undefined && account !== undefined) fail(E.invalidUid, 'uid', 'give either uid or account, not both')
  if (account !== undefined) return [USER.account, 0, account]
  if (uid === undefined) fail(E.invalidUid, 'uid', 'is required: give uid (0 = any user) or account')
  if (typeof uid === 'number') return [USER.uid, u32(E.invalidUid, 'uid', uid), '']
  if (typeof uid === 'string') return [USER.uidText, 0, str(E.invalidUid, 'uid', uid)]
  wrongType(E.invalidUid, 'uid', U32 + ' or a string of decimal digits', uid)
}

// The four privilege lifetimes (absent ones 0), or undefined without `privileges`.
function rtcPrivileges (o) {
  if (o.privileges === undefined) return undefined
  const p = read('privileges', o.privileges, RTC_PRIVILEGES)
  const out = new Uint32Array(RTC_PRIVILEGES.length)
  for (let i = 0; i < RTC_PRIVILEGES.length; i++) {
    const k = RTC_PRIVILEGES[i]
    if (p[k] !== undefined) out[i] = u32(E.invalidExpiry, k, p[k])
  }
  return out
}

function isV006 (o) {
  const v = optStr(o, E.unsupportedVersion, 'version')
  if (v === undefined || v === '007') return false
  if (v === '006') return true
  fail(E.unsupportedVersion, 'version', 'must be "006" or "007"')
}

function isPublisher (o) {
  const r = optStr(o, E.invalidRole, 'role')
  if (r === undefined || r === 'subscriber') return false
  if (r === 'publisher') return true
  fail(E.invalidRole, 'role', 'must be "publisher" or "subscriber"')
}

/** An RTC token in either format (`version`: "007", the default, or "006"). */
export function buildRtcToken (options) {
  const o = read('options', options, KEYS)
  const appId = str(E.invalidAppId, 'appId', o.appId)
  const cert = str(E.invalidAppCertificate, 'appCertificate', o.appCertificate)
  const channel = str(E.invalidChannelName, 'channelName', o.channelName)
  const [userKind, uid, text] = rtcUser(o)
  const publisher = isPublisher(o)
  const [lifeKind, life] = expiry(o)
  const privileges = rtcPrivileges(o)
  const v006 = isV006(o)
  const issuedAt = optU32(o, E.invalidExpiry, 'issuedAt')
  const salt = optU32(o, E.invalidSalt, 'salt')
  return ok(w.rtcToken(appId, cert, v006, channel, userKind, uid, text, publisher, lifeKind, life, privileges, issuedAt, salt))
}
