#!/usr/bin/env node
// Each name of the core's vocabulary (service, privilege and error-code names) is spelled
// as a string literal in one source file only: the core file that defines it. Every other
// surface (the JS layer, the types, the Worker, the page, the Python package, the CLI) takes
// the name from the core or from the generated vocabulary, so that renaming or adding one is
// a change in Rust alone.
//
// Counted: string literals ("name" or 'name') in the tracked source files (Rust, JS, TS,
// HTML, Python, shell; not the manifests' search keywords). Not counted: tests
// (tests/, */tests/, fuzz/, benches/, src/js/wasm_tests.rs, a Rust file's trailing
// `#[cfg(test)] mod`), docs (docs/, *.md, comment lines, Python docstrings) and the
// generated files (pkg-template/generated/). A word the vocabulary shares with another one
// (the field `user` of verifyToken, the Worker's HTTP API) is listed in HOMONYMS with where
// and why; a listed homonym that no longer occurs fails too, so the list stays true.
//
//   node tests/js/names.mjs
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const root = new URL('../../', import.meta.url)
const read = p => readFileSync(new URL(p, root), 'utf8')

// The vocabulary as the core generates it (src/js/vocab.rs; stale files fail that test).
const { VOCABULARY: vocab } = await import(new URL('pkg-template/generated/vocab.js', root).href)
const owner = new Map()
for (const [service, spec] of Object.entries(vocab.services)) {
  owner.set(service, 'src/v007/service.rs')
  for (const p of Object.keys(spec.privileges)) owner.set(p, 'src/v007/privilege.rs')
}
for (const code of vocab.errorCodes) owner.set(code, 'src/error.rs')

// [file, name, why]: the same word meaning something else there, or a protocol value
// that the surface must spell.
const HOMONYMS = [
  ['src/js/reader.rs', 'user', "verifyToken's `user` option (a uid or an account as one text), not the Chat/APaaS privilege"],
  ['worker/page/app.js', 'user', "the field of verifyToken's `user` option in an error, not the privilege"],
  ['src/js/boundary.rs', 'user', 'the code set `user` of VOCABULARY.boundary (kinds of RTC user), not the privilege'],
  ['worker/src/routes.rs', 'app', "agora-token-service's path segment /chat/app/, not the privilege"],
  ['worker/page/index.html', 'rtc', "the page's channel form: its value is the tokenType the page posts to the Worker (read there with ServiceType::from_name)"],
  ['worker/page/index.html', 'rtm', "the page's user form: its value is the tokenType the page posts to the Worker (read there with ServiceType::from_name)"],
  ['.ci/dev.sh', 'rtc', 'the example request `make dev` prints for the user to paste']
]

const excluded = p =>
  /(^|\/)tests\//.test(p) || /^(docs|fuzz|benches)\//.test(p) || p.endsWith('.md') ||
  p.startsWith('pkg-template/generated/') || p === 'src/js/wasm_tests.rs'

// The lines of a file that are code: no comment lines, no Python docstrings, no trailing
// Rust test module.
function codeLines (path, text) {
  let lines = text.split('\n')
  if (path.endsWith('.rs')) {
    const t = lines.findIndex((l, i) => /^#\[cfg\(test\)\]\s*$/.test(l) && /^mod /.test(lines[i + 1] ?? ''))
    if (t >= 0) lines = lines.slice(0, t)
  }
  let doc = false
  return lines.map((line, i) => {
    const s = line.trim()
    if (path.endsWith('.py') || path.endsWith('.pyi')) {
      const quotes = (s.match(/"""/g) || []).length
      if (doc || quotes) {
        if (quotes % 2) doc = !doc
        return [i + 1, '']
      }
    }
    const comment = /^(\/\/|#(?!\[)|\*|\/\*|<!--)/.test(s)
    return [i + 1, comment ? '' : line]
  })
}

const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0').filter(p => p && !excluded(p) && /\.(rs|js|mjs|cjs|ts|cts|html|py|pyi|sh)$/.test(p))
const found = new Map([...owner.keys()].map(n => [n, []]))
for (const path of files) {
  for (const [line, code] of codeLines(path, read(path))) {
    for (const m of code.matchAll(/(["'])([A-Za-z0-9_]+)\1/g)) {
      if (found.has(m[2])) found.get(m[2]).push(`${path}:${line}`)
    }
  }
}

const problems = []
const homonymUsed = new Set()
for (const [name, places] of found) {
  const home = owner.get(name)
  if (!places.some(p => p.startsWith(home + ':'))) problems.push(`${name}: not defined in ${home}`)
  for (const place of places) {
    const file = place.split(':')[0]
    if (file === home) continue
    const h = HOMONYMS.findIndex(([f, n]) => f === file && n === name)
    if (h >= 0) homonymUsed.add(h)
    else problems.push(`${name}: spelled again at ${place} (take it from the core or the generated vocabulary)`)
  }
}
HOMONYMS.forEach(([f, n], i) => { if (!homonymUsed.has(i)) problems.push(`the homonym ${n} in ${f} no longer occurs: remove it from the list`) })
assert.deepEqual(problems, [], 'names spelled outside their one place:\n' + problems.join('\n'))
console.log(`names: ${found.size} service, privilege and error-code names, each spelled in one source file (${files.length} files read, ${HOMONYMS.length} listed homonyms)`)
