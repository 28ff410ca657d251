#!/usr/bin/env node
// The salt source of two builds of the package, in one process: the drop-in
// RtcTokenBuilder.buildTokenWithUid with random salts and with a pinned one, ours and the
// other build's, 11 alternating rounds of 200 ms (with --expose-gc, a collected heap before
// every slice), medians. Random / pinned, ours against before, isolates what drawing a salt
// costs.
//   node --expose-gc benches/node/salt.mjs <pkgDir> <beforePkgDir>
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const [oursDir, beforeDir] = process.argv.slice(2).map(d => path.resolve(d))
if (!beforeDir) throw new Error('usage: node --expose-gc benches/node/salt.mjs <pkgDir> <beforePkgDir>')
const ours = require(oursDir)
const before = require(beforeDir)
const A = '970CA35de60c44645bbae8a215061b33'
const C = '5CFd2fd1755d40ecb72977518be15d3b'
const random = m => () => m.RtcTokenBuilder.buildTokenWithUid(A, C, 'ch', 42, 1, 2000000000)
const pinned = m => () => m.RtcTokenBuilder.buildTokenWithUid(A, C, 'ch', 42, 1, 2000000000, { issuedAt: 1700000000, salt: 1 })
const contestants = { oursRandom: random(ours), beforeRandom: random(before), oursPinned: pinned(ours), beforePinned: pinned(before) }

function rate (f) {
  let n = 0
  const t0 = performance.now()
  while (performance.now() - t0 < 200) {
    for (let i = 0; i < 64; i++) f()
    n += 64
  }
  return n / (performance.now() - t0) * 1000
}
for (const f of Object.values(contestants)) for (let i = 0; i < 3000; i++) f()
const rates = Object.fromEntries(Object.keys(contestants).map(k => [k, []]))
for (let round = 0; round < 11; round++) {
  const order = Object.keys(contestants)
  if (round % 2) order.reverse()
  for (const k of order) {
    globalThis.gc?.()
    rates[k].push(rate(contestants[k]))
  }
}
const median = xs => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const m = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, Math.round(median(v))]))
console.log(JSON.stringify({ tokensPerSecond: m, randomOursOverBefore: m.oursRandom / m.beforeRandom, pinnedOursOverBefore: m.oursPinned / m.beforePinned }))
