/**
 * When a Probely scheduled scan fires: pure functions of the schedule's rule and a time, no clock, no store.
 *
 * Occurrence 0 is the anchor (the `date_time` the client wrote). Occurrence k keeps the anchor's wall time
 * (hour, minute, second) in the schedule's time zone, so a weekly scan at 00:02 Europe/Lisbon stays at 00:02
 * local time across daylight-saving changes; `h` alone counts real hours. Occurrences are counted from the
 * anchor, never from the previous one, so a monthly scan on the 31st is on the 30th in April and on the
 * 31st again in May (no drift).
 */

export type Recurrence = 'h' | 'd' | 'w' | 'm' | 'q' | ''
export type WeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last'

export interface RecurrenceRule {
  /** ms since epoch of occurrence 0 */
  anchor: number
  recurrence: string
  timezone: string
  run_on_day_of_week: boolean
  /** 1 = Monday ... 7 = Sunday */
  scheduled_day_of_week: number | null
  week_index: string | null
}

const HOUR = 3_600_000
const DAY = 86_400_000

export interface WallTime { year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number }

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter (timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric'
    })
    // the zones in use are a handful; the bound only keeps a hostile stream of zones from growing it
    if (formatters.size > 1000) formatters.clear()
    formatters.set(timezone, f)
  }
  return f
}

/** The wall time of instant `ms` in `timezone`. */
export function wallTime (ms: number, timezone: string): WallTime {
  // UTC, the zone most schedules use, needs no Intl call (one costs microseconds; a PATCH re-arms its schedule)
  if (timezone === 'UTC' || timezone === 'Etc/UTC') {
    const d = new Date(ms)
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds() }
  }
  const parts: Record<string, number> = {}
  for (const p of formatter(timezone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, ms: ((ms % 1000) + 1000) % 1000 }
}

/** The zone's offset from UTC at instant `ms`, in ms. */
function offsetAt (ms: number, timezone: string): number {
  return utcOf(wallTime(ms, timezone)) - ms
}

/** The instant whose UTC wall time is `w` (no zone). */
function utcOf (w: WallTime): number {
  const d = new Date(0)
  d.setUTCFullYear(w.year, w.month - 1, w.day)
  d.setUTCHours(w.hour, w.minute, w.second, w.ms)
  return d.getTime()
}

/**
 * The instant of wall time `w` in `timezone`. A wall time that happens twice (autumn) is the first of the two;
 * one that does not exist (the spring gap) is read with the offset before the gap, so it lands as much later
 * (02:30 in a 02:00->03:00 gap is 03:30), as Python's zoneinfo does with fold=0.
 */
export function instantOf (w: WallTime, timezone: string): number {
  const local = utcOf(w)
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return local
  const before = local - offsetAt(local - DAY, timezone) // the offset a day earlier: the one before any change that day
  const after = local - offsetAt(local + DAY, timezone)
  const candidates = [before, after].filter(t => sameWall(wallTime(t, timezone), w)).sort((a, b) => a - b)
  if (candidates.length > 0) return candidates[0]
  return before // in a gap: the offset before it
}

const sameWall = (a: WallTime, b: WallTime) =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
const daysInMonth = (year: number, month: number) => month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]
/** ISO weekday of a date: 1 = Monday ... 7 = Sunday */
const weekday = (year: number, month: number, day: number) => {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  return ((d.getUTCDay() + 6) % 7) + 1
}

const WEEK_ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 }

/** The day of the month of the week_index-th `dow` of that month ("last" = the last one). */
export function dayOfWeekInMonth (year: number, month: number, dow: number, weekIndex: string): number {
  if (weekIndex === 'last') {
    const last = daysInMonth(year, month)
    return last - ((weekday(year, month, last) - dow + 7) % 7)
  }
  const first = 1 + ((dow - weekday(year, month, 1) + 7) % 7)
  return first + 7 * ((WEEK_ORDINALS[weekIndex] ?? 1) - 1)
}

/** Months each step of a calendar recurrence moves on; undefined for h and one-off. */
const MONTHS: Record<string, number> = { m: 1, q: 3 }
const DAYS: Record<string, number> = { d: 1, w: 7 }

/** Occurrence k (k >= 0) of a recurring rule, in ms. */
export function occurrence (rule: RecurrenceRule, k: number): number {
  if (k === 0 || rule.recurrence === '') return rule.anchor
  if (rule.recurrence === 'h') return rule.anchor + k * HOUR
  const a = wallTime(rule.anchor, rule.timezone)
  const days = DAYS[rule.recurrence]
  if (days !== undefined) {
    const d = new Date(0)
    d.setUTCFullYear(a.year, a.month - 1, a.day + k * days)
    return instantOf({ ...a, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, rule.timezone)
  }
  const months = MONTHS[rule.recurrence] ?? 1
  const index = a.year * 12 + (a.month - 1) + k * months
  const year = Math.floor(index / 12); const month = (index % 12) + 1
  const day = rule.run_on_day_of_week && rule.scheduled_day_of_week !== null && rule.week_index
    ? dayOfWeekInMonth(year, month, rule.scheduled_day_of_week, rule.week_index)
    : Math.min(a.day, daysInMonth(year, month))
  return instantOf({ ...a, year, month, day }, rule.timezone)
}

/**
 * A step count k0 with occurrence(k0) not after `t`, within a step or two of the answer: counted on the wall
 * calendar (days or months between), so a schedule written centuries ago is walked a few steps, not thousands.
 */
function stepsBefore (rule: RecurrenceRule, t: number): number {
  if (rule.recurrence === 'h') return Math.max(0, Math.floor((t - rule.anchor) / HOUR) - 1)
  const a = wallTime(rule.anchor, rule.timezone)
  const b = wallTime(t, rule.timezone)
  const days = DAYS[rule.recurrence]
  if (days !== undefined) {
    const between = Math.round((utcOf({ ...b, hour: 0, minute: 0, second: 0, ms: 0 }) - utcOf({ ...a, hour: 0, minute: 0, second: 0, ms: 0 })) / DAY)
    return Math.max(0, Math.floor(between / days) - 1)
  }
  const months = (b.year * 12 + b.month) - (a.year * 12 + a.month)
  return Math.max(0, Math.floor(months / (MONTHS[rule.recurrence] ?? 1)) - 1)
}

/**
 * The first occurrence at or after `from` (`inclusive`) or strictly after it; null when there is none
 * (a one-off schedule whose time has passed).
 */
export function nextOccurrence (rule: RecurrenceRule, from: number, inclusive = false): number | null {
  const fits = (t: number) => inclusive ? t >= from : t > from
  if (rule.recurrence === '' || !(rule.recurrence in { h: 1, d: 1, w: 1, m: 1, q: 1 })) return fits(rule.anchor) ? rule.anchor : null
  if (fits(rule.anchor)) {
    // day-of-week rules: the anchor is occurrence 0 even when it is not on that weekday (it is what the client wrote)
    return rule.anchor
  }
  let k = stepsBefore(rule, from)
  // the estimate is at most two steps short (a day-of-week rule moves an occurrence within its month)
  for (let guard = 0; guard < 10; guard++, k++) {
    const t = occurrence(rule, k)
    if (fits(t)) return t
  }
  return null
}
