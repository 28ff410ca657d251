#!/usr/bin/env node
// Secret-hygiene scan: searches every file under DIR (captured responses, headers and
// workerd logs) for the canary certificate in any form it could leak in:
//   - as text, in any letter case (hex is case-insensitive);
//   - base64 and base64url of its ASCII text and of its 16 raw bytes, at each of the three
//     byte alignments (only the alignment-independent middle of each encoding is matched).
//
//   node tests/security/canary-scan.mjs DIR CANARY
//
// Before scanning, it checks that it finds a canary planted in each form (so that a scan
// that matches nothing is not mistaken for a clean one). Exits 1 on any hit.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const [dir, canary] = process.argv.slice(2);
if (!dir || !/^[0-9a-fA-F]{32}$/.test(canary || "")) {
  console.error("usage: canary-scan.mjs DIR CANARY(32 hex)");
  process.exit(2);
}

/** The alignment-independent middles of the base64 encodings of `data`. */
function base64Forms(data) {
  const out = [];
  for (let pad = 0; pad < 3; pad++) {
    const enc = Buffer.concat([Buffer.alloc(pad), data]).toString("base64").replace(/=+$/, "");
    const skip = [0, 2, 3][pad]; // characters that mix in the padding bytes
    const mid = enc.slice(skip, enc.length - 3); // the last characters mix in what follows
    out.push(mid, mid.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

const forms = [
  ...new Set([
    ...base64Forms(Buffer.from(canary.toLowerCase(), "ascii")),
    ...base64Forms(Buffer.from(canary.toUpperCase(), "ascii")),
    ...base64Forms(Buffer.from(canary, "ascii")),
    ...base64Forms(Buffer.from(canary, "hex")),
  ]),
];
const hexForm = canary.toLowerCase();

function hits(text) {
  const found = [];
  if (text.toLowerCase().includes(hexForm)) found.push("hex text (any case)");
  for (const f of forms) if (text.includes(f)) found.push(`base64 form ${f}`);
  return found;
}

// Self-check: every form is found when planted.
const planted = [
  `x ${canary.toUpperCase()} y`,
  Buffer.from(`{"c":"${canary}"}`).toString("base64"),
  Buffer.from(`ab${canary}`).toString("base64url"),
  Buffer.concat([Buffer.from("z"), Buffer.from(canary, "hex")]).toString("base64"),
];
for (const p of planted) {
  if (hits(p).length === 0) {
    console.error(`[canary-scan] self-check failed: did not find the canary in ${p}`);
    process.exit(2);
  }
}

function* files(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

let bytes = 0;
let count = 0;
const found = [];
for (const f of files(dir)) {
  const data = readFileSync(f);
  bytes += data.length;
  count++;
  const text = data.toString("latin1");
  for (const h of hits(text)) found.push(`${f}: ${h}`);
}
console.log(
  `[canary-scan] ${count} files, ${bytes} bytes of responses, headers and logs scanned for the canary in ${forms.length + 1} forms: ${found.length} hits`,
);
if (count === 0 || bytes === 0) {
  console.error("[canary-scan] nothing was captured");
  process.exit(1);
}
if (found.length) {
  console.error(found.slice(0, 20).join("\n"));
  process.exit(1);
}
