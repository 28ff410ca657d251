// Every wasm export returns its result (a token string, or a plain object) or the coded
// Error to throw: one return value keeps V8 on its generic JS-to-wasm wrapper (see
// src/js/error.rs).
export function ok (r) {
  if (r instanceof Error) throw r
  return r
}
