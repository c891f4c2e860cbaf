import t from 'tap'
import { compileGlob } from '../../src/core/glob'

t.test('globs: * within a segment, ** across, ? one character, the rest literal', async t => {
  const cases: [string, string, boolean][] = [
    ['/api/v1/scans/*', '/api/v1/scans/scan-adhoc', true],
    ['/api/v1/scans/*', '/api/v1/scans/a/b', false],
    ['/api/v1/scans/*', '/api/v1/scans/', true],
    ['/targets/**', '/targets/AxtkqTE1AbFd/scheduledscans/Dq7/', true],
    ['/targets/**', '/target', false],
    ['/**', '/anything/at/all', true],
    ['/api/v?/scans', '/api/v1/scans', true],
    ['/api/v?/scans', '/api/v12/scans', false],
    ['/a.b', '/a.b', true],
    ['/a.b', '/aXb', false],
    ['/x/*/y/**/z', '/x/1/y/2/3/z', true],
    ['/x/*/y/**/z', '/x/1/2/y/z', false],
    ['**', '', true],
    ['*', '/', false]
  ]
  for (const [glob, path, expected] of cases) t.equal(compileGlob(glob)(path), expected, `${glob} ${expected ? 'matches' : 'does not match'} ${path}`)
})

t.test('a pathological glob is matched in linear time, not by backtracking', async t => {
  const match = compileGlob('/**a**a**a**b')
  const path = '/' + 'a'.repeat(499)
  t.equal(match(path), false)
  t.equal(match(path + 'b'), true)
  const start = process.hrtime.bigint()
  let rounds = 0
  for (; rounds < 50; rounds++) match(path)
  const msEach = Number(process.hrtime.bigint() - start) / 1e6 / rounds
  t.comment(`/**a**a**a**b against 500 characters: ${msEach.toFixed(3)} ms per match`)
  t.ok(msEach < 50, 'well under the 10 s a backtracking regex took (a generous bound, not a benchmark)')
})
