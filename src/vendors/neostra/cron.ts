import type { CronExpression } from 'cron-parser'

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
const SPRING_DAYS_SEARCHED = 366 * 5
const DAY_MS = 24 * 60 * 60 * 1000

/** cron-parser (and the date library under it) is loaded on the first schedule read, not at start. */
let parser: typeof import('cron-parser').CronExpressionParser | undefined
const cronParser = () => (parser ??= (require('cron-parser') as typeof import('cron-parser')).CronExpressionParser)

const parse = (expression: string, at: number): CronExpression =>
  cronParser().parse(expression, { currentDate: new Date(at), tz: 'UTC', strict: false })

const nextOf = (expression: string) => (after: number): number | undefined => {
  try {
    return parse(expression, after).next().getTime()
  } catch {
    return undefined // no further tick (cron-parser throws when it finds none)
  }
}

const restricted = (field: string) => field !== '*' && field !== '?'

/** Spring's six fields with both day fields restricted: a tick must fall on a day both accept. */
function springBothDays (fields: string[]) {
  const [sec, min, hour, dom, month, dow] = fields
  const byDayOfMonth = `${sec} ${min} ${hour} ${dom} ${month} *`
  const dayAccepts = `0 0 0 * ${month} ${dow}`
  return (after: number): number | undefined => {
    let cursor = after
    for (let days = 0; days < SPRING_DAYS_SEARCHED; days++) {
      const tick = nextOf(byDayOfMonth)(cursor)
      if (tick === undefined) return undefined
      const dayStart = tick - (tick % DAY_MS)
      if (nextOf(dayAccepts)(dayStart - 1) === dayStart) return tick
      cursor = dayStart + DAY_MS - 1 // on to the next day the day-of-month field accepts
    }
    return undefined
  }
}

/**
 * The last answer kept: any time from the last `after` up to its tick has that same next tick. Every
 * tenant provisioned from a fixture asks for the next tick of the same schedules at nearly the same time,
 * and cron-parser takes about a millisecond per answer.
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
  if (macro !== undefined) return { dialect: 'macro', next: nextOf(macro) }
  const fields = text.split(/\s+/)
  if (fields.length !== 5 && fields.length !== 6) return undefined
  // `?` is Spring's (and Quartz's) alone; cron-parser takes it anywhere, Vixie cron does not
  if (fields.length === 5 && fields.includes('?')) return undefined
  try {
    parse(text, 0)
  } catch {
    return undefined
  }
  if (fields.length === 5) return { dialect: 'unix', next: nextOf(text) }
  const both = restricted(fields[3]) && restricted(fields[5])
  return { dialect: 'spring', next: both ? springBothDays(fields) : nextOf(text) }
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
