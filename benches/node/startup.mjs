#!/usr/bin/env node
// Start-up of two builds of the npm package, before and after a change, in the same run:
//   compile: `new WebAssembly.Module(bytes)` of node/agora_token_wasm_bg.wasm (the bytes read
//            before the clock starts), the first in a fresh process (what a cold start pays,
//            engine warm-up included);
//   steady compile: the median of 25 compiles in one process, each of the bytes with a
//            different custom section appended (V8 caches a module by its bytes within a
//            process; a custom section is skipped by the compiler), so that one process
//            gives a precise figure;
//   first token: `require(pkg)` + the first 007 token (RtcTokenBuilder2.buildTokenWithUid)
//            and the first headline token (buildRtcToken);
// each timed inside a fresh `node` process (V8 caches compiled modules within a process),
// ROUNDS rounds alternating before / after (the order flips every round), medians reported,
// and the ratio after / before (below 1: faster) with its 95% bootstrap interval.
//
// The code section of each .wasm (bytes, function count) is reported too: compile time
// follows it, and it does not vary between runs.
//
//   node benches/node/startup.mjs <beforePkgDir> <afterPkgDir> [--rounds 15] [--json]
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
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
  steadyCompileMs: dir => `const b = require('fs').readFileSync(${JSON.stringify(path.join(dir, 'node/agora_token_wasm_bg.wasm'))});
    const xs = [];
    for (let k = 0; k < 25; k++) {
      const name = Buffer.from('startup-bench-' + k);
      const v = Buffer.concat([b, Buffer.from([0, name.length + 1, name.length]), name]);
      const t0 = performance.now(); new WebAssembly.Module(v); xs.push(performance.now() - t0);
    }
    xs.sort((x, y) => x - y); console.log(xs[12])`,
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
// The code section (id 10) of a .wasm: its size in bytes and its function count.
function codeSection (dir) {
  const b = readFileSync(path.join(dir, 'node/agora_token_wasm_bg.wasm'))
  let i = 8
  const leb = () => { let r = 0; let s = 0; let x; do { x = b[i++]; r |= (x & 0x7f) << s; s += 7 } while (x & 0x80); return r >>> 0 }
  while (i < b.length) {
    const id = b[i++]
    const n = leb()
    const start = i
    if (id === 10) return { bytes: n, functions: leb() }
    i = start + n
  }
  throw new Error(`${dir}: no code section`)
}
const result = { node: process.version, rounds: ROUNDS, before, after, code: { before: codeSection(before), after: codeSection(after) } }
// The ratio's 95% interval: a bootstrap over the rounds (each round's before and after are
// drawn together, as they ran side by side), 2,000 resamples from a fixed seed. "No slower"
// means the interval reaches 1.0 or below: a slowdown would have to show above the
// run's own noise.
function interval (s) {
  let seed = 0x2545f491
  const rand = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 4294967296 }
  const ratios = []
  for (let i = 0; i < 2000; i++) {
    const pick = Array.from({ length: ROUNDS }, () => Math.floor(rand() * ROUNDS))
    ratios.push(median(pick.map(j => s.after[j])) / median(pick.map(j => s.before[j])))
  }
  ratios.sort((a, b) => a - b)
  return [ratios[50], ratios[1949]]
}
for (const [k, s] of Object.entries(samples)) {
  const b = median(s.before)
  const a = median(s.after)
  const [low, high] = interval(s)
  result[k] = { before: b, after: a, ratio: a / b, low, high }
}
if (opts.json) {
  console.log(JSON.stringify(result))
} else {
  console.log(`Node ${process.version}: ${ROUNDS} alternating rounds, fresh processes, medians`)
  const { code } = result
  console.log(`  code section           before ${code.before.bytes} bytes (${code.before.functions} functions)  after ${code.after.bytes} bytes (${code.after.functions} functions)`)
  for (const k of Object.keys(programs)) {
    const { before: b, after: a, ratio, low, high } = result[k]
    console.log(`  ${k.padEnd(22)} before ${b.toFixed(2)} ms  after ${a.toFixed(2)} ms  after/before ${ratio.toFixed(2)} (95%: ${low.toFixed(2)}-${high.toFixed(2)})`)
  }
}
