// The native server's own behaviour (agora-token-server, after `cargo build --release -p
// agora-token-worker --features server`), beside the suites it shares with the Worker:
// graceful shutdown under load (no accepted request loses its answer, exit 0), the body and
// header timeouts (a slow client is cut off), keep-alive, the header size limit, start-up
// errors for misconfigurations (the Worker's code, never a value), --help listing every
// setting, and the inspector page's files with the same answers as the Worker's assets
// layer on workerd.
//
//   node --test worker/tests/js/server.test.mjs
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { startNative } from './server.mjs'
import { startWorker } from './workerd.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const BIN = process.env.AGORA_SERVER_BIN || join(root, 'target/release/agora-token-server')
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const BODY = '{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}'

/** Sends raw bytes on a new connection; resolves with everything the server sent and when
 * it closed (ms after sending). */
function raw (port, bytes, { waitMs = 15000 } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now()
    const c = connect(port, '127.0.0.1')
    let data = ''
    const done = () => { resolve({ data, closedAfterMs: Date.now() - t0 }); c.destroy() }
    const timer = setTimeout(done, waitMs)
    c.on('data', (d) => { data += d })
    c.on('close', () => { clearTimeout(timer); done() })
    c.on('error', () => {})
    c.write(bytes)
  })
}

test('SIGTERM during a load run: every request the server handled got its answer, then exit 0', { timeout: 60_000 }, async () => {
  const server = await startNative({ appId: APP_ID, certificate: CERT })
  const { port } = new URL(server.url)
  let answered = 0
  let stop = false
  // 16 keep-alive clients in a closed loop.
  const client = () => new Promise((resolve) => {
    const c = connect(Number(port), '127.0.0.1')
    let buf = ''
    const send = () => {
      if (stop) { c.end(); return }
      c.write(`POST /getToken HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`)
    }
    c.on('data', (d) => {
      buf += d
      for (;;) {
        const head = buf.indexOf('\r\n\r\n')
        if (head < 0) return
        const len = Number(/content-length: (\d+)/i.exec(buf.slice(0, head))?.[1] ?? 0)
        if (buf.length < head + 4 + len) return
        assert.match(buf, /^HTTP\/1\.1 200/)
        buf = buf.slice(head + 4 + len)
        answered++
        send()
      }
    })
    c.on('close', resolve)
    c.on('error', () => {})
    c.on('connect', send)
  })
  const clients = Promise.all(Array.from({ length: 16 }, client))
  await new Promise((resolve) => setTimeout(resolve, 1500))
  const exit = new Promise((resolve) => {
    const poll = setInterval(() => {
      try { process.kill(server.pid, 0) } catch { clearInterval(poll); resolve() }
    }, 20)
  })
  process.kill(server.pid, 'SIGTERM')
  await exit
  stop = true
  await clients
  const log = server.log()
  const handled = log.split('\n').filter((l) => l.startsWith('{"audit"')).length
  assert.ok(handled > 100, `${handled} requests handled`)
  assert.equal(answered, handled, 'a request the server handled lost its answer')
  assert.match(log, /agora-token-server: stopped/)
  await server.stop()
})

test('the exit status of a graceful stop is 0', { timeout: 30_000 }, async () => {
  const r = spawnSync('bash', ['-c', `"${BIN}" & pid=$!; sleep 1; kill -TERM $pid; wait $pid`], {
    env: { PATH: process.env.PATH, PORT: '0', LISTEN_ADDRESS: '127.0.0.1', AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT },
    encoding: 'utf8'
  })
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stderr, /listening on http:\/\/127\.0\.0\.1:\d+/)
})

test('a slow body is cut off with 408, slow headers close the connection; keep-alive and the header limit', { timeout: 60_000 }, async () => {
  const server = await startNative({ appId: APP_ID, certificate: CERT })
  const port = Number(new URL(server.url).port)
  const [body, headers] = await Promise.all([
    raw(port, 'POST /getToken HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"tokenType"'),
    raw(port, 'GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
  ])
  assert.match(body.data, /^HTTP\/1\.1 408/, body.data)
  assert.match(body.data, /REQUEST_TIMEOUT/)
  assert.ok(body.closedAfterMs < 14000, `${body.closedAfterMs} ms`)
  assert.ok(!/HTTP\/1\.1 200/.test(headers.data), headers.data)
  assert.ok(headers.closedAfterMs < 14000, `the slow-header connection stayed open ${headers.closedAfterMs} ms`)
  // Two requests on one connection.
  const two = await raw(port, 'GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
  assert.equal(two.data.match(/HTTP\/1\.1 200/g)?.length, 2, two.data)
  // Headers over 16 KiB.
  const big = await raw(port, `GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'x'.repeat(20 * 1024)}\r\n\r\n`)
  assert.match(big.data, /^HTTP\/1\.1 431/, big.data.slice(0, 100))
  await server.stop()
})

test('a misconfiguration stops the start with the Worker\'s code, naming the variable, never the value', () => {
  const secret = 'ffffffffffffffffffffffffffffffffXYZ'
  for (const [env, says] of [
    [{ AGORA_APP_ID: APP_ID }, 'AGORA_APP_CERTIFICATE is not set'],
    [{ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: secret }, 'AGORA_APP_CERTIFICATE must be 32 hexadecimal characters'],
    [{ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT, TOKEN_MAX_EXPIRE: '-1' }, 'TOKEN_MAX_EXPIRE'],
    [{ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT, AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET'],
    [{ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT, PORT: 'eighty' }, 'PORT'],
    [{ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT, TOKEN_RATE_LIMIT: '0' }, 'TOKEN_RATE_LIMIT'],
    [{ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT, APP_CERTIFICATE: '0123456789abcdef0123456789abcdef' }, 'APP_CERTIFICATE']
  ]) {
    const r = spawnSync(BIN, [], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 10000 })
    assert.equal(r.status, 2, `${JSON.stringify(env)}: ${r.stderr}`)
    assert.match(r.stderr, /SERVER_MISCONFIGURED/)
    assert.ok(r.stderr.includes(says), r.stderr)
    assert.ok(!r.stderr.includes(secret) && !r.stderr.includes(CERT), r.stderr)
  }
})

test('--help lists every setting', () => {
  const r = spawnSync(BIN, ['--help'], { encoding: 'utf8' })
  assert.equal(r.status, 0)
  const source = readFileSync(join(root, 'worker/src/settings.rs'), 'utf8')
  const settings = source.slice(source.indexOf('pub struct Vars {'), source.indexOf('\n}\n', source.indexOf('pub struct Vars {')))
  const fields = [...settings.matchAll(/^ {4}pub (\w+): Option<(?:String|Secret)>,/gm)].map((m) => m[1].toUpperCase())
  assert.ok(fields.length >= 20, fields)
  for (const name of [...fields, 'PORT', 'SERVER_PORT', 'LISTEN_ADDRESS', 'TOKEN_RATE_LIMIT', 'CLIENT_IP_HEADER', 'ASSETS_DIR', 'APP_ID', 'APP_CERTIFICATE']) {
    assert.ok(r.stdout.includes(`[env: ${name}`), `${name} is not in --help`)
  }
})

test('the rate limit: 429 with Retry-After past TOKEN_RATE_LIMIT, keyed by the client address', async () => {
  const server = await startNative({ appId: APP_ID, certificate: CERT, vars: { TOKEN_RATE_LIMIT: '3', TOKEN_RATE_LIMIT_PERIOD: '10', CLIENT_IP_HEADER: 'X-Forwarded-For' } })
  const get = (ip) => fetch(`${server.url}/rtm/alice/`, { headers: { 'x-forwarded-for': `${ip}, 10.0.0.1` } })
  for (let i = 0; i < 3; i++) assert.equal((await get('203.0.113.1')).status, 200)
  const r = await get('203.0.113.1')
  assert.equal(r.status, 429)
  assert.equal(r.headers.get('retry-after'), '10')
  assert.equal((await r.json()).error.code, 'RATE_LIMITED')
  assert.equal((await get('203.0.113.2')).status, 200)
  // /ping is never limited.
  assert.equal((await fetch(`${server.url}/ping`)).status, 200)
  await server.stop()
})

test('the inspector page: the same answers as the Worker\'s assets layer', async () => {
  const assets = join(root, 'worker/assets')
  const native = await startNative({ appId: APP_ID, certificate: CERT, assets })
  const worker = await startWorker({ appId: APP_ID, certificate: CERT, assets })
  try {
    const html = await (await fetch(`${native.url}/`)).text()
    const paths = ['/', '/index.html?x=1', '/_headers', '/nope', '/getToken',
      ...[...html.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((m) => m[1])]
    assert.ok(paths.length >= 7, paths)
    for (const method of ['GET', 'HEAD', 'POST']) {
      for (const path of paths) {
        const [a, b] = await Promise.all([native, worker].map((s) => fetch(s.url + path, { method, redirect: 'manual' })))
        const what = `${method} ${path}`
        assert.equal(a.status, b.status, what)
        for (const h of ['content-type', 'cache-control', 'etag', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'location']) {
          assert.equal(a.headers.get(h), b.headers.get(h), `${what}: ${h}`)
        }
        assert.deepEqual(Buffer.from(await a.arrayBuffer()), Buffer.from(await b.arrayBuffer()), what)
        const etag = a.headers.get('etag')
        if (etag && method === 'GET') {
          const c = await fetch(native.url + path, { headers: { 'if-none-match': etag } })
          assert.equal(c.status, 304, what)
        }
      }
    }
  } finally {
    await native.stop()
    await worker.stop()
  }
})
