/**
 * Why a request was refused, in words, read from the vendor's own error body (Neostra's `errors` and
 * `message`, DRF's `detail` and field lists, the admin API's `message`): the test author sees the
 * vendor's reason without knowing either shape.
 */
export function refusalOf (status: number, body: unknown): string {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>
    if (Array.isArray(b.errors) && b.errors.length > 0) return b.errors.map(String).join('; ')
    if (typeof b.detail === 'string') return b.detail
    if (typeof b.message === 'string' && b.message !== '' && b.message !== 'Bad Request') return b.message
    if (typeof b.error === 'string') return b.error
    const fields = Object.entries(b).filter(([, v]) => Array.isArray(v))
    if (fields.length > 0) return fields.map(([k, v]) => `${k}: ${(v as unknown[]).map(String).join(' ')}`).join('; ')
  }
  if (typeof body === 'string' && body !== '') return body.slice(0, 200)
  return `status ${status}`
}
