/**
 * The message Python's `json.loads` gives for a body that is not valid JSON, which DRF puts after
 * "JSON parse error - ". Only called once JSON.parse has failed: it finds the first error as Python's
 * scanner would and words it the same way, e.g. "Expecting ',' delimiter: line 1 column 10 (char 9)".
 */
export function pythonJsonError (text: string): string {
  let i = 0
  // Python indexes a str by code point, JavaScript by UTF-16 unit
  const at = (pos: number) => {
    const before = [...text.slice(0, pos)]
    const lastNewline = before.lastIndexOf('\n')
    const line = before.filter(c => c === '\n').length + 1
    return `line ${line} column ${before.length - lastNewline} (char ${before.length})`
  }
  class Fail { constructor (readonly message: string) {} }
  const fail = (what: string, pos: number): never => { throw new Fail(`${what}: ${at(pos)}`) }
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++ }

  const string = () => {
    const start = i++
    while (true) {
      if (i >= text.length) fail('Unterminated string starting at', start)
      const c = text[i]
      if (c === '"') { i++; return }
      if (c < ' ') fail('Invalid control character at', i)
      if (c === '\\') {
        const e = text[i + 1]
        if (e === undefined) fail('Unterminated string starting at', start)
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('Invalid \\uXXXX escape', i + 1)
          i += 6
        } else if ('"\\/bfnrt'.includes(e)) i += 2
        else fail('Invalid \\escape', i)
      } else i++
    }
  }

  const value = (): void => {
    const c = text[i]
    if (c === '"') return string()
    if (c === '{') {
      i++; ws()
      if (text[i] === '}') { i++; return }
      while (true) {
        if (text[i] !== '"') fail('Expecting property name enclosed in double quotes', i)
        string(); ws()
        if (text[i] !== ':') fail("Expecting ':' delimiter", i)
        i++; ws(); value(); ws()
        if (text[i] === '}') { i++; return }
        if (text[i] !== ',') fail("Expecting ',' delimiter", i)
        i++; ws()
      }
    }
    if (c === '[') {
      i++; ws()
      if (text[i] === ']') { i++; return }
      while (true) {
        value(); ws()
        if (text[i] === ']') { i++; return }
        if (text[i] !== ',') fail("Expecting ',' delimiter", i)
        i++; ws()
      }
    }
    for (const word of ['null', 'true', 'false']) {
      if (text.startsWith(word, i)) { i += word.length; return }
    }
    // DRF's strict JSON: Python's scanner reads them, then parse_constant refuses them
    for (const word of ['NaN', 'Infinity', '-Infinity']) {
      if (text.startsWith(word, i)) throw new Fail(`Out of range float values are not JSON compliant: '${word}'`)
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(text.slice(i))
    if (number) { i += number[0].length; return }
    fail('Expecting value', i)
  }

  try {
    ws(); value(); ws()
    if (i < text.length) fail('Extra data', i)
    return `Expecting value: ${at(0)}`
  } catch (err) {
    if (err instanceof Fail) return err.message
    throw err
  }
}

/**
 * A JSON number written with a fraction or an exponent: Python reads it as a float (`3.0` is not the
 * int 3, and prints as "3.0"), JavaScript cannot tell. Kept boxed so DRF's fields can tell; as JSON,
 * the number again.
 */
export class PyFloat {
  constructor (readonly value: number) {}
  toJSON (): number { return this.value }
  toString (): string { return pyFloatRepr(this.value) }
}

/** Python's repr() of a float: the shortest digits, `.0` on whole numbers, exponents past 1e16 and below 1e-4. */
export function pyFloatRepr (n: number): string {
  if (Number.isNaN(n)) return 'nan'
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0'
  const [mantissa, e] = n.toExponential().split('e')
  const exponent = Number(e)
  if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
  const digits = mantissa.replace(/[-.]/g, '').length
  const fixed = n.toFixed(Math.max(0, digits - 1 - exponent))
  return fixed.includes('.') ? fixed : `${fixed}.0`
}

const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g
const FLOAT_MARK = '\u0000scanstub.pyfloat' // as the key reads once parsed
const FLOAT_KEY_JSON = '"\\u0000scanstub.pyfloat"' // as it is written in the marked text

/**
 * `text` is valid JSON (JSON.parse took it): the same value, with the numbers written with a fraction or
 * an exponent as PyFloats. Only bodies that may hold such a number pay for it.
 */
export function withPythonFloats (text: string, parse: (text: string, reviver: (key: string, value: unknown) => unknown) => unknown): unknown {
  const marked = text.replace(TOKENS, token => token[0] === '"' || !/[.eE]/.test(token) ? token : `{${FLOAT_KEY_JSON}:${token}}`)
  return parse(marked, (_key, value) =>
    value !== null && typeof value === 'object' && Object.hasOwn(value, FLOAT_MARK) ? new PyFloat((value as Record<string, number>)[FLOAT_MARK]) : value)
}

/** The charsets Python knows by these names (codecs.lookup); others go to the WHATWG decoder, unknown ones are utf-8 as Django ignores them. */
const PYTHON_CODECS: Record<string, 'utf8' | 'latin1' | 'ascii' | 'utf16' | 'utf16le' | 'utf16be'> = {
  utf_8: 'utf8', utf8: 'utf8', u8: 'utf8', utf: 'utf8', cp65001: 'utf8',
  latin_1: 'latin1', latin1: 'latin1', iso_8859_1: 'latin1', iso8859_1: 'latin1', 8859: 'latin1', cp819: 'latin1', latin: 'latin1', l1: 'latin1',
  ascii: 'ascii', us_ascii: 'ascii', 646: 'ascii',
  utf_16: 'utf16', utf16: 'utf16', u16: 'utf16', utf_16_le: 'utf16le', utf_16le: 'utf16le', utf_16_be: 'utf16be', utf_16be: 'utf16be'
}

/** Python's words for bytes its codec refuses. */
class DecodeError extends Error {}

function decodeUtf8 (bytes: Buffer): string {
  const text = bytes.toString('utf8')
  if (!text.includes('\ufffd') || Buffer.from(text, 'utf8').equals(bytes)) return text
  // find the first bad sequence as CPython's decoder does
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    const bad = (why: string) => new DecodeError(`'utf-8' codec can't decode byte 0x${b.toString(16).padStart(2, '0')} in position ${i}: ${why}`)
    if (need < 0) throw bad('invalid start byte')
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined) throw bad('unexpected end of data')
      const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80
      const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf
      if (c < lo || c > hi) throw bad('invalid continuation byte')
    }
    i += need + 1
  }
  return text
}

function decode (bytes: Buffer, charset: string | undefined): string {
  const name = (charset ?? '').trim().replace(/^"(.*)"$/, '$1').toLowerCase().replace(/[-\s]/g, '_')
  const codec = PYTHON_CODECS[name]
  switch (codec) {
    case undefined: break
    case 'utf8': return decodeUtf8(bytes)
    case 'latin1': return bytes.toString('latin1')
    case 'ascii': {
      const i = bytes.findIndex(b => b > 0x7f)
      if (i >= 0) throw new DecodeError(`'ascii' codec can't decode byte 0x${bytes[i].toString(16)} in position ${i}: ordinal not in range(128)`)
      return bytes.toString('latin1')
    }
    case 'utf16': {
      const be = bytes[0] === 0xfe && bytes[1] === 0xff
      return new TextDecoder(be ? 'utf-16be' : 'utf-16le').decode(bytes)
    }
    case 'utf16le': return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes)
    case 'utf16be': return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes)
  }
  if (name !== '') {
    try {
      return new TextDecoder(name.replace(/_/g, '-'), { ignoreBOM: true }).decode(bytes)
    } catch {} // a charset neither knows: Django ignores it
  }
  return decodeUtf8(bytes)
}

/**
 * A JSON body as DRF's JSONParser reads it: decoded with the request's charset (utf-8 when it names none
 * Python knows), then Python's json.load, strict about NaN. Throws an Error whose message is what DRF puts
 * after "JSON parse error - ".
 */
export function readPythonJson (bytes: Buffer, charset: string | undefined, parse: (text: string, reviver?: (key: string, value: unknown) => unknown) => unknown): unknown {
  let text: string
  try {
    text = decode(bytes, charset)
  } catch (err) {
    if (err instanceof DecodeError) throw new Error(err.message)
    throw err
  }
  if (text.startsWith('\ufeff')) throw new Error('Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)')
  let value: unknown
  try {
    value = parse(text)
  } catch {
    throw new Error(pythonJsonError(text))
  }
  if (value === null) return JSON_NULL
  return hasFloatNumber(text) ? withPythonFloats(text, parse) : value
}

const STRING_OR_FLOAT_START = /"(?:[^"\\]|\\.)*"|\d[.eE]/g

/**
 * Whether valid JSON `text` has a number with a fraction or an exponent, outside its strings: a date in a
 * string ("…T00:01:00.000Z") is no float, and taking it for one cost every such PATCH a second parse and a
 * rewrite of its text (about a tenth of the scheduled-scan PATCH's CPU in a profile of `npm run bench`).
 */
function hasFloatNumber (text: string): boolean {
  if (!/\d[.eE]/.test(text)) return false
  for (const [token] of text.matchAll(STRING_OR_FLOAT_START)) if (token[0] !== '"') return true
  return false
}

/** A body that is the JSON `null`, told apart from no body at all (DRF: "No data provided" against a no-op) */
export class JsonNull { toJSON (): null { return null } }
export const JSON_NULL = new JsonNull()
