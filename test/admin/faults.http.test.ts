import { join } from 'node:path'
import t from 'tap'
import { loadConfig } from '../../src/config'
import { startServer } from '../../src/server'
import { SECRET, tempDir } from '../helpers'

t.test('over real HTTP, a reset fault drops the connection, then the next request is answered', async t => {
  const { app, url } = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE: join(tempDir(t), 'f.db'), JWT_SECRET: SECRET, LOG_LEVEL: 'silent' }))
  t.teardown(() => app.close())
  const headers = { authorization: `Bearer ${app.mintToken({})}` }
  const rule = await fetch(`${url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/api/**', reset: true, times: 1 }) })
  t.equal(rule.status, 201)
  await t.rejects(fetch(`${url}/api/v1/scans`, { headers }), 'connection dropped')
  t.equal((await fetch(`${url}/api/v1/scans`, { headers })).status, 200)
})
