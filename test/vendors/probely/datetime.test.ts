import t from 'tap'
import { parseAnyDrfDateTime, parseDrfDateTime, renderDrfDateTime } from '../../../src/vendors/probely/datetime'

// parseDrfDateTime reads the `...Z` form clients send most on a short path; it must agree with the
// general reading of parse_datetime on every such input, valid or not.
t.test('the canonical path agrees with the general one on every date, edge and fraction', async t => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  let checked = 0
  const disagreements: string[] = []
  for (const year of [0, 1, 4, 99, 100, 1900, 2000, 2023, 2024, 2100, 9999]) {
    for (let month = 0; month <= 13; month++) {
      for (let day = 0; day <= 32; day++) {
        for (const [h, mi, s] of [[0, 0, 0], [23, 59, 59], [24, 0, 0], [12, 60, 0], [12, 0, 60]]) {
          for (const fraction of ['', '.5', '.123456', '.1234567', '.']) {
            const input = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction}Z`
            if (parseDrfDateTime(input) !== parseAnyDrfDateTime(input)) disagreements.push(input)
            checked++
          }
        }
      }
    }
  }
  t.same(disagreements.slice(0, 10), [], `${checked} inputs`)
  t.ok(checked > 100_000)
})

t.test('what the canonical path gives, and what it leaves to the general one', async t => {
  t.equal(parseDrfDateTime('2030-01-01T00:00:00.000Z'), '2030-01-01T00:00:00.000000Z')
  t.equal(parseDrfDateTime('2024-02-29T23:59:59.5Z'), '2024-02-29T23:59:59.500000Z')
  t.equal(parseDrfDateTime('2023-02-29T00:00:00Z'), null, 'no 29 February in a common year')
  t.equal(parseDrfDateTime('1900-02-29T00:00:00Z'), null, 'nor in a century that is not a 400th')
  t.equal(parseDrfDateTime('2031-03-04T05:06:07+05:00'), '2031-03-04T00:06:07.000000Z', 'offsets go the long way')
  t.equal(parseDrfDateTime('2031-03-04T05:06:07.1234567Z'), '2031-03-04T05:06:07.123456Z', 'Python keeps six digits')
  t.equal(renderDrfDateTime(parseDrfDateTime('2030-01-01T00:00:00.000Z')!), '2030-01-01T00:00:00Z')
})
