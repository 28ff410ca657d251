#!/usr/bin/env node
// Native server benchmark: agora-token-server (target/release/agora-token-server, built with
// `cargo build --release -p agora-token-worker --features server`) against a Node token
// server on npm agora-token (benches/server/node-server.mjs, `node:http`, one route: the
// common self-hosted setup), on loopback, with the closed-loop client of the Worker bench
// (benches/load.mjs): CONCURRENCY keep-alive clients POST /getToken for a 007 RTC token for
// DURATION seconds after one second of warm-up, ROUNDS rounds alternating the two; medians of
// requests/s, p50/p99 latency, the server's CPU per request, its peak RSS (VmHWM) over the
// run, and its start-up time (spawn to the first 200, polled every 2 ms; median of COLD).
// Each server runs in its own process group, stopped by its id.
//
//   node benches/server/bench.mjs [--duration 5] [--concurrency 16] [--rounds 3] [--cold 5] [--json]
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { closedLoop, median, peakRssKiB } from '../load.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    'max-requests': { type: 'string', default: '400000' },
    rounds: { type: 'string', default: '3' },
    cold: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    bin: { type: 'string', default: 'target/release/agora-token-server' }
  }
})
const DURATION = Math.min(Number(opts.duration), 30)
const CONCURRENCY = Math.max(1, Math.min(Number(opts.concurrency), 256))
const MAX = Math.max(1, Number(opts['max-requests']))
const ROUNDS = Math.max(1, Number(opts.rounds))
const COLD = Math.max(1, Number(opts.cold))
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const BODY = '{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}'

const SERVERS = {
  native: { cmd: resolve(ROOT, opts.bin), args: [], env: { LISTEN_ADDRESS: '127.0.0.1', AUDIT_LOG: 'off' } },
  node: { cmd: process.execPath, args: [join(ROOT, 'benches/server/node-server.mjs')], env: {} }
}

function freePort () {
  return new Promise((res, rej) => {
    const s = createServer()
    s.once('error', rej)
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)) })
  })
}

// Starts `name`; resolves at its first 200 on POST /getToken.
async function start (name) {
  const s = SERVERS[name]
  const port = await freePort()
  const startedAt = performance.now()
  const child = spawn(s.cmd, s.args, {
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, PORT: String(port), AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT, ...s.env }
  })
  const stop = () => { try { process.kill(-child.pid, 'SIGTERM') } catch {} }
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 20000
  for (;;) {
    try {
      const r = await fetch(url + '/getToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY })
      const body = await r.json()
      if (r.status === 200 && body.token?.startsWith('007')) break
      stop()
      throw new Error(`${name}: status ${r.status}`)
    } catch (e) {
      if (String(e.message).includes('status')) throw e
    }
    if (Date.now() > deadline) { stop(); throw new Error(`${name} did not start`) }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  return { url, stop, pid: child.pid, startMs: performance.now() - startedAt }
}

const names = Object.keys(SERVERS)
const starts = Object.fromEntries(names.map((n) => [n, []]))
const runs = Object.fromEntries(names.map((n) => [n, []]))
for (let i = 0; i < COLD; i++) {
  for (const n of (i % 2 ? [...names].reverse() : names)) {
    const s = await start(n)
    starts[n].push(s.startMs)
    s.stop()
  }
}
for (let r = 0; r < ROUNDS; r++) {
  for (const n of (r % 2 ? [...names].reverse() : names)) {
    const s = await start(n)
    try {
      const load = { url: s.url, body: BODY, concurrency: CONCURRENCY, max: MAX, pid: s.pid }
      await closedLoop({ ...load, seconds: 1 })
      const run = await closedLoop({ ...load, seconds: DURATION })
      runs[n].push({ ...run, rssKiB: peakRssKiB(s.pid) })
    } finally {
      s.stop()
    }
  }
}
const summary = (n) => ({
  rps: median(runs[n].map((r) => r.rps)),
  p50: median(runs[n].map((r) => r.p50)),
  p99: median(runs[n].map((r) => r.p99)),
  cpuUs: median(runs[n].map((r) => r.cpuUs)),
  rssKiB: median(runs[n].map((r) => r.rssKiB)),
  startMs: median(starts[n])
})
const result = { duration: DURATION, concurrency: CONCURRENCY, rounds: ROUNDS, native: summary('native'), node: summary('node') }
if (opts.json) {
  console.log(JSON.stringify(result))
} else {
  console.log(`loopback, ${CONCURRENCY} raw keep-alive clients x ${DURATION} s, ${ROUNDS} alternating rounds (medians), ${COLD} starts each`)
  for (const n of names) {
    const s = result[n]
    console.log(`  ${n.padEnd(7)} ${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  CPU ${s.cpuUs.toFixed(0)} us/request  peak RSS ${(s.rssKiB / 1024).toFixed(1)} MiB  start ${s.startMs.toFixed(1)} ms`)
  }
}
