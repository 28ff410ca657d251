#!/usr/bin/env node
// Start-up of two builds of the npm package, before and after a change, in the same run:
//   compile: `new WebAssembly.Module(bytes)` of node/agora_token_wasm_bg.wasm (the bytes read
//            before the clock starts);
//   first token: `require(pkg)` + the first 007 token (RtcTokenBuilder2.buildTokenWithUid)
//            and the first headline token (buildRtcToken);
// each timed inside a fresh `node` process (V8 caches compiled modules within a process),
// ROUNDS rounds alternating before / after (the order flips every round), medians reported,
// and the ratio after / before (below 1: faster).
//
//   node benches/node/startup.mjs <beforePkgDir> <afterPkgDir> [--rounds 15] [--json]
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '15' }, json: { type: 'boolean', default: false } }
})
if (positionals.length !== 2) {
  console.error('usage: node benches/node/startup.mjs <beforePkgDir> <afterPkgDir> [--rounds N] [--json]')
  process.exit(2)
}
const [before, after] = positionals.map(p => path.resolve(p))
const ROUNDS = Math.max(3, Number(opts.rounds))
const A = '970CA35de60c44645bbae8a215061b33'
const C = '5CFd2fd1755d40ecb72977518be15d3b'

const programs = {
  compileMs: dir => `const b = require('fs').readFileSync(${JSON.stringify(path.join(dir, 'node/agora_token_wasm_bg.wasm'))});
    const t0 = performance.now(); new WebAssembly.Module(b); console.log(performance.now() - t0)`,
  firstTokenMs: dir => `const t0 = performance.now(); const m = require(${JSON.stringify(dir)});
    m.RtcTokenBuilder2.buildTokenWithUid('${A}', '${C}', 'ch', 42, 1, 3600, 3600); console.log(performance.now() - t0)`,
  firstHeadlineTokenMs: dir => `const t0 = performance.now(); const m = require(${JSON.stringify(dir)});
    m.buildRtcToken({ appId: '${A}', appCertificate: '${C}', channelName: 'ch', uid: 42 }); console.log(performance.now() - t0)`
}
const run = program => Number(execFileSync(process.execPath, ['-e', program], { encoding: 'utf8' }).trim())
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1] }

const samples = Object.fromEntries(Object.keys(programs).map(k => [k, { before: [], after: [] }]))
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? [['after', after], ['before', before]] : [['before', before], ['after', after]]
  for (const [k, program] of Object.entries(programs)) {
    for (const [which, dir] of order) samples[k][which].push(run(program(dir)))
  }
}
const result = { node: process.version, rounds: ROUNDS, before, after }
for (const [k, s] of Object.entries(samples)) {
  const b = median(s.before)
  const a = median(s.after)
  result[k] = { before: b, after: a, ratio: a / b }
}
if (opts.json) {
  console.log(JSON.stringify(result))
} else {
  console.log(`Node ${process.version}: ${ROUNDS} alternating rounds, fresh processes, medians`)
  for (const k of Object.keys(programs)) {
    const { before: b, after: a, ratio } = result[k]
    console.log(`  ${k.padEnd(22)} before ${b.toFixed(2)} ms  after ${a.toFixed(2)} ms  after/before ${ratio.toFixed(2)}`)
  }
}
