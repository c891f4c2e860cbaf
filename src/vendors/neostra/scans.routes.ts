import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sendBadRequest, sendNotFound } from './errors'
import { type ScanChanges } from './scans.repo'
import { BadRequest, EmptyData, Envelope, ErrorBody, Scan, ScanCreate, ScanParams, ScanPatch } from './schemas'
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

  app.get('/v1/scans', {
    schema: { tags: ['neostra'], summary: 'List scans', security, response: { 200: Envelope(Type.Array(Scan)), ...errors } }
  }, async request => ok(repo.listScans(request.principal.tenant)))

  app.get('/v1/scans/:scanId', {
    schema: { tags: ['neostra'], summary: 'Get a scan', security, params: ScanParams, response: { 200: Envelope(Scan), ...errors } }
  }, async (request, reply) => {
    const scan = repo.getScan(request.principal.tenant, request.params.scanId)
    return scan ? ok(scan) : sendNotFound(reply)
  })

  app.post('/v1/scans', {
    schema: {
      tags: ['neostra'], summary: 'Create a scan', security, body: ScanCreate,
      response: { 201: Envelope(Scan), 400: BadRequest, ...errors }
    },
    attachValidation: true // the shape's problems and the references' come back in one 400
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const body = request.body
    const sent = bodyObject(body)
    const problems = shapeProblems(request)
    if (strict) problems.push(...unknownFields(sent, { ...ScanCreate.properties }))
    if (typeof sent.integrationId === 'string' && !repo.integrationExists(tenant, sent.integrationId)) {
      problems.push('integrationId: must be the id of an existing integration')
    }
    const id = typeof sent.id === 'string' ? sent.id : randomUUID()
    if (repo.getScan(tenant, id)) problems.push(`id: a scan with id ${JSON.stringify(id)} already exists`)
    if (problems.length > 0) return sendBadRequest(reply, problems)
    const now = new Date().toISOString()
    const scan = {
      id,
      name: body.name,
      description: body.description ?? '',
      integrationId: body.integrationId,
      schedule: body.schedule ?? null,
      config: body.config ?? {},
      createdAt: now,
      updatedAt: now
    }
    await app.store.write(() => repo.insertScan(tenant, scan))
    return reply.code(201).send({ status: 201, message: 'Success', data: scan, errors: [] })
  })

  app.patch('/v1/scans/:scanId', {
    schema: {
      tags: ['neostra'],
      summary: 'Update scan',
      description: 'Updates an existing scan. Each field sent replaces the stored one; `config` is replaced whole.',
      security,
      params: ScanParams,
      body: ScanPatch,
      response: { 200: Envelope(Scan), 400: BadRequest, ...errors }
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
    const scan = await app.store.write(() => repo.patchScan(tenant, request.params.scanId, changes, new Date().toISOString()))
    return scan ? ok(scan) : sendNotFound(reply)
  })

  app.delete('/v1/scans/:scanId', {
    schema: { tags: ['neostra'], summary: 'Delete a scan', security, params: ScanParams, response: { 200: Envelope(EmptyData), ...errors } }
  }, async (request, reply) => {
    const gone = await app.store.write(() => repo.deleteScan(request.principal.tenant, request.params.scanId))
    return gone ? ok({}) : sendNotFound(reply)
  })
}

export default scansRoutes
