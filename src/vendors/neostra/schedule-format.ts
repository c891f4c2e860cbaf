const CRON_MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'])

/** cron-parser (and the date library under it) is loaded on the first schedule checked, not at start. */
let cronParser: typeof import('cron-parser').CronExpressionParser | undefined

/** A standard 5-field cron expression or an `@daily`-style macro (cron-parser checks the ranges). */
export function isCronExpression (value: string): boolean {
  const text = value.trim()
  if (CRON_MACROS.has(text.toLowerCase())) return true
  if (text.split(/\s+/).length !== 5) return false
  cronParser ??= (require('cron-parser') as typeof import('cron-parser')).CronExpressionParser
  try {
    cronParser.parse(text, { strict: false })
    return true
  } catch {
    return false
  }
}
