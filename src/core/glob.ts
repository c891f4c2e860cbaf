/**
 * Path globs for journal filters and fault rules: `*` is any run of characters within one path
 * segment, `**` any run across segments, `?` one character (not `/`). `/api/v1/scans/*` matches
 * `/api/v1/scans/scan-adhoc`; `/targets/**` matches every Probely target path.
 *
 * Matched by simulating the glob as a small automaton (the set of glob positions reachable so far),
 * not by a regular expression: a regex with several `.*` backtracks exponentially on a pattern like
 * `/**a**a**a**b`, while this is O(path length x glob length) whatever the input.
 */
export type GlobMatcher = (path: string) => boolean

const enum Kind { Char, One, Star, GlobStar }
interface Token { kind: Kind, char?: string }

function tokens (glob: string): Token[] {
  const out: Token[] = []
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    // Stryker disable next-line ArithmeticOperator: read from its second *, ** is a Star then a GlobStar, which match what a GlobStar does
    if (c === '*' && glob[i + 1] === '*') {
      // Stryker disable next-line ConditionalExpression,StringLiteral: without it *** is a GlobStar then a Star, which match what a GlobStar does
      while (glob[i + 1] === '*') i++ // *** is **
      out.push({ kind: Kind.GlobStar })
    } else if (c === '*') out.push({ kind: Kind.Star })
    else if (c === '?') out.push({ kind: Kind.One })
    else out.push({ kind: Kind.Char, char: c })
  }
  return out
}

export function compileGlob (glob: string): GlobMatcher {
  const toks = tokens(glob)
  const n = toks.length
  // a glob without wildcards is an exact comparison
  // Stryker disable next-line ConditionalExpression,ArrowFunction: a shortcut: the automaton below answers the same
  if (toks.every(t => t.kind === Kind.Char)) return path => path === glob
  return path => {
    let current = new Uint8Array(n + 1)
    let next = new Uint8Array(n + 1)
    // a star may match nothing: a state on a star also stands on the token after it
    const close = (states: Uint8Array) => {
      for (let i = 0; i < n; i++) if (states[i] && (toks[i].kind === Kind.Star || toks[i].kind === Kind.GlobStar)) states[i + 1] = 1
    }
    current[0] = 1
    close(current)
    for (let p = 0; p < path.length; p++) {
      const c = path[p]
      next.fill(0)
      // Stryker disable next-line BooleanLiteral: an early exit: with no state left the rest of the path ends false anyway
      let any = false
      for (let i = 0; i < n; i++) {
        if (!current[i]) continue
        const t = toks[i]
        if (t.kind === Kind.Char) { if (t.char === c) { next[i + 1] = 1; any = true } } else if (t.kind === Kind.One) { if (c !== '/') { next[i + 1] = 1; any = true } } else if (t.kind === Kind.Star) { if (c !== '/') { next[i] = 1; any = true } } else { next[i] = 1; any = true }
      }
      // Stryker disable next-line ConditionalExpression: the same early exit
      if (!any) return false
      close(next)
      const swap = current; current = next; next = swap
    }
    return current[n] === 1
  }
}
