#!/usr/bin/env node
// The package's types and packaging, checked on the packed tarball as users get it:
//   1. `tsc --noEmit` (TypeScript 5.9, strict, skipLibCheck false) over tests/js/types/:
//      calls.mts (every documented call of the main entry and both drop-in entries, the
//      official agora-token / agora-access-token signatures assigned to ours, and
//      `@ts-expect-error` lines that must stay errors) under `module` nodenext and under
//      bundler resolution; calls.cts (`import x = require(...)`) under node16;
//   2. @arethetypeswrong/cli on the tarball (profile strict: node10, node16 CJS and ESM,
//      bundler), which must report no problem for ".", "./agora-token", "./agora-access-token";
//   3. publint on the tarball (suggestions included), which must report nothing but the
//      suggestion to set `"sideEffects": false` (refused: it drops the entries' initialisation).
// The tools are the test-only ones of tests/tools (make setup installs them).
// Usage: node tests/js/types.mjs [pkgDir]
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const tool = name => path.join(root, 'tests/tools/node_modules/.bin', name)

let failures = 0
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-token-wasm-types-'))
try {
  const packed = execFileSync('npm', ['pack', pkgDir, '--pack-destination', tmp, '--json'], { encoding: 'utf8' })
  const tarball = path.join(tmp, JSON.parse(packed)[0].filename)
  const app = path.join(tmp, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'types-consumer', version: '1.0.0', private: true }))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] })
  // The official packages' types, for the assignability checks.
  for (const name of ['agora-token', 'agora-access-token']) {
    fs.symlinkSync(path.join(root, 'node_modules', name), path.join(app, 'node_modules', name), 'dir')
  }
  for (const f of fs.readdirSync(path.join(here, 'types'))) fs.copyFileSync(path.join(here, 'types', f), path.join(app, f))

  const base = { strict: true, skipLibCheck: false, noEmit: true, target: 'es2022', lib: ['es2022'], types: [], esModuleInterop: true, forceConsistentCasingInFileNames: true }
  const configs = [
    ['ESM, module nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }, ['calls.mts']],
    ['ESM, module esnext + moduleResolution bundler', { module: 'esnext', moduleResolution: 'bundler' }, ['calls.mts']],
    ['CommonJS, module node16 (import x = require)', { module: 'node16', moduleResolution: 'node16' }, ['calls.cts']]
  ]
  for (const [where, options, files] of configs) {
    const config = path.join(app, `tsconfig.${configs.findIndex(c => c[0] === where)}.json`)
    fs.writeFileSync(config, JSON.stringify({ compilerOptions: { ...base, ...options }, files }, null, 2))
    const r = spawnSync(tool('tsc'), ['-p', config], { cwd: app, encoding: 'utf8' })
    const ok = r.status === 0
    console.log(`${ok ? 'ok  ' : 'FAIL'} tsc --noEmit, strict, skipLibCheck false: ${where}`)
    if (!ok) { failures++; console.log(r.stdout + r.stderr) }
  }

  // The JS entries. "./web" (ESM only, by design: an explicit init for those who fetch the
  // .wasm themselves) and "./agora_token_wasm_bg.wasm" (an asset) are not checked.
  const attw = spawnSync(tool('attw'), [tarball, '--format', 'table', '--no-color', '--profile', 'strict',
    '--entrypoints', '.', './agora-token', './agora-access-token'], { cwd: tmp, encoding: 'utf8' })
  const attwOk = attw.status === 0 && /No problems found/.test(attw.stdout)
  console.log(`${attwOk ? 'ok  ' : 'FAIL'} attw (strict profile: node10, node16 CJS/ESM, bundler) on the tarball`)
  console.log(attw.stdout.split('\n').map(l => '     ' + l).join('\n'))
  if (!attwOk) { failures++; console.log(attw.stderr) }

  const publint = spawnSync(tool('publint'), ['run', tarball, '--level', 'suggestion', '--strict'], { cwd: tmp, encoding: 'utf8' })
  const publintOut = (publint.stdout + publint.stderr).trim()
  // Its one suggestion, `"sideEffects": false`, is refused on purpose: the browser, Deno and
  // workerd entries instantiate the module on import, which webpack would drop.
  const messages = publintOut.split('\n').filter(l => /^\s*\d+\. /.test(l))
  const unexpected = messages.filter(l => !/does not specify "sideEffects"/.test(l))
  const publintOk = publint.status === 0 && unexpected.length === 0 && !/Errors:|Warnings:/.test(publintOut)
  console.log(`${publintOk ? 'ok  ' : 'FAIL'} publint (suggestions, warnings and errors) on the tarball: ${publintOut.split('\n').join(' | ')}`)
  if (!publintOk) failures++
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
if (failures) { console.error(`types: ${failures} check(s) failed`); process.exit(1) }
console.log('types: strict tsc (nodenext, bundler, node16 CJS), attw and publint pass on the packed package')
