import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sendBadRequest, sendNotFound } from './errors'
import { BadRequest, Envelope, ErrorBody } from './schemas'
import { unknownFields } from './validation'
import { Task, TaskParams, TaskPatch } from './workflow.schemas'

const errors = { 401: ErrorBody, 404: ErrorBody, 405: ErrorBody, 413: ErrorBody, 415: ErrorBody, 500: ErrorBody }

/** `PATCH /scan-tasks/:taskId {status}`: how a worker (or a user) moves a task, in either progress mode. */
const tasksRoutes: FastifyPluginAsyncTypebox<{ strict: boolean }> = async (app, { strict }) => {
  app.patch('/scan-tasks/:taskId', {
    schema: {
      tags: ['neostra'],
      summary: 'Update scan task',
      description: 'Sets the task\'s status. Neostra forbids no move; with STRICT=1 scanstub refuses leaving COMPLETED, FAILED or CANCELLED.',
      security: [{ neostraBearer: [] }],
      params: TaskParams,
      body: TaskPatch,
      response: { 200: Envelope(Task), 400: BadRequest, ...errors }
    }
  }, async (request, reply) => {
    const tenant = request.principal.tenant
    const problems = strict ? unknownFields(request.body, TaskPatch.properties) : []
    if (problems.length > 0) {
      if (!app.store.neostraTasks.get(tenant, request.params.taskId)) return sendNotFound(reply)
      return sendBadRequest(reply, problems)
    }
    const result = await app.store.write(() => app.neostraWorkflow.move(tenant, request.params.taskId, request.body.status, strict))
    if (result.ok) return { status: 200, message: 'Success', data: result.task, errors: [] }
    if (result.why === 'not-found') return sendNotFound(reply)
    return sendBadRequest(reply, [`status: a ${result.from} task is final and cannot change (STRICT=1)`])
  })
}

export default tasksRoutes
