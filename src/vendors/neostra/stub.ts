import type { FastifyInstance } from 'fastify'
import { publicTask } from './tasks.repo'
import { workflowOf, type TaskStatusEvent } from './workflow'
import { Settings, type Task, type TaskStatus } from './workflow.schemas'
import { FixtureProblems } from '../../store/fixture-errors'

export interface TaskFilter { tenant?: string, scanId?: string, status?: TaskStatus }

/** Neostra's workflow controls for a Node test suite: what /__admin/neostra/* does, in process. */
export interface NeostraStub {
  /** a tenant's scan tasks (default "default"), oldest first */
  tasks: (filter?: TaskFilter) => Task[]
  /** launches a scan now, as its schedule would; undefined when the tenant has no such scan */
  launch: (scanId: string, tenant?: string) => Promise<Task[] | undefined>
  settings: (tenant?: string) => Settings
  /** changes the fields given (checked: throws on a bad value); a new mode applies at once */
  setSettings: (changes: Partial<Settings>, tenant?: string) => Promise<Settings>
  /** hears every change of task status, of every tenant; returns the unsubscribe */
  onTaskStatus: (listener: (event: TaskStatusEvent) => void) => () => void
  /** resolves once `count` tasks (default: all that match now, at least one) match the filter, e.g. status COMPLETED */
  waitForTasks: (filter: TaskFilter & { count?: number, timeoutMs?: number }) => Promise<Task[]>
}

export function neostraStub (app: FastifyInstance): NeostraStub {
  const workflow = workflowOf(app.store, app.clocks)
  const list = ({ tenant = 'default', scanId, status }: TaskFilter = {}) => {
    app.tenants.ensure(tenant)
    return app.store.neostraTasks.list(tenant, { scanId, status }).map(publicTask)
  }
  return {
    tasks: list,
    launch: async (scanId, tenant = 'default') => {
      app.tenants.ensure(tenant)
      return (await app.store.write(() => workflow.launch(tenant, scanId)))?.map(publicTask)
    },
    settings: (tenant = 'default') => { app.tenants.ensure(tenant); return app.store.neostraTasks.settings(tenant) },
    setSettings: async (changes, tenant = 'default') => {
      app.tenants.ensure(tenant)
      const settings = { ...app.store.neostraTasks.settings(tenant), ...changes }
      const problems = new FixtureProblems() // the same checks as a fixture's settings
      if (!problems.check('settings', Settings, settings)) throw new Error(`scanstub: bad Neostra settings: ${problems.list.join('; ')}`)
      await app.store.write(() => workflow.setSettings(tenant, settings))
      return settings
    },
    onTaskStatus: listener => workflow.onTaskStatus(listener),
    waitForTasks: ({ count = 1, timeoutMs = 5000, ...filter }) => new Promise((resolve, reject) => {
      const check = () => {
        const found = list(filter)
        if (found.length < count) return false
        done(); resolve(found); return true
      }
      // a change of status is when the answer can change: checked on each, bounded by the timeout
      const off = workflow.onTaskStatus(() => { setImmediate(check) })
      const timer = setTimeout(() => { done(); reject(new Error(`scanstub: fewer than ${count} Neostra tasks matched ${JSON.stringify(filter)} within ${timeoutMs} ms`)) }, timeoutMs)
      const done = () => { off(); clearTimeout(timer) }
      check()
    })
  }
}
