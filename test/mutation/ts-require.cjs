'use strict'
// A TypeScript require hook for Stryker's test processes: esbuild strips the types of each .ts file as it
// is required (ts-node, as tap runs it, spent ~3 s of CPU a test file on that, most of a small file's run)
const { readFileSync } = require('node:fs')
const Module = require('node:module')
const { join } = require('node:path')
const { transformSync } = require('esbuild')

const { compilerOptions } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'tsconfig.json'), 'utf8'))

// the CommonJS loader's table of extensions, as ts-node and esbuild-register fill it
Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
    // the project's own compiler options (strict: a write to a frozen record must throw; ES2022 class fields)
    tsconfigRaw: { compilerOptions }
  })
  module._compile(code, filename)
}
