// Starts the built Worker (worker/build/) on raw workerd (npm `workerd`) on a free
// 127.0.0.1 port, in its own process group, and stops it by that group's id.
//
//   const server = await startWorker({ appId, certificate, apiKey, corsAllowOrigin, vars,
//                                       assets, verbose, secrets, network })
//   … server.url …
//   await server.stop()
//
// `corsAllowOrigin` may be a function of the server's URL (to list the page's own origin);
// `vars` are more text bindings ({ ALLOW_WILDCARD_UID: 'true' }). With `assets` (a directory,
// such as worker/assets from worker/page/build.sh) the socket serves the static assets first,
// as Cloudflare does, through worker/tests/js/assets-router.mjs with the directory bound as a
// workerd disk service; the Worker gets every other request.
// Used by the page tests, the load script and the load-and-faults run.
// Secrets reach workerd through `fromEnvironment` bindings, never through the config file.
// `metrics: true` binds TOKEN_METRICS to an emulated Analytics Engine dataset that logs each
// data point (worker/tests/js/analytics-engine.mjs).
// AGORA_WORKER_BUILD (default worker/build) and WORKERD_BIN override the paths.

import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort () {
  return new Promise((res, rej) => {
    const s = createServer()
    s.once('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
  })
}

function canConnect (port) {
  return new Promise((res) => {
    const c = createConnection({ host: '127.0.0.1', port })
    c.once('connect', () => { c.destroy(); res(true) })
    c.once('error', () => res(false))
  })
}

/**
 * Whether `url` answers within 5 s with a status `ok` accepts (default: any), for a
 * `launch` readiness poll: a connection accepted before the server can answer is abandoned,
 * and the next poll retries.
 */
export async function answers (url, ok = () => true) {
  try { return ok((await fetch(url, { signal: AbortSignal.timeout(5000) })).status) } catch { return false }
}

/** Starts workerd with the Worker bound to `appId`, `certificate` and optionally `apiKey`
 * and a `corsAllowOrigin` list; `verbose` passes `--verbose` (every request logged).
 * `vars` are more text bindings (name → value), `secrets` more bindings passed through the
 * environment (never written to the config file). `network: true` lets the Worker's
 * `fetch` reach loopback and private addresses (a JWKS test server on 127.0.0.1): the
 * default outbound refuses them. */
export async function startWorker ({ appId, certificate, apiKey, corsAllowOrigin, vars = {}, assets, verbose = false, secrets = {}, network = false, metrics = false }) {
  const build = process.env.AGORA_WORKER_BUILD || join(root, 'worker/build')
  const workerd = process.env.WORKERD_BIN || join(root, 'node_modules/.bin/workerd')
  const dir = mkdtempSync(join(tmpdir(), 'agora-workerd-'))
  for (const f of ['index.js', 'index_bg.wasm']) copyFileSync(join(build, f), join(dir, f))
  copyFileSync(join(root, 'worker/tests/js/assets-router.mjs'), join(dir, 'assets-router.mjs'))
  copyFileSync(join(root, 'worker/tests/js/analytics-engine.mjs'), join(dir, 'analytics-engine.mjs'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const text = (v) => JSON.stringify(String(v)) // a capnp text literal
  const bindings = [
    `(name = "AGORA_APP_ID", text = ${text(appId)})`,
    '(name = "AGORA_APP_CERTIFICATE", fromEnvironment = "AGORA_TEST_CERTIFICATE")'
  ]
  const cors = typeof corsAllowOrigin === 'function' ? corsAllowOrigin(url) : corsAllowOrigin
  if (cors) bindings.push(`(name = "CORS_ALLOW_ORIGIN", text = ${text(cors)})`)
  if (apiKey) bindings.push('(name = "TOKEN_API_KEY", fromEnvironment = "AGORA_TEST_API_KEY")')
  for (const [name, value] of Object.entries(vars)) bindings.push(`(name = ${text(name)}, text = ${text(value)})`)
  // The metrics dataset, emulated (worker/tests/js/analytics-engine.mjs).
  if (metrics) bindings.push('(name = "TOKEN_METRICS", wrapped = (moduleName = "agora-test:analytics-engine"))')
  const secretEnv = {}
  for (const [name, value] of Object.entries(secrets)) {
    bindings.push(`(name = ${text(name)}, fromEnvironment = ${text(`AGORA_TEST_SECRET_${name}`)})`)
    secretEnv[`AGORA_TEST_SECRET_${name}`] = String(value)
  }
  const front = assets ? 'router' : 'main'
  writeFileSync(join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .main),
    ${assets
      ? `(name = "router", worker = .router),
    (name = "assets", disk = (path = ${text(resolve(assets))}, writable = false)),`
      : ''}
    ${network ? '(name = "net", network = (allow = ["public", "local", "private"])),' : ''}
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "${front}")],
  extensions = [(modules = [(name = "agora-test:analytics-engine", esModule = embed "analytics-engine.mjs", internal = true)])],
);
const main :Workerd.Worker = (
  modules = [
    (name = "index.js", esModule = embed "index.js"),
    (name = "index_bg.wasm", wasm = embed "index_bg.wasm"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [${bindings.join(', ')}],${network ? '\n  globalOutbound = "net",' : ''}
);
const router :Workerd.Worker = (
  modules = [(name = "assets-router.mjs", esModule = embed "assets-router.mjs")],
  compatibilityDate = "2025-09-01",
  bindings = [(name = "ASSETS", service = "assets"), (name = "WORKER", service = "main")],
);
`)
  return launch({
    name: 'workerd',
    command: workerd,
    args: ['serve', 'config.capnp', ...(verbose ? ['--verbose'] : [])],
    cwd: dir,
    dir,
    env: { ...process.env, ...secretEnv, AGORA_TEST_CERTIFICATE: certificate, AGORA_TEST_API_KEY: apiKey || '' },
    url,
    port,
    ready: () => canConnect(port)
  })
}

/**
 * Spawns a server under test in its own process group (setsid), its stdout and stderr in
 * DIR/server.log, and waits up to `startMs` (default 20 s) until `ready()` resolves true.
 * Returns { url, port, pid, stop, log }: `stop()` ends the group with SIGTERM, then SIGKILL
 * if it has not exited within 10 s, waits for the exit and removes DIR. Shared by the Worker
 * on workerd, the native server (./server.mjs) and `wrangler dev` (tests/page).
 */
export async function launch ({ name, command, args = [], cwd, dir, env, url, port, ready, startMs = 20000 }) {
  const log = join(dir, 'server.log')
  const fd = openSync(log, 'a')
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', fd, fd], env })
  const exit = new Promise((res) => child.once('exit', res))
  let exited = false
  exit.then(() => { exited = true })
  const signal = (sig) => { try { process.kill(-child.pid, sig) } catch {} }
  const stop = async () => {
    if (!exited) {
      signal('SIGTERM')
      let timer
      const late = new Promise((res) => { timer = setTimeout(res, 10000, 'late') })
      if ((await Promise.race([exit, late])) === 'late') {
        signal('SIGKILL')
        await exit
      }
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + startMs
  while (!(await ready())) {
    if (exited || Date.now() > deadline) {
      const text = readFileSync(log, 'utf8')
      await stop()
      throw new Error(`${name} did not start on ${url} within ${startMs} ms:\n${text}`)
    }
    await new Promise((res) => setTimeout(res, 20))
  }
  return { url, port, pid: child.pid, stop, log: () => readFileSync(log, 'utf8') }
}
