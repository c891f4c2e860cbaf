import t from 'tap'
import { ANONYMOUS_TENANT, cutText, Journal, JOURNAL_BODY_LIMIT, type JournalRecord, MAX_WAITERS } from '../../src/core/journal'

// The journal on its own, without an app: its bounds per tenant, its filters, its waiters and how an
// entry reads back. (The admin routes over it are tested in test/admin.)
let n = 0
const entry = (over: Partial<JournalRecord> = {}): JournalRecord => ({
  time: new Date(Date.UTC(2030, 0, 1, 0, 0, n++)).toISOString(),
  tenant: 'default',
  method: 'GET',
  path: '/targets/',
  query: {},
  headers: {},
  body: null,
  status: 200,
  response: { headers: { 'content-type': 'application/json' }, text: '{"ok":true}' },
  durationMs: 1,
  matched: true,
  ...over
})

t.test('each tenant keeps at most its entries and bytes, oldest dropped first; unverified traffic a tenth', async t => {
  const journal = new Journal({ entries: 3, bytes: 1_000_000 })
  for (let i = 0; i < 5; i++) journal.record(entry({ path: `/p${i}` }))
  journal.record(entry({ tenant: 'other' }))
  t.same(journal.find({ tenant: 'default' }).map(e => e.path), ['/p4', '/p3', '/p2'], 'newest first, the oldest two gone')
  t.equal(journal.sizeOf('default'), 3)
  t.equal(journal.sizeOf('other'), 1, 'another tenant\'s traffic evicts nothing of it')
  t.equal(journal.sizeOf('nobody'), 0)
  t.equal(journal.size, 4)

  const anonymous = new Journal({ entries: 20, bytes: 1_000_000 })
  for (let i = 0; i < 5; i++) anonymous.record(entry({ tenant: ANONYMOUS_TENANT }))
  t.equal(anonymous.sizeOf(ANONYMOUS_TENANT), 2, 'a tenth of 20, for unverified traffic')

  const one = new Journal({ entries: 100, bytes: 1_000_000 })
  one.record(entry())
  const size = one.bytes
  t.ok(size > 0)
  const byBytes = new Journal({ entries: 100, bytes: size * 2 })
  for (let i = 0; i < 3; i++) byBytes.record(entry())
  t.equal(byBytes.sizeOf('default'), 2, 'bounded by bytes too')
  t.ok(byBytes.bytes <= size * 2)

  const off = new Journal({ entries: 0, bytes: 1_000_000 })
  const waiting = off.wait({ tenant: 'default' }, 1, 60_000)
  off.record(entry())
  t.equal(off.size, 0, 'a journal of 0 entries keeps nothing')
  t.same(off.find({ tenant: 'default' }), [])
  off.close()
  t.equal((await waiting).timedOut, true, 'and answers no waiter: nothing was journaled')

  // the bytes of an entry count its answer's text
  const small = new Journal({ entries: 100, bytes: 1_000_000 })
  small.record(entry({ time: '2030-01-01T00:00:00.000Z', response: { headers: {}, text: 'x'.repeat(10) } }))
  const big = new Journal({ entries: 100, bytes: 1_000_000 })
  big.record(entry({ time: '2030-01-01T00:00:00.000Z', response: { headers: {}, text: 'x'.repeat(1000) } }))
  t.equal(big.bytes - small.bytes, 990)

  // unverified traffic's tenth is of the bytes too
  const sized = new Journal({ entries: 100, bytes: 1_000_000 })
  sized.record(entry({ tenant: ANONYMOUS_TENANT }))
  const anonymousBytes = new Journal({ entries: 1000, bytes: sized.bytes * 20 })
  for (let i = 0; i < 5; i++) anonymousBytes.record(entry({ tenant: ANONYMOUS_TENANT }))
  t.equal(anonymousBytes.sizeOf(ANONYMOUS_TENANT), 2, 'a tenth of the bytes: two entries')
})

t.test('filters: method in any case, path glob, status, since, limit, unmatched, missed', async t => {
  const journal = new Journal({ entries: 100, bytes: 1_000_000 })
  journal.record(entry({ method: 'GET', path: '/targets/', time: '2030-01-01T00:00:00.000Z' }))
  journal.record(entry({ method: 'PATCH', path: '/targets/A/', status: 400, time: '2030-01-01T00:00:01.000Z', response: { headers: {}, text: '{"detail":"bad"}' } }))
  journal.record(entry({ method: 'GET', path: '/nowhere', status: 404, matched: false, time: '2030-01-01T00:00:02.000Z' }))
  journal.record(entry({ method: 'GET', path: '/targets/B/', status: 200, time: '2030-01-01T00:00:03.000Z' }))
  const paths = (filter: Parameters<Journal['find']>[0]) => journal.find(filter).map(e => e.path)
  t.same(paths({ tenant: 'default', method: 'patch' }), ['/targets/A/'])
  t.same(paths({ tenant: 'default', path: '/targets/*/' }), ['/targets/B/', '/targets/A/'])
  t.same(paths({ tenant: 'default', status: 404 }), ['/nowhere'])
  t.same(paths({ tenant: 'default', since: '2030-01-01T00:00:02.000Z' }), ['/targets/B/', '/nowhere'], 'since is inclusive')
  t.same(paths({ tenant: 'default', limit: 2 }), ['/targets/B/', '/nowhere'])
  t.same(paths({ tenant: 'default', unmatched: true }), ['/nowhere'])
  t.same(paths({ tenant: 'default', missed: true }), ['/nowhere', '/targets/A/'], 'unmatched or 400 and up')
  t.same(paths({ tenant: 'nobody' }), [])
  t.equal(journal.count({ tenant: 'default', method: 'GET' }), 3)
  t.equal(journal.count({ tenant: 'default', status: 400 }), 1)
  t.equal(journal.count({ tenant: 'nobody' }), 0)
})

t.test('an entry reads back whole: the answer parsed and redacted, a refusal in words, a long text cut', async t => {
  const journal = new Journal({ entries: 100, bytes: 10_000_000 })
  journal.record(entry({ status: 401, time: '2030-02-02T00:00:00.000Z', response: { headers: { a: '1' }, text: '{"detail":"Invalid token.","token":"abc"}' } }))
  const [refused] = journal.find({ tenant: 'default' })
  t.same(refused.response, { headers: { a: '1' }, body: { detail: 'Invalid token.', token: '[redacted]' } })
  t.equal(refused.refused, 'Invalid token.')
  t.equal(refused.id, 1)
  journal.record(entry())
  t.same(journal.find({ tenant: 'default' }).map(e => e.id), [2, 1], 'ids count up')
  t.equal(refused.time, '2030-02-02T00:00:00.000Z')

  journal.record(entry({ status: 503, fault: 'f1', response: { headers: {}, text: 'down' } }))
  const [faulted] = journal.find({ tenant: 'default', status: 503 })
  t.equal(faulted.refused, 'fault rule f1', 'a fault rule names itself')
  t.equal(faulted.response.body, 'down', 'text that is not JSON as it was')

  journal.record(entry({ status: 200, response: { headers: {}, text: null } }))
  journal.record(entry({ status: 204, response: { headers: {}, text: '' } }))
  const [empty, none] = journal.find({ tenant: 'default', limit: 2 })
  t.equal(empty.response.body, null, 'an empty answer')
  t.equal(none.response.body, null, 'no answer')
  t.equal(empty.refused, undefined, 'a 2xx is no refusal')

  const long = JSON.stringify({ items: 'x'.repeat(JOURNAL_BODY_LIMIT) })
  journal.record(entry({ response: { headers: {}, text: long } }))
  t.equal(journal.find({ tenant: 'default', limit: 1 })[0].response.body, cutText(long), 'cut, not parsed')
  journal.record(entry({ response: { headers: {}, text: 'abc', characters: JOURNAL_BODY_LIMIT + 5 } }))
  t.equal(journal.find({ tenant: 'default', limit: 1 })[0].response.body, `abc… (${JOURNAL_BODY_LIMIT + 5} characters)`, 'the start of a long answer, with its whole length')

  t.equal(cutText('x'.repeat(JOURNAL_BODY_LIMIT)), 'x'.repeat(JOURNAL_BODY_LIMIT), 'at the limit: whole')
  t.equal(cutText('x'.repeat(JOURNAL_BODY_LIMIT + 1)), `${'x'.repeat(JOURNAL_BODY_LIMIT)}… (${JOURNAL_BODY_LIMIT + 1} characters)`, 'one past it: cut')

  journal.event('default', 'task.status', { status: 'RUNNING' }, new Date(Date.UTC(2030, 5, 1)))
  const [event] = journal.find({ tenant: 'default', method: 'EVENT' })
  t.match(event, { method: 'EVENT', path: 'task.status', body: { status: 'RUNNING' }, status: 0, matched: true, time: '2030-06-01T00:00:00.000Z', response: { headers: {}, body: null } })
  journal.event('default', 'nothing', undefined)
  t.equal(journal.find({ tenant: 'default', method: 'EVENT', limit: 1 })[0].body, null, 'an event without data')
})

t.test('waiters: answered at once, as entries arrive, at their timeout, at close; at most MAX_WAITERS', async t => {
  const journal = new Journal({ entries: 100, bytes: 1_000_000 })
  journal.record(entry({ path: '/a' }))
  // answered at once (a second's timeout only bounds a wrong build's wait)
  t.same(await journal.wait({ tenant: 'default', path: '/a' }, 1, 1000).then(r => [r.timedOut, r.requests.length]), [false, 1], 'already there')

  const waiting = journal.wait({ tenant: 'default', path: '/b' }, 2, 60_000)
  journal.record(entry({ path: '/b' }))
  journal.record(entry({ tenant: 'other', path: '/b' })) // another tenant's does not count
  journal.record(entry({ path: '/b' }))
  t.same(await waiting.then(r => [r.timedOut, r.requests.map(e => e.path)]), [false, ['/b', '/b']])

  t.same(await journal.wait({ tenant: 'default', path: '/never' }, 1, 0).then(r => [r.timedOut, r.requests]), [true, []], 'a timeout of 0')
  t.same(await journal.wait({ tenant: 'default', path: '/never' }, 1, -5).then(r => r.timedOut), true, 'a negative timeout is 0')

  const pending = journal.wait({ tenant: 'default', path: '/never' }, 1, 60_000)
  journal.close()
  t.same(await pending.then(r => r.timedOut), true, 'close answers the pending waiters')

  const many = Array.from({ length: MAX_WAITERS }, () => journal.wait({ tenant: 'default', path: '/later' }, 1, 60_000))
  await t.rejects(journal.wait({ tenant: 'default', path: '/later' }, 1, 60_000), new RangeError(`at most ${MAX_WAITERS} waiters at once`))
  journal.record(entry({ path: '/later' }))
  t.equal((await Promise.all(many)).filter(r => !r.timedOut).length, MAX_WAITERS, 'all answered by the entry they waited for')
})

t.test('clear: one tenant, or all', async t => {
  const journal = new Journal({ entries: 100, bytes: 1_000_000 })
  journal.record(entry())
  journal.record(entry({ tenant: 'other' }))
  journal.clear('default')
  t.same([journal.sizeOf('default'), journal.sizeOf('other')], [0, 1])
  journal.clear()
  t.same([journal.size, journal.bytes], [0, 0])
})
