import { randomBytes } from 'node:crypto'
import fastJsonStringify from 'fast-json-stringify'
import { type StoredTarget, Target } from './schemas'

/**
 * A target as JSON, as `GET /targets/` lists it, with the stored part serialized once per stored
 * target and reused: only `last_scan`, `running_scan` and `next_scan` follow the scans and schedules,
 * so they are spliced into the kept text. A 10,000-target list was 1.2-1.4 s of fast-json-stringify over
 * freshly spread objects (24 MB of JSON) and +250 MB of peak RSS; from the kept text it is string
 * concatenation. Same bytes as serializing the Target schema whole (a test checks it).
 */
let serialize: ((target: unknown) => string) | undefined
/** The stored target's JSON cut where the derived fields go: [head, between, tail]. */
const pieces = new WeakMap<StoredTarget, [string, string, string]>()
// values no stored text can hold, to find where the derived fields landed
const MARK = randomBytes(12).toString('hex')
const LAST = JSON.stringify(`${MARK}-last`)
const RUNNING = JSON.stringify(`${MARK}-running`)
const NEXT_TAIL = '"next_scan":null}'

export interface TargetAnswer {
  stored: StoredTarget
  last_scan: unknown
  running_scan: unknown
  next_scan: unknown
  /** the open findings' counts once a scan found any: they replace the stored lows, mediums and highs */
  counts?: { lows: number, mediums: number, highs: number }
}

function piecesOf (stored: StoredTarget): [string, string, string] {
  let kept = pieces.get(stored)
  if (kept === undefined) {
    serialize ??= fastJsonStringify(Target) // compiled on first use, like every other serializer
    const text = serialize({ ...stored, last_scan: `${MARK}-last`, running_scan: `${MARK}-running`, next_scan: null })
    const [head, rest] = text.split(LAST)
    const [between, tail] = rest.split(RUNNING)
    kept = [head, between, tail.slice(0, -NEXT_TAIL.length) + '"next_scan":']
    pieces.set(stored, kept)
  }
  return kept
}

export function serializeTarget ({ stored, last_scan: lastScan, running_scan: runningScan, next_scan: nextScan, counts }: TargetAnswer): string {
  // left out (as fast-json-stringify leaves them), or counts that change the stored part: serialized whole
  if (lastScan === undefined || runningScan === undefined || counts !== undefined) {
    serialize ??= fastJsonStringify(Target)
    return serialize({ ...stored, last_scan: lastScan, running_scan: runningScan, next_scan: nextScan, ...counts })
  }
  const [head, between, tail] = piecesOf(stored)
  // last_scan and running_scan are free-form (JSON.stringify, as fast-json-stringify writes them); next_scan's
  // fields are all strings, in the NextScan schema's order
  return `${head}${JSON.stringify(lastScan)}${between}${JSON.stringify(runningScan)}${tail}${JSON.stringify(nextScan)}}`
}
