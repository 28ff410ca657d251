// The comparison server of benches/server/bench.mjs: the common self-hosted setup, a Node
// token server on npm agora-token (`node:http`, one route), answering POST /getToken
// {tokenType: "rtc", channel, uid, role, expire?} with {"token": …} as our servers do.
//   PORT=8080 AGORA_APP_ID=… AGORA_APP_CERTIFICATE=… node benches/server/node-server.mjs
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const { RtcTokenBuilder, RtcRole } = createRequire(join(root, 'package.json'))('agora-token')
const { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: cert, PORT = '8080' } = process.env

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

createServer((req, res) => {
  if (req.url === '/ping') return json(res, 200, { message: 'pong' })
  if (req.url !== '/getToken') return json(res, 404, { error: 'not found' })
  if (req.method !== 'POST') return json(res, 405, { error: 'method not allowed' })
  let text = ''
  req.setEncoding('utf8')
  req.on('data', (chunk) => {
    text += chunk
    if (text.length > 8192) req.destroy()
  })
  req.on('end', () => {
    let body
    try {
      body = JSON.parse(text)
    } catch {
      return json(res, 400, { error: 'invalid JSON' })
    }
    const uid = Number(body.uid ?? 0)
    if (body.tokenType !== 'rtc' || typeof body.channel !== 'string' || !Number.isInteger(uid) || uid < 0 || uid > 4294967295) {
      return json(res, 400, { error: 'invalid request' })
    }
    const role = body.role === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER
    const expire = Number(body.expire ?? 3600)
    const token = RtcTokenBuilder.buildTokenWithUid(appId, cert, body.channel, uid, role, expire, expire)
    json(res, 200, { token })
  })
}).listen(Number(PORT), '127.0.0.1')
