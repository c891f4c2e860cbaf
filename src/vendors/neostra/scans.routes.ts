import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sendBadRequest, sendNotFound } from './errors'
import { DEFAULT_LIMIT, ListQuery, readListQuery } from './list-query'
import { type ScanChanges } from './scans.repo'
import { BadRequest, EmptyData, Envelope, ErrorBody, ScanCreate, ScanParams, ScanPatch } from './schemas'
import { ScanView } from './workflow.schemas' // issue 18: the scan with its roll-up
import { bodyObject, shapeProblems, unknownFields } from './validation'
import { Type } from '@sinclair/typebox'

const security = [{ neostraBearer: [] }]
const errors = { 401: ErrorBody, 404: ErrorBody, 405: ErrorBody, 413: ErrorBody, 415: ErrorBody, 500: ErrorBody }
const ok = <T>(data: T) => ({ status: 200, message: 'Success', data, errors: [] as string[] })
const WRITABLE = ['name', 'description', 'integrationId', 'schedule', 'config'] as const

export interface ScansRoutesOptions { strict: boolean }

/** Neostra's scans: PATCH (the emulated endpoint) and the supporting list/get/create/delete. */
const scansRoutes: FastifyPluginAsyncTypebox<ScansRoutesOptions> = async (app, { strict }) => {
  const repo = app.store.neostra
  const workflow = app.neostraWorkflow // issue 18

  app.get('/scans', {
    schema: {
      tags: ['neostra'], summary: 'List scans', security, querystring: ListQuery,
      description: `A page of the tenant's scans: \`skip\`, \`limit\` (default ${DEFAULT_LIMIT}), \`sortField\`, \`sortOrder\`.`,
      response: { 200: Envelope(Type.Array(ScanView)), 400: BadRequest, ...errors }
    }
  }, async (request, reply) => {
    const list = readListQuery(request.query)
    if ('problems' in list) return sendBadRequest(reply, list.problems)
    return ok(repo.pageScans(request.principal.tenant, list).map(s => workflow.view(request.principal.tenant, s)))
  })

  app.get('/scans/:scanId', {
    schema: { tags: ['neostra'], summary: 'Get a scan', security, params: ScanParams, response: { 200: Envelope(ScanView), ...errors } }
  }, async (request, reply) => {
    const scan = repo.getScan(request.principal.tenant, request.params.scanId)
    return scan ? ok(workflow.view(request.principal.tenant, scan)) : sendNotFound(reply)
  })

  app.post('/scans', {
    schema: {
      tags: ['neostra'], summary: 'Create and launch a scan', security, body: ScanCreate,
      description: 'Takes `integrationIds` (the guide) or one `integrationId`; launches at once: one task per asset of each integration.',
      response: { 201: Envelope(ScanView), 400: BadRequest, ...errors }
    },
    attachValidation: true // the shape's problems and the references' come back in one 400
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const body = request.body
    const sent = bodyObject(body)
    const problems = shapeProblems(request)
    if (strict) problems.push(...unknownFields(sent, { ...ScanCreate.properties }))
    // issue 18: integrationIds (the guide) or integrationId (one); each id must exist
    const ids = Array.isArray(sent.integrationIds) ? sent.integrationIds.filter((i): i is string => typeof i === 'string') : undefined
    const integrationIds = ids ?? (typeof sent.integrationId === 'string' ? [sent.integrationId] : [])
    if (integrationIds.length === 0 && sent.integrationIds === undefined && sent.integrationId === undefined) problems.push('integrationIds: is required')
    if (ids !== undefined && typeof sent.integrationId === 'string' && ids[0] !== sent.integrationId) {
      problems.push('integrationId: must be the first of integrationIds when both are sent')
    }
    for (const [i, iid] of integrationIds.entries()) {
      if (!repo.integrationExists(tenant, iid)) problems.push(`${ids ? `integrationIds[${i}]` : 'integrationId'}: must be the id of an existing integration`)
    }
    const id = typeof sent.id === 'string' ? sent.id : randomUUID()
    if (repo.getScan(tenant, id)) problems.push(`id: a scan with id ${JSON.stringify(id)} already exists`)
    if (problems.length > 0) return sendBadRequest(reply, problems)
    const now = app.clocks.iso(tenant) // issue 18: the tenant's clock
    const scan = {
      id,
      name: body.name,
      description: body.description ?? '',
      integrationId: integrationIds[0],
      integrationIds,
      scanType: body.scanType ?? 'FULL',
      schedule: body.schedule ?? null,
      config: body.config ?? {},
      createdAt: now,
      updatedAt: now
    }
    // issue 18: created and launched in one write; its schedule armed
    const view = await app.store.write(() => {
      repo.insertScan(tenant, scan)
      workflow.launch(tenant, id, Date.parse(now))
      workflow.armSchedule(tenant, scan)
      return workflow.view(tenant, scan)
    })
    return reply.code(201).send({ status: 201, message: 'Success', data: view, errors: [] })
  })

  app.patch('/scans/:scanId', {
    schema: {
      tags: ['neostra'],
      summary: 'Update scan',
      description: 'Updates an existing scan. Each field sent replaces the stored one; `config` is replaced whole.',
      security,
      params: ScanParams,
      body: ScanPatch,
      response: { 200: Envelope(ScanView), 400: BadRequest, ...errors }
    },
    attachValidation: true // the shape's problems and the references' come back in one 400
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const body = request.body ?? {}
    const sent = bodyObject(body)
    const problems = shapeProblems(request)
    if (strict) problems.push(...unknownFields(sent, ScanPatch.properties))
    if (typeof sent.integrationId === 'string' && !repo.integrationExists(tenant, sent.integrationId)) {
      problems.push('integrationId: must be the id of an existing integration')
    }
    if (problems.length > 0) {
      if (!repo.getScan(tenant, request.params.scanId)) return sendNotFound(reply)
      return sendBadRequest(reply, problems)
    }
    const changes: ScanChanges = {}
    for (const key of WRITABLE) if (body[key] !== undefined) Object.assign(changes, { [key]: body[key] })
    // issue 18: the tenant's clock; a schedule sent is armed again at once; the answer carries the roll-up
    const scan = await app.store.write(() => {
      const patched = repo.patchScan(tenant, request.params.scanId, changes, app.clocks.iso(tenant))
      if (patched && changes.schedule !== undefined) workflow.armSchedule(tenant, patched)
      return patched && workflow.view(tenant, patched)
    })
    return scan ? ok(scan) : sendNotFound(reply)
  })

  app.delete('/scans/:scanId', {
    schema: { tags: ['neostra'], summary: 'Delete a scan', security, params: ScanParams, response: { 200: Envelope(EmptyData), ...errors } }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const gone = await app.store.write(() => {
      workflow.armSchedule(tenant, { id: request.params.scanId, schedule: null }) // issue 18: no more ticks
      return repo.deleteScan(tenant, request.params.scanId)
    })
    return gone ? ok({}) : sendNotFound(reply)
  })
}

export default scansRoutes
