/**
 * The IANA time zone names Probely accepts: every zone and link of the tz database (as pytz's
 * `all_timezones`), from the `tzdata` package. Read on first use so start-up does not pay for it.
 */
let names: ReadonlySet<string> | undefined

export function isIanaTimezone (name: string): boolean {
  if (!names) {
    const data = require('tzdata') as { zones: Record<string, unknown> }
    names = new Set(Object.keys(data.zones))
  }
  return names.has(name)
}
