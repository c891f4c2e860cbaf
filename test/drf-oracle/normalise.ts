import demo from '../../fixtures/demo.json'

/**
 * What differs between two runs and not between implementations (the same rules as normalise.py, which
 * the recorder applies): the time of a write by the test user, the ids of created scans, and the
 * fixture's own nested target (by name only, as it is most of every answer).
 */
const KNOWN_IDS = new Set(demo.probely.scheduledScans.map(s => s.id))
const NESTED_TARGET_FIELDS = ['id', 'site', 'type', 'labels', 'has_assets', 'report_fileformat', 'scanning_agent', 'teams', 'blackout_period']

/** Key order aside, as Python's dict equality. */
export const canonical = (value: unknown): string => JSON.stringify(sortKeys(value))
function sortKeys (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.keys(value).sort().map(k => [k, sortKeys((value as Record<string, unknown>)[k])]))
}
const NESTED = new Map(demo.probely.targets.map(target =>
  [target.id, canonical(Object.fromEntries(NESTED_TARGET_FIELDS.map(k => [k, (target as Record<string, unknown>)[k]])))]))

const isNewId = (id: unknown) => typeof id === 'string' && !KNOWN_IDS.has(id)

export function normalise (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = normalise(v)
  const target = out.target as Record<string, unknown> | null | undefined
  if (target !== null && typeof target === 'object' && NESTED.get(target.id as string) === canonical(target)) {
    out.target = `<target ${target.id as string}>`
  }
  const changedBy = out.changed_by as { id?: unknown } | null | undefined
  if ('changed' in out && changedBy !== null && typeof changedBy === 'object' && changedBy.id === 'u-alice') out.changed = '<now>'
  if ('target' in out && 'date_time' in out && isNewId(out.id)) out.id = '<new>'
  if ('date_time' in out && 'recurrence' in out && !('target' in out) && isNewId(out.id)) out.id = '<new>' // a target's next_scan
  return out
}
