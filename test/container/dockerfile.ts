import { readFileSync } from 'node:fs'

/** One instruction of a Dockerfile, continuation lines joined. */
export interface Instruction { keyword: string, args: string, stage: string }

/** Reads a Dockerfile into instructions, each tagged with the stage (its `AS` name) it belongs to. */
export function parseDockerfile (path: string): Instruction[] {
  const text = readFileSync(path, 'utf8').replace(/\\\r?\n/g, ' ')
  const out: Instruction[] = []
  let stage = ''
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const m = /^(\w+)\s+([\s\S]*)$/.exec(line)
    if (!m) continue
    const keyword = m[1].toUpperCase()
    const args = m[2].replace(/\s+/g, ' ').trim()
    if (keyword === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? args
    out.push({ keyword, args, stage })
  }
  return out
}

/** `["node", "x.js"]` (exec form) as an argv. */
export function execForm (args: string): string[] {
  const json = args.replace(/^CMD\s+/i, '')
  const argv = JSON.parse(json)
  if (!Array.isArray(argv)) throw new Error(`not exec form: ${args}`)
  return argv
}

/** `ENV A=1 B=2` as an object. */
export function envOf (args: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '')
  return env
}

/** `COPY [--from=x] src... dest` */
export function copyOf (args: string): { from?: string, sources: string[], dest: string } {
  const parts = args.split(' ')
  const from = parts[0].startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined
  const dest = parts.pop()!
  return { from, sources: parts, dest }
}
