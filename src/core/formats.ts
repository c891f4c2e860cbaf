/** An ISO 8601 date-time that JavaScript reads (the admin API's `since` and the clock's `to`). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

/** The string formats of scanstub's own schemas; each vendor module adds its own. */
export const CORE_FORMATS: Record<string, (value: string) => boolean> = {
  'iso-date-time': value => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
}
