#!/usr/bin/env node
// Checks the reference scripts against the known-answer vectors.
//
//   node tests/reference/check-vectors.mjs [vectors.json]   (default: tests/vectors/vectors.json
//                                                             relative to the repo root)
//
// Every vector whose "builder" names a builder method ("RtcTokenBuilder.build_token_with_uid", ...;
// not the raw or parse-only ones) becomes one case: fn is the builder with its method in camelCase,
// args are the vector's inputs in the order vectors.json lists them (the builder's argument order,
// which the python3 and npm references share), salt and ts (issue_ts for 007) are the vector's.
//   006 vectors go to reference.mjs (npm agora-access-token) and reference.py (PyPI
//       agora-token-builder); the token must equal "expected" exactly.
//   007 vectors go to reference.mjs (npm agora-token); the inflated payload must equal the
//       inflated "expected" (deflate output differs between engines, see FORMATS.md).
// A mismatch listed in KNOWN here is expected (see KNOWN_DIFFERENCES.md); the script fails on any
// other mismatch, and also if a known difference disappears, so that the list stays true.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateSync } from 'node:zlib'

const here = dirname(fileURLToPath(import.meta.url))
const vectorsPath = process.argv[2] ?? resolve(here, '../vectors/vectors.json')

// "<ref> <vector id>" of each documented difference between a reference and a vector.
const KNOWN = new Set([
  'agora-token 007-apaas-room-user',
  'agora-token 007-education-room-user'
])

const camel = s => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
const payloadHex = token => inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex')

// Runs one reference script on the cases; returns its results.
function reference (cmd, script, cases) {
  const p = spawnSync(cmd, [join(here, script)], { input: JSON.stringify(cases), encoding: 'utf8' })
  if (p.status !== 0) throw new Error(`${script} failed (${p.status ?? p.error}): ${p.stderr}`)
  return JSON.parse(p.stdout)
}

const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')).vectors
  .filter(v => /^\w+TokenBuilder\.\w+$/.test(v.builder))
const caseOf = (ref, v) => {
  const [cls, method] = v.builder.split('.')
  return { ref, fn: `${cls}.${camel(method)}`, args: Object.values(v.inputs), salt: v.salt, ts: v.ts ?? v.issue_ts }
}

// [ref, interpreter, script, vector format]
const RUNS = [
  ['agora-access-token', 'node', 'reference.mjs', '006'],
  ['agora-token-builder', 'python3', 'reference.py', '006'],
  ['agora-token', 'node', 'reference.mjs', '007']
]

let passed = 0
let failed = 0
for (const [ref, cmd, script, format] of RUNS) {
  const selected = vectors.filter(v => v.format === format)
  const results = reference(cmd, script, selected.map(v => caseOf(ref, v)))
  let matches = 0
  selected.forEach((v, i) => {
    const r = results[i]
    const got = format === '006' ? r.token : r.payload_hex
    const want = format === '006' ? v.expected : payloadHex(v.expected)
    const match = got === want
    const known = KNOWN.has(`${ref} ${v.id}`)
    matches += match
    if (match !== known) {
      passed++
      return
    }
    failed++
    console.log(known
      ? `FAIL ${ref} ${v.id}: listed in KNOWN but now matches; update KNOWN_DIFFERENCES.md`
      : `FAIL ${ref} ${v.id}:\n  got  ${r.error ?? got}\n  want ${want}`)
  })
  const what = format === '006' ? 'tokens match exactly' : 'inflated payloads match'
  console.log(`${format} ${ref}: ${matches}/${selected.length} ${what}`)
}
console.log(`check-vectors: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
