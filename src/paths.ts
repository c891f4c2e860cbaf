import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** The folder holding scanstub's package.json, whether running from src/ (tests) or dist/src/ (built). */
function findPackageRoot (start: string): string {
  let dir = start
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`scanstub: no package.json above ${start}`)
    dir = parent
  }
  return dir
}

export const packageRoot = findPackageRoot(__dirname)
export const migrationsDir = join(packageRoot, 'migrations')
export const demoFixturePath = join(packageRoot, 'fixtures', 'demo.json')
