import t from 'tap'
import { KeptRecords } from '../../src/store/kept-records'
import { buildTestApp } from '../helpers'

// the hot path shares kept records between answers: nobody may change one in place
t.test('a kept record is frozen to the bottom', async t => {
  const kept = new KeptRecords<{ name: string, nested: { list: number[] } }>(10)
  kept.keep('t', 'a', { name: 'x', nested: { list: [1] } })
  const record = kept.get('t', 'a')!
  t.throws(() => { record.name = 'y' }, TypeError)
  t.throws(() => { record.nested.list.push(2) }, TypeError)
  t.same(kept.get('t', 'a'), { name: 'x', nested: { list: [1] } })
})

t.test('the targets and scheduled scans the repos keep are frozen, and answers stay right', async t => {
  const { app, probely } = await buildTestApp(t)
  const res = await probely({ method: 'GET', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/' })
  t.equal(res.statusCode, 200)
  const target = app.store.targets.getStored('default', 'AxtkqTE1AbFd')!
  t.ok(Object.isFrozen(target) && Object.isFrozen(target.site), 'a parsed target is shared, so frozen')
  const scan = app.store.scheduledScans.get('default', 'AxtkqTE1AbFd', 'Dq7HkZ2vRtYp')!
  t.ok(Object.isFrozen(scan), 'a kept scheduled scan too')
  const patched = await probely({ method: 'PATCH', url: '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp', payload: { recurrence: 'd' } })
  t.same([patched.statusCode, patched.json().recurrence], [200, 'd'], 'a PATCH copies, never changes the kept one')
  t.equal(scan.recurrence, 'w', 'the record other answers held is untouched')
})
