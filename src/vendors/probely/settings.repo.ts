import type { Db } from '../../store/db'
import { DEFAULT_SETTINGS, type ProbelySettings } from './scans.schemas'

/** The test's choices per tenant (durations, outcomes); a tenant without a row has the defaults. */
export function createSettingsRepo (db: Db) {
  const q = {
    get: db.prepare<[string], string>('SELECT data FROM probely_settings WHERE tenant = ?').pluck(),
    put: db.prepare<[string, string]>('INSERT INTO probely_settings (tenant, data) VALUES (?, ?) ON CONFLICT (tenant) DO UPDATE SET data = excluded.data'),
    clear: db.prepare<[string]>('DELETE FROM probely_settings WHERE tenant = ?')
  }
  return {
    get: (tenant: string): ProbelySettings => {
      const data = q.get.get(tenant)
      return data === undefined ? DEFAULT_SETTINGS : JSON.parse(data) as ProbelySettings
    },
    /** Only what differs from the defaults is worth a row, but a whole object is simplest to read back. */
    put: (tenant: string, settings: ProbelySettings) => { q.put.run(tenant, JSON.stringify(settings)) },
    clear: (tenant: string) => { q.clear.run(tenant) }
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
