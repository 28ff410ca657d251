#!/usr/bin/env node
// The official packages' own tests and samples against the drop-in entries.
//
// npm agora-token 2.0.6 and agora-access-token 2.0.4 ship their nodeunit tests (test/*.js)
// and samples (sample/*.js) inside the installed packages (root devDependencies). They run
// here unmodified, from node_modules (nothing is copied into the repository), through a
// require hook: every builder module they import (../index, ../src/RtcTokenBuilder2,
// ../src/RtmTokenBuilder, …) resolves to agora-token-wasm/agora-token or
// agora-token-wasm/agora-access-token of the built package, while their parsers
// (src/AccessToken2.js, src/AccessToken.js) and the other modules stay official.
//
// Tests: a small nodeunit runner. A test that calls a drop-in builder must pass; a test
// that calls none (it exercises the official parser or AccessToken classes only) is listed
// as not applicable, with that reason, and still run. Per-file counts are printed.
// Samples: each runs twice with the clock and Math.random pinned, once fully official and
// once through the drop-ins (whose calls get the same issue time and salt as the trailing
// `{ issuedAt, salt }` argument); the tokens they print must match: 006 strings exactly,
// 007 inflated payloads (signature included) exactly.
// Exits non-zero on any failure.
// Usage: node tests/js/official.mjs [pkgDir]
import assert from 'node:assert'
import fs from 'node:fs'
import Module, { createRequire } from 'node:module'
import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const require = createRequire(import.meta.url)
const dropToken = require(path.join(pkgDir, 'agora-token/index.cjs'))
const dropAccess = require(path.join(pkgDir, 'agora-access-token/index.cjs'))

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
// The pinned clock and Math.random of the sample runs.
const NOW = 1700000000
const RANDOM = 0.001

// ---- which official module becomes which drop-in ---------------------------------------

const officials = {
  'agora-token': path.join(root, 'node_modules/agora-token'),
  'agora-access-token': path.join(root, 'node_modules/agora-access-token')
}

// `(t, a)`: the drop-in namespaces of agora-token and agora-access-token, possibly wrapped.
// Returns absolute module file → the exports it gets instead.
function replacements (t, a) {
  const at = officials['agora-token']
  const aat = officials['agora-access-token']
  const src = (dir, file) => path.join(dir, 'src', file + '.js')
  const v006 = { RtcTokenBuilder: { RtcTokenBuilder: a.RtcTokenBuilder, Role: a.RtcRole }, RtmTokenBuilder: { RtmTokenBuilder: a.RtmTokenBuilder, Role: a.RtmRole } }
  return new Map([
    [path.join(at, 'index.js'), t],
    [src(at, 'RtcTokenBuilder2'), { RtcTokenBuilder: t.RtcTokenBuilder, Role: t.RtcRole }],
    [src(at, 'RtmTokenBuilder2'), { RtmTokenBuilder: t.RtmTokenBuilder }],
    [src(at, 'ChatTokenBuilder'), { ChatTokenBuilder: t.ChatTokenBuilder }],
    [src(at, 'FpaTokenBuilder'), { FpaTokenBuilder: t.FpaTokenBuilder }],
    [src(at, 'ApaasTokenBuilder'), { ApaasTokenBuilder: t.ApaasTokenBuilder }],
    [src(at, 'EducationTokenBuilder'), { EducationTokenBuilder: t.EducationTokenBuilder }],
    [src(at, 'ConvoAITokenBuilder'), { ConvoAITokenBuilder: t.ConvoAITokenBuilder }],
    [src(at, 'SttTokenBuilder'), { SttTokenBuilder: t.SttTokenBuilder }],
    // agora-token also ships the 006 builders of agora-access-token.
    [src(at, 'RtcTokenBuilder'), v006.RtcTokenBuilder],
    [src(at, 'RtmTokenBuilder'), v006.RtmTokenBuilder],
    [path.join(aat, 'index.js'), a],
    [src(aat, 'RtcTokenBuilder'), v006.RtcTokenBuilder],
    [src(aat, 'RtmTokenBuilder'), v006.RtmTokenBuilder]
  ])
}

// The require hook: a mapped file resolves to a virtual module id whose cache entry holds
// the drop-in exports; everything else resolves as usual (so the parsers stay official).
const originalResolve = Module._resolveFilename
let active = null
Module._resolveFilename = function (request, parent, ...rest) {
  const file = originalResolve.call(this, request, parent, ...rest)
  if (active && active.has(file)) {
    const id = 'agora-token-wasm-dropin:' + file
    if (!require.cache[id]) {
      const m = new Module(id)
      m.filename = id
      m.loaded = true
      m.exports = active.get(file)
      require.cache[id] = m
    }
    return id
  }
  return file
}

// Forgets every module of the official packages and every virtual drop-in module.
function freshCache () {
  for (const id of Object.keys(require.cache)) {
    if (id.startsWith('agora-token-wasm-dropin:') || Object.values(officials).some(d => id.startsWith(d + path.sep))) {
      delete require.cache[id]
    }
  }
}

// Counts calls into the drop-in classes (every static method of every exported class).
let builderCalls = 0
let constructions = 0
function counted (ns, transform = (fn, cls) => fn) {
  const out = {}
  for (const [name, value] of Object.entries(ns)) {
    if (typeof value !== 'function' || name === 'Rtm2Permissions') { out[name] = value; continue }
    out[name] = new Proxy(value, {
      construct (target, args, newTarget) { constructions++; return Reflect.construct(target, args, newTarget) },
      get (target, key, receiver) {
        const v = Reflect.get(target, key, receiver)
        if (typeof v !== 'function' || key === 'constructor' || typeof key !== 'string' || !/^[bB]uild/.test(key)) return v
        const call = transform(v, target)
        return function (...args) { builderCalls++; return call.apply(target, args) }
      }
    })
  }
  return out
}

// ---- a nodeunit runner ------------------------------------------------------------------

function makeTest (resolve, reject) {
  let expected
  let count = 0
  const wrap = fn => (...args) => { count++; return fn(...args) }
  return {
    ok: wrap((v, msg) => assert.ok(v, msg)),
    equal: wrap((a, b, msg) => assert.equal(a, b, msg)),
    notEqual: wrap((a, b, msg) => assert.notEqual(a, b, msg)),
    deepEqual: wrap((a, b, msg) => assert.deepEqual(a, b, msg)),
    notDeepEqual: wrap((a, b, msg) => assert.notDeepEqual(a, b, msg)),
    strictEqual: wrap((a, b, msg) => assert.strictEqual(a, b, msg)),
    notStrictEqual: wrap((a, b, msg) => assert.notStrictEqual(a, b, msg)),
    throws: wrap((f, e, msg) => assert.throws(f, e, msg)),
    doesNotThrow: wrap((f, e, msg) => assert.doesNotThrow(f, e, msg)),
    ifError: wrap(v => assert.ifError(v)),
    expect: n => { expected = n },
    done: err => {
      if (err) return reject(err)
      if (expected !== undefined && expected !== count) return reject(new Error(`expected ${expected} assertions, ran ${count}`))
      resolve()
    }
  }
}

// Runs one nodeunit test function (with setUp/tearDown of its group); rejects on failure.
// The official tests print (their negative cases log the errors they catch): their output is
// dropped, the outcome is what counts.
async function runOne (fn, group) {
  const { log, error, warn, info } = console
  Object.assign(console, { log () {}, error () {}, warn () {}, info () {} })
  try { await runQuiet(fn, group) } finally { Object.assign(console, { log, error, warn, info }) }
}

async function runQuiet (fn, group) {
  const step = f => f ? new Promise((resolve, reject) => { try { f.call(group, resolve) } catch (e) { reject(e) } }) : null
  await step(group.setUp)
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('test.done() not called within 10 s')), 10000)
      const done = f => v => { clearTimeout(timer); f(v) }
      try { fn.call(group, makeTest(done(resolve), done(reject))) } catch (e) { clearTimeout(timer); reject(e) }
    })
  } finally {
    await step(group.tearDown)
  }
}

// Every test of a nodeunit module (nested groups flattened as `group.name`).
function collect (group, prefix = '') {
  const out = []
  for (const [name, v] of Object.entries(group)) {
    if (name === 'setUp' || name === 'tearDown') continue
    if (typeof v === 'function') out.push([prefix + name, v, group])
    else if (v && typeof v === 'object') out.push(...collect(v, prefix + name + '.'))
  }
  return out
}

let failures = 0
const totals = { pass: 0, fail: 0, na: 0 }
const testMap = replacements(counted(dropToken), counted(dropAccess))
for (const [pkg, dir] of Object.entries(officials)) {
  const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version
  const files = fs.readdirSync(path.join(dir, 'test')).filter(f => f.endsWith('.js')).sort()
  console.log(`[official] ${pkg} ${version}: test/*.js (${files.length} files) against agora-token-wasm/${pkg === 'agora-token' ? 'agora-token' : 'agora-access-token'} (and /agora-access-token for the 006 builders)`)
  for (const file of files) {
    // First the file as shipped, fully official: which tests pass on the official package.
    freshCache()
    const officialErrors = new Map()
    for (const [name, fn, group] of collect(require(path.join(dir, 'test', file)))) {
      try { await runOne(fn, group) } catch (e) { officialErrors.set(name, e) }
    }
    // Then with the builders replaced by the drop-ins.
    freshCache()
    active = testMap
    let tests
    try {
      tests = collect(require(path.join(dir, 'test', file)))
    } catch (e) {
      console.log(`  FAIL ${file}: could not be loaded: ${e.message}`)
      failures++
      continue
    }
    const counts = { pass: 0, fail: 0, na: 0 }
    const lines = []
    for (const [name, fn, group] of tests) {
      const before = builderCalls
      const constructed = constructions
      let error
      try { await runOne(fn, group) } catch (e) { error = e }
      const calls = builderCalls - before
      const officialError = officialErrors.get(name)
      if (officialError) {
        counts.na++
        lines.push(`    n/a  ${name}: fails on the official package itself (${officialError.message.split('\n')[0]})` +
          (constructions > constructed ? '; it uses an instance API (new Builder(...)) that the package does not have' : ''))
      } else if (calls === 0) {
        counts.na++
        lines.push(`    n/a  ${name}: calls no builder (it tests the official ${/DynamicKey/.test(file) ? 'DynamicKey5 format' : 'parser / token classes'} only)${error ? '; FAILED: ' + error.message : ''}`)
        if (error) counts.fail++
      } else if (error) {
        counts.fail++
        lines.push(`    FAIL ${name}: ${error.message.split('\n')[0]}`)
      } else {
        counts.pass++
      }
    }
    active = null
    failures += counts.fail
    for (const k of Object.keys(totals)) totals[k] += counts[k]
    console.log(`  ${counts.fail ? 'FAIL' : 'ok  '} ${file}: ${counts.pass} passed, ${counts.fail} failed, ${counts.na} not applicable`)
    for (const l of lines) console.log(l)
  }
}
console.log(`[official] tests: ${totals.pass} builder tests passed, ${totals.fail} failed, ${totals.na} not applicable (no builder call)`)
if (totals.pass === 0) { console.log('FAIL no builder test ran'); failures++ }

// ---- samples ----------------------------------------------------------------------------

const RealDate = globalThis.Date
class PinnedDate extends RealDate {
  constructor (...args) { if (args.length) super(...args); else super(NOW * 1000) }
  static now () { return NOW * 1000 }
}

// Runs one sample file; returns the tokens it printed.
function runSample (file, map) {
  freshCache()
  active = map
  const printed = []
  const { log, info } = console
  const { exit } = process
  const env = { AGORA_APP_ID: process.env.AGORA_APP_ID, AGORA_APP_CERTIFICATE: process.env.AGORA_APP_CERTIFICATE }
  const random = Math.random
  console.log = console.info = (...args) => printed.push(args.map(String).join(' '))
  process.exit = code => { throw new Error(`the sample called process.exit(${code})`) }
  process.env.AGORA_APP_ID = APP_ID
  process.env.AGORA_APP_CERTIFICATE = CERT
  globalThis.Date = PinnedDate
  Math.random = () => RANDOM
  try {
    require(file)
  } finally {
    Object.assign(console, { log, info })
    process.exit = exit
    for (const [k, v] of Object.entries(env)) { if (v === undefined) delete process.env[k]; else process.env[k] = v }
    globalThis.Date = RealDate
    Math.random = random
    active = null
  }
  return printed.join('\n').match(/\b00[67][A-Za-z0-9+/=]{20,}/g) ?? []
}

// The drop-ins with the pinned issue time and salt as each builder call's trailing
// `{ issuedAt, salt }` (the last parameter of every drop-in method).
const pin = salt => fn => function (...args) {
  const a = args.slice(0, fn.length - 1)
  while (a.length < fn.length - 1) a.push(undefined)
  return fn.apply(this, [...a, { issuedAt: NOW, salt }])
}
const pinnedMap = replacements(
  counted(dropToken, pin(Math.floor(RANDOM * 99999999) + 1)),
  counted(dropAccess, pin(Math.floor(RANDOM * 0xffffffff))))

const payload = t => t.startsWith('007') ? inflateSync(Buffer.from(t.slice(3), 'base64')).toString('hex') : t

// The deliberate differences (tests/reference/KNOWN_DIFFERENCES.md), each checked exactly.
const { AccessToken2 } = require(path.join(officials['agora-token'], 'src/AccessToken2.js'))
// Services of a 007 token by the official parser: [type, fields, privileges] (signature aside).
function services (token) {
  const t = new AccessToken2('', '', 0, 0)
  if (!t.from_string(token)) throw new Error('the official parser refused ' + token)
  return { t, list: t.services.map(s => [s.__type, JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => !/privileges|type/.test(k)))), JSON.stringify(s.__privileges)]) }
}
// The APaaS room-user token: npm agora-token never adds the APaaS roomUser privilege
// (KNOWN_DIFFERENCES section 1); ours has it, {1: expire}. Everything else must be equal and
// our signature must verify with the official parser.
function apaasRoomUser (official, ours) {
  const a = services(official)
  const b = services(ours)
  if (!b.t.verifySignature(CERT)) return 'our signature does not verify'
  const header = x => JSON.stringify([x.appId, x.issueTs, x.expire, x.salt])
  if (header(a.t) !== header(b.t)) return `header ${header(b.t)}, official ${header(a.t)}`
  if (a.list.length !== b.list.length) return 'service count differs'
  for (let i = 0; i < a.list.length; i++) {
    const [type, fields, privileges] = a.list[i]
    if (type !== b.list[i][0] || fields !== b.list[i][1]) return `service ${type} differs`
    const want = type === 7 ? JSON.stringify({ 1: b.t.expire }) : privileges
    if (type === 7 && privileges !== '{}') return 'the official APaaS privileges are no longer empty: update KNOWN_DIFFERENCES'
    if (b.list[i][2] !== want) return `service ${type} privileges ${b.list[i][2]}, want ${want}`
  }
  return null
}
const KNOWN = {
  'agora-token/ApaasTokenSample.js': { token: 0, check: apaasRoomUser, why: 'room-user token: ours has the APaaS roomUser privilege that npm agora-token omits' },
  'agora-token/EducationTokenSample.js': { token: 0, check: apaasRoomUser, why: 'room-user token: ours has the APaaS roomUser privilege that npm agora-token omits' },
  'agora-token/RtmTokenBuilderSample.js': { refused: 'INVALID_ROLE', why: 'the sample passes the RtmRole object as the role, which the official builder ignores' },
  'agora-access-token/RtmTokenBuilderSample.js': { refused: 'INVALID_ROLE', why: 'the sample passes the RtmRole object as the role, which the official builder ignores' }
}
const sampleTotals = { match: 0, known: 0, na: 0 }
for (const [pkg, dir] of Object.entries(officials)) {
  const files = fs.readdirSync(path.join(dir, 'sample')).filter(f => f.endsWith('.js')).sort()
  console.log(`[official] ${pkg}: sample/*.js (${files.length} files), tokens against the official ones (clock ${NOW}, Math.random ${RANDOM})`)
  for (const f of files) {
    const file = path.join(dir, 'sample', f)
    const known = KNOWN[pkg + '/' + f]
    let official, ours
    const before = builderCalls
    try {
      official = runSample(file, null)
    } catch (e) {
      console.log(`  FAIL ${f}: the official sample failed: ${e.message}`)
      failures++
      continue
    }
    try {
      ours = runSample(file, pinnedMap)
    } catch (e) {
      if (known?.refused && e.code === known.refused) {
        sampleTotals.known++
        console.log(`  ok   ${f}: refused on purpose with ${e.code} (${e.message}): ${known.why}`)
      } else {
        console.log(`  FAIL ${f}: ${e.code ?? ''} ${e.message}`)
        failures++
      }
      continue
    }
    if (known?.refused) {
      console.log(`  FAIL ${f}: was expected to be refused with ${known.refused}: update KNOWN_DIFFERENCES`)
      failures++
      continue
    }
    const calls = builderCalls - before
    if (calls === 0) {
      sampleTotals.na++
      console.log(`  n/a  ${f}: calls no builder (the official token classes only; ${official.length} token(s))`)
      continue
    }
    let note = ''
    if (known?.check && official.length === ours.length && official.length > known.token) {
      const problem = known.check(official[known.token], ours[known.token])
      if (problem) {
        console.log(`  FAIL ${f}: token ${known.token + 1}: ${problem}`)
        failures++
        continue
      }
      note = `; token ${known.token + 1} differs on purpose (${known.why})`
      official = official.filter((_, i) => i !== known.token)
      ours = ours.filter((_, i) => i !== known.token)
      sampleTotals.known++
    }
    const same = official.length === ours.length && official.every((t, i) => payload(t) === payload(ours[i]))
    if (!same || (official.length === 0 && !note)) {
      failures++
      console.log(`  FAIL ${f}: official ${JSON.stringify(official)}\n       ours     ${JSON.stringify(ours)}`)
    } else {
      if (!note) sampleTotals.match++
      console.log(`  ok   ${f}: ${ours.length} token(s) identical (${[...new Set(ours.map(t => t.slice(0, 3)))].join(', ')})${note}`)
    }
  }
}
console.log(`[official] samples: ${sampleTotals.match} matched, ${sampleTotals.known} with a listed deliberate difference, ${sampleTotals.na} not applicable`)

Module._resolveFilename = originalResolve
if (failures) { console.error(`official: ${failures} failure(s)`); process.exit(1) }
console.log('official: every builder test of the official suites passes against the drop-in entries, and the samples make the official tokens')
