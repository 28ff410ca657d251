#!/usr/bin/env node
// Worker benchmark: our Rust Worker (worker/build, see worker/build.sh) against a minimal JS
// Worker on npm agora-token with nodejs_compat (benches/worker/js-worker, bundled here with
// `wrangler deploy --dry-run`), on the same local workerd, under the same bounded loopback
// load, loopback only:
//   - requests/s and p50/p99 latency: CONCURRENCY closed-loop clients POST /getToken
//     {"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"} (a 007 RTC token)
//     for DURATION seconds or MAX requests; ROUNDS rounds alternating Rust / JS; medians.
//     The clients are keep-alive HTTP/1.1 connections on raw sockets (`--client raw`, the
//     default): Node's fetch (undici) spends more CPU per request than either Worker, and
//     on 2 shared cores it was the bottleneck, so both Workers measured alike (`--client
//     fetch` keeps that client for comparison);
//   - cold start: workerd process start (spawn) to the first 200 of that request, polled every
//     2 ms; the median of COLD starts each, alternating;
//   - the gzipped module size of each (Rust: .wasm + JS glue; JS: the bundle);
//   - the cost of caller JWTs: the same Rust Worker with identity-bound tokens, every
//     request carrying `Authorization: Bearer <JWT>` made with npm `jose`: `rust-rs256`
//     (AUTH_JWKS_URL, an RS256 key from a JWKS served on 127.0.0.1: fetched once, then
//     cached; WebCrypto verify per request) and `rust-hs256` (AUTH_JWT_SECRET), against
//     `rust` (no JWT). --no-jwt leaves them out;
//   - the floor: a Worker that answers one constant JSON, on workers-rs (`floor-rs`,
//     benches/worker/floor-rs built with worker-build into --floor-build) and in JS
//     (`floor-js`, benches/worker/floor-js): what the runtime itself costs per request, to
//     show how close the token server is to it. --no-floor leaves them out.
// Each workerd is started with setsid (detached) and stopped by its process group id.
//
//   node benches/worker/bench.mjs [--duration 5] [--concurrency 16] [--rounds 3] [--cold 5] [--json]
//     [--rust-build DIR]   (another build of our Worker, e.g. a saved copy of worker/build,
//                           for before/after comparisons against the same JS Worker)
//     [--floor-build DIR]  (the worker-build output of benches/worker/floor-rs)
import { execFileSync, spawn } from 'node:child_process'
import { createServer as createHttpServer } from 'node:http'
import { createRequire } from 'node:module'
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'

import { closedLoop, median } from '../load.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    'max-requests': { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '3' },
    cold: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    'rust-build': { type: 'string', default: 'worker/build' },
    'no-jwt': { type: 'boolean', default: false },
    'floor-build': { type: 'string', default: 'target/floor-rs-build' },
    'no-floor': { type: 'boolean', default: false },
    client: { type: 'string', default: 'raw' }
  }
})
const DURATION = Math.min(Number(opts.duration), 30)
const CONCURRENCY = Math.max(1, Math.min(Number(opts.concurrency), 256))
const MAX = Math.max(1, Number(opts['max-requests']))
const ROUNDS = Math.max(1, Number(opts.rounds))
const COLD = Math.max(1, Number(opts.cold))
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const WORKERD = join(ROOT, 'node_modules/.bin/workerd')
const BODY = '{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}'
const work = mkdtempSync(join(tmpdir(), 'agora-worker-bench-'))

function freePort () {
  return new Promise((res, rej) => {
    const s = createServer()
    s.once('error', rej)
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)) })
  })
}

// Caller JWTs for the rust-rs256 / rust-hs256 rows: an RS256 key whose JWKS a local HTTP
// server on 127.0.0.1 serves, an HS256 secret, and one JWT for each (subject "42", the uid
// of BODY, so that the token is issued).
const JWT_SECRET = 'bench-hs256-secret-of-more-than-32-bytes'
async function prepareJwt () {
  const jose = await import(createRequire(join(ROOT, 'tests/tools/package.json')).resolve('jose'))
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
  const jwks = JSON.stringify({ keys: [{ ...(await jose.exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' }] })
  const server = createHttpServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks))
  const port = await freePort()
  await new Promise(resolve => server.listen(port, '127.0.0.1', resolve))
  const claims = { sub: '42', iss: 'https://idp.example/', aud: 'agora-app' }
  const rs256 = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setIssuedAt().setExpirationTime('2h').sign(privateKey)
  const hs256 = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt().setExpirationTime('2h').sign(new TextEncoder().encode(JWT_SECRET))
  const common = '(name = "AUTH_JWT_ISSUER", text = "https://idp.example/"), (name = "AUTH_JWT_AUDIENCE", text = "agora-app"),'
  return {
    close: () => server.close(),
    rs256: { bindings: `${common} (name = "AUTH_JWKS_URL", text = "http://127.0.0.1:${port}/jwks"),`, net: true, headers: { authorization: `Bearer ${rs256}` } },
    hs256: { bindings: `${common} (name = "AUTH_JWT_SECRET", fromEnvironment = "BENCH_AUTH_JWT_SECRET"),`, headers: { authorization: `Bearer ${hs256}` } }
  }
}

// The two workers as workerd module lists in their own directories.
function prepare () {
  const rust = join(work, 'rust')
  execFileSync('mkdir', ['-p', rust])
  for (const f of ['index.js', 'index_bg.wasm']) copyFileSync(resolve(ROOT, opts['rust-build'], f), join(rust, f))
  const js = join(work, 'js')
  execFileSync(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', js], {
    cwd: join(ROOT, 'benches/worker/js-worker'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_LOG: 'warn' }
  })
  const jsModules = readdirSync(js).filter(f => f.endsWith('.js') || f.endsWith('.wasm'))
  const gz = f => gzipSync(readFileSync(f), { level: 9 }).length
  const floors = {}
  if (!opts['no-floor']) {
    const floorRs = join(work, 'floor-rs')
    execFileSync('mkdir', ['-p', floorRs])
    for (const f of ['index.js', 'index_bg.wasm']) copyFileSync(resolve(ROOT, opts['floor-build'], f), join(floorRs, f))
    floors['floor-rs'] = {
      dir: floorRs,
      modules: '(name = "index.js", esModule = embed "index.js"), (name = "index_bg.wasm", wasm = embed "index_bg.wasm")',
      flags: '',
      gzip: gz(join(floorRs, 'index_bg.wasm')) + gz(join(floorRs, 'index.js'))
    }
    const floorJs = join(work, 'floor-js')
    execFileSync('mkdir', ['-p', floorJs])
    copyFileSync(join(ROOT, 'benches/worker/floor-js/index.js'), join(floorJs, 'index.js'))
    floors['floor-js'] = { dir: floorJs, modules: '(name = "index.js", esModule = embed "index.js")', flags: '', gzip: gz(join(floorJs, 'index.js')) }
  }
  return {
    ...floors,
    rust: {
      dir: rust,
      modules: '(name = "index.js", esModule = embed "index.js"), (name = "index_bg.wasm", wasm = embed "index_bg.wasm")',
      flags: '',
      gzip: gz(join(rust, 'index_bg.wasm')) + gz(join(rust, 'index.js'))
    },
    js: {
      dir: js,
      modules: jsModules.map(f => `(name = "${f}", ${f.endsWith('.wasm') ? 'wasm' : 'esModule'} = embed "${f}")`).join(', '),
      flags: 'compatibilityFlags = ["nodejs_compat"],',
      gzip: jsModules.reduce((n, f) => n + gz(join(js, f)), 0)
    }
  }
}

// Starts workerd for `w`; resolves once `ready` says so. Returns { url, stop, startedAt }.
async function start (w, name) {
  const port = await freePort()
  const config = join(w.dir, `config-${port}.capnp`)
  const net = w.net ? ', (name = "net", network = (allow = ["public", "local", "private"]))' : ''
  writeFileSync(config, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .w)${net}],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const w :Workerd.Worker = (
  modules = [${w.modules}],
  compatibilityDate = "2025-09-01",
  ${w.flags}${w.net ? '\n  globalOutbound = "net",' : ''}
  bindings = [${w.bindings || ''}
    (name = "AGORA_APP_ID", text = "${APP_ID}"),
    (name = "AGORA_APP_CERTIFICATE", fromEnvironment = "BENCH_AGORA_APP_CERTIFICATE"),
  ],
);
`)
  const startedAt = performance.now()
  const child = spawn(WORKERD, ['serve', config], {
    cwd: w.dir,
    detached: true, // its own process group (setsid), stopped by id below
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BENCH_AGORA_APP_CERTIFICATE: CERT, BENCH_AUTH_JWT_SECRET: JWT_SECRET }
  })
  const stop = () => { try { process.kill(-child.pid, 'SIGTERM') } catch {} }
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 20000
  for (;;) {
    try {
      const r = await fetch(url + '/getToken', { method: 'POST', headers: { 'content-type': 'application/json', ...w.headers }, body: BODY })
      const body = await r.json()
      if (r.status === 200 && typeof body.token === 'string' && body.token.startsWith('007')) break
      throw new Error(`${name}: status ${r.status}`)
    } catch (e) {
      if (String(e.message).includes('status')) { stop(); throw e }
    }
    if (Date.now() > deadline) { stop(); throw new Error(`${name}: workerd did not start`) }
    await new Promise(resolve => setTimeout(resolve, 2))
  }
  return { url, stop, coldMs: performance.now() - startedAt, pid: child.pid }
}

async function load (w, url, seconds = DURATION, pid) {
  return closedLoop({ url, body: BODY, headers: w.headers, seconds, concurrency: CONCURRENCY, max: MAX, pid, client: opts.client })
}


const workers = prepare()
const names = ['rust', 'js', ...(opts['no-floor'] ? [] : ['floor-rs', 'floor-js'])]
const jwt = opts['no-jwt'] ? null : await prepareJwt()
if (jwt) {
  workers['rust-rs256'] = { ...workers.rust, ...jwt.rs256 }
  workers['rust-hs256'] = { ...workers.rust, ...jwt.hs256 }
  names.push('rust-rs256', 'rust-hs256')
}
const cold = Object.fromEntries(names.map(n => [n, []]))
const runs = Object.fromEntries(names.map(n => [n, []]))
try {
  for (let i = 0; i < COLD; i++) {
    for (const n of (i % 2 ? [...names].reverse() : names)) {
      const s = await start(workers[n], n)
      cold[n].push(s.coldMs)
      s.stop()
    }
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const n of (r % 2 ? [...names].reverse() : names)) {
      const s = await start(workers[n], n)
      try {
        await load(workers[n], s.url, 1, s.pid) // warm-up: one second at the same load
        runs[n].push(await load(workers[n], s.url, DURATION, s.pid))
      } finally {
        s.stop()
      }
    }
  }
} finally {
  if (jwt) jwt.close()
  rmSync(work, { recursive: true, force: true })
}

const summary = n => ({
  rps: median(runs[n].map(r => r.rps)),
  p50: median(runs[n].map(r => r.p50)),
  p99: median(runs[n].map(r => r.p99)),
  coldMs: median(cold[n]),
  cpuUs: median(runs[n].map(r => r.cpuUs)),
  gzip: workers[n].gzip
})
const result = { duration: DURATION, concurrency: CONCURRENCY, rounds: ROUNDS, client: opts.client, rust: summary('rust'), js: summary('js') }
if (!opts['no-floor']) {
  result.floorRs = summary('floor-rs')
  result.floorJs = summary('floor-js')
}
if (jwt) {
  // The cost of caller JWTs: the same Worker with verification, as ratios to `rust`.
  for (const [key, n] of [['rustRs256', 'rust-rs256'], ['rustHs256', 'rust-hs256']]) {
    const s = summary(n)
    result[key] = { ...s, rpsRatio: s.rps / result.rust.rps, p50Ratio: s.p50 / result.rust.p50, cpuRatio: s.cpuUs / result.rust.cpuUs }
  }
}
if (opts.json) {
  console.log(JSON.stringify(result))
} else {
  console.log(`workerd, loopback, ${CONCURRENCY} ${opts.client} clients x ${DURATION} s, ${ROUNDS} alternating rounds (medians), ${COLD} cold starts each`)
  const keyOf = { rust: 'rust', js: 'js', 'rust-rs256': 'rustRs256', 'rust-hs256': 'rustHs256', 'floor-rs': 'floorRs', 'floor-js': 'floorJs' }
  for (const n of names) {
    const s = result[keyOf[n]]
    console.log(`  ${n.padEnd(10)}  ${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  workerd CPU ${s.cpuUs.toFixed(0)} us/request  cold start ${s.coldMs.toFixed(1)} ms  module ${s.gzip} bytes gzipped`)
  }
}
