import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { publicTask } from './tasks.repo'
import { workflowOf } from './workflow'
import { Settings, SettingsPatch, Task, TaskQuery } from './workflow.schemas'

const TenantQuery = Type.Object({ tenant: TaskQuery.properties.tenant })

/** Neostra's workflow controls under /__admin/neostra (contract section 7): tasks, launch now, progress settings. */
const neostraAdmin: FastifyPluginAsyncTypebox = async app => {
  const workflow = workflowOf(app.store, app.clocks)
  const tasks = Type.Object({ tasks: Type.Array(Task) })

  app.get('/scan-tasks', {
    schema: { tags: ['admin'], summary: "A tenant's Neostra scan tasks, oldest first; filters scanId, status", querystring: TaskQuery, response: { 200: tasks } }
  }, async request => {
    const { tenant = 'default', scanId, status } = request.query
    app.tenants.ensure(tenant)
    return { tasks: app.store.neostraTasks.list(tenant, { scanId, status }).map(publicTask) }
  })

  app.post('/scans/:scanId/launch', {
    schema: {
      tags: ['admin'],
      summary: 'Launch a Neostra scan now, as its schedule would: answers the tasks created',
      querystring: TenantQuery,
      params: Type.Object({ scanId: Type.String() }),
      response: { 201: tasks, 404: Type.Object({ error: Type.String(), message: Type.String() }) }
    }
  }, async (request, reply) => {
    const tenant = request.query.tenant ?? 'default'
    app.tenants.ensure(tenant)
    const created = await app.store.write(() => workflow.launch(tenant, request.params.scanId))
    // the admin API's error shape ({error, message}), which the admin plugin documents for every route
    if (!created) return reply.code(404).send({ error: 'Not Found', message: `tenant ${tenant} has no Neostra scan ${JSON.stringify(request.params.scanId)}` })
    return reply.code(201).send({ tasks: created.map(publicTask) })
  })

  app.get('/settings', {
    schema: { tags: ['admin'], summary: "A tenant's Neostra task progress: mode, durations, outcomes", querystring: TenantQuery, response: { 200: Settings } }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.tenants.ensure(tenant)
    return app.store.neostraTasks.settings(tenant)
  })

  app.put('/settings', {
    schema: {
      tags: ['admin'],
      summary: 'Change the fields sent of a tenant\'s Neostra task progress; a new mode applies at once to unfinished tasks',
      querystring: TenantQuery,
      body: SettingsPatch,
      response: { 200: Settings }
    }
  }, async request => {
    const tenant = request.query.tenant ?? 'default'
    app.tenants.ensure(tenant)
    const settings = { ...app.store.neostraTasks.settings(tenant), ...request.body }
    await app.store.write(() => workflow.setSettings(tenant, settings))
    return settings
  })
}

export default neostraAdmin
