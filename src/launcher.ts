#!/usr/bin/env node
/**
 * The `scanstub` command (dist/scanstub.js): runs the CLI bundle (dist/scanstub.bundle.js) from the
 * V8 code cache the build made for it (dist/scanstub.bundle.cache), so a start does not compile again
 * the functions every start runs: about a third of a cold start on the project's machine.
 *
 * `npm run bundle` makes the cache by starting the server once with SCANSTUB_CODE_CACHE_OUT set to the
 * cache's path and answering a few requests; at exit this process writes the code V8 compiled by then
 * (the v8-compile-cache package keeps only what is compiled before the code first runs: measured, it
 * saved a fifth of what this does). The cache starts with the SHA-256 of the bundle it was made
 * from; a cache of another bundle, or of another V8, is not used, and the bundle is compiled as usual.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { join } from 'node:path'
import { Script } from 'node:vm'

const DIGEST_BYTES = 32

type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void

/**
 * The bundle compiled, from the cache when it fits. A function of its own so that the file buffers
 * and the Script die with its scope once the server runs (kept, they cost an idle server 3.4 MB).
 */
function compileBundle (bundlePath: string): ModuleFunction {
  const bundle = readFileSync(bundlePath)
  const digest = createHash('sha256').update(bundle).digest()
  let cached: Buffer | undefined
  try {
    const file = readFileSync(join(__dirname, 'scanstub.bundle.cache'))
    if (file.subarray(0, DIGEST_BYTES).equals(digest)) cached = file.subarray(DIGEST_BYTES)
  } catch {
    // no cache: compile as usual
  }
  const script = new Script(Module.wrap(bundle.toString('utf8').replace(/^#!.*/, '')), { filename: bundlePath, cachedData: cached })
  const out = process.env.SCANSTUB_CODE_CACHE_OUT
  if (out !== undefined) {
    delete process.env.SCANSTUB_CODE_CACHE_OUT
    process.once('exit', () => writeFileSync(out, Buffer.concat([digest, script.createCachedData()])))
  }
  return script.runInThisContext() as ModuleFunction
}

const bundlePath = join(__dirname, 'scanstub.bundle.js')
const run = compileBundle(bundlePath)
// the bundle runs as this module: `require.main === module` holds, and it requires from dist/
run.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, __dirname)
