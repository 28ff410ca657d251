// The comparison Worker of benches/worker/bench.mjs: the smallest reasonable token server on
// npm agora-token (007), needing nodejs_compat (the package uses Buffer, crypto and zlib).
// Same route and JSON as our Worker's POST /getToken for RTC: {tokenType, channel, uid, role,
// expire} -> {"token": …}.
import { RtcTokenBuilder, RtcRole } from 'agora-token'

const json = (status, body) => new Response(JSON.stringify(body), {
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
})

export default {
  async fetch (request, env) {
    const { pathname } = new URL(request.url)
    if (pathname === '/ping') return json(200, { message: 'pong' })
    if (pathname !== '/getToken') return json(404, { error: 'not found' })
    if (request.method !== 'POST') return json(405, { error: 'method not allowed' })
    let body
    try {
      body = await request.json()
    } catch {
      return json(400, { error: 'invalid JSON' })
    }
    const uid = Number(body.uid ?? 0)
    if (body.tokenType !== 'rtc' || typeof body.channel !== 'string' || !Number.isInteger(uid) || uid < 0 || uid > 4294967295) {
      return json(400, { error: 'invalid request' })
    }
    const role = body.role === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER
    const expire = Number(body.expire ?? 3600)
    const token = RtcTokenBuilder.buildTokenWithUid(env.AGORA_APP_ID, env.AGORA_APP_CERTIFICATE, body.channel, uid, role, expire, expire)
    return json(200, { token })
  }
}
