// The conformance table's npm drivers, over the built package (pkg/): the main entry's
// headline functions, and the two drop-in entries (agora-token-wasm/agora-token and
// agora-token-wasm/agora-access-token, loaded as a consumer's `require` resolves them).
// Each maps one row to one call and returns its outcome ({token} | {error: {code, field}} |
// {inspected} | {unmapped: why}); tests/conformance/matrix.mjs compares.
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const require = createRequire(import.meta.url)

function entry (pkgDir, sub) {
  const exp = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).exports[sub]
  return require(path.join(pkgDir, exp.node.require.default))
}

const outcome = f => {
  try {
    return { token: f() }
  } catch (e) {
    if (e && e.code && e.field !== undefined) return { error: { code: e.code, field: e.field } }
    throw e
  }
}
const unmapped = why => ({ unmapped: why })
const ROLE_NAMES = { 1: 'publisher', 2: 'subscriber' }
const RESOURCE_NAMES = ['messageChannels', 'streamChannels', 'groupChannels', 'serverGroups', 'users']

export function drivers (pkgDir) {
  const main = require(pkgDir)
  const t007 = entry(pkgDir, './agora-token')
  const t006 = entry(pkgDir, './agora-access-token')

  const npm = (c, row) => {
    const a = row.args
    const base = { appId: c.appId, appCertificate: c.appCertificate, issuedAt: c.issuedAt, salt: c.salt }
    const user = row.by === 'uid' ? { uid: a.uid } : { account: a.account }
    const role = ROLE_NAMES[a.role]
    switch (row.op) {
      case 'rtc006':
        if (!role) return unmapped('role is "publisher" or "subscriber"')
        return outcome(() => main.buildRtcToken({ ...base, channelName: a.channelName, ...user, role, expiresAt: a.privilegeExpiredTs, version: '006' }))
      case 'rtc007':
        if (!role) return unmapped('role is "publisher" or "subscriber"')
        if (a.tokenExpire !== a.privilegeExpire) return unmapped('its privileges last as long as the token')
        return outcome(() => main.buildRtcToken({ ...base, channelName: a.channelName, ...user, role, expiresIn: a.tokenExpire }))
      case 'rtm006': return outcome(() => main.buildRtmToken({ ...base, userId: a.userAccount, expiresAt: a.privilegeExpiredTs, version: '006' }))
      case 'rtm007': return outcome(() => main.buildRtmToken({ ...base, userId: a.userId, expiresIn: a.expire }))
      case 'rtm2': {
        const permissions = {}
        for (const [resource, permission, names] of a.permissions) {
          if (!RESOURCE_NAMES[resource]) return unmapped('permissions are named there (messageChannels … users)')
          permissions[RESOURCE_NAMES[resource]] = { ...permissions[RESOURCE_NAMES[resource]], [['read', 'write'][permission]]: names }
        }
        return outcome(() => main.buildRtmPermissionsToken({ ...base, userId: a.userId, permissions, expiresIn: a.expire }))
      }
      case 'inspect': {
        const r = outcome(() => main.inspectToken(a.token))
        return r.error ? r : { inspected: true }
      }
      default: return unmapped(`no headline function for ${row.op}`)
    }
  }

  const agoraToken = (c, row) => {
    const a = row.args
    const R = { issuedAt: c.issuedAt, salt: c.salt }
    const { RtcTokenBuilder, RtmTokenBuilder, Rtm2Permissions } = t007
    switch (row.op) {
      case 'rtc007': return outcome(() => row.by === 'uid'
        ? RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, a.channelName, a.uid, a.role, a.tokenExpire, a.privilegeExpire, R)
        : RtcTokenBuilder.buildTokenWithUserAccount(c.appId, c.appCertificate, a.channelName, a.account, a.role, a.tokenExpire, a.privilegeExpire, R))
      case 'rtm007': return outcome(() => RtmTokenBuilder.buildToken(c.appId, c.appCertificate, a.userId, a.expire, R))
      case 'rtm2': return outcome(() => {
        const p = new Rtm2Permissions()
        for (const [resource, permission, names] of a.permissions) p.add(resource, permission, names)
        return RtmTokenBuilder.buildTokenWithPermissions(c.appId, c.appCertificate, a.userId, p, a.expire, R)
      })
      default: return unmapped(`agora-token has no ${row.op} builder`)
    }
  }

  const agoraAccessToken = (c, row) => {
    const a = row.args
    const R = { issuedAt: c.issuedAt, salt: c.salt }
    const { RtcTokenBuilder, RtmTokenBuilder } = t006
    switch (row.op) {
      case 'rtc006': return outcome(() => row.by === 'uid'
        ? RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, a.channelName, a.uid, a.role, a.privilegeExpiredTs, R)
        : RtcTokenBuilder.buildTokenWithAccount(c.appId, c.appCertificate, a.channelName, a.account, a.role, a.privilegeExpiredTs, R))
      case 'rtm006': return outcome(() => RtmTokenBuilder.buildToken(c.appId, c.appCertificate, a.userAccount, a.role, a.privilegeExpiredTs, R))
      default: return unmapped(`agora-access-token has no ${row.op} builder`)
    }
  }

  return { npm, 'npm-agora-token': agoraToken, 'npm-agora-access-token': agoraAccessToken }
}
