import type { Db } from './db'

/** 64 MB of kept answers: two or three 10,000-record pages (24-26 MB each) at most (KEPT_PAGES_MB) */
export const KEPT_PAGES_MB_DEFAULT = 64

/**
 * Whole answers of list routes (a page's JSON bytes) kept while nothing is written: a repeated
 * `GET /targets/?length=10000` is then the kept bytes again instead of 10,000 rows read and 24 MB of
 * JSON written (120 ms of server CPU each time on a quiet machine, 10 ms kept: `npm run bench:scale -- --only lists`). A page holds what several tables say (a target's last
 * scan, open findings and next scan follow scans, findings and schedules), so no one repo can say when
 * it goes stale; SQLite can: `total_changes()` counts every row any statement of this connection
 * inserted, updated or deleted (the server's only connection: the file is opened with exclusive locking),
 * so a page is good for as long as that count has not moved since it was read. A write anywhere drops
 * every kept page (the simple rule that cannot miss one); a rolled-back write does not lower the count,
 * so a rollback clears them too (`clear()`, called with the repos' own clean-ups). At most `bytes` are
 * kept, the least recently used page dropped first; pages of an older count are dropped as soon as they
 * are seen.
 */
export class KeptPages {
  private readonly pages = new Map<string, Buffer>()
  /** the change count every kept page was read at */
  private pagesAt = -1
  private size = 0
  private readonly changes

  constructor (db: Db, private readonly bytes: number) {
    this.changes = db.prepare<[], number>('SELECT total_changes()').pluck()
  }

  /**
   * The kept answer for `key`, else `build()`'s, kept from now on. `build` must read what it answers from
   * SQLite before it first awaits (the page's rows, read at once): the count taken just before it is then
   * the one its answer reflects, and a write made while it serializes leaves it unkept. An undefined
   * answer (no such page) is not kept.
   */
  async answer (key: string, build: () => Promise<Buffer | undefined>): Promise<Buffer | undefined> {
    if (this.bytes === 0) return build()
    const at = this.changes.get()!
    if (at !== this.pagesAt) this.reset(at)
    const kept = this.pages.get(key)
    if (kept !== undefined) {
      // most recently used last
      this.pages.delete(key)
      this.pages.set(key, kept)
      return kept
    }
    const built = await build()
    if (built !== undefined && this.changes.get() === at && this.pagesAt === at) this.keep(key, built)
    return built
  }

  /** Forgets every kept page: after a rollback, SQLite alone knows what is stored. */
  clear (): void {
    this.reset(-1)
  }

  private reset (at: number): void {
    this.pages.clear()
    this.size = 0
    this.pagesAt = at
  }

  private keep (key: string, page: Buffer): void {
    // what the page holds on to: a page written into a larger buffer keeps all of it
    const held = page.buffer.byteLength
    if (held > this.bytes) return
    const same = this.pages.get(key)
    if (same !== undefined) { this.pages.delete(key); this.size -= same.buffer.byteLength }
    for (const [oldest, old] of this.pages) {
      if (this.size + held <= this.bytes) break
      this.pages.delete(oldest)
      this.size -= old.buffer.byteLength
    }
    this.pages.set(key, page)
    this.size += held
  }
}
