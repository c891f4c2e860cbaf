import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { packageRoot } from '../src/paths'
import { buildTestApp } from './helpers'

const VENDOR_DOCS = join(packageRoot, '..', 'shared', 'vendor-docs')
const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/ ([.,])/g, '$1').trim()

async function documentOf (t: Test) {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(res.statusCode, 200)
  return res.json()
}

t.test('the document validates as OpenAPI 3.1', async t => {
  const doc = await documentOf(t)
  t.equal(doc.openapi, '3.1.0')
  const { Validator } = await import('@seriousme/openapi-schema-validator')
  const result = await new Validator().validate(doc)
  t.same(result, { valid: true })
})

t.test('every vendor route, with its auth scheme and every status it answers', async t => {
  const doc = await documentOf(t)
  const operations: [string, string, string, string[]][] = [
    ['/api/v1/scans/{scanId}', 'patch', 'neostraBearer', ['200', '400', '401', '404', '405', '413', '415', '500']],
    ['/api/v1/scans/{scanId}', 'get', 'neostraBearer', ['200', '401', '404', '500']],
    ['/api/v1/scans/{scanId}', 'delete', 'neostraBearer', ['200', '401', '404', '500']],
    ['/api/v1/scans', 'get', 'neostraBearer', ['200', '401', '500']],
    ['/api/v1/scans', 'post', 'neostraBearer', ['201', '400', '401', '413', '415', '500']],
    ['/api/v1/integrations', 'get', 'neostraBearer', ['200', '401', '500']],
    ['/targets/{target_id}/scheduledscans/{id}/', 'patch', 'probelyJWT', ['200', '400', '401', '404', '405', '413', '415', '500']],
    ['/targets/{target_id}/scheduledscans/{id}/', 'get', 'probelyJWT', ['200', '401', '404', '500']],
    ['/targets/{target_id}/scheduledscans/{id}/', 'delete', 'probelyJWT', ['204', '401', '404', '500']],
    ['/targets/{target_id}/scheduledscans/', 'get', 'probelyJWT', ['200', '401', '404', '500']],
    ['/targets/{target_id}/scheduledscans/', 'post', 'probelyJWT', ['201', '400', '401', '404', '413', '415', '500']],
    ['/targets/', 'get', 'probelyJWT', ['200', '401', '404', '500']],
    ['/targets/{id}/', 'get', 'probelyJWT', ['200', '401', '404', '500']],
    ['/scheduledscans/', 'get', 'probelyJWT', ['200', '401', '404', '500']],
    ['/scan-profiles/', 'get', 'probelyJWT', ['200', '401', '404', '500']]
  ]
  for (const [path, method, scheme, statuses] of operations) {
    const op = doc.paths[path]?.[method]
    t.ok(op, `${method.toUpperCase()} ${path} is documented`)
    if (!op) continue
    t.same(op.security, [{ [scheme]: [] }], `${method} ${path} security`)
    for (const status of statuses) t.ok(op.responses[status]?.content?.['application/json']?.schema ?? status === '204', `${method} ${path} documents ${status} with a body schema`)
  }
  t.same(doc.paths['/targets/{target_id}/scheduledscans/{id}/'].patch.requestBody.content, {
    'application/json': doc.paths['/targets/{target_id}/scheduledscans/{id}/'].patch.requestBody.content['application/json'],
    'application/x-www-form-urlencoded': doc.paths['/targets/{target_id}/scheduledscans/{id}/'].patch.requestBody.content['application/json'],
    'multipart/form-data': doc.paths['/targets/{target_id}/scheduledscans/{id}/'].patch.requestBody.content['application/json']
  }, 'Probely PATCH takes JSON, form and multipart')
  t.equal(doc.paths['/api/v1/scans/{scanId}'].patch.requestBody.required, false, 'an empty PATCH is allowed')
  const adminOps = Object.entries(doc.paths).filter(([p]) => p.startsWith('/__admin'))
  t.ok(adminOps.length >= 8)
  for (const [path, item] of adminOps) {
    for (const op of Object.values(item as Record<string, { tags: string[] }>)) t.same(op.tags, ['admin'], `${path} is tagged admin`)
  }
  t.notOk(Object.keys(doc.paths).some(p => p.includes('*')), 'no generated 405 routes in the document')
})

/** the document with each $ref to a named component replaced by the component, to walk into */
function inline (doc: any): any {
  const walk = (node: any): any => {
    if (!node || typeof node !== 'object') return node
    if (Array.isArray(node)) return node.map(walk)
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/schemas/')) {
      const { $ref, ...rest } = node
      return { ...walk(doc.components.schemas[$ref.slice('#/components/schemas/'.length)]), ...rest }
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]))
  }
  return { ...doc, paths: walk(doc.paths) }
}

t.test('field descriptions and enums match the vendor pages', { skip: !existsSync(VENDOR_DOCS) && 'shared/vendor-docs is not beside this checkout' }, async t => {
  const doc = inline(await documentOf(t))
  const probelyPage = squash(readFileSync(join(VENDOR_DOCS, 'probely-partial-update-scheduled-scan.txt'), 'utf8'))
  const neostraPage = squash(readFileSync(join(VENDOR_DOCS, 'neostra-update-scan.txt'), 'utf8'))

  const probely = doc.paths['/targets/{target_id}/scheduledscans/{id}/'].patch.requestBody.content['application/json'].schema.properties
  for (const [field, schema] of Object.entries(probely as Record<string, { description?: string, readOnly?: boolean }>)) {
    if (schema.readOnly) continue
    t.ok(schema.description, `${field} has a description`)
    t.ok(probelyPage.includes(squash(schema.description!)), `${field}: "${schema.description}" is the vendor page's text`)
  }
  // the vendor page lists each enum as "Possible values: [h, d, ...]"
  t.ok(probelyPage.includes('Possible values: [h, d, w, m, q, ``]'))
  t.same(probely.recurrence.enum, ['h', 'd', 'w', 'm', 'q', ''])
  t.ok(probelyPage.includes('[first, second, third, fourth, last, ``, null ]'))
  t.same(probely.week_index.enum, ['first', 'second', 'third', 'fourth', 'last', '', null])
  t.ok(probelyPage.includes('[1, 2, 3, 4, 5, 6, 7, null ]'))
  t.same(probely.scheduled_day_of_week.enum, [1, 2, 3, 4, 5, 6, 7, null])
  t.equal(probely.timezone.maxLength, 64)

  const scheduledScan = doc.paths['/targets/{target_id}/scheduledscans/{id}/'].patch.responses['200'].content['application/json'].schema
  const site = scheduledScan.properties.target.properties.site.properties
  t.same(site.otp_algorithm.enum, ['SHA1', 'SHA256', 'SHA512'])
  t.same(site.otp_digits.enum, [6, 7, 8])
  t.same(site.logout_condition.enum, ['any', 'all'])
  t.same(site.api_scan_settings.properties.token_parameter_location.enum, ['cookie', 'header'])
  t.same(scheduledScan.properties.target.properties.report_fileformat.enum, ['pdf', 'docx'])

  const neostra = doc.paths['/api/v1/scans/{scanId}'].patch.requestBody.content['application/json'].schema.properties
  for (const field of ['name', 'description', 'integrationId', 'schedule', 'config']) {
    t.ok(neostraPage.includes(`${field}${neostra[field].description}`) || neostraPage.includes(neostra[field].description), `${field}: "${neostra[field].description}" is the vendor page's text`)
  }
  const envelope = doc.paths['/api/v1/scans/{scanId}'].patch.responses['200'].content['application/json'].schema.properties
  for (const [field, text] of [['status', 'HTTP status code'], ['message', 'Response message'], ['errors', 'List of error details, if any']]) {
    t.equal(envelope[field].description, text)
    t.ok(neostraPage.includes(text))
  }
})

t.test('/docs renders the document', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /text\/html/)
  t.match(res.body, /swagger-ui/i)
})
