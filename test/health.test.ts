import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { buildTestApp, SECRET, tempDir } from './helpers'

const health = async (app: FastifyInstance) => {
  const res = await app.inject({ method: 'GET', url: '/health' })
  return [res.statusCode, res.json()]
}

t.test('/health is 503 with the reason when the database cannot take a write', async t => {
  // every call probes (the default is at most once a second)
  const app = await buildApp(loadConfig({ DATABASE: join(tempDir(t), 'h.db'), JWT_SECRET: SECRET, LOG_LEVEL: 'silent' }), { logger: false, healthProbeEveryMs: 0 })
  t.teardown(() => app.close())
  t.same(await health(app), [200, { status: 'ok', database: 'ok' }])
  // a disk that refuses writes, as SQLite reports it (a trigger stands in for the full disk)
  app.store.db.exec('CREATE TEMP TRIGGER full_disk BEFORE UPDATE ON health_probe BEGIN SELECT RAISE(ABORT, \'database or disk is full\'); END')
  t.same(await health(app), [503, { status: 'unavailable', database: 'the database cannot take a write: database or disk is full' }])
  t.same(await app.inject({ method: 'GET', url: '/__admin/health' }).then(r => r.statusCode), 503, 'the admin health says the same')
  app.store.db.exec('DROP TRIGGER full_disk')
  t.same(await health(app), [200, { status: 'ok', database: 'ok' }], 'and recovers')
})

t.test('/health is 503 when the file is deleted or replaced under the server', async t => {
  const deleted = await buildTestApp(t)
  rmSync(deleted.database)
  t.same(await health(deleted.app), [503, { status: 'unavailable', database: `the database file ${deleted.database} was deleted under the server` }])

  const replaced = await buildTestApp(t)
  renameSync(replaced.database, `${replaced.database}.old`)
  writeFileSync(replaced.database, '')
  t.same(await health(replaced.app), [503, { status: 'unavailable', database: `the database file ${replaced.database} was replaced under the server` }])
})
