// The action's HTTP calls, with Node's own fetch (the action needs nothing but Node):
//   wait STATE_DIR [SECONDS]   the URL scanstub printed first, once GET /health answers 200
//   fixture URL TENANT FILE    PUT the fixture into the tenant (the admin API)
//   token URL TENANT           a JWT for the tenant (POST /__admin/tokens)
//   journal URL TENANT LIMIT   the tenant's journal, newest first
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const [command, ...args] = process.argv.slice(2)
const fail = message => { process.stderr.write(`::error::scanstub: ${message}\n`); process.exit(1) }

async function call (method, url, body) {
  const res = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) })
  const text = await res.text()
  if (!res.ok) fail(`${method} ${url} answered ${res.status}: ${text.slice(0, 2000)}`)
  return JSON.parse(text)
}

const read = path => { try { return readFileSync(path, 'utf8') } catch { return '' } }
const alive = pid => { try { process.kill(pid, 0); return true } catch { return false } }

/** Polls, bounded: scanstub writes its URL as the first line of stdout once it listens. */
async function wait (state, seconds = '30') {
  const deadline = Date.now() + Number(seconds) * 1000
  const pid = Number(read(join(state, 'pid')))
  while (Date.now() < deadline) {
    const first = read(join(state, 'stdout.log')).split('\n')[0]
    if (/^http:\/\/\S+$/.test(first)) {
      const healthy = await fetch(`${first}/health`, { signal: AbortSignal.timeout(2000) }).then(r => r.status === 200, () => false)
      if (healthy) return first
    }
    if (!alive(pid)) fail(`scanstub exited before it was healthy:\n${read(join(state, 'stderr.log'))}`)
    await sleep(100)
  }
  fail(`not healthy after ${seconds} s:\n${read(join(state, 'stderr.log'))}`)
}

switch (command) {
  case 'wait':
    process.stdout.write(await wait(args[0], args[1]))
    break
  case 'fixture': {
    const [url, tenant, file] = args
    let body
    try { body = readFileSync(file, 'utf8') } catch (err) { fail(`fixture ${file}: ${err.code ?? err.message}`) }
    const loaded = await call('PUT', `${url}/__admin/fixtures?tenant=${encodeURIComponent(tenant)}`, body)
    process.stderr.write(`scanstub: fixture ${file} loaded into tenant ${tenant}: ${JSON.stringify(loaded.loaded ?? loaded)}\n`)
    break
  }
  case 'token': {
    const [url, tenant] = args
    const { token } = await call('POST', `${url}/__admin/tokens`, JSON.stringify({ sub: 'ci', email: 'ci@scanstub.example.com', name: 'CI', tenant }))
    process.stdout.write(token)
    break
  }
  case 'journal': {
    const [url, tenant, limit = '50'] = args
    const journal = await call('GET', `${url}/__admin/requests?tenant=${encodeURIComponent(tenant)}&limit=${encodeURIComponent(limit)}`)
    process.stdout.write(JSON.stringify(journal, null, 2) + '\n')
    break
  }
  default:
    fail(`unknown command ${JSON.stringify(command)}`)
}
