// Node.js, ES modules (`import … from "agora-token-wasm"`): the same instance as
// `require`, so a program that mixes both loads the module once.
export * from './node/agora_token_wasm.js'
