// The Agora token inspector page: Inspect, Verify and Generate, on the npm package's
// browser build (agora-token-wasm, served by this Worker next to this file).
//
// Secrets: the certificate fields are read only when a button is pressed, passed to the
// package in this page, and never sent, stored (no localStorage/sessionStorage/cookies)
// or written to the URL. The only request this page makes besides its own assets is the
// optional POST /getToken, whose body holds no certificate.

const $ = (id) => document.getElementById(id)

// ---------------------------------------------------------------------------------------
// Formatting

/** A unix time as "2025-01-31 12:00:00 UTC". */
function utc (ts) {
  const d = new Date(ts * 1000)
  if (Number.isNaN(d.getTime())) return String(ts)
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
}

/** A duration in seconds as "1 h 59 min" (the two largest units). */
function duration (seconds) {
  const units = [['year', 31536000], ['d', 86400], ['h', 3600], ['min', 60], ['s', 1]]
  let rest = Math.abs(Math.round(seconds))
  const parts = []
  for (const [name, size] of units) {
    if (rest >= size && parts.length < 2) {
      const n = Math.floor(rest / size)
      rest -= n * size
      parts.push(name === 'year' ? `${n} year${n === 1 ? '' : 's'}` : `${n} ${name}`)
    } else if (parts.length) {
      break
    }
  }
  return parts.length ? parts.join(' ') : '0 s'
}

/** "expires in 1 h 59 min" / "expired 3 d 2 h ago", relative to now. */
function relative (ts, now, future = 'expires in', past = 'expired') {
  const diff = ts - now
  return diff > 0 ? `${future} ${duration(diff)}` : `${past} ${duration(diff)} ago`
}

function el (tag, props = {}, ...children) {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v
    else e.setAttribute(k, v)
  }
  for (const c of children) e.append(c instanceof Node ? c : String(c))
  return e
}

function dl (rows) {
  const list = el('dl')
  for (const [term, value, testId] of rows) {
    list.append(el('dt', {}, term))
    list.append(el('dd', testId ? { 'data-field': testId } : {}, value))
  }
  return list
}

// ---------------------------------------------------------------------------------------
// Field errors: the package throws an Error with `.field` and `.code`.

function clearErrors (panel) {
  for (const p of panel.querySelectorAll('.field-error')) p.textContent = ''
  for (const i of panel.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid')
}

/** Shows `message` under the control whose error slot is `slotId`, and marks it invalid. */
function showError (slotId, message, controlId) {
  const slot = $(slotId)
  if (slot) slot.textContent = message
  const control = controlId && $(controlId)
  if (control) control.setAttribute('aria-invalid', 'true')
}

function errorText (e) {
  const code = e && e.code ? ` (${e.code})` : ''
  return `${e && e.message ? e.message : String(e)}${code}`
}

// ---------------------------------------------------------------------------------------
// Tabs (WAI-ARIA tabs with automatic activation)

function setupTabs (onShow) {
  const tabs = [...document.querySelectorAll('[role="tab"]')]
  const select = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab
      t.setAttribute('aria-selected', String(on))
      t.tabIndex = on ? 0 : -1
      $(t.getAttribute('aria-controls')).hidden = !on
    }
    if (focus) tab.focus()
    onShow(tab.id)
  }
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab, false))
    tab.addEventListener('keydown', (ev) => {
      const i = tabs.indexOf(tab)
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key]
      if (next === undefined) return
      ev.preventDefault()
      select(tabs[(next + tabs.length) % tabs.length], true)
    })
  }
  return (id) => select($(id), false)
}

// ---------------------------------------------------------------------------------------
// Inspect

const WARNING_TEXT = {
  EXPIRED: (info, now) => `This token has expired: it ${relative(info.expiresAt, now)} (${utc(info.expiresAt)}).`,
  WILDCARD_UID: () => 'This token is for uid 0, the wildcard: anyone who holds it can join as any user.',
  PRIVILEGE_OUTLIVES_TOKEN: (info) => `A privilege lasts longer than the token itself; the token's expiry (${utc(info.expiresAt)}) ends it first.`,
  LOOKS_LIKE_TIMESTAMP: () => 'A lifetime in this 007 token looks like a unix timestamp. 007 stores seconds after the issue time (such as 3600), not an absolute time: the token or privilege lasts for decades. Pass expiresIn seconds (or expiresAt to the library).'
}

function renderService (s, info) {
  const box = el('section', { class: 'service', 'data-service': s.typeName })
  box.append(el('h3', {}, `${s.typeName} (service type ${s.type})`))
  const rows = Object.entries(s.fields || {}).map(([k, v]) => [k, v === '' ? '"" (empty)' : v])
  if (s.role !== undefined) rows.push(['role', s.role])
  if (rows.length) box.append(dl(rows))
  if (s.permissions) {
    for (const [res, kinds] of Object.entries(s.permissions)) {
      for (const [kind, list] of Object.entries(kinds)) {
        box.append(el('p', {}, `${res} ${kind}: ${list.join(', ') || '(none)'}`))
      }
    }
  }
  if (s.privileges.length) {
    const table = el('table')
    table.append(el('caption', {}, `Privileges of ${s.typeName}`))
    const storedLabel = info.version === '007' ? 'seconds' : 'stored'
    const head = el('tr', {}, el('th', { scope: 'col' }, 'privilege'), el('th', { scope: 'col' }, 'id'),
      el('th', { scope: 'col' }, storedLabel), el('th', { scope: 'col' }, 'expires at'))
    table.append(el('thead', {}, head))
    const body = el('tbody')
    for (const p of s.privileges) {
      const stored = p.seconds !== undefined ? (p.seconds === 0 ? '0 (as long as the token)' : p.seconds) : p.expiresAt
      const at = p.expiresAt === 0 ? 'never' : utc(p.expiresAt)
      body.append(el('tr', {}, el('td', { 'data-label': 'privilege' }, p.name), el('td', { 'data-label': 'id' }, p.id),
        el('td', { 'data-label': storedLabel }, stored), el('td', { 'data-label': 'expires at' }, at)))
    }
    table.append(body)
    box.append(el('div', { class: 'scroll' }, table))
  }
  return box
}

/**
 * What the client says it joins with, for the package's verifyToken: the user is one text,
 * which the package resolves (a uid, an account, or on an RTM token the user id).
 */
function expectations (channel, user, extra = {}) {
  const expected = { ...extra }
  if (channel) expected.channelName = channel
  if (user) expected.user = user
  return expected
}

function inspectNow (api) {
  const panel = $('panel-inspect')
  const out = $('inspect-result')
  const warnings = $('inspect-warnings')
  clearErrors(panel)
  out.replaceChildren()
  warnings.replaceChildren()
  const token = $('inspect-token').value.trim()
  if (!token) return
  const now = Math.floor(Date.now() / 1000)
  // The package's one verification without a certificate: the description, the warnings
  // and every identity that differs; the signature is the Verify tab's.
  let v
  try {
    v = api.verifyToken(token, null, expectations($('inspect-channel').value.trim(), $('inspect-uid').value.trim(), { now }))
  } catch (e) {
    const onUser = e.field === 'uid' || e.field === 'user'
    showError('inspect-token-error', errorText(e), onUser ? 'inspect-uid' : 'inspect-token')
    return
  }
  if (!v.token) {
    showError('inspect-token-error', errorText(v), 'inspect-token')
    return
  }
  const info = v.token
  const rows = [['Format', info.version, 'version'], ['App id', info.appId, 'appId']]
  if (info.issuedAt !== undefined) {
    rows.push(['Issued at', `${utc(info.issuedAt)} (${relative(info.issuedAt, now, 'in', 'issued')})`, 'issuedAt'])
    rows.push(['Lifetime', `${info.expire} s (${duration(info.expire)})`, 'expire'])
  }
  if (info.ts !== undefined) {
    rows.push(['ts (006 message time)', `${info.ts} = ${utc(info.ts)}`, 'ts'])
  }
  rows.push(['Expires at', info.expiresAt === 0 ? 'never (a privilege never expires)' : `${utc(info.expiresAt)} (${relative(info.expiresAt, now)})`, 'expiresAt'])
  rows.push(['Salt', info.salt, 'salt'])
  if (info.crcChannelName !== undefined) rows.push(['Channel CRC-32', info.crcChannelName, 'crcChannelName'])
  if (info.crcUid !== undefined) rows.push(['Uid CRC-32', info.crcUid, 'crcUid'])
  out.append(el('h2', {}, 'Token'), dl(rows), el('h2', {}, `Services (${info.services.length})`))
  for (const s of info.services) out.append(renderService(s, info))

  const list = el('ul')
  for (const w of v.warnings) {
    if (w === 'IDENTITY_MISMATCH') continue // one entry per mismatch below
    list.append(el('li', { 'data-warning': w }, WARNING_TEXT[w] ? WARNING_TEXT[w](info, now) : w))
  }
  for (const m of v.mismatches) list.append(el('li', { 'data-warning': 'JOIN_MISMATCH' }, m.message))
  if (list.children.length) warnings.append(el('h2', {}, 'Warnings'), list)
}

// ---------------------------------------------------------------------------------------
// Verify

const VERIFY_FIELDS = { token: 'verify-token', appCertificate: 'verify-cert', appId: 'verify-appid', channelName: 'verify-channel', uid: 'verify-uid', account: 'verify-uid', user: 'verify-uid' }

function verifyNow (api) {
  const panel = $('panel-verify')
  const out = $('verify-result')
  clearErrors(panel)
  out.replaceChildren()
  const token = $('verify-token').value.trim()
  const cert = $('verify-cert').value.trim()
  if (!token) return showError('verify-token-error', 'token: paste a token to verify', 'verify-token')
  if (!cert) return showError('verify-cert-error', 'appCertificate: enter the app certificate to check the signature', 'verify-cert')
  const appId = $('verify-appid').value.trim()
  const expected = expectations($('verify-channel').value.trim(), $('verify-uid').value.trim(), appId ? { appId } : {})
  let v
  try {
    v = api.verifyToken(token, cert, expected)
  } catch (e) {
    const id = VERIFY_FIELDS[e.field]
    if (id) showError(`${id}-error`, errorText(e), id)
    else $('verify-error').textContent = errorText(e)
    return
  }
  const sig = v.signatureValid === true ? 'valid' : v.signatureValid === false ? 'invalid' : 'not checked'
  const badge = el('p', { class: `badge ${sig.replace(' ', '-')}`, id: 'verify-signature', 'data-signature': sig },
    `Signature ${sig}`)
  out.append(badge)
  if (v.valid) {
    out.append(el('p', {}, 'The token would be accepted: the signature holds and nothing expected differs.'))
  } else if (v.message) {
    out.append(el('p', { 'data-reason': v.reason || '' }, `The token would be refused: ${v.message}`))
  }
  if (v.mismatches.length) {
    out.append(el('ul', {}, ...v.mismatches.map((m) => el('li', { 'data-warning': 'JOIN_MISMATCH' }, m.message))))
  }
}

// ---------------------------------------------------------------------------------------
// Generate

const GEN_FIELDS = {
  appId: 'gen-appid',
  appCertificate: 'gen-cert',
  channelName: 'gen-channel',
  uid: 'gen-user',
  account: 'gen-user',
  userId: 'gen-userid',
  role: 'gen-role',
  version: 'gen-version',
  expiresIn: 'gen-expiry',
  expiresAt: 'gen-expiry',
  issuedAt: 'gen-issuedat',
  salt: 'gen-salt',
  privileges: 'gen-privileges',
  // /getToken's JSON field names
  channel: 'gen-channel',
  expire: 'gen-expiry'
}

/** A numeric text as a number; anything else is passed as is, for the package to reject. */
function num (text) {
  const t = text.trim()
  return /^\d+$/.test(t) ? Number(t) : t
}

function showGenError (e, fallback) {
  const field = String(e.field || '').split('.')[0]
  const id = GEN_FIELDS[field]
  if (id === 'gen-privileges') showError('gen-privileges-error', errorText(e))
  else if (id) showError(`${id}-error`, errorText(e), id)
  else $(fallback).textContent = errorText(e)
}

// The chosen kind of token: its service (the Worker's tokenType), and whether its form is
// a user id's (`data-form="userId"`, RTM) rather than a channel's (`channel`, RTC: channel,
// uid, role, privileges).
function kind () {
  return $('gen-kind').value
}

function userForm () {
  return $('gen-kind').selectedOptions[0].dataset.form === 'userId'
}

function buildOptions () {
  const o = {
    appId: $('gen-appid').value.trim(),
    appCertificate: $('gen-cert').value.trim(),
    version: $('gen-version').value
  }
  const expiry = $('gen-expiry').value
  if (expiry.trim()) o[$('gen-expirymode').value] = num(expiry)
  if ($('gen-issuedat').value.trim()) o.issuedAt = num($('gen-issuedat').value)
  if ($('gen-salt').value.trim()) o.salt = num($('gen-salt').value)
  if (userForm()) {
    o.userId = $('gen-userid').value
    return o
  }
  o.channelName = $('gen-channel').value
  o.role = $('gen-role').value
  const user = $('gen-user').value.trim()
  if ($('gen-usertype').value === 'account') o.account = $('gen-user').value
  else o.uid = user
  const given = privilegeInputs().filter(([, input]) => input.value.trim())
  if (given.length) o.privileges = Object.fromEntries(given.map(([name, input]) => [name, num(input.value)]))
  return o
}

// The RTC privilege inputs as [privilege name, input]: each field's label is the name.
function privilegeInputs () {
  const fieldset = $('gen-privileges-error').closest('fieldset')
  return [...fieldset.querySelectorAll('.field')].map(f => [f.querySelector('label').textContent, f.querySelector('input')])
}

// The privilege fields of the channel form are its service's in the package's vocabulary
// (generated from the core): one field per privilege, in wire order, labelled with its name.
function addPrivilegeFields (vocabulary) {
  const error = $('gen-privileges-error')
  const service = $('gen-kind').querySelector('[data-form=channel]').value
  for (const name of Object.keys(vocabulary.services[service].privileges)) {
    error.before(el('div', { class: 'field' }, el('label', { for: `gen-p-${name}` }, name),
      el('input', { id: `gen-p-${name}`, type: 'text', inputmode: 'numeric', autocomplete: 'off', 'aria-describedby': 'gen-privileges-error' })))
  }
}

function setOutput (token) {
  $('gen-output').value = token
  $('gen-copy-status').textContent = ''
}

function generateNow (api) {
  clearErrors($('panel-generate'))
  setOutput('')
  try {
    const o = buildOptions()
    setOutput(userForm() ? api.buildRtmToken(o) : api.buildRtcToken(o))
  } catch (e) {
    showGenError(e, 'gen-error')
  }
}

async function askServer () {
  clearErrors($('panel-generate'))
  setOutput('')
  const body = { tokenType: kind(), version: $('gen-version').value }
  if (userForm()) {
    body.uid = $('gen-userid').value
  } else {
    body.channel = $('gen-channel').value
    body.role = $('gen-role').value
    body.uid = $('gen-user').value.trim()
  }
  const expiry = $('gen-expiry').value.trim()
  if (expiry) {
    const seconds = num(expiry)
    body.expire = $('gen-expirymode').value === 'expiresAt' && typeof seconds === 'number'
      ? seconds - Math.floor(Date.now() / 1000)
      : seconds
  }
  const headers = { 'Content-Type': 'application/json' }
  const key = $('gen-apikey').value.trim()
  if (key) headers.Authorization = `Bearer ${key}`
  let res, json
  try {
    res = await fetch('/getToken', { method: 'POST', headers, body: JSON.stringify(body), credentials: 'omit', cache: 'no-store' })
    json = await res.json()
  } catch (e) {
    $('gen-server-error').textContent = `The server could not be reached: ${e.message}`
    return
  }
  if (res.ok && json.token) {
    setOutput(json.token)
    return
  }
  const err = (json && json.error) || {}
  const message = `${err.message || 'the server refused'} (${err.code || res.status})`
  const field = String(err.message || '').split(':')[0]
  const id = GEN_FIELDS[field]
  $('gen-server-error').textContent = `This server answered ${res.status}: ${message}`
  if (id && id !== 'gen-privileges') showError(`${id}-error`, message, id)
}

function syncKind () {
  const rtm = userForm()
  for (const e of document.querySelectorAll('.rtc-only')) e.hidden = rtm
  for (const e of document.querySelectorAll('.rtm-only')) e.hidden = !rtm
}

async function copyOutput () {
  const token = $('gen-output').value
  if (!token) return
  try {
    await navigator.clipboard.writeText(token)
    $('gen-copy-status').textContent = 'Copied.'
  } catch {
    $('gen-output').select()
    $('gen-copy-status').textContent = 'Select-all done: press Ctrl+C (the clipboard is not available here).'
  }
}

// ---------------------------------------------------------------------------------------
// Start

function tokenFromHash () {
  const m = /(?:^#|&)token=([^&]*)/.exec(location.hash)
  if (!m) return ''
  try {
    return decodeURIComponent(m[1])
  } catch {
    return m[1]
  }
}

async function main () {
  const status = $('load-status')
  let api
  try {
    api = await import('./pkg/browser.js')
  } catch (e) {
    status.textContent = `The WebAssembly package could not be loaded: ${e.message}`
    status.classList.add('failed')
    return
  }
  addPrivilegeFields(api.vocabulary)
  status.textContent = 'Ready: runs entirely in this page.'
  status.classList.add('ready')
  document.documentElement.dataset.ready = 'true'

  const show = setupTabs((id) => {
    if (id === 'tab-verify' && !$('verify-token').value.trim()) $('verify-token').value = $('inspect-token').value
  })
  for (const id of ['inspect-token', 'inspect-channel', 'inspect-uid']) $(id).addEventListener('input', () => inspectNow(api))
  $('verify-run').addEventListener('click', () => verifyNow(api))
  for (const id of ['verify-cert', 'verify-appid', 'verify-channel', 'verify-uid']) {
    $(id).addEventListener('keydown', (ev) => { if (ev.key === 'Enter') verifyNow(api) })
  }
  $('gen-kind').addEventListener('change', syncKind)
  $('gen-build').addEventListener('click', () => generateNow(api))
  $('gen-server').addEventListener('click', askServer)
  $('gen-copy').addEventListener('click', copyOutput)
  $('gen-inspect').addEventListener('click', () => {
    $('inspect-token').value = $('gen-output').value
    show('tab-inspect')
    inspectNow(api)
    $('tab-inspect').focus()
  })
  syncKind()

  const fromHash = tokenFromHash()
  if (fromHash) {
    $('inspect-token').value = fromHash
    inspectNow(api)
  }
  window.addEventListener('hashchange', () => {
    const t = tokenFromHash()
    if (t) {
      $('inspect-token').value = t
      show('tab-inspect')
      inspectNow(api)
    }
  })
}

main()
