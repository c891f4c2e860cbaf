/**
 * Date-times as Django REST Framework reads and writes them, on the Django 4.2 / Python 3.11 Probely runs.
 *
 * Input: DRF's DateTimeField calls Django's `parse_datetime`, which tries Python's `datetime.fromisoformat`
 * (CPython 3.11's C parser, ported below byte for byte: any single character between date and time,
 * `YYYYMMDD`, ISO weeks, `+HH[:MM[:SS[.ffffff]]]` offsets) and then Django's own regex (`1918-1-11 0:0`,
 * Unicode digits, a space before the offset). Times without an offset are taken as UTC (Probely's
 * TIME_ZONE); an instant that falls outside years 1..9999 once in UTC is "out of range". Output: Python's
 * `isoformat()` in UTC with `Z`, microseconds shown only when not zero, as DRF renders them.
 */

/** Canonical stored form: `YYYY-MM-DDTHH:MM:SS.ffffffZ`, fixed width so text order is time order. */
export type StoredDateTime = string

export type DateTimeReading = StoredDateTime | 'invalid' | 'out-of-range'

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** The form clients send most (`toISOString()`, UTC with `Z`), read without making a Date. */
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
const daysIn = (year: number, month: number) => month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]

function parseCanonical (input: string): StoredDateTime | undefined {
  const m = CANONICAL.exec(input)
  if (m === null) return undefined
  const year = +m[1]; const month = +m[2]; const day = +m[3]
  if (year < 1 || month < 1 || month > 12 || day < 1 || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return undefined
  if (day > daysIn(year, month)) return undefined
  return `${input.slice(0, 19)}.${(m[7] ?? '').padEnd(6, '0')}Z`
}

/** A wall time and its offset from UTC (null: naive, read as UTC). */
interface Parts {
  year: number, month: number, day: number, hour: number, minute: number, second: number, micro: number
  offsetSeconds: number | null, offsetMicro: number
}

// ---- CPython 3.11 datetime.fromisoformat (Modules/_datetimemodule.c), on the UTF-8 bytes ----

class Bytes {
  constructor (readonly b: Buffer) {}
  /** C strings end with NUL: reading past the end gives 0 */
  at (i: number): number { return i < this.b.length ? this.b[i] : 0 }
}
const isDigit = (c: number) => c >= 0x30 && c <= 0x39
const CH = (s: string) => s.charCodeAt(0)

/** parse_digits: exactly n ASCII digits, or undefined */
function digits (s: Bytes, p: number, n: number): [number, number] | undefined {
  let v = 0
  for (let i = 0; i < n; i++) {
    const c = s.at(p++)
    if (!isDigit(c)) return undefined
    v = v * 10 + (c - 0x30)
  }
  return [v, p]
}

function separatorLocation (s: Bytes, len: number): number {
  if (len === 7) return 7
  if (s.at(4) === CH('-')) {
    if (s.at(5) === CH('W')) {
      if (len < 8) return -1
      if (len > 8 && s.at(8) === CH('-')) {
        if (len === 9) return -1
        if (len > 10 && isDigit(s.at(10))) return 8
        return 10
      }
      return 8
    }
    return 10
  }
  if (s.at(4) === CH('W')) {
    let idx = 7
    for (; idx < len; idx++) if (!isDigit(s.at(idx))) break
    if (idx < 9) return idx
    return idx % 2 === 0 ? 7 : 8
  }
  return 8
}

/** days since 0001-01-01 of a proleptic Gregorian date (Python's toordinal() - 1) */
function ordinal (year: number, month: number, day: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  const epoch = new Date(0)
  epoch.setUTCFullYear(1, 0, 1)
  return Math.round((d.getTime() - epoch.getTime()) / 86_400_000)
}
function fromOrdinal (ord: number): [number, number, number] {
  const d = new Date(0)
  d.setUTCFullYear(1, 0, 1)
  d.setTime(d.getTime() + ord * 86_400_000)
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
}

function isoToYmd (year: number, week: number, weekday: number): [number, number, number] | undefined {
  if (week <= 0 || week >= 53) {
    const firstWeekday = (ordinal(year, 1, 1) + 7) % 7 // Monday = 0 (0001-01-01 was a Monday)
    if (!(week === 53 && (firstWeekday === 3 || (firstWeekday === 2 && isLeap(year))))) return undefined
  }
  if (weekday <= 0 || weekday >= 8) return undefined
  const jan4 = ordinal(year, 1, 4)
  const week1Monday = jan4 - ((jan4 + 7) % 7)
  return fromOrdinal(week1Monday + (week - 1) * 7 + weekday - 1)
}

/** parse_isoformat_date on the first `length` bytes */
function isoDate (s: Bytes, length: number): [number, number, number] | undefined {
  let r = digits(s, 0, 4)
  if (!r) return undefined
  const year = r[0]
  let p = r[1]
  const usesSeparator = s.at(p) === CH('-')
  if (usesSeparator) p++
  if (s.at(p) === CH('W')) {
    p++
    r = digits(s, p, 2)
    if (!r) return undefined
    const week = r[0]
    p = r[1]
    let weekday = 1
    if (p < length) {
      if (usesSeparator && s.at(p++) !== CH('-')) return undefined
      r = digits(s, p, 1)
      if (!r) return undefined
      weekday = r[0]
    }
    return isoToYmd(year, week, weekday)
  }
  r = digits(s, p, 2)
  if (!r) return undefined
  const month = r[0]
  p = r[1]
  if (usesSeparator && s.at(p++) !== CH('-')) return undefined
  r = digits(s, p, 2)
  if (!r) return undefined
  return [year, month, r[0]]
}

/** parse_hh_mm_ss_ff: [hour, minute, second, micro, rv] with rv 1 when not at the end, or undefined */
function hhmmssff (s: Bytes, start: number, end: number): [number, number, number, number, number] | undefined {
  const vals = [0, 0, 0]
  let p = start
  let hasSeparator = true
  let i = 0
  for (; i < 3; i++) {
    const r = digits(s, p, 2)
    if (!r) return undefined
    vals[i] = r[0]
    p = r[1]
    const c = s.at(p++)
    if (i === 0) hasSeparator = c === CH(':')
    if (p >= end) return [vals[0], vals[1], vals[2], 0, c !== 0 ? 1 : 0]
    if (hasSeparator && c === CH(':')) continue
    if (c === CH('.') || c === CH(',')) break
    if (!hasSeparator) p--
    else return undefined
  }
  const remains = end - p
  const toParse = Math.min(remains, 6)
  const r = digits(s, p, toParse)
  if (!r) return undefined
  let micro = r[0]
  p = r[1]
  if (toParse < 6) micro *= [100000, 10000, 1000, 100, 10][toParse - 1]
  while (isDigit(s.at(p))) p++
  return [vals[0], vals[1], vals[2], micro, s.at(p) !== 0 ? 1 : 0]
}

function isoTime (s: Bytes, start: number, end: number): Omit<Parts, 'year' | 'month' | 'day'> | undefined {
  let tz = start
  do {
    const c = s.at(tz)
    if (c === CH('Z') || c === CH('+') || c === CH('-')) break
  } while (++tz < end)
  const t = hhmmssff(s, start, tz)
  if (!t) return undefined
  const [hour, minute, second, micro, rv] = t
  const time = { hour, minute, second, micro, offsetSeconds: null as number | null, offsetMicro: 0 }
  if (tz === end) return rv === 1 ? undefined : time
  if (s.at(tz) === CH('Z')) return s.at(tz + 1) !== 0 ? undefined : { ...time, offsetSeconds: 0 }
  const sign = s.at(tz) === CH('-') ? -1 : 1
  const o = hhmmssff(s, tz + 1, end)
  if (!o || o[4] !== 0) return undefined
  return { ...time, offsetSeconds: sign * (o[0] * 3600 + o[1] * 60 + o[2]), offsetMicro: sign * o[3] }
}

function fromIsoFormat (input: string): Parts | undefined {
  if ([...input].length < 7) return undefined
  if (/[\ud800-\udfff]/.test(input.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return undefined // not encodable as UTF-8
  const s = new Bytes(Buffer.from(input, 'utf8'))
  const len = s.b.length
  const sep = separatorLocation(s, len)
  if (sep < 0) return undefined
  const date = isoDate(s, sep)
  if (!date) return undefined
  let time: Omit<Parts, 'year' | 'month' | 'day'> | undefined = { hour: 0, minute: 0, second: 0, micro: 0, offsetSeconds: null, offsetMicro: 0 }
  if (len > sep) time = isoTime(s, sep + 1, len)
  if (!time) return undefined
  return { year: date[0], month: date[1], day: date[2], ...time }
}

// ---- Django's datetime_re, after fromisoformat fails: Python's \d and \s are Unicode ----

// eslint-disable-next-line no-control-regex -- Python's str.isspace() counts \x1c-\x1f as whitespace, and Django's regex (\s) does too
const DJANGO = /^(\p{Nd}{4})-(\p{Nd}{1,2})-(\p{Nd}{1,2})[T ](\p{Nd}{1,2}):(\p{Nd}{1,2})(?::(\p{Nd}{1,2})(?:[.,](\p{Nd}{1,6})\p{Nd}{0,6})?)?[\s\x1c-\x1f]*(Z|[+-]\p{Nd}{2}(?::?\p{Nd}{2})?)?\n?$/u

/** int() of Unicode decimal digits: each digit's value is its place in its block of ten */
function pyInt (text: string): number {
  let n = 0
  for (const ch of text) {
    let cp = ch.codePointAt(0)!
    let start = cp
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--
    cp = (cp - start) % 10
    n = n * 10 + cp
  }
  return n
}

function django (input: string): Parts | undefined {
  const m = DJANGO.exec(input)
  if (!m || input.includes('\ufeff')) return undefined
  const [, y, mo, d, h, mi, s = '0', frac, tz] = m
  let offsetSeconds: number | null = null
  if (tz === 'Z') offsetSeconds = 0
  else if (tz !== undefined) {
    const minutes = 60 * pyInt(tz.slice(1, 3)) + (tz.length > 3 ? pyInt(tz.slice(-2)) : 0)
    if (minutes >= 1440) return undefined // timezone(): strictly within a day
    offsetSeconds = (tz[0] === '-' ? -1 : 1) * minutes * 60
  }
  const micro = frac === undefined ? 0 : pyInt(frac.padEnd(6, '0'))
  return { year: pyInt(y), month: pyInt(mo), day: pyInt(d), hour: pyInt(h), minute: pyInt(mi), second: pyInt(s), micro, offsetSeconds, offsetMicro: 0 }
}

/** datetime(**parts): the fields in range (else Python's ValueError) */
function valid (p: Parts): boolean {
  if (p.year < 1 || p.year > 9999 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysIn(p.year, p.month)) return false
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return false
  const offsetMicros = (p.offsetSeconds ?? 0) * 1e6 + p.offsetMicro
  return Math.abs(offsetMicros) < 86_400e6
}

/** enforce_timezone: to UTC; `out-of-range` when the UTC instant leaves years 1..9999 */
function toStored (p: Parts): DateTimeReading {
  const local = new Date(0)
  local.setUTCFullYear(p.year, p.month - 1, p.day) // not Date.UTC, which reads years 0-99 as 19xx
  local.setUTCHours(p.hour, p.minute, p.second, 0)
  const totalMicro = p.micro - p.offsetMicro
  const carryMs = Math.floor(totalMicro / 1000)
  const restMicro = totalMicro - carryMs * 1000
  const utc = new Date(local.getTime() - (p.offsetSeconds ?? 0) * 1000 + carryMs)
  const year = utc.getUTCFullYear()
  if (year < 1 || year > 9999) return 'out-of-range'
  const micro = utc.getUTCMilliseconds() * 1000 + restMicro
  return `${pad(year, 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}T` +
    `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}.${pad(micro, 6)}Z`
}

/** DRF's DateTimeField.to_internal_value on a string. */
export function readDrfDateTime (input: string): DateTimeReading {
  const canonical = parseCanonical(input)
  if (canonical !== undefined) return canonical
  const iso = fromIsoFormat(input)
  if (iso && valid(iso)) return toStored(iso)
  const regex = django(input)
  if (regex && valid(regex)) return toStored(regex)
  return 'invalid'
}

/** The stored form, or null for anything DRF refuses (wrong format or out of range). */
export function parseDrfDateTime (input: string): StoredDateTime | null {
  const reading = readDrfDateTime(input)
  return reading === 'invalid' || reading === 'out-of-range' ? null : reading
}

/** Every form parse_datetime takes, without the canonical short path (the test that holds the two together). */
export function parseAnyDrfDateTime (input: string): StoredDateTime | null {
  const iso = fromIsoFormat(input)
  if (iso && valid(iso)) { const r = toStored(iso); return r === 'out-of-range' ? null : r }
  const regex = django(input)
  if (regex && valid(regex)) { const r = toStored(regex); return r === 'out-of-range' ? null : r }
  return null
}

/** Stored form of a JS Date (millisecond precision). */
export function storedFromDate (date: Date): StoredDateTime {
  return `${date.toISOString().slice(0, -1)}000Z` // milliseconds, then three zeros of microseconds
}

/** What DRF prints: `2023-10-14T00:02:00Z`, or `2022-05-13T12:54:01.468500Z` when there are microseconds. */
export function renderDrfDateTime (stored: StoredDateTime): string {
  return stored.replace(/\.000000Z$/, 'Z')
}
