#!/usr/bin/env node
// Load and faults on local workerd (loopback only, bounded):
//
//   node worker/tests/js/soak.mjs [--duration 60] [--concurrency 16] [--pkg pkg] [--json]
//
// Starts the built Worker (worker/build) on raw workerd on a free 127.0.0.1 port, with an
// API key and a certificate that is AGORA_CANARY_CERT when set (else a fresh random one),
// and for --duration seconds (capped at 120) sends a mix of:
//   - valid requests (POST /getToken rtc 007, rtm+channel 007, GET /rtc … 006), each
//     token then verified with the npm package's verifyToken (signature, channel, uid);
//   - invalid requests (uid 2^32, bad JSON, duplicate keys, unknown route) → 400/404;
//   - unauthorised requests (no key, wrong key, Basic scheme) → 401;
// while fault injectors run beside the load:
//   - clients that send half a declared body and disconnect;
//   - slowloris clients that trickle a body one byte per 200 ms and give up after 3 s;
//   - oversized bodies (64 KiB) → 413;
//   - bursts of 200 simultaneous requests every 5 s.
// workerd's resident memory is sampled from /proc every second. The run fails on any 5xx,
// any dropped connection or unexpected status of a load request, any token that does not
// verify, an RSS over 512 MiB, or (runs of 45 s or more) memory that keeps growing: the
// median of the last quarter of the samples more than max(10 %, 24 MiB) above that of the
// third quarter. (V8 grows workerd's heap for the first ~30 s of load, then it holds.)
// With AGORA_CAPTURE_DIR, every response (status, headers, body) and workerd's log are
// written there for the canary scan (.ci/test-security.sh).
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { SERVER, startServer as startWorker } from "./server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const { values: opts } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    concurrency: { type: "string", default: "16" },
    pkg: { type: "string", default: join(ROOT, "pkg") },
    json: { type: "boolean", default: false },
    "no-faults": { type: "boolean", default: false },
    "no-load": { type: "boolean", default: false },
  },
});
const duration = Math.min(Number(opts.duration), 120);
const concurrency = Math.max(1, Math.min(Number(opts.concurrency), 128));
if (!(duration > 0)) throw new Error("--duration: a positive number of seconds (at most 120)");
const pkg = createRequire(import.meta.url)(resolve(opts.pkg));

const APP_ID = "970CA35de60c44645bbae8a215061b33";
const CERT = process.env.AGORA_CANARY_CERT || randomBytes(16).toString("hex");
const API_KEY = "soak-" + randomBytes(12).toString("hex");
const CAPTURE = process.env.AGORA_CAPTURE_DIR;
if (CAPTURE) mkdirSync(CAPTURE, { recursive: true });
const capture = (name, text) => CAPTURE && appendFileSync(join(CAPTURE, name), text + "\n");

function rssKiB(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const json = { "Content-Type": "application/json" };
const auth = () => ({ Authorization: `Bearer ${API_KEY}` });
// [weight, name, expected status, request, check of a 200 body]
const MIX = [
  [35, "getToken rtc 007", 200, { method: "POST", path: "/getToken", headers: { ...json, ...auth() }, body: '{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher","expire":600}' },
    (b) => [b.token, { channelName: "demo", uid: 42 }]],
  [10, "getToken rtm+channel 007", 200, { method: "POST", path: "/getToken", headers: { ...json, ...auth() }, body: '{"tokenType":"rtm","uid":"alice","channel":"s1"}' },
    (b) => [b.token, {}]],
  [10, "GET /rtc 006", 200, { method: "GET", path: "/rtc/demo/subscriber/userAccount/bob/?expiry=600&version=006", headers: auth() },
    (b) => [b.rtcToken, { channelName: "demo", account: "bob" }]],
  [8, "uid 2^32", 400, { method: "POST", path: "/getToken", headers: { ...json, ...auth() }, body: '{"tokenType":"rtc","channel":"demo","uid":4294967296}' }],
  [5, "bad JSON", 400, { method: "POST", path: "/getToken", headers: { ...json, ...auth() }, body: '{"tokenType":' }],
  [5, "duplicate keys", 400, { method: "POST", path: "/getToken", headers: { ...json, ...auth() }, body: '{"tokenType":"rtm","uid":"a","uid":"b"}' }],
  [5, "unknown route", 404, { method: "GET", path: "/nope", headers: auth() }],
  [8, "no API key", 401, { method: "POST", path: "/getToken", headers: json, body: '{"tokenType":"rtm","uid":"a"}' }],
  [7, "wrong API key", 401, { method: "POST", path: "/getToken", headers: { ...json, Authorization: "Bearer wrong" }, body: '{"tokenType":"rtm","uid":"a"}' }],
  [7, "Basic scheme", 401, { method: "GET", path: "/rtm/alice/", headers: { Authorization: `Basic ${Buffer.from("u:" + API_KEY).toString("base64")}` } }],
];
const schedule = MIX.flatMap((m, i) => Array(m[0]).fill(i));

const stats = {
  requests: 0, statuses: {}, fiveXX: 0, dropped: 0, unexpected: {}, tokens: 0, tokensFailed: 0,
  faults: { halfBodyDisconnects: 0, slowloris: 0, slowlorisAnswered: 0, oversized: 0, oversizedOk: 0, burstRequests: 0, burstDropped: 0 },
};
const latencies = [];
const toVerify = [];

async function request(url, r) {
  const res = await fetch(url + r.path, { method: r.method, headers: r.headers, body: r.body });
  const text = await res.text();
  if (CAPTURE) capture("soak-responses.log", `${res.status} ${JSON.stringify([...res.headers])} ${text}`);
  return { status: res.status, text };
}

async function loadLoop(url, end) {
  let i = Math.floor(Math.random() * schedule.length);
  while (performance.now() < end) {
    const k = schedule[i++ % schedule.length];
    const [, name, expected, r, check] = MIX[k];
    const t0 = performance.now();
    try {
      const { status, text } = await request(url, r);
      latencies.push(performance.now() - t0);
      stats.requests++;
      stats.statuses[status] = (stats.statuses[status] || 0) + 1;
      if (status >= 500) stats.fiveXX++;
      if (status !== expected) stats.unexpected[name] = (stats.unexpected[name] || 0) + 1;
      else if (check) toVerify.push(check(JSON.parse(text)));
    } catch (e) {
      stats.dropped++;
      stats.unexpected[`${name}: ${e.cause?.code || e.message}`] = (stats.unexpected[`${name}: ${e.cause?.code || e.message}`] || 0) + 1;
    }
  }
}

/** A raw connection that sends `head`, then `chunks` at `intervalMs`, then disconnects. */
function rawClient(port, head, chunks, intervalMs, giveUpMs) {
  return new Promise((res) => {
    const s = connect(port, "127.0.0.1");
    let answered = false;
    const done = () => {
      clearInterval(timer);
      clearTimeout(bail);
      s.destroy();
      res(answered);
    };
    s.on("data", () => {
      answered = true;
    });
    s.on("error", done);
    s.on("close", done);
    s.write(head);
    let n = 0;
    const timer = setInterval(() => {
      if (n < chunks.length) s.write(chunks[n++]);
    }, intervalMs);
    const bail = setTimeout(done, giveUpMs);
  });
}

async function faults(url, port, end) {
  const body = '{"tokenType":"rtm","uid":"alice"}';
  const head = (len) =>
    `POST /getToken HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${API_KEY}\r\nContent-Length: ${len}\r\n\r\n`;
  let nextBurst = performance.now() + 5000;
  while (performance.now() < end) {
    // Half a body, then gone.
    await rawClient(port, head(body.length) + body.slice(0, 10), [], 10, 50);
    stats.faults.halfBodyDisconnects++;
    // A slowloris: one byte every 200 ms, given up after 3 s (without waiting for it).
    stats.faults.slowloris++;
    rawClient(port, head(body.length), [...body], 200, 3000).then((a) => a && stats.faults.slowlorisAnswered++);
    // An oversized body: 64 KiB.
    try {
      const r = await request(url, { method: "POST", path: "/getToken", headers: { ...json, ...auth() }, body: "x".repeat(65536) });
      stats.faults.oversized++;
      if (r.status === 413) stats.faults.oversizedOk++;
      if (r.status >= 500) stats.fiveXX++;
    } catch {
      stats.faults.oversized++;
    }
    if (performance.now() >= nextBurst) {
      nextBurst += 5000;
      const burst = await Promise.allSettled(
        Array.from({ length: 200 }, () => request(url, MIX[0][3]).then((r) => {
          stats.faults.burstRequests++;
          if (r.status >= 500) stats.fiveXX++;
          if (r.status === 200) toVerify.push(MIX[0][4](JSON.parse(r.text)));
          else stats.unexpected["burst"] = (stats.unexpected["burst"] || 0) + 1;
        })),
      );
      const lost = burst.filter((b) => b.status === "rejected").length;
      stats.faults.burstDropped += lost;
      stats.dropped += lost;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const server = await startWorker({ appId: APP_ID, certificate: CERT, apiKey: API_KEY, verbose: true });
const samples = [];
const sampler = setInterval(() => samples.push(rssKiB(server.pid)), 1000);
let report;
try {
  const t0 = performance.now();
  const end = t0 + duration * 1000;
  await Promise.all([
    ...Array.from({ length: opts["no-load"] ? 0 : concurrency }, () => loadLoop(server.url, end)),
    opts["no-faults"] ? null : faults(server.url, server.port, end),
  ]);
  const elapsed = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 3200)); // the last slowloris clients give up
  // The server still answers normally after all of it.
  const after = await request(server.url, { method: "GET", path: "/ping" });
  if (after.status !== 200) stats.unexpected["ping after the run"] = 1;
  clearInterval(sampler);
  for (const [token, expected] of toVerify) {
    stats.tokens++;
    const v = pkg.verifyToken(token, CERT, { ...expected, appId: APP_ID, now: null });
    if (!(v.valid && v.signatureValid === true)) stats.tokensFailed++;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  // workerd's heap grows for the first ~30 s of load (V8 sizing its heap), then holds: the
  // plateau check compares the two halves of the second half of a run of at least 45 s.
  const plateau = duration >= 45 ? samples.slice(Math.floor(samples.length / 2)) : [];
  const half = Math.floor(plateau.length / 2);
  const early = plateau.length ? median(plateau.slice(0, half)) : null;
  const late = plateau.length ? median(plateau.slice(half)) : null;
  report = {
    durationSeconds: Number(elapsed.toFixed(1)),
    concurrency,
    requests: stats.requests,
    requestsPerSecond: Number((stats.requests / elapsed).toFixed(1)),
    p50Ms: Number(pct(50).toFixed(2)),
    p99Ms: Number(pct(99).toFixed(2)),
    statuses: stats.statuses,
    fiveXX: stats.fiveXX,
    droppedConnections: stats.dropped,
    unexpected: stats.unexpected,
    tokensVerified: stats.tokens - stats.tokensFailed,
    tokensFailed: stats.tokensFailed,
    faults: stats.faults,
    workerdRssKiB: { first: samples[0], last: samples.at(-1), max: Math.max(...samples), earlyMedian: early, lateMedian: late, samples: samples.length, series: samples },
  };
} finally {
  clearInterval(sampler);
  capture(`${SERVER}.log`, server.log());
  await server.stop();
}
const r = report;
const CAP_KIB = 512 * 1024;
const grew = r.workerdRssKiB.earlyMedian === null ? 0 : r.workerdRssKiB.lateMedian - r.workerdRssKiB.earlyMedian;
const allowed = Math.max(0.1 * r.workerdRssKiB.earlyMedian, 24 * 1024);
if (opts.json) console.log(JSON.stringify(r));
else {
  console.log(
    `[soak] ${r.requests} load requests in ${r.durationSeconds} s at concurrency ${r.concurrency}: ${r.requestsPerSecond} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`,
  );
  console.log(`[soak] statuses ${JSON.stringify(r.statuses)}; 5xx ${r.fiveXX}; dropped connections ${r.droppedConnections}; unexpected ${JSON.stringify(r.unexpected)}`);
  console.log(`[soak] tokens verified ${r.tokensVerified}, failed ${r.tokensFailed}`);
  console.log(`[soak] faults ${JSON.stringify(r.faults)}`);
  const m = r.workerdRssKiB;
  console.log(`[soak] ${SERVER} RSS (KiB): first ${m.first}, last ${m.last}, max ${m.max} (cap ${CAP_KIB}) over ${m.samples} samples`);
  console.log(
    m.earlyMedian === null
      ? `[soak] plateau check skipped: it needs a run of at least 45 s (the heap grows for the first ~30 s)`
      : `[soak] plateau: median RSS ${m.earlyMedian} KiB in the third quarter → ${m.lateMedian} KiB in the last (allowed growth ${Math.round(allowed)})`,
  );
}
const problems = [];
if (r.fiveXX) problems.push(`${r.fiveXX} answers of 5xx`);
if (r.droppedConnections) problems.push(`${r.droppedConnections} dropped connections`);
if (Object.keys(r.unexpected).length) problems.push(`unexpected statuses ${JSON.stringify(r.unexpected)}`);
if (r.tokensFailed || (!r.tokensVerified && !opts["no-load"])) problems.push(`${r.tokensFailed} tokens failed to verify (${r.tokensVerified} verified)`);
if (r.faults.oversizedOk !== r.faults.oversized) problems.push(`oversized bodies: ${r.faults.oversizedOk}/${r.faults.oversized} got 413`);
if (grew > allowed) problems.push(`workerd memory kept growing: +${grew} KiB in the second half`);
if (r.workerdRssKiB.max > CAP_KIB) problems.push(`${SERVER} RSS reached ${r.workerdRssKiB.max} KiB`);
if (!r.workerdRssKiB.samples) problems.push("no memory samples");
if (problems.length) {
  console.error(`[soak] FAILED: ${problems.join("; ")}`);
  process.exit(1);
}
