/**
 * The message Python's `json.loads` gives for a body that is not valid JSON, which DRF puts after
 * "JSON parse error - ". Only called once JSON.parse has failed: it finds the first error as Python's
 * scanner would and words it the same way, e.g. "Expecting ',' delimiter: line 1 column 10 (char 9)".
 */
export function pythonJsonError (text: string): string {
  let i = 0
  const at = (pos: number) => {
    const before = text.slice(0, pos)
    const line = before.split('\n').length
    const column = pos - (before.lastIndexOf('\n') + 1) + 1
    return `line ${line} column ${column} (char ${pos})`
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
    for (const word of ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity']) {
      if (text.startsWith(word, i)) { i += word.length; return }
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
