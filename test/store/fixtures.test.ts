import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { Type } from '@sinclair/typebox'
import { FixtureProblems, isRecord } from '../../src/store/fixture-errors'
import { FixtureError } from '../../src/store/fixtures'
import { normalizeFixture, readFixtureFile } from '../../src/vendors/index'
import { demoFixturePath } from '../../src/paths'
import { buildTestApp, demoFixture, tempDir } from '../helpers'

const minimal = () => ({
  neostra: { integrations: [{ id: 'i1', name: 'One' }], scans: [{ id: 's1', name: 'Scan', integrationId: 'i1' }] },
  probely: {
    scanProfiles: [{ id: 'normal', name: 'Normal' }],
    targets: [{ id: 'T1', name: 'Target', site: { url: 'https://t.example' } }],
    scheduledScans: [{ id: 'S1', target: 'T1', date_time: '2030-01-01T10:00:00+01:00' }]
  }
})

t.test('the demo fixture is valid and has what the README promises', async t => {
  const demo = readFixtureFile(demoFixturePath)
  t.ok(demo.neostra.integrations.length >= 2)
  t.ok(demo.neostra.scans.length >= 3)
  t.equal(demo.probely.targets.length, 2)
  t.equal(demo.probely.scheduledScans.length, 3)
  t.equal(demo.probely.scanProfiles.length, 2)
})

t.test('left-out fields take the vendor\'s defaults', async t => {
  const f = normalizeFixture(minimal(), '2024-01-01T00:00:00.000Z')
  t.match(f.neostra.scans[0], { description: '', schedule: null, config: {}, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' })
  t.match(f.neostra.integrations[0], { type: 'POSTGRESQL', assets: [] })
  const target = f.probely.targets[0]
  t.match(target, { name: 'Target', type: 'single', labels: [], scanning_agent: null, next_scan: undefined })
  t.match(target.site, { id: 'T1', name: 'Target', url: 'https://t.example', has_form_login: false, otp_algorithm: 'SHA1', otp_digits: 6, verification_method: null })
  t.match(f.probely.scheduledScans[0], { date_time: '2030-01-01T09:00:00.000000Z', recurrence: '', timezone: 'UTC', week_index: null, scan_profile: null, unlimited: '' })
})

t.test('a fixture breaking a rule is refused whole, naming each record', async t => {
  const cases: [(f: any) => void, string][] = [
    [f => { f.neostra.scans[0].integrationId = 'nope' }, 'neostra.scans[0] (id "s1"): integrationId "nope" names no integration of the fixture'],
    [f => { f.neostra.scans.push({ ...f.neostra.scans[0] }) }, 'neostra.scans[1] (id "s1"): duplicate id'],
    [f => { f.neostra.scans[0].schedule = 'whenever' }, 'neostra.scans[0] (id "s1"): /schedule must match format "cron"'],
    [f => { f.probely.scheduledScans[0].target = 'T9' }, 'probely.scheduledScans[0] (id "S1"): target "T9" names no target of the fixture'],
    [f => { f.probely.scheduledScans[0].recurrence = 'x' }, 'probely.scheduledScans[0] (id "S1"): /recurrence must be equal to one of the allowed values'],
    [f => { f.probely.scheduledScans[0].timezone = 'Mars/Base' }, 'probely.scheduledScans[0] (id "S1"): timezone "Mars/Base" is not an IANA time zone'],
    [f => { f.probely.scheduledScans[0].run_on_day_of_week = true }, 'probely.scheduledScans[0] (id "S1"): Run on day of week is only available for monthly or quarterly recurrence.'],
    [f => { f.probely.targets[0].id = 'O0Il' }, 'probely.targets[0] (id "O0Il"): id must be Base58'],
    [f => { f.probely.scheduledScans[0].scan_profile = 'nope' }, 'probely.scheduledScans[0] (id "S1"): scan_profile "nope" names no scan profile of the fixture'],
    [f => { f.extra = 1 }, 'fixture: unknown key "extra"']
  ]
  for (const [breakIt, problem] of cases) {
    const f = minimal() as any
    breakIt(f)
    t.throws(() => normalizeFixture(f), new FixtureError([problem]), problem)
  }
  t.throws(() => normalizeFixture([]), { message: 'scanstub: fixture refused: fixture: must be a JSON object with "neostra" and "probely"' })
})

t.test('SEED_FILE is what a new tenant starts from', async t => {
  const seed = join(tempDir(t), 'seed.json')
  writeFileSync(seed, JSON.stringify(minimal()))
  const { neostra, probely } = await buildTestApp(t, { SEED_FILE: seed })
  const scans = (await neostra({ method: 'GET', url: '/api/v1/scans' })).json().data
  t.same(scans.map((s: { id: string }) => s.id), ['s1'])
  const ss = (await probely({ method: 'GET', url: '/targets/T1/scheduledscans/S1/' })).json()
  t.equal(ss.date_time, '2030-01-01T09:00:00Z')
})

t.test('the demo fixture exported from the store is the fixture that was loaded', async t => {
  const { app } = await buildTestApp(t)
  const exported = app.tenants.exportFixture('default')
  t.same(exported, demoFixture())
})

t.test('FixtureProblems: every error of a record, the first three of them; the record itself named "(record)"; a trusted fixture is not checked', async t => {
  const schema = Type.Object({ id: Type.String(), a: Type.Integer(), b: Type.Integer(), c: Type.Integer(), d: Type.Integer() })
  const problems = new FixtureProblems()
  t.equal(problems.check('x[0]', schema, { id: 'r', a: 'one', b: 2, c: 3, d: 4 }), false, 'a bad record: false')
  t.same(problems.list, ['x[0]: /a must be integer'])
  const all = new FixtureProblems()
  t.equal(all.check('x[1]', schema, { id: 'r', a: 'one', b: 'two', c: 'three', d: 'four' }), false)
  t.same(all.list, ['x[1]: /a must be integer', 'x[1]: /b must be integer', 'x[1]: /c must be integer'], 'every error, at most three')
  const root = new FixtureProblems()
  root.check('x[2]', schema, { a: 1, b: 2, c: 3, d: 4 })
  t.same(root.list, ["x[2]: (record) must have required property 'id'"])
  const good = new FixtureProblems()
  t.equal(good.check('x[3]', schema, { id: 'r', a: 1, b: 2, c: 3, d: 4 }), true)
  t.same(good.list, [])
  const trusted = new FixtureProblems(true)
  t.equal(trusted.check('x[4]', schema, { a: 'not checked' }), true, 'trusted (the shipped demo): taken as it is')
  t.same(trusted.list, [])

  const error = new FixtureError(['one: bad', 'two: worse'])
  t.equal(error.message, 'scanstub: fixture refused: one: bad; two: worse')
  t.same(error.problems, ['one: bad', 'two: worse'])
})

t.test('isRecord: a JSON object only', async t => {
  t.same([{}, { a: 1 }].map(isRecord), [true, true])
  t.same([null, [], [1], 'x', 1, true, undefined].map(isRecord), [false, false, false, false, false, false, false])
})

t.test('a fixture file that is no JSON, or breaks a rule, is refused naming the file', async t => {
  const problemsOf = (path: string) => {
    try { readFixtureFile(path) } catch (err) { return err instanceof FixtureError ? err.problems : [`not a FixtureError: ${String(err)}`] }
    return []
  }
  const dir = tempDir(t)
  const notJson = join(dir, 'not.json')
  writeFileSync(notJson, '{"neostra": ')
  t.match(problemsOf(notJson), [new RegExp(`^${notJson}: .*JSON`)])
  t.equal(problemsOf(notJson).length, 1)
  const missing = join(dir, 'missing.json')
  t.match(problemsOf(missing), [new RegExp(`^${missing}: ENOENT`)])
  const broken = join(dir, 'broken.json')
  const f = minimal()
  f.neostra.scans[0].integrationId = 'nope'
  writeFileSync(broken, JSON.stringify({ ...f, extra: 1 }))
  t.same(problemsOf(broken), [
    `${broken}: fixture: unknown key "extra"`,
    `${broken}: neostra.scans[0] (id "s1"): integrationId "nope" names no integration of the fixture`
  ])
})
