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
  /** batches begun so far; the open one, if any, is number `begun` */
  private begun = 0
  private open = false
  /** the number of the last batch whose COMMIT failed (or that SQLite dropped) */
  private lastFailed = 0
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
      this.begun++
      this.open = true
      setImmediate(() => this.flush())
    }
    let result: T
    try {
      result = fn()
    } catch (err) {
      // an error that made SQLite drop the whole batch (a full disk, say) undoes the batch's earlier writes too
      // Stryker disable next-line ConditionalExpression: flushing a batch still open now commits it a turn early: when, not what
      if (!this.db.inTransaction) this.flush()
      return Promise.reject(err)
    }
    return new Promise<T>((resolve, reject) => this.waiters.push({ resolve: () => resolve(result), reject }))
  }

  /**
   * A read's mark: the first batch whose writes a read made from now on may see (the open one, or the
   * next). Reads on this connection see the open batch's uncommitted writes, so an answer must not go
   * out before `settled(mark)` says every batch since was committed.
   */
  mark (): number {
    return this.open ? this.begun : this.begun + 1
  }

  /**
   * Whether every batch from `mark` on was committed: `true` at once when none is open and none failed
   * (the usual case, no promise made), else a promise that settles with the open batch.
   */
  settled (mark: number): boolean | Promise<boolean> {
    if (!this.open) return this.lastFailed < mark
    return new Promise<boolean>(resolve => this.waiters.push({
      resolve: () => resolve(this.lastFailed < mark),
      reject: () => resolve(false)
    }))
  }

  /** Commits the open batch now (also called before the database closes). */
  flush (): void {
    const waiters = this.waiters
    this.waiters = []
    const batch = this.begun
    const wasOpen = this.open
    this.open = false
    if (!this.db.inTransaction) {
      // SQLite rolled the whole batch back on its own (a full disk, say): none of it was stored
      if (wasOpen) this.lastFailed = batch
      if (waiters.length === 0) return
      this.onRollback()
      for (const w of waiters) w.reject(new Error('the write was rolled back before it could be committed'))
      return
    }
    try {
      this.commit.run()
    } catch (err) {
      // Stryker disable next-line ConditionalExpression: a COMMIT that SQLite itself rolled back (a full disk): test/reliability/full-disk.test.ts, through the built server
      if (this.db.inTransaction) this.rollback.run()
      this.lastFailed = batch
      this.onRollback()
      for (const w of waiters) w.reject(err as Error)
      return
    }
    for (const w of waiters) w.resolve()
  }
}
