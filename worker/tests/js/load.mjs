#!/usr/bin/env node
// Bounded load test of the token Worker, loopback only.
//
//   node worker/tests/js/load.mjs [--duration 10] [--concurrency 16] [--max-requests 200000]
//                              [--url http://127.0.0.1:8787] [--api-key KEY] [--json]
//
// Without --url it starts the built Worker (worker/build, see worker/build.sh) on raw
// workerd on a free 127.0.0.1 port with test credentials, and stops it by process group
// afterwards. It sends a fixed mix of valid and invalid requests for at most --duration
// seconds (capped at 30) or --max-requests requests, whichever comes first, and reports
// requests/s, p50/p99 latency and the count of non-2xx answers. It exits non-zero if any
// request fails at the network level or gets a status other than the one its kind expects.
import { parseArgs } from "node:util";

import { SERVER, startServer as startWorker } from "./server.mjs";

const { values: opts } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    concurrency: { type: "string", default: "16" },
    "max-requests": { type: "string", default: "200000" },
    url: { type: "string" },
    "api-key": { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const duration = Math.min(Number(opts.duration), 30);
const concurrency = Math.max(1, Math.min(Number(opts.concurrency), 256));
const maxRequests = Math.max(1, Number(opts["max-requests"]));
if (!(duration > 0)) throw new Error("--duration must be a positive number of seconds (at most 30)");

const APP_ID = "970CA35de60c44645bbae8a215061b33";
const CERT = "5CFd2fd1755d40ecb72977518be15d3b";

const json = { "Content-Type": "application/json" };
// [weight, name, expected status, request]
const MIX = [
  [50, "getToken rtc 007", 200, { method: "POST", path: "/getToken", headers: json, body: '{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}' }],
  [10, "getToken rtm+channel", 200, { method: "POST", path: "/getToken", headers: json, body: '{"tokenType":"rtm","uid":"alice","channel":"s1"}' }],
  [10, "GET /rtc 006", 200, { method: "GET", path: "/rtc/demo/subscriber/userAccount/bob/?expiry=600&version=006" }],
  [10, "uid 4294967296", 400, { method: "POST", path: "/getToken", headers: json, body: '{"tokenType":"rtc","channel":"demo","uid":"4294967296"}' }],
  [5, "expire over max", 400, { method: "POST", path: "/getToken", headers: json, body: '{"tokenType":"rtm","uid":"a","expire":999999}' }],
  [5, "bad JSON", 400, { method: "POST", path: "/getToken", headers: json, body: '{"tokenType":' }],
  [5, "unknown route", 404, { method: "GET", path: "/nope" }],
  [5, "wrong method", 405, { method: "GET", path: "/getToken" }],
];
const schedule = MIX.flatMap((m, i) => Array(m[0]).fill(i));

async function run(url, apiKey) {
  const latencies = [];
  const byKind = MIX.map(() => ({ n: 0, unexpected: 0 }));
  let sent = 0;
  let non2xx = 0;
  let networkErrors = 0;
  const statuses = {};
  const t0 = performance.now();
  const end = t0 + duration * 1000;
  async function workerLoop() {
    while (performance.now() < end && sent < maxRequests) {
      const k = schedule[sent++ % schedule.length];
      const [, , expected, r] = MIX[k];
      const headers = { ...(r.headers || {}) };
      if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
      const start = performance.now();
      try {
        const res = await fetch(url + r.path, { method: r.method, headers, body: r.body });
        await res.arrayBuffer();
        latencies.push(performance.now() - start);
        statuses[res.status] = (statuses[res.status] || 0) + 1;
        if (res.status < 200 || res.status > 299) non2xx++;
        byKind[k].n++;
        if (res.status !== expected) byKind[k].unexpected++;
      } catch {
        networkErrors++;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, workerLoop));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
  return {
    url,
    durationSeconds: Number(elapsed.toFixed(2)),
    concurrency,
    requests: latencies.length,
    requestsPerSecond: Number((latencies.length / elapsed).toFixed(1)),
    p50Ms: Number(pct(50).toFixed(2)),
    p99Ms: Number(pct(99).toFixed(2)),
    non2xx,
    networkErrors,
    statuses,
    unexpected: Object.fromEntries(MIX.map((m, i) => [m[1], byKind[i].unexpected]).filter(([, u]) => u > 0)),
  };
}

let server;
let url = opts.url;
if (url) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host)) throw new Error(`loopback only: ${host}`);
} else {
  server = await startWorker({ appId: APP_ID, certificate: CERT });
  url = server.url;
}
let report;
try {
  report = await run(url, opts["api-key"]);
} finally {
  await server?.stop();
}
if (opts.json) {
  console.log(JSON.stringify(report));
} else {
  console.log(
    `[load] ${report.requests} requests in ${report.durationSeconds} s at concurrency ${report.concurrency}: ` +
      `${report.requestsPerSecond} req/s, p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms, ` +
      `non-2xx ${report.non2xx} (expected: the invalid part of the mix), network errors ${report.networkErrors}`,
  );
  console.log(`[load] statuses ${JSON.stringify(report.statuses)}`);
}
const unexpected = Object.values(report.unexpected).reduce((a, b) => a + b, 0);
if (report.networkErrors > 0 || unexpected > 0 || report.requests === 0) {
  console.error(`[load] FAILED: ${report.networkErrors} network errors, unexpected statuses ${JSON.stringify(report.unexpected)}`);
  process.exit(1);
}
