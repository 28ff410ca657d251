// The per-caller rate limit (Cloudflare's Rate Limiting binding TOKEN_RATE_LIMITER) under
// `wrangler dev`, whose local runtime emulates the binding: the built Worker
// (worker/build) with `[[ratelimits]] simple = { limit = 3, period = 60 }`.
//   - JWT mode (HS256): the key is the verified identity; alice's 4th request is a 429
//     RATE_LIMITED with Retry-After, bob is still served;
//   - open mode: the key is CF-Connecting-IP.
// Each wrangler runs on a free 127.0.0.1 port in its own process group, stopped by its id.
// (Without the binding nothing is limited: the workerd suites send bursts with no 429.)
//
//   node --test worker/tests/js/ratelimit.test.mjs   (after worker/build.sh; .ci/test-worker.sh)
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { answers, freePort, launch } from './workerd.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const jose = await import(createRequire(join(root, 'tests/tools/package.json')).resolve('jose'))

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const SECRET = 'an-hs256-secret-of-more-than-32-bytes'
const servers = []

/** `wrangler dev` of worker/build with the limiter, `vars` and `.dev.vars` secrets. */
async function startWrangler ({ vars = {}, secrets = {} }) {
  const dir = mkdtempSync(join(tmpdir(), 'agora-wrangler-rl-'))
  const port = await freePort()
  const inspector = await freePort()
  const varLines = Object.entries({ AGORA_APP_ID: APP_ID, ...vars }).map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
  writeFileSync(join(dir, 'wrangler.toml'), `name = "agora-token-ratelimit-test"
main = ${JSON.stringify(join(root, 'worker/build/index.js'))}
compatibility_date = "2025-09-01"

[vars]
${varLines.join('\n')}

[[ratelimits]]
name = "TOKEN_RATE_LIMITER"
namespace_id = "1001"
simple = { limit = 3, period = 60 }
`)
  writeFileSync(join(dir, '.dev.vars'), Object.entries({ AGORA_APP_CERTIFICATE: CERT, ...secrets }).map(([k, v]) => `${k}=${v}`).join('\n') + '\n')
  const url = `http://127.0.0.1:${port}`
  const server = await launch({
    name: 'wrangler dev',
    command: join(root, 'node_modules/.bin/wrangler'),
    args: ['dev', '--config', join(dir, 'wrangler.toml'), '--ip', '127.0.0.1', '--port', String(port),
      '--inspector-port', String(inspector), '--no-bundle', '--persist-to', join(dir, 'state'),
      '--show-interactive-dev-session=false'],
    cwd: dir,
    dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_LOG_PATH: join(dir, 'logs') },
    url,
    port,
    ready: () => answers(`${url}/ping`, (status) => status === 200),
    startMs: 90_000
  })
  servers.push(server)
  return server
}

const hs256 = (sub) => new jose.SignJWT({ sub })
  .setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('10m')
  .sign(new TextEncoder().encode(SECRET))

let jwtServer, openServer
before(async () => {
  [jwtServer, openServer] = await Promise.all([
    startWrangler({ vars: { TOKEN_RATE_LIMIT_PERIOD: '60' }, secrets: { AUTH_JWT_SECRET: SECRET } }),
    startWrangler({})
  ])
})
after(async () => { for (const s of servers) await s.stop() })

async function rtm (server, headers, uid) {
  const r = await fetch(`${server.url}/rtm/${uid}/`, { headers })
  return { status: r.status, retryAfter: r.headers.get('retry-after'), json: await r.json() }
}

test('JWT mode: keyed by the verified identity', async () => {
  const alice = { authorization: `Bearer ${await hs256('alice')}` }
  const bob = { authorization: `Bearer ${await hs256('bob')}` }
  const statuses = []
  for (let i = 0; i < 5; i++) statuses.push((await rtm(jwtServer, alice, 'alice')).status)
  assert.deepEqual(statuses, [200, 200, 200, 429, 429])
  const limited = await rtm(jwtServer, alice, 'alice')
  assert.equal(limited.status, 429, JSON.stringify(limited.json))
  assert.equal(limited.json.error.code, 'RATE_LIMITED')
  assert.equal(limited.retryAfter, '60')
  // Another identity from the same address is served.
  assert.equal((await rtm(jwtServer, bob, 'bob')).status, 200)
})

test('open mode: keyed by CF-Connecting-IP', async () => {
  const statuses = []
  for (let i = 0; i < 5; i++) statuses.push((await rtm(openServer, { 'cf-connecting-ip': '203.0.113.7' }, 'u')).status)
  assert.deepEqual(statuses, [200, 200, 200, 429, 429])
  // Another address is served.
  assert.equal((await rtm(openServer, { 'cf-connecting-ip': '203.0.113.8' }, 'u')).status, 200)
  // The ping and the page are never limited.
  assert.equal((await fetch(`${openServer.url}/ping`)).status, 200)
})
