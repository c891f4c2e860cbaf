import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { publicTask } from '../vendors/neostra/tasks.repo'
import { Settings, SettingsPatch, Task, TaskQuery } from '../vendors/neostra/workflow.schemas'
import { sendAdminError } from './index'
import { TenantQuery } from './schemas'

/** Neostra's workflow controls (contract section 7): tasks, launch now, progress settings. */
const neostraWorkflowRoutes: FastifyPluginAsyncTypebox = async app => {
  const tasks = Type.Object({ tasks: Type.Array(Task) })

  app.get('/neostra/scan-tasks', {
    schema: { tags: ['admin'], summary: "A tenant's Neostra scan tasks, oldest first; filters scanId, status", querystring: TaskQuery, response: { 200: tasks } }
  }, async request => {
    const { tenant = 'default', scanId, status } = request.query
    app.store.ensureTenant(tenant)
    return { tasks: app.store.neostraTasks.list(tenant, { scanId, status }).map(publicTask) }
  })

  app.post('/neostra/scans/:scanId/launch', {
    schema: {
      tags: ['admin'],
      summary: 'Launch a Neostra scan now, as its schedule would: answers the tasks created',
      querystring: TenantQuery,
      params: Type.Object({ scanId: Type.String() }),
      response: { 201: tasks }
    }
  }, async (request, reply) => {
    const tenant = request.query.tenant ?? 'default'
    app.store.ensureTenant(tenant)
    const created = await app.store.write(() => app.neostraWorkflow.launch(tenant, request.params.scanId))
    if (!created) return sendAdminError(reply, 404, 'Not Found', `tenant ${tenant} has no Neostra scan ${JSON.stringify(request.params.scanId)}`)
    return reply.code(201).send({ tasks: created.map(publicTask) })
  })

  app.get('/neostra/settings', {
    schema: { tags: ['admin'], summary: "A tenant's Neostra task progress: mode, durations, outcomes", querystring: TenantQuery, response: { 200: Settings } }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.store.ensureTenant(tenant)
    return app.store.neostraTasks.settings(tenant)
  })

  app.put('/neostra/settings', {
    schema: {
      tags: ['admin'],
      summary: 'Change the fields sent of a tenant\'s Neostra task progress; a new mode applies at once to unfinished tasks',
      querystring: TenantQuery,
      body: SettingsPatch,
      response: { 200: Settings }
    }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.store.ensureTenant(tenant)
    const settings = { ...app.store.neostraTasks.settings(tenant), ...request.body }
    await app.store.write(() => app.neostraWorkflow.setSettings(tenant, settings))
    return settings
  })
}

export default neostraWorkflowRoutes
