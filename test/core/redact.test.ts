import t from 'tap'
import { isSecretKey, REDACTED, redactBody, redactHeaders, redactQuery, redactUrl, schemeOf } from '../../src/core/redact'

// The redaction rules one by one, as the README states them: which names are secret, what an
// Authorization header keeps, and how query strings, URLs and bodies are walked.
t.test('a key is secret when its name holds one of the words, in any case', async t => {
  for (const name of ['password', 'PASSWD', 'pwd', 'client_secret', 'x-auth-token', 'api_key', 'apiKey', 'PRIVATE_KEY', 'authorization',
    'session_id', 'Cookie', 'set-cookie', 'credentials', 'signature']) t.ok(isSecretKey(name), name)
  for (const name of ['name', 'description', 'page', 'length', 'content-type', 'id', 'user', 'schedule']) t.notOk(isSecretKey(name), name)
})

t.test('headers: secret ones redacted; Authorization and Proxy-Authorization keep their scheme', async t => {
  t.same(redactHeaders({
    authorization: 'Bearer eyJabc.def.ghi',
    'proxy-authorization': 'Basic dXNlcjpwYXNz',
    'x-api-key': 'Bearer looks-like-a-scheme',
    cookie: 'a=b',
    'content-type': 'application/json',
    accept: ['a', 'b']
  }), {
    authorization: `Bearer ${REDACTED}`,
    'proxy-authorization': `Basic ${REDACTED}`,
    'x-api-key': REDACTED, // only the two Authorization headers keep a scheme
    cookie: REDACTED,
    'content-type': 'application/json',
    accept: ['a', 'b']
  })
  // what is not "<scheme> <credentials>" keeps nothing
  t.same(redactHeaders({ authorization: 'eyJabc' }), { authorization: REDACTED }, 'a bare token')
  t.same(redactHeaders({ authorization: 'Bearer' }), { authorization: REDACTED }, 'a scheme without credentials')
  t.same(redactHeaders({ authorization: 'Bearer ' }), { authorization: REDACTED }, 'a scheme and a space only')
  t.same(redactHeaders({ authorization: `${'A'.repeat(20)} x` }), { authorization: `${'A'.repeat(20)} ${REDACTED}` }, 'a scheme of 20 characters is kept')
  t.same(redactHeaders({ authorization: `${'A'.repeat(21)} x` }), { authorization: REDACTED }, 'one of 21 is not a scheme')
  t.same(redactHeaders({ authorization: '1abc x' }), { authorization: REDACTED }, 'a scheme starts with a letter')
  t.same(redactHeaders({ authorization: 'JWT-2 x' }), { authorization: `JWT-2 ${REDACTED}` }, 'letters, digits and dashes')
  t.same(redactHeaders({ authorization: 'JWT   x' }), { authorization: `JWT ${REDACTED}` }, 'several spaces after the scheme')
  t.same(redactHeaders({ authorization: ['Bearer a', 'Bearer b'] }), { authorization: REDACTED }, 'a repeated header, not a string')
})

t.test('schemeOf reads the scheme back from a redacted Authorization header only', async t => {
  t.equal(schemeOf(`Bearer ${REDACTED}`), 'Bearer')
  t.equal(schemeOf(`JWT ${REDACTED}`), 'JWT')
  t.equal(schemeOf(REDACTED), undefined, 'no scheme kept')
  t.equal(schemeOf(undefined), undefined, 'no header')
  t.equal(schemeOf('Bearer abc'), undefined, 'not redacted')
  t.equal(schemeOf([`Bearer ${REDACTED}`]), undefined, 'not a string')
})

t.test('query strings and URLs: secret parameters redacted, the rest kept as they were', async t => {
  t.same(redactQuery({ access_token: 'x', api_key: ['a', 'b'], page: '2', length: ['1', '2'] }),
    { access_token: REDACTED, api_key: REDACTED, page: '2', length: ['1', '2'] })
  t.equal(redactUrl('/targets/'), '/targets/', 'no query: as it was')
  t.equal(redactUrl('/targets/?page=2&length=10'), '/targets/?page=2&length=10', 'nothing secret: as it was')
  t.equal(redactUrl('/api/v1/scans?token=abc&limit=5'), `/api/v1/scans?token=${encodeURIComponent(REDACTED)}&limit=5`)
  t.equal(redactUrl('?token=abc'), `?token=${encodeURIComponent(REDACTED)}`, 'a query with no path before it')
  t.equal(redactUrl('/x?api_key=1&api_key=2&q=a'), `/x?api_key=${encodeURIComponent(REDACTED)}&q=a`, 'a repeated secret once, redacted')
})

t.test('bodies: secret fields redacted at any depth, in objects and arrays; bytes named by their length', async t => {
  t.equal(redactBody(null), null)
  t.equal(redactBody('text'), 'text')
  t.equal(redactBody(42), 42)
  t.equal(redactBody(Buffer.from('abcd')), '[4 bytes]')
  const body = { name: 'kept', password: 'p', list: [{ token: 't', n: 1 }, null, 'x', [{ secret: 's' }]], nested: { deep: { api_key: 'k', keep: true } }, file: Buffer.alloc(3) }
  t.same(redactBody(body), {
    name: 'kept',
    password: REDACTED,
    list: [{ token: REDACTED, n: 1 }, null, 'x', [{ secret: REDACTED }]],
    nested: { deep: { api_key: REDACTED, keep: true } },
    file: '[3 bytes]'
  })
  t.equal(body.password, 'p', 'a copy: the body itself is unchanged')
  t.ok(Array.isArray((redactBody([1, 2]) as unknown[])), 'an array stays an array')
  let deep: unknown = { password: 'p' }
  for (let i = 0; i < 20_000; i++) deep = { inner: deep }
  let walked = redactBody(deep) as Record<string, unknown>
  for (let i = 0; i < 20_000; i++) walked = walked.inner as Record<string, unknown>
  t.same(walked, { password: REDACTED }, '20,000 levels deep without overflowing the stack')
})
