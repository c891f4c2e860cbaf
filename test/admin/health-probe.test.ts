import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app'
import { loadConfig } from '../../src/config'
import { SECRET, tempDir } from '../helpers'

// The admin health takes the probe interval the app was built with, as /health does: with 0 every call
// probes, so a disk that stops taking writes shows at the next call, not after a second of the last answer.
t.test('the admin health probes as often as the app says (0: every call)', async t => {
  const app = await buildApp(loadConfig({ DATABASE: join(tempDir(t), 'h.db'), JWT_SECRET: SECRET, LOG_LEVEL: 'silent' }), { logger: false, healthProbeEveryMs: 0 })
  t.teardown(() => app.close())
  const adminHealth = async () => {
    const res = await app.inject({ method: 'GET', url: '/__admin/health' })
    return [res.statusCode, res.json()]
  }
  t.same(await adminHealth(), [200, { status: 'ok', database: 'ok' }])
  app.store.db.exec('CREATE TEMP TRIGGER full_disk BEFORE UPDATE ON health_probe BEGIN SELECT RAISE(ABORT, \'database or disk is full\'); END')
  t.same(await adminHealth(), [503, { status: 'unavailable', database: 'the database cannot take a write: database or disk is full' }],
    'the next call sees it: no answer kept from the call before')
  app.store.db.exec('DROP TRIGGER full_disk')
  t.same(await adminHealth(), [200, { status: 'ok', database: 'ok' }], 'and the one after sees it gone')
})
