import { join } from 'node:path'
import t from 'tap'
import { BATCH_MS, Clocks, EVENTS_PER_BATCH, MAX_ADVANCE_MS, type DueContext } from '../../src/core/clock'
import { openDatabase } from '../../src/store/db'
import { buildTestApp, tempDir } from '../helpers'

const T0 = Date.parse('2027-01-04T00:00:00.000Z')
const turn = () => new Promise(resolve => setImmediate(resolve))

function clocksOn (t: Parameters<typeof tempDir>[0], file = join(tempDir(t), 'clock.db')) {
  const db = openDatabase(file)
  const clocks = new Clocks(db)
  t.teardown(() => { clocks.close(); db.close() })
  return { clocks, file }
}

t.test('a clock follows real time until it is frozen', async t => {
  const { clocks } = clocksOn(t)
  const before = Date.now()
  const now = clocks.now('a')
  t.ok(now >= before && now <= Date.now(), 'real time')
  t.equal(clocks.state('a').mode, 'real')
  const frozen = await clocks.advance('a', 0)
  t.equal(frozen.mode, 'frozen')
  const at = clocks.now('a')
  await turn()
  t.equal(clocks.now('a'), at, 'a frozen clock stands still')
})

t.test('advance runs every event of the span in time order, including those the span\'s events schedule', async t => {
  const { clocks } = clocksOn(t)
  await clocks.set('a', T0)
  const ran: Array<[string, number, number, boolean]> = []
  const note = (name: string) => (ctx: DueContext) => { ran.push([name, ctx.at - T0, clocks.now('a') - T0, ctx.late]) }
  clocks.schedule('a', 'late-one', T0 + 3000, note('c'))
  clocks.schedule('a', 'first', T0 + 1000, ctx => {
    note('a')(ctx)
    clocks.schedule('a', 'child', ctx.at + 500, note('b')) // falls inside the span: runs in the same call
  })
  clocks.schedule('a', 'outside', T0 + 10_000, note('x'))
  const state = await clocks.advance('a', 5000)
  t.same(ran, [['a', 1000, 1000, false], ['b', 1500, 1500, false], ['c', 3000, 3000, false]], 'in time order, each seeing its own time')
  t.same(state, { now: new Date(T0 + 5000).toISOString(), mode: 'frozen', events: 3 })
  await clocks.advance('a', 5000)
  t.same(ran.at(-1), ['x', 10_000, 10_000, false], 'the event at the end of the span runs')
})

t.test('schedule replaces an event of the same key; cancel and cancelTenant drop them', async t => {
  const { clocks } = clocksOn(t)
  await clocks.set('a', T0)
  const ran: string[] = []
  clocks.schedule('a', 'k', T0 + 1000, () => ran.push('old'))
  clocks.schedule('a', 'k', T0 + 2000, () => ran.push('new'))
  clocks.schedule('a', 'gone', T0 + 1000, () => ran.push('gone'))
  clocks.cancel('a', 'gone')
  clocks.schedule('b', 'other', T0, () => ran.push('b'))
  clocks.cancelTenant('b')
  await clocks.advance('a', 3000)
  t.same(ran, ['new'])
})

t.test('set jumps: the events in between run late, at the new time', async t => {
  const { clocks } = clocksOn(t)
  await clocks.set('a', T0)
  const seen: DueContext[] = []
  clocks.schedule('a', 'x', T0 + 60_000, ctx => seen.push(ctx))
  const state = await clocks.set('a', T0 + 3_600_000)
  t.same(seen, [{ tenant: 'a', at: T0 + 60_000, now: T0 + 3_600_000, late: true }])
  t.equal(state.now, new Date(T0 + 3_600_000).toISOString())
})

t.test('the clock never runs backwards, and one call is bounded', async t => {
  const { clocks } = clocksOn(t)
  await clocks.set('a', T0)
  await t.rejects(clocks.set('a', T0 - 1), /never runs backwards/)
  await t.rejects(clocks.advance('a', -1), /never runs backwards/)
  await t.rejects(clocks.advance('a', MAX_ADVANCE_MS + 1), /at most/)
  await t.resolves(clocks.advance('a', MAX_ADVANCE_MS))
  t.equal(clocks.now('a'), T0 + MAX_ADVANCE_MS, 'the limit itself is allowed')
})

t.test('an event scheduled already past due runs at once, late, on a frozen clock too', async t => {
  const { clocks } = clocksOn(t)
  await clocks.set('a', T0)
  const done = new Promise<DueContext>(resolve => clocks.schedule('a', 'overdue', T0 - 1000, resolve))
  const ctx = await done
  t.same(ctx, { tenant: 'a', at: T0 - 1000, now: T0, late: true })
})

t.test('on a real clock the one timer runs what falls due', async t => {
  const { clocks } = clocksOn(t)
  await clocks.set('a', T0)
  await clocks.real('a')
  t.equal(clocks.state('a').mode, 'real')
  const done = new Promise<DueContext>(resolve => clocks.schedule('a', 'soon', clocks.now('a') + 20, resolve))
  const ctx = await done
  t.equal(ctx.late, false)
  t.ok(ctx.at >= T0 && ctx.at < T0 + 60_000, 'the clock ran on from where it was set')
})

t.test('a clock\'s mode and time survive a restart on the same file', async t => {
  const file = join(tempDir(t), 'clock.db')
  {
    const db = openDatabase(file)
    const clocks = new Clocks(db)
    await clocks.set('a', T0)
    await clocks.advance('a', 1234)
    clocks.close(); db.close()
  }
  const { clocks } = clocksOn(t, file)
  t.same(clocks.state('a'), { now: new Date(T0 + 1234).toISOString(), mode: 'frozen' })
  t.equal(clocks.state('b').mode, 'real', 'other tenants untouched')
  clocks.forget('a')
  t.equal(clocks.state('a').mode, 'real', 'forget: back to real time')
})

t.test('POST /__admin/clock drives it; GET reads it; reset lets it run again', async t => {
  const { app, database } = await buildTestApp(t)
  const post = (payload: unknown, tenant = 'w1') => app.inject({ method: 'POST', url: `/__admin/clock?tenant=${tenant}`, payload: payload as object })
  let res = await post({ to: '2027-01-04T00:00:00Z' })
  t.equal(res.statusCode, 200)
  // (the jump skips the demo data's Neostra schedules: they count as events run late)
  t.match(res.json(), { now: '2027-01-04T00:00:00.000Z', mode: 'frozen' })
  res = await post({ advanceMs: 90_000 })
  t.same(res.json(), { now: '2027-01-04T00:01:30.000Z', mode: 'frozen', events: 0 })
  res = await app.inject({ method: 'GET', url: '/__admin/clock?tenant=w1' })
  t.same([res.statusCode, res.json()], [200, { now: '2027-01-04T00:01:30.000Z', mode: 'frozen' }])
  res = await app.inject({ method: 'GET', url: '/__admin/clock?tenant=w2' })
  t.equal(res.json().mode, 'real', 'each tenant has its own clock')

  for (const [body, why] of [
    [{ to: '2027-01-03T00:00:00Z' }, /never runs backwards/],
    [{ advanceMs: -5 }, /advanceMs/],
    [{ advanceMs: MAX_ADVANCE_MS + 1 }, /advanceMs/],
    [{ advanceMs: 1.5 }, /advanceMs/],
    [{ to: 'soon' }, /to/],
    [{ mode: 'fast' }, /mode/],
    [{}, /exactly one/],
    [{ advanceMs: 1, to: '2028-01-01T00:00:00Z' }, /exactly one/],
    [{ speed: 2 }, /speed|additional/]
  ] as const) {
    res = await post(body)
    t.equal(res.statusCode, 400, JSON.stringify(body))
    t.match(res.json(), { error: 'Bad Request', message: why })
  }
  res = await app.inject({ method: 'GET', url: '/__admin/clock?tenant=w1' })
  t.equal(res.json().now, '2027-01-04T00:01:30.000Z', 'refused calls changed nothing')

  res = await post({ mode: 'real' })
  t.same([res.statusCode, res.json().mode], [200, 'real'])
  await app.close()

  const again = await buildTestApp(t, {}, database)
  res = await again.app.inject({ method: 'GET', url: '/__admin/clock?tenant=w1' })
  t.equal(res.json().mode, 'real', 'the mode survives a restart')
  t.ok(Date.parse(res.json().now) >= Date.parse('2027-01-04T00:01:30.000Z'), 'running on from where it was')
  await again.app.inject({ method: 'POST', url: '/__admin/clock?tenant=w1', payload: { advanceMs: 1000 } })
  res = await again.app.inject({ method: 'POST', url: '/__admin/reset?tenant=w1' })
  t.equal(res.statusCode, 200)
  res = await again.app.inject({ method: 'GET', url: '/__admin/clock?tenant=w1' })
  t.equal(res.json().mode, 'real', 'a reset lets the clock follow real time again')
  t.ok(Math.abs(Date.parse(res.json().now) - Date.now()) < 60_000)
})

t.test('an event replaced again and again keeps the queues small (none of the replaced ones is ever due)', async t => {
  const { clocks } = clocksOn(t)
  const far = Date.now() + 5 * 365 * 24 * 3600 * 1000
  let ran = 0
  // a PATCH loop on one schedule due in years, on a real clock (each replacement is a new head and wake-up)
  for (let i = 0; i < 10_000; i++) clocks.schedule('a', 'ss-1', far - i, () => { ran++ })
  clocks.schedule('a', 'ss-2', far + 1, () => { ran++ })
  const inner = clocks as unknown as { clocks: Map<string, { queue: { size: number } }>, wakes: { size: number } }
  t.ok(inner.clocks.get('a')!.queue.size <= 2 * 2 + 64 + 1, `the tenant's queue holds ${inner.clocks.get('a')!.queue.size} events for 2 live ones`)
  t.ok(inner.wakes.size <= 2 * 1 + 64 + 1, `${inner.wakes.size} wake-ups kept for one clock`)
  // the live events still run, each once, in order
  await clocks.set('a', far + 2)
  t.equal(ran, 2)
})

t.test('a batch of an advance ends once BATCH_MS of real time has gone, after at least one event', async t => {
  const file = join(tempDir(t), 'clock.db')
  const db = openDatabase(file)
  let real = T0
  const batches: number[] = []
  let ran = 0
  const clocks = new Clocks(db, { realNow: () => real, transact: async fn => { const before = ran; fn(); batches.push(ran - before) } })
  t.teardown(() => { clocks.close(); db.close() })
  await clocks.set('a', T0)
  // each event takes 40% of a batch's time: three fit (the third one runs past the deadline), then a new batch
  for (let i = 0; i < 10; i++) clocks.schedule('a', `k${i}`, T0 + 1000 + i, () => { ran++; real += BATCH_MS * 0.4 })
  // and one that takes longer than a whole batch still runs, alone
  clocks.schedule('a', 'slow', T0 + 2000, () => { ran++; real += BATCH_MS * 5 })
  clocks.schedule('a', 'after', T0 + 3000, () => { ran++ })
  const result = await clocks.advance('a', 60_000)
  t.equal(result.events, 12)
  t.same(batches.filter(n => n > 0), [3, 3, 3, 2, 1], 'three events a batch; the slow one ends its batch; the last alone')
})

t.test('a long advance runs in batches, yielding between them: other work is served meanwhile, and every event runs in order', async t => {
  const { clocks } = clocksOn(t)
  await clocks.set('a', T0)
  const n = EVENTS_PER_BATCH * 3 + 7
  const ran: number[] = []
  // several events due at the same time too (a frozen clock's due events must not start a timer of their own)
  for (let i = 0; i < n; i++) clocks.schedule('a', `k${i}`, T0 + 1000 + Math.floor(i / 10), ctx => { ran.push(ctx.at) })
  let ranWhenOtherWorkRan = -1
  const advancing = clocks.advance('a', 60_000)
  setImmediate(() => { ranWhenOtherWorkRan = ran.length })
  const result = await advancing
  t.equal(result.events, n)
  t.equal(ran.length, n)
  // a batch is also bounded by time (below), so on a loaded machine the first may end before EVENTS_PER_BATCH
  t.ok(ranWhenOtherWorkRan > 0 && ranWhenOtherWorkRan < n, `other work ran between batches (after ${ranWhenOtherWorkRan} events)`)
  t.same(ran, [...ran].sort((x, y) => x - y), 'in time order')
  t.equal(clocks.now('a'), T0 + 60_000)
})
