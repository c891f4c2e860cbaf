import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Nullable, StringEnum } from '../../schema-helpers'
import { Scan } from './schemas'

/** Neostra's workflow shapes: sign-in, scan tasks, the rolled-up scan, and scanstub's progress settings. */

export const TASK_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const
export type TaskStatus = typeof TASK_STATUSES[number]
export const FINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED'])
const TaskStatusSchema = StringEnum(TASK_STATUSES, { description: 'One of PENDING RUNNING COMPLETED FAILED CANCELLED' })

export const Task = Type.Object({
  id: Type.String(),
  scanId: Type.String(),
  integrationId: Type.String(),
  asset: Type.String({ description: 'The table, collection or bucket scanned' }),
  status: TaskStatusSchema,
  createdAt: DateTime(),
  updatedAt: DateTime(),
  startedAt: Nullable(DateTime()),
  finishedAt: Nullable(DateTime())
})
export type Task = Static<typeof Task>

export const TaskParams = Type.Object({ taskId: Type.String({ description: 'The scan task identifier' }) })
export const TaskPatch = Type.Object({ status: TaskStatusSchema }, { additionalProperties: true })

/** scanstub's roll-up (Neostra publishes no scan shape): the latest launch's tasks. */
export const SCAN_STATUSES = ['IDLE', ...TASK_STATUSES] as const
export const TaskCounts = Type.Object({
  total: Type.Integer(),
  pending: Type.Integer(),
  running: Type.Integer(),
  completed: Type.Integer(),
  failed: Type.Integer(),
  cancelled: Type.Integer()
})
export type TaskCounts = Static<typeof TaskCounts>
export const ScanView = Type.Composite([Scan, Type.Object({
  status: StringEnum(SCAN_STATUSES, { description: 'scanstub: IDLE before any launch; else rolled up from the latest launch\'s tasks' }),
  lastRunAt: Nullable(DateTime({ description: 'when the scan was last launched' })),
  tasks: TaskCounts
})])
export type ScanView = Static<typeof ScanView>

export const SignIn = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 1024 })
}, { additionalProperties: true })
export const SelectTenant = Type.Object({ tenantId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: true })

export const TenantRef = Type.Object({ id: Type.String(), name: Type.String(), logo: Nullable(Type.String()) })
export type TenantRef = Static<typeof TenantRef>
export const SignedInUser = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), roles: Type.Array(Type.String()) })
export const SignInData = Type.Object({
  token: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'seconds' }),
  user: SignedInUser,
  tenants: Type.Array(TenantRef)
})

/** A fixture user: `password` in clear, or the `passwordHash` an export gives back. */
export const User = Type.Object({
  id: Type.String({ minLength: 1 }),
  email: Type.String({ minLength: 3, maxLength: 320 }),
  name: Type.String(),
  password: Type.Optional(Type.String({ minLength: 1 })),
  passwordHash: Type.Optional(Type.String({ pattern: '^scrypt\\$' })),
  roles: Type.Array(Type.String()),
  tenants: Type.Union([Type.Literal('*'), Type.Array(Type.Union([
    Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }),
    Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }), name: Type.Optional(Type.String()), logo: Type.Optional(Nullable(Type.String())) })
  ]), { minItems: 1 })])
})
export type User = Static<typeof User>

export const Settings = Type.Object({
  progress: StringEnum(['automatic', 'manual'] as const, { description: 'automatic: tasks move on the clock; manual: only PATCH moves them' }),
  pendingMs: Type.Integer({ minimum: 0, maximum: 7 * 24 * 3600_000, description: 'how long a task stays PENDING' }),
  runningMs: Type.Integer({ minimum: 0, maximum: 7 * 24 * 3600_000, description: 'how long a task stays RUNNING' }),
  failShare: Type.Number({ minimum: 0, maximum: 1, description: 'share of each launch\'s tasks that end FAILED (spread evenly)' }),
  failAssets: Type.Array(Type.String(), { maxItems: 1000, description: 'assets whose tasks end FAILED' })
}, { additionalProperties: false })
export type Settings = Static<typeof Settings>
export const DEFAULT_SETTINGS: Settings = { progress: 'automatic', pendingMs: 1000, runningMs: 5000, failShare: 0, failAssets: [] }
export const SettingsPatch = Type.Partial(Settings, { additionalProperties: false })

export const TaskQuery = Type.Object({
  tenant: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' })),
  scanId: Type.Optional(Type.String()),
  status: Type.Optional(TaskStatusSchema)
})
