import { Type, type SchemaOptions, type TSchema, type Static, type TUnsafe } from '@sinclair/typebox'

/** A string enum as a flat `{type: 'string', enum: [...]}` (reads better in OpenAPI than anyOf of consts). */
export function StringEnum<const T extends readonly string[]> (values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] })
}

/** An integer enum, flat. */
export function IntegerEnum<const T extends readonly number[]> (values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'integer', enum: [...values] })
}

/**
 * A scalar schema that also takes null, as OpenAPI 3.1 writes it: `type: [t, 'null']` (and null in its enum).
 * Only for scalar schemas; objects use Type.Union([..., Type.Null()]).
 */
export function Nullable<T extends TSchema> (schema: T): TUnsafe<Static<T> | null> {
  const s = schema as unknown as { type: string, enum?: unknown[] }
  const out: Record<string, unknown> = { ...schema, type: [s.type, 'null'] }
  if (s.enum) out.enum = [...s.enum, null]
  return Type.Unsafe<Static<T> | null>(out)
}

export const DateTime = (options: SchemaOptions = {}) => Type.String({ format: 'date-time', ...options })
