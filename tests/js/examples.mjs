#!/usr/bin/env node
// Runs every JavaScript example of docs/npm.md and pkg-template/README.md (each ```js block)
// against the packed package, and checks its output:
//   - a block is run by Node as a file of its own (ESM when it has an `import` line, else
//     CommonJS) with AGORA_APP_ID / AGORA_APP_CERTIFICATE set to test credentials; each
//     `// → text` comment is an expected output line (`…` matches anything), and the lines
//     printed must be exactly those, in order; a block must expect at least one line;
//   - a Worker block (`export default { fetch }`) is imported and its fetch called with the
//     requests of the `<!-- expect-worker [[path, status, token-or-code], …] -->` comment that
//     follows it, with the credentials in `env`; each answer must have that status and either
//     a 007 token or that `code`, `cache-control: no-store`, and never a stack trace or the
//     certificate.
// Usage: node tests/js/examples.mjs [pkgDir]
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pkgDir = path.resolve(process.argv[2] ?? path.join(root, 'pkg'))
const DOCS = ['docs/npm.md', 'pkg-template/README.md']
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'

// Every ```js block: { doc, line, code, worker: [[path, status, want]] | undefined }.
function blocks (doc) {
  const text = fs.readFileSync(path.join(root, doc), 'utf8')
  const out = []
  const re = /^```js\n([\s\S]*?)^```\n(?:\s*<!-- expect-worker (.*?) -->)?/gm
  for (let m; (m = re.exec(text));) {
    out.push({ doc, line: text.slice(0, m.index).split('\n').length, code: m[1], worker: m[2] && JSON.parse(m[2]) })
  }
  return out
}

const expectations = code => code.split('\n').filter(l => l.includes('// → ')).map(l => l.slice(l.indexOf('// → ') + 5).trimEnd())
const matches = (line, want) => new RegExp('^' + want.split('…').map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$').test(line)

let failures = 0
let count = 0
const fail = (b, msg) => { failures++; console.log(`FAIL ${b.doc}:${b.line}: ${msg}`) }
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-token-wasm-examples-'))
try {
  const packed = execFileSync('npm', ['pack', pkgDir, '--pack-destination', tmp, '--json'], { encoding: 'utf8' })
  const tarball = path.join(tmp, JSON.parse(packed)[0].filename)
  const app = path.join(tmp, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'examples', version: '1.0.0', private: true }))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] })

  for (const doc of DOCS) {
    const list = blocks(doc)
    if (list.length === 0) { failures++; console.log(`FAIL ${doc}: no js examples found`) }
    for (const b of list) {
      count++
      const esm = /^import /m.test(b.code) || /^export /m.test(b.code)
      const file = path.join(app, `example-${count}.${esm ? 'mjs' : 'cjs'}`)
      fs.writeFileSync(file, b.code)
      if (/^export default \{/m.test(b.code)) {
        if (!b.worker) { fail(b, 'a Worker example needs an <!-- expect-worker … --> comment'); continue }
        const worker = (await import(pathToFileURL(file).href)).default
        const env = { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT }
        let ok = true
        for (const [url, status, want] of b.worker) {
          const res = await worker.fetch(new Request('http://127.0.0.1' + url), env)
          const body = await res.text()
          let json = {}
          try { json = JSON.parse(body) } catch {}
          const good = res.status === status && res.headers.get('cache-control') === 'no-store' &&
            (want === 'token' ? /^007/.test(json.token) : json.code === want) && !body.includes(CERT) && !/\n\s+at /.test(body)
          if (!good) { ok = false; fail(b, `${url}: ${res.status} ${body}, want ${status} ${want}`) }
        }
        if (ok) console.log(`ok   ${b.doc}:${b.line}: Worker example, ${b.worker.length} requests answered as documented`)
        continue
      }
      const want = expectations(b.code)
      if (want.length === 0) { fail(b, 'the example shows no output (add `// → …` comments)'); continue }
      const r = spawnSync(process.execPath, [file], { cwd: app, encoding: 'utf8', env: { ...process.env, AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT } })
      const got = r.stdout.split('\n').filter(l => l !== '')
      const good = r.status === 0 && got.length === want.length && got.every((l, i) => matches(l, want[i]))
      if (good) console.log(`ok   ${b.doc}:${b.line}: ${want.length} output line(s) as documented`)
      else fail(b, `exit ${r.status}\n  printed: ${JSON.stringify(got)}\n  wanted:  ${JSON.stringify(want)}\n  ${r.stderr.split('\n').slice(0, 5).join('\n  ')}`)
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
if (failures) { console.error(`examples: ${failures} failure(s)`); process.exit(1) }
console.log(`examples: the ${count} JavaScript examples of ${DOCS.join(' and ')} run and print what they show`)
