import type { Db } from './db'
import { GroupCommit } from './group-commit'
import { KEPT_PAGES_MB_DEFAULT, KeptPages } from './kept-pages'

/**
 * Each vendor's repositories, merged into the store under their own keys. The store names no vendor:
 * each vendor's index.ts adds its keys here (declaration merging), so `app.store.targets` is typed.
 */

export interface VendorRepos {}

/** What repos are made with (settings). */
export interface RepoOptions {
  /** at most this many records kept parsed in memory per repository */
  keptRecords: number
}
export const DEFAULT_REPO_OPTIONS: RepoOptions = { keptRecords: 10_000 }

/** Whoever keeps repositories in the store: a VendorModule, as far as the store needs one. */
export interface RepoOwner {
  createRepos: (db: Db, options: RepoOptions) => object
  /** after a rollback: forget what the repos keep in memory */
  forgetKept?: (repos: never) => void
}

/**
 * SQLite behind everything stored: the repositories of every owner, and the one way to write (group
 * commit). What repos keep in memory is forgotten whenever SQLite rolls a write back, so after a
 * failure SQLite alone is read. `keptPagesMb`: MB of list answers kept while nothing is written (KeptPages).
 */
export function createStore (db: Db, owners: readonly RepoOwner[], options: RepoOptions = DEFAULT_REPO_OPTIONS, keptPagesMb = KEPT_PAGES_MB_DEFAULT) {
  const repos = new Map<RepoOwner, object>(owners.map(o => [o, o.createRepos(db, options)]))
  const keptPages = new KeptPages(db, keptPagesMb * 1024 * 1024)
  const onRollback: Array<() => void> = []
  const forgetKept = () => {
    for (const [owner, r] of repos) (owner.forgetKept as ((repos: object) => void) | undefined)?.(r)
    keptPages.clear()
    for (const fn of onRollback) fn()
  }
  const batch = new GroupCommit(db, forgetKept)

  /** A db.transaction whose rollback also drops what the repos keep in memory. */
  const transaction = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const run = db.transaction(fn)
    return (...args: A): R => {
      try {
        return run(...args)
      } catch (err) {
        forgetKept()
        throw err
      }
    }
  }

  const base = {
    db: db as Db,
    /** Every write goes through here: resolves once it is committed (see GroupCommit). */
    write: <T>(fn: () => T): Promise<T> => batch.write(fn),
    /** A read's mark, and whether every batch since was committed (see GroupCommit.mark/settled). */
    readMark: () => batch.mark(),
    committedSince: (mark: number) => batch.settled(mark),
    /** Commits what is pending; before the database closes. */
    flush: () => batch.flush(),
    transaction,
    /** whole list answers, kept while nothing is written */
    keptPages,
    /** `fn` runs whenever a rollback makes what is kept in memory untrustworthy */
    onRollback: (fn: () => void) => { onRollback.push(fn) },
    /** the repos an owner made (for the fixture parts of the tenants' provisioning) */
    reposOf: <R extends object>(owner: { createRepos: (db: Db, options: RepoOptions) => R }): R => repos.get(owner as RepoOwner) as R
  }
  return Object.assign(base, ...repos.values()) as typeof base & VendorRepos
}
export type Store = ReturnType<typeof createStore>
