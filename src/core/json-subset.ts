/**
 * WireMock's `equalToJson` with `ignoreExtraElements`: `actual` contains `expected` when every field of
 * `expected` is in `actual` with a value that contains it in turn. Arrays compare item by item, same
 * length (an array is a value, not a bag). Iterative, so a deeply nested body cannot overflow the stack.
 */
export function containsJson (actual: unknown, expected: unknown): boolean {
  const stack: [unknown, unknown][] = [[actual, expected]]
  while (stack.length > 0) {
    const [a, e] = stack.pop()!
    if (e === null || typeof e !== 'object') { if (a !== e) return false; continue }
    if (a === null || typeof a !== 'object') return false
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) return false
      for (let i = 0; i < e.length; i++) stack.push([a[i], e[i]])
      continue
    }
    if (Array.isArray(a)) return false
    for (const [k, v] of Object.entries(e)) {
      if (!Object.prototype.hasOwnProperty.call(a, k)) return false
      stack.push([(a as Record<string, unknown>)[k], v])
    }
  }
  return true
}
