/**
 * What never reaches the journal or the logs: credentials in headers, query parameters and body
 * fields, at any depth. A key is secret when its name contains one of these words (case and `-`/`_`
 * ignored): `passwd` and `pwd` as well as `pass`, `api_key` and `private_key` through `key`.
 */
const SECRET_WORDS = /pass|pwd|secret|token|key|auth|session|cookie|credential|signature/i
export const REDACTED = '[redacted]'

/** Whether a header, query parameter or body field of this name holds a secret. */
export const isSecretKey = (name: string): boolean => SECRET_WORDS.test(name)

/** `JWT eyJ…` → `JWT [redacted]`: the scheme says nothing secret and is half of "why was I refused" */
const SCHEME = /^([A-Za-z][A-Za-z0-9-]{0,19}) +\S/

function redactHeader (name: string, value: unknown): unknown {
  if (!isSecretKey(name)) return value
  const scheme = typeof value === 'string' && (name === 'authorization' || name === 'proxy-authorization') ? SCHEME.exec(value) : null
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED
}

/** Headers with secret-looking ones redacted; an Authorization header keeps its scheme (`Bearer [redacted]`). */
export function redactHeaders (headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(headers)) out[k] = redactHeader(k, v)
  return out
}

/** The scheme of a journaled (redacted) Authorization header, if it had one. */
export function schemeOf (redacted: unknown): string | undefined {
  return typeof redacted === 'string' && redacted.endsWith(` ${REDACTED}`) ? redacted.slice(0, -REDACTED.length - 1) : undefined
}

/** A query string's parameters with secret-looking ones redacted (`access_token`, `api_key`, ...). */
export function redactQuery (query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(query)) out[k] = isSecretKey(k) ? REDACTED : v
  return out
}

/** A URL with its secret query parameters redacted, for log lines. */
export function redactUrl (url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  const params = new URLSearchParams(url.slice(q + 1))
  for (const key of [...params.keys()]) if (isSecretKey(key)) params.set(key, REDACTED)
  return `${url.slice(0, q)}?${params.toString()}`
}

/**
 * A copy of a parsed body with secret-looking fields redacted, at any depth: iterative, so a body
 * nested thousands of levels deep is walked without overflowing the stack.
 */
export function redactBody (body: unknown): unknown {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the walk below copies a primitive as it is too; this returns it without the walk
  if (body === null || typeof body !== 'object') return body
  const root: { value: unknown } = { value: undefined }
  const stack: Array<{ from: unknown, into: Record<string, unknown> | unknown[], key: string | number }> = [{ from: body, into: root as unknown as Record<string, unknown>, key: 'value' }]
  while (stack.length > 0) {
    const { from, into, key } = stack.pop()!
    let copy: unknown
    if (from === null || typeof from !== 'object') copy = from
    else if (Buffer.isBuffer(from)) copy = `[${from.length} bytes]`
    else if (Array.isArray(from)) {
      // Stryker disable next-line ArrayDeclaration: sized up front for speed; every index is assigned below (a parsed body has no holes), so an empty array grows to the same one
      const list: unknown[] = new Array(from.length)
      from.forEach((v, i) => stack.push({ from: v, into: list, key: i }))
      copy = list
    } else {
      const record: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(from)) {
        if (isSecretKey(k)) record[k] = REDACTED
        else stack.push({ from: v, into: record, key: k })
      }
      copy = record
    }
    (into as Record<string | number, unknown>)[key] = copy
  }
  return root.value
}
