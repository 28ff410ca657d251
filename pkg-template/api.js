// The public API of agora-token-wasm, as a thin layer over the wasm exports (src/js/).
//
// This file is a plain function body shared by the ES-module and CommonJS entry points:
// pkg-template/build.sh wraps it into web/agora_token_wasm.js (ESM) and
// node/agora_token_wasm.js (CommonJS), each passing its wasm-bindgen glue as `w`, after
// pkg-template/generated/vocab.js: the `VOCABULARY` generated from the core (services,
// their fields and privileges, RTM2 resources and permissions, error codes, and the codes the
// drop-in classes pass, docs/js-boundary.md).
//
// The headline functions hand the caller's options object to wasm, which reads it with serde
// (src/js/options.rs) and applies every rule. What stays here is what only JavaScript can
// do: the drop-in classes' positional signatures, whose arguments are checked for their
// JavaScript types (a string is a string of well-formed UTF-16 and at most 65,536 code
// units, a number is an integer in range; `undefined` is absent) and passed as primitives.
// Errors are `Error`s with a stable `code` and the `field` they name, message `field: rule`.

/* eslint-disable no-unused-vars */
/* global VOCABULARY */
function createApi (w) {
  'use strict'
  const MAX_STRING = 65536
  const U32 = 'an integer in 0..=4294967295'

  function fail (code, field, message) {
    const e = new Error(field + ': ' + message)
    e.code = code
    e.field = field
    throw e
  }

  // Every wasm export returns its result (a token string, or a plain object) or the coded
  // Error to throw: one return value keeps V8 on its generic JS-to-wasm wrapper (see
  // src/js/error.rs).
  function ok (r) {
    if (r instanceof Error) throw r
    return r
  }

  // The core's vocabulary, frozen as generated (it is exported as `vocabulary`).
  const vocabulary = VOCABULARY
  // The codes the drop-in classes pass (src/js/boundary.rs): the 007 builders behind the
  // one wasm export `token007`, and how a user and a lifetime are passed.
  const P = vocabulary.boundary.preset
  const USER = vocabulary.boundary.user
  const LIFE = vocabulary.boundary.life
  // The error codes by kind (`E.invalidUid` is 'INVALID_UID'), from the core's ErrorKind.
  const E = vocabulary.errors

  // A `token007` builder without an RTC user: `text` is its user id, user uuid or room uuid
  // (or ''), `text2` and `role` the APaaS room user's uuid and role.
  function preset (kind, appId, cert, text, lifeKind, life, issuedAt, salt, text2 = '', role = 0) {
    return ok(w.token007(kind, appId, cert, text, text2, USER.uid, 0, role, lifeKind, life, 0, undefined, undefined, undefined, issuedAt, salt))
  }

  function typeName (v) {
    if (v === undefined) return 'undefined'
    if (v === null) return 'null'
    switch (typeof v) {
      case 'string': return 'a string'
      case 'number': return Number.isNaN(v) ? 'NaN' : 'a number'
      case 'boolean': return 'a boolean'
      case 'bigint': return 'a bigint'
      case 'symbol': return 'a symbol'
      case 'function': return 'a function'
    }
    return Array.isArray(v) ? 'an array' : 'an object'
  }

  function wrongType (code, field, expected, v) {
    if (v === undefined) fail(code, field, 'is required (' + expected + ')')
    fail(code, field, 'must be ' + expected + ' (got ' + typeName(v) + ')')
  }

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
  const wellFormed = typeof String.prototype.isWellFormed === 'function'
    ? s => s.isWellFormed()
    : s => !LONE_SURROGATE.test(s)

  function str (code, field, v) {
    if (typeof v !== 'string') wrongType(code, field, 'a string', v)
    if (v.length > MAX_STRING) {
      fail(E.fieldTooLong, field, 'must be at most ' + MAX_STRING + ' characters (got ' + v.length + ')')
    }
    if (!wellFormed(v)) fail(code, field, 'contains a lone UTF-16 surrogate')
    return v
  }

  function u32 (code, field, v) {
    if (typeof v !== 'number') wrongType(code, field, U32, v)
    if (!(Number.isInteger(v) && v >= 0 && v <= 4294967295)) fail(code, field, 'must be ' + U32)
    return v
  }

  function i16 (code, field, v) {
    if (typeof v !== 'number') wrongType(code, field, 'an integer in -32768..=32767', v)
    if (!(Number.isInteger(v) && v >= -32768 && v <= 32767)) fail(code, field, 'must be an integer in -32768..=32767')
    return v
  }

  const seconds = (field, v) => u32(E.invalidExpiry, field, v)
  const secondsOrZero = (field, v) => (v === undefined || v === null ? 0 : seconds(field, v))

  // ---- the arguments of the drop-in classes ------------------------------------------
  //
  // npm agora-token declares uid, account, userId and userUuid as `string | number` and
  // turns a number into its decimal text (0 into '', the wildcard). Here a number must be an
  // integer in 0..=4294967295 (anything else would be signed as text such as "1.5" or "-1").

  // The user of a uid builder, [userKind, uid, text]: a number, or the decimal text of one,
  // which the core parses (a string that is not a uid is refused, not signed as an account).
  function dropInUid (field, v) {
    if (typeof v === 'number') return [USER.uid, u32(E.invalidUid, field, v), '']
    if (typeof v === 'string') return [USER.uidText, 0, str(E.invalidUid, field, v)]
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

  function get (o, field, key) {
    try {
      return o[key]
    } catch (_) {
      fail(E.invalidField, key, 'could not be read from ' + field)
    }
  }

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

  // ---- headline functions: the options object is read in wasm (src/js/options.rs) -------

  const buildRtcToken = options => ok(w.buildRtcToken(options))
  const buildRtmToken = options => ok(w.buildRtmToken(options))
  const buildChatUserToken = options => ok(w.buildChatUserToken(options))
  const buildChatAppToken = options => ok(w.buildChatAppToken(options))
  const buildFpaToken = options => ok(w.buildFpaToken(options))
  const buildApaasRoomUserToken = options => ok(w.buildApaasRoomUserToken(options))
  const buildApaasUserToken = options => ok(w.buildApaasUserToken(options))
  const buildApaasAppToken = options => ok(w.buildApaasAppToken(options))
  const buildRtcRtmToken = options => ok(w.buildRtcRtmToken(options))
  const buildRtmPermissionsToken = options => ok(w.buildRtmPermissionsToken(options))
  const buildToken = options => ok(w.buildToken(options))

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
  const RtcRole = Object.freeze({ ATTENDEE: 0, 0: 'ATTENDEE', PUBLISHER: 1, 1: 'PUBLISHER', SUBSCRIBER: 2, 2: 'SUBSCRIBER', ADMIN: 101, 101: 'ADMIN' })
  /** The RTC roles of npm `agora-token`'s 007 builders. */
  const RtcRole2 = Object.freeze({ PUBLISHER: 1, SUBSCRIBER: 2 })
  /** The 006 RTM role of the seed package and npm `agora-access-token`. */
  const RtmRole = Object.freeze({ Rtm_User: 1, 1: 'Rtm_User' })

  /** 006 RTC tokens, as the seed package's and npm `agora-access-token`'s `RtcTokenBuilder`. */
  class RtcTokenBuilder {
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
  class RtmTokenBuilder {
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
  class RtcTokenBuilder2 {
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
  class RtmTokenBuilder2 {
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
  class ChatTokenBuilder2 {
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
  class FpaTokenBuilder2 {
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
  const ApaasTokenBuilder2 = apaasClass(class ApaasTokenBuilder2 {})
  /** 007 Education tokens, as npm `agora-token`'s `EducationTokenBuilder`. */
  const EducationTokenBuilder2 = apaasClass(class EducationTokenBuilder2 {})

  /** 007 RTC + RTM + ConvoAI tokens, as npm `agora-token`'s `ConvoAITokenBuilder`. */
  class ConvoAITokenBuilder2 {
    static buildToken (appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
      join, audio, video, data, rtmUserId, rtmTokenExpire, repro) {
      return rtcRtm2(P.convoai, appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
        join, audio, video, data, rtmUserId, rtmTokenExpire, repro)
    }
  }

  /** 007 RTC + RTM + STT tokens, as npm `agora-token`'s `SttTokenBuilder`. */
  class SttTokenBuilder2 {
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
  class Rtm2Permissions {
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

  // ---- inspection and verification ---------------------------------------------------
  // readers:begin (pkg-template/build.sh leaves this out of the builder-only entry)

  // The core's serde model, as plain objects (src/js/reader.rs).
  const inspectToken = (token, now) => ok(w.inspectToken(token, now))
  // `appCertificate`: a certificate, an array of them (a rotation: the result's
  // `certificate` is the position of the one that signed the token), or null (everything
  // but the signature is checked).
  const verifyToken = (token, appCertificate, expected) => ok(w.verifyToken(token, appCertificate, expected))

  // readers:end
  const api = {
    buildRtcToken,
    buildRtmToken,
    buildChatUserToken,
    buildChatAppToken,
    buildFpaToken,
    buildApaasRoomUserToken,
    buildApaasUserToken,
    buildApaasAppToken,
    buildRtcRtmToken,
    buildRtmPermissionsToken,
    buildToken,
    vocabulary,
    RtcRole,
    RtcRole2,
    RtmRole,
    RtcTokenBuilder,
    RtmTokenBuilder,
    RtcTokenBuilder2,
    RtmTokenBuilder2,
    ChatTokenBuilder2,
    FpaTokenBuilder2,
    ApaasTokenBuilder2,
    EducationTokenBuilder2,
    ConvoAITokenBuilder2,
    SttTokenBuilder2,
    Rtm2Permissions
  }
  // readers:begin
  // The builder-only module (agora-token-wasm/build) has no readers.
  if (typeof w.inspectToken === 'function') {
    api.inspectToken = inspectToken
    api.verifyToken = verifyToken
  }
  // readers:end
  return api
}
