// The public API of agora-token-wasm, as a thin layer over the wasm exports (src/js/).
//
// This file is a plain function body shared by the ES-module and CommonJS entry points:
// pkg-template/build.sh wraps it into web/agora_token_wasm.js (ESM) and
// node/agora_token_wasm.js (CommonJS), each passing its wasm-bindgen glue as `w`, after
// pkg-template/generated/vocab.js: the `VOCABULARY` generated from the core (services,
// their fields and privileges, RTM2 resources and permissions, error codes, and the codes of
// the boundary's one encoding, docs/js-boundary.md). Every name and number of the core that
// this layer needs comes from there.
//
// It only checks JavaScript types, as the Rust binding used to (a string is a string of
// well-formed UTF-16 and at most 65,536 code units, a number is an integer in range, an
// options object is a plain object without unknown keys; `undefined` is absent), and
// passes primitives to wasm. Every value rule is the core's and is applied in wasm. Errors
// are `Error`s with a stable `code` and the `field` they name, message `field: rule`.

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

  // Every wasm export returns its result as a string (a token, or JSON text) or the coded
  // Error to throw: one return value keeps V8 on its generic JS-to-wasm wrapper (see
  // src/js/error.rs).
  function ok (r) {
    if (typeof r !== 'string') throw r
    return r
  }

  // The core's vocabulary, frozen as generated (it is exported as `vocabulary`).
  const vocabulary = VOCABULARY
  // The boundary's codes (src/js/boundary.rs): the 007 builders behind the one wasm export
  // `token007`, and how a user, a lifetime and `now` are passed.
  const P = vocabulary.boundary.preset
  const USER = vocabulary.boundary.user
  const LIFE = vocabulary.boundary.life
  const NOW = vocabulary.boundary.now
  const SERVICES = vocabulary.services
  // The error codes by kind (`E.invalidUid` is 'INVALID_UID'), from the core's ErrorKind.
  const E = vocabulary.errors
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k)

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

  // ---- options objects -------------------------------------------------------------

  function isObject (v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v)
  }

  // Checks `v` is a plain object whose own enumerable keys are all in `allowed`.
  function opts (field, v, allowed) {
    if (!isObject(v)) wrongType(E.invalidField, field, 'an object', v)
    const keys = Object.keys(v)
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]
      if (!allowed.includes(k)) {
        const shown = k.length <= 64 && /^[\x21-\x7e]+$/.test(k) ? ' "' + k + '"' : ''
        fail(E.invalidField, field, 'has an unknown option' + shown + '; the options are ' + allowed.join(', '))
      }
    }
    return v
  }

  // The property `key` of options object `o` (named `field`); a throwing getter is an error.
  function get (o, field, key) {
    try {
      return o[key]
    } catch (_) {
      fail(E.invalidField, key, 'could not be read from ' + field)
    }
  }

  function optU32 (o, code, key) {
    const v = get(o, 'options', key)
    return v === undefined ? undefined : u32(code, key, v)
  }

  function optStr (o, code, key) {
    const v = get(o, 'options', key)
    return v === undefined ? undefined : str(code, key, v)
  }

  const reqStr = (o, code, key) => str(code, key, get(o, 'options', key))

  function credentials (o) {
    return [reqStr(o, E.invalidAppId, 'appId'), reqStr(o, E.invalidAppCertificate, 'appCertificate')]
  }

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

  // [issuedAt, salt], each undefined when absent.
  function issue (o) {
    return [optU32(o, E.invalidExpiry, 'issuedAt'), optU32(o, E.invalidSalt, 'salt')]
  }

  // The optional last argument `{ issuedAt?, salt? }` of the drop-in classes.
  function reproducible (v) {
    if (v === undefined || v === null) return [undefined, undefined]
    opts('reproducible', v, ['issuedAt', 'salt'])
    return issue(v)
  }

  function isV006 (o) {
    const v = optStr(o, E.unsupportedVersion, 'version')
    if (v === undefined || v === '007') return false
    if (v === '006') return true
    fail(E.unsupportedVersion, 'version', 'must be "006" or "007"')
  }

  // The headline role: 1 = publisher, 2 = subscriber (default).
  function roleName (o) {
    const r = optStr(o, E.invalidRole, 'role')
    if (r === undefined || r === 'subscriber') return 2
    if (r === 'publisher') return 1
    fail(E.invalidRole, 'role', 'must be "publisher" or "subscriber"')
  }

  // [userKind, uid, text] (USER: a numeric uid, decimal uid text, or an account).
  function rtcUser (o) {
    const uid = get(o, 'options', 'uid')
    const account = optStr(o, E.invalidField, 'account')
    if (uid !== undefined && account !== undefined) fail(E.invalidUid, 'uid', 'give either uid or account, not both')
    if (account !== undefined) return [USER.account, 0, account]
    if (uid === undefined) fail(E.invalidUid, 'uid', 'is required: give uid (0 = any user) or account')
    if (typeof uid === 'number') return [USER.uid, u32(E.invalidUid, 'uid', uid), '']
    if (typeof uid === 'string') return [USER.uidText, 0, str(E.invalidUid, 'uid', uid)]
    wrongType(E.invalidUid, 'uid', U32 + ' or a string of decimal digits', uid)
  }

  // The RTC privileges in wire order: the four lifetimes the RTC builders take.
  const RTC_PRIVILEGES = Object.keys(SERVICES.rtc.privileges)

  // The four privilege lifetimes (absent ones 0), or undefined without `privileges`.
  function rtcPrivileges (o) {
    const v = get(o, 'options', 'privileges')
    if (v === undefined) return undefined
    opts('privileges', v, RTC_PRIVILEGES)
    const out = new Uint32Array(RTC_PRIVILEGES.length)
    for (let i = 0; i < RTC_PRIVILEGES.length; i++) {
      const k = RTC_PRIVILEGES[i]
      const s = get(v, 'privileges', k)
      if (s !== undefined) out[i] = u32(E.invalidExpiry, k, s)
    }
    return out
  }

  const keys = specific => ['appId', 'appCertificate', ...specific, 'issuedAt', 'salt']
  const RTC_KEYS = keys(['channelName', 'uid', 'account', 'role', 'expiresIn', 'expiresAt', 'privileges', 'version'])
  const RTM_KEYS = keys(['userId', 'expiresIn', 'expiresAt', 'version'])
  const keys007 = specific => keys(['expiresIn', 'expiresAt', ...specific])
  const CHAT_USER_KEYS = keys007(['userId'])
  const SERVICE_KEYS = keys007([])
  const FPA_KEYS = keys([])
  const ROOM_USER_KEYS = keys007(['roomUuid', 'userUuid', 'role'])
  const APAAS_USER_KEYS = keys007(['userUuid'])
  const RTC_RTM_KEYS = keys007(['channelName', 'uid', 'account', 'role', 'privileges', 'rtmUserId', 'rtmExpiresIn'])

  // Reads the options of a 007-only builder: [appId, cert, lifeKind, life, issuedAt, salt].
  function common007 (options, allowed) {
    const o = opts('options', options, allowed)
    const [appId, cert] = credentials(o)
    const [lifeKind, life] = expiry(o)
    const [issuedAt, salt] = issue(o)
    return [o, appId, cert, lifeKind, life, issuedAt, salt]
  }

  // ---- headline functions --------------------------------------------------------------

  function buildRtcToken (options) {
    const o = opts('options', options, RTC_KEYS)
    const [appId, cert] = credentials(o)
    const channel = reqStr(o, E.invalidChannelName, 'channelName')
    const [userKind, uid, text] = rtcUser(o)
    const role = roleName(o)
    const [lifeKind, life] = expiry(o)
    const privileges = rtcPrivileges(o)
    const v006 = isV006(o)
    const [issuedAt, salt] = issue(o)
    return ok(w.rtcToken(appId, cert, v006, channel, userKind, uid, text, role === 1, lifeKind, life, privileges, issuedAt, salt))
  }

  function buildRtmToken (options) {
    const o = opts('options', options, RTM_KEYS)
    const [appId, cert] = credentials(o)
    const userId = reqStr(o, E.invalidField, 'userId')
    const [lifeKind, life] = expiry(o)
    const v006 = isV006(o)
    const [issuedAt, salt] = issue(o)
    return ok(w.rtmToken(appId, cert, v006, userId, lifeKind, life, issuedAt, salt))
  }

  function buildChatUserToken (options) {
    const [o, appId, cert, lifeKind, life, issuedAt, salt] = common007(options, CHAT_USER_KEYS)
    return preset(P.chatUser, appId, cert, reqStr(o, E.invalidField, 'userId'), lifeKind, life, issuedAt, salt)
  }

  function buildChatAppToken (options) {
    const [, appId, cert, lifeKind, life, issuedAt, salt] = common007(options, SERVICE_KEYS)
    return preset(P.chatApp, appId, cert, '', lifeKind, life, issuedAt, salt)
  }

  function buildFpaToken (options) {
    const o = opts('options', options, FPA_KEYS)
    const [appId, cert] = credentials(o)
    const [issuedAt, salt] = issue(o)
    return preset(P.fpa, appId, cert, '', LIFE.asGiven, 0, issuedAt, salt)
  }

  function buildApaasRoomUserToken (options) {
    const [o, appId, cert, lifeKind, life, issuedAt, salt] = common007(options, ROOM_USER_KEYS)
    const role = i16(E.invalidRole, 'role', get(o, 'options', 'role'))
    const room = reqStr(o, E.invalidField, 'roomUuid')
    const user = reqStr(o, E.invalidField, 'userUuid')
    return preset(P.apaasRoomUser, appId, cert, room, lifeKind, life, issuedAt, salt, user, role)
  }

  function buildApaasUserToken (options) {
    const [o, appId, cert, lifeKind, life, issuedAt, salt] = common007(options, APAAS_USER_KEYS)
    return preset(P.apaasUser, appId, cert, reqStr(o, E.invalidField, 'userUuid'), lifeKind, life, issuedAt, salt)
  }

  function buildApaasAppToken (options) {
    const [, appId, cert, lifeKind, life, issuedAt, salt] = common007(options, SERVICE_KEYS)
    return preset(P.apaasApp, appId, cert, '', lifeKind, life, issuedAt, salt)
  }

  function buildRtcRtmToken (options) {
    const [o, appId, cert, lifeKind, life, issuedAt, salt] = common007(options, RTC_RTM_KEYS)
    const [userKind, uid, text] = rtcUser(o)
    const rtmUserId = optStr(o, E.invalidField, 'rtmUserId')
    const rtmExpire = optU32(o, E.invalidExpiry, 'rtmExpiresIn')
    const channel = reqStr(o, E.invalidChannelName, 'channelName')
    const role = roleName(o)
    const privileges = rtcPrivileges(o)
    return ok(w.token007(P.rtcRtm2, appId, cert, channel, text, userKind, uid, role, lifeKind, life, 0, privileges,
      rtmUserId, rtmExpire, issuedAt, salt))
  }

  // ---- services and permissions -------------------------------------------------------
  //
  // Checked here and passed to wasm as two flat lists, numbers and strings, in the order
  // src/js/services.rs reads them.

  const PERMISSIONS_KEYS = keys007(['userId', 'permissions'])
  const TOKEN_KEYS = keys007(['services'])
  // RTM2 resource and permission types: name → wire id.
  const RESOURCE_IDS = vocabulary.rtm2Resources
  const PERMISSION_IDS = vocabulary.rtm2Permissions
  const RESOURCES = Object.keys(RESOURCE_IDS)
  const PERMISSION_KINDS = Object.keys(PERMISSION_IDS)
  const SERVICE_TYPES = Object.keys(SERVICES)
  // The keys a service object may have: its type, its fields (rtc's `uid` is a uid or an
  // account), its privileges; `any` is every service's. Made at the first `buildToken`, not
  // at load (start-up is measured: benches/node/startup.mjs).
  let serviceKeys
  function allowedServiceKeys () {
    if (serviceKeys) return serviceKeys
    const of = s => ['type', ...s.fields.flatMap(f => (f === 'uid' ? ['uid', 'account'] : [f])), 'privileges']
    const byType = Object.fromEntries(SERVICE_TYPES.map(t => [t, of(SERVICES[t])]))
    serviceKeys = { any: [...new Set(Object.values(byType).flat())], byType }
    return serviceKeys
  }

  // An array of strings: its permission kind id, length and the strings.
  function encodeNames (list, kind, nums, strs) {
    if (!Array.isArray(list)) wrongType(E.invalidField, 'permissions', 'an array of strings', list)
    if (list.length > 65535) fail(E.fieldTooLong, 'permissions', 'may list at most 65535 entries')
    nums.push(kind, list.length)
    for (let i = 0; i < list.length; i++) strs.push(str(E.invalidField, 'permissions', list[i]))
  }

  // `{ messageChannels?: { read?: string[], write?: string[] }, … }`.
  function namedPermissions (v, nums, strs) {
    opts('permissions', v, RESOURCES)
    const count = nums.length
    nums.push(0)
    for (let r = 0; r < RESOURCES.length; r++) {
      const kinds = get(v, 'permissions', RESOURCES[r])
      if (kinds === undefined) continue
      opts('permissions', kinds, PERMISSION_KINDS)
      nums[count]++
      const kindCount = nums.length + 1
      nums.push(RESOURCE_IDS[RESOURCES[r]], 0)
      for (let k = 0; k < PERMISSION_KINDS.length; k++) {
        const list = get(kinds, 'permissions', PERMISSION_KINDS[k])
        if (list === undefined) continue
        nums[kindCount]++
        encodeNames(list, PERMISSION_IDS[PERMISSION_KINDS[k]], nums, strs)
      }
    }
  }

  // A key of `details` as Rust's u16 parse reads it, if it is at most `max`; else -1.
  function typeId (key, max) {
    if (!/^\+?[0-9]+$/.test(key)) return -1
    const n = Number(key)
    return n <= max ? n : -1
  }

  // npm `agora-token`'s `Rtm2Permissions` (`{ details: { [resourceType]: {
  // [permissionType]: string[] } } }`), or the named form.
  function rtm2Permissions (v, nums, strs) {
    if (typeof v !== 'object' || v === null) wrongType(E.invalidField, 'permissions', 'an Rtm2Permissions object', v)
    let details
    try {
      details = v.details
    } catch (_) {
      fail(E.invalidField, 'permissions', 'could not be read')
    }
    if (details === undefined) return namedPermissions(v, nums, strs)
    const maxResource = Math.max(...Object.values(RESOURCE_IDS))
    const maxKind = Math.max(...Object.values(PERMISSION_IDS))
    const bad = () => fail(E.invalidField, 'permissions',
      'details must map resource type (0-' + maxResource + ') to permission type (0-' + maxKind + ') to an array of strings')
    if (typeof details !== 'object' || details === null) bad()
    const entries = Object.entries(details)
    nums.push(entries.length)
    for (let i = 0; i < entries.length; i++) {
      const res = typeId(entries[i][0], maxResource)
      if (res < 0) bad()
      const kinds = entries[i][1]
      if (typeof kinds !== 'object' || kinds === null) bad()
      const inner = Object.entries(kinds)
      nums.push(res, inner.length)
      for (let j = 0; j < inner.length; j++) {
        const kind = typeId(inner[j][0], maxKind)
        if (kind < 0) bad()
        encodeNames(inner[j][1], kind, nums, strs)
      }
    }
  }

  // One service object of `buildToken`, driven by its entry in the vocabulary: the wire
  // type id, the privileges as (wire id, seconds) pairs, then each field in the order the
  // core's codec reads it (src/js/services.rs). Only the kind of a field matters here
  // (rtc's uid, role, permissions, text), never the service.
  function encodeService (v, nums, strs) {
    const allowed = allowedServiceKeys()
    opts('services', v, allowed.any)
    const name = str(E.invalidField, 'type', get(v, 'services', 'type'))
    if (!own(SERVICES, name)) fail(E.invalidField, 'type', 'must be one of ' + SERVICE_TYPES.join(', '))
    const s = SERVICES[name]
    opts('services', v, allowed.byType[name])
    nums.push(s.id)
    const p = get(v, 'services', 'privileges')
    if (p === undefined) {
      nums.push(0)
    } else {
      const ids = s.privileges
      const names = Object.keys(ids)
      opts('privileges', p, names)
      const count = nums.length
      nums.push(0)
      for (let i = 0; i < names.length; i++) {
        const seconds = get(p, 'privileges', names[i])
        if (seconds === undefined) continue
        nums[count]++
        nums.push(ids[names[i]], u32(E.invalidExpiry, names[i], seconds))
      }
    }
    for (const f of s.fields) {
      const x = get(v, 'services', f)
      if (f === 'uid') {
        const [userKind, uid, userText] = rtcUser(v)
        nums.push(userKind, uid)
        strs.push(userText)
      } else if (f === 'role') {
        // The 16-bit two's complement; absent is the core's "no role", -1.
        nums.push((x === undefined ? -1 : i16(E.invalidRole, 'role', x)) & 0xffff)
      } else if (f === 'permissions') {
        if (x === undefined) nums.push(0)
        else namedPermissions(x, nums, strs)
      } else if (x === undefined && !s.required.includes(f)) {
        strs.push('')
      } else {
        strs.push(str(f === 'channelName' ? E.invalidChannelName : E.invalidField, f, x))
      }
    }
  }

  function buildRtmPermissionsToken (options) {
    const [o, appId, cert, lifeKind, life, issuedAt, salt] = common007(options, PERMISSIONS_KEYS)
    const nums = []
    const strs = []
    namedPermissions(get(o, 'options', 'permissions'), nums, strs)
    const userId = reqStr(o, E.invalidField, 'userId')
    return ok(w.buildRtmPermissionsToken(appId, cert, lifeKind, life, issuedAt, salt, userId, Uint32Array.from(nums), strs))
  }

  function buildToken (options) {
    const [o, appId, cert, lifeKind, life, issuedAt, salt] = common007(options, TOKEN_KEYS)
    const list = get(o, 'options', 'services')
    if (!Array.isArray(list)) wrongType(E.noServices, 'services', 'an array of service objects', list)
    if (list.length > 64) fail(E.fieldTooLong, 'services', 'may list at most 64 services')
    const nums = []
    const strs = []
    for (let i = 0; i < list.length; i++) encodeService(list[i], nums, strs)
    return ok(w.buildToken(appId, cert, lifeKind, life, issuedAt, salt, list.length, Uint32Array.from(nums), strs))
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
  const RtcRole = Object.freeze({ ATTENDEE: 0, PUBLISHER: 1, SUBSCRIBER: 2, ADMIN: 101 })
  /** The RTC roles of npm `agora-token`'s 007 builders. */
  const RtcRole2 = Object.freeze({ PUBLISHER: 1, SUBSCRIBER: 2 })
  /** The 006 RTM role of the seed package and npm `agora-access-token`. */
  const RtmRole = Object.freeze({ Rtm_User: 1 })

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
      const nums = []
      const strs = []
      rtm2Permissions(permissions, nums, strs)
      seconds('expire', expire)
      const [issuedAt, salt] = reproducible(repro)
      return ok(w.buildRtmPermissionsToken(appId, appCertificate, LIFE.asGiven, expire, issuedAt, salt, userId, Uint32Array.from(nums), strs))
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
  for (const ids of [RESOURCE_IDS, PERMISSION_IDS]) {
    for (const name in ids) Rtm2Permissions['k' + name[0].toUpperCase() + name.slice(1)] = ids[name]
  }

  // ---- inspection and verification ---------------------------------------------------
  // readers:begin (pkg-template/build.sh leaves this out of the builder-only entry)

  // `now` for wasm (NOW): the clock (undefined), none (null), or the given seconds.
  function nowArg (v) {
    if (v === undefined) return [NOW.clock, 0]
    if (v === null) return [NOW.none, 0]
    return [NOW.at, u32(E.invalidField, 'now', v)]
  }

  function inspectToken (token, now) {
    const t = str(E.malformedToken, 'token', token)
    const [nowKind, n] = nowArg(now)
    return JSON.parse(ok(w.inspectToken(t, nowKind, n)))
  }

  // The one verification of the core (src/verify.rs): this layer only checks the JS types.
  // `appCertificate` null checks everything but the signature.
  function verifyToken (token, appCertificate, expected) {
    const t = str(E.malformedToken, 'token', token)
    const cert = appCertificate === null ? undefined : str(E.invalidAppCertificate, 'appCertificate', appCertificate)
    let nowKind = NOW.clock
    let n = 0
    let leeway = 0
    let appId
    let channelName
    let user = [USER.none, 0, '']
    let userId
    let roomUuid
    let userUuid
    if (expected !== undefined && expected !== null) {
      const o = opts('expected', expected, ['appId', 'channelName', 'uid', 'account', 'user', 'userId', 'roomUuid', 'userUuid', 'now', 'leeway'])
      ;[nowKind, n] = nowArg(get(o, 'expected', 'now'))
      const l = get(o, 'expected', 'leeway')
      if (l !== undefined) leeway = u32(E.invalidExpiry, 'leeway', l)
      appId = optStr(o, E.invalidAppId, 'appId')
      channelName = optStr(o, E.invalidChannelName, 'channelName')
      const text = optStr(o, E.invalidUid, 'user')
      const rtc = get(o, 'expected', 'uid') !== undefined || get(o, 'expected', 'account') !== undefined
      if (text !== undefined && rtc) fail(E.invalidUid, 'user', 'give user, or uid or account, not both')
      if (text !== undefined) user = [USER.text, 0, text]
      else if (rtc) user = rtcUser(o)
      userId = optStr(o, E.invalidField, 'userId')
      roomUuid = optStr(o, E.invalidField, 'roomUuid')
      userUuid = optStr(o, E.invalidField, 'userUuid')
    }
    return JSON.parse(ok(w.verifyToken(t, cert, nowKind, n, leeway, appId, channelName, user[0], user[1], user[2], userId, roomUuid, userUuid)))
  }

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
