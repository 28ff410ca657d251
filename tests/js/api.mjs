#!/usr/bin/env node
// The package's JS API layer (pkg-template/js/) over the wasm exports, in Node against
// the built pkg/ (CommonJS and ESM entry points):
//   - every known-answer vector through the drop-in classes: 006 strings exactly, 007
//     inflated payloads exactly; the headline functions against the same vectors;
//   - bad arguments of every kind (wrong JS types, NaN, fractions, bigints, unknown option
//     keys, oversized strings, lone surrogates, and values breaking core rules) throw an
//     Error with the expected stable `code`, a `field`, a message `field: rule`, and never
//     the certificate;
//   - 10,000 bad calls leave the module working; the role enums have their seed values.
// Usage: node tests/js/api.mjs [pkgDir]
import { createRequire } from 'node:module'
import { inflateSync } from 'node:zlib'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const m = createRequire(import.meta.url)(pkgDir)
const esm = await import(pathToFileURL(path.join(pkgDir, 'index.mjs')).href)
const vectors = JSON.parse(fs.readFileSync(process.env.AGORA_VECTORS ?? path.join(root, 'tests/vectors/vectors.json'), 'utf8')).vectors
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'

let failures = 0
const fail = msg => { failures++; console.log('FAIL ' + msg) }
const payload = t => inflateSync(Buffer.from(t.slice(3), 'base64')).toString('hex')

// ---- vectors through the drop-in classes ----
function buildWithClasses (v) {
  const i = v.inputs
  const r = { issuedAt: v.format === '006' ? v.ts - 86400 : v.issue_ts, salt: v.salt }
  const A = i.app_id; const C = i.app_certificate
  switch (v.builder) {
    case 'RtcTokenBuilder.buildTokenWithUid': return m.RtcTokenBuilder.buildTokenWithUid(A, C, i.channel_name, i.uid, i.role, i.privilege_expired_ts, r)
    case 'RtcTokenBuilder.buildTokenWithAccount': return m.RtcTokenBuilder.buildTokenWithAccount(A, C, i.channel_name, i.account, i.role, i.privilege_expired_ts, r)
    case 'RtmTokenBuilder.buildToken': return m.RtmTokenBuilder.buildToken(A, C, i.user_account, i.role, i.privilege_expired_ts, r)
    case 'RtcTokenBuilder.build_token_with_uid': return m.RtcTokenBuilder2.buildTokenWithUid(A, C, i.channel_name, i.uid, i.role, i.token_expire, i.privilege_expire, r)
    case 'RtcTokenBuilder.build_token_with_user_account': return m.RtcTokenBuilder2.buildTokenWithUserAccount(A, C, i.channel_name, i.account, i.role, i.token_expire, i.privilege_expire, r)
    case 'RtcTokenBuilder.build_token_with_rtm2': return m.RtcTokenBuilder2.buildTokenWithRtm2(A, C, i.channel_name, i.rtc_account, i.rtc_role, i.rtc_token_expire,
      i.join_channel_privilege_expire, i.pub_audio_privilege_expire, i.pub_video_privilege_expire, i.pub_data_stream_privilege_expire, i.rtm_user_id, i.rtm_token_expire, r)
    case 'RtmTokenBuilder.build_token': return m.RtmTokenBuilder2.buildToken(A, C, i.user_id, i.expire, r)
    case 'ChatTokenBuilder.build_user_token': return m.ChatTokenBuilder2.buildUserToken(A, C, i.user_id, i.expire, r)
    case 'ChatTokenBuilder.build_app_token': return m.ChatTokenBuilder2.buildAppToken(A, C, i.expire, r)
    case 'ApaasTokenBuilder.build_room_user_token': return m.ApaasTokenBuilder2.buildRoomUserToken(A, C, i.room_uuid, i.user_uuid, i.role, i.expire, r)
    case 'EducationTokenBuilder.build_room_user_token': return m.EducationTokenBuilder2.buildRoomUserToken(A, C, i.room_uuid, i.user_uuid, i.role, i.expire, r)
    case 'ApaasTokenBuilder.build_user_token': return m.ApaasTokenBuilder2.buildUserToken(A, C, i.user_uuid, i.expire, r)
    case 'EducationTokenBuilder.build_user_token': return m.EducationTokenBuilder2.buildUserToken(A, C, i.user_uuid, i.expire, r)
    case 'ApaasTokenBuilder.build_app_token': return m.ApaasTokenBuilder2.buildAppToken(A, C, i.expire, r)
    case 'EducationTokenBuilder.build_app_token': return m.EducationTokenBuilder2.buildAppToken(A, C, i.expire, r)
  }
  return undefined
}
let built = 0
for (const v of vectors) {
  const token = buildWithClasses(v)
  if (token === undefined) continue
  built++
  const same = v.format === '006' ? token === v.expected : payload(token) === payload(v.expected)
  if (!same) fail(`${v.id}: drop-in class gave ${token}`)
}
if (built < 18) fail(`only ${built} vectors went through the classes`)

// ---- headline functions ----
const find = id => vectors.find(v => v.id === id).expected
const rtcOptions = () => ({ appId: APP_ID, appCertificate: CERT, channelName: '7d72365eb983485397e3e3f9d460bdda', uid: 2882341273, issuedAt: 1111111, salt: 1, expiresIn: 600 })
const rtc = m.buildRtcToken(rtcOptions())
if (payload(rtc) !== payload(find('007-rtc-uid'))) fail('buildRtcToken != 007-rtc-uid')
if (esm.buildRtcToken(rtcOptions()) !== rtc) fail('ESM buildRtcToken differs')
if (m.buildRtcToken({ ...rtcOptions(), uid: '2882341273' }) !== rtc) fail('uid as text')
{ const o = rtcOptions(); delete o.expiresIn; o.expiresAt = 1111711; if (m.buildRtcToken(o) !== rtc) fail('expiresAt') }
const t006 = m.buildRtcToken({ ...rtcOptions(), version: '006', issuedAt: 1111111 - 86400, expiresIn: undefined, expiresAt: 1446455471, role: 'publisher' })
if (t006 !== find('006-rtc-uid-publisher')) fail('buildRtcToken 006 publisher')
const rtm = m.buildRtmToken({ appId: APP_ID, appCertificate: CERT, userId: 'test_user', issuedAt: 1111111, salt: 1, expiresIn: 600 })
if (payload(rtm) !== payload(find('007-rtm'))) fail('buildRtmToken')
const rtm006 = m.buildRtmToken({ appId: APP_ID, appCertificate: CERT, userId: 'test_user', version: '006', issuedAt: 1111111 - 86400, salt: 1, expiresAt: 1446455471 })
if (rtm006 !== find('006-rtm')) fail('buildRtmToken 006')
const svc = { appId: APP_ID, appCertificate: CERT, issuedAt: 1111111, salt: 1, expiresIn: 600 }
if (payload(m.buildChatAppToken(svc)) !== payload(find('007-chat-app'))) fail('buildChatAppToken')
if (payload(m.buildChatUserToken({ ...svc, userId: '2882341273' })) !== payload(find('007-chat-user'))) fail('buildChatUserToken')
if (payload(m.buildApaasAppToken(svc)) !== payload(find('007-apaas-app'))) fail('buildApaasAppToken')
if (payload(m.buildApaasUserToken({ ...svc, userUuid: '2882341273' })) !== payload(find('007-apaas-user'))) fail('buildApaasUserToken')
if (payload(m.buildApaasRoomUserToken({ ...svc, roomUuid: '123', userUuid: '2882341273', role: 1 })) !== payload(find('007-apaas-room-user'))) fail('buildApaasRoomUserToken')
const rtcRtm = m.buildRtcRtmToken({ ...svc, channelName: '7d72365eb983485397e3e3f9d460bdda', account: '2882341273', role: 'publisher', rtmUserId: 'test_user' })
if (payload(rtcRtm) !== payload(find('007-rtc-rtm2-publisher'))) fail('buildRtcRtmToken')
// ---- verifyToken: the core's one verification, with every identity ----
{
  // A 006 RTM token (the seed's RtmTokenBuilder.buildToken) is verified by its user id.
  const ok6 = m.verifyToken(rtm006, CERT, { userId: 'test_user', now: null })
  if (ok6.valid !== true || ok6.signatureValid !== true) fail('verifyToken 006 RTM by userId ' + JSON.stringify(ok6))
  const other6 = m.verifyToken(rtm006, CERT, { userId: 'someone', now: null })
  if (other6.valid !== false || other6.reason !== 'USER_ID_MISMATCH' || other6.mismatches[0].field !== 'userId' ||
    !other6.warnings.includes('IDENTITY_MISMATCH')) fail('verifyToken 006 RTM, another user ' + JSON.stringify(other6))
  if (m.verifyToken(rtm006, '0'.repeat(32), { userId: 'test_user', now: null }).reason !== 'SIGNATURE_MISMATCH') fail('verifyToken 006 RTM, another certificate')
  // The user as one text (the page's field): on an RTM token it is the user id.
  if (m.verifyToken(rtm006, CERT, { user: 'test_user', now: null }).valid !== true) fail('verifyToken 006 RTM, user text')
  // 007 RTM: the same option, the same answers.
  if (m.verifyToken(rtm, CERT, { userId: 'test_user', now: 1111111 }).valid !== true) fail('verifyToken 007 RTM by userId')
  const other7 = m.verifyToken(rtm, CERT, { userId: 'someone', now: 1111111 })
  if (other7.reason !== 'USER_ID_MISMATCH' || other7.mismatches[0].found !== 'test_user') fail('verifyToken 007 RTM, another user ' + JSON.stringify(other7))
  // Leeway: expired at issuedAt + 600, or 30 s later with a leeway of 30.
  if (m.verifyToken(rtm, CERT, { now: 1111711 }).reason !== 'EXPIRED') fail('verifyToken expiry')
  if (m.verifyToken(rtm, CERT, { now: 1111740, leeway: 30 }).valid !== true) fail('verifyToken leeway')
  if (m.verifyToken(rtm, CERT, { now: 1111741, leeway: 30 }).reason !== 'EXPIRED') fail('verifyToken past the leeway')
  // No certificate: every identity is still checked, the signature is not.
  const noCert = m.verifyToken(rtc, null, { channelName: 'other', user: '1', now: null })
  if (noCert.signatureValid !== null || noCert.reason !== 'CHANNEL_MISMATCH' || noCert.mismatches.length !== 2) fail('verifyToken without a certificate ' + JSON.stringify(noCert))
  if (m.verifyToken(rtc, null, { now: null }).reason !== 'SIGNATURE_NOT_CHECKED') fail('verifyToken without a certificate, nothing else wrong')
  // APaaS room and user.
  const room = m.buildApaasRoomUserToken({ ...svc, roomUuid: '123', userUuid: '2882341273', role: 1 })
  if (m.verifyToken(room, CERT, { roomUuid: '123', userUuid: '2882341273', now: null }).valid !== true) fail('verifyToken APaaS room user')
  if (m.verifyToken(room, CERT, { roomUuid: '124', now: null }).reason !== 'ROOM_MISMATCH') fail('verifyToken APaaS another room')
}

const info = m.inspectToken(m.buildFpaToken({ appId: APP_ID, appCertificate: CERT }), null)
if (info.services[0].type !== 4 || info.expire !== 86400) fail('buildFpaToken ' + JSON.stringify(info))

// buildToken, fed with inspectToken's description of each 007 vector, must give the
// vector's inflated payload (services whose privileges the core names).
let rebuilt = 0
for (const v of vectors) {
  if (v.format !== '007' || v.parse_only !== undefined) continue
  const description = m.inspectToken(v.expected, 0)
  const services = []
  let unnamed = false
  for (const s of description.services) {
    const o = { type: s.typeName }
    for (const [k, val] of Object.entries(s.fields)) o[k === 'uid' ? 'account' : k] = val
    if (s.typeName === 'rtc' && s.fields.uid === '') { delete o.account; o.uid = 0 }
    if (s.role !== undefined) o.role = s.role
    if (s.permissions !== undefined) o.permissions = s.permissions
    const privileges = {}
    for (const p of s.privileges) {
      if (p.name === 'unknown') unnamed = true
      privileges[p.name] = p.seconds
    }
    if (Object.keys(privileges).length > 0) o.privileges = privileges
    services.push(o)
  }
  if (unnamed) continue
  rebuilt++
  const token = m.buildToken({ appId: v.inputs.app_id, appCertificate: v.inputs.app_certificate, issuedAt: v.issue_ts, salt: v.salt, expiresIn: v.expire, services })
  if (payload(token) !== payload(v.expected)) fail(`${v.id}: buildToken from inspection gave another payload`)
}
if (rebuilt < 15) fail(`only ${rebuilt} vectors rebuilt by buildToken`)
console.log(`buildToken rebuilt ${rebuilt} vectors from their inspection`)

// The named permissions of buildRtmPermissionsToken and npm agora-token's `details` form.
{
  const named = m.buildRtmPermissionsToken({ ...svc, userId: 'u', permissions: { messageChannels: { read: ['a', 'b'] }, users: { write: ['u1'] } } })
  const details = m.RtmTokenBuilder2.buildTokenWithPermissions(APP_ID, CERT, 'u', { details: { 0: { 0: ['a', 'b'] }, 4: { 1: ['u1'] } } }, 600, { issuedAt: 1111111, salt: 1 })
  if (named !== details) fail('buildRtmPermissionsToken differs from buildTokenWithPermissions (details)')
  const text = JSON.stringify(m.inspectToken(named, 0))
  if (!text.includes('"u1"') || !text.includes('"b"')) fail('buildRtmPermissionsToken lost its permissions: ' + text)
}

// ---- bad arguments ----
const huge = 'a'.repeat(100 * 1024)
const withK = (k, v) => ({ ...rtcOptions(), [k]: v })
const without = k => { const o = rtcOptions(); delete o[k]; return o }
const badRtc = [
  [undefined, 'INVALID_FIELD'], [null, 'INVALID_FIELD'], ['options', 'INVALID_FIELD'], [[], 'INVALID_FIELD'],
  [without('appId'), 'INVALID_APP_ID'], [withK('appId', 12), 'INVALID_APP_ID'], [withK('appId', 'xyz'), 'INVALID_APP_ID'],
  [withK('appCertificate', null), 'INVALID_APP_CERTIFICATE'], [withK('appCertificate', huge), 'FIELD_TOO_LONG'],
  [withK('appCertificate', '5CFd2fd1755d40ecb72977518be15d3\uD800'), 'INVALID_APP_CERTIFICATE'],
  [without('channelName'), 'INVALID_CHANNEL_NAME'], [withK('channelName', huge), 'FIELD_TOO_LONG'],
  [withK('channelName', 'a'.repeat(65)), 'FIELD_TOO_LONG'], [withK('channelName', 'bad/name'), 'INVALID_CHANNEL_NAME'],
  [withK('channelName', ['x']), 'INVALID_CHANNEL_NAME'], [withK('channelName', 'a\uDC00'), 'INVALID_CHANNEL_NAME'],
  [without('uid'), 'INVALID_UID'], [withK('uid', 1.5), 'INVALID_UID'], [withK('uid', -1), 'INVALID_UID'],
  [withK('uid', 4294967296), 'INVALID_UID'], [withK('uid', '12a'), 'INVALID_UID'], [withK('uid', '4294967296'), 'INVALID_UID'],
  [withK('uid', true), 'INVALID_UID'], [withK('uid', {}), 'INVALID_UID'], [withK('uid', NaN), 'INVALID_UID'],
  [withK('uid', 5n), 'INVALID_UID'], [withK('uid', null), 'INVALID_UID'], [withK('account', 'acc'), 'INVALID_UID'],
  [withK('role', 'admin'), 'INVALID_ROLE'], [withK('role', 1), 'INVALID_ROLE'],
  [withK('expiresIn', 0), 'INVALID_EXPIRY'], [withK('expiresIn', -5), 'INVALID_EXPIRY'],
  [withK('expiresIn', 1700000000), 'INVALID_EXPIRY'], [withK('expiresIn', '3600'), 'INVALID_EXPIRY'],
  [withK('expiresAt', 1111711), 'INVALID_EXPIRY'], [withK('salt', 0), 'INVALID_SALT'],
  [withK('salt', 100000000), 'INVALID_SALT'], [withK('salt', 0.5), 'INVALID_SALT'],
  [withK('version', '008'), 'UNSUPPORTED_VERSION'], [withK('version', 7), 'UNSUPPORTED_VERSION'],
  [withK('privileges', { joinChannel: -1 }), 'INVALID_EXPIRY'], [withK('privileges', { join: 5 }), 'INVALID_FIELD'],
  [withK('privileges', []), 'INVALID_FIELD'], [withK('expireIn', 60), 'INVALID_FIELD'],
  [Object.defineProperty(rtcOptions(), 'salt', { get () { throw new Error('boom') }, enumerable: true }), 'INVALID_FIELD']
]
function expectCode (where, f, want) {
  try {
    const t = f()
    fail(`${where}: no error, got ${t}`)
  } catch (e) {
    if (!(e instanceof Error)) return fail(`${where}: threw a non-Error ${e}`)
    if (e.code !== want) fail(`${where}: code ${e.code}, want ${want} (${e.message})`)
    if (!e.field || !e.message.startsWith(e.field + ': ')) fail(`${where}: message ${JSON.stringify(e.message)} does not name field ${e.field}`)
    if (e.message.includes(CERT)) fail(`${where}: the certificate leaked`)
  }
}
badRtc.forEach(([o, want], i) => expectCode(`buildRtcToken case ${i}`, () => m.buildRtcToken(o), want))
const R = { issuedAt: 1111111, salt: 1 }
const compat = [
  [() => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', 1.5, 1, 0), 'INVALID_UID'],
  [() => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', undefined, 1, 0), 'INVALID_UID'],
  [() => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', '', 1, 0), 'INVALID_UID'],
  [() => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', 1, 7, 0), 'INVALID_ROLE'],
  [() => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', 1, 1, NaN), 'INVALID_EXPIRY'],
  [() => m.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'c', {}, 1, 0), 'INVALID_FIELD'],
  [() => m.RtmTokenBuilder.buildToken(APP_ID, CERT, 'a'.repeat(65), 1, 0), 'FIELD_TOO_LONG'],
  [() => m.RtmTokenBuilder.buildToken(APP_ID, CERT, 'u', 2, 0), 'INVALID_ROLE'],
  [() => m.RtcTokenBuilder2.buildTokenWithUid(APP_ID, undefined, 'c', 1, 1, 600), 'INVALID_APP_CERTIFICATE'],
  [() => m.RtcTokenBuilder2.buildTokenWithUid(APP_ID, CERT, 'c', 1, 1, 1700000000), 'INVALID_EXPIRY'],
  [() => m.RtcTokenBuilder2.buildTokenWithUid(APP_ID, CERT, 'c', -1, 1, 600), 'INVALID_UID'],
  [() => m.RtcTokenBuilder2.buildTokenWithUid(APP_ID, CERT, 'c', 1, 3, 600), 'INVALID_ROLE'],
  [() => m.RtcTokenBuilder2.buildTokenWithUid(APP_ID, CERT, 'c', 1, 1, 600, 1.5), 'INVALID_EXPIRY'],
  [() => m.RtcTokenBuilder2.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'c', 1, 600, 600, 600, 600), 'INVALID_EXPIRY'],
  [() => m.RtcTokenBuilder2.buildTokenWithRtm2(APP_ID, CERT, 'c', 'a', 1, 600, 1, 1, 1, 1, true, 600), 'INVALID_FIELD'],
  [() => m.RtmTokenBuilder2.buildToken(APP_ID, CERT, 'u', 600, { salt: 0 }), 'INVALID_SALT'],
  [() => m.RtmTokenBuilder2.buildToken(APP_ID, CERT, 'u', 600, { seed: 1 }), 'INVALID_FIELD'],
  [() => m.RtmTokenBuilder2.buildTokenWithPermissions(APP_ID, CERT, 'u', 5, 600), 'INVALID_FIELD'],
  [() => m.RtmTokenBuilder2.buildTokenWithPermissions(APP_ID, CERT, 'u', { details: { 5: { 0: ['a'] } } }, 600), 'INVALID_FIELD'],
  [() => m.RtmTokenBuilder2.buildTokenWithPermissions(APP_ID, CERT, 'u', { details: { 0: { 0: [1] } } }, 600), 'INVALID_FIELD'],
  [() => m.buildToken({ ...svc, services: [] }), 'NO_SERVICES'],
  [() => m.buildToken({ ...svc, services: {} }), 'NO_SERVICES'],
  [() => m.buildToken({ ...svc, services: [{ type: 'video' }] }), 'INVALID_FIELD'],
  [() => m.buildToken({ ...svc, services: [{ type: 'rtc', channelName: 'c', uid: '1x' }] }), 'INVALID_UID'],
  [() => m.buildToken({ ...svc, services: [{ type: 'rtm', userId: 'u', privileges: { join: 1 } }] }), 'INVALID_FIELD'],
  [() => m.buildToken({ ...svc, services: [{ type: 'apaas', role: 1.5 }] }), 'INVALID_ROLE'],
  [() => m.buildRtmPermissionsToken({ ...svc, userId: 'u', permissions: { users: { read: 'x' } } }), 'INVALID_FIELD'],
  [() => m.RtmTokenBuilder2.buildToken(APP_ID, CERT, '', 600, R), 'INVALID_FIELD'],
  [() => m.ApaasTokenBuilder2.buildRoomUserToken(APP_ID, CERT, 'r', 'u', 40000, 600, R), 'INVALID_ROLE'],
  [() => m.EducationTokenBuilder2.buildAppToken(APP_ID, CERT, '600', R), 'INVALID_EXPIRY'],
  [() => m.FpaTokenBuilder2.buildToken(APP_ID, 'short'), 'INVALID_APP_CERTIFICATE'],
  [() => m.buildApaasRoomUserToken({ ...svc, roomUuid: 'r', userUuid: 'u' }), 'INVALID_ROLE'],
  [() => m.buildChatUserToken({ ...svc, userId: 'u', channelName: 'c' }), 'INVALID_FIELD'],
  [() => m.buildRtcRtmToken({ ...svc, channelName: 'c', uid: 1, rtmExpiresIn: -1 }), 'INVALID_EXPIRY'],
  [() => m.buildToken({ appId: APP_ID, appCertificate: CERT, services: [] }), 'NO_SERVICES'],
  [() => m.buildToken({ appId: APP_ID, appCertificate: CERT, services: [{ type: 'video' }] }), 'INVALID_FIELD'],
  [() => m.inspectToken('008abc'), 'UNSUPPORTED_VERSION'],
  [() => m.inspectToken(7), 'MALFORMED_TOKEN'],
  [() => m.verifyToken('007abc', 'short'), 'INVALID_APP_CERTIFICATE'],
  [() => m.verifyToken('007abc', CERT, { userId: 7 }), 'INVALID_FIELD'],
  [() => m.verifyToken('007abc', CERT, { user: '1', uid: 1 }), 'INVALID_UID'],
  [() => m.verifyToken('007abc', CERT, { leeway: -1 }), 'INVALID_EXPIRY'],
  [() => m.verifyToken('007abc', CERT, { user: '4294967296' }), 'INVALID_UID']
]
compat.forEach(([f, want], i) => expectCode(`positional case ${i}`, f, want))

// ---- options objects, read in wasm with serde: each error names the field ----
{
  const named = (where, f, code, field, rule) => {
    try {
      f()
      fail(`${where}: no error`)
    } catch (e) {
      if (e.code !== code || e.field !== field || !e.message.startsWith(field + ': ') || !e.message.includes(rule)) {
        fail(`${where}: ${e.code} ${e.field} ${JSON.stringify(e.message)}, want ${code} naming ${field} (${rule})`)
      }
    }
  }
  class Options { constructor () { Object.assign(this, rtcOptions()) } }
  named('a typo', () => m.buildRtcToken(withK('expireIn', 60)), 'INVALID_FIELD', 'expireIn', 'is not a known option')
  named('a typo in buildToken', () => m.buildToken({ ...svc, services: [{ type: 'rtm', userID: 'u' }] }), 'INVALID_FIELD', 'userID', 'is not a known option')
  named('a typo in verifyToken', () => m.verifyToken(rtc, CERT, { chanelName: 'c' }), 'INVALID_FIELD', 'chanelName', 'is not a known option')
  // Each builder takes its own options only, though the builders share one options type.
  named('an option of another builder', () => m.buildChatAppToken({ ...svc, userId: 'u' }), 'INVALID_FIELD', 'userId', 'is not a known option')
  named('a lifetime for FPA', () => m.buildFpaToken({ ...svc, expiresIn: 600 }), 'INVALID_FIELD', 'expiresIn', 'is not a known option')
  named('a builder option in a service', () => m.buildToken({ ...svc, services: [{ type: 'rtm', userId: 'u', expiresIn: 60 }] }), 'INVALID_FIELD', 'expiresIn', 'is not a known option')
  named('an APaaS role of the wrong type', () => m.buildApaasRoomUserToken({ ...svc, roomUuid: 'r', userUuid: 'u', role: 'publisher' }), 'INVALID_ROLE', 'role', 'must be an integer in -32768..=32767')
  named('an RTC role of the wrong kind', () => m.buildRtcRtmToken({ ...svc, channelName: 'c', uid: 1, role: 1 }), 'INVALID_ROLE', 'role', 'must be a string')
  named('a privilege lifetime of the wrong type', () => m.buildRtcRtmToken({ ...svc, channelName: 'c', uid: 1, privileges: { joinChannel: 1.5 } }), 'INVALID_EXPIRY', 'joinChannel', 'must be an integer in 0..=4294967295')
  named('a wrong type', () => m.buildRtcToken(withK('expiresIn', '3600')), 'INVALID_EXPIRY', 'expiresIn', 'must be an integer in 0..=4294967295 (got a string)')
  named('a wrong type (string)', () => m.buildRtmToken({ ...svc, userId: 7 }), 'INVALID_FIELD', 'userId', 'must be a string (got a number)')
  named('a wrong type (role)', () => m.buildRtcToken(withK('role', 1)), 'INVALID_ROLE', 'role', 'must be a string (got a number)')
  named('a wrong type (privileges)', () => m.buildRtcToken(withK('privileges', { joinChannel: '60' })), 'INVALID_EXPIRY', 'joinChannel', 'must be an integer')
  named('a Map', () => m.buildRtcToken(new Map(Object.entries(rtcOptions()))), 'INVALID_FIELD', 'options', 'plain object')
  named('a class instance', () => m.buildRtcToken(new Options()), 'INVALID_FIELD', 'options', 'plain object')
  named('a Map as privileges', () => m.buildRtcToken(withK('privileges', new Map([['joinChannel', 60]]))), 'INVALID_FIELD', 'privileges', 'plain object')
  named('a Map as expectations', () => m.verifyToken(rtc, CERT, new Map()), 'INVALID_FIELD', 'expected', 'plain object')
  // A plain object from another realm, and one without a prototype, are options.
  const bare = Object.assign(Object.create(null), rtcOptions())
  if (m.buildRtcToken(bare) !== rtc) fail('an object without a prototype')
}

// ---- verifyToken with several certificates (a rotation) ----
{
  const OTHER = 'ab'.repeat(16)
  const check = (where, got, valid, certificate, reason) => {
    if (got.valid !== valid || got.certificate !== certificate || got.reason !== reason) fail(`${where}: ${JSON.stringify(got)}`)
  }
  check('one certificate', m.verifyToken(rtc, CERT, { now: null }), true, 0, undefined)
  check('the primary', m.verifyToken(rtc, [CERT, OTHER], { now: null }), true, 0, undefined)
  check('the secondary', m.verifyToken(rtc, [OTHER, CERT], { now: null }), true, 1, undefined)
  check('neither', m.verifyToken(rtc, [OTHER, OTHER], { now: null }), false, undefined, 'SIGNATURE_MISMATCH')
  expectCode('no certificate in the list', () => m.verifyToken(rtc, [], { now: null }), 'INVALID_APP_CERTIFICATE')
  expectCode('a bad certificate in the list', () => m.verifyToken(rtc, [CERT, 5], { now: null }), 'INVALID_APP_CERTIFICATE')
  expectCode('a short certificate in the list', () => m.verifyToken(rtc, [CERT, 'short'], { now: null }), 'INVALID_APP_CERTIFICATE')
}

// ---- 10,000 bad calls, then the module still works ----
let thrown = 0
for (let i = 0; i < 10000; i++) {
  try { m.buildRtcToken(badRtc[i % badRtc.length][0]) } catch { thrown++ }
}
if (thrown !== 10000) fail(`only ${thrown} of 10000 bad calls threw`)
if (m.buildRtcToken(rtcOptions()) !== rtc) fail('the module changed after 10,000 bad calls')

// ---- the enums, the classes' shape, random salts ----
if (m.RtcRole.PUBLISHER !== 1 || m.RtcRole.SUBSCRIBER !== 2 || m.RtcRole.ATTENDEE !== 0 || m.RtcRole.ADMIN !== 101) fail('RtcRole')
if (m.RtmRole.Rtm_User !== 1 || !Object.isFrozen(m.RtmRole)) fail('RtmRole')
// The 006 role objects have the shape of npm agora-access-token's: the same keys in the same
// order (no reverse numeric keys), so Object.keys, for…in and JSON.stringify agree.
{
  const official = createRequire(import.meta.url)('agora-access-token')
  for (const name of ['RtcRole', 'RtmRole']) {
    if (JSON.stringify(m[name]) !== JSON.stringify(official[name])) fail(`${name}: ${JSON.stringify(m[name])} is not agora-access-token's ${JSON.stringify(official[name])}`)
  }
}
for (const c of ['RtcTokenBuilder', 'RtmTokenBuilder', 'RtcTokenBuilder2', 'RtmTokenBuilder2', 'ChatTokenBuilder2', 'FpaTokenBuilder2', 'ApaasTokenBuilder2', 'EducationTokenBuilder2', 'ConvoAITokenBuilder2', 'SttTokenBuilder2']) {
  // Static-only classes: no wasm-bindgen handle to free.
  if (typeof m[c] !== 'function' || 'free' in m[c].prototype || (typeof Symbol.dispose === 'symbol' && Symbol.dispose in m[c].prototype) || esm[c] !== m[c]) fail(`class ${c}`)
}
if (m.RtcRole2.PUBLISHER !== 1 || m.RtcRole2.SUBSCRIBER !== 2 || Object.keys(m.RtcRole2).length !== 2) fail('RtcRole2')
const rp = new m.Rtm2Permissions()
rp.add(m.Rtm2Permissions.kUsers, m.Rtm2Permissions.kWrite, new Set(['a', 'b']))
if (JSON.stringify(rp.details) !== '{"4":{"1":["a","b"]}}' || m.Rtm2Permissions.kMessageChannels !== 0 || m.Rtm2Permissions.kStreamChannels !== 1 ||
  m.Rtm2Permissions.kGroupChannels !== 2 || m.Rtm2Permissions.kServerGroups !== 3 || m.Rtm2Permissions.kRead !== 0) fail('Rtm2Permissions')

// ---- the coercions of the drop-in classes (tests/reference/KNOWN_DIFFERENCES.md) ----
// Each accepted form must give the same token as the canonical one; each refusal its code.
const same = (where, a, b) => { try { if (a() !== b()) fail(`${where}: the coerced form gave another token`) } catch (e) { fail(`${where}: ${e.code} ${e.message}`) } }
const T = m.RtcTokenBuilder2
const U = 2882341273
same('007 uid as decimal text', () => T.buildTokenWithUid(APP_ID, CERT, 'c', String(U), 1, 600, 600, R), () => T.buildTokenWithUid(APP_ID, CERT, 'c', U, 1, 600, 600, R))
// Uid text is read as the official builders read it (RtcUser::from_uid_text): the text is
// the user, '0' the account "0" and never the wildcard.
for (const text of ['0', '007', 'GENERATE SOME USER ID', '4294967296', ' 1', '-1']) {
  same(`007 uid text ${JSON.stringify(text)} is that account`, () => T.buildTokenWithUid(APP_ID, CERT, 'c', text, 1, 600, 600, R), () => T.buildTokenWithUserAccount(APP_ID, CERT, 'c', text, 1, 600, 600, R))
  same(`006 uid text ${JSON.stringify(text)} is that account`, () => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', text, 1, 0, { issuedAt: 1111111, salt: 1 }), () => m.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'c', text, 1, 0, { issuedAt: 1111111, salt: 1 }))
}
if (T.buildTokenWithUid(APP_ID, CERT, 'c', '0', 1, 600, 600, R) === T.buildTokenWithUid(APP_ID, CERT, 'c', 0, 1, 600, 600, R)) fail('uid text "0" gave the wildcard token')
same('007 numeric account is that uid', () => T.buildTokenWithUserAccount(APP_ID, CERT, 'c', U, 1, 600, 600, R), () => T.buildTokenWithUid(APP_ID, CERT, 'c', U, 1, 600, 600, R))
same('007 numeric account as text', () => T.buildTokenWithUserAccount(APP_ID, CERT, 'c', U, 1, 600, 600, R), () => T.buildTokenWithUserAccount(APP_ID, CERT, 'c', String(U), 1, 600, 600, R))
same('007 account 0 is the uid 0', () => T.buildTokenWithUserAccount(APP_ID, CERT, 'c', 0, 2, 600, 0, R), () => T.buildTokenWithUid(APP_ID, CERT, 'c', 0, 2, 600, 0, R))
same('007 privileges uid text', () => T.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'c', '7', 600, 1, 2, 3, 4, R), () => T.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'c', 7, 600, 1, 2, 3, 4, R))
same('007 privileges numeric account', () => T.BuildTokenWithUserAccountAndPrivilege(APP_ID, CERT, 'c', 7, 600, 1, 2, 3, 4, R), () => T.buildTokenWithUserAccountAndPrivilege(APP_ID, CERT, 'c', '7', 600, 1, 2, 3, 4, R))
same('007 buildTokenWithRtm numeric account', () => T.buildTokenWithRtm(APP_ID, CERT, 'c', 7, 1, 600, 0, R), () => T.buildTokenWithRtm(APP_ID, CERT, 'c', '7', 1, 600, 0, R))
same('007 buildTokenWithRtm2 numbers', () => T.buildTokenWithRtm2(APP_ID, CERT, 'c', 7, 1, 600, 1, 1, 1, 1, 8, 600, R), () => T.buildTokenWithRtm2(APP_ID, CERT, 'c', '7', 1, 600, 1, 1, 1, 1, '8', 600, R))
same('ConvoAI numbers', () => m.ConvoAITokenBuilder2.buildToken(APP_ID, CERT, 'c', 7, 1, 600, 1, 1, 1, 1, 8, 600, R), () => m.ConvoAITokenBuilder2.buildToken(APP_ID, CERT, 'c', '7', 1, 600, 1, 1, 1, 1, '8', 600, R))
same('STT numbers', () => m.SttTokenBuilder2.buildToken(APP_ID, CERT, 'c', 7, 2, 600, 1, 1, 1, 1, 8, 600, R), () => m.SttTokenBuilder2.buildToken(APP_ID, CERT, 'c', '7', 2, 600, 1, 1, 1, 1, '8', 600, R))
same('RTM numeric userId', () => m.RtmTokenBuilder2.buildToken(APP_ID, CERT, 123, 600, R), () => m.RtmTokenBuilder2.buildToken(APP_ID, CERT, '123', 600, R))
same('RTM2 numeric userId', () => m.RtmTokenBuilder2.buildTokenWithPermissions(APP_ID, CERT, 123, new m.Rtm2Permissions(), 600, R), () => m.RtmTokenBuilder2.buildTokenWithPermissions(APP_ID, CERT, '123', {}, 600, R))
same('RTM2 userId 0 is any user', () => m.RtmTokenBuilder2.buildTokenWithPermissions(APP_ID, CERT, 0, new m.Rtm2Permissions(), 600, R), () => m.RtmTokenBuilder2.buildTokenWithPermissions(APP_ID, CERT, '', {}, 600, R))
same('Chat numeric userId', () => m.ChatTokenBuilder2.buildUserToken(APP_ID, CERT, 7, 600, R), () => m.ChatTokenBuilder2.buildUserToken(APP_ID, CERT, '7', 600, R))
same('Chat userId 0', () => m.ChatTokenBuilder2.buildUserToken(APP_ID, CERT, 0, 600, R), () => m.ChatTokenBuilder2.buildUserToken(APP_ID, CERT, '', 600, R))
same('APaaS numeric userUuid', () => m.ApaasTokenBuilder2.buildUserToken(APP_ID, CERT, 5, 600, R), () => m.ApaasTokenBuilder2.buildUserToken(APP_ID, CERT, '5', 600, R))
same('APaaS room numeric userUuid', () => m.EducationTokenBuilder2.buildRoomUserToken(APP_ID, CERT, 'r', 5, 1, 600, R), () => m.EducationTokenBuilder2.buildRoomUserToken(APP_ID, CERT, 'r', '5', 1, 600, R))
const R6 = { issuedAt: 1111111, salt: 1 }
same('006 uid as decimal text', () => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', String(U), 1, 0, R6), () => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', U, 1, 0, R6))
same('006 numeric account', () => m.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'c', U, 1, 0, R6), () => m.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'c', String(U), 1, 0, R6))
same('006 RTM numeric account', () => m.RtmTokenBuilder.buildToken(APP_ID, CERT, 5, 1, 0, R6), () => m.RtmTokenBuilder.buildToken(APP_ID, CERT, '5', 1, 0, R6))
const refusals = [
  ...[1.5, NaN, -1, 2 ** 32, Infinity, '', null, true, 10n].map(uid => [`uid ${String(uid)}`, () => T.buildTokenWithUid(APP_ID, CERT, 'c', uid, 1, 600, 0, R), 'INVALID_UID']),
  ...[1.5, NaN, -1, 2 ** 32].map(account => [`account ${account}`, () => T.buildTokenWithUserAccount(APP_ID, CERT, 'c', account, 1, 600, 0, R), 'INVALID_UID']),
  ...[1.5, NaN, -1, 2 ** 32, null].map(id => [`userId ${id}`, () => m.RtmTokenBuilder2.buildToken(APP_ID, CERT, id, 600, R), 'INVALID_FIELD']),
  ['RTM userId 0 (no user)', () => m.RtmTokenBuilder2.buildToken(APP_ID, CERT, 0, 600, R), 'INVALID_FIELD'],
  ['buildTokenWithRtm account 0 (no RTM user)', () => T.buildTokenWithRtm(APP_ID, CERT, 'c', 0, 1, 600, 0, R), 'INVALID_FIELD'],
  ['APaaS room user 0 (no RTM user)', () => m.ApaasTokenBuilder2.buildRoomUserToken(APP_ID, CERT, 'r', 0, 1, 600, R), 'INVALID_FIELD'],
  ['Chat userId 1.5', () => m.ChatTokenBuilder2.buildUserToken(APP_ID, CERT, 1.5, 600, R), 'INVALID_FIELD'],
  ['006 uid ""', () => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', '', 1, 0, R6), 'INVALID_UID'],
  ['006 RTM role object', () => m.RtmTokenBuilder.buildToken(APP_ID, CERT, 'u', m.RtmRole, 0, R6), 'INVALID_ROLE'],
  ['007 role 0', () => T.buildTokenWithUid(APP_ID, CERT, 'c', 1, 0, 600), 'INVALID_ROLE'],
  ['007 role "1"', () => T.buildTokenWithUid(APP_ID, CERT, 'c', 1, '1', 600), 'INVALID_ROLE'],
  ['ConvoAI role 101', () => m.ConvoAITokenBuilder2.buildToken(APP_ID, CERT, 'c', 'a', 101, 600, 1, 1, 1, 1, 'a', 600), 'INVALID_ROLE']
]
refusals.forEach(([where, f, want]) => expectCode(`refusal: ${where}`, f, want))
// An empty uid text names the caller's argument and says what to pass.
for (const [where, f] of [['006', () => m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', '', 1, 0, R6)], ['007', () => T.buildTokenWithUid(APP_ID, CERT, 'c', '', 1, 600, 0, R)]]) {
  try { f(); fail(`${where} empty uid: no error`) } catch (e) {
    if (e.field !== 'uid' || !e.message.includes('0 means any user')) fail(`${where} empty uid: ${e.field} ${e.message}`)
  }
}
const a = m.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: 'c', uid: 1 })
const b = m.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: 'c', uid: 1 })
if (a === b) fail('two tokens with random salts were identical')
const ia = m.inspectToken(a)
if (Math.abs(ia.issuedAt - Date.now() / 1000) > 60 || ia.expire !== 3600 || ia.expired !== false) fail('clock defaults ' + JSON.stringify(ia))
// Random salts (src/clock.rs): in range, and they do not repeat.
const salts = new Set()
for (let i = 0; i < 500; i++) {
  const s = m.inspectToken(m.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: 'c', uid: 1 })).salt
  if (!(s >= 1 && s <= 99999999)) fail('salt out of range: ' + s)
  salts.add(s)
}
if (salts.size < 499) fail(`only ${salts.size} distinct salts in 500 tokens`)

if (failures) { console.error(`api: ${failures} failure(s)`); process.exit(1) }
console.log(`api: ${built} vectors through the drop-in classes, headline functions, ${badRtc.length + compat.length} bad-argument cases, ${refusals.length} drop-in refusals and the coercions, 10,000 bad calls: ok`)
