// The clock rule by rule, for what the first mutation run of src/core/clock.ts left alive: ties, the
// "late" boundary, the real-time timer with a real time the test holds still, close, persistence.
import { join } from 'node:path'
import t from 'tap'
import { BATCH_MS, Clocks, EVENTS_PER_BATCH, MAX_EVENTS_PER_CALL, type ClocksOptions, type DueContext } from '../../src/core/clock'
import { openDatabase } from '../../src/store/db'
import { tempDir } from '../helpers'

const T0 = Date.parse('2027-01-04T00:00:00.000Z')
const DAY = 24 * 3600 * 1000

/** Clocks on their own file whose real time is `real.now`, moved only by the test. */
function heldClocks (t: Parameters<typeof tempDir>[0], options: ClocksOptions = {}) {
  const db = openDatabase(join(tempDir(t), 'clock.db'))
  const real = { now: T0, reads: 0 }
  const clocks = new Clocks(db, { realNow: () => { real.reads++; return real.now }, ...options })
  t.teardown(() => { clocks.close(); db.close() })
  return { clocks, real, db }
}

/**
 * What the timer does within a short real-time margin. The events here are due now (the timer's delay is
 * 0 ms), so the margin is never what passes a correct clock; a broken one fails at the margin instead of
 * hanging the test.
 */
function soon<T> (promise: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const margin = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms) })
  return Promise.race([promise, margin]).finally(() => clearTimeout(timer))
}

/** Lets every timer of 0 to `ms` ms fire first (timers fire in the order of their times). */
const timersUpTo = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

t.test('events due at the same time run in the order they were scheduled; earlier times first whatever the order given', async t => {
  const { clocks } = heldClocks(t)
  await clocks.set('a', T0)
  const ran: string[] = []
  for (const [key, ms] of [['late', 3000], ['tie-1', 2000], ['early', 1000], ['tie-2', 2000], ['tie-3', 2000], ['tie-4', 2000]] as const) {
    clocks.schedule('a', key, T0 + ms, () => ran.push(key))
  }
  await clocks.advance('a', 5000)
  t.same(ran, ['early', 'tie-1', 'tie-2', 'tie-3', 'tie-4', 'late'])
})

t.test('during an advance each event sees its own time as now, not the end of the span', async t => {
  const { clocks } = heldClocks(t)
  await clocks.set('a', T0)
  const seen: DueContext[] = []
  clocks.schedule('a', 'x', T0 + 1000, ctx => seen.push(ctx))
  clocks.schedule('a', 'y', T0 + 2500, ctx => seen.push(ctx))
  await clocks.advance('a', 10_000)
  t.same(seen, [{ tenant: 'a', at: T0 + 1000, now: T0 + 1000, late: false }, { tenant: 'a', at: T0 + 2500, now: T0 + 2500, late: false }])
})

t.test('an event scheduled exactly at the frozen clock\'s time runs at once and is not late', async t => {
  const { clocks } = heldClocks(t)
  await clocks.set('a', T0)
  const ctx = await soon(new Promise<DueContext>(resolve => clocks.schedule('a', 'now', T0, resolve)), 'the event due now')
  t.same(ctx, { tenant: 'a', at: T0, now: T0, late: false })
})

t.test('on a real clock an event due exactly now runs, though it is not the first event this process scheduled', async t => {
  const { clocks } = heldClocks(t)
  await clocks.set('other', T0)
  clocks.schedule('other', 'far', T0 + DAY, () => {}) // takes the first sequence number
  // tenant b's clock is made by this schedule, on real time (never frozen)
  const ctx = await soon(new Promise<DueContext>(resolve => clocks.schedule('b', 'due', T0, resolve)), 'b\'s event due now')
  t.same(ctx, { tenant: 'b', at: T0, now: T0, late: false })
})

t.test('the timer runs a real clock\'s event late by real time with that time as now', async t => {
  const { clocks, real } = heldClocks(t)
  const ran = new Promise<DueContext>(resolve => clocks.schedule('a', 'k', T0 + 1, resolve))
  real.now = T0 + 500 // before the timer (1 ms) fires
  const ctx = await soon(ran, 'the event')
  t.same(ctx, { tenant: 'a', at: T0 + 1, now: T0 + 500, late: false })
})

t.test('a frozen clock let run again arms its next event, whatever its sequence number', async t => {
  const { clocks, real } = heldClocks(t)
  clocks.schedule('z', 'first', T0 + DAY, () => {}) // sequence 0 elsewhere
  await clocks.set('a', T0)
  const ran = new Promise<DueContext>(resolve => clocks.schedule('a', 'k', T0 + 1, resolve))
  real.now = T0 + 1000
  await clocks.real('a') // the clock reads T0 now, so k is due 1 ms of real time later
  real.now = T0 + 1001
  const ctx = await soon(ran, 'the event after real()')
  t.same(ctx, { tenant: 'a', at: T0 + 1, now: T0 + 1, late: false })
})

t.test('real() on a clock already real keeps its time; freezing a real clock with an offset reads the same time', async t => {
  const { clocks, real } = heldClocks(t)
  await clocks.set('a', T0 + DAY) // a day ahead of real time
  await clocks.real('a')
  real.now += 5000
  t.equal(clocks.now('a'), T0 + DAY + 5000)
  await clocks.real('a')
  t.equal(clocks.now('a'), T0 + DAY + 5000, 'a second real() changes nothing')
  const state = await clocks.advance('a', 0) // freezes where it stands
  t.same(state, { now: new Date(T0 + DAY + 5000).toISOString(), mode: 'frozen', events: 0 })
})

t.test('a real clock is stored without a frozen time; a frozen one with it', async t => {
  const { clocks, db } = heldClocks(t)
  await clocks.set('a', T0 + 1234)
  const row = db.prepare<[string], { mode: string, frozen_at: number | null, offset_ms: number }>('SELECT mode, frozen_at, offset_ms FROM clocks WHERE tenant = ?')
  t.same(row.get('a'), { mode: 'frozen', frozen_at: T0 + 1234, offset_ms: 0 })
  await clocks.real('a')
  t.same(row.get('a'), { mode: 'real', frozen_at: null, offset_ms: 1234 })
})

t.test('set refuses a time that is not a number', async t => {
  const { clocks } = heldClocks(t)
  await t.rejects(clocks.set('a', Number.NaN), { message: 'to must be an ISO 8601 date-time', statusCode: 400 })
  await t.rejects(clocks.set('a', Number.POSITIVE_INFINITY), { message: 'to must be an ISO 8601 date-time' })
  t.equal(clocks.state('a').mode, 'real', 'the refused call changed nothing')
})

t.test('cancelTenant drops every event of a frozen clock; events scheduled after it still run', async t => {
  const { clocks } = heldClocks(t)
  await clocks.set('a', T0)
  const ran: string[] = []
  for (let i = 0; i < 5; i++) clocks.schedule('a', `k${i}`, T0 + 1000 + i, () => ran.push(`k${i}`))
  clocks.cancelTenant('a')
  clocks.schedule('a', 'after', T0 + 2000, () => ran.push('after'))
  t.same(await clocks.advance('a', 5000), { now: new Date(T0 + 5000).toISOString(), mode: 'frozen', events: 1 })
  t.same(ran, ['after'])
})

t.test('the queue\'s clean-up of replaced events keeps every live one', async t => {
  const { clocks } = heldClocks(t)
  await clocks.set('a', T0)
  const ran: string[] = []
  clocks.schedule('a', 'live', T0 + 10, () => ran.push('live'))
  for (let i = 0; i < 200; i++) clocks.schedule('a', 'replaced', T0 + 1000 + i, () => ran.push(`replaced ${i}`))
  await clocks.advance('a', 5000)
  t.same(ran, ['live', 'replaced 199'])
})

t.test('the wake-ups\' clean-up keeps the live one: a head replaced 200 times still runs on time', async t => {
  const { clocks } = heldClocks(t)
  let ran = ''
  // each replacement is earlier, so each is a new head with a wake-up of its own; the last is due now
  const done = new Promise<void>(resolve => {
    for (let i = 199; i >= 0; i--) clocks.schedule('a', 'k', T0 + i, () => { ran = `k at +${i}`; resolve() })
  })
  await soon(done, 'the last replacement')
  t.equal(ran, 'k at +0')
})

t.test('an advance\'s batch holds at most EVENTS_PER_BATCH events when real time stands still', async t => {
  const batches: number[] = []
  let ran = 0
  const { clocks } = heldClocks(t, { transact: async fn => { const before = ran; fn(); if (ran > before) batches.push(ran - before) } })
  await clocks.set('a', T0)
  const n = 2 * EVENTS_PER_BATCH + 5
  for (let i = 0; i < n; i++) clocks.schedule('a', `k${i}`, T0 + 1000 + i, () => { ran++ })
  t.equal((await clocks.advance('a', 60_000)).events, n)
  t.same(batches, [EVENTS_PER_BATCH, EVENTS_PER_BATCH, 5])
})

t.test('a timer batch whose write waited past its deadline still runs one event: the timer always moves on', async t => {
  const batches: number[] = []
  let ran = 0
  const { clocks, real } = heldClocks(t, {
    // the store's group commit can start a batch late: here every batch starts past the timer's deadline
    transact: async fn => { real.now += 2 * BATCH_MS; const before = ran; fn(); if (ran > before) batches.push(ran - before) }
  })
  const done = new Promise<void>(resolve => {
    for (let i = 0; i < 3; i++) clocks.schedule('a', `k${i}`, T0, () => { if (++ran === 3) resolve() })
  })
  await soon(done, 'the three events')
  t.same(batches, [1, 1, 1])
})

t.test('one batch at a time: two tenants\' advances started together never write at once', async t => {
  let inside = 0
  let most = 0
  const { clocks } = heldClocks(t, {
    transact: async fn => {
      inside++; most = Math.max(most, inside)
      await new Promise(resolve => setImmediate(resolve)) // the write takes a turn of the event loop
      try { fn() } finally { inside-- }
    }
  })
  await clocks.set('a', T0)
  await clocks.set('b', T0)
  const ran: string[] = []
  for (const tenant of ['a', 'b']) for (let i = 0; i < 3; i++) clocks.schedule(tenant, `k${i}`, T0 + 1000 + i, () => ran.push(`${tenant}${i}`))
  const [a, b] = await Promise.all([clocks.advance('a', 5000), clocks.advance('b', 5000)])
  t.equal(most, 1, 'never two batches at once')
  t.same([a.events, b.events], [3, 3])
  t.same(ran.filter(r => r.startsWith('a')), ['a0', 'a1', 'a2'])
  t.same(ran.filter(r => r.startsWith('b')), ['b0', 'b1', 'b2'])
})

t.test('after close nothing runs: an event due now is not armed', async t => {
  const { clocks } = heldClocks(t)
  await clocks.set('a', T0)
  clocks.close()
  let ran = false
  clocks.schedule('a', 'k', T0, () => { ran = true })
  await timersUpTo(20)
  t.equal(ran, false)
})

t.test('an event far ahead arms one timer that does not fire early (also past setTimeout\'s 2^31-1 ms)', async t => {
  for (const ahead of [3600 * 1000, 60 * DAY]) {
    const { clocks, real } = heldClocks(t)
    let ran = false
    clocks.schedule('a', 'far', T0 + ahead, () => { ran = true })
    const reads = real.reads
    await timersUpTo(20)
    t.equal(ran, false)
    t.equal(real.reads, reads, `${ahead} ms ahead: no timer fired meanwhile (real time was not read again)`)
  }
})

t.test('a timer batch whose write fails is reported as the timer\'s, and the next events still run', async t => {
  const errors: Array<{ tenant: string, key: string }> = []
  let fail = true
  const { clocks } = heldClocks(t, {
    transact: async fn => { if (fail) { fail = false; throw new Error('disk full') } fn() },
    onError: (_err, event) => errors.push(event)
  })
  clocks.schedule('a', 'first', T0, () => {})
  await soon(new Promise<void>(resolve => { const wait = () => errors.length > 0 ? resolve() : setImmediate(wait); wait() }), 'the error')
  t.same(errors, [{ tenant: '*', key: 'timer' }])
  const ctx = await soon(new Promise<DueContext>(resolve => clocks.schedule('a', 'second', T0, resolve)), 'the next event')
  t.equal(ctx.at, T0)
})

t.test('the timer\'s batch bounds all tenants together: past the deadline it leaves the other tenants to the next batch', async t => {
  const batches: string[][] = []
  let batch: string[] = []
  const { clocks, real } = heldClocks(t, { transact: async fn => { batch = []; fn(); if (batch.length > 0) batches.push(batch) } })
  // four tenants' events due now on real clocks; each event takes a whole batch's time
  const done = Promise.all(['a', 'b', 'c', 'd'].map(tenant => new Promise<void>(resolve => {
    clocks.schedule(tenant, 'k', T0, () => { batch.push(tenant); real.now += BATCH_MS; resolve() })
  })))
  await soon(done, 'all four')
  t.same(batches.map(b => b.length), [1, 1, 1, 1], 'one event a batch (tenants due at the same time come in any order)')
  t.same(batches.flat().sort(), ['a', 'b', 'c', 'd'], 'each tenant in turn')
})

t.test('an advance stops at MAX_EVENTS_PER_CALL exactly, at the last event it ran, however its batches were cut', async t => {
  const { clocks, real } = heldClocks(t)
  await clocks.set('a', T0)
  let ran = 0
  let lastAt = 0
  const n = MAX_EVENTS_PER_CALL + 1
  // the first event takes a whole batch's time, so the batches after it end at odd counts
  for (let i = 0; i < n; i++) {
    clocks.schedule('a', `k${i}`, T0 + 1000 + i, ctx => { ran++; lastAt = ctx.at; if (i === 0) real.now += BATCH_MS })
  }
  const result = await clocks.advance('a', DAY)
  t.same(result, { now: new Date(T0 + 1000 + MAX_EVENTS_PER_CALL - 1).toISOString(), mode: 'frozen', events: MAX_EVENTS_PER_CALL, limited: true })
  t.equal(ran, MAX_EVENTS_PER_CALL)
  t.equal(lastAt, T0 + 1000 + MAX_EVENTS_PER_CALL - 1)
  const rest = await clocks.advance('a', 1) // the one left is 1 ms after where the clock stopped
  t.same([rest.events, rest.limited, ran], [1, undefined, n], 'the one left runs at the next call')
})
