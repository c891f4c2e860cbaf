import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FieldErrors } from './drf'
import { DETAIL, sendDetail, sendFieldErrors } from './errors'
import { paginate } from './pagination'
import { Detail, Page, TargetParams } from './schemas'
import { renderFinding } from './scans.render'
import { choiceMessage, values } from './scans.query'
import { Finding, FINDING_STATES, FindingListQuery, SEVERITIES } from './scans.schemas'

const security = [{ probelyJWT: [] }]
const errors = { 401: Detail, 404: Detail, 405: Detail, 500: Detail }

/** A target's findings, the minimum a security gate reads: filters `scan`, `severity` and `state`, each repeatable. */
const findingsRoutes: FastifyPluginAsyncTypebox = async app => {
  const { targets } = app.store
  const { findings } = app.store.probelyEngine(app.clocks).repos

  app.get('/targets/:target_id/findings/', {
    schema: {
      tags: ['probely'], summary: "List target's findings", security, params: TargetParams, querystring: FindingListQuery,
      response: { 200: Page(Finding), 400: Type.Record(Type.String(), Type.Array(Type.String())), ...errors }
    }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const target = targets.getStored(tenant, request.params.target_id)
    if (target === undefined) return sendDetail(reply, 404, DETAIL.notFound)
    const query = request.query as Record<string, string | string[] | undefined>
    const scanIds = new Set(values(query.scan).filter(v => v !== ''))
    const severities = values(query.severity).filter(v => v !== '')
    const states = values(query.state).filter(v => v !== '')
    const problems: FieldErrors = {}
    const badSeverity = severities.find(v => !(SEVERITIES as readonly number[]).includes(Number(v)) || !/^\d+$/.test(v))
    if (badSeverity !== undefined) problems.severity = [choiceMessage(badSeverity)]
    const badState = states.find(v => !(FINDING_STATES as readonly string[]).includes(v))
    if (badState !== undefined) problems.state = [choiceMessage(badState)]
    if (Object.keys(problems).length > 0) return sendFieldErrors(reply, problems)

    const templates = new Map(findings.templates(tenant, target.id).map(t => [t.position, t.template]))
    const kept = findings.ofTarget(tenant, target.id).filter(f =>
      (scanIds.size === 0 || f.scans.some(id => scanIds.has(id))) &&
      (severities.length === 0 || severities.includes(String(f.severity))) &&
      (states.length === 0 || states.includes(f.state)) &&
      templates.has(f.template))
    const one = (v: string | string[] | undefined) => Array.isArray(v) ? v[v.length - 1] : v
    return paginate({ page: one(query.page), length: one(query.length) }, kept.length,
      (limit, offset) => kept.slice(offset, offset + limit).map(f => renderFinding(f, templates.get(f.template)!, target))) ??
      sendDetail(reply, 404, DETAIL.invalidPage)
  })
}

export default findingsRoutes
