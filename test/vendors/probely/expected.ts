import { demoFixture } from '../../helpers'

const NESTED_TARGET_FIELDS = ['id', 'site', 'type', 'labels', 'has_assets', 'report_fileformat', 'scanning_agent', 'teams', 'blackout_period']

/** A demo scheduled scan as the API must show it: the vendor page's fields, the target nested whole. */
export function expectedScheduledScan (id: string, overrides: Record<string, unknown> = {}) {
  const fixture = demoFixture().probely
  const scan = fixture.scheduledScans.find((s: { id: string }) => s.id === id)
  const target = fixture.targets.find((x: { id: string }) => x.id === scan.target)
  const nested = Object.fromEntries(NESTED_TARGET_FIELDS.map(k => [k, target[k]]))
  return {
    id: scan.id,
    target: nested,
    date_time: scan.date_time,
    recurrence: scan.recurrence,
    changed: scan.changed,
    changed_by: scan.changed_by,
    blackout_period: scan.blackout_period,
    timezone: scan.timezone,
    run_on_day_of_week: scan.run_on_day_of_week,
    scheduled_day_of_week: scan.scheduled_day_of_week,
    week_index: scan.week_index,
    partial_scan: scan.partial_scan,
    override_target_settings: scan.override_target_settings,
    incremental: scan.incremental,
    reduced_scope: scan.reduced_scope,
    scan_profile: scan.scan_profile,
    unlimited: scan.unlimited,
    ...overrides
  }
}

/** The keys of the vendor page's example, in its order. */
export const VENDOR_EXAMPLE_KEYS = ['id', 'target', 'date_time', 'recurrence', 'changed', 'changed_by', 'blackout_period',
  'timezone', 'run_on_day_of_week', 'scheduled_day_of_week', 'week_index', 'partial_scan', 'override_target_settings',
  'incremental', 'reduced_scope', 'scan_profile', 'unlimited']
