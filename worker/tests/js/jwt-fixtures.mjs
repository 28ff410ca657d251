#!/usr/bin/env node
// Writes worker/tests/data/jwt.json: a JWKS (RS256, ES256, EdDSA public keys) and JWTs
// signed with npm `jose` (an implementation independent of ours) for the native handler
// tests (worker/tests/jwt.rs), which run at the fixed time NOW below. The private keys are
// thrown away: the file holds only public keys and tokens.
//
//   node worker/tests/js/jwt-fixtures.mjs   (needs tests/tools/node_modules: make setup)
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const jose = await import(createRequire(join(root, 'tests/tools/package.json')).resolve('jose'))

const NOW = 1_750_000_000
const ISS = 'https://idp.example/'
const AUD = 'agora-app'
const keys = {}
for (const [kid, alg, opts] of [['rsa-1', 'RS256', { modulusLength: 2048 }], ['ec-1', 'ES256', {}], ['ed-1', 'EdDSA', { crv: 'Ed25519' }], ['rsa-other', 'RS256', { modulusLength: 2048 }]]) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { ...opts, extractable: true })
  keys[kid] = { alg, privateKey, jwk: { ...(await jose.exportJWK(publicKey)), kid, alg, use: 'sig' } }
}
const sign = (kid, claims, header = {}) =>
  new jose.SignJWT(claims).setProtectedHeader({ alg: keys[kid].alg, kid, typ: 'JWT', ...header }).sign(keys[kid].privateKey)
const base = { sub: '42', iss: ISS, aud: AUD, iat: NOW, exp: NOW + 3600 }
const b64 = (s) => Buffer.from(s).toString('base64url')

const tokens = {
  rs256: await sign('rsa-1', base),
  es256: await sign('ec-1', { ...base, sub: 'alice' }),
  eddsa: await sign('ed-1', base),
  expired: await sign('rsa-1', { ...base, exp: NOW - 61 }),
  expired_within_leeway: await sign('rsa-1', { ...base, exp: NOW - 30 }),
  not_yet_valid: await sign('rsa-1', { ...base, nbf: NOW + 120 }),
  wrong_audience: await sign('rsa-1', { ...base, aud: 'other-app' }),
  wrong_issuer: await sign('ec-1', { ...base, iss: 'https://evil.example/' }),
  unknown_kid: await sign('rsa-other', base, { kid: 'rsa-unknown' }),
  other_key_same_kid: await sign('rsa-other', base, { kid: 'rsa-1' }),
  no_exp: await sign('rsa-1', { sub: '42', iss: ISS, aud: AUD })
}
// The payload swapped for another subject, the signature kept.
const [h, , s] = tokens.rs256.split('.')
tokens.tampered = `${h}.${b64(JSON.stringify({ ...base, sub: '43' }))}.${s}`
tokens.alg_none = `${b64('{"alg":"none","typ":"JWT"}')}.${b64(JSON.stringify(base))}.`
tokens.alg_none_sig = `${b64('{"alg":"none","typ":"JWT"}')}.${b64(JSON.stringify(base))}.${b64('x')}`
// HS256 keyed with the RSA public key's JWK text (the key-confusion attack).
tokens.hs256_with_public_key = await new jose.SignJWT(base)
  .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
  .sign(new TextEncoder().encode(JSON.stringify(keys['rsa-1'].jwk)))

const jwks = { keys: ['rsa-1', 'ec-1', 'ed-1'].map((k) => keys[k].jwk) }
const out = join(root, 'worker/tests/data/jwt.json')
writeFileSync(out, JSON.stringify({ now: NOW, issuer: ISS, audience: AUD, jwks, tokens }, null, 2) + '\n')
console.log(`wrote ${out}`)
