#!/usr/bin/env node
// The hostile-input catalogue (catalogue.json) and the deflate bombs (bombs.json) against
// the built npm package, in Node:
//
//   node tests/hostile/npm.mjs [pkg-dir]        (default: pkg, built by pkg-template/build.sh)
//
// Each case's input is converted to JS values (markers: $repeat, $concat, $hex decoded
// lossily as UTF-8, $bomb, and $js: NaN, Infinity, -Infinity, loneSurrogate) and passed to
// buildRtcToken / buildRtmToken / inspectToken + verifyToken. A thrown error must carry the
// catalogue's `code`; "OK" means no error. Bombs: inspectToken and verifyToken must give
// PAYLOAD_TOO_LARGE, each within a generous time bound, without growing the process's
// resident memory by more than 64 MiB. Exits non-zero on any mismatch.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(process.argv[2] || join(HERE, "../../pkg"));
const require = createRequire(import.meta.url);
const pkg = require(pkgDir); // CommonJS entry (node/…), as `require("agora-token-wasm")`

const APP_ID = "970CA35de60c44645bbae8a215061b33";
const CERT = "5CFd2fd1755d40ecb72977518be15d3b";
const NOW = 1_700_000_000;
const catalogue = JSON.parse(readFileSync(join(HERE, "catalogue.json"), "utf8"));
const bombs = JSON.parse(readFileSync(join(HERE, "bombs.json"), "utf8")).bombs;

function bytesOf(v) {
  if (typeof v === "string") return Buffer.from(v, "utf8");
  const [k, arg] = Object.entries(v)[0];
  switch (k) {
    case "$repeat": return Buffer.from(arg[0].repeat(arg[1]), "utf8");
    case "$concat": return Buffer.concat(arg.map(bytesOf));
    case "$hex": return Buffer.from(arg, "hex");
    case "$bomb": return Buffer.from(bombs.find((b) => b.id === arg).token, "utf8");
    default: throw new Error(`unknown marker ${k}`);
  }
}

/** A catalogue value as a JS value. */
function js(v) {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(js);
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0].startsWith("$")) {
    if (keys[0] === "$js") {
      return { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, loneSurrogate: "a\ud800b" }[v.$js];
    }
    return new TextDecoder().decode(bytesOf(v)); // lossy, as any caller would decode
  }
  return Object.fromEntries(keys.map((k) => [k, js(v[k])]));
}

function attempt(f) {
  try {
    f();
    return "OK";
  } catch (e) {
    if (typeof e?.code !== "string") return `untyped error: ${e}`;
    if (String(e.message).includes(CERT)) return `certificate in the message`;
    return e.code;
  }
}

const base = { appId: APP_ID, appCertificate: CERT, issuedAt: NOW, salt: 1 };
function run(c) {
  const input = js(c.input);
  switch (c.op) {
    case "rtc": return attempt(() => pkg.buildRtcToken({ ...base, ...input }));
    case "rtm": return attempt(() => pkg.buildRtmToken({ ...base, ...input }));
    case "inspect": {
      const got = attempt(() => pkg.inspectToken(input.token, NOW));
      // verifyToken does not throw for a malformed token: it says MALFORMED, with the code.
      // Inputs the binding refuses before parsing (over 65,536 characters) throw instead.
      if (typeof input.token === "string") {
        let v;
        try {
          v = pkg.verifyToken(input.token, CERT, { now: NOW });
        } catch (e) {
          v = { valid: false, reason: "MALFORMED", code: e.code };
        }
        if (got !== "OK" && (v.valid || v.reason !== "MALFORMED" || v.code !== got)) {
          return `verifyToken gave ${JSON.stringify({ valid: v.valid, reason: v.reason, code: v.code })} where inspectToken threw ${got}`;
        }
      }
      return got;
    }
    default: throw new Error(`${c.id}: an ${c.op} case must be na for npm`);
  }
}

let ran = 0, skipped = 0;
const failures = [];
for (const c of catalogue.cases) {
  const want = c.expect.npm;
  if (want === undefined) throw new Error(`${c.id}: no npm expectation`);
  if (typeof want === "object" && want.na) { skipped++; continue; }
  const got = run(c);
  ran++;
  if (got !== want) failures.push(`${c.id}: expected ${want}, got ${got}`);
}
console.log(`[hostile/npm] ${ran} cases run, ${skipped} not applicable to the npm package`);

// ---- bombs ----
const rssMiB = () => process.memoryUsage().rss / 1048576;
// The 100 MiB bomb is over the package's 65,536-character string limit: FIELD_TOO_LONG
// before any decoding (the catalogue checks that); the others reach the inflater.
for (const b of bombs.filter((b) => b.token.length <= 65536)) {
  const before = rssMiB();
  let t = performance.now();
  const ic = attempt(() => pkg.inspectToken(b.token, NOW));
  const inspectMs = performance.now() - t;
  t = performance.now();
  const v = pkg.verifyToken(b.token, CERT, { now: NOW });
  const verifyMs = performance.now() - t;
  const grew = rssMiB() - before;
  console.log(
    `[bombs/npm] ${b.id}: inspectToken ${ic} in ${inspectMs.toFixed(2)} ms, verifyToken ${v.reason}/${v.code} in ${verifyMs.toFixed(2)} ms, RSS ${before.toFixed(1)} → ${(before + grew).toFixed(1)} MiB`,
  );
  if (ic !== "PAYLOAD_TOO_LARGE") failures.push(`bomb ${b.id}: inspectToken gave ${ic}`);
  if (v.valid || v.reason !== "MALFORMED" || v.code !== "PAYLOAD_TOO_LARGE") failures.push(`bomb ${b.id}: verifyToken gave ${JSON.stringify(v)}`);
  if (inspectMs > 1000 || verifyMs > 1000) failures.push(`bomb ${b.id}: too slow`);
  if (grew > 64) failures.push(`bomb ${b.id}: RSS grew by ${grew.toFixed(1)} MiB`);
}
console.log(`[bombs/npm] peak RSS of the Node process: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);

if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
