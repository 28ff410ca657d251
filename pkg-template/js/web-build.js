// The builder-only entry for browsers, bundlers and workerd: the API and the glue's initialisers.
export * from './build.js'
export { default, initSync } from './glue.js'
