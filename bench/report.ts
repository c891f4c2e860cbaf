export interface Row {
  name: string
  route: string
  rps: number
  p50: number
  p99: number
  non2xx: number
  peakRssMb: number
  ratio: number
}

export interface ColdStart {
  ceilingMs: number
  scanstubMs: number
  ratio: number
  /** every pair, ceiling first, in ms */
  pairs: [number, number][]
  idleRssMb: number
}

/** The bench's table, as Markdown (it reads as plain text too). */
export function renderTable (rows: Row[], cold: ColdStart, meta: string): string {
  const lines = [
    '| server | route | requests/s | p50 ms | p99 ms | non-2xx | peak RSS MB | ratio to ceiling |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(r => `| ${r.name} | ${r.route} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.peakRssMb} | ${r.ratio} |`),
    '',
    '| cold start (spawn to first 200 on a PATCH) | ms |',
    '|---|---:|',
    `| ceiling (bare Fastify) | ${cold.ceilingMs} |`,
    `| scanstub (built JavaScript, \`node dist/scanstub.js serve\`) | ${cold.scanstubMs} |`,
    `| ratio | ${cold.ratio} |`,
    '',
    `Cold start pairs, ceiling / scanstub ms: ${cold.pairs.map(([c, s]) => `${c} / ${s}`).join(', ')}.`,
    '',
    `Idle RSS of scanstub: ${cold.idleRssMb} MB.`,
    '',
    `(${meta})`
  ]
  return lines.join('\n')
}

/** A bar chart of requests/s per route, scanstub beside its ceiling, as SVG. */
export function renderChart (rows: Row[]): string {
  const routes = [...new Set(rows.map(r => r.route))]
  const max = Math.max(...rows.map(r => r.rps), 1)
  const width = 640
  const barHeight = 22
  const left = 200
  const scale = (width - left - 90) / max
  let y = 40
  const parts: string[] = []
  for (const route of routes) {
    parts.push(`<text x="10" y="${y + 14}" font-weight="bold">${route}</text>`)
    y += 24
    for (const r of rows.filter(x => x.route === route)) {
      const w = Math.max(1, Math.round(r.rps * scale))
      const colour = r.name === 'ceiling' ? '#9aa5b1' : '#2f80ed'
      parts.push(`<text x="20" y="${y + 15}">${r.name}</text>`,
        `<rect x="${left}" y="${y}" width="${w}" height="${barHeight}" fill="${colour}"/>`,
        `<text x="${left + w + 6}" y="${y + 15}">${r.rps}/s</text>`)
      y += barHeight + 6
    }
    y += 10
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="sans-serif" font-size="13">` +
    `<rect width="100%" height="100%" fill="white"/><text x="10" y="22" font-size="15">PATCH requests per second (higher is better)</text>${parts.join('')}</svg>\n`
}
