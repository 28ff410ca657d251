// Deno, browsers and bundlers (the `deno`, `browser` and `default` conditions): the .wasm is
// embedded in ./embed/wasm.js (base64), so no runtime permission (Deno reads no file),
// no fetch and no bundler asset rule is needed, and it is compiled synchronously on import
// (no top-level await, so any bundle format works). To fetch the .wasm file instead
// (smaller download, streaming compilation), import "agora-token-wasm/web" and call its
// `init(url)`, or use ./browser.js in a page with an import map.
import { initSync } from './web/agora_token_wasm.js'
import { wasm } from './embed/wasm.js'

initSync({ module: wasm })

export * from './web/agora_token_wasm.js'
