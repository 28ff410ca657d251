// Type test (CommonJS, `module` node16): `import x = require(...)` of the three entries,
// typed by their index.d.cts (the `require` condition), under strict tsc.
import wasm = require('agora-token-wasm')
import agoraToken = require('agora-token-wasm/agora-token')
import agoraAccessToken = require('agora-token-wasm/agora-access-token')
import type Official = require('agora-token')

const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'
const tokens: string[] = [
  wasm.buildRtcToken({ appId, appCertificate, channelName: 'demo', uid: 42, role: 'publisher', expiresIn: 3600 }),
  wasm.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'demo', 42, wasm.RtcRole.PUBLISHER, 0),
  wasm.RtcTokenBuilder2.buildTokenWithUid(appId, appCertificate, 'demo', 42, wasm.RtcRole2.PUBLISHER, 600),
  agoraToken.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'demo', 42, agoraToken.RtcRole.PUBLISHER, 600, 600),
  agoraToken.RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, 'demo', 42, agoraToken.RtcRole.SUBSCRIBER, 600, 600),
  agoraToken.RtmTokenBuilder.buildTokenWithPermissions(appId, appCertificate, 0, new agoraToken.Rtm2Permissions(), 600),
  agoraToken.ConvoAITokenBuilder.buildToken(appId, appCertificate, 'c', 'a', 1, 600, 600, 600, 600, 600, 'a', 600),
  agoraAccessToken.RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, 'demo', 'alice', agoraAccessToken.RtcRole.PUBLISHER, 0),
  agoraAccessToken.RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', agoraAccessToken.RtmRole.Rtm_User, 0)
]
const info = wasm.inspectToken(tokens[0])
const checked: typeof Official.RtcTokenBuilder = agoraToken.RtcTokenBuilder
// @ts-expect-error: the CommonJS entry has no default export
const noDefault = agoraToken.default
export = { tokens, info, checked, noDefault }
