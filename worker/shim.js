// The Worker module's entry (appended to wasm-bindgen's `--target web` glue by
// worker/build.sh into worker/build/index.js): instantiate the module once per isolate, then
// hand every request to the Rust `fetch` (worker/src/entry.rs).
import agoraTokenWorkerWasm from './index_bg.wasm'

initSync({ module: agoraTokenWorkerWasm })

export default {
  fetch (request, env) {
    return fetch(request, env)
  }
}
