import t, { type Test } from 'tap'
import { openDatabase } from '../../src/store/db'
import { KeptPages } from '../../src/store/kept-pages'

// KeptPages over a real SQLite connection: a page is kept until any row changes, a rollback clears it,
// and the bytes it holds are bounded.

function setUp (t: Test, bytes: number) {
  const db = openDatabase(':memory:')
  t.teardown(() => db.close())
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, v TEXT)')
  const pages = new KeptPages(db, bytes)
  const builds: string[] = []
  /** the answer of `key`, counting the builds: its bytes read from the table */
  const answer = async (key: string, size = 10): Promise<Buffer> => (await pages.answer(key, async () => {
    builds.push(key)
    const text = (db.prepare('SELECT group_concat(v) FROM rows').pluck().get() as string | null) ?? ''
    const page = Buffer.alloc(size, ' ')
    page.write(text)
    return page
  }))!
  return { db, pages, builds, answer }
}

t.test('a page is built once, then kept while no row changes; any write drops every page', async t => {
  const { db, builds, answer } = setUp(t, 1024)
  db.prepare("INSERT INTO rows (v) VALUES ('a')").run()
  const first = await answer('p')
  t.equal(first.toString().trim(), 'a')
  t.equal(await answer('p'), first, 'the same bytes, not built again')
  await answer('q')
  t.same(builds, ['p', 'q'], 'each key its own page')

  db.prepare("INSERT INTO rows (v) VALUES ('b')").run()
  t.equal((await answer('p'))?.toString().trim(), 'a,b', 'an insert: built again, and shows it')
  db.prepare("UPDATE rows SET v = 'c' WHERE v = 'a'").run()
  t.equal((await answer('p'))?.toString().trim(), 'c,b', 'an update')
  db.prepare("DELETE FROM rows WHERE v = 'b'").run()
  t.equal((await answer('p'))?.toString().trim(), 'c', 'a delete')
  t.equal((await answer('q'))?.toString().trim(), 'c', 'the other key was dropped too')
  db.prepare("UPDATE rows SET v = 'x' WHERE v = 'none'").run()
  await answer('p')
  t.same(builds, ['p', 'q', 'p', 'p', 'p', 'q'], 'a statement that changed no row keeps them')
})

t.test('a write made while a page is built leaves it unkept; so does a clear()', async t => {
  // 64 KB: a small Buffer.from() is a slice of Node's shared 8 KB pool, and is counted as all of it
  const { db, pages, builds } = setUp(t, 65536)
  const read = () => Buffer.from(String(db.prepare('SELECT count(*) FROM rows').pluck().get()))
  const slow = (key: string, during: () => void) => pages.answer(key, async () => {
    builds.push(key)
    const page = read()
    await new Promise(resolve => setImmediate(resolve))
    during()
    return page
  })
  t.equal((await slow('p', () => db.prepare("INSERT INTO rows (v) VALUES ('a')").run()))?.toString(), '0')
  t.equal((await pages.answer('p', async () => read()))?.toString(), '1', 'not kept: read again')
  t.equal((await pages.answer('p', async () => Buffer.from('other')))?.toString(), '1', 'and that one kept')
  t.equal((await slow('q', () => pages.clear()))?.toString(), '1')
  t.equal((await pages.answer('q', async () => Buffer.from('again')))?.toString(), 'again', 'a clear() while building: not kept')
  t.equal((await pages.answer('p', async () => Buffer.from('again')))?.toString(), 'again', 'and the clear() dropped the others')
  t.same(builds, ['p', 'q'])
})

t.test('a rolled-back write leaves the count moved: its pages are dropped, and clear() drops the others', async t => {
  const { db, pages, answer } = setUp(t, 1024)
  db.exec('BEGIN')
  db.prepare("INSERT INTO rows (v) VALUES ('uncommitted')").run()
  t.equal((await answer('p', 20))?.toString().trim(), 'uncommitted', 'read inside the open transaction')
  db.exec('ROLLBACK')
  pages.clear() // as the store does after every rollback
  t.equal((await answer('p', 20))?.toString().trim(), '', 'SQLite read again')
})

t.test('no page is answered undefined; an empty budget keeps nothing', async t => {
  const { builds, pages } = setUp(t, 1024)
  let built = 0
  t.equal(await pages.answer('none', async () => { built++; return undefined }), undefined)
  t.equal(await pages.answer('none', async () => { built++; return undefined }), undefined)
  t.equal(built, 2, 'no such page: asked again each time')
  const none = setUp(t, 0)
  await none.answer('p')
  await none.answer('p')
  t.same(none.builds, ['p', 'p'], 'KEPT_PAGES_MB=0: built every time')
  t.same(builds, [], 'the undefined builds were not counted as pages')
})

t.test('at most the budget is kept, the least recently used dropped first; a page past it is never kept', async t => {
  // each page is its own 100-byte buffer: three fit in 300 bytes
  const { builds, answer } = setUp(t, 300)
  for (const key of ['a', 'b', 'c']) await answer(key, 100)
  await answer('a', 100) // used: b is now the least recent
  await answer('d', 100)
  t.same(builds, ['a', 'b', 'c', 'd'])
  for (const key of ['a', 'c', 'd']) await answer(key, 100)
  t.same(builds, ['a', 'b', 'c', 'd'], 'a, c and d still kept')
  await answer('b', 100)
  t.same(builds, ['a', 'b', 'c', 'd', 'b'], 'b was the one dropped')
  await answer('big', 301)
  await answer('big', 301)
  t.same(builds.slice(5), ['big', 'big'], 'larger than the whole budget: never kept')
  for (const key of ['c', 'd', 'b']) await answer(key, 100)
  t.same(builds.length, 7, 'and it dropped none of the kept ones')
  // one page holding its whole (larger) buffer counts the whole buffer
  const { builds: heldBuilds, pages } = setUp(t, 300)
  const held = async (key: string) => pages.answer(key, async () => { heldBuilds.push(key); return Buffer.alloc(200).subarray(0, 10) })
  await held('x')
  await held('y')
  await held('x')
  t.same(heldBuilds, ['x', 'y', 'x'], 'two 10-byte pages in 200-byte buffers do not fit 300 bytes')
})
