// Node.js, CommonJS (`require("agora-token-wasm")`): wasm-bindgen's nodejs glue, which
// compiles and instantiates the .wasm synchronously on load. Nothing to initialise.
'use strict'
module.exports = require('./node/agora_token_wasm.js')
