#!/usr/bin/env node
// AccessToken2 semantics against npm agora-token's own AccessToken2 class (2.0.6, which has
// Agora's newest parser): repeated services of one type, a service type the parser does not
// know, and a token with no service, each through ours (build, inspect, verify) and theirs.
// Matches print `same`; the one deliberate difference (an unknown service type) prints
// `deliberate` with its reason and fails if it stops being a difference.
//
// Usage: node tests/conformance/accesstoken2.mjs [pkgDir]
import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync, inflateSync } from 'node:zlib'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const m = require(path.resolve(process.argv[2] ?? path.join(root, 'pkg')))
const { AccessToken2, ServiceRtc, ServiceRtm } = require('agora-token/src/AccessToken2')

const A = '970CA35de60c44645bbae8a215061b33'
const C = '5CFd2fd1755d40ecb72977518be15d3b'
const TS = 1700000000
const SALT = 77
let failures = 0
const check = (what, ok, detail = '') => {
  if (!ok) failures++
  console.log(`${ok ? 'same      ' : 'FAIL      '} ${what}${ok ? '' : ' ' + detail}`)
}
const payload = t => inflateSync(Buffer.from(t.slice(3), 'base64'))

function official (services) {
  const t = new AccessToken2(A, C, TS, 600)
  t.salt = SALT
  t.issueTs = TS
  for (const s of services) t.add_service(s)
  return t
}
const rtc = (channel, uid) => { const s = new ServiceRtc(channel, uid); s.add_privilege(ServiceRtc.kPrivilegeJoinChannel, 600); return s }
const rtm = user => { const s = new ServiceRtm(user); s.add_privilege(ServiceRtm.kPrivilegeLogin, 600); return s }
const parse = token => { const t = new AccessToken2(); return [t.from_string(token), t] }

// 1. Repeated services of one type: packed by type, stably; parsed back in order.
const theirs = official([rtc('A', 1), rtm('bob'), rtc('B', 2)]).build()
const ours = m.buildToken({
  appId: A, appCertificate: C, issuedAt: TS, salt: SALT, expiresIn: 600,
  services: [{ type: 'rtc', channelName: 'A', uid: 1, privileges: { joinChannel: 600 } }, { type: 'rtm', userId: 'bob', privileges: { login: 600 } }, { type: 'rtc', channelName: 'B', uid: 2, privileges: { joinChannel: 600 } }]
})
check('repeated services: built payloads identical', payload(ours).equals(payload(theirs)))
const info = m.inspectToken(theirs)
check('repeated services: our inspection lists both RTC services, in order, then RTM',
  JSON.stringify(info.services.map(s => [s.typeName, s.fields.channelName ?? s.fields.userId])) === '[["rtc","A"],["rtc","B"],["rtm","bob"]]', JSON.stringify(info.services))
const [parsed, t] = parse(ours)
check('repeated services: their parser reads ours the same way', parsed && t.getServices(1).length === 2 && t.verifySignature(C))
check('repeated services: ours verifies theirs, either channel', m.verifyToken(theirs, C, { channelName: 'B', uid: 2, now: TS }).valid && m.verifyToken(theirs, C, { channelName: 'A', uid: 1, now: TS }).valid)

// 2. A service type the parser does not know (11), after an RTC service, correctly signed.
const known = payload(official([rtc('A', 1)]).build())
const sigLen = known.readUInt16LE(0)
const info0 = known.subarray(2 + sigLen)
const count = 2 + info0.readUInt16LE(0) + 12 // str(appId), issueTs, expire, salt
const signing = Buffer.concat([info0.subarray(0, count), Buffer.from([2, 0]), info0.subarray(count + 2), Buffer.from([11, 0, 0, 0])])
const u32 = n => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b }
const key = createHmac('sha256', u32(SALT)).update(createHmac('sha256', u32(TS)).update(C).digest()).digest()
const sig = createHmac('sha256', key).update(signing).digest()
const unknown = '007' + deflateSync(Buffer.concat([Buffer.from([32, 0]), sig, signing])).toString('base64')
const [uParsed, u] = parse(unknown)
check('unknown service type: their parser stops there, keeps the RTC service before it, and verifies',
  uParsed && u.services.length === 1 && u.verifySignature(C), JSON.stringify([uParsed, u.services.length]))
let ourCode
try { m.inspectToken(unknown) } catch (e) { ourCode = e.code }
const v = m.verifyToken(unknown, C, { now: TS })
const differs = ourCode === 'MALFORMED_TOKEN' && v.valid === false && v.reason === 'MALFORMED'
if (!differs) failures++
console.log(`${differs ? 'deliberate' : 'FAIL      '} unknown service type: ours refuses it (inspect MALFORMED_TOKEN, verify MALFORMED): what follows an unknown type has no length, so nothing after it can be described or checked, and a verifier that kept the part it read would accept a token whose remaining grants it never saw`)

// 3. No service: both refuse to build.
let empty
try { m.buildToken({ appId: A, appCertificate: C, issuedAt: TS, salt: SALT, services: [] }) } catch (e) { empty = e.code }
check('no service: theirs returns "", ours refuses with NO_SERVICES', official([]).build() === '' && empty === 'NO_SERVICES', String(empty))

if (failures) {
  console.log(`accesstoken2: ${failures} failure(s)`)
  process.exit(1)
}
