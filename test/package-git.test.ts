import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { packageRoot } from '../src/paths'
import { checkInstalled, consumerProject, localPrebuildEnv, npm } from './package-consumer'
import { tempDir } from './helpers'

// npm clones, installs the dev dependencies, builds (prepare) and installs: minutes on a busy machine
t.setTimeout(25 * 60_000)

const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: packageRoot, encoding: 'utf8' })

t.test('npm install git+file://…#commit (as npm install github:OWNER/scanstub): prepare builds dist/, and it works', { skip: head.status !== 0 && 'not a git checkout' }, async t => {
  const dir = tempDir(t)
  const project = consumerProject(dir)
  // the committed tree at HEAD: what a push would publish
  const installed = npm(['install', `git+file://${packageRoot}#${head.stdout.trim()}`], project, localPrebuildEnv(dir))
  t.equal(installed.status, 0, `${installed.error ?? ''} ${installed.stderr.slice(-3000)}`)
  const installedRoot = join(project, 'node_modules', 'scanstub')
  t.ok(existsSync(join(installedRoot, 'dist', 'src', 'index.js')), 'prepare built dist/')
  t.notOk(existsSync(join(installedRoot, 'src')), 'the files list applies: no sources')
  t.notOk(existsSync(join(installedRoot, 'test')))
  await checkInstalled(t, project)
})
