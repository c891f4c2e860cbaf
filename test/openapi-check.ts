import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { FORMATS } from '../src/vendors/index'

/**
 * Checks every response a test receives through `app.inject` against the OpenAPI document's schema
 * for that route, method and status: a response outside its schema, or with a status the document
 * does not list, throws and so fails the test. Responses shaped by a fault rule (x-scanstub-fault)
 * and routes the document does not describe (405s, unknown paths) are not checked.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false })
for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate })
const compiled = new WeakMap<object, ValidateFunction>()

interface Operation { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }
type Document = { paths: Record<string, Record<string, Operation>> }

const templates = new WeakMap<Document, { regex: RegExp, path: string }[]>()
function findOperation (doc: Document, method: string, url: string): Operation | undefined {
  let list = templates.get(doc)
  if (!list) {
    list = Object.keys(doc.paths).map(path => ({
      path,
      regex: new RegExp(`^${path.replace(/\/$/, '').replace(/\{[^}]+\}/g, '[^/]+')}/?$`)
    }))
    templates.set(doc, list)
  }
  let pathname = new URL(url, 'http://scanstub.test').pathname // dot segments resolved, as the client does
  try { pathname = decodeURIComponent(pathname) } catch { /* malformed %-encoding: match it as sent */ }
  const match = list.find(t => t.regex.test(pathname))
  return match ? doc.paths[match.path][method.toLowerCase()] : undefined
}

export function checkResponsesAgainstDocument (app: FastifyInstance): void {
  let doc: Document | undefined
  const inject = app.inject.bind(app) as (o: InjectOptions) => Promise<LightMyRequestResponse>
  const checked = async (options: InjectOptions) => {
    const res = await inject(options)
    const url = options.url as string
    if (!url || url.startsWith('/openapi.json') || url.startsWith('/docs')) return res
    if (res.headers['x-scanstub-fault'] || options.method === 'HEAD' || options.method === 'OPTIONS') return res
    doc ??= await app.openapiDocument() as Document
    const operation = findOperation(doc, String(options.method ?? 'GET'), url)
    if (!operation) return res
    const documented = operation.responses?.[String(res.statusCode)]
    if (!documented) throw new Error(`${options.method} ${url} answered ${res.statusCode}, a status the OpenAPI document does not list: ${res.body.slice(0, 300)}`)
    const schema = documented.content?.['application/json']?.schema
    if (!schema || res.body === '') return res
    let validate = compiled.get(schema)
    if (!validate) { validate = ajv.compile(schema); compiled.set(schema, validate) }
    if (!validate(res.json())) {
      throw new Error(`${options.method} ${url} ${res.statusCode}: the body is outside the OpenAPI schema: ${ajv.errorsText(validate.errors)}\n${res.body.slice(0, 500)}`)
    }
    return res
  }
  app.inject = checked as unknown as typeof app.inject
}
