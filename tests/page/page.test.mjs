// End-to-end tests of the token inspector page, in headless Debian Chromium driven by npm
// playwright-core. The page is served as Workers Static Assets (worker/assets, built by
// worker/page/build.sh) in front of the built Worker on raw workerd, the assets directory
// bound as a disk service (worker/tests/js/workerd.mjs, worker/tests/js/assets-router.mjs); the
// same answers are compared with `wrangler dev` (Miniflare's own assets layer).
// Run by .ci/test-page.sh after worker/build.sh and worker/page/build.sh:
//
//   node --test tests/page/
//
// Expectations come from outside the page: the known-answer vectors (tests/vectors/
// vectors.json, or AGORA_VECTORS), tokens from the official npm `agora-token`, and the
// built npm package in Node (pkg/index.mjs) to verify what the page generates.
// Console errors are failures, except the network log line of the expected 401.
// Screenshots of each tab at 1280 and 375 px go to target/page-artifacts/.
// CHROMIUM_BIN overrides /usr/bin/chromium.

import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'

import { answers, freePort, launch, startWorker } from '../../worker/tests/js/workerd.mjs'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const require = createRequire(import.meta.url)
const officialNpm = require('agora-token') // the official 007 builders, as a source of tokens
// The built package in Node, to verify tokens (AGORA_PAGE_PKG_DIR: the one the page embeds).
const pkg = await import(join(process.env.AGORA_PAGE_PKG_DIR || join(root, 'pkg'), 'index.mjs'))
// The page's static assets (worker/page/build.sh).
const ASSETS = process.env.PAGE_ASSETS_DIR || join(root, 'worker/assets')

const vectorsFile = process.env.AGORA_VECTORS || join(root, 'tests/vectors/vectors.json')
const { vectors, schema } = JSON.parse(readFileSync(vectorsFile, 'utf8'))
const APP_ID = schema.common_constants.app_id
const CERT = schema.common_constants.app_certificate
const WRONG_CERT = 'a'.repeat(32)
// The Worker signs /getToken tokens with its own certificate, which the page never sees.
const SERVER_CERT = '0123456789abcdef0123456789abcdef'
const API_KEY = 'page-test-api-key-42'
// Every certificate typed into the page: none may appear in any request it makes.
const TYPED_SECRETS = [CERT, WRONG_CERT]

const ARTIFACTS = join(root, 'target/page-artifacts')
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run']

const byId = (id) => vectors.find((v) => v.id === id)
const utc = (ts) => new Date(ts * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
const TYPE_NAMES = { 1: 'rtc', 2: 'rtm', 3: 'streaming', 4: 'fpa', 5: 'chat', 6: 'fcdn', 7: 'apaas', 8: 'rtm2', 9: 'convoai', 10: 'stt' }

let server, browser, context, page
const requests = [] // every request the page made: { url, method, headers, body }
const problems = [] // console errors, page errors, CSP violations

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  // A CORS allow-list that names the page's own origin (browsers send Origin with its
  // same-origin POST, and the list applies to every request with an Origin): the page works,
  // and other origins are refused.
  server = await startWorker({
    appId: APP_ID,
    certificate: SERVER_CERT,
    apiKey: API_KEY,
    corsAllowOrigin: (url) => `https://app.example, ${url}`,
    assets: ASSETS
  })
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: FLAGS
  })
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  page = await context.newPage()
  page.on('request', (r) => {
    requests.push(r.allHeaders().then((headers) => ({ url: r.url(), method: r.method(), headers, body: r.postData() || '' })))
  })
  page.on('console', (m) => {
    // Chromium logs every non-2xx fetch; the /getToken test expects exactly one 401.
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await page.goto(server.url + '/')
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 })
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function tab (name) {
  await page.click(`#tab-${name}`)
  await page.waitForSelector(`#panel-${name}:not([hidden])`)
}

async function inspect (token, { channel = '', uid = '' } = {}) {
  await tab('inspect')
  await page.fill('#inspect-channel', channel)
  await page.fill('#inspect-uid', uid)
  await page.fill('#inspect-token', token)
}

const text = (sel) => page.locator(sel).innerText()
const warnings = () => page.locator('#inspect-warnings li').evaluateAll((els) => els.map((e) => [e.dataset.warning, e.textContent]))

describe('serving', () => {
  test('GET / and the assets: content types, CSP, caching', async () => {
    const res = await fetch(server.url + '/')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
    const csp = res.headers.get('content-security-policy')
    for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "style-src 'self'"]) {
      assert.ok(csp.includes(d), `CSP lacks ${d}: ${csp}`)
    }
    assert.equal(res.headers.get('cache-control'), 'no-cache')
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer')
    assert.ok(res.headers.get('etag'), 'an ETag')
    const html = await res.text()
    assert.doesNotMatch(html, /<script>|<style|\sstyle=|https?:\/\//, 'no inline code, no absolute URLs')
    const assets = [...html.matchAll(/"(\/static\/[0-9a-f]{16}\/[^"]+)"/g)].map((m) => m[1])
    assert.deepEqual(assets.map((a) => a.split('/').pop()).sort(), ['app.css', 'app.js'])
    const prefix = assets[0].replace(/[^/]+$/, '')
    const wasm = await fetch(server.url + prefix + 'pkg/web/agora_token_wasm_bg.wasm')
    assert.equal(wasm.status, 200)
    assert.equal(wasm.headers.get('content-type'), 'application/wasm')
    assert.equal(wasm.headers.get('cache-control'), 'public, max-age=31536000, immutable')
    assert.equal(wasm.headers.get('x-content-type-options'), 'nosniff')
    const js = await fetch(server.url + prefix + 'app.js')
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8')
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable')
    assert.ok(js.headers.get('content-security-policy').includes("default-src 'self'"))
    // Not assets: the _headers file itself, an old version, a path outside the directory.
    for (const path of ['/_headers', '/static/0000000000000000/app.js', prefix + '../../worker/src/lib.rs']) {
      const r = await fetch(server.url + path)
      assert.equal(r.status, 404, path)
      assert.equal((await r.json()).error.code, 'NOT_FOUND', path)
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path)
    }
    assert.deepEqual([...new Uint8Array(await wasm.arrayBuffer()).slice(0, 4)], [0, 0x61, 0x73, 0x6d])
    const again = await fetch(server.url + '/', { headers: { 'If-None-Match': res.headers.get('etag') } })
    assert.equal(again.status, 304)
    const post = await fetch(server.url + '/', { method: 'POST', body: 'x' })
    assert.equal(post.status, 405)
    const foreign = await fetch(server.url + '/getToken', {
      method: 'POST',
      headers: { Origin: 'https://evil.example', Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ tokenType: 'rtc', channel: 'c', uid: '1' })
    })
    assert.equal(foreign.status, 403, 'another origin is still refused')
    assert.equal(foreign.headers.get('x-content-type-options'), 'nosniff')
    // The Origin of the page's own host under another scheme, or its host in Host with a
    // foreign Origin: refused (no same-origin exemption).
    const rebinding = await fetch(server.url + '/getToken', {
      method: 'POST',
      headers: { Origin: server.url.replace('http:', 'https:'), Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ tokenType: 'rtc', channel: 'c', uid: '1' })
    })
    assert.equal(rebinding.status, 403)
  })
})

describe('Inspect', () => {
  test('every vector token shows its salt, issue time (006: ts) and services', async () => {
    for (const v of vectors) {
      await inspect(v.expected)
      await page.waitForSelector('[data-field="salt"]')
      assert.equal(await text('[data-field="salt"]'), String(v.salt), v.id)
      assert.equal(await text('[data-field="version"]'), v.format, v.id)
      assert.equal(await text('[data-field="appId"]'), v.inputs.app_id, v.id)
      const services = await page.locator('.service').evaluateAll((els) => els.map((e) => e.dataset.service))
      if (v.format === '007') {
        assert.ok((await text('[data-field="issuedAt"]')).startsWith(utc(v.issue_ts)), v.id)
        assert.deepEqual(services, v.services.map((s) => TYPE_NAMES[s.type]), v.id)
        const rtc = v.services.find((s) => s.type === 1)
        if (rtc) {
          const shown = await text('.service[data-service="rtc"] dl')
          assert.ok(shown.includes(rtc.channel_name), `${v.id}: channel`)
          if (rtc.uid) assert.ok(shown.includes(rtc.uid), `${v.id}: uid`)
        }
      } else {
        assert.ok((await text('[data-field="ts"]')).startsWith(`${v.ts} = ${utc(v.ts)}`), v.id)
        const isRtm = Object.keys(v.privileges).includes('1000')
        assert.deepEqual(services, [isRtm ? 'rtm' : 'rtc'], v.id)
        // Every privilege with its absolute expiry.
        const table = await text('.service table')
        for (const ts of Object.values(v.privileges)) assert.ok(table.includes(utc(ts)), `${v.id}: privilege expiry`)
      }
    }
  })

  test('/#token= opens a token', async () => {
    const v = byId('007-rtc-uid')
    await page.goto(`${server.url}/#token=${encodeURIComponent(v.expected)}`)
    await page.waitForSelector('html[data-ready="true"]')
    assert.equal(await page.inputValue('#inspect-token'), v.expected)
    assert.equal(await text('[data-field="salt"]'), '1')
  })

  test('a fresh token shows relative times', async () => {
    const now = Math.floor(Date.now() / 1000)
    const token = pkg.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: 'demo', uid: 42, expiresIn: 7140, issuedAt: now })
    await inspect(token)
    assert.match(await text('[data-field="expiresAt"]'), /expires in 1 h 5[89] min/)
    assert.deepEqual(await warnings(), [])
  })
})

describe('Warnings', () => {
  test('an expired token', async () => {
    await inspect(byId('007-rtc-uid').expected)
    const w = await warnings()
    assert.equal(w[0][0], 'EXPIRED')
    assert.match(w[0][1], /has expired/)
    assert.ok(w[0][1].includes(utc(1111111 + 600)))
  })

  test('a timestamp passed as seconds (official npm agora-token, the common mistake)', async () => {
    const now = Math.floor(Date.now() / 1000)
    const token = officialNpm.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'demo', 42, officialNpm.RtcRole.PUBLISHER, now + 3600, now + 3600)
    await inspect(token)
    const w = await warnings()
    const ts = w.find(([code]) => code === 'LOOKS_LIKE_TIMESTAMP')
    assert.ok(ts, JSON.stringify(w))
    assert.match(ts[1], /looks like a unix timestamp/)
    assert.ok(!w.some(([code]) => code === 'EXPIRED'))
  })

  test('the wildcard uid, and a privilege outliving the token', async () => {
    await inspect(byId('007-rtc-uid0').expected)
    assert.ok((await warnings()).some(([c, t]) => c === 'WILDCARD_UID' && /uid 0/.test(t)))
    const now = Math.floor(Date.now() / 1000)
    const token = pkg.buildRtcToken({
      appId: APP_ID, appCertificate: CERT, channelName: 'demo', uid: 7, expiresIn: 600, issuedAt: now,
      privileges: { joinChannel: 3600, publishAudioStream: 600, publishVideoStream: 600, publishDataStream: 600 }
    })
    await inspect(token)
    assert.ok((await warnings()).some(([c, t]) => c === 'PRIVILEGE_OUTLIVES_TOKEN' && /lasts longer than the token/.test(t)))
  })

  test('channel or uid differing from what the client joins with (007 fields, 006 CRCs)', async () => {
    const v7 = byId('007-rtc-uid')
    await inspect(v7.expected, { channel: v7.inputs.channel_name, uid: String(v7.inputs.uid) })
    assert.ok(!(await warnings()).some(([c]) => c === 'JOIN_MISMATCH'))
    await inspect(v7.expected, { channel: 'other', uid: '1' })
    const w7 = (await warnings()).filter(([c]) => c === 'JOIN_MISMATCH').map(([, t]) => t)
    assert.equal(w7.length, 2, JSON.stringify(w7))
    assert.match(w7[0], /channel "7d72365eb983485397e3e3f9d460bdda", but the client joins "other"/)
    const v6 = byId('006-rtc-uid-publisher')
    await inspect(v6.expected, { channel: v6.inputs.channel_name, uid: String(v6.inputs.uid) })
    assert.ok(!(await warnings()).some(([c]) => c === 'JOIN_MISMATCH'))
    await inspect(v6.expected, { channel: 'other', uid: '1' })
    assert.equal((await warnings()).filter(([c]) => c === 'JOIN_MISMATCH').length, 2)
  })

  test('a malformed token is an error next to the token field', async () => {
    await inspect('007notbase64!!')
    assert.match(await text('#inspect-token-error'), /token/)
    assert.equal(await page.getAttribute('#inspect-token', 'aria-invalid'), 'true')
  })
})

describe('Verify', () => {
  test('the keyboard moves between tabs (arrow keys, Home, End)', async () => {
    await tab('inspect')
    await page.focus('#tab-inspect')
    await page.keyboard.press('ArrowRight')
    assert.equal(await page.getAttribute('#tab-verify', 'aria-selected'), 'true')
    assert.ok(await page.isVisible('#panel-verify'))
    assert.ok(await page.isHidden('#panel-inspect'))
    await page.keyboard.press('End')
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-generate')
    await page.keyboard.press('ArrowRight')
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-inspect')
    await page.keyboard.press('ArrowLeft')
    assert.equal(await page.getAttribute('#tab-generate', 'aria-selected'), 'true')
  })

  async function verify (token, cert, { channel = '', uid = '' } = {}) {
    await tab('verify')
    await page.fill('#verify-token', token)
    await page.fill('#verify-cert', cert)
    await page.fill('#verify-channel', channel)
    await page.fill('#verify-uid', uid)
    await page.click('#verify-run')
  }

  test('valid with the right certificate, invalid with a wrong one (007 and 006)', async () => {
    for (const id of ['007-rtc-uid', '007-multi-rtc-rtm-fpa-chat-apaas', '006-rtc-uid-publisher', '006-rtm']) {
      const v = byId(id)
      const join = v.format === '006'
        ? { channel: v.inputs.channel_name ?? v.inputs.user_account, uid: v.inputs.uid === undefined ? '' : String(v.inputs.uid) }
        : {}
      if (id === '006-rtm') join.channel = ''
      if (id === '006-rtm') join.uid = v.inputs.user_account
      await verify(v.expected, CERT, join)
      assert.equal(await page.getAttribute('#verify-signature', 'data-signature'), 'valid', id)
      assert.match(await text('#verify-result'), /Signature valid/)
      await verify(v.expected, WRONG_CERT, join)
      assert.equal(await page.getAttribute('#verify-signature', 'data-signature'), 'invalid', id)
    }
    assert.match(await text('#verify-result'), /signature does not match/i)
  })

  test('a malformed certificate is an error next to the certificate field', async () => {
    await verify(byId('007-rtc-uid').expected, 'not-a-certificate')
    assert.match(await text('#verify-cert-error'), /appCertificate/)
    assert.equal(await text('#verify-result'), '')
  })
})

describe('Generate', () => {
  async function fillRtc ({ version = '007', appId = APP_ID, cert = CERT, channel = 'demo-channel', user = '4242', expiry = '3600' } = {}) {
    await tab('generate')
    await page.selectOption('#gen-kind', 'rtc')
    await page.selectOption('#gen-version', version)
    await page.fill('#gen-appid', appId)
    await page.fill('#gen-cert', cert)
    await page.fill('#gen-channel', channel)
    await page.selectOption('#gen-role', 'publisher')
    await page.selectOption('#gen-usertype', 'uid')
    await page.fill('#gen-user', user)
    await page.selectOption('#gen-expirymode', 'expiresIn')
    await page.fill('#gen-expiry', expiry)
  }

  test('RTC and RTM tokens built in the page verify with the package in Node', async () => {
    for (const version of ['007', '006']) {
      await fillRtc({ version })
      await page.click('#gen-build')
      const token = await page.inputValue('#gen-output')
      assert.ok(token.startsWith(version), token)
      const v = pkg.verifyToken(token, CERT, { channelName: 'demo-channel', uid: 4242 })
      assert.equal(v.valid, true, JSON.stringify(v))
      assert.equal(pkg.verifyToken(token, WRONG_CERT, { channelName: 'demo-channel', uid: 4242 }).signatureValid, false)
      const info = pkg.inspectToken(token)
      const life = version === '007' ? info.expire : info.expiresAt - Math.floor(Date.now() / 1000)
      assert.ok(Math.abs(life - 3600) <= 5, `lifetime ${life}`)
    }
    await page.selectOption('#gen-kind', 'rtm')
    assert.ok(await page.isVisible('#gen-userid'))
    assert.ok(await page.isHidden('#gen-channel'))
    await page.selectOption('#gen-version', '007')
    await page.fill('#gen-userid', 'alice')
    await page.click('#gen-build')
    const rtm = await page.inputValue('#gen-output')
    assert.equal(pkg.verifyToken(rtm, CERT).signatureValid, true)
    assert.equal(pkg.inspectToken(rtm).services[0].fields.userId, 'alice')
  })

  test('the RTC privilege fields are the package vocabulary\'s, and their lifetimes reach the token', async () => {
    await fillRtc()
    await page.$eval('#gen-privileges-error', p => { p.closest('details').open = true })
    const rtc = pkg.vocabulary.services.rtc.privileges
    const labels = await page.$$eval('#gen-privileges-error', ([p]) =>
      [...p.closest('fieldset').querySelectorAll('.field label')].map(l => l.textContent))
    assert.deepEqual(labels, Object.keys(rtc))
    const seconds = Object.fromEntries(Object.keys(rtc).map((name, i) => [name, 100 + i]))
    for (const name of labels) {
      const id = await page.$eval(`label:text-is("${name}")`, l => l.htmlFor)
      await page.fill(`#${id}`, String(seconds[name]))
    }
    await page.click('#gen-build')
    const token = await page.inputValue('#gen-output')
    const got = pkg.inspectToken(token).services[0].privileges.map(p => [p.id, p.name, p.seconds])
    assert.deepEqual(got, Object.entries(rtc).map(([name, id]) => [id, name, seconds[name]]))
    for (const name of labels) await page.fill(`#${await page.$eval(`label:text-is("${name}")`, l => l.htmlFor)}`, '')
    await page.$eval('#gen-privileges-error', p => { p.closest('details').open = false })
  })

  test('copy puts the token on the clipboard; "Inspect this token" opens it', async () => {
    await fillRtc()
    await page.click('#gen-build')
    const token = await page.inputValue('#gen-output')
    await page.click('#gen-copy')
    await page.waitForFunction(() => document.getElementById('gen-copy-status').textContent !== '')
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token)
    await page.click('#gen-inspect')
    assert.equal(await page.getAttribute('#tab-inspect', 'aria-selected'), 'true')
    assert.equal(await text('.service[data-service="rtc"] dd:nth-of-type(1)'), 'demo-channel')
  })

  test('package errors show next to the field that caused them', async () => {
    const cases = [
      [{ appId: 'not-hex' }, '#gen-appid-error', /appId/, 'INVALID_APP_ID'],
      [{ cert: 'short' }, '#gen-cert-error', /appCertificate/, 'INVALID_APP_CERTIFICATE'],
      [{ channel: '' }, '#gen-channel-error', /channelName/, 'INVALID_CHANNEL_NAME'],
      [{ user: '4294967296' }, '#gen-user-error', /uid/, 'INVALID_UID'],
      [{ expiry: String(Math.floor(Date.now() / 1000) + 3600) }, '#gen-expiry-error', /expiresAt/, 'INVALID_EXPIRY']
    ]
    for (const [change, slot, field, code] of cases) {
      await fillRtc(change)
      await page.click('#gen-build')
      const shown = await text(slot)
      assert.match(shown, field, `${slot}: ${shown}`)
      assert.ok(shown.includes(code), `${slot}: ${shown}`)
      assert.equal(await page.inputValue('#gen-output'), '')
    }
  })

  test('"Ask this server" calls /getToken with the API key as a bearer token', async () => {
    await fillRtc({ channel: 'server-channel', user: '77' })
    await page.fill('#gen-apikey', '')
    await page.click('#gen-server')
    await page.waitForFunction(() => document.getElementById('gen-server-error').textContent !== '')
    assert.match(await text('#gen-server-error'), /401/)
    await page.fill('#gen-apikey', API_KEY)
    await page.click('#gen-server')
    await page.waitForFunction(() => document.getElementById('gen-output').value !== '')
    const token = await page.inputValue('#gen-output')
    // Signed with the server's certificate, for the page's channel and uid.
    assert.equal(pkg.verifyToken(token, SERVER_CERT, { channelName: 'server-channel', uid: 77 }).valid, true)
    assert.equal(pkg.verifyToken(token, CERT, { channelName: 'server-channel', uid: 77 }).signatureValid, false)
    const calls = (await Promise.all(requests)).filter((r) => r.url.endsWith('/getToken'))
    assert.equal(calls.length, 2)
    assert.equal(calls[1].headers.authorization, `Bearer ${API_KEY}`)
    assert.equal(calls[0].headers.authorization, undefined)
    assert.equal(calls[1].headers.origin, server.url, 'the browser sent Origin: same-origin, not CORS')
  })
})

describe('Screenshots and layout', () => {
  test('each tab at 1280 and 375 px, without horizontal scrolling', async () => {
    await page.goto(`${server.url}/#token=${encodeURIComponent(byId('007-multi-rtc-rtm-fpa-chat-apaas').expected)}`)
    await page.waitForSelector('html[data-ready="true"]')
    await page.fill('#inspect-channel', 'other-channel')
    await tab('verify')
    await page.fill('#verify-token', byId('007-rtc-uid').expected)
    await page.fill('#verify-cert', CERT)
    await tab('generate')
    await page.fill('#gen-appid', APP_ID)
    await page.fill('#gen-cert', CERT)
    await page.fill('#gen-channel', 'demo-channel')
    await page.fill('#gen-user', '4242')
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 })
      for (const name of ['inspect', 'verify', 'generate']) {
        await tab(name)
        if (name === 'verify') await page.click('#verify-run')
        if (name === 'generate') await page.click('#gen-build')
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        assert.ok(overflow <= 0, `${name} at ${width}px overflows by ${overflow}px`)
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true })
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 })
  })
})

describe('CORS settings and the page', () => {
  // The page's "Ask this server" POST carries Origin (same-origin): it works with the
  // default `*`, and is refused when a list leaves the page's own origin out.
  async function askOn (options) {
    const s = await startWorker({ appId: APP_ID, certificate: SERVER_CERT, assets: ASSETS, ...options })
    const ctx = await browser.newContext()
    try {
      const p = await ctx.newPage()
      const errors = []
      p.on('pageerror', (e) => errors.push(e.message))
      await p.goto(s.url + '/')
      await p.waitForSelector('html[data-ready="true"]', { timeout: 20000 })
      await p.click('#tab-generate')
      await p.selectOption('#gen-kind', 'rtc')
      await p.selectOption('#gen-version', '007')
      await p.fill('#gen-channel', 'cors-channel')
      await p.selectOption('#gen-role', 'publisher')
      await p.selectOption('#gen-usertype', 'uid')
      await p.fill('#gen-user', '99')
      await p.click('#gen-server')
      await p.waitForFunction(() => document.getElementById('gen-output').value !== '' ||
        document.getElementById('gen-server-error').textContent !== '')
      return { token: await p.inputValue('#gen-output'), error: await p.locator('#gen-server-error').innerText(), errors }
    } finally {
      await ctx.close()
      await s.stop()
    }
  }

  test('the default `*`: the page gets its token', async () => {
    const r = await askOn({})
    assert.equal(r.error, '')
    assert.deepEqual(r.errors, [])
    assert.equal(pkg.verifyToken(r.token, SERVER_CERT, { channelName: 'cors-channel', uid: 99 }).valid, true)
  })

  test('a list without the page\'s own origin: refused, with the reason shown', async () => {
    const r = await askOn({ corsAllowOrigin: 'https://app.example' })
    assert.equal(r.token, '')
    assert.match(r.error, /403/)
    assert.match(r.error, /ORIGIN_NOT_ALLOWED/)
  })
})

describe('wrangler dev serves the same assets', () => {
  // Miniflare's own Workers Static Assets layer (what Cloudflare runs) against the stand-in
  // of the raw-workerd tests: the same status, content type, caching, CSP and nosniff.
  test('GET /, the versioned assets, POST / and a missing asset', { timeout: 240000 }, async () => {
    const port = await freePort()
    const inspector = await freePort()
    const dev = `http://127.0.0.1:${port}`
    // Every request is bounded, so that a stalled answer fails with wrangler's log instead of
    // running into the test's timeout.
    const get = (url, init = {}) => fetch(url, { signal: AbortSignal.timeout(20000), ...init })
    const wrangler = await launch({
      name: 'wrangler dev',
      command: join(root, 'node_modules/.bin/wrangler'),
      args: ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector),
        '--no-bundle', '--show-interactive-dev-session=false', '--var', `AGORA_APP_ID:${APP_ID}`, '--assets', ASSETS],
      cwd: root,
      dir: mkdtempSync(join(tmpdir(), 'page-wrangler-')),
      env: { ...process.env, AGORA_WORKER_PREBUILT: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: '1' },
      url: dev,
      port,
      ready: () => answers(dev + '/ping'),
      startMs: 120000
    })
    try {
      const html = await (await get(server.url + '/')).text()
      const prefix = html.match(/"(\/static\/[0-9a-f]{16}\/)app\.js"/)[1]
      const HEADERS = ['content-type', 'cache-control', 'content-security-policy', 'x-content-type-options',
        'referrer-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy']
      for (const [method, path] of [['GET', '/'], ['GET', prefix + 'app.js'], ['GET', prefix + 'app.css'],
        ['GET', prefix + 'pkg/web/agora_token_wasm_bg.wasm'], ['HEAD', '/'], ['POST', '/'], ['GET', '/_headers'],
        ['GET', '/static/0000000000000000/app.js'], ['GET', '/ping']]) {
        const [a, b] = await Promise.all([server.url, dev].map((base) =>
          get(base + path, { method, redirect: 'manual', body: method === 'POST' ? 'x' : undefined })))
        assert.equal(a.status, b.status, `${method} ${path}: status`)
        if (a.status === 200 && path !== '/ping') {
          for (const h of HEADERS) assert.equal(a.headers.get(h), b.headers.get(h), `${method} ${path}: ${h}`)
          // The platform's own marker: these answers came from wrangler's assets layer.
          assert.ok(b.headers.get('cf-cache-status'), `${method} ${path}: not wrangler's assets layer`)
          const etag = b.headers.get('etag')
          assert.ok(etag, `${method} ${path}: wrangler dev sent no ETag`)
          assert.equal((await get(dev + path, { headers: { 'If-None-Match': etag } })).status, 304)
        }
        await Promise.all([a.arrayBuffer(), b.arrayBuffer()])
      }
    } catch (e) {
      e.message += `\nwrangler dev's log:\n${wrangler.log()}`
      throw e
    } finally {
      await wrangler.stop()
    }
  })
})

describe('Requests', () => {
  test('no request carries a certificate; all are same-origin; nothing is stored', async () => {
    const all = await Promise.all(requests)
    assert.ok(all.length >= 5, `only ${all.length} requests`)
    for (const r of all) {
      assert.ok(r.url.startsWith(server.url + '/'), `third-party request: ${r.url}`)
      const haystack = [r.url, JSON.stringify(r.headers), r.body].join('\n').toLowerCase()
      for (const secret of TYPED_SECRETS) {
        assert.ok(!haystack.includes(secret.toLowerCase()), `${r.method} ${r.url} carries a certificate`)
      }
    }
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie, location.href])
    assert.deepEqual(stored.slice(0, 3), [0, 0, ''])
    for (const secret of TYPED_SECRETS) assert.ok(!stored[3].toLowerCase().includes(secret.toLowerCase()))
    // The secret fields: password inputs, autocomplete off, in no form (nothing to submit).
    const fields = await page.evaluate(() => ['verify-cert', 'gen-cert', 'gen-apikey'].map((id) => {
      const e = document.getElementById(id)
      return [id, e.type, e.getAttribute('autocomplete'), e.closest('form') === null]
    }))
    for (const [id, type, autocomplete, formless] of fields) {
      assert.deepEqual([type, autocomplete, formless], ['password', 'off', true], id)
    }
    assert.equal(await page.locator('form').count(), 0)
  })

  test('no console errors, page errors or CSP violations', () => {
    assert.deepEqual(problems, [])
  })
})
