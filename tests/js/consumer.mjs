#!/usr/bin/env node
// Consumer test of the npm package as users get it: `npm pack`s pkg/, installs the tarball
// into a temporary project, and makes the same two tokens (007 RTC by buildRtcToken, 006 by
// RtcTokenBuilder.buildTokenWithUid, pinned issuedAt and salt) from:
//   1. Node CommonJS (require)            2. Node ESM (import)
//   3. headless Chromium, plain <script type="module"> with an import map, page on 127.0.0.1
//   4. headless Chromium, an esbuild browser bundle (a bundler resolving `exports`)
//   5. a JS worker on local workerd (bundled by wrangler with the `workerd` condition,
//      no nodejs_compat), on 127.0.0.1, stopped by process group id.
// Each must equal the known-answer vectors: the 006 string exactly, the 007 inflated payload.
// Usage: node tests/js/consumer.mjs [pkgDir]
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const bin = name => path.join(root, 'node_modules/.bin', name)
const vectors = JSON.parse(fs.readFileSync(process.env.AGORA_VECTORS ?? path.join(root, 'tests/vectors/vectors.json'), 'utf8')).vectors
const v007 = vectors.find(v => v.id === '007-rtc-uid')
const v006 = vectors.find(v => v.id === '006-rtc-uid-publisher')

// The script every environment runs: returns { rtc007, rtc006 }.
const PROGRAM = `
  const i7 = ${JSON.stringify(v007.inputs)}, i6 = ${JSON.stringify(v006.inputs)};
  const rtc007 = m.buildRtcToken({ appId: i7.app_id, appCertificate: i7.app_certificate,
    channelName: i7.channel_name, uid: i7.uid, role: 'subscriber', expiresIn: i7.token_expire,
    issuedAt: ${v007.issue_ts}, salt: ${v007.salt} });
  const rtc006 = m.RtcTokenBuilder.buildTokenWithUid(i6.app_id, i6.app_certificate, i6.channel_name,
    i6.uid, m.RtcRole.PUBLISHER, i6.privilege_expired_ts, { issuedAt: ${v006.ts - 86400}, salt: ${v006.salt} });
  let code; try { m.buildRtcToken({ appId: i7.app_id, appCertificate: i7.app_certificate, channelName: 'c', uid: 1.5 }) } catch (e) { code = e.code }
  const result = { rtc007, rtc006, code };
`

const payload = t => inflateSync(Buffer.from(t.slice(3), 'base64')).toString('hex')
const want007 = payload(v007.expected)
let failures = 0
function check (where, r) {
  const ok = r && r.rtc006 === v006.expected && payload(r.rtc007) === want007 && r.code === 'INVALID_UID'
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${where}${ok ? '' : ' ' + JSON.stringify(r)}`)
  if (!ok) failures++
  return r
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-token-wasm-consumer-'))
const cleanup = []
try {
  // npm pack + install into a fresh project (a local tarball without dependencies: offline).
  const packed = execFileSync('npm', ['pack', pkgDir, '--pack-destination', tmp, '--json'], { encoding: 'utf8' })
  const tarball = path.join(tmp, JSON.parse(packed)[0].filename)
  const app = path.join(tmp, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app, stdio: 'inherit' })
  const installed = path.join(app, 'node_modules/agora-token-wasm')

  // 1, 2: Node CommonJS and ESM.
  fs.writeFileSync(path.join(app, 'cjs.cjs'), `const m = require('agora-token-wasm');${PROGRAM}console.log(JSON.stringify(result))`)
  fs.writeFileSync(path.join(app, 'esm.mjs'), `import * as m from 'agora-token-wasm';${PROGRAM}console.log(JSON.stringify(result))`)
  for (const [where, file] of [['node require (CommonJS)', 'cjs.cjs'], ['node import (ESM)', 'esm.mjs']]) {
    check(where, JSON.parse(execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8' })))
  }

  // 3, 4: a static server on 127.0.0.1 for the pages, and headless Chromium.
  fs.writeFileSync(path.join(app, 'page.html'), `<!doctype html><script type="importmap">
    {"imports": {"agora-token-wasm": "/node_modules/agora-token-wasm/browser.js"}}</script>
    <script type="module">import * as m from 'agora-token-wasm';${PROGRAM}window.result = result;</script>`)
  fs.writeFileSync(path.join(app, 'entry.js'), `import * as m from 'agora-token-wasm';${PROGRAM}window.result = result;`)
  fs.mkdirSync(path.join(app, 'dist/web'), { recursive: true })
  execFileSync(bin('esbuild'), ['entry.js', '--bundle', '--format=esm', '--platform=browser', '--outfile=dist/bundle.js', '--log-level=warning'], { cwd: app, stdio: 'inherit' })
  // esbuild leaves `new URL('./web/…wasm', import.meta.url)` alone: ship the .wasm beside the bundle.
  fs.copyFileSync(path.join(installed, 'web/agora_token_wasm_bg.wasm'), path.join(app, 'dist/web/agora_token_wasm_bg.wasm'))
  fs.writeFileSync(path.join(app, 'dist/page.html'), '<!doctype html><script type="module" src="bundle.js"></script>')
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' }
  const server = http.createServer((req, res) => {
    const file = path.join(app, decodeURIComponent(new URL(req.url, 'http://x').pathname))
    if (!file.startsWith(app) || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404).end(); return }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
    fs.createReadStream(file).pipe(res)
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  cleanup.push(() => server.close())
  const base = `http://127.0.0.1:${server.address().port}`
  const { chromium } = createRequire(path.join(root, 'package.json'))('playwright-core')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  cleanup.push(() => browser.close())
  for (const [where, url] of [['chromium <script type="module">', '/page.html'], ['chromium esbuild bundle', '/dist/page.html']]) {
    const page = await browser.newPage()
    const errors = []
    page.on('pageerror', e => errors.push(String(e)))
    await page.goto(base + url)
    const r = await page.waitForFunction(() => window.result, null, { timeout: 15000 }).then(h => h.jsonValue()).catch(() => ({ errors }))
    check(where, r)
    await page.close()
  }

  // 5: workerd. wrangler bundles the worker (resolving the package's `workerd` condition
  // and the .wasm import); raw workerd serves it on 127.0.0.1 without nodejs_compat.
  fs.writeFileSync(path.join(app, 'worker.js'), `import * as m from 'agora-token-wasm';
    export default { fetch () { ${PROGRAM} return Response.json(result) } }`)
  fs.writeFileSync(path.join(app, 'wrangler.toml'), 'name = "consumer"\nmain = "worker.js"\ncompatibility_date = "2025-01-01"\n')
  execFileSync(bin('wrangler'), ['deploy', '--dry-run', '--outdir', 'wdist'], {
    cwd: app, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_LOG: 'warn' }
  })
  const dist = path.join(app, 'wdist')
  const modules = fs.readdirSync(dist).filter(f => f.endsWith('.js') || f.endsWith('.wasm'))
  const main = modules.find(f => f.endsWith('.js'))
  const port = await new Promise(resolve => { const s = http.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) }) })
  const list = [main, ...modules.filter(f => f !== main)].map(f =>
    `(name = "${f}", ${f.endsWith('.wasm') ? 'wasm' : 'esModule'} = embed "wdist/${f}")`).join(',\n      ')
  fs.writeFileSync(path.join(app, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")]
);
const worker :Workerd.Worker = (
  modules = [
      ${list}
  ],
  compatibilityDate = "2025-01-01"
);
`)
  const workerd = spawn(bin('workerd'), ['serve', 'config.capnp'], { cwd: app, detached: true, stdio: ['ignore', 'inherit', 'inherit'] })
  cleanup.push(() => { try { process.kill(-workerd.pid, 'SIGTERM') } catch {} })
  let r
  for (let i = 0; i < 100 && !r; i++) {
    r = await fetch(`http://127.0.0.1:${port}/`).then(x => x.json()).catch(() => undefined)
    if (!r) await new Promise(resolve => setTimeout(resolve, 100))
  }
  check('workerd worker (wrangler bundle, no nodejs_compat)', r)
} finally {
  for (const f of cleanup.reverse()) await f()
  fs.rmSync(tmp, { recursive: true, force: true })
}
if (failures) { console.error(`consumer: ${failures} environment(s) failed`); process.exit(1) }
console.log('consumer: the packed package makes the vector tokens in Node (CJS, ESM), Chromium (module, bundle) and workerd')
