import t from 'tap'
import { buildTestApp } from '../../helpers'

// A page that holds every target is read with tenant-wide statements, a part of the list with the page's
// own: both must say the same of each target (its next scan, its last and running scans, its findings).
t.test('GET /targets/: the whole list and its pages of one say the same of each target', async t => {
  const { app, probely } = await buildTestApp(t)
  await app.clocks.advance('default', 0)
  const [first, second] = (await probely({ method: 'GET', url: '/targets/' })).json().results.map((r: { id: string }) => r.id)
  t.equal((await probely({ method: 'POST', url: `/targets/${first}/scan_now/`, payload: {} })).statusCode, 200)
  await app.clocks.advance('default', 24 * 3600 * 1000) // the scan runs to its end and files its findings
  t.equal((await probely({ method: 'POST', url: `/targets/${second}/scan_now/`, payload: {} })).statusCode, 200) // and this one runs

  const whole = await probely({ method: 'GET', url: '/targets/' })
  t.equal(whole.statusCode, 200)
  const listed = whole.json().results
  t.equal(listed.length, 2)
  t.not(listed[0].last_scan, null, 'the first target shows its finished scan')
  t.ok(listed[0].lows + listed[0].mediums + listed[0].highs > 0, 'and counts its open findings')
  t.not(listed[1].running_scan, null, 'the second shows its running scan')
  t.not(listed[0].next_scan, null)
  for (const [page, target] of [[1, listed[0]], [2, listed[1]]] as const) {
    const one = await probely({ method: 'GET', url: `/targets/?length=1&page=${page}` })
    t.equal(one.statusCode, 200)
    t.same(one.json(), { count: 2, page_total: 2, page, length: 1, results: [target] }, `page ${page} of one`)
    t.equal(JSON.stringify(target), (await probely({ method: 'GET', url: `/targets/${target.id}/` })).body, 'as its own GET')
  }
})
