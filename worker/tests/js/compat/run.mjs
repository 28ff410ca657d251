#!/usr/bin/env node
// The agora-token-service compatibility suite: every row of agora-token-service.json (beside
// this file) against the built Worker on raw workerd, one server per configuration of the
// table ("compat": ALLOW_WILDCARD_UID and ALLOW_CHAT_APP_TOKEN true, as agora-token-service
// behaves; "default": the Worker's defaults, for the deliberate refusals).
//
// For each row: the status; for a 200, the exact answer keys (agora-token-service's, plus
// this server's own `expiresAt` and `expiresIn` beside tokens, which its clients ignore and
// which must state the tokens' expiry) and every token decoded with the
// official npm `agora-token`'s AccessToken2 parser (not this project's core) and checked:
// the app id, the signature under the server's certificate, the issue time, the salt, the
// lifetime, and every service (type, channel, uid or user id, privileges, each privilege's
// lifetime); for a deliberate refusal, the error code. Every answer has nosniff and no-store.
//
//   node worker/tests/js/compat/run.mjs [--verbose]
// Needs worker/build (bash worker/build.sh). Exit status 1 on any failing row.
import assert from 'node:assert/strict'
import { appendFileSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { SERVER, startServer as startWorker } from '../server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const { AccessToken2, ServiceRtc, ServiceRtm, ServiceChat } = require('agora-token/src/AccessToken2.js')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = process.env.AGORA_CANARY_CERT || '5CFd2fd1755d40ecb72977518be15d3b'
const verbose = process.argv.includes('--verbose')
const table = JSON.parse(readFileSync(join(here, 'agora-token-service.json'), 'utf8'))

// Service and privilege names of the table, as the official package numbers them.
const SERVICES = {
  rtc: { type: 1, fields: { channel: '__channel_name', uid: '__uid' }, privileges: {
    joinChannel: ServiceRtc.kPrivilegeJoinChannel,
    publishAudioStream: ServiceRtc.kPrivilegePublishAudioStream,
    publishVideoStream: ServiceRtc.kPrivilegePublishVideoStream,
    publishDataStream: ServiceRtc.kPrivilegePublishDataStream
  } },
  rtm: { type: 2, fields: { userId: '__user_id' }, privileges: { login: ServiceRtm.kPrivilegeLogin } },
  chat: { type: 5, fields: { userId: '__user_id' }, privileges: { user: ServiceChat.kPrivilegeUser, app: ServiceChat.kPrivilegeApp } }
}

/** Decodes `token` with the official parser and checks it against `want`. */
function checkToken (token, want, sentAt) {
  assert.equal(typeof token, 'string')
  const t = new AccessToken2()
  assert.ok(t.from_string(token), 'the official parser refuses the token')
  // The parser keeps strings as the token's bytes (Buffers).
  const text = (v) => Buffer.isBuffer(v) ? v.toString('utf8') : v
  assert.equal(text(t.appId), APP_ID)
  assert.ok(t.verifySignature(CERT), 'signature under the server certificate')
  assert.ok(!t.verifySignature('0123456789abcdef0123456789abcdef'), 'signature under another certificate')
  assert.ok(Math.abs(t.issueTs - sentAt) <= 10, `issued at ${t.issueTs}, sent at ${sentAt}`)
  assert.ok(t.salt >= 1 && t.salt <= 99999999, `salt ${t.salt}`)
  assert.equal(t.expire, want.expire, 'token lifetime')
  assert.equal(t.services.length, want.services.length, 'number of services')
  for (const w of want.services) {
    const kind = SERVICES[w.type]
    const s = t.services.find((x) => x.service_type() === kind.type)
    assert.ok(s, `no ${w.type} service`)
    for (const [field, prop] of Object.entries(kind.fields)) {
      if (field in w) assert.equal(text(s[prop]), w[field], `${w.type} ${field}`)
    }
    const got = Object.keys(s.__privileges).map(Number).sort()
    assert.deepEqual(got, w.privileges.map((p) => kind.privileges[p]).sort(), `${w.type} privileges`)
    for (const p of got) assert.equal(s.__privileges[p], want.expire, `${w.type} privilege ${p} lifetime`)
  }
  return t
}

async function send (url, req) {
  const headers = { ...(req.headers || {}) }
  const init = { method: req.method, headers, redirect: 'manual' }
  // fetch() adds text/plain to a string body: send bytes so that "no content type" stays so.
  if (req.body !== undefined) init.body = new TextEncoder().encode(req.body)
  const res = await fetch(url + req.path, init)
  const text = await res.text()
  // For the canary scan of .ci/test-security.sh: every answer, headers included.
  if (process.env.AGORA_CAPTURE_DIR) {
    appendFileSync(join(process.env.AGORA_CAPTURE_DIR, 'compat-responses.log'),
      `${req.method} ${req.path} -> ${res.status} ${JSON.stringify([...res.headers])} ${text}\n`)
  }
  return { status: res.status, headers: res.headers, text }
}

const servers = {}
let failed = 0
try {
  for (const [name, config] of Object.entries(table.configs)) {
    servers[name] = await startWorker({ appId: APP_ID, certificate: CERT, vars: config.vars })
  }
  const counts = { rows: 0, tokens: 0, refusals: 0 }
  for (const row of table.rows) {
    const server = servers[row.config || 'compat']
    const sentAt = Date.now() / 1000
    const r = await send(server.url, row.request)
    try {
      assert.ok(!r.text.toLowerCase().includes(CERT.toLowerCase()), 'certificate in the answer')
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff')
      assert.equal(r.status, row.expect.status, `status (body ${r.text.slice(0, 200)})`)
      const body = r.text ? JSON.parse(r.text) : null
      if (r.status === 200) {
        const own = row.expect.tokens ? ['expiresAt', 'expiresIn'] : []
        assert.deepEqual(Object.keys(body).sort(), [...row.expect.keys, ...own].sort(), 'answer keys')
        if (row.expect.body) assert.deepEqual(body, row.expect.body)
        for (const [key, want] of Object.entries(row.expect.tokens || {})) {
          const t = checkToken(body[key], want, sentAt)
          assert.equal(body.expiresIn, t.expire, 'expiresIn is the token lifetime')
          assert.equal(body.expiresAt, t.issueTs + t.expire, 'expiresAt is the token expiry')
          counts.tokens++
        }
        if (row.expect.tokens) assert.equal(r.headers.get('cache-control'), 'no-store')
      } else {
        assert.ok(body && typeof body.error?.code === 'string', 'a JSON error')
        if (row.expect.code) assert.equal(body.error.code, row.expect.code, 'error code')
      }
      if (row.refusal) counts.refusals++
      counts.rows++
      if (verbose) console.log(`  ok ${row.id}: ${r.status}${row.refusal ? ' (deliberate refusal)' : ''}`)
    } catch (e) {
      failed++
      console.log(`  FAIL ${row.id} (${row.request.method} ${row.request.path}): ${e.message}`)
    }
  }
  console.log(`[compat] agora-token-service table: ${counts.rows}/${table.rows.length} rows pass on ${SERVER}, ` +
    `${counts.tokens} tokens decoded with the official agora-token parser, ${counts.refusals} deliberate refusals`)
} finally {
  for (const s of Object.values(servers)) await s.stop()
}
process.exit(failed ? 1 : 0)
