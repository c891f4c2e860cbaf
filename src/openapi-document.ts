import { readFileSync } from 'node:fs'
import { ClockCommand, ClockState } from './admin/clock.routes'
import * as adminSchemas from './admin/schemas'
import { FaultAnswer } from './core/faults'
import { demoFixturePath } from './paths'

/**
 * What @fastify/swagger makes from the routes is valid but poor for code generators and for "Try it
 * out": this finishes it. Every operation gets a stable, vendor-prefixed operationId; the vendors' and
 * the admin API's schemas become named components referenced with $ref (so a generated client has a
 * `ProbelyScheduledScan` type); each response a description; `servers`; the admin operations their
 * security; and request bodies and parameters examples taken from the demo data, so that on a fresh
 * start each example answers 2xx (test/openapi-examples.test.ts sends them all).
 */

type Json = Record<string, any>
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** the admin API's named components; each vendor names its own (VendorModule openapi.components) */
const ADMIN_COMPONENTS: Record<string, object> = {
  AdminError: adminSchemas.AdminError,
  AdminJournalEntry: adminSchemas.JournalEntry,
  AdminFaultRuleInput: adminSchemas.FaultRuleInput,
  AdminFaultRule: adminSchemas.FaultRule,
  AdminFaultAnswer: FaultAnswer,
  AdminNearMiss: adminSchemas.NearMissEntry,
  AdminTokenRequest: adminSchemas.TokenRequest,
  AdminClockState: ClockState,
  AdminClockCommand: ClockCommand
}

/** operationIds by "METHOD path"; routes not listed get one made from their tag, method and path */
const OPERATION_IDS: Record<string, string> = {
  'GET /health': 'scanstubHealth',
  'GET /api/v1/scans': 'neostraListScans',
  'POST /api/v1/scans': 'neostraCreateScan',
  'GET /api/v1/scans/{scanId}': 'neostraGetScan',
  'PATCH /api/v1/scans/{scanId}': 'neostraUpdateScan',
  'DELETE /api/v1/scans/{scanId}': 'neostraDeleteScan',
  'GET /api/v1/integrations': 'neostraListIntegrations',
  'GET /targets/': 'probelyListTargets',
  'GET /targets/{id}/': 'probelyRetrieveTarget',
  'GET /scheduledscans/': 'probelyListAllScheduledScans',
  'GET /targets/{target_id}/scheduledscans/': 'probelyListScheduledScans',
  'POST /targets/{target_id}/scheduledscans/': 'probelyCreateScheduledScan',
  'GET /targets/{target_id}/scheduledscans/{id}/': 'probelyRetrieveScheduledScan',
  'PATCH /targets/{target_id}/scheduledscans/{id}/': 'probelyPartialUpdateScheduledScan',
  'DELETE /targets/{target_id}/scheduledscans/{id}/': 'probelyDestroyScheduledScan',
  'GET /scan-profiles/': 'probelyListScanProfiles',
  'GET /__admin/health': 'adminHealth',
  'POST /__admin/reset': 'adminReset',
  'GET /__admin/fixtures': 'adminExportFixture',
  'PUT /__admin/fixtures': 'adminLoadFixture',
  'GET /__admin/requests': 'adminListRequests',
  'DELETE /__admin/requests': 'adminClearRequests',
  'GET /__admin/requests/count': 'adminCountRequests',
  'GET /__admin/requests/unmatched': 'adminListUnmatchedRequests',
  'POST /__admin/faults': 'adminAddFault',
  'GET /__admin/faults': 'adminListFaults',
  'DELETE /__admin/faults': 'adminClearFaults',
  'DELETE /__admin/faults/{id}': 'adminRemoveFault',
  'POST /__admin/tokens': 'adminMintToken',
  'GET /__admin/clock': 'adminGetClock',
  'POST /__admin/clock': 'adminDriveClock',
  // issue 21: the routes that came after
  'POST /api/v1/auth/signin': 'neostraSignIn',
  'POST /api/v1/auth/select-tenant': 'neostraSelectTenant',
  'PATCH /api/v1/scan-tasks/{taskId}': 'neostraUpdateScanTask',
  'PUT /targets/{target_id}/scheduledscans/{id}/': 'probelyUpdateScheduledScan',
  'POST /targets/{target_id}/scan_now/': 'probelyScanNow',
  'GET /targets/{target_id}/scans/': 'probelyListTargetScans',
  'GET /scans/': 'probelyListAllScans',
  'GET /targets/all/scans/': 'probelyListAllTargetsScans',
  'GET /targets/{target_id}/scans/{id}/': 'probelyRetrieveTargetScan',
  'GET /scans/{id}/': 'probelyRetrieveScan',
  'POST /targets/{target_id}/scans/{id}/cancel/': 'probelyCancelScan',
  'POST /targets/{target_id}/scans/{id}/pause/': 'probelyPauseScan',
  'POST /targets/{target_id}/scans/{id}/resume/': 'probelyResumeScan',
  'POST /scans/bulk/start/': 'probelyBulkStartScans',
  'POST /scans/bulk/cancel/': 'probelyBulkCancelScans',
  'POST /scans/bulk/pause/': 'probelyBulkPauseScans',
  'POST /scans/bulk/resume/': 'probelyBulkResumeScans',
  'GET /targets/{target_id}/findings/': 'probelyListFindings',
  // issue 24: targets as the SDK manages them, the account's findings
  'POST /targets/': 'probelyCreateTarget',
  'PUT /targets/{id}/': 'probelyUpdateTarget',
  'PATCH /targets/{id}/': 'probelyPartialUpdateTarget',
  'DELETE /targets/{id}/': 'probelyDestroyTarget',
  'POST /targets/bulk/update/': 'probelyBulkUpdateTargets',
  'POST /targets/bulk/delete/': 'probelyBulkDeleteTargets',
  'GET /findings/': 'probelyListAllFindings',
  'GET /findings/{id}/': 'probelyRetrieveFinding',
  'GET /__admin/requests/wait': 'adminWaitForRequests',
  'GET /__admin/requests/near-misses': 'adminListNearMisses',
  'GET /__admin/neostra/scan-tasks': 'adminListNeostraScanTasks',
  'POST /__admin/neostra/scans/{scanId}/launch': 'adminLaunchNeostraScan',
  'GET /__admin/neostra/settings': 'adminGetNeostraSettings',
  'PUT /__admin/neostra/settings': 'adminUpdateNeostraSettings',
  'GET /__admin/probely/scans': 'adminListProbelyScans',
  'POST /__admin/probely/scans/{id}/finish': 'adminFinishProbelyScan',
  'GET /__admin/probely/settings': 'adminGetProbelySettings',
  'PUT /__admin/probely/settings': 'adminUpdateProbelySettings',
  'GET /metrics': 'adminMetrics'
}

const STATUS_TEXT: Record<string, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content: done, no body', 400: 'Bad Request: a body field or parameter is invalid',
  401: 'Unauthorized: no token, or one that does not verify', 403: 'Forbidden', 404: 'Not Found: no such record (or path)',
  405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large: the body is over the limit', 415: 'Unsupported Media Type',
  429: 'Too Many Requests', 500: 'Internal Server Error (also what a fault rule answers by default)', 503: 'Service Unavailable: not ready'
}

const UNAVAILABLE = 'Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1'

/** each vendor as the document knows it; here its named schemas (`openapi.components`) are read */
export interface ComponentsOwner { openapi: object }

export function finishDocument<T> (document: T, vendors: readonly ComponentsOwner[] = []): T {
  const doc = document as Json
  const demo = readDemo()
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      op.operationId ??= OPERATION_IDS[`${method.toUpperCase()} ${path}`] ?? madeOperationId(method, path, op.tags?.[0])
      for (const [status, response] of Object.entries<Json>(op.responses ?? {})) {
        if (!response.description || response.description === 'Default Response') response.description = STATUS_TEXT[status] ?? `HTTP ${status}`
      }
      // any answer that read stored values may be this (src/http/commit-barrier.ts): in the 500's shape
      if (op.tags?.[0] !== 'health' && op.responses && !op.responses['503'] && path !== '/metrics') {
        const shape = op.responses['500']?.content
        op.responses['503'] = { description: UNAVAILABLE, ...(shape ? { content: shape } : {}) }
      }
      if (path.startsWith('/__admin')) op.security ??= [{ adminToken: [] }, {}] // the token only when ADMIN_TOKEN is set
      if (op.tags?.[0] === 'health') op.security ??= []
      addExamples(op, method, path, demo)
    }
  }
  doc.servers = [
    { url: '/', description: 'the scanstub serving this document' },
    { url: 'http://localhost:{port}', description: 'scanstub on this machine', variables: { port: { default: '8080' } } }
  ]
  nameComponents(doc, Object.assign({}, ...vendors.map(v => (v.openapi as { components?: Record<string, object> }).components ?? {}), ADMIN_COMPONENTS))
  return document
}

/** e.g. probelyListTargetScheduledscans: for routes added after the table above, stable as long as the route is */
function madeOperationId (method: string, path: string, tag = 'scanstub'): string {
  const words = path.split('/').filter(s => s && !s.startsWith('{') && s !== 'api' && !/^v\d+$/.test(s) && s !== '__admin')
  const verb = { get: path.endsWith('}') || path.endsWith('}/') ? 'get' : 'list', post: 'create', patch: 'partialUpdate', put: 'update', delete: 'delete' }[method] ?? method
  const pascal = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1)).join('')
  return `${tag}${pascal(verb)}${words.map(pascal).join('')}`
}

// ---- examples from the demo data -------------------------------------------------------------

interface Demo { scan: string, integration: string, target: string, targetName: string, scheduledScan: string, scanProfile: string, fixture: unknown }

function readDemo (): Demo {
  const fixture = JSON.parse(readFileSync(demoFixturePath, 'utf8'))
  const target = fixture.probely.targets[0].id
  return {
    scan: fixture.neostra.scans.at(-1).id,
    integration: fixture.neostra.integrations[0].id,
    target,
    targetName: fixture.probely.targets[0].name,
    scanProfile: fixture.probely.scanProfiles[0].id,
    scheduledScan: fixture.probely.scheduledScans.find((s: Json) => s.target === target).id,
    fixture
  }
}

/**
 * Ids made at run time (a Probely scan's, a Neostra task's, a fault's): the example only shows the
 * form; test/openapi-examples.test.ts makes one first and sends its id.
 */
export const MADE_ID_EXAMPLES = {
  fault: '3f0c5d8e-2b7a-4c1e-9a6f-0d4b8e2c7a91',
  probelyScan: '4vQnR7sKp2Xt',
  /** a tenant's first finding (made when its first scan completes) */
  probelyFinding: '1',
  neostraTask: '8d2f6a1c-5b3e-4f7a-9c0d-1e2b3a4c5d6f'
}

/** Does this path name Probely scans (its own or the admin's view of them)? */
const isProbelyScanPath = (path: string) => /^\/(targets\/\{target_id\}\/)?scans\/|^\/targets\/all\/scans\/|^\/__admin\/probely\/scans/.test(path)

/** A path or query parameter's example, by its name (and, for `id` and `status`, what the path names). */
function parameterExample (name: string, path: string, demo: Demo): unknown {
  switch (name) {
    case 'scanId': return demo.scan
    case 'target_id': return demo.target
    case 'targetId': return demo.target
    case 'taskId': return MADE_ID_EXAMPLES.neostraTask
    case 'id':
      if (path.includes('scheduledscans')) return demo.scheduledScan
      if (isProbelyScanPath(path)) return MADE_ID_EXAMPLES.probelyScan
      if (path.startsWith('/findings')) return MADE_ID_EXAMPLES.probelyFinding
      if (path.startsWith('/targets')) return demo.target
      if (path.startsWith('/__admin/faults')) return MADE_ID_EXAMPLES.fault
      return undefined
    case 'tenant': return 'default'
    case 'all': return 'false'
    case 'page': return '1'
    case 'length': return '30'
    case 'include': return 'compliance'
    case 'method': return 'PATCH'
    case 'path': return path.startsWith('/__admin') ? '/api/v1/scans/*' : undefined
    case 'status':
      if (path.startsWith('/__admin/neostra')) return 'PENDING'
      if (isProbelyScanPath(path)) return 'queued'
      return '200'
    case 'since': return '2024-01-01T00:00:00.000Z'
    case 'limit': return '50'
    case 'skip': return '0'
    case 'sortField': return 'createdAt'
    case 'sortOrder': return 'desc'
    case 'count': return '1'
    case 'timeoutMs': return '2000'
    case 'search': return demo.targetName
    case 'ordering': return '-created'
    case 'scan_profile': return demo.scanProfile
    case 'scan': return MADE_ID_EXAMPLES.probelyScan
    case 'severity': return '30'
    case 'state': return 'notfixed'
    case 'target': return demo.target
    case 'scan_profile_name': return 'true'
    case 'duplicate_check': return 'False'
    case 'skip_reachability_check': return 'True'
    default: return undefined
  }
}

function bodyExample (method: string, path: string, demo: Demo): unknown {
  switch (`${method.toUpperCase()} ${path}`) {
    case 'POST /api/v1/scans': return { name: 'Weekly API scan', integrationId: demo.integration, description: 'Made from the OpenAPI example', schedule: '0 3 * * 1', config: { depth: 2 } }
    case 'PATCH /api/v1/scans/{scanId}': return { name: 'Ad-hoc scan (renamed)', schedule: '0 2 * * *' }
    case 'POST /targets/{target_id}/scheduledscans/': return { date_time: '2030-01-07T02:00:00Z', recurrence: 'w', timezone: 'Europe/Lisbon' }
    case 'PUT /targets/{target_id}/scheduledscans/{id}/': return { date_time: '2030-01-07T02:00:00Z', recurrence: 'w', timezone: 'Europe/Lisbon' }
    case 'PATCH /targets/{target_id}/scheduledscans/{id}/': return { date_time: '2030-01-07T02:00:00Z', recurrence: 'd', timezone: 'UTC' }
    case 'POST /targets/{target_id}/scan_now/': return { scan_profile: demo.scanProfile, user_data: 'started from the OpenAPI example' }
    case 'POST /scans/bulk/start/': return { targets: [{ id: demo.target }], scan_profile: demo.scanProfile }
    // the running scans of the target (the test starts one first)
    case 'POST /scans/bulk/cancel/':
    case 'POST /scans/bulk/pause/':
    case 'POST /scans/bulk/resume/': return { targets: [{ id: demo.target }] }
    case 'POST /targets/': return { site: { url: 'https://shop.example.com', name: 'Shop' }, type: 'single', labels: [{ name: 'ci' }] }
    case 'PATCH /targets/{id}/': return { site: { name: 'Example web app (renamed)' } }
    case 'PUT /targets/{id}/': return { site: { url: 'https://app.example.com', name: 'Example web app' }, type: 'single' }
    case 'POST /targets/bulk/update/': return { ids: [demo.target], labels: [{ name: 'bulk' }] }
    case 'POST /targets/bulk/delete/': return { ids: [demo.target] }
    case 'POST /api/v1/auth/signin': return { email: 'dana@acme.example', password: 'scanstub-demo-1' }
    case 'POST /api/v1/auth/select-tenant': return { tenantId: 'default' }
    case 'PATCH /api/v1/scan-tasks/{taskId}': return { status: 'RUNNING' }
    case 'PUT /__admin/neostra/settings': return { progress: 'automatic', pendingMs: 500, runningMs: 2000 }
    case 'PUT /__admin/probely/settings': return { durations: { queuedMs: 500, runningMs: 2000 }, outcomes: { default: 'completed' } }
    case 'POST /__admin/probely/scans/{id}/finish': return { outcome: 'completed' }
    case 'PUT /__admin/fixtures': return demo.fixture
    case 'POST /__admin/faults': return { method: 'GET', path: '/api/v1/integrations', status: 503, times: 1 }
    case 'POST /__admin/clock': return { advanceMs: 60_000 }
    case 'POST /__admin/tokens': return { sub: 'u-docs', email: 'docs@example.com', name: 'Docs User', tenant: 'default', expiresIn: '1h' }
    default: return undefined
  }
}

function addExamples (op: Json, method: string, path: string, demo: Demo): void {
  for (const parameter of op.parameters ?? []) {
    if (parameter.example !== undefined) continue
    const example = parameterExample(parameter.name, path, demo)
    if (example !== undefined) parameter.example = example
  }
  const example = bodyExample(method, path, demo)
  if (example === undefined) return
  for (const media of Object.values<Json>(op.requestBody?.content ?? {})) media.example ??= example
}

// ---- named components ------------------------------------------------------------------------

/**
 * A schema's shape, to compare: JSON with sorted keys, no `description`, and the forms @fastify/swagger
 * writes for TypeBox's (`const` as a one-value `enum`, a record's `patternProperties` as
 * `additionalProperties`, as it writes any pattern's), so a route's schema compares equal to the TypeBox object it came from.
 */
function shapeOf (schema: unknown): string {
  return JSON.stringify(schema, (_key, value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value
    const out: Json = {}
    const pattern = value.patternProperties && Object.keys(value.patternProperties)
    for (const key of Object.keys(value).sort()) {
      if (key === 'description') continue
      if (key === 'const') out.enum = [value.const]
      // @fastify/swagger keeps the first pattern's schema as additionalProperties, whatever the pattern
      else if (key === 'patternProperties' && pattern.length >= 1) out.additionalProperties = value.patternProperties[pattern[0]]
      else out[key] = value[key]
    }
    return Object.fromEntries(Object.keys(out).sort().map(k => [k, out[k]]))
  })
}

/**
 * Replaces each schema of a named component's shape with a $ref to it (keeping its own description
 * beside the $ref), in the paths and inside the components themselves, so nested ones are named too.
 * A component's body is the schema as the document first has it (the form code generators are given).
 */
function nameComponents (doc: Json, components: Record<string, Json>): void {
  const byShape = new Map<string, string>()
  for (const [name, schema] of Object.entries(components)) {
    const shape = shapeOf(JSON.parse(JSON.stringify(schema)))
    if (!byShape.has(shape)) byShape.set(shape, name)
  }
  const found: Record<string, Json> = {}
  const replace = (node: unknown, isRoot: boolean): unknown => {
    if (!node || typeof node !== 'object') return node
    if (Array.isArray(node)) return node.map(n => replace(n, false))
    const name = isRoot ? undefined : byShape.get(shapeOf(node))
    if (name) {
      const own = components[name].description
      const { description, ...body } = node as Json
      found[name] ??= own === undefined ? body : { ...body, description: own }
      return description !== undefined && description !== own ? { $ref: `#/components/schemas/${name}`, description } : { $ref: `#/components/schemas/${name}` }
    }
    const out: Json = {}
    for (const [key, value] of Object.entries(node)) out[key] = key === 'example' || key === 'examples' ? value : replace(value, false)
    return out
  }
  doc.paths = replace(doc.paths, true)
  // a component's own body may name others: walk the bodies until no new name appears
  const schemas: Json = {}
  while (Object.keys(found).some(name => schemas[name] === undefined)) {
    for (const name of Object.keys(found)) schemas[name] ??= replace(found[name], true)
  }
  doc.components = { ...doc.components, schemas: Object.fromEntries(Object.keys(components).filter(n => schemas[n]).map(n => [n, schemas[n]])) }
}
