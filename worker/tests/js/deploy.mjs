#!/usr/bin/env node
// The deploy, checked without an account: `wrangler deploy --dry-run --outdir DIR` builds the
// bundle Cloudflare would receive (the Worker module and the inspector page's assets,
// after worker/build.sh and worker/page/build.sh), then this script prints its size and
// fails when something of local development would reach production:
//   - the bundle has the module (index.js and one .wasm) and nothing else of ours;
//   - no secret is a plain variable: AGORA_APP_CERTIFICATE, its _SECONDARY, TOKEN_API_KEY and
//     AUTH_JWT_SECRET are never in wrangler.toml's [vars] (they are `wrangler secret put`);
//   - the demo credentials of .dev.vars.example appear in no deployed file and not in
//     wrangler.toml, and no .dev.vars file is among the assets;
//   - the dry run lists the bindings it would deploy, and none of them is a secret.
//
//   node worker/tests/js/deploy.mjs [--outdir target/worker-dry-run]
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const { values: opts } = parseArgs({ options: { outdir: { type: 'string', default: 'target/worker-dry-run' } } })
const out = resolve(root, opts.outdir)
const SECRETS = ['AGORA_APP_CERTIFICATE', 'AGORA_APP_CERTIFICATE_SECONDARY', 'TOKEN_API_KEY', 'AUTH_JWT_SECRET']
const problems = []

rmSync(out, { recursive: true, force: true })
const printed = execFileSync(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', AGORA_WORKER_PREBUILT: '1' }
})

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])
const bundle = files(out).filter((f) => !f.endsWith('.map') && !f.endsWith('README.md'))
const wasm = bundle.filter((f) => f.endsWith('.wasm'))
const js = bundle.filter((f) => f.endsWith('.js'))
if (wasm.length !== 1 || js.length !== 1 || bundle.length !== 2) problems.push(`the bundle is not one module and one .wasm: ${bundle.map((f) => relative(out, f))}`)

const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8')
const vars = (toml.split(/^\[vars\]\s*$/m)[1] ?? '').split(/^\[/m)[0]
for (const name of SECRETS) {
  if (new RegExp(`^\\s*${name}\\s*=`, 'm').test(vars)) problems.push(`${name} is a plain [vars] value in wrangler.toml; it must be a secret`)
}
const demo = readFileSync(join(root, '.dev.vars.example'), 'utf8').split('\n')
  .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[1].trim()).filter((v) => v.length >= 16)
const assets = files(join(root, 'worker/assets'))
for (const f of [...bundle, ...assets, join(root, 'wrangler.toml')]) {
  const text = readFileSync(f, 'latin1')
  for (const value of demo) if (text.includes(value)) problems.push(`a demo credential of .dev.vars.example is in ${relative(root, f)}`)
}
if (assets.some((f) => f.includes('.dev.vars'))) problems.push('a .dev.vars file is among the assets')
for (const name of SECRETS) {
  if (new RegExp(`env\\.${name}\\b`).test(printed)) problems.push(`the dry run would deploy ${name} as a plain binding`)
}

const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length
const size = (list) => list.reduce((n, f) => n + statSync(f).size, 0)
console.log(`[deploy] dry-run bundle: ${relative(root, js[0] ?? '')} ${size(js)} bytes (${js.reduce((n, f) => n + gz(f), 0)} gzipped), ` +
  `${wasm.map((f) => relative(out, f)).join(', ')} ${size(wasm)} bytes (${wasm.reduce((n, f) => n + gz(f), 0)} gzipped); ` +
  `assets ${assets.length} files, ${size(assets)} bytes`)
if (problems.length) {
  for (const p of problems) console.error(`[deploy] FAIL: ${p}`)
  process.exit(1)
}
console.log('[deploy] wrangler.toml is valid for deploy: no secret as a plain variable, no demo credential or .dev.vars in the bundle')
