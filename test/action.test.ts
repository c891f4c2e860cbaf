import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import { packageRoot } from '../src/paths'
import { demoFixture, tempDir } from './helpers'

// spawns processes (CLI, tsc, generators): slow when the machine is shared
t.setTimeout(6 * 60_000)

/**
 * The GitHub Action (action.yml): its steps' scripts run here as the runner would run them, with the
 * runner's files (GITHUB_ENV, GITHUB_OUTPUT, RUNNER_TEMP) in a temp folder.
 */
const action = parse(readFileSync(join(packageRoot, 'action.yml'), 'utf8'))
const script = (name: string) => join(packageRoot, 'action', name)

function runner (t: Parameters<typeof tempDir>[0], extra: Record<string, string> = {}) {
  const dir = tempDir(t)
  const files = { RUNNER_TEMP: dir, GITHUB_ENV: join(dir, 'github-env'), GITHUB_OUTPUT: join(dir, 'github-output') }
  writeFileSync(files.GITHUB_ENV, '')
  writeFileSync(files.GITHUB_OUTPUT, '')
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '2', INPUT_PORT: '0', ...files, ...extra }
  const run = (name: string, more: Record<string, string> = {}) => spawnSync('bash', [script(name)], { env: { ...env, ...more }, encoding: 'utf8', timeout: 60_000 })
  // the server start.sh leaves running in the background, stopped when the test ends
  t.teardown(() => {
    const pid = Number(existsSync(join(dir, 'scanstub', 'pid')) ? readFileSync(join(dir, 'scanstub', 'pid'), 'utf8') : 0)
    if (pid) try { process.kill(pid, 'SIGKILL') } catch { /* already gone */ }
  })
  const exported = (file: string) => Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
  return { dir, run, env: () => exported(files.GITHUB_ENV), outputs: () => exported(files.GITHUB_OUTPUT) }
}

t.test('action.yml: a composite action whose steps are the scripts in action/', async t => {
  t.equal(action.runs.using, 'composite')
  t.same(Object.keys(action.inputs), ['port', 'fixture', 'tenant', 'strict', 'log-level'])
  t.same(Object.keys(action.outputs), ['url', 'token', 'tenant'])
  const runs = action.runs.steps.map((s: { run: string }) => s.run)
  t.same(runs, ['"$GITHUB_ACTION_PATH/action/install.sh"', '"$GITHUB_ACTION_PATH/action/start.sh"', '"$GITHUB_ACTION_PATH/action/journal.sh"'])
  t.equal(action.runs.steps[2].if, 'failure()', 'the journal is dumped when a step failed')
  for (const name of ['install.sh', 'start.sh', 'journal.sh']) accessSync(script(name), constants.X_OK)
  const journal = parse(readFileSync(join(packageRoot, 'journal', 'action.yml'), 'utf8'))
  t.equal(journal.runs.steps[0].run, '"$GITHUB_ACTION_PATH/../action/journal.sh"')
})

t.test('install, start with a fixture: SCANSTUB_URL and a token for the run\'s tenant; the journal', async t => {
  const { dir, run, env, outputs } = runner(t)
  const install = run('install.sh')
  t.equal(install.status, 0, install.stderr)
  t.match(install.stdout, /already installed and built/, 'this checkout is built: npm ci is not run again')

  // the fixture: the demo data with one target and its scheduled scans
  const demo = demoFixture()
  const ofTarget = (s: { target: string }) => s.target === demo.probely.targets[0].id
  const fixture = { ...demo, probely: { ...demo.probely, targets: [demo.probely.targets[0]], scheduledScans: demo.probely.scheduledScans.filter(ofTarget), findingTemplates: demo.probely.findingTemplates.filter(ofTarget) } }
  writeFileSync(join(dir, 'fixture.json'), JSON.stringify(fixture))
  const start = run('start.sh', { INPUT_FIXTURE: join(dir, 'fixture.json') })
  t.equal(start.status, 0, start.stderr)
  const exported = env()
  t.match(exported, { SCANSTUB_URL: /^http:\/\/127\.0\.0\.1:\d+$/, SCANSTUB_TENANT: 'run-4242-2', SCANSTUB_TOKEN: /^eyJ/ })
  t.same(outputs(), { url: exported.SCANSTUB_URL, token: exported.SCANSTUB_TOKEN, tenant: 'run-4242-2' })
  t.match(start.stdout, `::add-mask::${exported.SCANSTUB_TOKEN}`, 'the token is masked in the log')
  const claims = JSON.parse(Buffer.from(exported.SCANSTUB_TOKEN.split('.')[1], 'base64url').toString())
  t.equal(claims.tenant, 'run-4242-2')

  const targets = await fetch(`${exported.SCANSTUB_URL}/targets/`, { headers: { authorization: `JWT ${exported.SCANSTUB_TOKEN}` } })
  t.equal(targets.status, 200)
  t.equal(((await targets.json()) as { count: number }).count, 1, 'the run\'s tenant holds the fixture')
  const other = await fetch(`${exported.SCANSTUB_URL}/__admin/fixtures?tenant=default`)
  t.equal(((await other.json()) as { probely: { targets: unknown[] } }).probely.targets.length, demo.probely.targets.length, 'the default tenant keeps the demo data')

  const journal = run('journal.sh')
  t.equal(journal.status, 0)
  t.match(journal.stdout, /::group::scanstub journal of tenant run-4242-2\n\{\n {2}"requests": \[\n[^]*"path": "\/targets\/"/)
})

t.test('a fixture scanstub refuses fails the step with its reason; journal.sh then prints the log', async t => {
  const { dir, run, env } = runner(t, { GITHUB_RUN_ID: '7', INPUT_TENANT: 'my tenant/with odd chars' })
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ neostra: { integrations: [], scans: [{ id: 'x' }] }, probely: { scanProfiles: [], targets: [], scheduledScans: [] } }))
  const start = run('start.sh', { INPUT_FIXTURE: join(dir, 'bad.json') })
  t.equal(start.status, 1)
  t.match(start.stderr, /^::error::scanstub: PUT http:\/\/127\.0\.0\.1:\d+\/__admin\/fixtures\?tenant=my-tenant-with-odd-chars answered 400: /m)
  t.same(env(), {}, 'nothing exported')
  const journal = run('journal.sh')
  t.equal(journal.status, 0)
  t.match(journal.stdout, /::group::scanstub log\n/)
  t.match(journal.stdout, /::group::scanstub journal of tenant my-tenant-with-odd-chars\n[^]*"\/__admin\/fixtures"|"requests": \[/)
})

t.test('a scanstub that cannot start fails the step with its one-line reason', async t => {
  const { run } = runner(t)
  const start = run('start.sh', { INPUT_PORT: 'not-a-port' })
  t.equal(start.status, 1)
  t.match(start.stderr, /::error::scanstub: scanstub exited before it was healthy:\nscanstub: --port "not-a-port" is invalid: must be an integer from 0 to 65535/)
  const journal = run('journal.sh')
  t.equal(journal.status, 0)
  t.match(journal.stdout, /scanstub never came up: no journal/)
})
