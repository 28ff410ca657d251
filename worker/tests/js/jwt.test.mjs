// Identity-bound tokens on workerd: the built Worker (worker/build) verifies callers' JWTs
// made here with npm `jose` (tests/tools), against a JWKS served by a local HTTP server on
// 127.0.0.1 (counting its fetches), and binds each issued token to the JWT's identity,
// channels and role. Issued tokens are decoded and their signatures verified with Agora's
// official npm `agora-token` (AccessToken2.from_string + verifySignature).
//
//   node --test worker/tests/js/jwt.test.mjs      (after worker/build.sh; .ci/test-worker.sh)
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { freePort, SERVER, startServer as startWorker } from './server.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const jose = await import(createRequire(join(root, 'tests/tools/package.json')).resolve('jose'))
const { AccessToken2 } = createRequire(join(root, 'package.json'))('agora-token/src/AccessToken2.js')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const ISS = 'https://idp.example/'
const AUD = 'agora-app'
const SECRET = 'an-hs256-secret-of-more-than-32-bytes'
const now = () => Math.floor(Date.now() / 1000)

/** A JWKS server on 127.0.0.1 that counts its fetches; `up = false` answers 503. Hostile
 * paths: `/big` streams a valid JWKS padded past 64 KiB without a length (chunked), `/hang`
 * never answers, `/slow` answers the JWKS after `slowMs`, `/redirect` answers 302 to
 * `state.redirectTo`, and `/set/<name>` serves `state.sets[name]` (counted per name). */
async function startJwks (jwks) {
  const state = { fetches: 0, up: true, jwks, sets: {}, served: {}, slowMs: 1500, slowFetches: 0 }
  const hanging = new Set()
  const server = createServer((req, res) => {
    if (req.url === '/hang') { hanging.add(res); return }
    if (req.url === '/slow') {
      state.slowFetches++
      const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state.jwks)), state.slowMs)
      res.on('close', () => clearTimeout(timer))
      return
    }
    if (req.url === '/redirect') { res.writeHead(302, { location: state.redirectTo }).end(); return }
    if (req.url.startsWith('/set/')) {
      const name = req.url.slice(5)
      state.served[name] = (state.served[name] ?? 0) + 1
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state.sets[name]))
      return
    }
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/json' })
      const body = JSON.stringify({ ...state.jwks, padding: 'x'.repeat(80 * 1024) })
      for (let i = 0; i < body.length; i += 8192) res.write(body.slice(i, i + 8192))
      res.end()
      return
    }
    if (req.url !== '/.well-known/jwks.json') { res.writeHead(404).end(); return }
    state.fetches++
    if (!state.up) { res.writeHead(503).end('down'); return }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state.jwks))
  })
  const port = await freePort()
  await new Promise((res) => server.listen(port, '127.0.0.1', res))
  state.base = `http://127.0.0.1:${port}`
  state.url = `${state.base}/.well-known/jwks.json`
  state.close = () => {
    for (const res of hanging) res.destroy()
    server.closeAllConnections()
    return new Promise((res) => server.close(res))
  }
  return state
}

const keys = {}
let jwksServer, worker, hsWorker, downWorker, bigWorker, hangWorker

async function sign (kid, claims = {}, header = {}) {
  const k = keys[kid]
  return new jose.SignJWT({ sub: '42', iss: ISS, aud: AUD, ...claims })
    .setProtectedHeader({ alg: k.alg, kid, typ: 'JWT', ...header })
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? now() + 600)
    .sign(k.privateKey)
}

function hs256 (claims = {}, secret = SECRET) {
  return new jose.SignJWT({ sub: '42', iss: ISS, aud: AUD, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? now() + 600)
    .sign(new TextEncoder().encode(secret))
}

async function getToken (server, jwt, body, header = 'authorization', signal = undefined) {
  const headers = { 'content-type': 'application/json' }
  if (jwt) headers[header] = header === 'authorization' ? `Bearer ${jwt}` : jwt
  const r = await fetch(`${server.url}/getToken`, { method: 'POST', headers, body: JSON.stringify(body), signal })
  return { status: r.status, headers: r.headers, json: await r.json() }
}

/** The 401's reason code, after checking the answer's shape. */
function reason (r) {
  assert.equal(r.status, 401, JSON.stringify(r.json))
  assert.equal(r.json.error.code, 'UNAUTHORIZED')
  assert.match(r.headers.get('www-authenticate'), /^Bearer/)
  return r.json.error.message.split(':')[0]
}

/** Decodes an issued 007 token with the official package and checks its signature under the
 * certificate; returns its services as { type, channel, user, privileges }. */
function decode (token) {
  const t = new AccessToken2()
  assert.equal(t.from_string(token), true, `not a 007 token: ${token}`)
  assert.equal(t.verifySignature(CERT), true, 'the signature does not verify')
  assert.equal(String(t.appId), APP_ID)
  return t.services.map((s) => ({
    type: s.__type,
    channel: s.__channel_name?.toString(),
    user: (s.__uid ?? s.__user_id)?.toString(),
    privileges: Object.keys(s.__privileges).length
  }))
}

/** Checks an issued RTC token: signature under the certificate, channel, user, role. */
function checkRtc (r, { channel, uid, account, publisher }) {
  assert.equal(r.status, 200, JSON.stringify(r.json))
  const rtc = decode(r.json.token ?? r.json.rtcToken).find((s) => s.type === 1)
  assert.equal(rtc.channel, channel)
  assert.equal(rtc.user, uid !== undefined ? String(uid) : account)
  assert.equal(rtc.privileges, publisher ? 4 : 1)
}

/** The user id of an issued RTM (type 2) or Chat (type 5) token. */
const userOf = (r, type) => {
  assert.equal(r.status, 200, JSON.stringify(r.json))
  return decode(r.json.token).find((s) => s.type === type).user
}

before(async () => {
  for (const [kid, alg, opts] of [['rsa-1', 'RS256', { modulusLength: 2048 }], ['ec-1', 'ES256', {}], ['ed-1', 'EdDSA', { crv: 'Ed25519' }], ['rsa-rogue', 'RS256', { modulusLength: 2048 }]]) {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { ...opts, extractable: true })
    keys[kid] = { alg, privateKey, jwk: { ...(await jose.exportJWK(publicKey)), kid, alg, use: 'sig' } }
  }
  jwksServer = await startJwks({ keys: ['rsa-1', 'ec-1', 'ed-1'].map((k) => keys[k].jwk) })
  const auth = { AUTH_JWKS_URL: jwksServer.url, AUTH_JWT_ISSUER: ISS, AUTH_JWT_AUDIENCE: AUD, AUTH_CHANNEL_CLAIM: 'channels', AUTH_ROLE_CLAIM: 'agora_role' }
  worker = await startWorker({ appId: APP_ID, certificate: CERT, vars: auth, network: true })
  hsWorker = await startWorker({ appId: APP_ID, certificate: CERT, vars: { AUTH_JWT_AUDIENCE: AUD }, secrets: { AUTH_JWT_SECRET: SECRET } })
  // A JWKS URL on a port where nothing listens: the provider is down.
  const dead = `http://127.0.0.1:${await freePort()}/jwks`
  downWorker = await startWorker({ appId: APP_ID, certificate: CERT, vars: { AUTH_JWKS_URL: dead }, network: true })
  bigWorker = await startWorker({ appId: APP_ID, certificate: CERT, vars: { AUTH_JWKS_URL: `${jwksServer.base}/big` }, network: true })
  hangWorker = await startWorker({ appId: APP_ID, certificate: CERT, vars: { AUTH_JWKS_URL: `${jwksServer.base}/hang` }, network: true })
})

after(async () => {
  for (const w of [worker, hsWorker, downWorker, bigWorker, hangWorker]) if (w) await w.stop()
  if (jwksServer) await jwksServer.close()
})

const ALL = { channels: ['room-*', 'lobby'], agora_role: 'publisher' }

describe('JWKS mode', () => {
  test('a cold burst: each request without a cached key fetches for itself, then the cache serves', async () => {
    const jwt = await sign('rsa-1', ALL)
    // No request waits on a fetch another request started (the starter may be cancelled):
    // a cold burst costs at most one fetch per request.
    const burst = await Promise.all(Array.from({ length: 24 }, () =>
      getToken(worker, jwt, { tokenType: 'rtc', channel: 'lobby', role: 'publisher' })))
    for (const r of burst) checkRtc(r, { channel: 'lobby', uid: 42, publisher: true })
    const cold = jwksServer.fetches
    assert.ok(cold >= 1 && cold <= 24, `${cold} fetches`)
    const warm = await Promise.all(Array.from({ length: 24 }, () => getToken(worker, jwt, { tokenType: 'rtm' })))
    for (const r of warm) assert.equal(r.status, 200)
    for (let i = 0; i < 10; i++) {
      assert.equal((await getToken(worker, jwt, { tokenType: 'rtm' })).status, 200)
    }
    assert.equal(jwksServer.fetches, cold)
  })

  test('valid RS256, ES256 and EdDSA JWTs; the token names the JWT identity', async () => {
    checkRtc(await getToken(worker, await sign('rsa-1', ALL), { tokenType: 'rtc', channel: 'room-7', role: 'publisher' }),
      { channel: 'room-7', uid: 42, publisher: true })
    checkRtc(await getToken(worker, await sign('ec-1', { ...ALL, sub: 'alice' }), { tokenType: 'rtc', channel: 'lobby', uid: 'alice' }),
      { channel: 'lobby', account: 'alice', publisher: false })
    const ed = await getToken(worker, await sign('ed-1', ALL), { tokenType: 'rtc', channel: 'lobby' })
    checkRtc(ed, { channel: 'lobby', uid: 42, publisher: false })
    // RTM and Chat tokens carry the claim's text.
    assert.equal(userOf(await getToken(worker, await sign('ec-1', { sub: 'alice' }), { tokenType: 'rtm' }), 2), 'alice')
    assert.equal(userOf(await getToken(worker, await sign('ec-1', { sub: 'alice' }), { tokenType: 'chat' }), 5), 'alice')
  })

  test('the Cf-Access-Jwt-Assertion header carries the JWT', async () => {
    const r = await getToken(worker, await sign('ec-1', { ...ALL, sub: '7' }), { tokenType: 'rtc', channel: 'lobby' }, 'cf-access-jwt-assertion')
    checkRtc(r, { channel: 'lobby', uid: 7, publisher: false })
  })

  test('the GET routes and /inspect need the JWT too', async () => {
    const jwt = await sign('rsa-1', ALL)
    let r = await fetch(`${worker.url}/rtc/lobby/subscriber/uid/42/`)
    assert.equal(r.status, 401)
    r = await fetch(`${worker.url}/rtc/lobby/subscriber/uid/42/`, { headers: { authorization: `Bearer ${jwt}` } })
    checkRtc({ status: r.status, json: await r.json() }, { channel: 'lobby', uid: 42, publisher: false })
    r = await fetch(`${worker.url}/rtc/lobby/subscriber/uid/43/`, { headers: { authorization: `Bearer ${jwt}` } })
    assert.equal(r.status, 403)
    assert.equal((await r.json()).error.code, 'FORBIDDEN_IDENTITY')
    r = await fetch(`${worker.url}/inspect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":"x"}' })
    assert.equal(r.status, 401)
    r = await fetch(`${worker.url}/ping`)
    assert.equal(r.status, 200)
  })

  test('refused JWTs: 401 with a reason, never the JWT', async () => {
    const t = now()
    const valid = await sign('rsa-1', ALL)
    const [h, p, s] = valid.split('.')
    const b64 = (x) => Buffer.from(JSON.stringify(x)).toString('base64url')
    const claims = JSON.parse(Buffer.from(p, 'base64url'))
    const cases = {
      TOKEN_EXPIRED: await sign('rsa-1', { ...ALL, exp: t - 120 }),
      TOKEN_NOT_YET_VALID: await sign('rsa-1', { ...ALL, nbf: t + 300 }),
      BAD_AUDIENCE: await sign('rsa-1', { ...ALL, aud: 'other-app' }),
      BAD_ISSUER: await sign('ec-1', { ...ALL, iss: 'https://evil.example/' }),
      UNKNOWN_KEY: await sign('rsa-rogue', ALL, { kid: 'rsa-unknown' }),
      BAD_SIGNATURE: `${h}.${b64({ ...claims, sub: '43' })}.${s}`,
      ALG_NOT_ALLOWED: `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`,
      TOKEN_MALFORMED: 'not.a-jwt'
    }
    for (const [code, jwt] of Object.entries(cases)) {
      const r = await getToken(worker, jwt, { tokenType: 'rtm' })
      assert.equal(reason(r), code, `${code}: ${JSON.stringify(r.json)}`)
      assert.ok(!JSON.stringify(r.json).includes(jwt), code)
    }
    // A rogue key using a known kid: the signature fails.
    assert.equal(reason(await getToken(worker, await sign('rsa-rogue', ALL, { kid: 'rsa-1' }), { tokenType: 'rtm' })), 'BAD_SIGNATURE')
    // HS256 keyed with the RSA public key (the key-confusion attack), in two key encodings.
    const spki = await jose.exportSPKI(await jose.importJWK(keys['rsa-1'].jwk, 'RS256'))
    for (const secret of [spki, JSON.stringify(keys['rsa-1'].jwk)]) {
      const forged = await new jose.SignJWT({ ...ALL, sub: '42', iss: ISS, aud: AUD })
        .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setExpirationTime(t + 600)
        .sign(new TextEncoder().encode(secret))
      assert.equal(reason(await getToken(worker, forged, { tokenType: 'rtm' })), 'ALG_NOT_ALLOWED')
    }
    const missing = await getToken(worker, null, { tokenType: 'rtm' })
    assert.equal(reason(missing), 'TOKEN_MISSING')
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer')
  })

  test('identity mismatch: 403 FORBIDDEN_IDENTITY, never the wildcard', async () => {
    const jwt = await sign('rsa-1', ALL)
    for (const body of [
      { tokenType: 'rtc', channel: 'lobby', uid: '43' },
      { tokenType: 'rtc', channel: 'lobby', uid: 0 },
      { tokenType: 'rtc', channel: 'lobby', uid: 'alice' },
      { tokenType: 'rtm', uid: 'bob' },
      { tokenType: 'chat', uid: 'bob' }
    ]) {
      const r = await getToken(worker, jwt, body)
      assert.equal(r.status, 403, JSON.stringify(body))
      assert.equal(r.json.error.code, 'FORBIDDEN_IDENTITY')
    }
    // An empty uid is the caller's own, not the wildcard.
    checkRtc(await getToken(worker, jwt, { tokenType: 'rtc', channel: 'lobby', uid: '' }), { channel: 'lobby', uid: 42, publisher: false })
  })

  test('channel claim: exact names and * prefixes', async () => {
    const jwt = await sign('rsa-1', ALL)
    for (const channel of ['room-1', 'room-', 'lobby']) {
      checkRtc(await getToken(worker, jwt, { tokenType: 'rtc', channel }), { channel, uid: 42, publisher: false })
    }
    for (const channel of ['room', 'lobby2', 'xroom-1']) {
      const r = await getToken(worker, jwt, { tokenType: 'rtc', channel })
      assert.equal(r.status, 403, channel)
      assert.equal(r.json.error.code, 'FORBIDDEN_CHANNEL')
    }
    const none = await sign('rsa-1', { agora_role: 'publisher' })
    assert.equal((await getToken(worker, none, { tokenType: 'rtc', channel: 'lobby' })).json.error.code, 'FORBIDDEN_CHANNEL')
  })

  test('role claim: publisher only when the claim says so', async () => {
    const sub = await sign('rsa-1', { channels: ['*'], agora_role: 'subscriber' })
    const r = await getToken(worker, sub, { tokenType: 'rtc', channel: 'any', role: 'publisher' })
    assert.equal(r.status, 403)
    assert.equal(r.json.error.code, 'FORBIDDEN_ROLE')
    checkRtc(await getToken(worker, sub, { tokenType: 'rtc', channel: 'any', role: 'subscriber' }), { channel: 'any', uid: 42, publisher: false })
    const pub = await sign('rsa-1', { channels: ['*'], agora_role: ['moderator', 'publisher'] })
    checkRtc(await getToken(worker, pub, { tokenType: 'rtc', channel: 'any', role: 'publisher' }), { channel: 'any', uid: 42, publisher: true })
  })

  test('a JWKS response past 64 KiB (chunked, no length) is refused: fail closed', async () => {
    assert.equal(reason(await getToken(bigWorker, await sign('rsa-1', ALL), { tokenType: 'rtm' })), 'JWKS_UNAVAILABLE')
  })

  test('a JWKS endpoint that never answers: the fetch is cut (5 s), fail closed', { timeout: 30_000 }, async () => {
    assert.equal(reason(await getToken(hangWorker, await sign('rsa-1', ALL), { tokenType: 'rtm' })), 'JWKS_UNAVAILABLE')
  })

  test('JWKS down from the start: fail closed', async () => {
    const jwt = await sign('rsa-1', ALL)
    for (let i = 0; i < 3; i++) {
      assert.equal(reason(await getToken(downWorker, jwt, { tokenType: 'rtm' })), 'JWKS_UNAVAILABLE')
    }
  })
})

describe('hostile JWKS servers and requests', () => {
  /** A Worker whose AUTH_JWKS_URL is `path` on the JWKS server. */
  const workerAt = (path, vars = {}) =>
    startWorker({ appId: APP_ID, certificate: CERT, vars: { AUTH_JWKS_URL: `${jwksServer.base}${path}`, ...vars }, network: true })

  test('a redirect from the JWKS URL is not followed: fail closed, the other origin never asked', async () => {
    const rogue = await startJwks({ keys: [keys['rsa-rogue'].jwk] })
    jwksServer.redirectTo = rogue.url
    const w = await workerAt('/redirect')
    try {
      const forged = await sign('rsa-rogue', { sub: '1' })
      assert.equal(reason(await getToken(w, forged, { tokenType: 'rtc', channel: 'lobby', uid: '1' })), 'JWKS_UNAVAILABLE')
      assert.equal(rogue.fetches, 0, 'the redirect target was fetched')
    } finally {
      await w.stop()
      await rogue.close()
    }
  })

  test('degenerate keys in the JWKS are never trusted', async () => {
    const b64u = (bytes) => Buffer.from(bytes).toString('base64url')
    const encodeClaims = (x) => Buffer.from(JSON.stringify(x)).toString('base64url')
    const claims = { sub: '42', iss: ISS, aud: AUD, exp: now() + 600 }
    // Ed25519's identity point: R = identity, S = 0 "verifies" any message under it.
    const identity = new Uint8Array(32); identity[0] = 1
    const forgedSig = b64u([...identity, ...new Uint8Array(32)])
    const edJwt = `${encodeClaims({ alg: 'EdDSA', kid: 'weak' })}.${encodeClaims(claims)}.${forgedSig}`
    // RSA with e = 1: the "signature" is the padded digest itself.
    const n = new Uint8Array(256).fill(0xc1); n[255] = 0xc3
    const rsaHeader = encodeClaims({ alg: 'RS256', kid: 'e1' })
    const rsaInput = `${rsaHeader}.${encodeClaims(claims)}`
    const { createHash, generateKeyPairSync, sign: rsaSign } = await import('node:crypto')
    const digestInfo = Buffer.from('3031300d060960864801650304020105000420', 'hex')
    const t = Buffer.concat([digestInfo, createHash('sha256').update(rsaInput).digest()])
    const em = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(256 - 3 - t.length, 0xff), Buffer.from([0]), t])
    const rsaJwt = `${rsaInput}.${b64u(em)}`
    // A 2041-bit RSA key: 256 bytes of modulus, fewer than 2048 bits.
    // (made with node:crypto: jose refuses to make keys under 2048 bits)
    const small = generateKeyPairSync('rsa', { modulusLength: 2041 })
    const smallJwk = { ...small.publicKey.export({ format: 'jwk' }), kid: 'rsa-2041', alg: 'RS256' }
    const smallInput = `${encodeClaims({ alg: 'RS256', kid: 'rsa-2041' })}.${encodeClaims(claims)}`
    const smallJwt = `${smallInput}.${b64u(rsaSign('sha256', Buffer.from(smallInput), small.privateKey))}`
    jwksServer.sets.weak = {
      keys: [
        { kty: 'OKP', crv: 'Ed25519', kid: 'weak', x: b64u(identity) },
        { kty: 'RSA', kid: 'e1', n: b64u(n), e: 'AQ' },
        smallJwk,
        keys['ed-1'].jwk
      ]
    }
    const w = await workerAt('/set/weak')
    try {
      for (const [what, jwt] of [['Ed25519 identity key', edJwt], ['RSA e = 1', rsaJwt], ['2041-bit RSA', smallJwt]]) {
        const r = await getToken(w, jwt, { tokenType: 'rtm' })
        assert.equal(reason(r), 'UNKNOWN_KEY', `${what}: ${JSON.stringify(r.json)}`)
      }
      // The honest key of the same set still works.
      assert.equal((await getToken(w, await sign('ed-1', {}), { tokenType: 'rtm' })).status, 200)
    } finally {
      await w.stop()
    }
  })

  test('a path in the Host header is a 400, not a route', async () => {
    const { connect } = await import('node:net')
    const raw = (host) => new Promise((resolve, reject) => {
      const c = connect(worker.port, '127.0.0.1')
      let data = ''
      c.on('data', (d) => { data += d })
      c.on('end', () => resolve(data))
      c.on('error', reject)
      c.write(`GET /ping HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
    })
    const answer = await raw(`127.0.0.1:${worker.port}/rtc/lobby/publisher/uid/42/?x=`)
    assert.match(answer, /^HTTP\/1\.1 400/, answer)
    assert.match(answer, /INVALID_HOST/)
    assert.doesNotMatch(answer, /rtcToken/)
    assert.match(await raw(`127.0.0.1:${worker.port}`), /^HTTP\/1\.1 200/)
  })

  test('a cancelled request does not stall the others: no request waits on a fetch another owns', { timeout: 30_000 }, async () => {
    const w = await workerAt('/slow')
    try {
      const jwt = await sign('rsa-1', ALL)
      const first = new AbortController()
      const started = getToken({ url: w.url }, jwt, { tokenType: 'rtm' }, 'authorization', first.signal).catch((e) => e)
      // Let the first request start its JWKS fetch, then cancel it.
      while (jwksServer.slowFetches === 0) await new Promise((resolve) => setTimeout(resolve, 20))
      first.abort()
      await started
      const t0 = Date.now()
      const r = await getToken({ url: w.url }, jwt, { tokenType: 'rtm' }, 'authorization', AbortSignal.timeout(10_000))
      assert.equal(r.status, 200, JSON.stringify(r.json))
      assert.ok(Date.now() - t0 < 10_000)
      assert.ok(jwksServer.slowFetches >= 2, 'the second request fetched for itself')
    } finally {
      await w.stop()
    }
  })
})

describe('HS256 mode (AUTH_JWT_SECRET)', () => {
  test('a valid HS256 JWT gets a token for its identity', async () => {
    const r = await getToken(hsWorker, await hs256({ sub: 'carol' }), { tokenType: 'rtc', channel: 'c', role: 'publisher' })
    checkRtc(r, { channel: 'c', account: 'carol', publisher: true })
  })

  test('a wrong secret, an asymmetric JWT and a wrong audience are refused', async () => {
    assert.equal(reason(await getToken(hsWorker, await hs256({}, 'another-secret-of-more-than-32-bytes!'), { tokenType: 'rtm' })), 'BAD_SIGNATURE')
    assert.equal(reason(await getToken(hsWorker, await sign('rsa-1', ALL), { tokenType: 'rtm' })), 'ALG_NOT_ALLOWED')
    assert.equal(reason(await getToken(hsWorker, await hs256({ aud: 'x' }), { tokenType: 'rtm' })), 'BAD_AUDIENCE')
  })
})
