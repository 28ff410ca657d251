// The drop-in classes of agora-token-wasm: the exports of npm agora-access-token 2.0.4 (006)
// and agora-token 2.0.6 (007), by their positional signatures, over the wasm exports that
// take primitives (src/js/exports.rs).
//
// Their arguments are checked here for their JavaScript types (a string is a string of
// well-formed UTF-16 and at most 65,536 code units, a number is an integer in range;
// `undefined` is absent) and passed as primitives; every value rule is the core's, applied
// in wasm. Errors are `Error`s with a stable `code` and the `field` they name, message
// `field: rule`.
import * as w from './glue.js'
import { VOCABULARY as vocabulary } from '../generated/vocab.js'
import { ok } from './ok.js'
import { E, U32, fail, get, i16, str, u32, wrongType } from './checks.js'


// The codes the drop-in classes pass (src/js/boundary.rs): the 007 builders behind the
// one wasm export `token007`, and how a user and a lifetime are passed.
const P = vocabulary.boundary.preset
const USER = vocabulary.boundary.user
const LIFE = vocabulary.boundary.life

// A `token007` builder without an RTC user: `text` is its user id, user uuid or room uuid
// (or ''), `text2` and `role` the APaaS room user's uuid and role.
function preset (kind, appId, cert, text, lifeKind, life, issuedAt, salt, text2 = '', role = 0) {
  return ok(w.token007(kind, appId, cert, text, text2, USER.uid, 0, role, lifeKind, life, 0, undefined, undefined, undefined, issuedAt, salt))
}

const seconds = (field, v) => u32(E.invalidExpiry, field, v)
const secondsOrZero = (field, v) => (v === undefined || v === null ? 0 : seconds(field, v))

// ---- the arguments of the drop-in classes ------------------------------------------
//
// npm agora-token declares uid, account, userId and userUuid as `string | number` and
// turns a number into its decimal text (0 into '', the wildcard). Here a number must be an
// integer in 0..=4294967295 (anything else would be signed as text such as "1.5" or "-1").

// The user of a uid builder, [userKind, uid, text]: a number, or text, which the core reads
// as the official builders do (RtcUser::from_uid_text: '0' and '007' are accounts).
function dropInUid (field, v) {
  if (typeof v === 'number') return [USER.uid, u32(E.invalidUid, field, v), '']
  if (typeof v === 'string') return [USER.uidOrAccount, 0, str(E.invalidUid, field, v)]
  wrongType(E.invalidUid, field, U32 + ' or a string of decimal digits', v)
}

// The user of an account builder, [userKind, uid, text]: a string account, or a number,
// which is that uid (agora-token signs `${account}`, and 0 as '').
function dropInAccount (field, v) {
  if (typeof v === 'number') return [USER.uid, u32(E.invalidUid, field, v), '']
  if (typeof v !== 'string') wrongType(E.invalidField, field, 'a string or ' + U32, v)
  return [USER.account, 0, str(E.invalidField, field, v)]
}

// An RTM, Chat or APaaS user id (userId, userUuid, rtmUserId): a string, or a number,
// which is its decimal text (0: '', which only the services that allow no user accept).
function idText (field, v) {
  if (typeof v === 'number') return u32(E.invalidField, field, v) === 0 ? '' : String(v)
  if (typeof v !== 'string') wrongType(E.invalidField, field, 'a string or ' + U32, v)
  return str(E.invalidField, field, v)
}

// ---- the optional last argument of the drop-in classes ------------------------------

// `{ issuedAt?, salt? }`: [issuedAt, salt], each undefined when absent.
function reproducible (v) {
  if (v === undefined || v === null) return [undefined, undefined]
  if (typeof v !== 'object' || Array.isArray(v)) wrongType(E.invalidField, 'reproducible', 'an object', v)
  const keys = Object.keys(v)
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== 'issuedAt' && keys[i] !== 'salt') {
      const k = keys[i]
      const shown = k.length <= 64 && /^[\x21-\x7e]+$/.test(k) ? ' "' + k + '"' : ''
      fail(E.invalidField, 'reproducible', 'has an unknown option' + shown + '; the options are issuedAt, salt')
    }
  }
  const issuedAt = get(v, 'reproducible', 'issuedAt')
  const salt = get(v, 'reproducible', 'salt')
  return [issuedAt === undefined ? undefined : u32(E.invalidExpiry, 'issuedAt', issuedAt),
    salt === undefined ? undefined : u32(E.invalidSalt, 'salt', salt)]
}


// ---- drop-in classes -------------------------------------------------------------

function creds (appId, appCertificate) {
  str(E.invalidAppId, 'appId', appId)
  str(E.invalidAppCertificate, 'appCertificate', appCertificate)
}

const roleId = v => u32(E.invalidRole, 'role', v)

function rtc006 (appId, appCertificate, channelName, [userKind, uid, account], role, expiredTs, repro) {
  str(E.invalidChannelName, 'channelName', channelName)
  roleId(role)
  seconds('privilegeExpiredTs', expiredTs)
  const [issuedAt, salt] = reproducible(repro)
  return ok(w.rtc006(appId, appCertificate, channelName, userKind, uid, account, role, expiredTs, issuedAt, salt))
}

function rtc007 (appId, appCertificate, channelName, [userKind, uid, account], role, tokenExpire, privilegeExpire, repro) {
  str(E.invalidChannelName, 'channelName', channelName)
  roleId(role)
  seconds('tokenExpire', tokenExpire)
  const p = secondsOrZero('privilegeExpire', privilegeExpire)
  const [issuedAt, salt] = reproducible(repro)
  return ok(w.token007(P.rtc, appId, appCertificate, channelName, account, userKind, uid, role, LIFE.asGiven, tokenExpire, p, undefined, undefined, undefined, issuedAt, salt))
}

function privilegeSet (join, audio, video, data) {
  return new Uint32Array([
    seconds('joinChannelPrivilegeExpire', join),
    seconds('pubAudioPrivilegeExpire', audio),
    seconds('pubVideoPrivilegeExpire', video),
    seconds('pubDataStreamPrivilegeExpire', data)
  ])
}

function rtc007Privileges (appId, appCertificate, channelName, [userKind, uid, account], tokenExpire, join, audio, video, data, repro) {
  str(E.invalidChannelName, 'channelName', channelName)
  seconds('tokenExpire', tokenExpire)
  const p = privilegeSet(join, audio, video, data)
  const [issuedAt, salt] = reproducible(repro)
  return ok(w.token007(P.rtcPrivileges, appId, appCertificate, channelName, account, userKind, uid, 0, LIFE.asGiven, tokenExpire, 0, p, undefined, undefined, issuedAt, salt))
}

/** The 006 RTC roles of the seed package and npm `agora-access-token`. */
export const RtcRole = Object.freeze({ ATTENDEE: 0, PUBLISHER: 1, SUBSCRIBER: 2, ADMIN: 101 })
/** The RTC roles of npm `agora-token`'s 007 builders. */
export const RtcRole2 = Object.freeze({ PUBLISHER: 1, SUBSCRIBER: 2 })
/** The 006 RTM role of the seed package and npm `agora-access-token`. */
export const RtmRole = Object.freeze({ Rtm_User: 1 })

/** 006 RTC tokens, as the seed package's and npm `agora-access-token`'s `RtcTokenBuilder`. */
export class RtcTokenBuilder {
  static buildTokenWithUid (appId, appCertificate, channelName, uid, role, privilegeExpiredTs, repro) {
    creds(appId, appCertificate)
    return rtc006(appId, appCertificate, channelName, dropInUid('uid', uid), role, privilegeExpiredTs, repro)
  }

  static buildTokenWithAccount (appId, appCertificate, channelName, account, role, privilegeExpiredTs, repro) {
    creds(appId, appCertificate)
    return rtc006(appId, appCertificate, channelName, dropInAccount('account', account), role, privilegeExpiredTs, repro)
  }
}

/** 006 RTM tokens, as the seed package's and npm `agora-access-token`'s `RtmTokenBuilder`. */
export class RtmTokenBuilder {
  static buildToken (appId, appCertificate, userAccount, role, privilegeExpiredTs, repro) {
    creds(appId, appCertificate)
    userAccount = idText('userAccount', userAccount)
    roleId(role)
    seconds('privilegeExpiredTs', privilegeExpiredTs)
    const [issuedAt, salt] = reproducible(repro)
    return ok(w.rtm006(appId, appCertificate, userAccount, role, privilegeExpiredTs, issuedAt, salt))
  }
}

// RTC + RTM (+ ConvoAI or STT): `buildTokenWithRtm2`, `ConvoAITokenBuilder`, `SttTokenBuilder`.
function rtcRtm2 (kind, appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
  join, audio, video, data, rtmUserId, rtmTokenExpire, repro) {
  creds(appId, appCertificate)
  str(E.invalidChannelName, 'channelName', channelName)
  const [userKind, uid, account] = dropInAccount('rtcAccount', rtcAccount)
  roleId(rtcRole)
  seconds('rtcTokenExpire', rtcTokenExpire)
  const p = privilegeSet(join, audio, video, data)
  const rtmUser = idText('rtmUserId', rtmUserId)
  seconds('rtmTokenExpire', rtmTokenExpire)
  const [issuedAt, salt] = reproducible(repro)
  return ok(w.token007(kind, appId, appCertificate, channelName, account, userKind, uid, rtcRole, LIFE.asGiven, rtcTokenExpire, 0, p,
    rtmUser, rtmTokenExpire, issuedAt, salt))
}

/** 007 RTC tokens, as npm `agora-token`'s `RtcTokenBuilder`. */
export class RtcTokenBuilder2 {
  static buildTokenWithUid (appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire, repro) {
    creds(appId, appCertificate)
    return rtc007(appId, appCertificate, channelName, dropInUid('uid', uid), role, tokenExpire, privilegeExpire, repro)
  }

  static buildTokenWithUserAccount (appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire, repro) {
    creds(appId, appCertificate)
    return rtc007(appId, appCertificate, channelName, dropInAccount('account', account), role, tokenExpire, privilegeExpire, repro)
  }

  static buildTokenWithUidAndPrivilege (appId, appCertificate, channelName, uid, tokenExpire, join, audio, video, data, repro) {
    creds(appId, appCertificate)
    return rtc007Privileges(appId, appCertificate, channelName, dropInUid('uid', uid), tokenExpire, join, audio, video, data, repro)
  }

  static buildTokenWithUserAccountAndPrivilege (appId, appCertificate, channelName, account, tokenExpire, join, audio, video, data, repro) {
    creds(appId, appCertificate)
    return rtc007Privileges(appId, appCertificate, channelName, dropInAccount('account', account), tokenExpire, join, audio, video, data, repro)
  }

  // npm agora-token's spelling (capital B).
  static BuildTokenWithUserAccountAndPrivilege (appId, appCertificate, channelName, account, tokenExpire, join, audio, video, data, repro) {
    return RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege(appId, appCertificate, channelName, account, tokenExpire, join, audio, video, data, repro)
  }

  static buildTokenWithRtm (appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire, repro) {
    creds(appId, appCertificate)
    str(E.invalidChannelName, 'channelName', channelName)
    account = idText('account', account)
    roleId(role)
    seconds('tokenExpire', tokenExpire)
    const p = secondsOrZero('privilegeExpire', privilegeExpire)
    const [issuedAt, salt] = reproducible(repro)
    return ok(w.token007(P.rtcRtm, appId, appCertificate, channelName, account, USER.account, 0, role, LIFE.asGiven, tokenExpire, p, undefined, undefined, undefined, issuedAt, salt))
  }

  static buildTokenWithRtm2 (appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
    join, audio, video, data, rtmUserId, rtmTokenExpire, repro) {
    return rtcRtm2(P.rtcRtm2, appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
      join, audio, video, data, rtmUserId, rtmTokenExpire, repro)
  }
}

/** 007 RTM tokens, as npm `agora-token`'s `RtmTokenBuilder`. */
export class RtmTokenBuilder2 {
  static buildToken (appId, appCertificate, userId, expire, repro) {
    creds(appId, appCertificate)
    userId = idText('userId', userId)
    seconds('expire', expire)
    const [issuedAt, salt] = reproducible(repro)
    return preset(P.rtm, appId, appCertificate, userId, LIFE.asGiven, expire, issuedAt, salt)
  }

  static buildTokenWithPermissions (appId, appCertificate, userId, permissions, expire, repro) {
    creds(appId, appCertificate)
    userId = idText('userId', userId)
    seconds('expire', expire)
    const [issuedAt, salt] = reproducible(repro)
    return ok(w.rtmPermissions007(appId, appCertificate, userId, permissions, expire, issuedAt, salt))
  }
}

/** 007 Chat tokens, as npm `agora-token`'s `ChatTokenBuilder`. */
export class ChatTokenBuilder2 {
  static buildUserToken (appId, appCertificate, userId, expire, repro) {
    creds(appId, appCertificate)
    const userUuid = idText('userId', userId)
    seconds('expire', expire)
    const [issuedAt, salt] = reproducible(repro)
    return preset(P.chatUser, appId, appCertificate, userUuid, LIFE.asGiven, expire, issuedAt, salt)
  }

  static buildAppToken (appId, appCertificate, expire, repro) {
    creds(appId, appCertificate)
    seconds('expire', expire)
    const [issuedAt, salt] = reproducible(repro)
    return preset(P.chatApp, appId, appCertificate, '', LIFE.asGiven, expire, issuedAt, salt)
  }
}

/** 007 FPA tokens, as npm `agora-token`'s `FpaTokenBuilder`. */
export class FpaTokenBuilder2 {
  static buildToken (appId, appCertificate, repro) {
    creds(appId, appCertificate)
    const [issuedAt, salt] = reproducible(repro)
    return preset(P.fpa, appId, appCertificate, '', LIFE.asGiven, 0, issuedAt, salt)
  }
}

// APaaS and Education (Flexible Classroom) builders make the same tokens.
function apaasClass (cls) {
  cls.buildRoomUserToken = function buildRoomUserToken (appId, appCertificate, roomUuid, userUuid, role, expire, repro) {
    creds(appId, appCertificate)
    str(E.invalidField, 'roomUuid', roomUuid)
    userUuid = idText('userUuid', userUuid)
    i16(E.invalidRole, 'role', role)
    seconds('expire', expire)
    const [issuedAt, salt] = reproducible(repro)
    return preset(P.apaasRoomUser, appId, appCertificate, roomUuid, LIFE.asGiven, expire, issuedAt, salt, userUuid, role)
  }
  cls.buildUserToken = function buildUserToken (appId, appCertificate, userUuid, expire, repro) {
    creds(appId, appCertificate)
    userUuid = idText('userUuid', userUuid)
    seconds('expire', expire)
    const [issuedAt, salt] = reproducible(repro)
    return preset(P.apaasUser, appId, appCertificate, userUuid, LIFE.asGiven, expire, issuedAt, salt)
  }
  cls.buildAppToken = function buildAppToken (appId, appCertificate, expire, repro) {
    creds(appId, appCertificate)
    seconds('expire', expire)
    const [issuedAt, salt] = reproducible(repro)
    return preset(P.apaasApp, appId, appCertificate, '', LIFE.asGiven, expire, issuedAt, salt)
  }
  return cls
}
/** 007 APaaS tokens, as npm `agora-token`'s `ApaasTokenBuilder`. */
export const ApaasTokenBuilder2 = apaasClass(class ApaasTokenBuilder2 {})
/** 007 Education tokens, as npm `agora-token`'s `EducationTokenBuilder`. */
export const EducationTokenBuilder2 = apaasClass(class EducationTokenBuilder2 {})

/** 007 RTC + RTM + ConvoAI tokens, as npm `agora-token`'s `ConvoAITokenBuilder`. */
export class ConvoAITokenBuilder2 {
  static buildToken (appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
    join, audio, video, data, rtmUserId, rtmTokenExpire, repro) {
    return rtcRtm2(P.convoai, appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
      join, audio, video, data, rtmUserId, rtmTokenExpire, repro)
  }
}

/** 007 RTC + RTM + STT tokens, as npm `agora-token`'s `SttTokenBuilder`. */
export class SttTokenBuilder2 {
  static buildToken (appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
    join, audio, video, data, rtmUserId, rtmTokenExpire, repro) {
    return rtcRtm2(P.stt, appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
      join, audio, video, data, rtmUserId, rtmTokenExpire, repro)
  }
}

/**
 * RTM2 resource permissions, as npm `agora-token`'s `Rtm2Permissions`: `details` maps a
 * resource type to a permission type to a list of names; `add` replaces one list. The
 * values are checked when a token is built (`RtmTokenBuilder2.buildTokenWithPermissions`).
 */
export class Rtm2Permissions {
  constructor () {
    this.details = {}
  }

  add (resourceType, permissionType, resources) {
    if (!this.details[resourceType]) this.details[resourceType] = {}
    this.details[resourceType][permissionType] = Array.from(resources)
  }
}
// The constants, from the vocabulary: kMessageChannels … kUsers (resource types) and
// kRead, kWrite (permission types), each its wire id.
for (const ids of [vocabulary.rtm2Resources, vocabulary.rtm2Permissions]) {
  for (const name in ids) Rtm2Permissions['k' + name[0].toUpperCase() + name.slice(1)] = ids[name]
}
