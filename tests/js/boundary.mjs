#!/usr/bin/env node
// The boundary's one encoding (docs/js-boundary.md), round trip: every code of the
// generated `vocabulary.boundary` (the presets, user kinds and lifetime kinds of the drop-in classes) and
// every service, privilege, RTM2 resource and permission type of `vocabulary` goes from a
// public call through the JS layer and the wasm exports into a token, and comes back out of
// `inspectToken` / `verifyToken` as what was asked for. A code or service without a case
// here fails the test, so a new one cannot be added untested. The wasm exports themselves
// refuse a code past the end of each set.
// Usage: node tests/js/boundary.mjs [pkgDir]
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const require = createRequire(import.meta.url)
const m = require(pkgDir)
const glue = require(path.join(pkgDir, 'node/glue.js'))
const V = m.vocabulary

const A = '970CA35de60c44645bbae8a215061b33'
const C = '5CFd2fd1755d40ecb72977518be15d3b'
const T0 = 1700000000
const R = { issuedAt: T0, salt: 7 }
const O = { appId: A, appCertificate: C, ...R }

let failures = 0
let checks = 0
const eq = (what, got, want) => {
  checks++
  const g = JSON.stringify(got)
  const w = JSON.stringify(want)
  if (g !== w) { failures++; console.log(`FAIL ${what}: got ${g}, want ${w}`) }
}
const info = t => m.inspectToken(t, null)
const types = t => info(t).services.map(s => s.typeName)
const svc = (t, name) => info(t).services.find(s => s.typeName === name)

// ---- presets: each through the public call that uses it ----
const rtm2 = ['channel', 'rtcUser', 1, 600, 600, 600, 600, 600, 'rtmUser', 600, R]
const presetCases = {
  rtc: () => [m.RtcTokenBuilder2.buildTokenWithUid(A, C, 'ch', 42, 1, 600, 0, R), ['rtc'], t => eq('rtc uid', svc(t, 'rtc').fields.uid, '42')],
  rtcPrivileges: () => [m.RtcTokenBuilder2.buildTokenWithUidAndPrivilege(A, C, 'ch', 42, 600, 100, 200, 300, 400, R), ['rtc'],
    t => eq('rtcPrivileges seconds', svc(t, 'rtc').privileges.map(p => p.seconds), [100, 200, 300, 400])],
  rtcRtm: () => [m.RtcTokenBuilder2.buildTokenWithRtm(A, C, 'ch', 'alice', 1, 600, 0, R), ['rtc', 'rtm'],
    t => eq('rtcRtm user', svc(t, 'rtm').fields.userId, 'alice')],
  rtcRtm2: () => [m.RtcTokenBuilder2.buildTokenWithRtm2(A, C, ...rtm2), ['rtc', 'rtm'], t => eq('rtcRtm2 rtm user', svc(t, 'rtm').fields.userId, 'rtmUser')],
  rtm: () => [m.RtmTokenBuilder2.buildToken(A, C, 'bob', 600, R), ['rtm'], t => eq('rtm user', svc(t, 'rtm').fields.userId, 'bob')],
  chatUser: () => [m.ChatTokenBuilder2.buildUserToken(A, C, 'carol', 600, R), ['chat'], t => eq('chat user', svc(t, 'chat').fields.userId, 'carol')],
  chatApp: () => [m.ChatTokenBuilder2.buildAppToken(A, C, 600, R), ['chat'], t => eq('chat app', svc(t, 'chat').privileges.map(p => p.name), ['app'])],
  fpa: () => [m.FpaTokenBuilder2.buildToken(A, C, R), ['fpa'], t => eq('fpa expire', info(t).expire, 86400)],
  apaasRoomUser: () => [m.ApaasTokenBuilder2.buildRoomUserToken(A, C, 'room', 'user', -2, 600, R), ['rtm', 'chat', 'apaas'],
    t => eq('apaas room user', [svc(t, 'apaas').fields.roomUuid, svc(t, 'apaas').fields.userUuid, svc(t, 'apaas').role], ['room', 'user', -2])],
  apaasUser: () => [m.EducationTokenBuilder2.buildUserToken(A, C, 'user', 600, R), ['apaas'], t => eq('apaas user', svc(t, 'apaas').fields.userUuid, 'user')],
  apaasApp: () => [m.ApaasTokenBuilder2.buildAppToken(A, C, 600, R), ['apaas'], t => eq('apaas app', svc(t, 'apaas').privileges.map(p => p.name), ['app'])],
  convoai: () => [m.ConvoAITokenBuilder2.buildToken(A, C, ...rtm2), ['rtc', 'rtm', 'convoai'], () => {}],
  stt: () => [m.SttTokenBuilder2.buildToken(A, C, ...rtm2), ['rtc', 'rtm', 'stt'], () => {}]
}
for (const name of Object.keys(V.boundary.preset)) {
  if (!presetCases[name]) { failures++; console.log(`FAIL preset ${name} has no case in tests/js/boundary.mjs`); continue }
  const [token, want, more] = presetCases[name]()
  eq(`preset ${name} services`, types(token), want)
  more(token)
}

// ---- user kinds ----
const rtcUid = o => svc(m.buildRtcToken({ ...O, channelName: 'ch', ...o }), 'rtc').fields.uid
const userCases = {
  uid: () => eq('user uid', rtcUid({ uid: 42 }), '42'),
  uidText: () => eq('user uidText', rtcUid({ uid: '42' }), '42'),
  account: () => eq('user account', rtcUid({ account: 'alice' }), 'alice'),
  uidOrAccount: () => eq('user uidOrAccount', svc(m.RtcTokenBuilder2.buildTokenWithUid(A, C, 'ch', '007', 1, 600, 0, R), 'rtc').fields.uid, '007'),
  none: () => eq('user none', m.verifyToken(m.buildRtcToken({ ...O, channelName: 'ch', uid: 42 }), C, { now: null }).valid, true),
  text: () => {
    const t = m.buildRtcToken({ ...O, channelName: 'ch', account: 'alice' })
    eq('user text (account)', m.verifyToken(t, C, { user: 'alice', now: null }).valid, true)
    eq('user text (other)', m.verifyToken(t, C, { user: '42', now: null }).valid, false)
  }
}
for (const name of Object.keys(V.boundary.user)) {
  if (!userCases[name]) { failures++; console.log(`FAIL user kind ${name} has no case`); continue }
  userCases[name]()
}

// ---- lifetime kinds ----
const lifeCases = {
  asGiven: () => eq('life asGiven', info(m.RtmTokenBuilder2.buildToken(A, C, 'bob', 600, R)).expire, 600),
  expiresIn: () => eq('life expiresIn', info(m.buildRtmToken({ ...O, userId: 'bob', expiresIn: 700 })).expire, 700),
  expiresAt: () => eq('life expiresAt', info(m.buildRtmToken({ ...O, userId: 'bob', expiresAt: T0 + 800 })).expire, 800),
  default: () => eq('life default', info(m.buildRtmToken({ ...O, userId: 'bob' })).expire, 3600)
}
for (const name of Object.keys(V.boundary.life)) {
  if (!lifeCases[name]) { failures++; console.log(`FAIL life kind ${name} has no case`); continue }
  lifeCases[name]()
}

// ---- `now` of the readers: the clock (undefined), none (null), a unix time ----
const old = m.buildRtmToken({ ...O, userId: 'bob', expiresIn: 60 })
eq('now clock', m.inspectToken(old).expired, true)
eq('now none', m.inspectToken(old, null).expired, undefined)
eq('now at', [m.inspectToken(old, T0 + 30).expired, m.inspectToken(old, T0 + 61).expired], [false, true])

// ---- every service, its fields and every privilege by wire id, through buildToken ----
const fieldValue = { channelName: 'ch', userId: 'dave', account: 'acct', roomUuid: 'room', userUuid: 'user' }
for (const [name, s] of Object.entries(V.services)) {
  const spec = { type: name, privileges: {} }
  let seconds = 100
  for (const p of Object.keys(s.privileges)) spec.privileges[p] = seconds++
  for (const f of s.fields) {
    if (f === 'uid') spec.uid = 42
    else if (f === 'role') spec.role = -3
    else if (f === 'permissions') spec.permissions = Object.fromEntries(Object.keys(V.rtm2Resources).map(r => [r, Object.fromEntries(Object.keys(V.rtm2Permissions).map(k => [k, [`${r}-${k}`]]))]))
    else spec[f] = fieldValue[f]
  }
  const got = info(m.buildToken({ ...O, services: [spec] })).services[0]
  eq(`service ${name} type`, [got.type, got.typeName], [s.id, name])
  eq(`service ${name} privileges`, got.privileges.map(p => [p.id, p.name, p.seconds]),
    Object.entries(s.privileges).map(([p, id]) => [id, p, spec.privileges[p]]))
  for (const f of s.fields) {
    if (f === 'uid') eq(`service ${name} uid`, got.fields.uid, '42')
    else if (f === 'role') eq(`service ${name} role`, got.role, -3)
    else if (f === 'permissions') {
      eq(`service ${name} permissions`, got.permissions, Object.fromEntries(Object.keys(V.rtm2Resources).map(r =>
        [r, Object.fromEntries(Object.keys(V.rtm2Permissions).map(k => [k, [`${r}-${k}`]]))])))
    } else eq(`service ${name} ${f}`, got.fields[f], fieldValue[f])
  }
  // A service without its required field is refused naming it.
  for (const f of s.required) {
    const bare = { ...spec }
    delete bare[f]
    try {
      m.buildToken({ ...O, services: [bare] })
      eq(`service ${name} without ${f}`, 'built', 'refused')
    } catch (e) {
      eq(`service ${name} without ${f}`, e.field, f)
    }
  }
}
// The APaaS role absent is the core's "no role", -1.
eq('apaas role absent', info(m.buildToken({ ...O, services: [{ type: 'apaas' }] })).services[0].role, -1)
// Rtm2Permissions constants are the wire ids.
for (const [r, id] of Object.entries({ ...V.rtm2Resources, ...V.rtm2Permissions })) {
  eq(`Rtm2Permissions.k${r}`, m.Rtm2Permissions['k' + r[0].toUpperCase() + r.slice(1)], id)
}

// ---- error codes: every code thrown is in the vocabulary ----
for (const bad of [() => m.buildRtcToken({ ...O, appId: 'x', channelName: 'ch', uid: 1 }), () => m.buildRtmToken({ ...O, userId: '' }),
  () => m.buildToken({ ...O, services: [] }), () => m.buildRtcToken({ ...O, channelName: 'ch', uid: -1 })]) {
  try { bad(); eq('bad call', 'built', 'refused') } catch (e) { eq(`code ${e.code} in vocabulary.errorCodes`, V.errorCodes.includes(e.code), true) }
}

// ---- the wasm exports refuse a code past the end of each set ----
const past = set => Object.keys(V.boundary[set]).length
const refused = (what, r) => eq(`${what} refused by wasm`, r instanceof Error ? r.message : r, 'builder: is not in the encoding of the JS layer')
refused('preset', glue.token007(past('preset'), A, C, 'ch', '', 0, 0, 1, 0, 600, 0, undefined, undefined, undefined, T0, 1))
refused('user kind', glue.token007(V.boundary.preset.rtc, A, C, 'ch', '', past('user'), 0, 1, 0, 600, 0, undefined, undefined, undefined, T0, 1))
refused('life kind', glue.token007(V.boundary.preset.rtm, A, C, 'u', '', 0, 0, 1, past('life'), 600, 0, undefined, undefined, undefined, T0, 1))

// ---- the vocabulary is frozen ----
eq('vocabulary frozen', [Object.isFrozen(V), Object.isFrozen(V.services.rtc.privileges)], [true, true])

if (failures) {
  console.log(`boundary: ${failures} of ${checks} checks failed`)
  process.exit(1)
}
console.log(`boundary: ${checks} checks: every preset, user and lifetime code, now, every service with its fields and privileges, round trip`)
