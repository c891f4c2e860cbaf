import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { drfValidate, type FieldErrors, MESSAGES } from './drf'
import { DETAIL, sendDetail, sendFieldErrors } from './errors'
import { paginate } from './pagination'
import { Detail, Page, type StoredTarget, TargetParams } from './schemas'
import type { StoredScan } from './scans.repo'
import { renderScan } from './scans.render'
import { scanFilter, values } from './scans.query'
import {
  AnyScanParams, BulkBody, Scan, ScanError, ScanListQuery, ScanNowBody, ScanNowOverrides, type ScanOptions, ScanParams
} from './scans.schemas'
import { refusalOf, type ScanAction, ScanRefusal } from './workflow'

const security = [{ probelyJWT: [] }]
const consumes = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']
const errors = { 401: Detail, 404: Detail, 405: Detail, 500: Detail }
/** 400s: `{"error": ...}` for a refusal (Probely's own), DRF's field errors for a bad body or filter */
const BadRequest = Type.Union([ScanError, Type.Record(Type.String(), Type.Unknown())])
const bodyErrors = { 400: BadRequest, 413: Detail, 415: Detail }

/** DRF's BooleanField truths, as a query flag is read */
const TRUE = new Set(['true', 'True', 'TRUE', '1', 'yes', 'on'])

const sendError = (reply: FastifyReply, message: string) => reply.code(400).type('application/json').send({ error: message })

type Tenant = string
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Probely's scans: scan_now, the target's and the account's lists and details, cancel/pause/resume and the
 * bulk routes. Bodies are read here with DRF's rules (the options may also come nested under `overrides`).
 */
const scansRoutes: FastifyPluginAsyncTypebox = async app => {
  const { targets } = app.store
  const { repos, scans: workflow } = app.store.probelyEngine(app.clocks)
  // bodies keep their raw shape (nested `overrides`, lists of ids): read below with drfValidate
  app.setValidatorCompiler(() => () => true)

  const render = (tenant: Tenant, s: StoredScan, request?: FastifyRequest) => {
    const query = request?.query as Record<string, string | string[]> | undefined
    const exclude = values(query?.exclude).join(',').split(',')
    const scan = renderScan(s, targets.getStored(tenant, s.target)!, { targetOptions: !exclude.includes('target_options') })
    // scan_profile_name=true: the profile whole, for scripts that read `scan_profile.name` (a profile the
    // tenant no longer has is named by its id)
    if (TRUE.has(values(query?.scan_profile_name).at(-1) ?? '')) {
      const id = scan.scan_profile as string
      scan.scan_profile = targets.allProfiles(tenant).find(p => p.id === id) ?? { id, name: id, description: '', builtin: false }
    }
    return scan
  }

  /** The options of a scan_now body, or DRF's field errors (a nested `overrides` has its own). */
  const readOptions = (request: FastifyRequest, target: StoredTarget):
  { profile: string, options: ScanOptions } | { errors: Record<string, unknown> } | { refusal: string } => {
    const strict = app.config.strict
    const top = drfValidate(ScanNowBody, request.body, { partial: true, strict })
    // reduced_scopes and overrides are not flat fields: checked here, not by drfValidate
    delete top.errors.reduced_scopes
    delete top.errors.overrides
    const body = isObject(request.body) ? request.body : {}
    const errs: Record<string, unknown> = { ...top.errors }
    let nested: Record<string, unknown> = {}
    if (body.overrides !== undefined && body.overrides !== null) {
      if (!isObject(body.overrides)) errs.overrides = { non_field_errors: [MESSAGES.notADict(typeof body.overrides === 'string' ? 'str' : Array.isArray(body.overrides) ? 'list' : 'int')] }
      else {
        const o = drfValidate(ScanNowOverrides, body.overrides, { partial: true, strict })
        if (Object.keys(o.errors).length > 0) errs.overrides = o.errors
        nested = o.value
      }
    }
    if (body.reduced_scopes !== undefined && !Array.isArray(body.reduced_scopes)) errs.reduced_scopes = ['Expected a list of items but got type "' + typeof body.reduced_scopes + '".']
    if (Object.keys(errs).length > 0) return { errors: errs }
    const v = { ...top.value, ...nested } as Record<string, unknown>
    const tenant = request.principal.tenant
    const asked = v.scan_profile as string | null | undefined
    if (asked != null && !targets.profileExists(tenant, asked)) return { refusal: `Invalid scan profile "${asked}".` }
    return {
      profile: asked ?? target.scan_profile ?? 'normal',
      options: {
        incremental: v.incremental === true,
        reduced_scope: v.reduced_scope === true || (Array.isArray(body.reduced_scopes) && body.reduced_scopes.length > 0),
        partial_scan: v.partial_scan === true,
        crawl_sequences_only: v.crawl_sequences_only === true,
        ignore_blackout_period: v.ignore_blackout_period === true,
        has_sequence_navigation: target.site.has_sequence_navigation,
        unlimited: false,
        user_data: (v.user_data as string | null | undefined) ?? null
      }
    }
  }

  const user = (request: FastifyRequest) => ({ id: request.principal.sub, email: request.principal.email, name: request.principal.name })

  // DRF finds the target before it reads the body
  const targetMustExist = async (request: FastifyRequest, reply: FastifyReply) => {
    const { target_id: targetId } = request.params as { target_id: string }
    if (!targets.exists(request.principal.tenant, targetId)) return sendDetail(reply, 404, DETAIL.notFound)
  }

  app.post('/targets/:target_id/scan_now/', {
    schema: {
      tags: ['probely'], summary: 'Start a scan of the target now', description: 'Body optional: empty, JSON or a form; options at the top level or under `overrides`.',
      security, consumes, params: TargetParams, body: ScanNowBody, response: { 200: Scan, ...bodyErrors, ...errors }
    },
    preParsing: targetMustExist
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const target = targets.getStored(tenant, request.params.target_id)
    if (target === undefined) return sendDetail(reply, 404, DETAIL.notFound)
    const read = readOptions(request, target)
    if ('errors' in read) return reply.code(400).type('application/json').send(read.errors)
    if ('refusal' in read) return sendError(reply, read.refusal)
    try {
      // rendered in the write's own turn: a reset or fixture load queued behind it cannot remove the target first
      return await app.store.write(() => render(tenant, workflow.start(tenant, { targetId: target.id, scanProfile: read.profile, options: read.options, user: user(request) }), request))
    } catch (err) {
      if (err instanceof ScanRefusal) return sendError(reply, err.message)
      throw err
    }
  })

  /** One page of scans after the query's filters, or its field errors / "Invalid page.". */
  const list = (request: FastifyRequest, reply: FastifyReply, all: StoredScan[]) => {
    const tenant = request.principal.tenant
    const query = request.query as Record<string, string | string[]>
    const parsed = scanFilter(query)
    if ('errors' in parsed) return sendFieldErrors(reply, parsed.errors)
    const searchText = (s: StoredScan) => {
      const t = targets.getStored(tenant, s.target)
      return `${s.id} ${s.scan_profile} ${t?.name ?? ''} ${t?.site.url ?? ''} ${t?.site.name ?? ''}`
    }
    // newest first among equals: the stable sort keeps this order for ties
    const kept = all.reverse().filter(s => parsed.filter.keep(s, searchText(s))).sort(parsed.filter.order)
    return paginate({ page: one(query.page), length: one(query.length) }, kept.length,
      (limit, offset) => kept.slice(offset, offset + limit).map(s => render(tenant, s, request))) ??
      sendDetail(reply, 404, DETAIL.invalidPage)
  }
  const one = (v: string | string[] | undefined) => Array.isArray(v) ? v[v.length - 1] : v

  app.get('/targets/:target_id/scans/', {
    schema: { tags: ['probely'], summary: "List target's scans", security, params: TargetParams, querystring: ScanListQuery, response: { 200: Page(Scan), 400: BadRequest, ...errors } },
    preHandler: targetMustExist
  }, async (request, reply) => list(request, reply, repos.scans.ofTarget(request.principal.tenant, request.params.target_id)))

  for (const url of ['/scans/', '/targets/all/scans/']) {
    app.get(url, {
      schema: { tags: ['probely'], summary: 'List scans of all targets', security, querystring: ScanListQuery, response: { 200: Page(Scan), 400: BadRequest, ...errors } }
    }, async (request, reply) => list(request, reply, repos.scans.all(request.principal.tenant)))
  }

  app.get('/targets/:target_id/scans/:id/', {
    schema: { tags: ['probely'], summary: "Retrieve target's scan", security, params: ScanParams, response: { 200: Scan, ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const scan = repos.scans.get(tenant, request.params.id)
    return scan && scan.target === request.params.target_id ? render(tenant, scan, request) : sendDetail(reply, 404, DETAIL.notFound)
  })

  app.get('/scans/:id/', {
    schema: { tags: ['probely'], summary: 'Retrieve scan', security, params: AnyScanParams, response: { 200: Scan, ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const scan = repos.scans.get(tenant, request.params.id)
    return scan ? render(tenant, scan, request) : sendDetail(reply, 404, DETAIL.notFound)
  })

  const actionSummary: Record<ScanAction, string> = { cancel: 'Cancel scan', pause: 'Pause scan', resume: 'Resume scan' }
  for (const action of ['cancel', 'pause', 'resume'] as const) {
    app.post(`/targets/:target_id/scans/:id/${action}/`, {
      schema: {
        tags: ['probely'], summary: actionSummary[action], description: 'The body (target_options, has_sequence_navigation, user_data) is accepted and ignored.',
        security, consumes, params: ScanParams, response: { 200: Scan, ...bodyErrors, ...errors }
      }
    }, async (request, reply) => {
      const tenant = request.principal.tenant
      const scan = repos.scans.get(tenant, request.params.id)
      if (!scan || scan.target !== request.params.target_id) return sendDetail(reply, 404, DETAIL.notFound)
      try {
        return await app.store.write(() => render(tenant, workflow.act(tenant, repos.scans.get(tenant, scan.id)!, action), request))
      } catch (err) {
        if (err instanceof ScanRefusal) return sendError(reply, err.message)
        throw err
      }
    })
  }

  /** `[{id}]` lists of a bulk body, or the field error DRF would give. */
  const idsOf = (body: unknown, key: 'scans' | 'targets'): string[] | FieldErrors | undefined => {
    if (!isObject(body) || body[key] === undefined) return undefined
    const list = body[key]
    if (!Array.isArray(list)) return { [key]: [`Expected a list of items but got type "${typeof list === 'string' ? 'str' : typeof list}".`] }
    const ids = list.map(item => isObject(item) && typeof item.id === 'string' ? item.id : undefined)
    if (ids.includes(undefined)) return { [key]: ['Each item must be an object with an "id".'] }
    return ids as string[]
  }

  app.post('/scans/bulk/start/', {
    schema: {
      tags: ['probely'], summary: 'Start scans of several targets', description: 'Body `{"targets": [{"id"}], "scan_profile"?}`; all start or none.',
      security, consumes, body: BulkBody, response: { 200: Type.Array(Scan), ...bodyErrors, ...errors }
    }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const ids = idsOf(request.body, 'targets')
    if (ids === undefined) return sendFieldErrors(reply, { targets: [MESSAGES.required] })
    if (!Array.isArray(ids)) return sendFieldErrors(reply, ids)
    const found = ids.map(id => targets.getStored(tenant, id))
    if (found.includes(undefined)) return sendDetail(reply, 404, DETAIL.notFound)
    const plans = found.map(t => ({ target: t!, read: readOptions(request, t!) }))
    const bad = plans.find(p => !('options' in p.read))
    if (bad && 'errors' in bad.read) return reply.code(400).type('application/json').send(bad.read.errors)
    if (bad && 'refusal' in bad.read) return sendError(reply, bad.read.refusal)
    const busy = plans.find(p => repos.scans.running(tenant, p.target.id) !== undefined)
    if (busy) return sendError(reply, `There is already a scan running on target "${busy.target.id}".`)
    return await app.store.write(() => plans.map(p => {
      const r = p.read as { profile: string, options: ScanOptions }
      return render(tenant, workflow.start(tenant, { targetId: p.target.id, scanProfile: r.profile, options: r.options, user: user(request) }), request)
    }))
  })

  for (const action of ['cancel', 'pause', 'resume'] as const) {
    app.post(`/scans/bulk/${action}/`, {
      schema: {
        tags: ['probely'], summary: `${actionSummary[action]}s in bulk`, description: 'Body `{"scans": [{"id"}]}` or `{"targets": [{"id"}]}` (their running scans); all or none.',
        security, consumes, body: BulkBody, response: { 200: Type.Array(Scan), ...bodyErrors, ...errors }
      }
    }, async (request, reply) => {
      const tenant = request.principal.tenant
      const scanIds = idsOf(request.body, 'scans')
      const targetIds = idsOf(request.body, 'targets')
      if (scanIds === undefined && targetIds === undefined) return sendFieldErrors(reply, { scans: [MESSAGES.required] })
      for (const ids of [scanIds, targetIds]) if (ids !== undefined && !Array.isArray(ids)) return sendFieldErrors(reply, ids)
      const chosen = [
        ...((scanIds as string[] | undefined) ?? []).map(id => repos.scans.get(tenant, id)),
        ...((targetIds as string[] | undefined) ?? []).map(id => repos.scans.running(tenant, id))
      ]
      if (chosen.includes(undefined)) return sendDetail(reply, 404, DETAIL.notFound)
      const unique = [...new Map(chosen.map(s => [s!.id, s!])).values()]
      // all or none: every scan is checked before any moves
      for (const s of unique) {
        const refusal = refusalOf(s!.status, action)
        if (refusal !== undefined) return sendError(reply, refusal)
      }
      return await app.store.write(() => unique.map(s => render(tenant, workflow.act(tenant, repos.scans.get(tenant, s.id)!, action), request)))
    })
  }
}

export default scansRoutes
