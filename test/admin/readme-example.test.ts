import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import t from 'tap'
import { tempDir } from '../helpers'

const root = resolve(__dirname, '../..')

/** The README's in-process example, as written, with `scanstub` pointing at this checkout's source. */
function readmeExample (): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## In a Node test suite'))
  const block = /```ts\n([\s\S]*?)```/.exec(section)
  if (!block) throw new Error('no ts block in the README\'s "In a Node test suite" section')
  return block[1].replace("from 'scanstub'", `from ${JSON.stringify(join(root, 'src/index.ts'))}`)
}

t.test('the README\'s in-process example (a Probely PATCH, a retry after 503s, a background call) passes as written', async t => {
  const code = readmeExample()
  t.match(code, /sequence: \[\{ status: 503 \}, \{ status: 503 \}\]/, 'the retry test')
  t.match(code, /stub\.waitFor\(/, 'the async test')
  const file = join(tempDir(t), 'readme-example.test.ts')
  writeFileSync(file, code)
  const loader = join(root, 'node_modules/@tapjs/typescript/dist/esm/import.mjs')
  // node:test in a child process, bounded in time; it exits non-zero when any of its tests fails
  const out = execFileSync(process.execPath, [`--import=file://${loader}`, '--test', '--test-reporter=tap', file], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  t.match(out, /# pass 3/)
  t.match(out, /# fail 0/)
})
