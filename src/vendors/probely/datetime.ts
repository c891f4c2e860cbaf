/**
 * Date-times as Django REST Framework reads and writes them.
 *
 * Input: what Django's `parse_datetime` accepts (Python's `datetime.fromisoformat` first, then Django's own
 * regex): `2023-10-14T00:02:00Z`, `2023-10-14 00:02`, `2023-10-14T00:02:00.123456+01:00`, `20231014T000200Z`,
 * a bare date (midnight), a comma before the fraction, offsets `+01`, `+0100`, `+01:00`. Times without an
 * offset are taken as UTC (Probely's TIME_ZONE). Output: Python's `isoformat()` in UTC with `Z`, microseconds
 * shown only when not zero, exactly as DRF renders them.
 */
const ISO = new RegExp(
  '^(\\d{4})-?(\\d{1,2})-?(\\d{1,2})' +
  '(?:[T ](\\d{1,2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,12}))?)?)?)?' +
  '\\s*(Z|z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?$'
)

/** Canonical stored form: `YYYY-MM-DDTHH:MM:SS.ffffffZ`, fixed width so text order is time order. */
export type StoredDateTime = string

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** The form clients send most (`toISOString()`, UTC with `Z`), read without making a Date. */
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)

function parseCanonical (input: string): StoredDateTime | undefined {
  const m = CANONICAL.exec(input)
  if (m === null) return undefined
  const year = +m[1]; const month = +m[2]; const day = +m[3]
  if (year < 1 || month < 1 || month > 12 || day < 1 || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return undefined
  if (day > (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1])) return undefined
  return `${input.slice(0, 19)}.${(m[7] ?? '').padEnd(6, '0')}Z`
}

export function parseDrfDateTime (input: string): StoredDateTime | null {
  return parseCanonical(input) ?? parseAnyDrfDateTime(input)
}

/** Every form parse_datetime takes (exported for the test that holds the canonical path to it). */
export function parseAnyDrfDateTime (input: string): StoredDateTime | null {
  const m = ISO.exec(input)
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz = ''] = m
  const year = +y; const month = +mo; const day = +d; const hour = +h; const minute = +mi; const second = +s
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null
  if (year < 1 || day < 1) return null
  const micro = +(frac.slice(0, 6).padEnd(6, '0'))
  let offsetSeconds = 0
  if (tz && tz.toUpperCase() !== 'Z') {
    const digits = tz.slice(1).replace(/:/g, '')
    const oh = +digits.slice(0, 2); const om = +(digits.slice(2, 4) || 0); const os = +(digits.slice(4, 6) || 0)
    if (oh > 23 || om > 59 || os > 59) return null
    offsetSeconds = (tz[0] === '-' ? -1 : 1) * (oh * 3600 + om * 60 + os)
  }
  const local = new Date(0)
  local.setUTCFullYear(year, month - 1, day) // not Date.UTC, which reads years 0-99 as 19xx
  if (local.getUTCDate() !== day) return null // 31 April, 29 February of a common year
  local.setUTCHours(hour, minute, second, 0)
  const utc = new Date(local.getTime() - offsetSeconds * 1000)
  return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}T` +
    `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}.${pad(micro, 6)}Z`
}

/** Stored form of a JS Date (millisecond precision). */
export function storedFromDate (date: Date): StoredDateTime {
  return `${date.toISOString().slice(0, -1)}000Z` // milliseconds, then three zeros of microseconds
}

/** What DRF prints: `2023-10-14T00:02:00Z`, or `2022-05-13T12:54:01.468500Z` when there are microseconds. */
export function renderDrfDateTime (stored: StoredDateTime): string {
  return stored.replace(/\.000000Z$/, 'Z')
}
