import formbody from '@fastify/formbody'
import type { BusboyConstructor, BusboyHeaders } from '@fastify/busboy'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Readable } from 'node:stream'
import { FORM_INPUT } from './drf'

/**
 * Form bodies as Django REST Framework reads them: a QueryDict, where a field sent twice counts once
 * (the last value), values are text, and the body is marked as form input so that DRF's form rules
 * ('' is null for a nullable field) apply. Uploaded files are kept as Buffers, which no scheduled-scan
 * field accepts.
 */
function asQueryDict (entries: Iterable<[string, unknown]>): Record<string | symbol, unknown> {
  const body: Record<string | symbol, unknown> = Object.create(null)
  for (const [key, value] of entries) body[key] = value
  body[FORM_INPUT] = true
  return body
}

/** Any body over the limit, however it is sent, is one 413 (the vendor's error handler words it). */
const tooLarge = () => Object.assign(new Error('multipart body too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' })

/**
 * The fields and files of a multipart/form-data body, in order, read by busboy (loaded with the first
 * such body: most runs send none). Field values are text, as DRF's MultiPartParser gives them (a part's
 * own Content-Type does not make it JSON). busboy's errors carry its words, which the error handler
 * turns into DRF's "Multipart form parse error - …".
 */
function readMultipart (request: FastifyRequest, payload: Readable, bodyLimit: number): Promise<[string, string | Buffer][]> {
  const Busboy = require('@fastify/busboy') as BusboyConstructor
  return new Promise((resolve, reject) => {
    const entries: [string, string | Buffer][] = []
    let received = 0
    let settled = false
    const succeed = () => {
      if (settled) return
      settled = true
      resolve(entries)
    }
    const fail = (err: unknown) => {
      if (settled) return
      settled = true
      payload.unpipe()
      payload.resume() // drain what is left, so the answer can be sent
      reject(err)
    }
    let parser
    try {
      parser = new Busboy({
        headers: request.headers as BusboyHeaders,
        limits: { fieldSize: bodyLimit, fileSize: bodyLimit, fields: 1000, files: 10, parts: 1010 }
      })
    } catch (err) { // no boundary, or not multipart at all
      return fail(err)
    }
    payload.on('data', (chunk: Buffer) => { received += chunk.length; if (received > bodyLimit) fail(tooLarge()) })
    parser.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
      if (valueTruncated) fail(tooLarge())
      else entries.push([name, value])
    })
    parser.on('file', (name: string, file: Readable) => {
      const chunks: Buffer[] = []
      file.on('data', (chunk: Buffer) => chunks.push(chunk))
      file.on('limit', () => fail(tooLarge()))
      file.on('error', fail)
      file.on('end', () => entries.push([name, Buffer.concat(chunks)]))
    })
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit']) parser.on(limit, () => fail(tooLarge()))
    parser.on('error', (err: Error) => {
      // an empty body is an empty form, as Django reads it, not cut-off multipart data
      if (received === 0 && err.message === 'Unexpected end of multipart data') succeed()
      else fail(err)
    })
    parser.on('finish', succeed)
    payload.pipe(parser)
  })
}

export async function registerFormParsers (app: FastifyInstance, bodyLimit: number): Promise<void> {
  await app.register(formbody, { bodyLimit, parser: text => asQueryDict(new URLSearchParams(text)) as never })
  app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    readMultipart(request, payload, bodyLimit).then(entries => done(null, asQueryDict(entries)), done)
  })
  // a body that announces itself as too large is refused before anything is read, as Fastify does
  // for the other media types
  app.addHook('onRequest', (request, _reply, done) => {
    const multipartBody = /^multipart\/form-data/i.test(request.headers['content-type'] ?? '')
    done(multipartBody && Number(request.headers['content-length'] ?? 0) > bodyLimit ? tooLarge() : undefined)
  })
}
