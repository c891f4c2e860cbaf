/**
 * The container's HEALTHCHECK: GET /health on this machine's PORT, exit 0 on a 200 and 1 otherwise.
 * Node's own fetch, so the image needs no curl.
 */
const port = process.env.PORT && process.env.PORT !== '0' ? process.env.PORT : '8080'
fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2500) })
  .then(res => process.exit(res.status === 200 ? 0 : 1))
  .catch(() => process.exit(1))
