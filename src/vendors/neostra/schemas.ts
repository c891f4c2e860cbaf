import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { DateTime, Nullable, StringEnum } from '../../schema-helpers'

/** Neostra's schemas, with the vendor page's descriptions (shared/vendor-docs/neostra-update-scan.txt). */

export const CONFIG_MAX_BYTES = 64 * 1024

const scanFields = {
  name: Type.String({ minLength: 1, maxLength: 255, description: 'Name of the scan' }),
  description: Type.String({ maxLength: 2000, description: 'Description of the scan purpose' }),
  integrationId: Type.String({ minLength: 1, description: 'Integration to scan against' }),
  schedule: Nullable(Type.String({ format: 'cron', description: 'Cron expression for scheduled scans' })),
  config: Type.Object({}, {
    additionalProperties: true,
    'x-max-serialized-bytes': CONFIG_MAX_BYTES,
    description: 'Scan configuration parameters'
  })
}

// workflows (issue 18): a scan covers one or more integrations; `integrationId` is the first of them
export const SCAN_TYPES = ['FULL'] as const
const workflowScanFields = {
  integrationIds: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 100, description: 'Integrations to scan' }),
  scanType: StringEnum(SCAN_TYPES, { description: 'Kind of scan (only FULL is published)' })
}

export const Scan = Type.Object({
  id: Type.String({ description: 'The scan identifier' }),
  ...scanFields,
  ...workflowScanFields,
  createdAt: DateTime(),
  updatedAt: DateTime()
})
export type Scan = Static<typeof Scan>

export const ScanPatch = Type.Partial(Type.Object(scanFields), { additionalProperties: true })
export type ScanPatch = Static<typeof ScanPatch>

// `integrationId` (one) or the guide's `integrationIds` (several): the route requires one of the two
export const ScanCreate = Type.Composite([
  Type.Object({ name: scanFields.name }),
  Type.Partial(Type.Object({ integrationId: scanFields.integrationId, ...workflowScanFields, id: Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9._~-]+$' }), description: scanFields.description, schedule: scanFields.schedule, config: scanFields.config }))
], { additionalProperties: true })
export type ScanCreate = Static<typeof ScanCreate>

/** The data stores Neostra's data discovery guide names. */
export const INTEGRATION_TYPES = ['POSTGRESQL', 'MYSQL', 'MONGODB', 'AWS_S3', 'DYNAMODB'] as const
export const Integration = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: StringEnum(INTEGRATION_TYPES),
  assets: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 1000, description: 'Tables, collections or buckets: one task each per launch' })
})
export type Integration = Static<typeof Integration>

export const ScanParams = Type.Object({ scanId: Type.String({ description: 'The scan identifier' }) })

/** `{status, message, data, errors}`: every Neostra answer from 200 to 400. */
export const Envelope = <T extends TSchema>(data: T) => Type.Object({
  status: Type.Integer({ description: 'HTTP status code' }),
  message: Type.String({ description: 'Response message' }),
  data: { ...data, description: 'Response payload' } as T,
  errors: Type.Array(Type.String(), { description: 'List of error details, if any' })
})
export const EmptyData = Type.Object({}, { additionalProperties: false })
export const BadRequest = Type.Object({
  status: Type.Literal(400),
  message: Type.Literal('Bad Request'),
  data: Type.Object({}, { additionalProperties: false }),
  errors: Type.Array(Type.String(), { description: 'One string per problem, field first' })
})
export const ErrorBody = Type.Object({
  error: Type.String({ description: 'Reason phrase of the status' }),
  message: Type.String(),
  code: Type.Integer()
})
