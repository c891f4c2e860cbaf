/**
 * Cron fields read and matched by hand, in UTC. cron-parser (with luxon under it) cost a 17 ms load
 * and about 520 µs per parse-and-next on this machine (node -e, 1,000 expressions, load ~1); the
 * Neostra PATCH validates and arms a schedule on every request, so that was a quarter of its CPU, and
 * the first schedule after a start paid 34 ms more. Only what the three dialects need is here (UTC, no
 * time zones): a compile of a new expression and a next tick cost a few microseconds.
 *
 * Grammar (Vixie cron's and Spring's in common): each field a comma list of `*`, `n`, `a-b`, each with
 * an optional `/step` (`a/step` runs to the field's end, as Spring and cron-parser read it); month and
 * day-of-week names (`JAN`, `MON`, any case); day of week 0-7 with 0 and 7 Sunday. The day fields
 * also take cron-parser's (and Spring's) `L` (last day of the month), `nL` (the month's last weekday
 * n) and `n#k` (its k-th weekday n), so no expression accepted before is refused now.
 */

interface Field { min: number, max: number, names?: readonly string[] }
const SECOND: Field = { min: 0, max: 59 }
const MINUTE: Field = { min: 0, max: 59 }
const HOUR: Field = { min: 0, max: 23 }
const DAY: Field = { min: 1, max: 31 }
const MONTH: Field = { min: 1, max: 12, names: ['', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] }
const WEEKDAY: Field = { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] }

/** A field's accepted values, sorted, and the same as a membership table. */
export interface Values { list: number[], has: Uint8Array }

const NUMBER = /^\d{1,2}$/

function value (text: string, field: Field): number | undefined {
  if (NUMBER.test(text)) {
    const n = Number(text)
    return n >= field.min && n <= field.max ? n : undefined
  }
  const i = field.names?.indexOf(text.toUpperCase()) ?? -1
  return i > 0 || (i === 0 && field === WEEKDAY) ? i : undefined
}

/** One field's text as its values; undefined when it is not a field of this kind. */
export function parseField (text: string, field: Field, into: Uint8Array = new Uint8Array(field.max + 1)): Values | undefined {
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/')
    if (extra !== undefined || range === '') return undefined
    const step = stepText === undefined ? 1 : NUMBER.test(stepText) ? Number(stepText) : 0
    if (step < 1) return undefined
    let from: number | undefined
    let to: number | undefined
    if (range === '*' || range === '?') {
      from = field.min
      to = field === WEEKDAY ? 6 : field.max
    } else {
      const dash = range.indexOf('-')
      from = value(dash < 0 ? range : range.slice(0, dash), field)
      to = dash < 0 ? (stepText === undefined ? from : field.max) : value(range.slice(dash + 1), field)
    }
    if (from === undefined || to === undefined || from > to) return undefined
    for (let n = from; n <= to; n += step) into[n] = 1
  }
  if (field === WEEKDAY && into[7] === 1) { into[0] = 1; into[7] = 0 }
  const list: number[] = []
  for (let n = 0; n < into.length; n++) if (into[n] === 1) list.push(n)
  return { list, has: into }
}

/** The day fields: plain values, plus the last day (`L`), last weekdays (`5L`) and k-th weekdays (`5#3`). */
export interface DayRule {
  days: Values | undefined
  lastDay: boolean
  weekdays: Values | undefined
  lastWeekdays: number[]
  nthWeekdays: Array<[weekday: number, nth: number]>
  /** Vixie's "starred": the field began with `*` (or was `?`), so it does not restrict on its own */
  daysStarred: boolean
  weekdaysStarred: boolean
}

export function parseDays (dayText: string, weekdayText: string): DayRule | undefined {
  const rule: DayRule = { days: undefined, lastDay: false, weekdays: undefined, lastWeekdays: [], nthWeekdays: [], daysStarred: /^[*?]/.test(dayText), weekdaysStarred: /^[*?]/.test(weekdayText) }
  const plainDays: string[] = []
  for (const item of dayText.split(',')) {
    if (item.toUpperCase() === 'L') rule.lastDay = true
    else plainDays.push(item)
  }
  if (plainDays.length > 0) {
    rule.days = parseField(plainDays.join(','), DAY)
    if (!rule.days) return undefined
  }
  const plainWeekdays: string[] = []
  for (const item of weekdayText.split(',')) {
    const last = /^(\w+)L$/i.exec(item)
    const nth = /^(\w+)#([1-5])$/.exec(item)
    if (last || nth) {
      const day = value((last ?? nth)![1], WEEKDAY)
      if (day === undefined) return undefined
      if (last) rule.lastWeekdays.push(day % 7)
      else rule.nthWeekdays.push([day % 7, Number(nth![2])])
    } else plainWeekdays.push(item)
  }
  if (plainWeekdays.length > 0) {
    rule.weekdays = parseField(plainWeekdays.join(','), WEEKDAY)
    if (!rule.weekdays) return undefined
  }
  return rule
}

export const parseSeconds = (text: string) => parseField(text, SECOND)
export const parseMinutes = (text: string) => parseField(text, MINUTE)
export const parseHours = (text: string) => parseField(text, HOUR)
export const parseMonths = (text: string) => parseField(text, MONTH)

const DAY_MS = 86_400_000
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate() // month 1-12

/** Whether a date (month 1-12) passes the day fields; `or`: Vixie's either-matches when both are restricted. */
function dayMatches (rule: DayRule, or: boolean, year: number, month: number, day: number, weekday: number): boolean {
  const length = daysIn(year, month)
  const byDay = (rule.days?.has[day] === 1) || (rule.lastDay && day === length)
  const byWeekday = (rule.weekdays?.has[weekday] === 1) ||
    rule.lastWeekdays.some(w => w === weekday && day + 7 > length) ||
    rule.nthWeekdays.some(([w, nth]) => w === weekday && Math.ceil(day / 7) === nth)
  if (or) return byDay || byWeekday
  return byDay && byWeekday
}

/** The first value of a sorted list at or after `from`, or -1. */
function firstFrom (list: number[], from: number): number {
  for (const n of list) if (n >= from) return n
  return -1
}

export interface CronFields { seconds: Values, minutes: Values, hours: Values, months: Values, days: DayRule, or: boolean }

/**
 * The first tick strictly after `after` (ms, UTC), looking at most `maxDays` days ahead; undefined
 * when none falls within them. Day by day (a month the month field refuses skipped whole), then the
 * earliest time of that day at or after the cursor: at most a few thousand cheap steps.
 */
export function nextTick (f: CronFields, after: number, maxDays: number): number | undefined {
  const start = Math.floor(after / 1000) * 1000 + 1000
  let dayStart = start - (((start % DAY_MS) + DAY_MS) % DAY_MS)
  let fromSecondOfDay = (start - dayStart) / 1000
  for (let i = 0; i < maxDays; i++) {
    const date = new Date(dayStart)
    const year = date.getUTCFullYear()
    const month = date.getUTCMonth() + 1
    const day = date.getUTCDate()
    if (f.months.has[month] !== 1) {
      const next = Date.UTC(year, month, 1) // the first of the next month
      i += Math.round((next - dayStart) / DAY_MS) - 1
      dayStart = next
      fromSecondOfDay = 0
      continue
    }
    if (dayMatches(f.days, f.or, year, month, day, date.getUTCDay())) {
      const at = timeOfDay(f, fromSecondOfDay)
      if (at >= 0) return dayStart + at * 1000
    }
    dayStart += DAY_MS
    fromSecondOfDay = 0
  }
  return undefined
}

/** The earliest second of the day at or after `from` the time fields accept, or -1. */
function timeOfDay (f: CronFields, from: number): number {
  const h0 = Math.floor(from / 3600)
  const m0 = Math.floor((from % 3600) / 60)
  const s0 = from % 60
  for (const h of f.hours.list) {
    if (h < h0) continue
    const mFrom = h === h0 ? m0 : 0
    for (const m of f.minutes.list) {
      if (m < mFrom) continue
      const s = firstFrom(f.seconds.list, h === h0 && m === m0 ? s0 : 0)
      if (s >= 0) return h * 3600 + m * 60 + s
    }
  }
  return -1
}

/** Whether some month the field accepts has a day the day-of-month field names (February counted as 29 days). */
export function dayCanCome (f: CronFields): boolean {
  if (f.days.days === undefined) return true
  const first = f.days.days.list[0]
  return f.months.list.some(m => first <= (m === 2 ? 29 : daysIn(2001, m)))
}
