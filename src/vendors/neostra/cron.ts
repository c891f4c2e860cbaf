import { dayCanCome, nextTick, parseDays, parseHours, parseMinutes, parseMonths, parseSeconds, type CronFields } from './cron-fields'

/**
 * Neostra's `schedule`: a cron expression in one of three dialects, each fired by its own rules (UTC).
 * - `unix`: five fields (minute first), Vixie cron; when both day fields are restricted, either matches.
 * - `spring`: six fields, seconds first, as Spring's `CronExpression` (Neostra's scan service is Spring
 *   Boot); `?` for "no value"; when both day fields are restricted, both must match (Spring ANDs them).
 * - `macro`: `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`, which
 *   Vixie cron and Spring read alike.
 */
export type CronDialect = 'unix' | 'spring' | 'macro'

export interface CronSchedule {
  dialect: CronDialect
  /** the first tick strictly after `after` (ms since epoch, UTC); undefined when none within the search bound */
  next: (after: number) => number | undefined
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *'
}

/** A day at most this many days ahead is looked for (Spring's own search gives up after a few years too). */
const DAYS_SEARCHED = 366 * 5

/**
 * The last answer kept: any time from the last `after` up to its tick has that same next tick. Every
 * tenant provisioned from a fixture asks for the next tick of the same schedules at nearly the same time.
 */
function remembered (next: (after: number) => number | undefined): (after: number) => number | undefined {
  let from = Infinity
  let tick: number | undefined
  return after => {
    if (tick !== undefined && after >= from && after < tick) return tick
    const answer = next(after)
    from = after
    tick = answer
    return answer
  }
}

function compile (text: string): CronSchedule | undefined {
  const schedule = compileUncached(text)
  return schedule && { dialect: schedule.dialect, next: remembered(schedule.next) }
}

function compileUncached (text: string): CronSchedule | undefined {
  const macro = MACROS[text.toLowerCase()]
  if (macro !== undefined) {
    const fields = readFields(macro.split(' '), false)!
    return { dialect: 'macro', next: after => nextTick(fields, after, DAYS_SEARCHED) }
  }
  const parts = text.split(/\s+/)
  if (parts.length !== 5 && parts.length !== 6) return undefined
  // `?` is Spring's (and Quartz's) alone, and only in a day field; Vixie cron has none
  const spring = parts.length === 6
  if (parts.some((p, i) => p.includes('?') && !(spring && (i === 3 || i === 5)))) return undefined
  const fields = readFields(parts, spring)
  if (!fields || (!fields.or && !dayCanCome(fields))) return undefined
  return { dialect: spring ? 'spring' : 'unix', next: after => nextTick(fields, after, DAYS_SEARCHED) }
}

/**
 * Five (Vixie: minute first) or six (Spring: seconds first) fields. Vixie fires when either day field
 * matches if both are restricted (neither begins with `*`); Spring ANDs them always.
 */
function readFields (parts: string[], spring: boolean): CronFields | undefined {
  const [sec, min, hour, dom, month, dow] = spring ? parts : ['0', ...parts]
  const seconds = parseSeconds(sec)
  const minutes = parseMinutes(min)
  const hours = parseHours(hour)
  const months = parseMonths(month)
  const days = parseDays(dom, dow)
  if (!seconds || !minutes || !hours || !months || !days) return undefined
  return { seconds, minutes, hours, months, days, or: !spring && !days.daysStarred && !days.weekdaysStarred }
}

/**
 * Schedules seen before are kept parsed, so validating or firing one again costs a map look-up
 * (bounded: the oldest is forgotten first). Per process, as it holds only pure functions of the text.
 */
const KEPT = 1000
const kept = new Map<string, CronSchedule | null>()

/** The schedule of a cron text, or undefined when no dialect reads it. */
export function parseSchedule (value: string): CronSchedule | undefined {
  const text = value.trim()
  let schedule = kept.get(text)
  if (schedule === undefined) {
    schedule = compile(text) ?? null
    if (kept.size >= KEPT) kept.delete(kept.keys().next().value as string)
    kept.set(text, schedule)
  }
  return schedule ?? undefined
}

export const isNeostraCron = (value: string): boolean => parseSchedule(value) !== undefined
