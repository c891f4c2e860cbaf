import t from 'tap'
import { join } from 'node:path'
import { buildApp } from '../../src/app'
import { loadConfig } from '../../src/config'
import { createAjv } from '../../src/http/compilers'
import { ALICE, SECRET, type TestContext, tempDir } from '../helpers'

const config = (t: TestContext) => loadConfig({ DATABASE: join(tempDir(t), 's.db'), JWT_SECRET: SECRET, LOG_LEVEL: 'silent' })

t.test('every route schema is a valid JSON Schema: all compiled at once, each checked against the meta-schema', async t => {
  const app = await buildApp(config(t), { logger: false, checkSchemas: true })
  t.teardown(() => app.close())
  await app.ready()
  t.ok(app.hasRoute({ method: 'PATCH', url: '/api/v1/scans/:scanId' }), 'the app started with every validator compiled')
})

t.test('checkSchemas is what catches a schema the meta-schema refuses', async t => {
  const bad = { type: 'object', properties: { name: { type: 'string', minLength: -1 } } }
  t.throws(() => createAjv({ checkSchemas: true }).compile(bad), /schema is invalid: data\/properties\/name\/minLength must be >= 0/)
})

t.test('a validator compiled on first use answers as one compiled at start', async t => {
  const lazy = await buildApp(config(t), { logger: false })
  const eager = await buildApp(config(t), { logger: false, checkSchemas: true })
  t.teardown(() => Promise.all([lazy.close(), eager.close()]))
  const token = lazy.mintToken(ALICE)
  for (const body of [{ name: 42 }, { schedule: 'every day' }, { name: 'fine' }]) {
    const request = { method: 'PATCH' as const, url: '/api/v1/scans/scan-web-nightly', headers: { authorization: `Bearer ${token}` }, payload: body }
    const [a, b] = await Promise.all([lazy.inject(request), eager.inject(request)])
    t.equal(a.statusCode, b.statusCode, JSON.stringify(body))
    t.equal(a.body.replace(/"updatedAt":"[^"]+"/, ''), b.body.replace(/"updatedAt":"[^"]+"/, ''), JSON.stringify(body))
  }
})
