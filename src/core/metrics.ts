import type { FastifyReply, FastifyRequest } from 'fastify'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** Prometheus metrics of this app (its own registry: two apps in a process share nothing) */
    metrics: Metrics
  }
}

/**
 * What `GET /metrics` shows. Counting is a label lookup and an add per request (in the journal's
 * onResponse hook); tenants and the journal's size are read only when scraped.
 */
export class Metrics {
  readonly registry = new Registry()
  private readonly requests: Counter<'vendor' | 'route' | 'status'>
  private readonly duration: Histogram<'vendor'>
  private readonly faults: Counter

  constructor (private readonly vendorOf: (path: string) => string, sources: { tenants: () => number, journalEntries: () => number, journalBytes: () => number }) {
    const registers = [this.registry]
    this.requests = new Counter({ name: 'scanstub_requests_total', help: 'vendor requests answered, by vendor, route pattern and status', labelNames: ['vendor', 'route', 'status'], registers })
    this.duration = new Histogram({ name: 'scanstub_request_duration_seconds', help: 'time to answer a vendor request', labelNames: ['vendor'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers })
    this.faults = new Counter({ name: 'scanstub_faults_fired_total', help: 'requests a fault rule answered or delayed', registers })
    new Gauge({ name: 'scanstub_tenants', help: 'tenants provisioned', registers, collect () { this.set(sources.tenants()) } }) // eslint-disable-line no-new
    new Gauge({ name: 'scanstub_journal_entries', help: 'journal entries kept, all tenants', registers, collect () { this.set(sources.journalEntries()) } }) // eslint-disable-line no-new
    new Gauge({ name: 'scanstub_journal_bytes', help: 'bytes of serialized journal entries kept, all tenants', registers, collect () { this.set(sources.journalBytes()) } }) // eslint-disable-line no-new
  }

  observe (request: FastifyRequest, reply: FastifyReply): void {
    const vendor = this.vendorOf(request.url)
    // the route pattern, never the raw path: ids would make one series per record
    const route = request.is404 ? 'unmatched' : `${request.method} ${request.routeOptions.url ?? ''}`
    this.requests.inc({ vendor, route, status: reply.statusCode })
    this.duration.observe({ vendor }, reply.elapsedTime / 1000)
  }

  faultFired (): void { this.faults.inc() }
}
