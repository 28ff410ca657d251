#!/usr/bin/env node
// Minifies files of the package in place with esbuild (whitespace and syntax, comments
// dropped, names and module format kept): the hand-written entry points, whose comments
// document them in pkg-template/, not in what a runtime loads, and wasm-bindgen's glue.
// Usage: node pkg-template/minify.mjs <file>...
import fs from 'node:fs'
import * as esbuild from 'esbuild'

const files = process.argv.slice(2)
if (files.length === 0) throw new Error('usage: node pkg-template/minify.mjs <file>...')
for (const file of files) {
  const { code } = await esbuild.transform(fs.readFileSync(file, 'utf8'), {
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning'
  })
  fs.writeFileSync(file, code)
}
