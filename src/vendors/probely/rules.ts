import type { StoredScheduledScan } from './scheduled-scans.repo'

/**
 * The rule across fields, checked on the record as it would be after a write (DRF's `validate()`):
 * `run_on_day_of_week` needs a monthly or quarterly recurrence, a day of week and a week index.
 */
export function scheduledScanRuleErrors (s: Pick<StoredScheduledScan, 'run_on_day_of_week' | 'recurrence' |
'scheduled_day_of_week' | 'week_index'>): string[] {
  if (!s.run_on_day_of_week) return []
  const errors: string[] = []
  if (s.recurrence !== 'm' && s.recurrence !== 'q') {
    errors.push('Run on day of week is only available for monthly or quarterly recurrence.')
  }
  if (s.scheduled_day_of_week === null) errors.push('Scheduled day of week is required to run on day of week.')
  if (!s.week_index) errors.push('Week index is required to run on day of week.')
  return errors
}
