// The main entry's API: the builders, the drop-in classes, the readers and the vocabulary.
export * from './builders.js'
export * from './dropins.js'
export { VOCABULARY as vocabulary } from '../generated/vocab.js'
export * from './readers.js'
