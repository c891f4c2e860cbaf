import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { storedFromDate } from './datetime'
import { MESSAGES, pyTypeName } from './drf'
import { DETAIL, sendDetail } from './errors'
import { completeTarget } from './fixture'
import { createProbelyIds } from './ids'
import { pageKey, paginateJson, sendPageJson } from './pagination'
import { JsonNull } from './python-json'
import { serializeTarget } from './target.serializer'
import { Detail, FieldErrors, Page, PageQuery, type StoredTarget, Target, TargetIdParams } from './schemas'
import { BulkIds, TargetBulkUpdate, TargetCreate, TargetPatch, TargetQuery } from './targets.schemas'
import { applyTargetChanges, type NestedErrors, readTargetBody, type TargetChanges } from './targets.write'

const security = [{ probelyJWT: [] }]
/** Probely takes JSON, form and multipart bodies alike */
const consumes = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']
const errors = { 401: Detail, 404: Detail, 405: Detail, 406: Detail, 500: Detail }
const bodyErrors = { 400: { anyOf: [FieldErrors, Detail, Type.Record(Type.String(), Type.Unknown())] }, 413: Detail, 415: Detail }

const sendErrors = (reply: FastifyReply, body: NestedErrors) => reply.code(400).type('application/json').send(body)

/**
 * Probely's targets as a resource, as the SDK and Probely's scripts manage them: list, read, create, PATCH,
 * PUT (DRF's full update), DELETE (its scheduled scans, scans and findings with it) and the bulk routes.
 */
const targetsRoutes: FastifyPluginAsyncTypebox = async app => {
  const newProbelyId = createProbelyIds()
  const { targets } = app.store
  // bodies keep their raw shape (a nested site, lists of labels): read by targets.write.ts with DRF's rules
  app.setValidatorCompiler(() => () => true)

  const labelOf = (tenant: string) => {
    const labels = new Map(targets.allStored(tenant).flatMap(t => t.labels.map(l => [l.id, l] as const)))
    return { exists: (id: string) => labels.has(id), find: (id: string) => labels.get(id) }
  }
  const read = (request: FastifyRequest, body: unknown, partial: boolean) => {
    const tenant = request.principal.tenant
    const labels = labelOf(tenant)
    return {
      labels,
      result: readTargetBody(body, {
        partial, strict: app.config.strict, labelExists: labels.exists, profileExists: id => targets.profileExists(tenant, id)
      })
    }
  }
  const context = (request: FastifyRequest, labels: ReturnType<typeof labelOf>) => ({
    now: storedFromDate(app.clocks.date(request.principal.tenant)),
    user: { id: request.principal.sub, email: request.principal.email, name: request.principal.name },
    newId: newProbelyId,
    findLabel: labels.find
  })

  app.get('/targets/', {
    schema: { tags: ['probely'], summary: 'List targets', security, querystring: PageQuery, response: { 200: Page(Target), ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const json = await app.store.keptPages.answer(pageKey('targets', tenant, request.query), () => {
      const count = targets.count(tenant)
      return paginateJson(request.query, count, (limit, offset) => targets.pageAnswers(tenant, limit, offset, count), serializeTarget)
    })
    return sendPageJson(reply, json)
  })

  app.post('/targets/', {
    schema: {
      tags: ['probely'], summary: 'Create target', description: '`site.url` required; answered 201 with the whole target.',
      security, consumes, querystring: TargetQuery, body: TargetCreate, response: { 201: Target, ...bodyErrors, ...errors }
    }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const { labels, result } = read(request, request.body, false)
    if ('errors' in result) return sendErrors(reply, result.errors)
    const ctx = context(request, labels)
    const blank = completeTarget({ id: newProbelyId(), site: { id: newProbelyId(), changed_by: ctx.user }, blackout_period: { changed_by: ctx.user } }, ctx.now)
    const target = applyTargetChanges(blank, result.changes, ctx)
    await app.store.write(() => targets.insert(tenant, target))
    // as written, should a reset of the tenant have come in between
    return reply.code(201).send(targets.get(tenant, target.id) ?? { ...target, next_scan: null })
  })

  app.get('/targets/:id/', {
    schema: { tags: ['probely'], summary: 'Retrieve target', security, params: TargetIdParams, response: { 200: Target, ...errors } }
  }, async (request, reply) => {
    const target = targets.get(request.principal.tenant, request.params.id)
    return target ?? sendDetail(reply, 404, DETAIL.notFound)
  })

  // DRF finds the object before it reads the body: an unknown target is a 404 whatever was sent
  const targetMustExist = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as { id: string }
    if (!targets.exists(request.principal.tenant, id)) return sendDetail(reply, 404, DETAIL.notFound)
  }

  /** PATCH and PUT: DRF's partial and full update differ only in what the body must hold */
  const update = (partial: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const tenant = request.principal.tenant
    const { id } = request.params as { id: string }
    const { labels, result } = read(request, request.body, partial)
    if ('errors' in result) return sendErrors(reply, result.errors)
    const written = await app.store.write(() => {
      const current = targets.getStored(tenant, id)
      if (current === undefined) return undefined
      const next = applyTargetChanges(current, result.changes, context(request, labels))
      targets.update(tenant, next)
      return next
    })
    return written ? (targets.get(tenant, id) ?? { ...written, next_scan: null }) : sendDetail(reply, 404, DETAIL.notFound)
  }

  app.patch('/targets/:id/', {
    schema: {
      tags: ['probely'], summary: 'Partial update target', description: 'Fields sent replace the stored ones; `site` is patched field by field; the answer is the whole target.',
      security, consumes, params: TargetIdParams, body: TargetPatch, response: { 200: Target, ...bodyErrors, ...errors }
    },
    preParsing: targetMustExist
  }, update(true))

  app.put('/targets/:id/', {
    schema: {
      tags: ['probely'], summary: 'Update target', description: "DRF's full update: `site` and `site.url` must be sent; other fields sent replace the stored ones.",
      security, consumes, params: TargetIdParams, body: TargetCreate, response: { 200: Target, ...bodyErrors, ...errors }
    },
    preParsing: targetMustExist
  }, update(false))

  app.delete('/targets/:id/', {
    schema: {
      tags: ['probely'], summary: 'Delete target', description: 'Its scheduled scans, scans and findings go with it.',
      security, params: TargetIdParams, response: { 204: { type: 'null', description: 'No Content' }, ...errors }
    }
  }, async (request, reply) => {
    const gone = await app.store.write(() => deleteTargets(request.principal.tenant, [request.params.id]))
    return gone ? reply.code(204).send() : sendDetail(reply, 404, DETAIL.notFound)
  })

  /** Deletes the targets and forgets the kept scheduled scans and scans that went with them. */
  const deleteTargets = (tenant: string, ids: string[]) => {
    let gone = false
    for (const id of ids) gone = targets.delete(tenant, id) || gone
    if (gone) { app.store.scheduledScans.forgetAll(); app.store.probelyWorkflow.scans.forgetAll() }
    return gone
  }

  /** The `ids` of a bulk body: each an existing target of the tenant (DRF's many-related-field messages). */
  const readIds = (tenant: string, body: unknown): { ids: string[] } | { errors: NestedErrors } => {
    if (body instanceof JsonNull) return { errors: { non_field_errors: [MESSAGES.noData] } }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { errors: { non_field_errors: [MESSAGES.notADict(pyTypeName(body ?? {}))] } }
    const raw = (body as Record<string, unknown>).ids
    if (raw === undefined) return { errors: { ids: [MESSAGES.required] } }
    if (!Array.isArray(raw)) return { errors: { ids: [MESSAGES.notAList(pyTypeName(raw))] } }
    const bad = raw.find(id => typeof id === 'boolean' || typeof id === 'object')
    if (bad !== undefined) return { errors: { ids: [MESSAGES.pkType(bad)] } }
    const ids = raw.map(String)
    const missing = ids.find(id => !targets.exists(tenant, id))
    if (missing !== undefined) return { errors: { ids: [MESSAGES.pk(missing)] } }
    return { ids: [...new Set(ids)] }
  }

  app.post('/targets/bulk/update/', {
    schema: {
      tags: ['probely'], summary: 'Update targets in bulk', description: '`{"ids": [...], <fields>}`: the fields written on each target (all or none); answered `{"ids": [...]}`.',
      security, consumes, body: TargetBulkUpdate, response: { 200: BulkIds, ...bodyErrors, ...errors }
    }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const chosen = readIds(tenant, request.body)
    const { ids: _ids, ...fields } = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>
    const { labels, result } = read(request, fields, true)
    const problems: NestedErrors = { ...('errors' in chosen ? chosen.errors : {}), ...('errors' in result ? result.errors : {}) }
    if (Object.keys(problems).length > 0 || 'errors' in chosen || 'errors' in result) return sendErrors(reply, problems)
    const changes: TargetChanges = result.changes
    const ctx = context(request, labels)
    // all or none: a target deleted since the check (another request) refuses the whole update
    const written = await app.store.write(() => {
      const current = chosen.ids.map(id => targets.getStored(tenant, id))
      if (current.includes(undefined)) return false
      for (const target of current as StoredTarget[]) targets.update(tenant, applyTargetChanges(target, changes, ctx))
      return true
    })
    if (!written) {
      const again = readIds(tenant, request.body)
      return sendErrors(reply, 'errors' in again ? again.errors : { ids: [DETAIL.notFound] })
    }
    return { ids: chosen.ids }
  })

  app.post('/targets/bulk/delete/', {
    schema: {
      tags: ['probely'], summary: 'Delete targets in bulk', description: '`{"ids": [...]}`: all or none; answered `{"ids": [...]}`.',
      security, consumes, body: BulkIds, response: { 200: BulkIds, ...bodyErrors, ...errors }
    }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const chosen = readIds(tenant, request.body)
    if ('errors' in chosen) return sendErrors(reply, chosen.errors)
    await app.store.write(() => deleteTargets(tenant, chosen.ids))
    return { ids: chosen.ids }
  })
}

export default targetsRoutes
