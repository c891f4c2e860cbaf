import type { Db } from '../store/db'
import { MinHeap } from './heap'

export type ClockMode = 'real' | 'frozen'
export interface ClockState { now: string, mode: ClockMode }

/** What an event's `run` is told. */
export interface DueContext {
  tenant: string
  /** the time (ms) the event was due, on the tenant's clock */
  at: number
  /** the tenant's clock while it runs: `at` when the clock passes through it, later when it is late */
  now: number
  /**
   * true when the clock jumped over it (`set`), or it was already past due when scheduled (re-registered
   * at start after the server was down, say): a schedule then moves on without firing, while a lifecycle
   * step (a scan finishing) still applies
   */
  late: boolean
}

export type DueEvent = (ctx: DueContext) => void

/** A refused clock call: the admin API answers it with a 400. */
export class ClockError extends Error {
  readonly statusCode = 400
}

/** One `advance` call moves the clock at most this far (a year and a day)... */
export const MAX_ADVANCE_MS = 366 * 24 * 3600 * 1000
/** ...and runs at most this many events; past it the clock stops at the last event run (`limited`). */
export const MAX_EVENTS_PER_CALL = 250_000
/**
 * An advance or a jump runs its events in batches, each its own write, yielding to other requests in
 * between: a day of 1,000 hourly schedules (72,000 events with the scans they start) ran as one
 * synchronous batch of several seconds, during which no other tenant was answered (npm run
 * bench:scheduler: 0 answers during a 9 s advance). A batch ends after BATCH_MS of work or
 * EVENTS_PER_BATCH events, whichever comes first: bounded by time, a batch holds other requests up for
 * the same few milliseconds on a fast or a loaded machine, and a fast one commits less often (batches of
 * 100 events: 720 COMMITs a day there, 14% of the advance's CPU).
 */
export const EVENTS_PER_BATCH = 1000
export const BATCH_MS = 10
/**
 * While other requests arrive (`ClocksOptions.arrivals` moved since the last batch began), a batch ends
 * after SHARED_BATCH_MS instead: each of them waits for the batch running when it came, so at 10 ms
 * another tenant's GET had p99 24.5 ms during a day's advance (npm run bench:scheduler, against 2 ms
 * alone). Alone, an advance keeps BATCH_MS and its few COMMITs.
 */
export const SHARED_BATCH_MS = 2

interface QueuedEvent { tenant: string, key: string, at: number, seq: number, run: DueEvent, late: boolean, cancelled: boolean }

interface TenantClock {
  tenant: string
  mode: ClockMode
  /** frozen: the clock's time */
  frozenAt: number
  /** real: the clock reads real time plus this */
  offset: number
  queue: MinHeap<QueuedEvent>
  byKey: Map<string, QueuedEvent>
  /** the head event a wake-up is already queued for (-1: none, or the clock's mode changed since) */
  wakeSeq: number
  /** an advance or jump is running its batches: no timer of its own meanwhile (the batches run what is due) */
  advancing: boolean
}

/** A real-time wake-up for one tenant's head event (stale ones are skipped when popped). */
interface Wake { realAt: number, tenant: string, seq: number }

export interface ClocksOptions {
  /** runs a batch of due events as one write (the store's group commit); defaults to running it at once */
  transact?: (fn: () => void) => Promise<unknown>
  /** an event that threw: logged, and the others still run */
  onError?: (err: unknown, event: { tenant: string, key: string }) => void
  /** real time (tests of the real-time timer pass their own) */
  realNow?: () => number
  /** how many requests have arrived so far: while it moves, an advance runs shorter batches (SHARED_BATCH_MS) */
  arrivals?: () => number
}

export interface AdvanceResult extends ClockState {
  /** how many events ran */
  events: number
  /** true when MAX_EVENTS_PER_CALL stopped it before the time asked for */
  limited?: boolean
}

const before = (a: QueuedEvent, b: QueuedEvent) => a.at < b.at || (a.at === b.at && a.seq < b.seq)
const live = (e: QueuedEvent) => !e.cancelled

/**
 * Every tenant's clock, and the events due on them. A clock follows real time until a test freezes,
 * sets or advances it; `advance` runs every event of the span in time order before it answers, so what
 * a test reads next is deterministic; `set` jumps (events in between run late). With real clocks one
 * timer serves the next due event of all tenants. A clock's mode and time persist in SQLite; the events
 * do not: their owners keep what must survive in their own tables and schedule again at start.
 */
export class Clocks {
  private readonly clocks = new Map<string, TenantClock>()
  private readonly wakes = new MinHeap<Wake>((a, b) => a.realAt < b.realAt)
  private timer: NodeJS.Timeout | undefined
  private timerAt = Infinity
  private seq = 0
  private running = false
  /** the count of arrivals when the real-time timer's last batch began */
  private timerArrivals = 0
  /** clocks given events while a batch ran: armed when it ends */
  private readonly touched = new Set<TenantClock>()
  private closed = false
  /** the batch running now (settled: none) */
  private current: Promise<void> = Promise.resolve()
  private readonly transact: (fn: () => void) => Promise<unknown>
  private readonly realNow: () => number
  private readonly arrivals: () => number
  private readonly q

  constructor (db: Db, private readonly options: ClocksOptions = {}) {
    this.transact = options.transact ?? (async fn => fn())
    this.realNow = options.realNow ?? Date.now
    this.arrivals = options.arrivals ?? (() => 0)
    this.q = {
      get: db.prepare<[string], { mode: ClockMode, frozen_at: number | null, offset_ms: number }>('SELECT mode, frozen_at, offset_ms FROM clocks WHERE tenant = ?'),
      put: db.prepare<[string, ClockMode, number | null, number]>(`INSERT INTO clocks (tenant, mode, frozen_at, offset_ms) VALUES (?, ?, ?, ?)
        ON CONFLICT (tenant) DO UPDATE SET mode = excluded.mode, frozen_at = excluded.frozen_at, offset_ms = excluded.offset_ms`),
      remove: db.prepare<[string]>('DELETE FROM clocks WHERE tenant = ?'),
      removeAll: db.prepare('DELETE FROM clocks')
    }
  }

  now (tenant: string): number {
    const c = this.clock(tenant)
    return c.mode === 'frozen' ? c.frozenAt : this.realNow() + c.offset
  }

  date (tenant: string): Date { return new Date(this.now(tenant)) }

  iso (tenant: string): string { return this.date(tenant).toISOString() }

  state (tenant: string): ClockState {
    return { now: this.iso(tenant), mode: this.clock(tenant).mode }
  }

  /** Adds or replaces the event `key` of `tenant`, due at clock time `at` (ms). */
  schedule (tenant: string, key: string, at: number, run: DueEvent): void {
    const c = this.clock(tenant)
    const old = c.byKey.get(key)
    if (old) old.cancelled = true
    const event: QueuedEvent = { tenant, key, at, seq: this.seq++, run, late: at < this.now(tenant), cancelled: false }
    c.byKey.set(key, event)
    c.queue.push(event)
    // replaced and cancelled events stay queued until popped, and one due in years never is: a PATCH
    // loop on one schedule grew the heap (and the process, ~1 MB a second in the soak) without bound
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: when to clean up is memory only (a threshold crossed sooner cleans up more often; never cleaning up is what the queue-size test catches, but it shares the line)
    if (c.queue.size > 2 * c.byKey.size + 64) c.queue.retain(live)
    if (this.running) this.touched.add(c)
    else this.wakeFor(c)
  }

  cancel (tenant: string, key: string): void {
    const c = this.clocks.get(tenant)
    const event = c?.byKey.get(key)
    if (!c || !event) return
    event.cancelled = true
    c.byKey.delete(key)
  }

  /** Drops a tenant's events (a reset or a fixture load); its clock keeps its time. */
  cancelTenant (tenant: string): void {
    const c = this.clocks.get(tenant)
    if (!c) return
    // no event needs marking cancelled: nothing else holds one (the wake-ups hold sequence numbers)
    c.byKey.clear()
    c.queue.clear()
  }

  /** The tenant's clock back to real time, its events dropped (a reset). */
  forget (tenant?: string): void {
    if (tenant === undefined) {
      for (const name of this.clocks.keys()) this.cancelTenant(name)
      this.clocks.clear()
      this.q.removeAll.run()
      return
    }
    this.cancelTenant(tenant)
    this.clocks.delete(tenant)
    this.q.remove.run(tenant)
  }

  /** Freezes the clock if it runs, then moves it `ms` on, running every event of the span in time order. */
  async advance (tenant: string, ms: number): Promise<AdvanceResult> {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new ClockError('advanceMs must be a whole number of milliseconds, 0 or more: the clock never runs backwards')
    if (ms > MAX_ADVANCE_MS) throw new ClockError(`advanceMs must be at most ${MAX_ADVANCE_MS} (366 days) per call`)
    const c = this.freeze(tenant)
    const target = c.frozenAt + ms
    const result = await this.runInBatches(c, target, false)
    if (!result.limited) c.frozenAt = target
    this.persist(c)
    this.wakeFor(c)
    return { ...this.state(tenant), events: result.events, ...(result.limited ? { limited: true } : {}) }
  }

  /** Sets the clock (and freezes it), like changing a wall clock: events in between run late. */
  async set (tenant: string, to: number): Promise<AdvanceResult> {
    if (!Number.isFinite(to)) throw new ClockError('to must be an ISO 8601 date-time')
    const c = this.freeze(tenant)
    if (to < c.frozenAt) throw new ClockError(`the clock never runs backwards: it reads ${new Date(c.frozenAt).toISOString()}`)
    c.frozenAt = to
    const result = await this.runInBatches(c, to, true)
    this.persist(c)
    this.wakeFor(c)
    return { ...this.state(tenant), events: result.events, ...(result.limited ? { limited: true } : {}) }
  }

  /** The clock runs on in real time from where it stands. */
  async real (tenant: string): Promise<ClockState> {
    const c = this.clock(tenant)
    if (c.mode === 'frozen') {
      c.offset = c.frozenAt - this.realNow()
      c.mode = 'real'
      c.wakeSeq = -1
      this.persist(c)
    }
    this.wakeFor(c)
    return this.state(tenant)
  }

  close (): void {
    this.closed = true
    // Stryker disable next-line ConditionalExpression: clearTimeout of nothing does nothing
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  private clock (tenant: string): TenantClock {
    let c = this.clocks.get(tenant)
    if (c === undefined) {
      const row = this.q.get.get(tenant)
      c = {
        tenant,
        mode: row?.mode ?? 'real',
        frozenAt: row?.frozen_at ?? 0,
        offset: row?.offset_ms ?? 0,
        queue: new MinHeap(before),
        byKey: new Map(),
        wakeSeq: -1,
        advancing: false
      }
      this.clocks.set(tenant, c)
    }
    return c
  }

  private freeze (tenant: string): TenantClock {
    const c = this.clock(tenant)
    if (c.mode === 'real') {
      c.frozenAt = this.realNow() + c.offset
      c.mode = 'frozen'
      c.wakeSeq = -1
    }
    return c
  }

  private persist (c: TenantClock): void {
    this.q.put.run(c.tenant, c.mode, c.mode === 'frozen' ? c.frozenAt : null, c.offset)
  }

  /** Runs `fn` as one write; an event scheduled meanwhile waits for the batch to finish before it arms a timer. */
  private async batch (fn: () => void): Promise<void> {
    // one batch at a time: a call that comes while the real-time timer's batch commits waits for it
    // (it used to be refused with a 400, so a test's advance could fail at random) (probely workflows)
    while (this.running) await this.current
    this.running = true
    const run = (async () => {
      try {
        await this.transact(fn)
      } finally {
        this.running = false
        for (const c of this.touched) this.wakeFor(c)
        this.touched.clear()
      }
    })()
    this.current = run.catch(() => {})
    return run
  }

  /**
   * The events due up to `until`, a batch at a time (BATCH_MS, EVENTS_PER_BATCH; SHARED_BATCH_MS while other requests
   * arrive), each batch one write, other requests answered between batches (setImmediate); at most MAX_EVENTS_PER_CALL
   * in all (`limited` past it).
   */
  private async runInBatches (c: TenantClock, until: number, jumped: boolean): Promise<{ events: number, limited: boolean }> {
    let events = 0
    let arrived = this.arrivals()
    c.advancing = true
    try {
      for (;;) {
        const budget = Math.min(EVENTS_PER_BATCH, MAX_EVENTS_PER_CALL - events)
        const seen = arrived
        arrived = this.arrivals()
        const ms = arrived === seen ? BATCH_MS : SHARED_BATCH_MS
        // Stryker disable next-line BooleanLiteral: always replaced before it is read (a batch whose write fails throws)
        let ran = { events: 0, stopped: false }
        await this.batch(() => { ran = this.runDue(c, until, jumped, budget, this.realNow() + ms) })
        events += ran.events
        if (!ran.stopped) return { events, limited: false }
        if (events >= MAX_EVENTS_PER_CALL) return { events, limited: true }
        await new Promise(resolve => setImmediate(resolve))
      }
    } finally {
      c.advancing = false
    }
  }

  /**
   * Runs the tenant's events due up to `until`, in time order (events they schedule inside the span run
   * too), at most `max` of them (`stopped`: more are due). A frozen clock reads each event's time while
   * it runs (or `until` when the jump makes it late). Past `deadline` (real time) it stops too,
   * once it has run one event.
   */
  private runDue (c: TenantClock, until: number, jumped: boolean, max = Infinity, deadline = Infinity): { events: number, stopped: boolean } {
    let events = 0
    for (let head = c.queue.peek(); head !== undefined && head.at <= until; head = c.queue.peek()) {
      c.queue.pop()
      if (head.cancelled) continue
      if (events >= max || (events > 0 && this.realNow() >= deadline)) {
        c.queue.push(head)
        return { events, stopped: true }
      }
      c.byKey.delete(head.key)
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a jump has set frozenAt to `until` already (so the max keeps it), and a real clock's frozenAt is not read until a freeze sets it
      if (c.mode === 'frozen' && !jumped) c.frozenAt = Math.max(c.frozenAt, head.at)
      const now = c.mode === 'frozen' ? c.frozenAt : Math.max(until, head.at)
      events++
      try {
        head.run({ tenant: c.tenant, at: head.at, now, late: jumped || head.late })
      } catch (err) {
        this.options.onError?.(err, { tenant: c.tenant, key: head.key })
      }
    }
    return { events, stopped: false }
  }

  /** Arms the one timer for the tenant's next event (at once for one already due on a frozen clock). */
  private wakeFor (c: TenantClock): void {
    if (this.closed || c.advancing) return
    let head = c.queue.peek()
    // Stryker disable next-line ConditionalExpression: without it a wake-up is armed for a cancelled head, which runs nothing and arms the next: later, the same answers
    while (head?.cancelled) { c.queue.pop(); head = c.queue.peek() }
    if (!head || head.seq === c.wakeSeq) return
    const realAt = c.mode === 'real' ? head.at - c.offset : head.at <= c.frozenAt ? this.realNow() : Infinity
    // Stryker disable next-line ConditionalExpression: a wake-up at Infinity never arms the timer (nothing is earlier than Infinity) and is cleaned up with the stale ones
    if (realAt === Infinity) return
    c.wakeSeq = head.seq
    this.wakes.push({ realAt, tenant: c.tenant, seq: head.seq })
    // stale wake-ups (a head since replaced) are skipped when popped; far-future ones are dropped here
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the same memory-only threshold
    if (this.wakes.size > 2 * this.clocks.size + 64) this.wakes.retain(this.liveWake)
    this.arm()
  }

  /** a wake-up still the one its clock waits for (the others are stale) */
  private readonly liveWake = (w: Wake) => this.clocks.get(w.tenant)?.wakeSeq === w.seq

  private arm (): void {
    if (this.closed) return // a timer batch that ends after close() must not arm a new timer (it keeps the process alive)
    const next = this.wakes.peek()
    // Stryker disable next-line EqualityOperator: re-arming for the time already armed is the same timer
    if (!next || next.realAt >= this.timerAt) return
    // Stryker disable next-line ConditionalExpression: clearTimeout of nothing does nothing
    if (this.timer) clearTimeout(this.timer)
    this.timerAt = next.realAt
    // setTimeout takes at most 2^31-1 ms; a later event re-arms when this one fires
    const delay = Math.min(Math.max(0, next.realAt - this.realNow()), 2 ** 31 - 1)
    this.timer = setTimeout(() => { this.timer = undefined; this.timerAt = Infinity; this.fire() }, delay)
  }

  /** The timer: runs what is due on every tenant whose next event's time has come, a batch at a time. */
  private fire (): void {
    if (this.closed) return
    // Stryker disable next-line ConditionalExpression: batch() waits for the running batch anyway; this only spares reading the wake-ups twice
    if (this.running) { setImmediate(() => this.fire()); return }
    const now = this.realNow()
    const due: TenantClock[] = []
    for (let w = this.wakes.peek(); w !== undefined && w.realAt <= now; w = this.wakes.peek()) {
      this.wakes.pop()
      const c = this.clocks.get(w.tenant)
      if (c && c.wakeSeq === w.seq) c.wakeSeq = -1
      if (c && c.queue.peek()?.seq === w.seq && !due.includes(c)) due.push(c)
    }
    // Stryker disable next-line ConditionalExpression: an empty batch writes nothing and arms the same timer
    if (due.length === 0) { this.arm(); return }
    // bounded like an advance's batches: 100,000 schedules due at the same hour ran as one batch of seconds,
    // answering nobody meanwhile; what a batch leaves is due still, so the timer is armed at once for it
    const seen = this.timerArrivals
    this.timerArrivals = this.arrivals()
    const deadline = this.realNow() + (this.timerArrivals === seen ? BATCH_MS : SHARED_BATCH_MS)
    // the deadline and the count are the batch's, not each tenant's: with "one event at least" per tenant, 98
    // tenants due in the same second made every batch 98 events long whatever the deadline (npm run
    // bench:scheduler: other tenants' p99 36 ms meanwhile); the tenants a batch leaves run in the next
    this.batch(() => {
      let ran = 0
      for (const c of due) {
        if (ran >= EVENTS_PER_BATCH || (ran > 0 && this.realNow() >= deadline)) break
        ran += this.runDue(c, c.mode === 'real' ? now + c.offset : c.frozenAt, false, EVENTS_PER_BATCH - ran, deadline).events
      }
    }).catch(err => this.options.onError?.(err, { tenant: '*', key: 'timer' })).finally(() => {
      for (const c of due) this.wakeFor(c)
      this.arm()
    })
  }
}
