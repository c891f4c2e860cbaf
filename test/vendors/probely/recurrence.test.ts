import t from 'tap'
import { dayOfWeekInMonth, instantOf, nextOccurrence, occurrence, type RecurrenceRule } from '../../../src/vendors/probely/recurrence'

const ms = (iso: string) => Date.parse(iso)
const iso = (n: number | null) => n === null ? null : new Date(n).toISOString()
const rule = (anchor: string, recurrence: string, timezone = 'UTC', extra: Partial<RecurrenceRule> = {}): RecurrenceRule =>
  ({ anchor: ms(anchor), recurrence, timezone, run_on_day_of_week: false, scheduled_day_of_week: null, week_index: null, ...extra })
const series = (r: RecurrenceRule, n: number) => Array.from({ length: n }, (_, k) => iso(occurrence(r, k)))

t.test('weekly at 00:02 Europe/Lisbon stays at 00:02 local time across the spring change', async t => {
  // Lisbon: WET (UTC+0) until 2024-03-31 01:00 UTC, then WEST (UTC+1)
  t.same(series(rule('2024-03-24T00:02:00Z', 'w', 'Europe/Lisbon'), 3),
    ['2024-03-24T00:02:00.000Z', '2024-03-31T00:02:00.000Z', '2024-04-06T23:02:00.000Z'])
  // and back on 27 October at 01:00 UTC (00:02 that day is still summer time)
  t.same(series(rule('2024-10-19T23:02:00Z', 'w', 'Europe/Lisbon'), 3),
    ['2024-10-19T23:02:00.000Z', '2024-10-26T23:02:00.000Z', '2024-11-03T00:02:00.000Z'])
})

t.test('hourly counts real hours, daily keeps the wall time (gap and overlap as Python zoneinfo, fold=0)', async t => {
  t.same(series(rule('2024-03-10T06:00:00Z', 'h', 'America/New_York'), 3),
    ['2024-03-10T06:00:00.000Z', '2024-03-10T07:00:00.000Z', '2024-03-10T08:00:00.000Z'])
  // 02:30 does not exist on 10 March in New York: read with the offset before the gap, so 03:30 EDT
  t.same(series(rule('2024-03-09T07:30:00Z', 'd', 'America/New_York'), 3),
    ['2024-03-09T07:30:00.000Z', '2024-03-10T07:30:00.000Z', '2024-03-11T06:30:00.000Z'])
  // 01:30 happens twice on 3 November: the first (EDT)
  t.same(series(rule('2024-11-02T05:30:00Z', 'd', 'America/New_York'), 3),
    ['2024-11-02T05:30:00.000Z', '2024-11-03T05:30:00.000Z', '2024-11-04T06:30:00.000Z'])
  t.equal(instantOf({ year: 2024, month: 7, day: 1, hour: 12, minute: 0, second: 0, ms: 0 }, 'Asia/Kolkata'), ms('2024-07-01T06:30:00Z'))
})

t.test('monthly keeps the anchor day, clamped to short months, without drift', async t => {
  t.same(series(rule('2024-01-31T10:00:00Z', 'm'), 5),
    ['2024-01-31T10:00:00.000Z', '2024-02-29T10:00:00.000Z', '2024-03-31T10:00:00.000Z', '2024-04-30T10:00:00.000Z', '2024-05-31T10:00:00.000Z'])
  t.same(series(rule('2023-11-30T10:00:00Z', 'q'), 3), ['2023-11-30T10:00:00.000Z', '2024-02-29T10:00:00.000Z', '2024-05-30T10:00:00.000Z'])
})

t.test('run_on_day_of_week: the first Monday of each quarter, the last Friday of each month', async t => {
  const firstMonday = rule('2024-01-01T09:00:00Z', 'q', 'UTC', { run_on_day_of_week: true, scheduled_day_of_week: 1, week_index: 'first' })
  t.same(series(firstMonday, 5), ['2024-01-01T09:00:00.000Z', '2024-04-01T09:00:00.000Z', '2024-07-01T09:00:00.000Z',
    '2024-10-07T09:00:00.000Z', '2025-01-06T09:00:00.000Z'])
  const lastFriday = rule('2024-01-26T10:00:00Z', 'm', 'Europe/Lisbon', { run_on_day_of_week: true, scheduled_day_of_week: 5, week_index: 'last' })
  // 10:00 Lisbon: UTC+0 in winter, UTC+1 from 31 March
  t.same(series(lastFriday, 4), ['2024-01-26T10:00:00.000Z', '2024-02-23T10:00:00.000Z', '2024-03-29T10:00:00.000Z', '2024-04-26T09:00:00.000Z'])
  t.equal(dayOfWeekInMonth(2024, 2, 4, 'second'), 8)
  t.equal(dayOfWeekInMonth(2024, 2, 4, 'fourth'), 22)
  t.equal(dayOfWeekInMonth(2024, 2, 4, 'last'), 29)
})

t.test('nextOccurrence: past occurrences are skipped, a one-off past is none, the walk is short', async t => {
  const weekly = rule('2020-01-06T00:02:00Z', 'w', 'Europe/Lisbon')
  t.equal(iso(nextOccurrence(weekly, ms('2024-06-01T12:00:00Z'))), '2024-06-02T23:02:00.000Z')
  t.equal(iso(nextOccurrence(weekly, ms('2024-06-02T23:02:00Z'))), '2024-06-09T23:02:00.000Z', 'strictly after')
  t.equal(iso(nextOccurrence(weekly, ms('2024-06-02T23:02:00Z'), true)), '2024-06-02T23:02:00.000Z', 'inclusive')
  t.equal(iso(nextOccurrence(weekly, ms('2019-01-01T00:00:00Z'))), '2020-01-06T00:02:00.000Z', 'the anchor when still ahead')
  t.equal(nextOccurrence(rule('2024-01-01T00:00:00Z', ''), ms('2024-01-02T00:00:00Z')), null)
  t.equal(iso(nextOccurrence(rule('2024-01-01T00:00:00Z', ''), ms('2023-01-02T00:00:00Z'))), '2024-01-01T00:00:00.000Z')
  // centuries between anchor and now: estimated on the calendar, not walked step by step
  const started = performance.now()
  t.equal(iso(nextOccurrence(rule('1001-01-31T10:00:00Z', 'm'), ms('9000-02-10T00:00:00Z'))), '9000-02-28T10:00:00.000Z', '9000 is no leap year')
  t.equal(iso(nextOccurrence(rule('1001-01-01T10:00:00Z', 'd'), ms('9000-02-10T11:00:00Z'))), '9000-02-11T10:00:00.000Z')
  t.equal(iso(nextOccurrence(rule('1001-01-01T10:00:00Z', 'h'), ms('9000-02-10T11:30:00Z'))), '9000-02-10T12:00:00.000Z')
  t.ok(performance.now() - started < 200)
})
