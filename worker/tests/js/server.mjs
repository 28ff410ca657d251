// The server under test for the suites that run against both servers (the compatibility
// table, the caller-JWT suite, the load and soak runs): `AGORA_SERVER=workerd` (the default:
// the built Worker on raw workerd, ./workerd.mjs) or `AGORA_SERVER=native` (the native
// `agora-token-server`, target/release/agora-token-server or AGORA_SERVER_BIN, built with
// `cargo build --release -p agora-token-worker --features server`). Both take the same
// options and answer the same API:
//
//   const server = await startServer({ appId, certificate, apiKey, corsAllowOrigin, vars,
//                                      secrets, assets, network, verbose })
//   … server.url, server.pid, server.log() …
//   await server.stop()
//
// Natively every setting is an environment variable of the process (secrets too; never a
// command-line argument), `assets` is ASSETS_DIR, and the log is the server's stdout (the
// audit trail) and stderr. `network` needs nothing natively (loopback is reachable).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { freePort, launch, startWorker } from './workerd.mjs'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))

/** Which server the suites test: `workerd` or `native`. */
export const SERVER = process.env.AGORA_SERVER || 'workerd'
if (!['workerd', 'native'].includes(SERVER)) throw new Error(`AGORA_SERVER must be workerd or native, not ${SERVER}`)

export { freePort }

/** Starts the server under test with these settings. */
export function startServer (options) {
  return SERVER === 'native' ? startNative(options) : startWorker(options)
}

/** The native server on a free 127.0.0.1 port, in its own process group. */
export async function startNative ({ appId, certificate, apiKey, corsAllowOrigin, vars = {}, secrets = {}, assets, metrics = false }) {
  if (metrics) throw new Error('the native server has no metrics store: this suite is the Worker\'s')
  const bin = process.env.AGORA_SERVER_BIN || join(root, 'target/release/agora-token-server')
  const dir = mkdtempSync(join(tmpdir(), 'agora-native-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env = {
    PATH: process.env.PATH,
    PORT: String(port),
    LISTEN_ADDRESS: '127.0.0.1',
    AGORA_APP_ID: appId,
    AGORA_APP_CERTIFICATE: certificate,
    ...(apiKey ? { TOKEN_API_KEY: apiKey } : {}),
    ...(assets ? { ASSETS_DIR: resolve(assets) } : {}),
    ...Object.fromEntries(Object.entries({ ...vars, ...secrets }).map(([k, v]) => [k, String(v)]))
  }
  const cors = typeof corsAllowOrigin === 'function' ? corsAllowOrigin(url) : corsAllowOrigin
  if (cors) env.CORS_ALLOW_ORIGIN = cors
  const ready = async () => {
    try { return (await fetch(url + '/ping')).status === 200 } catch { return false }
  }
  return launch({ name: 'agora-token-server', command: bin, dir, env, url, port, ready })
}
