import t from 'tap'
import { buildTestApp } from '../../helpers'

// A list read again is served from the kept records and their kept JSON: each write in between (the
// scan's PATCH, its target's, a new scan, a deleted one) must show in the next list, whether the page
// fits in the kept records (KEPT_RECORDS default) or not (2: read from SQLite each time).
const settings: Array<Record<string, string>> = [{}, { KEPT_RECORDS: '2' }, { KEPT_PAGES_MB: '0' }]
for (const env of settings) {
  t.test(`GET /scheduledscans/ read again after writes shows each write (${JSON.stringify(env)})`, async t => {
    const { probely } = await buildTestApp(t, env)
    const list = async (url = '/scheduledscans/') => {
      const res = await probely({ method: 'GET', url })
      t.equal(res.statusCode, 200)
      const results = res.json().results as Array<{ id: string, target: { id: string } }>
      for (const s of results) {
        const one = await probely({ method: 'GET', url: `/targets/${s.target.id}/scheduledscans/${s.id}/` })
        t.equal(JSON.stringify(s), one.body, `${s.id} listed as its own GET answers it`)
      }
      return results as any[]
    }
    const first = await list()
    t.equal(first.length, 3)
    t.same(await list(), first, 'read again, nothing changed')

    const [a, b] = first
    t.equal((await probely({ method: 'PATCH', url: `/targets/${a.target.id}/scheduledscans/${a.id}/`, payload: { recurrence: 'h' } })).statusCode, 200)
    const afterPatch = await list()
    t.equal(afterPatch[0].recurrence, 'h', 'the scan\'s PATCH shows')

    t.equal((await probely({ method: 'PATCH', url: `/targets/${b.target.id}/`, payload: { site: { name: 'renamed target' } } })).statusCode, 200)
    const afterTarget = await list()
    t.equal(afterTarget[1].target.site.name, 'renamed target', 'its target\'s PATCH shows')

    const made = await probely({ method: 'POST', url: `/targets/${a.target.id}/scheduledscans/`, payload: { date_time: '2031-01-01T00:00:00Z', recurrence: 'd' } })
    t.equal(made.statusCode, 201)
    const afterPost = await list()
    t.same(afterPost.map(s => s.id), [...first.map(s => s.id), made.json().id], 'a new scan listed last')

    t.equal((await probely({ method: 'DELETE', url: `/targets/${a.target.id}/scheduledscans/${a.id}/` })).statusCode, 204)
    t.same((await list()).map(s => s.id), afterPost.slice(1).map(s => s.id), 'a deleted one gone')
    t.same((await list(`/targets/${a.target.id}/scheduledscans/`)).map(s => s.id), afterPost.filter(s => s.target.id === a.target.id && s.id !== a.id).map(s => s.id),
      'a target\'s own list too')
  })
}
