#!/usr/bin/env node
// Node benchmark of the npm package against the official npm builders, in one process:
//   006: our RtcTokenBuilder.buildTokenWithUid vs npm agora-access-token's (same arguments);
//   007: our RtcTokenBuilder2.buildTokenWithUid vs npm agora-token's RtcTokenBuilder (same
//        arguments), plus our headline buildRtcToken({...}) for reference.
// Method: a warm-up, then RUNS rounds; in each round every contestant builds tokens for
// about SLICE ms, in alternating order (the order flips every round), so machine noise hits
// all of them alike; with --expose-gc, every slice starts from a collected heap. Reported:
// the median tokens/s over the rounds, and the median of the per-round ratios ours/theirs. Token lengths: the median over 1,000 tokens of each.
// Cold start: `require` + the first token, timed inside fresh `node` processes (the median
// of COLD processes), ours and agora-token's.
// The boundary (docs/js-boundary.md): with --before DIR (another build of the package,
// .ci/bench.sh builds BENCH_BEFORE_REF into target/pkg-before), in the same rounds, the
// headline buildRtcToken 007 and 006 of that package against ours, and our drop-in classes
// against that package's buildRtcToken with the same inputs; reported as ratios
// before / ours. Built from a commit whose buildRtcToken reads its options with serde, they
// are serde / positional: the cost of serde on that path is 1 - ratio.
//
//   node benches/node/bench.mjs [pkgDir] [--before DIR] [--runs 7] [--slice-ms 300] [--cold 9] [--json]
import { createRequire } from 'node:module'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '7' },
    'slice-ms': { type: 'string', default: '300' },
    cold: { type: 'string', default: '9' },
    before: { type: 'string' },
    json: { type: 'boolean', default: false }
  }
})
const RUNS = Math.max(5, Number(opts.runs))
const SLICE = Math.max(50, Number(opts['slice-ms']))
const COLD = Math.max(3, Number(opts.cold))
const pkgDir = path.resolve(positionals[0] ?? path.join(root, 'pkg'))
const require = createRequire(path.join(root, 'package.json'))
const ours = require(pkgDir)
const aat = require('agora-access-token')
const at = require('agora-token')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const CHANNEL = '7d72365eb983485397e3e3f9d460bdda'
const UID = 2882341273
const expiredTs = () => Math.floor(Date.now() / 1000) + 3600

const contestants = {
  '006 ours (RtcTokenBuilder)': () => ours.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, ours.RtcRole.PUBLISHER, expiredTs()),
  '006 agora-access-token': () => aat.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, aat.RtcRole.PUBLISHER, expiredTs()),
  '007 ours (RtcTokenBuilder2)': () => ours.RtcTokenBuilder2.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 3600, 3600),
  '007 ours (buildRtcToken)': () => ours.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: CHANNEL, uid: UID, role: 'publisher', expiresIn: 3600 }),
  '007 agora-token': () => at.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, at.RtcRole.PUBLISHER, 3600, 3600)
}
// The serde boundary against the positional one (--before).
const before = opts.before ? require(path.resolve(opts.before)) : undefined
const rtc007 = { appId: APP_ID, appCertificate: CERT, channelName: CHANNEL, uid: UID, role: 'publisher', expiresIn: 3600 }
const rtc006 = () => ({ appId: APP_ID, appCertificate: CERT, channelName: CHANNEL, uid: UID, role: 'publisher', version: '006', expiresAt: expiredTs() })
// [before, ours] per path.
const boundaryPairs = {
  'headline 007 buildRtcToken': ['007 before (buildRtcToken)', '007 ours (buildRtcToken)'],
  'headline 006 buildRtcToken': ['006 before (buildRtcToken)', '006 ours (buildRtcToken)'],
  'drop-in 006 RtcTokenBuilder': ['006 before (buildRtcToken)', '006 ours (RtcTokenBuilder)'],
  'drop-in 007 RtcTokenBuilder2': ['007 before (buildRtcToken)', '007 ours (RtcTokenBuilder2)']
}
contestants['006 ours (buildRtcToken)'] = () => ours.buildRtcToken(rtc006())
if (before) {
  contestants['007 before (buildRtcToken)'] = () => before.buildRtcToken(rtc007)
  contestants['006 before (buildRtcToken)'] = () => before.buildRtcToken(rtc006())
}
const names = Object.keys(contestants)

// Tokens per second for about SLICE ms of `f` (batches of 64 between clock reads).
function rate (f) {
  let n = 0
  let sink = 0
  const t0 = process.hrtime.bigint()
  const end = t0 + BigInt(SLICE) * 1000000n
  let now = t0
  while (now < end) {
    for (let i = 0; i < 64; i++) sink += f().length
    n += 64
    now = process.hrtime.bigint()
  }
  if (sink === 0) throw new Error('no tokens')
  return n / (Number(now - t0) / 1e9)
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }

// Warm-up: JIT, the wasm instance, the credentials cache.
for (const n of names) for (let i = 0; i < 3000; i++) contestants[n]()

const rates = Object.fromEntries(names.map(n => [n, []]))
const ratio006 = []
const ratio007 = []
const boundary = Object.fromEntries(Object.keys(boundaryPairs).map(k => [k, []]))
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 ? [...names].reverse() : names
  const got = {}
  for (const n of order) {
    // A clean heap for every slice (with --expose-gc, as .ci/bench.sh runs it), so that no
    // contestant's slice pays for collecting the garbage of the one before it.
    globalThis.gc?.()
    got[n] = rate(contestants[n])
  }
  for (const n of names) rates[n].push(got[n])
  ratio006.push(got['006 ours (RtcTokenBuilder)'] / got['006 agora-access-token'])
  ratio007.push(got['007 ours (RtcTokenBuilder2)'] / got['007 agora-token'])
  if (before) for (const [k, [b, o]] of Object.entries(boundaryPairs)) boundary[k].push(got[b] / got[o])
}

const lengths = Object.fromEntries(names.map(n => [n, median(Array.from({ length: 1000 }, () => contestants[n]().length))]))

// Cold start in fresh processes: require + first token, timed inside the process.
function cold (program) {
  const out = []
  for (let i = 0; i < COLD; i++) {
    out.push(Number(execFileSync(process.execPath, ['-e', program], { cwd: root, encoding: 'utf8' }).trim()))
  }
  return median(out)
}
const coldOurs = cold(`const t0 = performance.now(); const m = require(${JSON.stringify(pkgDir)});
  m.RtcTokenBuilder2.buildTokenWithUid('${APP_ID}', '${CERT}', '${CHANNEL}', ${UID}, 1, 3600, 3600);
  console.log(performance.now() - t0)`)
const coldAt = cold(`const t0 = performance.now(); const m = require('agora-token');
  m.RtcTokenBuilder.buildTokenWithUid('${APP_ID}', '${CERT}', '${CHANNEL}', ${UID}, 1, 3600, 3600);
  console.log(performance.now() - t0)`)

const result = {
  node: process.version,
  runs: RUNS,
  sliceMs: SLICE,
  tokensPerSecond: Object.fromEntries(names.map(n => [n, Math.round(median(rates[n]))])),
  ratio006: median(ratio006),
  ratio007: median(ratio007),
  // Headline 006 (the options object, serde) against npm agora-access-token, and 007 against
  // npm agora-token.
  ratioHeadline006: median(rates['006 ours (buildRtcToken)']) / median(rates['006 agora-access-token']),
  ratioHeadline007: median(rates['007 ours (buildRtcToken)']) / median(rates['007 agora-token']),
  beforeOverOurs: before ? Object.fromEntries(Object.entries(boundary).map(([k, xs]) => [k, median(xs)])) : undefined,
  tokenLength: lengths,
  coldStartMs: { ours: coldOurs, 'agora-token': coldAt }
}

if (opts.json) {
  console.log(JSON.stringify(result))
} else {
  console.log(`Node ${process.version}: ${RUNS} alternating rounds of ${SLICE} ms each, medians`)
  const w = Math.max(...names.map(n => n.length))
  for (const n of names) {
    const tps = result.tokensPerSecond[n]
    console.log(`  ${n.padEnd(w)}  ${String(tps).padStart(9)} tokens/s  ${(1e6 / tps).toFixed(2).padStart(7)} µs/token  length ${lengths[n]}`)
  }
  console.log(`  006 ratio ours/agora-access-token: ${result.ratio006.toFixed(2)}x (target >= 6x)`)
  console.log(`  007 ratio ours/agora-token:        ${result.ratio007.toFixed(2)}x (target >= 8x)`)
  console.log(`  007 length ours - agora-token:     ${lengths['007 ours (RtcTokenBuilder2)'] - lengths['007 agora-token']} chars (target <= 4)`)
  if (before) for (const [k, r] of Object.entries(result.beforeOverOurs)) console.log(`  ${k}: before / ours ${r.toFixed(3)}`)
  console.log(`  cold require + first token: ours ${coldOurs.toFixed(2)} ms (target <= 5 ms), agora-token ${coldAt.toFixed(2)} ms`)
}
