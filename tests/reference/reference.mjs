#!/usr/bin/env node
// Reference side of the differential tests: runs the official npm token builders on given inputs.
//
// Protocol. stdin is a JSON array of cases; stdout is a JSON array of results, same length and order.
//   case:   {"ref": "agora-access-token" | "agora-token", "fn": "<Builder.method>", "args": [...],
//            "salt": <u32>, "ts": <u32>}
//           For 006 ("agora-access-token") ts is the message ts (an absolute unix time);
//           for 007 ("agora-token") ts is issueTs. salt and ts are required: they are pinned.
//   result: {"token": "..."}                         006
//           {"token": "...", "payload_hex": "..."}  007; payload_hex = hex(inflate(base64(token[3..])))
//           {"error": "..."}                        the case is malformed, the reference threw,
//                                                   or (007) the reference's build check refused
//                                                   and it returned "" (appId/certificate not
//                                                   32 hex chars, or no service).
//
// args are the builder's own arguments, in the npm package's order, as JSON values. The JSON type
// is passed through, and it matters: a uid/account given as the number 0 becomes "" (wildcard),
// while the string "0" stays "0".
//
// ref "agora-access-token" (006, npm agora-access-token 2.0.4); expiries are absolute unix times:
//   RtcTokenBuilder.buildTokenWithUid     [appId, appCertificate, channelName, uid, role, privilegeExpiredTs]
//   RtcTokenBuilder.buildTokenWithAccount [appId, appCertificate, channelName, account, role, privilegeExpiredTs]
//   RtmTokenBuilder.buildToken            [appId, appCertificate, account, role, privilegeExpiredTs]
//                                         (role is ignored by the builder)
// ref "agora-token" (007, npm agora-token 2.0.6); expiries are seconds relative to issueTs:
//   RtcTokenBuilder.buildTokenWithUid                     [appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire]
//   RtcTokenBuilder.buildTokenWithUserAccount             [appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire]
//   RtcTokenBuilder.buildTokenWithUidAndPrivilege         [appId, appCertificate, channelName, uid, tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire]
//   RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege [appId, appCertificate, channelName, account, tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire]
//                                                         (the package spells this method with a capital B)
//   RtcTokenBuilder.buildTokenWithRtm                     [appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire]
//   RtcTokenBuilder.buildTokenWithRtm2                    [appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire]
//   RtmTokenBuilder.buildToken                            [appId, appCertificate, userId, expire]
//   RtmTokenBuilder.buildTokenWithPermissions             [appId, appCertificate, userId, permissions, expire]
//                                                         permissions: [[resourceType, permissionType, [resource, ...]], ...],
//                                                         applied in order with Rtm2Permissions.add (a repeated pair replaces the earlier one)
//   ChatTokenBuilder.buildUserToken                       [appId, appCertificate, userUuid, expire]
//   ChatTokenBuilder.buildAppToken                        [appId, appCertificate, expire]
//   FpaTokenBuilder.buildToken                            [appId, appCertificate]
//   ApaasTokenBuilder.buildRoomUserToken                  [appId, appCertificate, roomUuid, userUuid, role, expire]
//   ApaasTokenBuilder.buildUserToken                      [appId, appCertificate, userUuid, expire]
//   ApaasTokenBuilder.buildAppToken                       [appId, appCertificate, expire]
//   EducationTokenBuilder.buildRoomUserToken/buildUserToken/buildAppToken: same args as ApaasTokenBuilder
//   ConvoAITokenBuilder.buildToken, SttTokenBuilder.buildToken: same args as RtcTokenBuilder.buildTokenWithRtm2
// Trailing arguments that have defaults in the package (privilegeExpire = 0) must still be given.
//
// How salt and ts are pinned: each builder module copies the token class out of
// require('…/AccessToken').AccessToken (006) or require('…/AccessToken2').AccessToken2 (007) when
// it loads. Those exports are replaced below, before any builder loads, by subclasses that
// overwrite the salt and ts the constructor drew. Everything else (each builder's composition,
// packing, signing, compression) is the package's own code.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'

const require = createRequire(import.meta.url)

let pin // {salt, ts} of the case being built; read by the pinned constructors

const m006 = require('agora-access-token/src/AccessToken')
m006.AccessToken = class extends m006.AccessToken {
  constructor (...args) {
    super(...args)
    this.salt = pin.salt
    this.ts = pin.ts
  }
}

const m007 = require('agora-token/src/AccessToken2')
m007.AccessToken2 = class extends m007.AccessToken2 {
  constructor (...args) {
    super(...args)
    this.issueTs = pin.ts
    this.salt = pin.salt
  }
}

const npm006 = require('agora-access-token')
const npm007 = require('agora-token')

// Supported fns and their arity, per ref. Each calls the package's static method of the same name,
// except that the package spells one method with a capital B.
const PACKAGES = { 'agora-access-token': npm006, 'agora-token': npm007 }
const FNS = {
  'agora-access-token': {
    'RtcTokenBuilder.buildTokenWithUid': 6,
    'RtcTokenBuilder.buildTokenWithAccount': 6,
    'RtmTokenBuilder.buildToken': 5
  },
  'agora-token': {
    'RtcTokenBuilder.buildTokenWithUid': 7,
    'RtcTokenBuilder.buildTokenWithUserAccount': 7,
    'RtcTokenBuilder.buildTokenWithUidAndPrivilege': 9,
    'RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege': 9,
    'RtcTokenBuilder.buildTokenWithRtm': 7,
    'RtcTokenBuilder.buildTokenWithRtm2': 12,
    'RtmTokenBuilder.buildToken': 4,
    'RtmTokenBuilder.buildTokenWithPermissions': 5,
    'ChatTokenBuilder.buildUserToken': 4,
    'ChatTokenBuilder.buildAppToken': 3,
    'FpaTokenBuilder.buildToken': 2,
    'ApaasTokenBuilder.buildRoomUserToken': 6,
    'ApaasTokenBuilder.buildUserToken': 4,
    'ApaasTokenBuilder.buildAppToken': 3,
    'EducationTokenBuilder.buildRoomUserToken': 6,
    'EducationTokenBuilder.buildUserToken': 4,
    'EducationTokenBuilder.buildAppToken': 3,
    'ConvoAITokenBuilder.buildToken': 12,
    'SttTokenBuilder.buildToken': 12
  }
}
const RENAMED = { 'RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege': 'BuildTokenWithUserAccountAndPrivilege' }

// The JSON form of RTM2 permissions, [[resourceType, permissionType, [resource, ...]], ...].
function rtm2Permissions (triples) {
  const permissions = new npm007.Rtm2Permissions()
  for (const [resourceType, permissionType, resources] of triples) {
    permissions.add(resourceType, permissionType, resources)
  }
  return permissions
}

function callBuilder (ref, fn, args) {
  const [cls, name] = fn.split('.')
  if (ref === 'agora-token' && fn === 'RtmTokenBuilder.buildTokenWithPermissions') {
    args = args.with(3, rtm2Permissions(args[3]))
  }
  return PACKAGES[ref][cls][RENAMED[fn] ?? name](...args)
}

const isU32 = v => Number.isInteger(v) && v >= 0 && v <= 0xffffffff

function run ({ ref, fn, args, salt, ts }) {
  const arity = Object.hasOwn(FNS, ref) && Object.hasOwn(FNS[ref], fn) ? FNS[ref][fn] : undefined
  if (arity === undefined) return { error: `unknown ref/fn: ${ref} ${fn}` }
  if (!Array.isArray(args) || args.length !== arity) return { error: `${fn} takes ${arity} args` }
  if (!isU32(salt) || !isU32(ts)) return { error: 'salt and ts must be u32 integers' }
  pin = { salt, ts }
  try {
    const token = callBuilder(ref, fn, args)
    if (ref === 'agora-access-token') return { token }
    if (token === '') return { error: 'reference returned an empty token (its build check failed)' }
    return { token, payload_hex: inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex') }
  } catch (e) {
    return { error: `reference threw: ${e.message}` }
  }
}

const cases = JSON.parse(readFileSync(0, 'utf8'))
process.stdout.write(JSON.stringify(cases.map(run)) + '\n')
