// The closed-loop load client of the server benchmarks (benches/worker/bench.mjs,
// benches/server/bench.mjs), loopback only: CONCURRENCY keep-alive HTTP/1.1 connections on
// raw sockets, each sending the same POST /getToken and waiting for its answer before the
// next, for a bounded time and number of requests. Node's fetch (undici) spends more CPU per
// request than the servers measured, and on 2 shared cores it was the bottleneck, so the
// raw client is the default (`client: 'fetch'` keeps that one for comparison).
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'

// One keep-alive HTTP/1.1 connection sending the same request, one at a time: resolves each
// request with its status once the whole answer (Content-Length or chunked) has arrived.
export function rawConnection (url, body, extra = {}) {
  const { hostname, port } = new URL(url)
  const request = Buffer.from(`POST /getToken HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
    Object.entries(extra).map(([k, v]) => `${k}: ${v}\r\n`).join('') +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
  const socket = connect({ host: hostname, port: Number(port), noDelay: true })
  let buffer = Buffer.alloc(0)
  let pending = null
  const fail = (e) => { if (pending) { const p = pending; pending = null; p.reject(e) } }
  socket.on('error', fail)
  socket.on('close', () => fail(new Error('connection closed')))
  socket.on('data', (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
    const head = buffer.indexOf('\r\n\r\n')
    if (head < 0 || !pending) return
    const headers = buffer.subarray(0, head).toString('latin1')
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers)
    let end
    if (length) {
      end = head + 4 + Number(length[1])
    } else {
      const last = buffer.indexOf('\r\n0\r\n\r\n', head)
      if (last < 0) return
      end = last + 7
    }
    if (buffer.length < end) return
    buffer = buffer.subarray(end)
    const p = pending
    pending = null
    p.resolve(Number(headers.slice(9, 12)))
  })
  return {
    send: () => new Promise((resolve, reject) => { pending = { resolve, reject }; socket.write(request) }),
    close: () => socket.destroy()
  }
}

// CPU seconds (user + system, every thread) that process `pid` has used so far.
export function cpuSeconds (pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN
  }
}

/** Peak resident memory (VmHWM) of process `pid`, in KiB, or NaN. */
export function peakRssKiB (pid) {
  try {
    return Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])
  } catch {
    return NaN
  }
}

/** Runs the closed loop against `url` + /getToken for `seconds` (at most `max` requests),
 * `concurrency` clients; every answer must be a 200. Returns requests/s, p50/p99 latency
 * (ms), the number of requests and the server's CPU per request (µs, from `pid`). */
export async function closedLoop ({ url, body, headers = {}, seconds, concurrency, max, pid, client = 'raw' }) {
  const cpu0 = cpuSeconds(pid)
  const latencies = []
  let sent = 0
  let bad = 0
  const t0 = performance.now()
  const end = t0 + seconds * 1000
  async function one () {
    if (client === 'fetch') {
      while (performance.now() < end && sent < max) {
        sent++
        const s = performance.now()
        const r = await fetch(url + '/getToken', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
        await r.arrayBuffer()
        latencies.push(performance.now() - s)
        if (r.status !== 200) bad++
      }
      return
    }
    const c = rawConnection(url, body, headers)
    try {
      while (performance.now() < end && sent < max) {
        sent++
        const s = performance.now()
        const status = await c.send()
        latencies.push(performance.now() - s)
        if (status !== 200) bad++
      }
    } finally {
      c.close()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, one))
  const elapsed = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  const pct = p => latencies[Math.min(latencies.length - 1, Math.floor(p / 100 * latencies.length))]
  if (bad) throw new Error(`${bad} requests were not 200`)
  // The server's own CPU per request: independent of how the shared cores were scheduled.
  const cpuUs = (cpuSeconds(pid) - cpu0) / latencies.length * 1e6
  return { rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), requests: latencies.length, cpuUs }
}

/** The median of `xs`. */
export const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }
