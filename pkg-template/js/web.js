// The main entry for browsers, bundlers and workerd: the API and the glue's initialisers.
export * from './main.js'
export { default, initSync } from './glue.js'
