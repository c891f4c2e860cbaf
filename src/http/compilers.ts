import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import fastJsonStringify from 'fast-json-stringify'
import fastUri from 'fast-uri'
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify'

/**
 * Validators and serializers compiled on first use, not at start: a mock server is started hundreds of
 * times a day and most runs touch a few routes. Same results as Fastify's defaults, with our ajv
 * (every error reported, no type coercion) and our formats and keyword.
 *
 * `checkSchemas` also checks each schema against the JSON Schema meta-schema when it is compiled.
 * Compiling that meta-schema costs ~35 ms, paid by the first request of every start, for schemas
 * that are part of the code: the test suite checks them all (test/http/compilers.test.ts), starts don't.
 */
export function createAjv ({ checkSchemas = false, formats = {} as Record<string, (value: string) => boolean> } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: false, useDefaults: true, removeAdditional: false, strict: false, validateSchema: checkSchemas, uriResolver: fastUri })
  for (const [name, validate] of Object.entries(formats)) ajv.addFormat(name, { type: 'string', validate })
  ajv.addKeyword({
    keyword: 'x-max-serialized-bytes',
    type: 'object',
    schemaType: 'number',
    validate: (limit: number, data: unknown) => Buffer.byteLength(JSON.stringify(data)) <= limit
  })
  return ajv
}

/** Fastify reads `validation` off the error; the vendors' error handlers word it. */
function validationError (errors: ErrorObject[]): Error {
  return Object.assign(new Error(errors.map(e => `${e.instancePath} ${e.message}`).join(', ')), { validation: errors })
}

/** `eager`: compile when the route is registered (tests that check every schema), not on first use. */
export function lazyValidatorCompiler (ajv: Ajv, { eager = false } = {}): FastifySchemaCompiler<unknown> {
  return ({ schema }) => {
    let validate: ValidateFunction | undefined = eager ? ajv.compile(schema as object) : undefined
    return (data: unknown) => {
      validate ??= ajv.compile(schema as object)
      return validate(data) ? { value: data } : { error: validationError(validate.errors ?? []) }
    }
  }
}

export const lazySerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  let serialize: ((data: unknown) => string) | undefined
  return (data: unknown) => (serialize ??= fastJsonStringify(schema as object))(data)
}
