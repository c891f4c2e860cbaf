import t from 'tap'
import { createProbelyIds, isBase58 } from '../../../src/vendors/probely/ids'

t.test('new ids: 12 Base58 characters, none repeated across several draws of random bytes, each source its own', async t => {
  const next = createProbelyIds()
  const ids = Array.from({ length: 2000 }, next) // eight draws of 256 ids
  t.ok(ids.every(id => id.length === 12 && isBase58(id)), 'each 12 Base58 characters')
  t.equal(new Set(ids).size, ids.length, 'no id repeated')
  const other = createProbelyIds()
  t.notOk(ids.includes(other()), "another source's first id is none of these")
  // each of the 58 characters is met in every position (random bytes, each mod 58: a miss is ~e^-31 likely)
  for (let at = 0; at < 12; at++) t.equal(new Set(ids.map(id => id[at])).size, 58, `position ${at}: all 58 characters`)
})

t.test('isBase58 refuses what Base58 leaves out: 0, O, I, l and anything not alphanumeric', async t => {
  for (const id of ['0abc', 'Oabc', 'Iabc', 'labc', 'ab-c', '']) t.notOk(isBase58(id), JSON.stringify(id))
  t.ok(isBase58('AxtkqTE1AbFd'))
})
