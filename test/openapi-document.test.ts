import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { packageRoot } from '../src/paths'
import { buildTestApp, tempDir } from './helpers'

// spawns processes (CLI, tsc, generators): slow when the machine is shared
t.setTimeout(6 * 60_000)

const METHODS = ['get', 'put', 'post', 'delete', 'patch']

async function documentOf (t: Test, env: Record<string, string> = {}) {
  const { app } = await buildTestApp(t, env)
  return (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
}

/** The document with each $ref replaced by the component's body (its own description kept), no components. */
function inlined (doc: any): any {
  const schemas = doc.components.schemas
  const walk = (node: any): any => {
    if (Array.isArray(node)) return node.map(walk)
    if (!node || typeof node !== 'object') return node
    if (typeof node.$ref === 'string') {
      const body = walk(schemas[node.$ref.replace('#/components/schemas/', '')])
      return node.description === undefined ? body : { ...body, description: node.description }
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'example' || k === 'examples' ? v : walk(v)]))
  }
  const { schemas: _named, ...components } = doc.components
  return { ...doc, paths: walk(doc.paths), components }
}

const operationsOf = (doc: any) => Object.entries<any>(doc.paths).flatMap(([path, item]) =>
  METHODS.filter(m => item[m]).map(method => ({ path, method, op: item[method] })))

t.test('an operationId per operation: unique, stable, prefixed by its vendor (or admin)', async t => {
  const doc = await documentOf(t)
  const ids = operationsOf(doc).map(({ op }) => op.operationId)
  t.equal(new Set(ids).size, ids.length, 'unique')
  for (const { path, method, op } of operationsOf(doc)) {
    const prefix = { neostra: 'neostra', probely: 'probely', admin: 'admin', health: 'scanstub' }[op.tags[0] as string]
    t.match(op.operationId, new RegExp(`^${prefix}[A-Z][A-Za-z]+$`), `${method} ${path}: ${op.operationId}`)
  }
  const scheduled = doc.paths['/targets/{target_id}/scheduledscans/{id}/']
  t.same([scheduled.get.operationId, scheduled.patch.operationId, scheduled.delete.operationId],
    ['probelyRetrieveScheduledScan', 'probelyPartialUpdateScheduledScan', 'probelyDestroyScheduledScan'])
  t.equal(doc.paths['/api/v1/scans/{scanId}'].patch.operationId, 'neostraUpdateScan')
  t.equal(doc.paths['/__admin/fixtures'].put.operationId, 'adminLoadFixture')
})

t.test('named component schemas, referenced by $ref; every $ref resolves', async t => {
  const doc = await documentOf(t)
  const names = Object.keys(doc.components.schemas)
  for (const name of ['NeostraScan', 'NeostraError', 'NeostraBadRequest', 'ProbelyScheduledScan', 'ProbelyTarget', 'ProbelyDetail', 'ProbelyFieldErrors', 'AdminError']) t.ok(names.includes(name), `${name} is a component`)
  const refs: string[] = []
  JSON.stringify(doc, (key, value) => { if (key === '$ref') refs.push(value); return value })
  t.ok(refs.length > 150, `${refs.length} $refs`)
  for (const ref of new Set(refs)) t.ok(doc.components.schemas[ref.replace('#/components/schemas/', '')], `${ref} resolves`)
  const patch = doc.paths['/targets/{target_id}/scheduledscans/{id}/'].patch
  t.same(patch.responses['200'].content['application/json'].schema, { $ref: '#/components/schemas/ProbelyScheduledScan' })
  t.same(patch.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/ProbelyScheduledScanPatch' })
  t.same(patch.responses['404'].content['application/json'].schema, { $ref: '#/components/schemas/ProbelyDetail' })
  t.same(doc.paths['/targets/{id}/'].get.responses['200'].content['application/json'].schema, { $ref: '#/components/schemas/ProbelyTarget' })
  t.same(doc.paths['/api/v1/scans/{scanId}'].get.responses['200'].content['application/json'].schema.properties.data,
    { $ref: '#/components/schemas/NeostraScan', description: 'Response payload' }, 'the envelope\'s own description stays beside the $ref')
  t.same(doc.components.schemas.ProbelyScheduledScan.properties.target, { $ref: '#/components/schemas/ProbelyNestedTarget' }, 'components name the components inside them')
  t.equal(doc.components.schemas.ProbelyNestedTarget.description, 'The target of the scheduled scan.')
})

t.test('a description per response, servers, and each operation\'s security', async t => {
  const doc = await documentOf(t)
  for (const { path, method, op } of operationsOf(doc)) {
    for (const [status, response] of Object.entries<any>(op.responses)) {
      t.ok(response.description && response.description !== 'Default Response', `${method} ${path} ${status}: "${response.description}"`)
    }
    if (path.startsWith('/__admin')) t.same(op.security, [{ adminToken: [] }, {}], `${method} ${path}: the admin token, when one is set`)
  }
  t.equal(doc.paths['/api/v1/scans'].get.responses['401'].description, 'Unauthorized: no token, or one that does not verify')
  t.same(doc.paths['/health'].get.security, [])
  t.same(doc.servers[0], { url: '/', description: 'the scanstub serving this document' })
  t.match(doc.servers[1], { url: 'http://localhost:{port}', variables: { port: { default: '8080' } } })

  const guarded = await documentOf(t, { ADMIN_TOKEN: 'an-admin-token-of-16+' })
  t.same(guarded.paths['/__admin/reset'].post.security, [{ adminToken: [] }], 'with ADMIN_TOKEN set the token is required')
})

t.test('openapi-typescript makes the named types; a small client type-checks against them', async t => {
  const doc = await documentOf(t)
  const dir = tempDir(t)
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc))
  const gen = spawnSync(process.execPath, [join(packageRoot, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'api.d.ts')], { encoding: 'utf8', timeout: 60_000 })
  t.equal(gen.status, 0, gen.stderr)
  const types = readFileSync(join(dir, 'api.d.ts'), 'utf8')
  for (const name of ['NeostraScan', 'ProbelyScheduledScan', 'ProbelyTarget', 'ProbelyDetail', 'AdminError']) t.match(types, new RegExp(`\\n {8}${name}: \\{`), `${name} is a named type`)
  t.match(types, /probelyPartialUpdateScheduledScan: \{/)
  // named components are written once: the same document with every $ref inlined makes far more types
  // (the 64 routes of issue 21: 787 KB inline, 287 KB named; the first 30 made 292 KB inline)
  writeFileSync(join(dir, 'inline.json'), JSON.stringify(inlined(doc)))
  const genInline = spawnSync(process.execPath, [join(packageRoot, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), join(dir, 'inline.json'), '-o', join(dir, 'inline.d.ts')], { encoding: 'utf8', timeout: 60_000 })
  t.equal(genInline.status, 0, genInline.stderr)
  const inlineTypes = readFileSync(join(dir, 'inline.d.ts'), 'utf8')
  t.ok(types.length < inlineTypes.length / 2, `${types.length} characters of types named, ${inlineTypes.length} inline`)

  writeFileSync(join(dir, 'client.ts'), `import type { components, operations } from './api'

type ScheduledScan = components['schemas']['ProbelyScheduledScan']
type Patch = NonNullable<operations['probelyPartialUpdateScheduledScan']['requestBody']>['content']['application/json']
type Answer = operations['probelyPartialUpdateScheduledScan']['responses'][200]['content']['application/json']
type NotFound = operations['probelyPartialUpdateScheduledScan']['responses'][404]['content']['application/json']

export async function reschedule (base: string, token: string, target: string, id: string, patch: Patch): Promise<ScheduledScan> {
  const res = await fetch(\`\${base}/targets/\${target}/scheduledscans/\${id}/\`, {
    method: 'PATCH', headers: { authorization: \`JWT \${token}\`, 'content-type': 'application/json' }, body: JSON.stringify(patch)
  })
  if (res.status === 404) throw new Error(((await res.json()) as NotFound).detail)
  const scan: Answer = await res.json() as Answer
  return scan
}
export const weekly: Patch = { recurrence: 'w', timezone: 'UTC' }
// @ts-expect-error: not one of Probely's recurrences
export const yearly: Patch = { recurrence: 'y' }
export const nameOf = (scan: components['schemas']['NeostraScan']): string => scan.name
`)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', module: 'nodenext', lib: ['ES2022', 'DOM'], types: [] }, files: ['client.ts'] }))
  const tsc = spawnSync(process.execPath, [join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8', timeout: 60_000 })
  t.equal(tsc.status, 0, tsc.stdout)
})
