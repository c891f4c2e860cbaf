import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** A server started as its own process, with its base URL read from its first stdout line. */
export interface ServerProcess { child: ChildProcess, url: string, startedAt: bigint }

export function startProcess (args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const startedAt = process.hrtime.bigint()
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no URL within ${timeoutMs} ms: ${out}${err}`)) }, timeoutMs)
    child.stderr!.on('data', d => { err += d })
    child.stdout!.on('data', d => {
      out += d
      const m = /(http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)
      if (m) { clearTimeout(timer); resolve({ child, url: m[1], startedAt }) }
    })
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`exited ${code} before listening: ${err}`)) })
  })
}

export function stopProcess (p: ServerProcess): Promise<void> {
  return new Promise(resolve => {
    if (p.child.exitCode !== null) return resolve()
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000)
    p.child.once('exit', () => { clearTimeout(timer); resolve() })
    p.child.kill('SIGTERM')
  })
}

/** Resident memory of a process in MB: `VmRSS` now, or `VmHWM`, the peak since it started. */
export function memoryMb (pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN)
  return Math.round(kb / 102.4) / 10
}

/** CPU time a process has used so far (user + system), in ms, from /proc. */
export function cpuMs (pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
  // after the command: state is field 3, utime 14 and stime 15 (counting from 1), in clock ticks of 10 ms
  return (Number(fields[11]) + Number(fields[12])) * 10
}
