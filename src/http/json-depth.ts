/**
 * Python's json module gives up past about 1,000 levels of nesting (its recursion limit), and so does
 * our own stack somewhere past a few thousand (ajv, JSON.stringify). A body is measured before it is
 * parsed, in one pass outside strings, so any depth gets the vendor's 400 instead of a 500.
 */
export const MAX_JSON_DEPTH = 1000

/** The kind of container that first nests deeper than `limit` (`object` or `array`), or undefined. */
export function tooDeep (text: string, limit = MAX_JSON_DEPTH): 'object' | 'array' | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (++depth > limit) return c === 123 ? 'object' : 'array'
    } else if (c === 125 || c === 93) depth--
  }
  return undefined
}
