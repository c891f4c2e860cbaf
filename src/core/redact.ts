/** What never reaches the journal or the logs: credentials in headers and secret-looking body fields. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'])
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|otp_secret|credential/i
export const REDACTED = '[redacted]'

export function redactHeaders (headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : v
  return out
}

/** A copy of a parsed body with secret-looking fields redacted, at any depth. */
export function redactBody (body: unknown, depth = 0): unknown {
  if (depth > 20 || body === null || typeof body !== 'object') return body
  if (Buffer.isBuffer(body)) return `[${body.length} bytes]`
  if (Array.isArray(body)) return body.map(v => redactBody(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(body)) out[k] = SECRET_KEY.test(k) ? REDACTED : redactBody(v, depth + 1)
  return out
}
