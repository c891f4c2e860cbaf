import formbody from '@fastify/formbody'
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { FORM_INPUT } from './drf'

/**
 * Form bodies as Django REST Framework reads them: a QueryDict, where a field sent twice counts once
 * (the last value), values are text, and the body is marked as form input so that DRF's form rules
 * ('' is null for a nullable field) apply. Uploaded files are kept as Buffers, which no scheduled-scan
 * field accepts.
 */
function asQueryDict (entries: Iterable<[string, unknown]>): Record<string | symbol, unknown> {
  const body: Record<string | symbol, unknown> = Object.create(null)
  for (const [key, value] of entries) body[key] = Array.isArray(value) ? value[value.length - 1] : value
  body[FORM_INPUT] = true
  return body
}

export async function registerFormParsers (app: FastifyInstance, bodyLimit: number): Promise<void> {
  await app.register(formbody, { bodyLimit, parser: text => asQueryDict(new URLSearchParams(text)) as never })
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fieldSize: bodyLimit, fileSize: bodyLimit, fields: 1000, files: 10, parts: 1010 }
  })
  // multipart bypasses Fastify's bodyLimit: refuse what announces itself as too large, and a field or
  // file cut at the limit, as a 413 like any other body
  app.addHook('onRequest', async request => {
    const multipartBody = /^multipart\/form-data/i.test(request.headers['content-type'] ?? '')
    if (multipartBody && Number(request.headers['content-length'] ?? 0) > bodyLimit) {
      throw Object.assign(new Error('multipart body too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' })
    }
  })
  // after multipart's own preValidation hook has read the parts into request.body
  app.addHook('preValidation', async request => {
    if (request.isMultipart()) request.sentBody = request.body = asQueryDict(Object.entries((request.body ?? {}) as object))
  })
}
