/**
 * DRF's content negotiation with one renderer (JSON), which runs before authentication: `?format=` other
 * than `json` is a 404, an Accept header that no token of matches `application/json` is a 406. Tokens are
 * compared as DRF's _MediaType.match does: main and sub type, each `*` or equal, lower-cased.
 */
export type Negotiation = 'ok' | 'not-found' | 'not-acceptable'

function acceptsJson (accept: string): boolean {
  return accept.split(',').some(token => {
    const fullType = token.split(';')[0].trim().toLowerCase()
    const slash = fullType.indexOf('/')
    const main = slash < 0 ? fullType : fullType.slice(0, slash)
    const sub = slash < 0 ? '' : fullType.slice(slash + 1)
    return (sub === '*' || sub === 'json') && (main === '*' || main === 'application')
  })
}

export function negotiate (accept: string | undefined, format: string | string[] | undefined): Negotiation {
  const wanted = Array.isArray(format) ? format[format.length - 1] : format
  if (wanted && wanted !== 'json') return 'not-found'
  if (accept !== undefined && !acceptsJson(accept)) return 'not-acceptable'
  return 'ok'
}
