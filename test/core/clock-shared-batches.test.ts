import { join } from 'node:path'
import t from 'tap'
import { BATCH_MS, Clocks, SHARED_BATCH_MS } from '../../src/core/clock'
import { openDatabase } from '../../src/store/db'
import { tempDir } from '../helpers'

const T0 = Date.parse('2027-01-04T00:00:00.000Z')

/** A clock on its own file whose real time moves only when an event says so, and its batches' sizes. */
function measuredClocks (t: Parameters<typeof tempDir>[0], arrivals?: () => number) {
  const db = openDatabase(join(tempDir(t), 'clock.db'))
  const clock = { real: T0, ran: 0, batches: [] as number[] }
  const clocks = new Clocks(db, {
    realNow: () => clock.real,
    arrivals,
    transact: async fn => { const before = clock.ran; fn(); if (clock.ran > before) clock.batches.push(clock.ran - before) }
  })
  t.teardown(() => { clocks.close(); db.close() })
  return { clocks, clock }
}

t.test('while other requests arrive an advance runs batches of SHARED_BATCH_MS, and BATCH_MS again once they stop', async t => {
  let arrivals = 0
  const { clocks, clock } = measuredClocks(t, () => arrivals)
  await clocks.set('a', T0)
  // every event takes 1 ms of real time; while the second runs, a request of another tenant arrives, and
  // another while the first event of the third batch runs
  const n = 3 * BATCH_MS + 2 * SHARED_BATCH_MS + 3
  for (let i = 0; i < n; i++) {
    clocks.schedule('a', `k${i}`, T0 + 1000 + i, () => {
      clock.ran++
      clock.real += 1
      if (clock.ran === 2 || clock.ran === BATCH_MS + SHARED_BATCH_MS + 1) arrivals++
    })
  }
  const result = await clocks.advance('a', 60_000)
  t.equal(result.events, n)
  t.same(clock.batches, [BATCH_MS, SHARED_BATCH_MS, BATCH_MS, SHARED_BATCH_MS, BATCH_MS, 3],
    'a batch in which a request arrived is followed by a short one; the one after it, with no arrival, is long again')
  t.ok(SHARED_BATCH_MS < BATCH_MS, 'the shared batch is the shorter')
})

t.test('with no count of arrivals (the option left out) every batch is BATCH_MS long', async t => {
  const { clocks, clock } = measuredClocks(t)
  await clocks.set('a', T0)
  for (let i = 0; i < 25; i++) clocks.schedule('a', `k${i}`, T0 + 1000 + i, () => { clock.ran++; clock.real += 1 })
  await clocks.advance('a', 60_000)
  t.same(clock.batches, [BATCH_MS, BATCH_MS, 25 - 2 * BATCH_MS])
})

t.test('a set (a jump) runs shorter batches while requests arrive too', async t => {
  let arrivals = 0
  const { clocks, clock } = measuredClocks(t, () => arrivals)
  await clocks.set('a', T0)
  for (let i = 0; i < 20; i++) clocks.schedule('a', `k${i}`, T0 + 1000 + i, () => { clock.ran++; clock.real += 1; arrivals++ })
  await clocks.set('a', T0 + 60_000)
  t.same(clock.batches, [BATCH_MS, SHARED_BATCH_MS, SHARED_BATCH_MS, SHARED_BATCH_MS, SHARED_BATCH_MS, SHARED_BATCH_MS])
})

t.test('the real-time timer runs what falls due in bounded batches too, the rest at once after', async t => {
  let arrivals = 0
  const { clocks, clock } = measuredClocks(t, () => arrivals)
  // a real clock reading T0: every event is due now; each takes 1 ms of real time
  const n = 2 * BATCH_MS + SHARED_BATCH_MS + 5
  const last = new Promise<void>(resolve => {
    for (let i = 0; i < n; i++) {
      clocks.schedule('a', `k${i}`, T0, () => {
        clock.ran++
        clock.real += 1
        if (clock.ran === 1) arrivals++
        if (clock.ran === n) resolve()
      })
    }
  })
  await last
  t.equal(clock.ran, n)
  // a request arrived during the first batch: the second is short, then long again, and what is left
  t.same(clock.batches, [BATCH_MS, SHARED_BATCH_MS, BATCH_MS, n - 2 * BATCH_MS - SHARED_BATCH_MS])
})
