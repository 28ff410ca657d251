#!/usr/bin/env node
// Builds the API layer of one module variant with esbuild: the ES modules of pkg-template/js/
// bundled over the wasm-bindgen glue (`./glue.js`, left as an import), whitespace and syntax
// minified (names kept),
// comments dropped:
//   - <dir>/web/agora_token_wasm.js: ES module (browsers, bundlers, workerd), with the glue's
//     `default` (init) and `initSync`;
//   - <dir>/node/agora_token_wasm.js: CommonJS (Node's require, and import through index.mjs;
//     esbuild annotates the export names for Node's ESM import of CommonJS).
// The main entry bundles pkg-template/js/main.js; the builder-only one (readers = 0)
// pkg-template/js/build.js, which does not import the readers. (build.sh minifies the glue
// itself with pkg-template/minify.mjs.)
// Usage: node pkg-template/bundle.mjs <dir> <readers: 1 | 0>
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const here = path.dirname(fileURLToPath(import.meta.url))
const [dir, readers = '1'] = process.argv.slice(2)
if (!dir) throw new Error('usage: node pkg-template/bundle.mjs <dir> <readers: 1 | 0>')
const withReaders = readers === '1'

// The glue sits beside the bundle in each variant's directory: keep the import as written.
const glue = {
  name: 'glue',
  setup (build) {
    build.onResolve({ filter: /^\.\/glue\.js$/ }, () => ({ path: './glue.js', external: true }))
  }
}
const common = {
  bundle: true,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  plugins: [glue],
  logLevel: 'warning'
}
const js = name => path.join(here, 'js', name)
await esbuild.build({
  ...common,
  entryPoints: [js(withReaders ? 'web.js' : 'web-build.js')],
  format: 'esm',
  outfile: path.join(dir, 'web/agora_token_wasm.js')
})
await esbuild.build({
  ...common,
  entryPoints: [js(withReaders ? 'main.js' : 'build.js')],
  format: 'cjs',
  platform: 'node',
  outfile: path.join(dir, 'node/agora_token_wasm.js')
})
