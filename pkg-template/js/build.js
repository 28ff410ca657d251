// The builder-only entry's API (agora-token-wasm/build): the main entry without the readers.
export * from './builders.js'
export * from './dropins.js'
export { VOCABULARY as vocabulary } from '../generated/vocab.js'
