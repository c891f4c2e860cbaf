import type { Db } from '../../store/db'
import { KEPT_RECORDS_DEFAULT, KeptRecords } from '../../store/kept-records'
import { DEFAULT_SETTINGS, type ProbelySettings } from './scans.schemas'

/**
 * The test's choices per tenant (durations, outcomes); a tenant without a row has the defaults. Kept
 * (frozen) once read, written through: every lifecycle step of every scan reads them, and the query
 * was 6% of a day's advance over 1,000 hourly schedules (--cpu-prof). `forgetAll()` after a rollback.
 */
export function createSettingsRepo (db: Db, keptLimit = KEPT_RECORDS_DEFAULT) {
  const kept = new KeptRecords<ProbelySettings>(keptLimit)
  const q = {
    get: db.prepare<[string], string>('SELECT data FROM probely_settings WHERE tenant = ?').pluck(),
    put: db.prepare<[string, string]>('INSERT INTO probely_settings (tenant, data) VALUES (?, ?) ON CONFLICT (tenant) DO UPDATE SET data = excluded.data'),
    clear: db.prepare<[string]>('DELETE FROM probely_settings WHERE tenant = ?')
  }
  return {
    get: (tenant: string): ProbelySettings => kept.getOrRead(tenant, '', () => {
      const data = q.get.get(tenant)
      return data === undefined ? DEFAULT_SETTINGS : JSON.parse(data) as ProbelySettings
    })!,
    /** Only what differs from the defaults is worth a row, but a whole object is simplest to read back. */
    put: (tenant: string, settings: ProbelySettings) => { q.put.run(tenant, JSON.stringify(settings)); kept.keep(tenant, '', structuredClone(settings)) },
    clear: (tenant: string) => { q.clear.run(tenant); kept.delete(tenant, '') },
    /** Drops every kept settings object: after a rollback, SQLite alone knows what is stored. */
    forgetAll: () => { kept.clear() }
  }
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>

/** Fills what a partial settings object leaves out with the defaults (fixture and PUT alike). */
export function completeSettings (partial: { durations?: Partial<ProbelySettings['durations']>, outcomes?: Partial<ProbelySettings['outcomes']> } = {}): ProbelySettings {
  return {
    durations: { ...DEFAULT_SETTINGS.durations, ...partial.durations },
    outcomes: { ...DEFAULT_SETTINGS.outcomes, ...partial.outcomes }
  }
}
