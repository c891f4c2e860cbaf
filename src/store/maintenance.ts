import type { Db } from './db'

/** Time between tries while a transaction (a group commit's batch) is still open. */
const RETRY_MS = 20

/**
 * Gives disk back after a write that changed much of the file: a reset of every tenant, a large fixture
 * load, tenants dropped past TENANT_LIMIT. Once no transaction is open (the group commit's batch is
 * committed), free pages go back to the file system (`incremental_vacuum`, for files made with
 * `auto_vacuum = INCREMENTAL`) and the WAL is checkpointed and truncated: left alone, the WAL of a reset
 * of 10,000 tenants stayed at ~100 MB and the file never shrank. Runs once per burst of calls.
 */
export function createMaintenance (db: Db) {
  let timer: NodeJS.Timeout | undefined
  const run = () => {
    timer = undefined
    if (!db.open) return
    if (db.inTransaction) { timer = setTimeout(run, RETRY_MS).unref(); return }
    db.pragma('incremental_vacuum')
    db.pragma('wal_checkpoint(TRUNCATE)')
  }
  return {
    afterBigWrite (): void { timer ??= setTimeout(run, 0).unref() },
    /** runs what is pending now (before the database closes; tests) */
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing; left pending, a second run finds nothing to do
    now (): void { if (timer) clearTimeout(timer); run() },
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing
    stop (): void { if (timer) clearTimeout(timer); timer = undefined }
  }
}
export type Maintenance = ReturnType<typeof createMaintenance>
