import { parseDrfDateTime } from './vendors/probely/datetime'
import { isIanaTimezone } from './vendors/probely/timezones'
import { isNeostraCron } from './vendors/neostra/cron'

/** The string formats our schemas use, for every ajv instance (requests, fixtures, test checks). */
export const FORMATS: Record<string, (value: string) => boolean> = {
  // five fields, macros, or Spring's six with seconds first (src/vendors/neostra/cron.ts)
  cron: isNeostraCron,
  'date-time': v => parseDrfDateTime(v) !== null,
  'iana-timezone': isIanaTimezone
}
