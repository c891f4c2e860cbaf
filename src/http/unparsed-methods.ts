import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

export interface RawAnswer { status: number, headers: Record<string, string>, body: string }
/** What to answer a request Fastify never sees; undefined leaves it to Node (a 400, or a closed socket) */
export type RawAnswerer = (method: string, url: string, headers: IncomingHttpHeaders) => RawAnswer | undefined

function write (socket: Duplex, answer: RawAnswer): void {
  const head = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`, 'Connection: close',
    `Content-Length: ${Buffer.byteLength(answer.body)}`, ...Object.entries(answer.headers).map(([k, v]) => `${k}: ${v}`)]
  socket.end(`${head.join('\r\n')}\r\n\r\n${answer.body}`)
}

/** The request line and headers of a raw packet Node's parser refused (a method it does not know). */
export function parsePacket (packet: Buffer): { method: string, url: string, headers: IncomingHttpHeaders } | undefined {
  const text = packet.toString('latin1')
  const end = text.indexOf('\r\n\r\n')
  const lines = (end < 0 ? text : text.slice(0, end)).split('\r\n')
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '')
  if (!m) return undefined
  const headers: IncomingHttpHeaders = {}
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { method: m[1], url: m[2], headers }
}

/**
 * Answers what Node answers before any framework runs: a method its parser does not know (`FOO`: Node
 * would say 400 and close) and CONNECT (Node would drop the socket). Wired on the server once.
 */
export function answerUnparsedMethods (server: Server, answer: RawAnswerer): void {
  // Fastify's own clientError handler (a JSON 400) still answers every other client error
  const others = server.listeners('clientError') as ((err: Error, socket: Duplex) => void)[]
  server.removeAllListeners('clientError')
  server.on('clientError', (err: Error & { code?: string, rawPacket?: Buffer }, socket: Duplex) => {
    const request = err.code === 'HPE_INVALID_METHOD' && err.rawPacket ? parsePacket(err.rawPacket) : undefined
    const raw = request && answer(request.method, request.url, request.headers)
    if (raw && socket.writable) return write(socket, raw)
    for (const listener of others) listener.call(server, err, socket)
  })
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const raw = answer(request.method ?? 'CONNECT', request.url ?? '', request.headers)
    if (raw) write(socket, raw)
    else socket.destroy()
  })
}
