import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { packageRoot } from '../src/paths'
import { tempDir } from './helpers'

/** Not a timed test: only that `npm run bench`'s script runs for a second and prints its table. */
t.test('the bench script runs briefly and prints its table, and writes its files', { timeout: 180_000 }, async t => {
  const out = tempDir(t)
  const res = spawnSync(process.execPath, [join(packageRoot, 'dist', 'bench', 'run.js'), '--duration', '1', '--rounds', '2', '--warmup', '0', '--starts', '1', '--connections', '4', '--out', out],
    { encoding: 'utf8', timeout: 170_000 })
  t.equal(res.status, 0, res.stderr)
  t.match(res.stdout, /\| server \| route \| requests\/s \| p50 ms \| p99 ms \| non-2xx \| peak RSS MB \| ratio to ceiling \|/)
  for (const row of ['| ceiling | Neostra PATCH |', '| scanstub | Neostra PATCH |', '| ceiling | Probely PATCH |', '| scanstub | Probely PATCH |']) {
    t.ok(res.stdout.includes(row), row)
  }
  t.match(res.stdout, /\| scanstub \| Neostra PATCH \| \d+ \| [\d.]+ \| [\d.]+ \| 0 \|/, 'scanstub answered every PATCH with a 2xx')
  t.match(res.stdout, /cold start \(spawn to first 200 on a PATCH\)/)
  t.match(res.stdout, /Cold start pairs, ceiling \/ scanstub ms: \d+ \/ \d+\./)
  t.match(res.stdout, /Idle RSS of scanstub: [\d.]+ MB/)
  t.match(res.stdout, /median of 2 paired rounds of 0 s warm-up and 1 s measured per server/)
  t.ok(existsSync(join(out, 'results.svg')))
  t.match(readFileSync(join(out, 'results.svg'), 'utf8'), /^<svg /)
  t.equal(readFileSync(join(out, 'results.md'), 'utf8').trim(), res.stdout.trim())
})

t.test('a bench option that is not a whole number stops it with one line, before it starts anything', async t => {
  const res = spawnSync(process.execPath, [join(packageRoot, 'dist', 'bench', 'run.js'), '--rounds', 'two'], { encoding: 'utf8', timeout: 30_000 })
  t.equal(res.status, 2)
  t.equal(res.stderr, 'bench: --rounds must be a whole number of at least 1 (got "two")\n')
  t.equal(res.stdout, '')
})
