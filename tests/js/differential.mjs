#!/usr/bin/env node
// Differential test of the npm package's drop-in classes against the official npm builders,
// on random valid inputs (ROUNDS per builder, default 1000), in Node against the built pkg/:
//   006: RtcTokenBuilder / RtmTokenBuilder vs npm agora-access-token 2.0.4: identical strings;
//   007: RtcTokenBuilder2, RtmTokenBuilder2, ChatTokenBuilder2, FpaTokenBuilder2,
//        ApaasTokenBuilder2, EducationTokenBuilder2, ConvoAITokenBuilder2, SttTokenBuilder2
//        vs npm agora-token 2.0.6 (uids also as decimal text, accounts and RTM2 user ids also
//        as numbers, where agora-token gives them the same meaning): identical
//        inflated payloads (room-user tokens: identical except the APaaS privilege that npm
//        agora-token leaves out; tests/reference/KNOWN_DIFFERENCES.md §1).
// The reference side is tests/reference/reference.mjs (salt and ts pinned in the packages'
// own token classes), fed all cases in one batch.
// Usage: node tests/js/differential.mjs [pkgDir]
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'
import { inflateSync } from 'node:zlib'
import { randomInt } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const ROUNDS = Number(process.env.DIFF_ROUNDS ?? 1000)
const require = createRequire(import.meta.url)
const ours = require(pkgDir)

const hex = n => Array.from({ length: n }, () => '0123456789abcdefABCDEF'[randomInt(22)]).join('')
const CHANNEL = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,'
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + 'éü中😀'
const pick = (chars, min, max) => {
  let s = ''
  const n = min + randomInt(max - min + 1)
  const all = Array.from(chars)
  for (let i = 0; i < n; i++) s += all[randomInt(all.length)]
  return s
}
// Strings within the byte limits (the emoji is 4 bytes): trim to max bytes.
const within = (s, maxBytes) => { while (Buffer.byteLength(s) > maxBytes) s = Array.from(s).slice(0, -1).join(''); return s || 'x' }
const channel = () => pick(CHANNEL, 1, 64)
const account = () => within(pick(PRINTABLE, 1, 255), 255)
const userId = () => within(pick(PRINTABLE, 1, 64), 64)
const uid = () => (randomInt(10) === 0 ? 0 : randomInt(2 ** 32 - 1) + 1)
// The string | number arguments of npm agora-token, in either form where both mean the same
// there: a uid as a number or (not 0, which agora-token signs as the text "0") its decimal
// text; an RTC account as a string or a number (that uid; 0 the wildcard).
const uidAny = () => { const u = uid(); return u !== 0 && randomInt(2) ? String(u) : u }
const accountAny = () => (randomInt(4) === 0 ? uid() : account())
const secs = () => 1 + randomInt(1_000_000_000)
const secs0 = () => randomInt(1_000_000_001)
const salt = () => 1 + randomInt(99_999_999)
const ts007 = () => randomInt(3_000_000_000)
const creds = () => [hex(32), hex(32)]

// Each builder: [our method, random-arguments generator]. A room-user token also logs the user
// into RTM, so its userUuid follows the RTM user-id rule (1..=64 bytes).
const B006 = {
  'RtcTokenBuilder.buildTokenWithUid': [ours.RtcTokenBuilder.buildTokenWithUid,
    () => [...creds(), channel(), uid(), [0, 1, 2, 101][randomInt(4)], randomInt(2 ** 32)]],
  'RtcTokenBuilder.buildTokenWithAccount': [ours.RtcTokenBuilder.buildTokenWithAccount,
    () => [...creds(), channel(), account(), [0, 1, 2, 101][randomInt(4)], randomInt(2 ** 32)]],
  'RtmTokenBuilder.buildToken': [ours.RtmTokenBuilder.buildToken,
    () => [...creds(), userId(), 1, randomInt(2 ** 32)]]
}
const R = ours.RtcTokenBuilder2
const B007 = {
  'RtcTokenBuilder.buildTokenWithUid': [R.buildTokenWithUid, () => [...creds(), channel(), uidAny(), 1 + randomInt(2), secs(), secs0()]],
  'RtcTokenBuilder.buildTokenWithUserAccount': [R.buildTokenWithUserAccount, () => [...creds(), channel(), accountAny(), 1 + randomInt(2), secs(), secs0()]],
  'RtcTokenBuilder.buildTokenWithUidAndPrivilege': [R.buildTokenWithUidAndPrivilege, () => [...creds(), channel(), uidAny(), secs(), secs0(), secs0(), secs0(), secs0()]],
  'RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege': [R.BuildTokenWithUserAccountAndPrivilege, () => [...creds(), channel(), accountAny(), secs(), secs0(), secs0(), secs0(), secs0()]],
  'RtcTokenBuilder.buildTokenWithRtm': [R.buildTokenWithRtm, () => [...creds(), channel(), userId(), 1 + randomInt(2), secs(), secs0()]],
  'RtcTokenBuilder.buildTokenWithRtm2': [R.buildTokenWithRtm2, () => [...creds(), channel(), accountAny(), 1 + randomInt(2), secs(), secs0(), secs0(), secs0(), secs0(), userId(), secs()]],
  'ConvoAITokenBuilder.buildToken': [ours.ConvoAITokenBuilder2.buildToken, () => [...creds(), channel(), accountAny(), 1 + randomInt(2), secs(), secs0(), secs0(), secs0(), secs0(), userId(), secs()]],
  'SttTokenBuilder.buildToken': [ours.SttTokenBuilder2.buildToken, () => [...creds(), channel(), accountAny(), 1 + randomInt(2), secs(), secs0(), secs0(), secs0(), secs0(), userId(), secs()]],
  'RtmTokenBuilder.buildToken': [ours.RtmTokenBuilder2.buildToken, () => [...creds(), userId(), secs()]],
  'RtmTokenBuilder.buildTokenWithPermissions': [ours.RtmTokenBuilder2.buildTokenWithPermissions, () => {
    const triples = Array.from({ length: randomInt(4) }, () => [randomInt(5), randomInt(2), Array.from({ length: randomInt(4) }, () => account())])
    // agora-token's ServiceRtm2 signs String(userId), and 0 as "" (any user).
    return [...creds(), randomInt(4) === 0 ? uid() : userId(), triples, secs()]
  }],
  'ChatTokenBuilder.buildUserToken': [ours.ChatTokenBuilder2.buildUserToken, () => [...creds(), userId(), secs()]],
  'ChatTokenBuilder.buildAppToken': [ours.ChatTokenBuilder2.buildAppToken, () => [...creds(), secs()]],
  'FpaTokenBuilder.buildToken': [ours.FpaTokenBuilder2.buildToken, () => [...creds()]],
  'ApaasTokenBuilder.buildRoomUserToken': [ours.ApaasTokenBuilder2.buildRoomUserToken, () => [...creds(), account(), userId(), 1 + randomInt(32767), secs()]],
  'ApaasTokenBuilder.buildUserToken': [ours.ApaasTokenBuilder2.buildUserToken, () => [...creds(), account(), secs()]],
  'ApaasTokenBuilder.buildAppToken': [ours.ApaasTokenBuilder2.buildAppToken, () => [...creds(), secs()]],
  'EducationTokenBuilder.buildRoomUserToken': [ours.EducationTokenBuilder2.buildRoomUserToken, () => [...creds(), account(), userId(), 1 + randomInt(32767), secs()]],
  'EducationTokenBuilder.buildUserToken': [ours.EducationTokenBuilder2.buildUserToken, () => [...creds(), account(), secs()]],
  'EducationTokenBuilder.buildAppToken': [ours.EducationTokenBuilder2.buildAppToken, () => [...creds(), secs()]]
}

// Our permissions argument: npm agora-token's Rtm2Permissions shape, built the same way.
function details (triples) {
  const d = {}
  for (const [r, p, list] of triples) { (d[r] ??= {})[p] = Array.from(list) }
  return { details: d }
}

const cases = []
const mine = []
for (const [ref, table] of [['agora-access-token', B006], ['agora-token', B007]]) {
  for (const [fn, [build, gen]] of Object.entries(table)) {
    for (let i = 0; i < ROUNDS; i++) {
      const args = gen()
      const s = salt()
      const ts = ref === 'agora-access-token' ? 86_400 + randomInt(2 ** 32 - 86_400) : ts007()
      cases.push({ ref, fn, args, salt: s, ts })
      const ourArgs = fn === 'RtmTokenBuilder.buildTokenWithPermissions' ? args.with(3, details(args[3])) : args
      const issuedAt = ref === 'agora-access-token' ? ts - 86_400 : ts
      try {
        mine.push({ token: build(...ourArgs, { issuedAt, salt: s }) })
      } catch (e) {
        mine.push({ error: `${e.code}: ${e.message}` })
      }
    }
  }
}

const run = spawnSync(process.execPath, [path.join(root, 'tests/reference/reference.mjs')], {
  input: JSON.stringify(cases), maxBuffer: 1 << 30, cwd: root
})
if (run.status !== 0) throw new Error(`reference.mjs failed: ${run.stderr}`)
const theirs = JSON.parse(run.stdout)

const payload = t => inflateSync(Buffer.from(t.slice(3), 'base64'))
// Room-user tokens: compare every service but APaaS (whose privilege npm omits), and the
// APaaS service's fields.
function roomUserView (token) {
  const info = ours.inspectToken(token, 0)
  return JSON.stringify({ ...info, services: info.services.map(s => (s.typeName === 'apaas' ? { ...s, privileges: [] } : s)) })
}

const stats = {}
let failures = 0
cases.forEach((c, i) => {
  const key = `${c.ref} ${c.fn}`
  stats[key] ??= { n: 0, same: 0 }
  stats[key].n++
  const a = mine[i]
  const b = theirs[i]
  let same
  if (a.error || b.error) same = false
  else if (c.ref === 'agora-access-token') same = a.token === b.token
  else if (c.fn.endsWith('buildRoomUserToken')) same = roomUserView(a.token) === roomUserView(b.token)
  else same = payload(a.token).equals(payload(b.token))
  if (same) stats[key].same++
  else if (failures++ < 10) console.error(`MISMATCH ${key}\n  args ${JSON.stringify(c.args).slice(0, 300)} salt ${c.salt} ts ${c.ts}\n  ours   ${JSON.stringify(a).slice(0, 200)}\n  theirs ${JSON.stringify(b).slice(0, 200)}`)
})
for (const [k, { n, same }] of Object.entries(stats)) console.log(`${same === n ? 'ok  ' : 'FAIL'} ${k}: ${same}/${n} identical`)
if (failures) { console.error(`differential: ${failures} mismatches`); process.exit(1) }
console.log(`differential: ${cases.length} random cases identical to the official npm builders`)
