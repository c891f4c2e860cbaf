import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import t from 'tap'

/**
 * The layering the README's architecture section states, checked on the source itself: every import
 * of src/ (type imports too), resolved to a file.
 */
const SRC = resolve(__dirname, '..', 'src')

function filesUnder (dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : []
  })
}

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]|require\(['"](\.{1,2}\/[^'"]+)['"]\)/gm

function resolveImport (from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec)
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try { if (statSync(candidate).isFile()) return candidate } catch {}
  }
  return undefined
}

const graph = new Map<string, string[]>()
for (const file of filesUnder(SRC)) {
  const text = readFileSync(file, 'utf8')
  const targets: string[] = []
  for (const m of text.matchAll(IMPORT)) {
    const target = resolveImport(file, m[1] ?? m[2] ?? m[3])
    if (target) targets.push(target)
  }
  graph.set(file, targets)
}
const rel = (file: string) => relative(SRC, file).split('\\').join('/')

t.test('no import circle anywhere in src/', async t => {
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(' -> '))
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  t.same(cycles, [])
})

/** Folders and what they may not import. */
const RULES: Array<{ from: RegExp, forbidden: RegExp, why: string }> = [
  { from: /^core\//, forbidden: /^(admin|http|vendors|auth)\//, why: 'the core is vendor-free and knows no HTTP route' },
  { from: /^store\//, forbidden: /^(admin|http|vendors|core|auth)\//, why: 'the store is plain SQLite plumbing' },
  { from: /^http\//, forbidden: /^(admin|vendors)\//, why: 'generic HTTP plumbing imports core only' },
  { from: /^admin\//, forbidden: /^vendors\/(?!vendor-module\.ts$)/, why: 'admin routes drive the core and loop over vendor modules' },
  { from: /^(app|openapi|server|health\.routes)\.ts$/, forbidden: /^vendors\/(?!index\.ts$|vendor-module\.ts$)/, why: 'the app loops over the vendor list' },
  { from: /^vendors\/neostra\//, forbidden: /^vendors\/(?!neostra\/|vendor-module\.ts$)/, why: 'a vendor knows no other vendor' },
  { from: /^vendors\/probely\//, forbidden: /^vendors\/(?!probely\/|vendor-module\.ts$)/, why: 'a vendor knows no other vendor' },
  { from: /^vendors\/[^/]+\//, forbidden: /^admin\//, why: 'a vendor plugs its own admin routes in through its module' }
]

t.test('each folder imports only what its layer may', async t => {
  const broken: string[] = []
  for (const [file, targets] of graph) {
    for (const rule of RULES) {
      if (!rule.from.test(rel(file))) continue
      for (const target of targets) if (rule.forbidden.test(rel(target))) broken.push(`${rel(file)} imports ${rel(target)}: ${rule.why}`)
    }
  }
  t.same(broken, [])
})

t.test('only src/vendors/index.ts names every vendor', async t => {
  const naming = [...graph].filter(([file, targets]) =>
    !rel(file).startsWith('vendors/') && targets.some(target => /^vendors\/(neostra|probely)\//.test(rel(target))))
  t.same(naming.map(([file]) => rel(file)), [])
})
