import fastJsonStringify from 'fast-json-stringify'
import { Type } from '@sinclair/typebox'
import { NestedTarget, ScheduledScan, type StoredTarget } from './schemas'
import { renderScheduledScan, type StoredScheduledScan } from './scheduled-scans.repo'

/**
 * A scheduled scan as JSON, in the vendor example's key order, with its target's JSON serialized once
 * per target and reused: the nested target is most of every answer, and targets change only when a
 * fixture is loaded. Same bytes as serializing the ScheduledScan schema whole (a test checks it).
 */
let serializers: { rest: (scan: unknown) => string, nestedTarget: (target: unknown) => string } | undefined
const targetJson = new WeakMap<StoredTarget, string>()

export function serializeScheduledScan (scan: Omit<ScheduledScan, 'target'> & { target: StoredTarget }): string {
  // compiled on first use, like every other serializer (not at start)
  serializers ??= { rest: fastJsonStringify(Type.Omit(ScheduledScan, ['id', 'target'])), nestedTarget: fastJsonStringify(NestedTarget) }
  const { rest, nestedTarget } = serializers
  let target: string | undefined = targetJson.get(scan.target)
  if (target === undefined) {
    target = nestedTarget(scan.target)
    // made one flat string now (Number() reads the text, so V8 copies the rope of small pieces
    // fast-json-stringify built): kept as a rope, 10,000 of them in a list made the answer's first read
    // (Fastify's Buffer.byteLength) take 260-380 ms instead of 18-45 (GET /scheduledscans/?length=10000)
    Number(target)
    targetJson.set(scan.target, target)
  }
  return `{"id":${JSON.stringify(scan.id)},"target":${target},${rest(scan).slice(1)}`
}

/** A kept scheduled scan's JSON as listed, with the kept target it was made with. */
const listedJson = new WeakMap<StoredScheduledScan, { target: StoredTarget, json: string }>()

/**
 * A stored scheduled scan's JSON as a list shows it: kept for a kept record (frozen, so never changed in
 * place: a write keeps a new object) for as long as the same kept target goes with it. A list read again
 * is then its records' kept text, not 10,000 renders and serializations: with the kept page of
 * scheduled-scans.repo.ts, the server's CPU for a warm `GET /scheduledscans/?length=10000` (26 MB) went
 * from a median of ~220 ms to ~55 (seven GETs each, two runs of each build, a loaded machine). The text is
 * held as long as its record is kept (KEPT_RECORDS bounds both).
 */
export function listedScheduledScanJson (stored: StoredScheduledScan, target: StoredTarget): string {
  const known = listedJson.get(stored)
  if (known !== undefined && known.target === target) return known.json
  const json = serializeScheduledScan(renderScheduledScan(stored, target) as Omit<ScheduledScan, 'target'> & { target: StoredTarget })
  if (Object.isFrozen(stored) && Object.isFrozen(target)) listedJson.set(stored, { target, json })
  return json
}
