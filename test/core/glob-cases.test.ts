import t from 'tap'
import { compileGlob } from '../../src/core/glob'

t.test('** runs to the next literal, not to the end of the glob', async t => {
  t.equal(compileGlob('/a/**/z')('/a/b/c'), false, 'the /z after ** must still be there')
  t.equal(compileGlob('/a/**/z')('/a/b/c/z'), true)
  t.equal(compileGlob('/a/***/z')('/a/b/c/z'), true, '*** is **')
  t.equal(compileGlob('/a/***/z')('/a/b/c'), false)
  t.equal(compileGlob('/a/***/z')('/a/bz'), false, 'the / after *** is still there')
})

t.test('? is one character of a segment, never its /', async t => {
  t.equal(compileGlob('/a?b')('/a/b'), false)
  t.equal(compileGlob('/a?b')('/axb'), true)
  t.equal(compileGlob('/a?b')('/ab'), false, 'exactly one')
})

t.test('a glob without wildcards is the path itself', async t => {
  t.equal(compileGlob('/health')('/health'), true)
  t.equal(compileGlob('/health')('/healthz'), false)
  t.equal(compileGlob('')(''), true)
})
