// The headline RTC builder, buildRtcToken: its options are checked here for their JavaScript
// types and passed as primitives to the positional export `rtcToken` (src/js/exports.rs),
// because reading them with serde costs this hot path more than the boundary allows
// (docs/js-boundary.md). The checks follow the serde reader's rules (src/js/options.rs):
// a plain object only, each property read once, `undefined` absent, an unknown property
// named, a wrong type naming the field and the type it wants, the core's code per field.
import * as w from './glue.js'
import { VOCABULARY } from '../generated/vocab.js'
import { RTC_OPTIONS as KEYS } from '../generated/options.js'
import { ok } from './ok.js'
import { E, U32, fail, get, str, u32, wrongType } from './checks.js'

// How the user and the lifetime are passed (src/js/boundary.rs).
const USER = VOCABULARY.boundary.user
const LIFE = VOCABULARY.boundary.life
// The RTC privileges in wire order: the four lifetimes the export takes.
const RTC_PRIVILEGES = Object.keys(VOCABULARY.services.rtc.privileges)

// A plain object's prototype is `Object.prototype` (of any realm) or null.
function plain (field, v) {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) wrongType(E.invalidField, field, 'an object', v)
  const proto = Object.getPrototypeOf(v)
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    fail(E.invalidField, field, 'must be a plain object ({ … }), not a Map or a class instance')
  }
  return v
}

// An unknown property `k` of the object named `field`, which takes `allowed`.
function unknown (field, k, allowed) {
  if (k.length <= 64 && /^[\x21-\x7e]+$/.test(k)) fail(E.invalidField, k, 'is not a known option; expected one of ' + allowed.join(', '))
  fail(E.invalidField, field, 'has an unknown option (a key that is not printable ASCII of at most 64 characters)')
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
    if (!allowed.includes(k)) unknown(field, k, allowed)
    out[k] = value
  }
  return out
}

// The four privilege lifetimes (absent ones 0).
function rtcPrivileges (privileges) {
  const p = read('privileges', privileges, RTC_PRIVILEGES)
  const out = new Uint32Array(RTC_PRIVILEGES.length)
  for (let i = 0; i < RTC_PRIVILEGES.length; i++) {
    const k = RTC_PRIVILEGES[i]
    if (p[k] !== undefined) out[i] = u32(E.invalidExpiry, k, p[k])
  }
  return out
}

function isV006 (version) {
  const v = version === undefined ? undefined : str(E.unsupportedVersion, 'version', version)
  if (v === undefined || v === '007') return false
  if (v === '006') return true
  fail(E.unsupportedVersion, 'version', 'must be "006" or "007"')
}

function isPublisher (role) {
  const r = role === undefined ? undefined : str(E.invalidRole, 'role', role)
  if (r === undefined || r === 'subscriber') return false
  if (r === 'publisher') return true
  fail(E.invalidRole, 'role', 'must be "publisher" or "subscriber"')
}

/** An RTC token in either format (`version`: "007", the default, or "006"). */
export function buildRtcToken (options) {
  // The options read into locals, each property once, without a copy of the object: this
  // is the hottest headline path.
  plain('options', options)
  let appId, appCertificate, channelName, uid, account, role, expiresIn, expiresAt, privileges, version, issuedAt, salt
  const keys = Object.keys(options)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const value = get(options, 'options', k)
    if (value === undefined) continue
    switch (k) {
      case 'appId': appId = value; break
      case 'appCertificate': appCertificate = value; break
      case 'channelName': channelName = value; break
      case 'uid': uid = value; break
      case 'account': account = value; break
      case 'role': role = value; break
      case 'expiresIn': expiresIn = value; break
      case 'expiresAt': expiresAt = value; break
      case 'privileges': privileges = value; break
      case 'version': version = value; break
      case 'issuedAt': issuedAt = value; break
      case 'salt': salt = value; break
      default: unknown('options', k, KEYS)
    }
  }
  const id = str(E.invalidAppId, 'appId', appId)
  const cert = str(E.invalidAppCertificate, 'appCertificate', appCertificate)
  const channel = str(E.invalidChannelName, 'channelName', channelName)
  // The user: an account, a numeric uid, or decimal uid text (USER).
  let userKind = USER.uid
  let uidNumber = 0
  let text
  if (account !== undefined) {
    text = str(E.invalidField, 'account', account)
    if (uid !== undefined) fail(E.invalidUid, 'uid', 'give either uid or account, not both')
    userKind = USER.account
  } else if (typeof uid === 'number') {
    uidNumber = u32(E.invalidUid, 'uid', uid)
  } else if (typeof uid === 'string') {
    userKind = USER.uidText
    text = str(E.invalidUid, 'uid', uid)
  } else if (uid === undefined) {
    fail(E.invalidUid, 'uid', 'is required: give uid (0 = any user) or account')
  } else {
    wrongType(E.invalidUid, 'uid', U32 + ' or a string of decimal digits', uid)
  }
  const publisher = isPublisher(role)
  // The lifetime: expiresIn, expiresAt, or the default of one hour (LIFE).
  let lifeKind = LIFE.default
  let life = 0
  if (expiresIn !== undefined) {
    life = u32(E.invalidExpiry, 'expiresIn', expiresIn)
    lifeKind = LIFE.expiresIn
  }
  if (expiresAt !== undefined) {
    const at = u32(E.invalidExpiry, 'expiresAt', expiresAt)
    if (expiresIn !== undefined) fail(E.invalidExpiry, 'expiresAt', 'give either expiresIn (seconds) or expiresAt (unix time), not both')
    life = at
    lifeKind = LIFE.expiresAt
  }
  const lifetimes = privileges === undefined ? undefined : rtcPrivileges(privileges)
  const v006 = isV006(version)
  const at = issuedAt === undefined ? undefined : u32(E.invalidExpiry, 'issuedAt', issuedAt)
  const s = salt === undefined ? undefined : u32(E.invalidSalt, 'salt', salt)
  return ok(w.rtcToken(id, cert, v006, channel, userKind, uidNumber, text, publisher, lifeKind, life, lifetimes, at, s))
}
