import Fastify from 'fastify'

/**
 * The ceiling for this stack: bare Fastify answering the same PATCH and GET routes with a constant body, no
 * auth, no validation, no store. Prints its base URL on stdout like `scanstub serve`.
 */
const body = JSON.stringify({ status: 200, message: 'Success', data: { id: 'scan-adhoc', name: 'bench' }, errors: [] })

async function main () {
  const app = Fastify({ logger: false })
  const answer = async () => body
  app.patch('/api/v1/scans/:scanId', answer)
  app.patch('/targets/:target_id/scheduledscans/:id/', answer)
  app.patch('/targets/:target_id/scheduledscans/:id', answer)
  app.get('/api/v1/scans/:scanId', answer)
  app.get('/targets/:target_id/scheduledscans/:id/', answer)
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
  const address = app.server.address()
  process.stdout.write(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`)
  const stop = () => app.close().then(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch(err => { console.error(err); process.exit(1) })
