import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FieldErrors } from './drf'
import { DETAIL, sendDetail, sendFieldErrors } from './errors'
import type { StoredFinding } from './findings.repo'
import { paginate } from './pagination'
import { Detail, Page, type StoredTarget, TargetParams } from './schemas'
import { renderFinding } from './scans.render'
import { choiceMessage, values } from './scans.query'
import { Finding, FINDING_STATES, FindingListQuery, SEVERITIES } from './scans.schemas'

const security = [{ probelyJWT: [] }]
const errors = { 401: Detail, 404: Detail, 405: Detail, 500: Detail }
const FindingIdParams = Type.Object({ id: Type.String({ description: 'Identifier of the finding (an integer).' }) })
const AccountFindingQuery = Type.Object({
  ...FindingListQuery.properties,
  target: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'target id, repeatable' }))
}, { additionalProperties: true })

type Query = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined) => Array.isArray(v) ? v[v.length - 1] : v

/** The query's filters (`scan`, `severity`, `state`, `target`, each repeatable), or DRF's field errors. */
function findingFilter (query: Query): { keep: (f: StoredFinding) => boolean } | { errors: FieldErrors } {
  const given = (key: string) => values(query[key]).filter(v => v !== '')
  const scanIds = new Set(given('scan'))
  const targetIds = new Set(given('target'))
  const severities = given('severity')
  const states = given('state')
  const problems: FieldErrors = {}
  const badSeverity = severities.find(v => !(SEVERITIES as readonly number[]).includes(Number(v)) || !/^\d+$/.test(v))
  if (badSeverity !== undefined) problems.severity = [choiceMessage(badSeverity)]
  const badState = states.find(v => !(FINDING_STATES as readonly string[]).includes(v))
  if (badState !== undefined) problems.state = [choiceMessage(badState)]
  if (Object.keys(problems).length > 0) return { errors: problems }
  return {
    keep: f => (scanIds.size === 0 || f.scans.some(id => scanIds.has(id))) &&
      (targetIds.size === 0 || targetIds.has(f.target)) &&
      (severities.length === 0 || severities.includes(String(f.severity))) &&
      (states.length === 0 || states.includes(f.state))
  }
}

/**
 * Findings, the minimum a security gate reads and what the SDK's models need: a target's list and the
 * account's list and detail (`GET /findings/`, `/findings/:id/`), filtered alike.
 */
const findingsRoutes: FastifyPluginAsyncTypebox = async app => {
  const { targets } = app.store
  const { findings } = app.store.probelyEngine(app.clocks).repos

  /** One page of `all` after the query's filters, each finding rendered with its template and target. */
  const list = (request: FastifyRequest, reply: FastifyReply, all: StoredFinding[]) => {
    const tenant = request.principal.tenant
    const query = request.query as Query
    const filter = findingFilter(query)
    if ('errors' in filter) return sendFieldErrors(reply, filter.errors)
    const templates = findings.templatesOfTenant(tenant)
    const kept = all.filter(f => filter.keep(f) && templates.has(`${f.target} ${f.template}`))
    const targetOf = new Map<string, StoredTarget>()
    const render = (f: StoredFinding) => {
      let target = targetOf.get(f.target)
      if (target === undefined) { target = targets.getStored(tenant, f.target)!; targetOf.set(f.target, target) }
      return renderFinding(f, templates.get(`${f.target} ${f.template}`)!, target)
    }
    return paginate({ page: one(query.page), length: one(query.length) }, kept.length,
      (limit, offset) => kept.slice(offset, offset + limit).map(render)) ??
      sendDetail(reply, 404, DETAIL.invalidPage)
  }

  const listResponse = { 200: Page(Finding), 400: Type.Record(Type.String(), Type.Array(Type.String())), ...errors }

  app.get('/targets/:target_id/findings/', {
    schema: { tags: ['probely'], summary: "List target's findings", security, params: TargetParams, querystring: FindingListQuery, response: listResponse }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    if (!targets.exists(tenant, request.params.target_id)) return sendDetail(reply, 404, DETAIL.notFound)
    return list(request, reply, findings.ofTarget(tenant, request.params.target_id))
  })

  app.get('/findings/', {
    schema: { tags: ['probely'], summary: 'List findings of all targets', security, querystring: AccountFindingQuery, response: listResponse }
  }, async (request, reply) => list(request, reply, findings.all(request.principal.tenant)))

  app.get('/findings/:id/', {
    schema: { tags: ['probely'], summary: 'Retrieve finding', security, params: FindingIdParams, response: { 200: Finding, ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    // an integer primary key: anything else is simply not found, as Django's lookup
    const id = /^\d{1,15}$/.test(request.params.id) ? Number(request.params.id) : undefined
    const finding = id === undefined ? undefined : findings.get(tenant, id)
    const template = finding && findings.templates(tenant, finding.target).find(t => t.position === finding.template)
    if (finding === undefined || template === undefined) return sendDetail(reply, 404, DETAIL.notFound)
    return renderFinding(finding, template.template, targets.getStored(tenant, finding.target)!)
  })
}

export default findingsRoutes
