import fastJsonStringify from 'fast-json-stringify'
import { Type } from '@sinclair/typebox'
import { NestedTarget, ScheduledScan, type StoredTarget } from './schemas'

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
