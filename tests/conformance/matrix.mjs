#!/usr/bin/env node
// The conformance matrix: every row of tests/conformance/table.json on every surface.
//
// The official packages' outcomes are computed here, in the run (tests/reference/reference.mjs:
// npm agora-access-token for 006, compared exactly; npm agora-token for 007, compared inflated).
// The npm surfaces run here (tests/conformance/npm.mjs over pkg/); the others were written
// to target/conformance/<surface>.json by their drivers (tests/conformance/main.rs: core and
// CLI; tests/conformance/python.py: the three Python APIs; worker/tests/conformance.rs: the
// Worker's /getToken and GET routes). A cell is pass, deliberate (a listed difference from the official package, or a
// surface's own listed reading, with its reason), n/e (not expressible on that surface, with
// its reason) or FAIL. A missing result, an unlisted unmapped row or any FAIL fails the run.
//
// Usage: node tests/conformance/matrix.mjs [pkgDir] [resultsDir]
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateSync } from 'node:zlib'
import { drivers } from './npm.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const resultsDir = path.resolve(process.argv[3] ?? path.join(root, 'target/conformance'))
const table = JSON.parse(fs.readFileSync(path.join(here, 'table.json'), 'utf8'))

const context = row => ({
  appId: row.args.appId ?? table.credentials.appId,
  appCertificate: row.args.appCertificate ?? table.credentials.appCertificate,
  ...(row.issue ?? table.issue)
})

// ---- the official packages, on the same calls ----
const REF = {
  rtc006: (c, a, by) => ['agora-access-token', `RtcTokenBuilder.buildTokenWith${by === 'uid' ? 'Uid' : 'Account'}`, [a.channelName, a[by], a.role, a.privilegeExpiredTs]],
  rtm006: (c, a) => ['agora-access-token', 'RtmTokenBuilder.buildToken', [a.userAccount, a.role, a.privilegeExpiredTs]],
  rtc007: (c, a, by) => ['agora-token', `RtcTokenBuilder.buildTokenWith${by === 'uid' ? 'Uid' : 'UserAccount'}`, [a.channelName, a[by], a.role, a.tokenExpire, a.privilegeExpire]],
  rtm007: (c, a) => ['agora-token', 'RtmTokenBuilder.buildToken', [a.userId, a.expire]],
  rtm2: (c, a) => ['agora-token', 'RtmTokenBuilder.buildTokenWithPermissions', [a.userId, a.permissions, a.expire]]
}
const refRows = table.rows.filter(r => REF[r.op])
const refCases = refRows.map(r => {
  const c = context(r)
  const [ref, fn, args] = REF[r.op](c, r.args, r.by)
  const ts = ref === 'agora-access-token' ? c.issuedAt + 86400 : c.issuedAt
  return { ref, fn, args: [c.appId, c.appCertificate, ...args], salt: c.salt, ts }
})
const refOut = JSON.parse(execFileSync(process.execPath, [path.join(root, 'tests/reference/reference.mjs')], { input: JSON.stringify(refCases), cwd: root, maxBuffer: 1 << 26 }))
const official = Object.fromEntries(refRows.map((r, i) => [r.id, refOut[i]]))

// ---- every surface's outcomes ----
const results = {}
const npmDrivers = drivers(pkgDir)
for (const [surface, run] of Object.entries(npmDrivers)) {
  results[surface] = Object.fromEntries(table.rows.map(r => [r.id, run(context(r), r)]))
}
for (const surface of table.surfaces) {
  if (results[surface]) continue
  const file = path.join(resultsDir, `${surface}.json`)
  results[surface] = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null
}

// ---- comparing ----
const snake = f => f.replace(/[A-Z]/g, c => '_' + c.toLowerCase())
const spell = (surface, field) => surface.startsWith('py-') ? snake(field) : (table.spelling[surface]?.[field] ?? field)
const payload = t => inflateSync(Buffer.from(t.slice(3), 'base64')).toString('hex')
const sameToken = (a, b) => a.startsWith('007') && b.startsWith('007') ? payload(a) === payload(b) : a === b

function notExpressible (row, surface) {
  if (row.na?.[surface]) return row.na[surface]
  const rule = table.notExpressible.find(n => n.surfaces.includes(surface) && n.ops.includes(row.op))
  return rule?.reason
}

function cell (row, surface) {
  const na = notExpressible(row, surface)
  if (na) return ['n/e', na]
  const all = results[surface]
  if (!all) return ['FAIL', `no results from the ${surface} driver`]
  const got = all[row.id]
  if (!got) return ['FAIL', 'no result']
  if (got.unmapped) return ['FAIL', `not expressible (${got.unmapped}) but not listed as such in table.json`]
  const own = row.surfaces?.[surface]
  const want = own?.expect ?? row.expect
  const why = own?.deliberate ?? (want !== 'official' && row.official ? `the official package ${row.official}` : undefined)
  const ok = [why ? 'deliberate' : 'pass', why ?? '']
  if (want === 'official') {
    const ref = official[row.id]
    if (!ref?.token) return ['FAIL', `the official package did not build it: ${ref?.error}`]
    if (!got.token) return ['FAIL', `refused: ${JSON.stringify(got.error)}`]
    return (row.op.endsWith('006') ? got.token === ref.token : payload(got.token) === ref.payload_hex) ? ok : ['FAIL', 'another token than the official package']
  }
  if (want.error) {
    if (!got.error) return ['FAIL', got.token ? 'built a token' : JSON.stringify(got)]
    const field = spell(surface, want.error.field)
    if (got.error.code !== want.error.code || got.error.field !== field) return ['FAIL', `${got.error.code} ${got.error.field}, want ${want.error.code} ${field}`]
    return ok
  }
  if (want.sameAs) {
    if (!got.token || !got.sameAs) return ['FAIL', `no token to compare: ${JSON.stringify(got)}`]
    return sameToken(got.token, got.sameAs) ? ok : ['FAIL', 'not the token of ' + JSON.stringify(want.sameAs)]
  }
  return ['FAIL', 'unknown expectation']
}

// Where a row expects a refusal and says the official package signs (or refuses), check that
// the official package still does: a listed difference must be a real one.
const listed = []
for (const row of refRows) {
  if (row.officialSigns === undefined) continue
  const signs = Boolean(official[row.id]?.token)
  if (signs !== row.officialSigns) listed.push(`${row.id}: the official package ${signs ? 'signs' : 'refuses'} it, table.json says otherwise`)
}

const surfaces = table.surfaces
const SHORT = { pass: 'pass', deliberate: 'dlb', 'n/e': 'n/e', FAIL: 'FAIL' }
const width = Math.max(...table.rows.map(r => r.id.length))
const lines = []
const notes = []
let failures = listed.length
const counts = { pass: 0, deliberate: 0, 'n/e': 0, FAIL: 0 }
lines.push(''.padEnd(width) + ' ' + surfaces.map(s => s.padEnd(Math.max(s.length, 4))).join(' '))
for (const row of table.rows) {
  const cells = surfaces.map(s => cell(row, s))
  cells.forEach(([status, why], i) => {
    counts[status]++
    if (status === 'FAIL') failures++
    if (status !== 'pass') notes.push(`  ${SHORT[status].padEnd(4)} ${row.id} @ ${surfaces[i]}: ${why}`)
  })
  lines.push(row.id.padEnd(width) + ' ' + cells.map(([status], i) => SHORT[status].padEnd(Math.max(surfaces[i].length, 4))).join(' '))
}
console.log(`[conformance] ${table.rows.length} rows x ${surfaces.length} surfaces (pass, dlb = deliberate difference, n/e = not expressible)`)
console.log(lines.join('\n'))
console.log(`[conformance] ${counts.pass} pass, ${counts.deliberate} deliberate, ${counts['n/e']} not expressible, ${counts.FAIL} fail`)
if (process.env.CONFORMANCE_NOTES !== '0') console.log(notes.join('\n'))
listed.forEach(l => console.log('FAIL ' + l))
if (failures) {
  console.log(`[conformance] ${failures} failure(s)`)
  process.exit(1)
}
