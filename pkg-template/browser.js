// Browsers and bundlers: fetches and instantiates the .wasm next to this file (top-level
// await), then exports the API ready to use. Without top-level await, or to pass the
// bytes or a compiled WebAssembly.Module yourself, import "agora-token-wasm/web" and call
// its default export `init(...)` or `initSync({ module })` first.
import init from './web/agora_token_wasm.js'

await init({ module_or_path: new URL('./web/agora_token_wasm_bg.wasm', import.meta.url) })

export * from './web/agora_token_wasm.js'
