import type { Db } from '../../store/db'
import type { FindingTemplate } from './scans.schemas'

/** A finding as stored; the rest of its fields come from its template. */
export interface StoredFinding {
  id: number
  target: string
  template: number
  severity: number
  state: string
  scans: string[]
  first_found: string
  last_found: string
  changed: string
}

interface Row { id: number, target_id: string, template: number, severity: number, state: string, scans: string, first_found: string, last_found: string, changed: string }
const toFinding = (r: Row): StoredFinding => ({ ...r, target: r.target_id, scans: JSON.parse(r.scans) as string[] })

/** Finding templates (fixture) and the findings scans made of them; every statement prepared once. */
export function createFindingsRepo (db: Db) {
  const q = {
    templates: db.prepare<[string, string], { position: number, data: string }>('SELECT position, data FROM probely_finding_templates WHERE tenant = ? AND target_id = ? ORDER BY position'),
    allTemplates: db.prepare<[string], { position: number, data: string }>('SELECT position, data FROM probely_finding_templates WHERE tenant = ? ORDER BY rowid'),
    insertTemplate: db.prepare<[string, string, number, string]>('INSERT INTO probely_finding_templates (tenant, target_id, position, data) VALUES (?, ?, ?, ?)'),
    ofTarget: db.prepare<[string, string], Row>('SELECT id, target_id, template, severity, state, scans, first_found, last_found, changed FROM probely_findings WHERE tenant = ? AND target_id = ? ORDER BY id'),
    all: db.prepare<[string], Row>('SELECT id, target_id, template, severity, state, scans, first_found, last_found, changed FROM probely_findings WHERE tenant = ? ORDER BY id'),
    get: db.prepare<[string, number], Row>('SELECT id, target_id, template, severity, state, scans, first_found, last_found, changed FROM probely_findings WHERE tenant = ? AND id = ?'),
    tenantTemplates: db.prepare<[string], { target_id: string, position: number, data: string }>('SELECT target_id, position, data FROM probely_finding_templates WHERE tenant = ?'),
    // open findings per severity, what a target's lows, mediums and highs count, in one statement (targets are
    // read often: about 3 µs CPU of a target read's 12, measured with 100,000 calls on a loaded 2-core machine);
    // `found` 0: no scan found anything on it yet
    openCounts: db.prepare<[string, string], { found: number, lows: number, mediums: number, highs: number }>(`SELECT count(*) AS found,
      coalesce(sum(severity = 10 AND state IN ('notfixed', 'retesting')), 0) AS lows,
      coalesce(sum(severity = 20 AND state IN ('notfixed', 'retesting')), 0) AS mediums,
      coalesce(sum(severity >= 30 AND state IN ('notfixed', 'retesting')), 0) AS highs
      FROM probely_findings WHERE tenant = ? AND target_id = ?`),
    byTemplate: db.prepare<[string, string, number], Row>('SELECT id, target_id, template, severity, state, scans, first_found, last_found, changed FROM probely_findings WHERE tenant = ? AND target_id = ? AND template = ?'),
    nextId: db.prepare<[string, string], number>(`SELECT max(coalesce((SELECT max(id) FROM probely_findings WHERE tenant = ?), 0),
      coalesce((SELECT last FROM probely_finding_ids WHERE tenant = ?), 0)) + 1`).pluck(),
    handedOut: db.prepare<[string, number]>('INSERT INTO probely_finding_ids (tenant, last) VALUES (?, ?) ON CONFLICT (tenant) DO UPDATE SET last = max(last, excluded.last)'),
    clearIds: db.prepare<[string]>('DELETE FROM probely_finding_ids WHERE tenant = ?'),
    insert: db.prepare(`INSERT INTO probely_findings (tenant, id, target_id, template, severity, state, scans, first_found, last_found, changed)
      VALUES (@tenant, @id, @target_id, @template, @severity, @state, @scans, @first_found, @last_found, @changed)`),
    update: db.prepare('UPDATE probely_findings SET state = @state, scans = @scans, last_found = @last_found, changed = @changed WHERE tenant = @tenant AND id = @id'),
    clear: db.prepare<[string]>('DELETE FROM probely_findings WHERE tenant = ?'),
    clearTemplates: db.prepare<[string]>('DELETE FROM probely_finding_templates WHERE tenant = ?')
  }
  const params = (tenant: string, f: StoredFinding) => ({
    tenant, id: f.id, target_id: f.target, template: f.template, severity: f.severity, state: f.state,
    scans: JSON.stringify(f.scans), first_found: f.first_found, last_found: f.last_found, changed: f.changed
  })

  return {
    templates: (tenant: string, targetId: string) =>
      q.templates.all(tenant, targetId).map(r => ({ position: r.position, template: JSON.parse(r.data) as FindingTemplate })),
    /** The tenant's templates in fixture order, with the position its findings name them by. */
    allTemplates: (tenant: string) => q.allTemplates.all(tenant).map(r => ({ position: r.position, template: JSON.parse(r.data) as FindingTemplate })),
    insertTemplate: (tenant: string, position: number, t: FindingTemplate) => { q.insertTemplate.run(tenant, t.target, position, JSON.stringify(t)) },
    ofTarget: (tenant: string, targetId: string) => q.ofTarget.all(tenant, targetId).map(toFinding),
    /** Every finding of the tenant, by id. */
    all: (tenant: string) => q.all.all(tenant).map(toFinding),
    get: (tenant: string, id: number) => { const r = q.get.get(tenant, id); return r && toFinding(r) },
    /** The tenant's templates by `${target} ${position}`. */
    templatesOfTenant: (tenant: string) => new Map(q.tenantTemplates.all(tenant).map(r => [`${r.target_id} ${r.position}`, JSON.parse(r.data) as FindingTemplate])),
    /** The target's open findings per severity, or undefined when no scan found anything on it yet. */
    openCounts (tenant: string, targetId: string): { lows: number, mediums: number, highs: number } | undefined {
      const { found, lows, mediums, highs } = q.openCounts.get(tenant, targetId)!
      return found === 0 ? undefined : { lows, mediums, highs }
    },
    /** Findings as a fixture carries them (a load puts them back as they were). */
    insertFinding: (tenant: string, f: StoredFinding) => { q.insert.run(params(tenant, f)) },
    /**
     * What scan `scanId` of a target found: each template is one finding of the target, made by the first scan that
     * finds it and found again by later ones (its id appended to `scans`; a fixed finding is open again).
     * Returns the counts per severity.
     */
    record (tenant: string, targetId: string, scanId: string, now: string): { lows: number, mediums: number, highs: number } {
      const counts = { lows: 0, mediums: 0, highs: 0 }
      for (const { position, template } of this.templates(tenant, targetId)) {
        if (template.severity === 10) counts.lows++
        else if (template.severity === 20) counts.mediums++
        else counts.highs++
        const found = q.byTemplate.get(tenant, targetId, position)
        if (found === undefined) {
          const id = q.nextId.get(tenant, tenant) ?? 1
          q.handedOut.run(tenant, id)
          q.insert.run(params(tenant, {
            id, target: targetId, template: position, severity: template.severity, state: template.state,
            scans: [scanId], first_found: now, last_found: now, changed: now
          }))
        } else {
          const f = toFinding(found)
          q.update.run(params(tenant, { ...f, state: f.state === 'fixed' ? 'notfixed' : f.state, scans: [...f.scans, scanId], last_found: now, changed: now }))
        }
      }
      return counts
    },
    // a reset or a fixture load starts the tenant's ids anew, as a fresh tenant's
    clear: (tenant: string) => { q.clear.run(tenant); q.clearTemplates.run(tenant); q.clearIds.run(tenant) }
  }
}
export type FindingsRepo = ReturnType<typeof createFindingsRepo>
