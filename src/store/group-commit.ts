import type { Db } from './db'

interface Waiter { resolve: () => void, reject: (err: Error) => void }

/**
 * Group commit: the writes of all requests handled in one turn of the event loop share one SQLite
 * transaction, committed on the next turn; each caller's promise settles only after that COMMIT, so
 * nothing is acknowledged before it is durable (it survives SIGKILL), while a burst of N requests pays
 * for one commit instead of N. Each write must be atomic by itself: one statement, or a `db.transaction`
 * (which nests as a savepoint), so a write that throws leaves nothing behind. A COMMIT that fails fails
 * every write of its batch, and calls `onRollback` (for whatever holds copies of what was written).
 */
export class GroupCommit {
  private waiters: Waiter[] = []
  private readonly begin
  private readonly commit
  private readonly rollback

  constructor (private readonly db: Db, private readonly onRollback: () => void = () => {}) {
    this.begin = db.prepare('BEGIN')
    this.commit = db.prepare('COMMIT')
    this.rollback = db.prepare('ROLLBACK')
  }

  /** Runs `fn` in the open batch; resolves with its result once the batch is committed. */
  write<T> (fn: () => T): Promise<T> {
    if (!this.db.inTransaction) {
      this.begin.run()
      setImmediate(() => this.flush())
    }
    let result: T
    try {
      result = fn()
    } catch (err) {
      // an error that made SQLite drop the whole batch (a full disk, say) undoes the batch's earlier writes too
      if (!this.db.inTransaction) this.flush()
      return Promise.reject(err)
    }
    return new Promise<T>((resolve, reject) => this.waiters.push({ resolve: () => resolve(result), reject }))
  }

  /** Commits the open batch now (also called before the database closes). */
  flush (): void {
    const waiters = this.waiters
    this.waiters = []
    if (!this.db.inTransaction) {
      if (waiters.length === 0) return
      // SQLite rolled the whole batch back on its own (a full disk, say): none of it was stored
      this.onRollback()
      for (const w of waiters) w.reject(new Error('the write was rolled back before it could be committed'))
      return
    }
    try {
      this.commit.run()
    } catch (err) {
      if (this.db.inTransaction) this.rollback.run()
      this.onRollback()
      for (const w of waiters) w.reject(err as Error)
      return
    }
    for (const w of waiters) w.resolve()
  }
}
