'use strict'
// A TypeScript require hook for Stryker's test processes: esbuild strips the types of each .ts file as it
// is required (ts-node, as tap runs it, spent ~3 s of CPU a test file on that, most of a small file's run)
const { readFileSync } = require('node:fs')
const Module = require('node:module')
const { transformSync } = require('esbuild')

// the CommonJS loader's table of extensions, as ts-node and esbuild-register fill it
Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'inline'
  })
  module._compile(code, filename)
}
