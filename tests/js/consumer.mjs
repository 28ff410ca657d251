#!/usr/bin/env node
// Consumer test of the npm package as users get it: `npm pack`s pkg/, installs the tarball
// into a temporary project, and makes the same pinned tokens (issuedAt and salt given) through
// the main entry (buildRtcToken, 007; RtcTokenBuilder, 006) and both drop-in entries
// (agora-token-wasm/agora-token, 007, with a uid given as decimal text; agora-token-wasm/
// agora-access-token, 006) in every runtime and bundler, with no flag and no copy step:
//   1. Node CommonJS (require)        2. Node ESM (import)
//   3. Bun (ESM)                      4. Deno, without permission flags (the `deno` condition:
//                                        the .wasm is embedded, nothing is read from disk)
//   5. headless Chromium, a plain <script type="module"> page with an import map (browser.js
//      fetches the .wasm next to it)
//   6-10. headless Chromium, bundles by esbuild (its default format, an IIFE in a classic
//      <script>), Rollup (+ @rollup/plugin-node-resolve, the usual one line), `bun build`,
//      Vite and webpack 5, each with its default settings (the `browser` condition: the .wasm
//      is embedded, so no asset rule or copy is needed)
//   11. a JS worker on local workerd (bundled by wrangler with the `workerd` condition, no
//      nodejs_compat), on 127.0.0.1, stopped by process group id.
// Each must equal the known-answer vectors: the 006 strings exactly, the 007 inflated payloads.
// Pages are served on 127.0.0.1 (a free port); Chromium is /usr/bin/chromium via playwright-core.
// Usage: node tests/js/consumer.mjs [pkgDir]
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib, { inflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const bin = name => path.join(root, 'node_modules/.bin', name)
const tool = name => path.join(root, 'tests/tools/node_modules/.bin', name)
const vectors = JSON.parse(fs.readFileSync(process.env.AGORA_VECTORS ?? path.join(root, 'tests/vectors/vectors.json'), 'utf8')).vectors
const v007 = vectors.find(v => v.id === '007-rtc-uid')
const v006 = vectors.find(v => v.id === '006-rtc-uid-publisher')

// The script every environment runs, with `m`, `dt` and `da` the three entries: sets `result`.
const PROGRAM = `
  const i7 = ${JSON.stringify(v007.inputs)}, i6 = ${JSON.stringify(v006.inputs)};
  const r7 = { issuedAt: ${v007.issue_ts}, salt: ${v007.salt} }, r6 = { issuedAt: ${v006.ts - 86400}, salt: ${v006.salt} };
  const rtc007 = m.buildRtcToken({ appId: i7.app_id, appCertificate: i7.app_certificate,
    channelName: i7.channel_name, uid: i7.uid, role: 'subscriber', expiresIn: i7.token_expire, ...r7 });
  const rtc006 = m.RtcTokenBuilder.buildTokenWithUid(i6.app_id, i6.app_certificate, i6.channel_name,
    i6.uid, m.RtcRole.PUBLISHER, i6.privilege_expired_ts, r6);
  const dropIn007 = dt.RtcTokenBuilder.buildTokenWithUid(i7.app_id, i7.app_certificate, i7.channel_name,
    String(i7.uid), dt.RtcRole.SUBSCRIBER, i7.token_expire, i7.privilege_expire, r7);
  const dropIn006 = da.RtcTokenBuilder.buildTokenWithUid(i6.app_id, i6.app_certificate, i6.channel_name,
    i6.uid, da.RtcRole.PUBLISHER, i6.privilege_expired_ts, r6);
  let code; try { m.buildRtcToken({ appId: i7.app_id, appCertificate: i7.app_certificate, channelName: 'c', uid: 1.5 }) } catch (e) { code = e.code }
  const result = { rtc007, rtc006, dropIn007, dropIn006, code };
`
const IMPORTS = `import * as m from 'agora-token-wasm'
import * as dt from 'agora-token-wasm/agora-token'
import * as da from 'agora-token-wasm/agora-access-token'
`

const payload = t => inflateSync(Buffer.from(t.slice(3), 'base64')).toString('hex')
const want007 = payload(v007.expected)
let failures = 0
function check (where, r, note = '') {
  let ok = false
  try {
    ok = r && r.rtc006 === v006.expected && r.dropIn006 === v006.expected && payload(r.rtc007) === want007 &&
      payload(r.dropIn007) === want007 && r.code === 'INVALID_UID'
  } catch {}
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${where}${note}${ok ? '' : ' ' + JSON.stringify(r)}`)
  if (!ok) failures++
  return r
}
const run = (cmd, args, cwd, env = {}) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } })
const size = file => { const b = fs.readFileSync(file); return `${b.length} bytes, ${zlib.gzipSync(b, { level: 9 }).length} gzipped` }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-token-wasm-consumer-'))
const cleanup = []
try {
  // npm pack + install into a fresh project (a local tarball without dependencies: offline).
  const packed = execFileSync('npm', ['pack', pkgDir, '--pack-destination', tmp, '--json'], { encoding: 'utf8' })
  const tarball = path.join(tmp, JSON.parse(packed)[0].filename)
  const app = path.join(tmp, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] })

  // 1-4: Node CommonJS and ESM, Bun, Deno (no permission flags).
  fs.writeFileSync(path.join(app, 'cjs.cjs'), `const m = require('agora-token-wasm'), dt = require('agora-token-wasm/agora-token'),
    da = require('agora-token-wasm/agora-access-token');${PROGRAM}console.log(JSON.stringify(result))`)
  fs.writeFileSync(path.join(app, 'esm.mjs'), `${IMPORTS}${PROGRAM}console.log(JSON.stringify(result))`)
  const runtimes = [
    ['node require (CommonJS)', process.execPath, ['cjs.cjs']],
    ['node import (ESM)', process.execPath, ['esm.mjs']],
    ['bun (ESM)', tool('bun'), ['esm.mjs']],
    ['deno run, no permission flags', tool('deno'), ['run', '--no-prompt', 'esm.mjs']]
  ]
  for (const [where, cmd, args] of runtimes) {
    let r
    try { r = JSON.parse(run(cmd, args, app, { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' })) } catch (e) { r = { error: String(e.message).slice(0, 500) } }
    check(where, r)
  }

  // 5-10: pages and bundles, served on 127.0.0.1, in headless Chromium.
  fs.writeFileSync(path.join(app, 'page.html'), `<!doctype html><script type="importmap">
    {"imports": {"agora-token-wasm": "/node_modules/agora-token-wasm/browser.js",
      "agora-token-wasm/agora-token": "/node_modules/agora-token-wasm/agora-token/inline.js",
      "agora-token-wasm/agora-access-token": "/node_modules/agora-token-wasm/agora-access-token/inline.js"}}</script>
    <script type="module">${IMPORTS}${PROGRAM}window.result = result;</script>`)
  fs.writeFileSync(path.join(app, 'entry.js'), `${IMPORTS}${PROGRAM}window.result = result;`)
  const bundles = []
  const bundle = (where, dir, build, module = true) => {
    try {
      build()
      const js = fs.readdirSync(path.join(app, dir), { recursive: true }).filter(f => f.endsWith('.js'))
      const wasm = fs.readdirSync(path.join(app, dir), { recursive: true }).filter(f => f.endsWith('.wasm'))
      if (!fs.existsSync(path.join(app, dir, 'index.html'))) {
        fs.writeFileSync(path.join(app, dir, 'index.html'), `<!doctype html><script ${module ? 'type="module" ' : ''}src="${js[0]}"></script>`)
      }
      const note = ` [${js.map(f => `${f}: ${size(path.join(app, dir, f))}`).join('; ')}${wasm.length ? `; + ${wasm.length} .wasm` : ''}]`
      bundles.push([where, `/${dir}/index.html`, note])
    } catch (e) {
      check(where, { error: String(e.message).slice(0, 500) })
    }
  }
  bundle('chromium esbuild bundle (default format: IIFE, classic script)', 'dist-esbuild', () =>
    run(tool('esbuild'), ['entry.js', '--bundle', '--platform=browser', '--minify', '--outfile=dist-esbuild/bundle.js', '--log-level=warning'], app), false)
  fs.writeFileSync(path.join(app, 'rollup.config.mjs'), `import { nodeResolve } from ${JSON.stringify(path.join(root, 'tests/tools/node_modules/@rollup/plugin-node-resolve/dist/es/index.js'))}
export default { input: 'entry.js', output: { dir: 'dist-rollup', format: 'es' }, plugins: [nodeResolve({ browser: true })] }`)
  bundle('chromium Rollup bundle (@rollup/plugin-node-resolve)', 'dist-rollup', () => run(tool('rollup'), ['-c', 'rollup.config.mjs', '--silent'], app))
  bundle('chromium bun build --target browser', 'dist-bun', () => run(tool('bun'), ['build', 'entry.js', '--target', 'browser', '--minify', '--outdir', 'dist-bun'], app))
  fs.writeFileSync(path.join(app, 'index.html'), '<!doctype html><script type="module" src="/entry.js"></script>')
  bundle('chromium Vite build', 'dist-vite', () => run(tool('vite'), ['build', '--outDir', 'dist-vite', '--base', '/dist-vite/', '--logLevel', 'warn'], app))
  bundle('chromium webpack 5 bundle (production)', 'dist-webpack', () =>
    run(tool('webpack'), ['--mode', 'production', '--entry', './entry.js', '--output-path', path.join(app, 'dist-webpack'), '--no-stats'], app), false)

  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' }
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
  for (const [where, url, note] of [['chromium <script type="module"> + import map (browser.js fetches the .wasm)', '/page.html', ''], ...bundles]) {
    const page = await browser.newPage()
    const errors = []
    page.on('pageerror', e => errors.push(String(e)))
    await page.goto(base + url)
    const r = await page.waitForFunction(() => window.result, null, { timeout: 15000 }).then(h => h.jsonValue()).catch(() => ({ errors }))
    check(where, r, note)
    await page.close()
  }

  // 11: workerd. wrangler bundles the worker (resolving the package's `workerd` condition
  // and the .wasm import); raw workerd serves it on 127.0.0.1 without nodejs_compat.
  fs.writeFileSync(path.join(app, 'worker.js'), `${IMPORTS}
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
console.log('consumer: the packed package makes the vector tokens through all three entries in Node (CJS, ESM), Bun, Deno (no flags), Chromium (module page; esbuild, Rollup, bun build, Vite, webpack bundles) and workerd')
