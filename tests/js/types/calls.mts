// Type test (ES modules: `module` nodenext and bundler): every documented call of
// agora-token-wasm must compile under strict tsc with skipLibCheck false, the drop-in
// entries must accept every call the official packages' index.d.ts accept, and wrong calls
// must be refused (each `@ts-expect-error` fails the check if the line compiles).
import {
  buildRtcToken, buildRtmToken, buildChatUserToken, buildChatAppToken, buildFpaToken,
  buildApaasRoomUserToken, buildApaasUserToken, buildApaasAppToken, buildRtcRtmToken,
  buildRtmPermissionsToken, buildToken, inspectToken, verifyToken,
  RtcTokenBuilder, RtmTokenBuilder, RtcRole, RtmRole, RtcRole2, RtcTokenBuilder2, RtmTokenBuilder2,
  ChatTokenBuilder2, FpaTokenBuilder2, ApaasTokenBuilder2, EducationTokenBuilder2,
  ConvoAITokenBuilder2, SttTokenBuilder2, Rtm2Permissions,
  type AgoraTokenError, type TokenInfo, type Verification, type ErrorCode, type IdentityMismatch,
  vocabulary, type Vocabulary, type ServiceName, type ServiceSpec, type RtmPermissions, type RtmResourceName,
  type RtmPermissionName, type RtcPrivilegeSeconds, type ApaasPrivilegeSeconds, type Rtm2PermissionConstants,
  type RefusalReason, type TokenWarning
} from 'agora-token-wasm'
import * as dropIn from 'agora-token-wasm/agora-token'
import agoraToken from 'agora-token-wasm/agora-token'
import * as dropIn006 from 'agora-token-wasm/agora-access-token'
import agoraAccessToken from 'agora-token-wasm/agora-access-token'
import * as builder from 'agora-token-wasm/build'
import type * as Official from 'agora-token'
import type * as Official006 from 'agora-access-token'

const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'
const strings: string[] = []

// ---- headline functions ----
strings.push(buildRtcToken({ appId, appCertificate, channelName: 'demo', uid: 42, role: 'publisher', expiresIn: 3600 }))
strings.push(buildRtcToken({ appId, appCertificate, channelName: 'demo', uid: '42' }))
strings.push(buildRtcToken({ appId, appCertificate, channelName: 'demo', account: 'alice', expiresAt: 1900000000, version: '006' }))
strings.push(buildRtcToken({ appId, appCertificate, channelName: 'demo', uid: 1, privileges: { joinChannel: 600 }, issuedAt: 1111111, salt: 1 }))
strings.push(buildRtmToken({ appId, appCertificate, userId: 'alice', expiresIn: 600 }))
strings.push(buildRtmToken({ appId, appCertificate, userId: 'alice', version: '006', expiresAt: 1900000000 }))
strings.push(buildChatUserToken({ appId, appCertificate, userId: 'alice', expiresIn: 600 }))
strings.push(buildChatAppToken({ appId, appCertificate }))
strings.push(buildFpaToken({ appId, appCertificate }))
strings.push(buildApaasRoomUserToken({ appId, appCertificate, roomUuid: 'r', userUuid: 'u', role: 1 }))
strings.push(buildApaasUserToken({ appId, appCertificate, userUuid: 'u' }))
strings.push(buildApaasAppToken({ appId, appCertificate, expiresIn: 60 }))
strings.push(buildRtcRtmToken({ appId, appCertificate, channelName: 'c', uid: 1, rtmUserId: 'u', rtmExpiresIn: 60 }))
strings.push(buildRtmPermissionsToken({ appId, appCertificate, userId: 'u', permissions: { messageChannels: { read: ['a'] } } }))
strings.push(buildToken({ appId, appCertificate, services: [{ type: 'rtc', channelName: 'c', uid: 1 }, { type: 'convoai' }] }))
const info: TokenInfo = inspectToken(strings[0])
const info2: TokenInfo = inspectToken(strings[0], 1700000000)
const info3: TokenInfo = inspectToken(strings[0], null)
const v1: Verification = verifyToken(strings[0], appCertificate)
const v2: Verification = verifyToken(strings[0], appCertificate, { channelName: 'demo', uid: 42, now: null })
const v3: Verification = verifyToken(strings[0], appCertificate, { userId: 'alice', leeway: 30 })
const v4: Verification = verifyToken(strings[0], null, { user: '42', roomUuid: 'r', userUuid: 'u' })
// A rotation: the primary and the secondary certificate; `certificate` says which signed it.
const v5: Verification = verifyToken(strings[0], [appCertificate, appCertificate], { now: null })
const signedBy: number | undefined = v5.certificate
// @ts-expect-error: a certificate is a string
verifyToken(strings[0], [42])
const mismatch: IdentityMismatch | undefined = v4.mismatches[0]
const warned: boolean = v3.warnings.includes('IDENTITY_MISMATCH') || mismatch?.field === 'userId'
const valid: boolean = v1.valid && v2.valid && !warned && info.services.length + info2.services.length + info3.services.length > 0
try { buildRtcToken({ appId: 'x', appCertificate, channelName: 'demo', uid: 1 }) } catch (e) {
  const err = e as AgoraTokenError
  const code: ErrorCode = err.code
  strings.push(code, err.field, String(valid))
}
// @ts-expect-error: unknown option
buildRtcToken({ appId, appCertificate, channelName: 'demo', uid: 1, expire: 60 })
// @ts-expect-error: uid and account together
buildRtcToken({ appId, appCertificate, channelName: 'demo', uid: 1, account: 'a' })
// @ts-expect-error: expiresIn and expiresAt together
buildRtmToken({ appId, appCertificate, userId: 'a', expiresIn: 1, expiresAt: 2 })
// @ts-expect-error: role is a name here
buildRtcToken({ appId, appCertificate, channelName: 'demo', uid: 1, role: 1 })
// The generated options types (generated/api.d.ts): each export's own options, its
// required ones, and the APaaS role as a number.
// @ts-expect-error: version is an RTC and RTM option only
buildChatUserToken({ appId, appCertificate, userId: 'a', version: '007' })
// @ts-expect-error: userId is required
buildChatUserToken({ appId, appCertificate })
// @ts-expect-error: the APaaS role is a number
buildApaasRoomUserToken({ appId, appCertificate, roomUuid: 'r', userUuid: 'u', role: 'publisher' })
// @ts-expect-error: FPA tokens take no expiry
buildFpaToken({ appId, appCertificate, expiresIn: 60 })
// @ts-expect-error: permissions are required
buildRtmPermissionsToken({ appId, appCertificate, userId: 'u' })
// @ts-expect-error: not a field an identity mismatch names
const badField: IdentityMismatch['field'] = 'appId'
// @ts-expect-error: not an expectation
verifyToken(strings[0], appCertificate, { channel: 'demo' })

// ---- main entry classes ----
strings.push(RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'demo', 42, RtcRole.PUBLISHER, 1900000000))
strings.push(RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'demo', '42', RtcRole.SUBSCRIBER, 1900000000, { issuedAt: 1, salt: 1 }))
strings.push(RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, 'demo', 'alice', RtcRole.ATTENDEE, 0))
strings.push(RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', RtmRole.Rtm_User, 0))
strings.push(RtcTokenBuilder2.buildTokenWithUid(appId, appCertificate, 'demo', 42, RtcRole2.PUBLISHER, 600))
strings.push(RtcTokenBuilder2.buildTokenWithUid(appId, appCertificate, 'demo', 42, RtcRole2.PUBLISHER, 600, 600, { salt: 5 }))
strings.push(RtcTokenBuilder2.buildTokenWithUserAccount(appId, appCertificate, 'demo', 'alice', RtcRole2.SUBSCRIBER, 600))
strings.push(RtcTokenBuilder2.buildTokenWithUidAndPrivilege(appId, appCertificate, 'demo', 42, 600, 600, 600, 600, 600))
strings.push(RtcTokenBuilder2.BuildTokenWithUserAccountAndPrivilege(appId, appCertificate, 'demo', 'alice', 600, 600, 600, 600, 600))
strings.push(RtcTokenBuilder2.buildTokenWithUserAccountAndPrivilege(appId, appCertificate, 'demo', 'alice', 600, 600, 600, 600, 600))
strings.push(RtcTokenBuilder2.buildTokenWithRtm(appId, appCertificate, 'demo', 'alice', 1, 600))
strings.push(RtcTokenBuilder2.buildTokenWithRtm2(appId, appCertificate, 'demo', 'alice', 1, 600, 600, 600, 600, 600, 'alice', 600))
strings.push(RtmTokenBuilder2.buildToken(appId, appCertificate, 'alice', 600))
const perms = new Rtm2Permissions()
perms.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['a'])
strings.push(RtmTokenBuilder2.buildTokenWithPermissions(appId, appCertificate, 'alice', perms, 600))
strings.push(RtmTokenBuilder2.buildTokenWithPermissions(appId, appCertificate, 0, { users: { write: ['bob'] } }, 600))
strings.push(ChatTokenBuilder2.buildUserToken(appId, appCertificate, 'alice', 600))
strings.push(ChatTokenBuilder2.buildAppToken(appId, appCertificate, 600))
strings.push(FpaTokenBuilder2.buildToken(appId, appCertificate))
strings.push(ApaasTokenBuilder2.buildRoomUserToken(appId, appCertificate, 'room', 'user', 1, 600))
strings.push(ApaasTokenBuilder2.buildUserToken(appId, appCertificate, 'user', 600))
strings.push(ApaasTokenBuilder2.buildAppToken(appId, appCertificate, 600))
strings.push(EducationTokenBuilder2.buildRoomUserToken(appId, appCertificate, 'room', 'user', 1, 600))
strings.push(ConvoAITokenBuilder2.buildToken(appId, appCertificate, 'demo', 'agent', 1, 600, 600, 600, 600, 600, 'agent', 600))
strings.push(SttTokenBuilder2.buildToken(appId, appCertificate, 'demo', 'agent', 2, 600, 600, 0, 0, 0, 'agent', 600))
// @ts-expect-error: the classes are not constructed
new RtcTokenBuilder2()
// @ts-expect-error: no wasm-bindgen memory handles on static-only classes
RtcTokenBuilder2.prototype.free()

// ---- the drop-in entries: the official calls, and the official types as ours ----
strings.push(dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'demo', 42, dropIn.RtcRole.PUBLISHER, 600, 600))
strings.push(dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'demo', '42', dropIn.RtcRole.PUBLISHER, 600))
strings.push(dropIn.RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, 'demo', 2882341273, dropIn.RtcRole.PUBLISHER, 600, 600))
strings.push(dropIn.RtmTokenBuilder.buildToken(appId, appCertificate, 123, 600))
strings.push(dropIn.ChatTokenBuilder.buildUserToken(appId, appCertificate, 7, 600))
strings.push(agoraToken.ConvoAITokenBuilder.buildToken(appId, appCertificate, 'c', 1, 1, 600, 600, 600, 600, 600, 1, 600))
strings.push(agoraToken.SttTokenBuilder.buildToken(appId, appCertificate, 'c', 'a', 1, 600, 600, 600, 600, 600, 'a', 600))
strings.push(dropIn.FpaTokenBuilder.buildToken(appId, appCertificate), dropIn.ApaasTokenBuilder.buildAppToken(appId, appCertificate, 600))
strings.push(dropIn.EducationTokenBuilder.buildUserToken(appId, appCertificate, 5, 600))
const p2 = new dropIn.Rtm2Permissions()
p2.add(dropIn.Rtm2Permissions.kUsers, dropIn.Rtm2Permissions.kWrite, ['x'])
strings.push(dropIn.RtmTokenBuilder.buildTokenWithPermissions(appId, appCertificate, 'u', p2, 600))
strings.push(dropIn006.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'demo', 42, dropIn006.RtcRole.PUBLISHER, 1900000000))
strings.push(dropIn006.RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, 'demo', 'alice', dropIn006.RtcRole.SUBSCRIBER, 1900000000))
strings.push(agoraAccessToken.RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', agoraAccessToken.RtmRole.Rtm_User, 0))

// Every official signature is assignable to ours (parameters are checked contravariantly):
// whatever compiles against agora-token 2.0.6 / agora-access-token 2.0.4 compiles here.
export const sameAsOfficial: {
  ApaasTokenBuilder: typeof Official.ApaasTokenBuilder
  ChatTokenBuilder: typeof Official.ChatTokenBuilder
  ConvoAITokenBuilder: typeof Official.ConvoAITokenBuilder
  EducationTokenBuilder: typeof Official.EducationTokenBuilder
  FpaTokenBuilder: typeof Official.FpaTokenBuilder
  RtcRole: typeof Official.RtcRole
  RtcTokenBuilder: typeof Official.RtcTokenBuilder
  RtmTokenBuilder: typeof Official.RtmTokenBuilder
  Rtm2Permissions: typeof Official.Rtm2Permissions
  SttTokenBuilder: typeof Official.SttTokenBuilder
} = dropIn
export const sameAsOfficial006: {
  RtcTokenBuilder: typeof Official006.RtcTokenBuilder
  RtcRole: typeof Official006.RtcRole
  RtmTokenBuilder: typeof Official006.RtmTokenBuilder
  RtmRole: typeof Official006.RtmRole
} = dropIn006
export const defaultIsTheNamespace: typeof agoraToken = { ...dropIn }

// ---- the vocabulary generated from the core (pkg-template/generated/vocab.d.ts) ----
const vocab: Vocabulary = vocabulary
const rtcId: 1 = vocab.services.rtc.id
const joinId: 1 = vocab.services.rtc.privileges.joinChannel
const rtcFields: readonly ['channelName', 'uid'] = vocab.services.rtc.fields
const readId: 0 = vocab.rtm2Permissions.read
const usersId: 4 = vocab.rtm2Resources.users
const presetRtc: number = vocab.boundary.preset.rtc + vocab.boundary.user.account + vocab.boundary.life.default
const firstCode: ErrorCode = vocab.errorCodes[0]
const names: ServiceName[] = ['rtc', 'rtm', 'streaming', 'fpa', 'chat', 'fcdn', 'apaas', 'rtm2', 'convoai', 'stt']
const byName: ServiceName[] = Object.keys(vocab.services) as (keyof Vocabulary['services'])[]
const resource: RtmResourceName = 'serverGroups'
const kind: RtmPermissionName = 'write'
const named: RtmPermissions = { [resource]: { [kind]: ['g'] }, users: { read: ['u'] } }
const rtcPriv: RtcPrivilegeSeconds = { joinChannel: 1, publishDataStream: 2 }
const apaasPriv: ApaasPrivilegeSeconds = { roomUser: 1, user: 2, app: 3 }
const constants: Rtm2PermissionConstants = Rtm2Permissions
const kUsers: 4 = Rtm2Permissions.kUsers
// Every service form of buildToken, each field and privilege by name.
const every: ServiceSpec[] = [
  { type: 'rtc', channelName: 'c', uid: '42', privileges: rtcPriv },
  { type: 'rtc', channelName: 'c', account: 'a' },
  { type: 'rtm', userId: 'u', privileges: { login: 60 } },
  { type: 'streaming', channelName: 'c', account: 'a', privileges: { publishMixStream: 1, publishRawStream: 2 } },
  { type: 'streaming', channelName: 'c' },
  { type: 'fpa', privileges: { login: 1 } },
  { type: 'chat', userId: 'u', privileges: { user: 1 } },
  { type: 'chat', privileges: { app: 1 } },
  { type: 'fcdn', channelName: 'c', account: 'a', privileges: { publish: 1, play: 2 } },
  { type: 'apaas', roomUuid: 'r', userUuid: 'u', role: -1, privileges: apaasPriv },
  { type: 'apaas' },
  { type: 'rtm2', userId: 'u', privileges: { login: 1 }, permissions: named },
  { type: 'convoai' },
  { type: 'stt' }
]
strings.push(buildToken({ appId, appCertificate, services: every }))
// @ts-expect-error: not a service name
const badName: ServiceName = 'video'
// @ts-expect-error: not a privilege of rtm
const badPriv: ServiceSpec = { type: 'rtm', userId: 'u', privileges: { joinChannel: 1 } }
// @ts-expect-error: rtc needs its channel
const noChannel: ServiceSpec = { type: 'rtc', uid: 1 }
// rtm2's user id may be empty (any user), as the core allows.
const noUser: ServiceSpec = { type: 'rtm2' }
// @ts-expect-error: not an RTM2 resource
const badResource: RtmPermissions = { rooms: { read: ['x'] } }
// @ts-expect-error: not an error code
const badCode: ErrorCode = 'INVALID_THING'
// @ts-expect-error: the vocabulary is read-only
vocab.services.rtc.id = 2
// The warning and refusal codes are the core's (Warning::ALL, Reason::ALL).
const reason: RefusalReason | undefined = v1.reason
const warning: TokenWarning | undefined = info.warnings[0]
const knownReason: RefusalReason = 'SIGNATURE_NOT_CHECKED'
// @ts-expect-error: not a refusal reason
const badReason: RefusalReason = 'BAD_SIGNATURE'
// @ts-expect-error: not a warning
const badWarning: TokenWarning = 'WILDCARD'
// ---- the builder-only entry: the same builders, no readers ----
strings.push(builder.buildRtcToken({ appId, appCertificate, channelName: 'demo', uid: 42 }),
  builder.RtcTokenBuilder2.buildTokenWithUid(appId, appCertificate, 'demo', '42', builder.RtcRole2.PUBLISHER, 600),
  builder.buildToken({ appId, appCertificate, services: every }))
const builderVocabulary: Vocabulary = builder.vocabulary
// @ts-expect-error: no inspectToken in the builder-only entry
builder.inspectToken(strings[0])
// @ts-expect-error: no verifyToken in the builder-only entry
builder.verifyToken(strings[0], appCertificate)
export const vocabularyChecks = [rtcId, joinId, rtcFields, readId, usersId, presetRtc, firstCode, names, byName, constants, kUsers,
  badName, badPriv, noChannel, noUser, badResource, badCode, builderVocabulary, reason, warning, knownReason, badReason, badWarning]
export const all = strings
