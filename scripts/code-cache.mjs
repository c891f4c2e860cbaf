// Makes the launcher's V8 code cache (see src/launcher.ts): starts `scanstub serve` on an in-memory
// database with SCANSTUB_CODE_CACHE_OUT set, sends what a test suite sends first (a token, both
// vendors' PATCH and GET, a refused token), stops it with SIGTERM, and checks the cache was written.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

const SECRET = 'code-cache-warm-up-secret'

export async function writeCodeCache (command, cachePath) {
  // none of the caller's scanstub settings (SEED_FILE, STRICT, ...): the warm-up runs on the defaults
  const env = { PATH: process.env.PATH, JWT_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', DATABASE: ':memory:', LOG_LEVEL: 'warn' }
  const token = execFileSync(process.execPath, [command, 'token'], { env, encoding: 'utf8' }).trim()
  const server = spawn(process.execPath, [command, 'serve'], { env: { ...env, SCANSTUB_CODE_CACHE_OUT: cachePath }, stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise(resolve => server.once('exit', code => resolve(code)))
  try {
    const url = await new Promise((resolve, reject) => {
      let out = ''
      server.stdout.on('data', d => { out += d; const m = /^(http:\/\/\S+)\n/m.exec(out); if (m) resolve(m[1]) })
      server.once('exit', code => reject(new Error(`code cache: scanstub exited (${code}) before listening`)))
    })
    const call = async (method, path, scheme, body) => {
      const res = await fetch(url + path, {
        method,
        headers: { authorization: `${scheme} ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined
      })
      await res.arrayBuffer()
      return res.status
    }
    for (let i = 0; i < 3; i++) {
      await call('PATCH', '/api/v1/scans/scan-adhoc', 'Bearer', { name: `warm ${i}` })
      await call('GET', '/api/v1/scans/scan-adhoc', 'Bearer')
      await call('PATCH', '/targets/AxtkqTE1AbFd/scheduledscans/Dq7HkZ2vRtYp/', 'JWT', { date_time: '2030-01-01T00:00:00Z', recurrence: 'w' })
      await call('GET', '/targets/AxtkqTE1AbFd/scheduledscans/', 'JWT')
      await call('GET', '/api/v1/scans', 'Bearer x.y.z')
    }
  } finally {
    server.kill('SIGTERM')
  }
  const code = await exited
  if (code !== 0 || !existsSync(cachePath)) throw new Error(`code cache: scanstub exited with ${code} and wrote no ${cachePath}`)
  console.log(`code cache: ${cachePath} (${Math.round(statSync(cachePath).size / 1024)} KiB)`)
}
