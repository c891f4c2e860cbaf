import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type FieldErrors, MESSAGES } from './drf'
import { DETAIL, DrfValidationError, sendDetail, sendFieldErrors } from './errors'
import { createProbelyIds } from './ids'
import { pageKey, paginateJson, sendPageJson } from './pagination'
import { scheduledScanRuleErrors } from './rules'
import { renderScheduledScan, type ScheduledScanChanges, type StoredScheduledScan } from './scheduled-scans.repo'
import {
  Detail, FieldErrors as FieldErrorsSchema, Page, PageQuery, ScheduledScan, ScheduledScanCreate, ScheduledScanParams,
  ScheduledScanPatch, type StoredTarget, TargetParams
} from './schemas'
import { storedFromDate } from './datetime'
import { listedScheduledScanJson, serializeScheduledScan } from './scheduled-scan.serializer'

const security = [{ probelyJWT: [] }]
/** Probely takes JSON, form and multipart bodies alike */
const consumes = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']
const errors = { 401: Detail, 404: Detail, 405: Detail, 406: Detail, 500: Detail }
const bodyErrors = { 400: { anyOf: [FieldErrorsSchema, Detail] }, 413: Detail, 415: Detail }
const WRITABLE = Object.keys(ScheduledScanPatch.properties).filter(k =>
  !(ScheduledScanPatch.properties as Record<string, { readOnly?: boolean }>)[k].readOnly) as (keyof ScheduledScanChanges)[]

/** The fields sent that DRF would keep, and the field errors from parsing plus the related-object check. */
function readBody (request: FastifyRequest, profileExists: (tenant: string, id: string) => boolean):
{ changes: ScheduledScanChanges, errors: FieldErrors } {
  const failed = request.validationError instanceof DrfValidationError ? request.validationError : undefined
  const value = failed ? failed.value : request.body as Record<string, unknown>
  const errors: FieldErrors = { ...failed?.fieldErrors }
  const changes: ScheduledScanChanges = {}
  for (const key of WRITABLE) if (key in value) Object.assign(changes, { [key]: value[key] })
  const profile = changes.scan_profile
  if (profile != null && !profileExists(request.principal.tenant, profile)) {
    errors.scan_profile = [MESSAGES.pk(profile)]
  }
  return { changes, errors }
}

const hasErrors = (e: FieldErrors) => Object.keys(e).length > 0

const sendScheduledScan = (reply: FastifyReply, scan: ReturnType<typeof renderScheduledScan>) =>
  reply.type('application/json').serializer(serializeScheduledScan).send(scan)

/** Probely's scheduled scans: the PATCH this project exists for, and what clients call around it. */
const scheduledScansRoutes: FastifyPluginAsyncTypebox = async app => {
  const newProbelyId = createProbelyIds()
  const { targets, scheduledScans } = app.store
  const stamp = (request: FastifyRequest) => ({
    changed: storedFromDate(app.clocks.date(request.principal.tenant)),
    changed_by: { id: request.principal.sub, email: request.principal.email, name: request.principal.name }
  })
  const render = (tenant: string, s: StoredScheduledScan) => renderScheduledScan(s, targets.getStored(tenant, s.target)!)
  // a page's records with their targets, read at once (one consistent view), serialized turn by turn after
  const withTargets = (tenant: string, page: StoredScheduledScan[]) => page.map(s => [s, targets.getStored(tenant, s.target)!] as const)
  const listedJson = ([scan, target]: readonly [StoredScheduledScan, StoredTarget]) => listedScheduledScanJson(scan, target)

  // DRF finds the object before it reads the body: an unknown target or scan is a 404 whatever was sent
  const targetMustExist = async (request: FastifyRequest, reply: FastifyReply) => {
    const { target_id: targetId } = request.params as { target_id: string }
    if (!targets.exists(request.principal.tenant, targetId)) return sendDetail(reply, 404, DETAIL.notFound)
  }
  const scanMustExist = async (request: FastifyRequest, reply: FastifyReply) => {
    const { target_id: targetId, id } = request.params as { target_id: string, id: string }
    if (!scheduledScans.exists(request.principal.tenant, targetId, id)) return sendDetail(reply, 404, DETAIL.notFound)
  }

  app.get('/scheduledscans/', {
    schema: { tags: ['probely'], summary: 'List scheduled scans of all targets', security, querystring: PageQuery, response: { 200: Page(ScheduledScan), ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const json = await app.store.keptPages.answer(pageKey('scheduledscans', tenant, request.query), () =>
      paginateJson(request.query, scheduledScans.count(tenant), (limit, offset) => withTargets(tenant, scheduledScans.page(tenant, limit, offset)), listedJson))
    return sendPageJson(reply, json)
  })

  app.get('/targets/:target_id/scheduledscans/', {
    schema: { tags: ['probely'], summary: "List target's scheduled scans", security, params: TargetParams, querystring: PageQuery, response: { 200: Page(ScheduledScan), ...errors } },
    preHandler: targetMustExist
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const targetId = request.params.target_id
    const json = await app.store.keptPages.answer(pageKey(`targets/${targetId}/scheduledscans`, tenant, request.query), () =>
      paginateJson(request.query, scheduledScans.count(tenant, targetId), (limit, offset) => withTargets(tenant, scheduledScans.page(tenant, limit, offset, targetId)), listedJson))
    return sendPageJson(reply, json)
  })

  app.post('/targets/:target_id/scheduledscans/', {
    schema: { tags: ['probely'], summary: "Create target's scheduled scan", security, consumes, params: TargetParams, body: ScheduledScanCreate, response: { 201: ScheduledScan, ...bodyErrors, ...errors } },
    preParsing: targetMustExist,
    attachValidation: true
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const { changes, errors } = readBody(request, targets.profileExists)
    if (hasErrors(errors)) return sendFieldErrors(reply, errors)
    // found before the body was read; a reset or fixture load may have removed it since
    const target = targets.getStored(tenant, request.params.target_id)
    if (target === undefined) return sendDetail(reply, 404, DETAIL.notFound)
    const blackout = target.blackout_period
    const scan: StoredScheduledScan = {
      id: newProbelyId(),
      target: request.params.target_id,
      date_time: changes.date_time!,
      recurrence: '',
      timezone: 'UTC',
      run_on_day_of_week: false,
      scheduled_day_of_week: null,
      week_index: null,
      partial_scan: false,
      override_target_settings: false,
      incremental: false,
      reduced_scope: false,
      scan_profile: null,
      unlimited: '',
      blackout_period: blackout,
      ...changes,
      ...stamp(request)
    }
    const rule = scheduledScanRuleErrors(scan)
    if (rule.length > 0) return sendFieldErrors(reply, { non_field_errors: rule })
    // rendered in the write's own turn (probely workflows: armed there too): what comes after cannot change it
    const view = await app.store.write(() => {
      scheduledScans.insert(tenant, scan)
      app.store.probelyEngine(app.clocks).scheduler.changed(tenant, scan.target, scan.id)
      return render(tenant, scan)
    })
    return sendScheduledScan(reply.code(201), view)
  })

  app.get('/targets/:target_id/scheduledscans/:id/', {
    schema: { tags: ['probely'], summary: "Retrieve target's scheduled scan", security, params: ScheduledScanParams, response: { 200: ScheduledScan, ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const scan = scheduledScans.get(tenant, request.params.target_id, request.params.id)
    return scan ? sendScheduledScan(reply, render(tenant, scan)) : sendDetail(reply, 404, DETAIL.notFound)
  })

  /** PATCH and PUT: DRF's partial and full update differ only in what the body must hold (the schema) */
  const update = async (request: FastifyRequest, reply: FastifyReply) => {
    const tenant = request.principal.tenant
    const params = request.params as Static<typeof ScheduledScanParams>
    const { changes, errors } = readBody(request, targets.profileExists)
    if (hasErrors(errors)) return sendFieldErrors(reply, errors)
    // probely workflows: afterPatch re-arms the schedule when the PATCH (or PUT) was written
    // rendered in the write's own turn: a reset or fixture load queued behind it cannot remove the target first
    const result = await app.store.write(() => {
      const patched = app.store.probelyEngine(app.clocks).scheduler.afterPatch(tenant, scheduledScans.patch(tenant, params.target_id, params.id, changes, stamp(request), after => {
        const rule = scheduledScanRuleErrors(after)
        return rule.length > 0 ? { non_field_errors: rule } : undefined
      }))
      return patched && !('errors' in patched) ? { view: render(tenant, patched.scan) } : patched
    })
    if (!result) return sendDetail(reply, 404, DETAIL.notFound)
    if ('errors' in result) return sendFieldErrors(reply, result.errors)
    return sendScheduledScan(reply, result.view)
  }

  app.put('/targets/:target_id/scheduledscans/:id/', {
    schema: {
      tags: ['probely'],
      summary: "Update Target's Scheduled Scan",
      description: "DRF's full update: the fields required on create must be sent; the others, when sent, replace the stored ones.",
      security,
      consumes,
      params: ScheduledScanParams,
      body: ScheduledScanCreate,
      response: { 200: ScheduledScan, ...bodyErrors, ...errors }
    },
    preParsing: scanMustExist,
    attachValidation: true
  }, update)

  app.patch('/targets/:target_id/scheduledscans/:id/', {
    schema: {
      tags: ['probely'],
      summary: "Partial Update Target's Scheduled Scan",
      description: 'Fields sent replace the stored ones; read-only and unknown fields are ignored (400 under STRICT=1).',
      security,
      consumes,
      params: ScheduledScanParams,
      body: ScheduledScanPatch,
      response: { 200: ScheduledScan, ...bodyErrors, ...errors }
    },
    preParsing: scanMustExist,
    attachValidation: true
  }, update)

  app.delete('/targets/:target_id/scheduledscans/:id/', {
    schema: { tags: ['probely'], summary: "Delete target's scheduled scan", security, params: ScheduledScanParams, response: { 204: { type: 'null', description: 'No Content' }, ...errors } }
  }, async (request, reply) => {
    const gone = await app.store.write(() => scheduledScans.delete(request.principal.tenant, request.params.target_id, request.params.id))
    return gone ? reply.code(204).send() : sendDetail(reply, 404, DETAIL.notFound)
  })
}

export default scheduledScansRoutes
