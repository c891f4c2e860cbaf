import t from 'tap'
import { parseSchedule } from '../../../src/vendors/neostra/cron'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number | undefined) => ms === undefined ? undefined : new Date(ms).toISOString()
/** the first `n` ticks strictly after `from` */
const ticks = (expression: string, from: string, n: number) => {
  const schedule = parseSchedule(expression)
  if (!schedule) throw new Error(`not a schedule: ${expression}`)
  const out: (string | undefined)[] = []
  let cursor = at(from)
  for (let i = 0; i < n; i++) {
    const next = schedule.next(cursor)
    out.push(iso(next))
    if (next === undefined) break
    cursor = next
  }
  return out
}

t.test('each dialect is told apart by its form', async t => {
  t.equal(parseSchedule('*/5 * * * *')?.dialect, 'unix')
  t.equal(parseSchedule('0 */5 * * * *')?.dialect, 'spring')
  t.equal(parseSchedule('@daily')?.dialect, 'macro')
  t.equal(parseSchedule(' @HOURLY ')?.dialect, 'macro')
  for (const bad of ['', 'every day', '61 * * * *', '* * * *', '0 0 0 * * * *', '0 0 ? * 1', '@every 5m', '60 * * * * *']) {
    t.equal(parseSchedule(bad), undefined, `${JSON.stringify(bad)} is no schedule`)
  }
})

t.test('five fields fire on minutes, strictly after the given time, in UTC', async t => {
  t.same(ticks('*/5 * * * *', '2026-01-01T00:00:00.000Z', 3), ['2026-01-01T00:05:00.000Z', '2026-01-01T00:10:00.000Z', '2026-01-01T00:15:00.000Z'])
  t.same(ticks('30 2 * * *', '2026-03-29T01:00:00.000Z', 2), ['2026-03-29T02:30:00.000Z', '2026-03-30T02:30:00.000Z'], 'no DST: UTC')
  // Vixie cron: both day fields restricted means either one matches (the 13th, or any Friday)
  t.same(ticks('0 0 13 * 5', '2026-02-01T00:00:00.000Z', 3), ['2026-02-06T00:00:00.000Z', '2026-02-13T00:00:00.000Z', '2026-02-20T00:00:00.000Z'])
})

t.test('Spring six fields: seconds first, ? accepted, both day fields must match', async t => {
  t.same(ticks('*/20 * * * * *', '2026-01-01T00:00:00.000Z', 3), ['2026-01-01T00:00:20.000Z', '2026-01-01T00:00:40.000Z', '2026-01-01T00:01:00.000Z'])
  t.same(ticks('0 0 12 ? * MON-FRI', '2026-01-02T13:00:00.000Z', 2), ['2026-01-05T12:00:00.000Z', '2026-01-06T12:00:00.000Z'], 'weekend skipped')
  // Spring ANDs the day fields: only a Friday the 13th (2026: February, March, November)
  t.same(ticks('0 0 0 13 * FRI', '2026-01-01T00:00:00.000Z', 3), ['2026-02-13T00:00:00.000Z', '2026-03-13T00:00:00.000Z', '2026-11-13T00:00:00.000Z'])
  t.equal(parseSchedule('0 0 0 30 2 *'), undefined, 'a day that never comes is refused')
})

t.test('macros', async t => {
  t.same(ticks('@hourly', '2026-01-01T00:00:00.000Z', 2), ['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z'])
  t.same(ticks('@weekly', '2026-01-01T00:00:00.000Z', 1), ['2026-01-04T00:00:00.000Z'], 'Sunday midnight')
  t.same(ticks('@yearly', '2026-01-01T00:00:00.000Z', 1), ['2027-01-01T00:00:00.000Z'])
})

t.test('a schedule seen before is kept parsed (the same object back)', async t => {
  t.equal(parseSchedule('15 3 * * *'), parseSchedule('15 3 * * *'))
})

t.test('the day fields: L, nL, n#k, names, 7 as Sunday', async t => {
  t.same(ticks('0 0 L * *', '2026-02-01T00:00:00.000Z', 2), ['2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z'], 'last day of the month')
  t.same(ticks('0 0 * * 5L', '2026-01-01T00:00:00.000Z', 2), ['2026-01-30T00:00:00.000Z', '2026-02-27T00:00:00.000Z'], 'last Friday')
  t.same(ticks('0 0 * * 1#2', '2026-01-01T00:00:00.000Z', 2), ['2026-01-12T00:00:00.000Z', '2026-02-09T00:00:00.000Z'], 'second Monday')
  t.same(ticks('0 9 * jan-feb sun', '2026-01-01T00:00:00.000Z', 1), ['2026-01-04T09:00:00.000Z'])
  t.same(ticks('0 9 * * 7', '2026-01-01T00:00:00.000Z', 1), ticks('0 9 * * 0', '2026-01-01T00:00:00.000Z', 1))
  for (const bad of ['5-1 * * * *', '*/0 * * * *', '0 0 * FOO *', '0 0 * * 8', '0 0 * * 1#6', '0 ? * * *', '0 0 0 30 2 ?']) {
    t.equal(parseSchedule(bad), undefined, `${JSON.stringify(bad)} is no schedule`)
  }
})

t.test('Vixie cron: a day field beginning with * does not restrict, so the other one alone decides', async t => {
  // cron's entry.c marks DOM_STAR when the field's first character is '*': `*/2` with a weekday ANDs
  t.same(ticks('0 0 */2 * 6', '2026-01-01T00:00:00.000Z', 2), ['2026-01-03T00:00:00.000Z', '2026-01-17T00:00:00.000Z'], 'odd days that are Saturdays')
})

t.test('a new expression is compiled and its tick found without any library (the memo bounded)', async t => {
  const seen = new Set<number | undefined>()
  for (let i = 0; i < 1500; i++) seen.add(parseSchedule(`${i % 60} ${Math.floor(i / 60) % 24} * * *`)?.next(Date.UTC(2026, 0, 1)))
  t.equal(seen.size, 1440, 'every minute of the day is a tick of its own expression')
  t.notOk(seen.has(undefined))
  t.notOk(Object.keys(require.cache).some(k => k.includes('cron-parser') || k.includes('luxon')), 'no date library loaded')
})
