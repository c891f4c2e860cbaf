/**
 * Path globs for journal filters and fault rules: `*` is any run of characters within one path
 * segment, `**` any run across segments, `?` one character. `/api/v1/scans/*` matches
 * `/api/v1/scans/scan-adhoc`; `/targets/**` matches every Probely target path.
 */
export function globToRegExp (glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === '*' && glob[i + 1] === '*') { source += '.*'; i++ } else if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}
