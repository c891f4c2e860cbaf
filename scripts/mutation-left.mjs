// What a mutation run left: each surviving or uncovered mutant with its line, then the count of each
// status. `node scripts/mutation-left.mjs [report]` (default: reports/mutation/mutation.json, Stryker's
// JSON report of the last run).
import { readFileSync } from 'node:fs'

const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'))
const counts = {}
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  const lines = source.split('\n')
  for (const m of mutants) {
    counts[m.status] = (counts[m.status] ?? 0) + 1
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue
    const { line, column } = m.location.start
    console.log(`${m.status} ${file}:${line}:${column} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '').slice(0, 60)} | ${lines[line - 1].trim().slice(0, 110)}`)
  }
}
console.log(counts)
