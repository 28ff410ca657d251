// The operator's view on workerd: the audit trail (one JSON line per token decision on
// workerd's log, never a token or secret, AUDIT_LOG=off), the metrics (one data point per
// decision in the TOKEN_METRICS Analytics Engine dataset, emulated by
// worker/tests/js/analytics-engine.mjs; nothing without the binding), the expiry in every
// answer, and a certificate rotation (AGORA_APP_CERTIFICATE_SECONDARY).
//
//   node --test worker/tests/js/operations.test.mjs   (after worker/build.sh; .ci/test-worker.sh)
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { startWorker } from './workerd.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const { RtmTokenBuilder } = createRequire(join(root, 'package.json'))('agora-token')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const OLD_CERT = '0123456789abcdef0123456789abcdef'
const API_KEY = 'operations-test-api-key-0123'

let keyed, quiet, plain
before(async () => {
  keyed = await startWorker({ appId: APP_ID, certificate: CERT, apiKey: API_KEY, metrics: true, secrets: { AGORA_APP_CERTIFICATE_SECONDARY: OLD_CERT } })
  quiet = await startWorker({ appId: APP_ID, certificate: CERT, metrics: true, vars: { AUDIT_LOG: 'off' } })
  plain = await startWorker({ appId: APP_ID, certificate: CERT })
})
after(async () => {
  for (const w of [keyed, quiet, plain]) if (w) await w.stop()
})

const ask = async (w, method, path, body, headers = {}) => {
  const r = await fetch(w.url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body })
  return { status: r.status, json: await r.json().catch(() => null) }
}
const auth = { authorization: `Bearer ${API_KEY}` }

/** The audit lines and data points `w` logged since `from` (a line count). */
async function logged (w, from = 0) {
  await new Promise((resolve) => setTimeout(resolve, 200)) // workerd flushes its log
  const lines = w.log().split('\n').slice(from)
  return {
    audit: lines.filter((l) => l.startsWith('{"audit"')).map((l) => JSON.parse(l)),
    points: lines.filter((l) => l.startsWith('ANALYTICS_ENGINE ')).map((l) => JSON.parse(l.slice(17))),
    raw: lines.join('\n'),
    end: w.log().split('\n').length - 1
  }
}

test('every decision: one audit line and one data point, with the caller and the tokens; never a token or secret', async () => {
  const start = (await logged(keyed)).end
  const requests = [
    ['POST', '/getToken', '{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher","expire":600}', auth, 200, 'issued'],
    ['GET', '/rte/demo/subscriber/uid/7/?expiry=900', undefined, auth, 200, 'issued'],
    ['GET', '/rtm/alice/', undefined, {}, 401, 'UNAUTHORIZED'],
    ['GET', '/rtc/demo/publisher/uid/4294967296/', undefined, auth, 400, 'INVALID_UID'],
    ['POST', '/inspect', '{"token":"007x"}', auth, 400, null],
    ['GET', '/ping', undefined, {}, 200, null],
    ['OPTIONS', '/getToken', undefined, { origin: 'https://a.example' }, 204, null]
  ]
  const answers = []
  for (const [method, path, body, headers, status] of requests) {
    const r = await ask(keyed, method, path, body, headers)
    assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.json)}`)
    answers.push(r)
  }
  const { audit, points, raw } = await logged(keyed, start)
  // /ping and the preflight are no decisions.
  assert.equal(audit.length, 5, raw)
  assert.equal(points.length, 5, raw)
  for (const [i, line] of audit.entries()) {
    const [method, , , , status, outcome] = requests[i]
    assert.equal(line.method, method)
    assert.equal(line.status, status)
    assert.equal(line.outcome, outcome ?? answers[i].json.error.code)
    assert.equal(line.appId, APP_ID)
    assert.equal(typeof line.time, 'number')
    assert.deepEqual(points[i].blobs.slice(0, 1), [line.outcome])
    assert.deepEqual(points[i].indexes, [APP_ID])
  }
  assert.deepEqual(audit[0].caller, { kind: 'api-key' })
  assert.deepEqual(audit[0].tokens, [{ service: 'rtc', channel: 'demo', uid: 42, role: 'publisher', version: '007', expiresIn: 600, expiresAt: answers[0].json.expiresAt }])
  assert.deepEqual(audit[1].tokens.map((t) => [t.service, t.expiresIn]), [['rtc', 900], ['rtm', 900]])
  assert.deepEqual(audit[2].caller, { kind: 'unknown' })
  assert.deepEqual(points[1].blobs, ['issued', '', 'rtc+rtm', 'api-key', 'rte'])
  assert.deepEqual(points[1].doubles, [1, 900, 200])
  for (const secret of [CERT, OLD_CERT, API_KEY, answers[0].json.token, answers[1].json.rtcToken, answers[1].json.rtmToken]) {
    assert.ok(!raw.includes(secret), 'a secret or a token in the log')
  }
})

test('AUDIT_LOG=off writes no audit line; the data points stay', async () => {
  const start = (await logged(quiet)).end
  assert.equal((await ask(quiet, 'GET', '/rtm/alice/')).status, 200)
  const { audit, points } = await logged(quiet, start)
  assert.equal(audit.length, 0)
  assert.equal(points.length, 1)
})

test('without the TOKEN_METRICS binding nothing is sent', async () => {
  const start = (await logged(plain)).end
  assert.equal((await ask(plain, 'GET', '/rtm/alice/')).status, 200)
  const { audit, points } = await logged(plain, start)
  assert.equal(audit.length, 1)
  assert.equal(points.length, 0)
})

test('answers carry expiresAt and expiresIn beside the tokens', async () => {
  const before = Math.floor(Date.now() / 1000)
  for (const path of ['/rtc/c/publisher/uid/1/?expiry=120', '/rtm/u/?expiry=120', '/rte/c/publisher/uid/1/?expiry=120', '/chat/account/u/?expiry=120']) {
    const r = await ask(plain, 'GET', path)
    assert.equal(r.status, 200, path)
    assert.equal(r.json.expiresIn, 120, path)
    assert.ok(r.json.expiresAt >= before + 120 && r.json.expiresAt <= before + 125, path)
  }
})

test('a certificate rotation: /inspect accepts either certificate and names the one that matched', async () => {
  const issued = await ask(keyed, 'POST', '/getToken', '{"tokenType":"rtm","uid":"u"}', auth)
  let r = await ask(keyed, 'POST', '/inspect', JSON.stringify({ token: issued.json.token }), auth)
  assert.deepEqual([r.json.valid, r.json.certificate], [true, 'primary'])
  // A token the official package signed with the old certificate.
  const old = RtmTokenBuilder.buildToken(APP_ID, OLD_CERT, 'u', 600)
  r = await ask(keyed, 'POST', '/inspect', JSON.stringify({ token: old }), auth)
  assert.deepEqual([r.json.valid, r.json.signatureValid, r.json.certificate], [true, true, 'secondary'])
  r = await ask(plain, 'POST', '/inspect', JSON.stringify({ token: old }))
  assert.deepEqual([r.json.signatureValid, r.json.reason, r.json.certificate], [false, 'SIGNATURE_MISMATCH', null])
})
