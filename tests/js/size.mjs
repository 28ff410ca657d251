#!/usr/bin/env node
// What the package ships, per way of loading it: the entry file, the API layer, the
// wasm-bindgen glue and the module (.wasm, or for ./inline.js its base64 embedding), each file
// gzipped (-9, as a server or CDN sends it) and summed. The budget is on the largest of the
// ways a runtime loads it from a file (Node `require`, the page's ./browser.js, workerd) and,
// separately, on the embedded ./inline.js (Deno, bundlers), which is larger by the base64.
// Over a budget is a failure (.ci/test-js.sh). Also the builder-only
// subpath (./build) when the package has it, with its own budget (the largest way, workerd).
// Usage: node tests/js/size.mjs [pkgDir] [--json]
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const args = process.argv.slice(2)
const json = args.includes('--json')
const pkgDir = path.resolve(args.find(a => !a.startsWith('--')) ?? 'pkg')
// The ceilings of the main entry (84 KB) and the builder-only one (56 KB); the embedded entry,
// which has no ceiling of its own, at its achieved size rounded up to the next KB, so that
// growth is noticed.
const BUDGET = Number(process.env.JS_GZIP_BUDGET ?? 84 * 1024)
const INLINE_BUDGET = Number(process.env.JS_INLINE_GZIP_BUDGET ?? 108 * 1024)
const BUILDER_BUDGET = Number(process.env.JS_BUILDER_GZIP_BUDGET ?? 56 * 1024)

const gz = f => gzipSync(fs.readFileSync(path.join(pkgDir, f)), { level: 9 }).length
const ways = {
  'node (require)': ['index.cjs', 'node/agora_token_wasm.js', 'node/glue.js', 'node/agora_token_wasm_bg.wasm'],
  'browser (./browser.js)': ['browser.js', 'web/agora_token_wasm.js', 'web/glue.js', 'web/agora_token_wasm_bg.wasm'],
  workerd: ['workerd.js', 'web/agora_token_wasm.js', 'web/glue.js', 'web/agora_token_wasm_bg.wasm'],
  'inline (Deno, bundlers)': ['inline.js', 'web/agora_token_wasm.js', 'web/glue.js', 'embed/wasm.js']
}
if (fs.existsSync(path.join(pkgDir, 'build'))) {
  ways['builder-only ./build (node)'] = ['build/index.cjs', 'build/node/agora_token_wasm.js', 'build/node/glue.js', 'build/node/agora_token_wasm_bg.wasm']
  ways['builder-only ./build (workerd)'] = ['build/workerd.js', 'build/web/agora_token_wasm.js', 'build/web/glue.js', 'build/web/agora_token_wasm_bg.wasm']
}
const out = {}
for (const [way, files] of Object.entries(ways)) {
  const parts = Object.fromEntries(files.map(f => [f, gz(f)]))
  const wasm = files.filter(f => /wasm(\.js)?$/.test(f) && !/agora_token_wasm\.js$/.test(f)).reduce((s, f) => s + parts[f], 0)
  const total = Object.values(parts).reduce((a, b) => a + b, 0)
  out[way] = { total, wasm, js: total - wasm, parts }
}
const fileWays = ['node (require)', 'browser (./browser.js)', 'workerd']
const largest = Math.max(...fileWays.map(w => out[w].total))
const inline = out['inline (Deno, bundlers)'].total
if (json) {
  console.log(JSON.stringify({ ways: out, largest, inline, builder, budget: BUDGET, inlineBudget: INLINE_BUDGET, builderBudget: BUILDER_BUDGET }))
} else {
  for (const [way, r] of Object.entries(out)) {
    console.log(`[size] ${way}: ${r.total} bytes gzipped (.wasm ${r.wasm} + JS ${r.js})`)
  }
}
const builder = out['builder-only ./build (workerd)']?.total
let failed = false
if (builder !== undefined && builder > BUILDER_BUDGET) {
  console.error(`[size] FAIL: the builder-only entry is ${builder} bytes gzipped, over the budget of ${BUILDER_BUDGET}`)
  failed = true
}
if (largest > BUDGET) {
  console.error(`[size] FAIL: .wasm + JS is ${largest} bytes gzipped, over the budget of ${BUDGET}`)
  failed = true
}
if (inline > INLINE_BUDGET) {
  console.error(`[size] FAIL: the embedded entry is ${inline} bytes gzipped, over the budget of ${INLINE_BUDGET}`)
  failed = true
}
if (!json) {
  console.log(`[size] largest .wasm + JS ${largest} bytes gzipped (budget ${BUDGET}), embedded ${inline} (budget ${INLINE_BUDGET})` +
    (builder === undefined ? '' : `, builder-only ${builder} (budget ${BUILDER_BUDGET}, ${((1 - builder / out.workerd.total) * 100).toFixed(1)}% smaller than the main entry)`))
}
process.exit(failed ? 1 : 0)
