// Cloudflare Workers / workerd (no nodejs_compat needed): the runtime refuses to compile
// WebAssembly from bytes, so the .wasm is imported as a module (wrangler and workerd's
// `wasm = embed` both provide a compiled WebAssembly.Module) and instantiated synchronously.
import wasmModule from './web/agora_token_wasm_bg.wasm'
import { initSync } from './web/agora_token_wasm.js'

initSync({ module: wasmModule })

export * from './web/agora_token_wasm.js'
